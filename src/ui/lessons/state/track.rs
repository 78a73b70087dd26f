//! The tracking example of `#/state`: an object seen through noisy positions, predicted from the
//! last position alone and from (position, velocity), played step by step.

use super::PanelProps;
use crate::ui::errors::error_text;
use crate::course::state::{STEPS, WARMUP};
use crate::explain::tracking::{Tracking, prediction_errors};
use crate::i18n::{fill, t};
use crate::plot::{TrackScene, track_view, tracking};
use crate::ui::components::{DrawFn, Figure, PlayControls, Slider, Toggle};
use crate::ui::hooks::{Track, use_player};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between steps while playing.
const TICK_MS: u32 = 250;
/// How many of the latest steps the zoomed tracking view keeps in sight.
const RECENT: usize = 6;

#[function_component(TrackPanel)]
pub(super) fn track_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    // Computed once per noise level, shown up to step k.
    let track = use_memo(s.noise.to_bits(), |bits| {
        Tracking { steps: STEPS, dt: 1.0, noise: f64::from_bits(*bits), jitter: 0.03, seed: 2024 }
            .run()
    });
    let player = use_player(
        s.k as f64,
        Track::steps(1, STEPS, TICK_MS),
        lesson.on(|s, k: f64| s.k = k as usize),
    );
    let track = match &*track {
        Ok(track) => track.clone(),
        Err(e) => return html! { <p class="banner warning">{ error_text(lang, e) }</p> },
    };
    let k = s.k.min(track.len());
    let (err_velocity, err_position) =
        prediction_errors(&track[..(k + 1).min(track.len())], WARMUP.min(k.saturating_sub(1)));
    let track_draw: DrawFn = {
        let truth = s.truth;
        let labels = [
            t(lang, "state.legend_observed"),
            t(lang, "state.legend_estimated"),
            t(lang, "state.legend_truth"),
            t(lang, "state.legend_predicted"),
            t(lang, "state.legend_naive"),
            t(lang, "state.legend_actual"),
        ];
        let axes = (t(lang, "state.axis_x"), t(lang, "state.axis_y"));
        Rc::new(move |area, theme| {
            let shown = &track[..k];
            let now = &shown[k - 1];
            let pair = |p: [f64; 2]| (p[0], p[1]);
            // Zoomed on the last steps and the two predictions: the lag the lesson is about
            // (the cross behind, the triangle on target) fills the figure.
            let recent = &shown[k.saturating_sub(RECENT)..];
            let view = track_view(
                recent
                    .iter()
                    .flat_map(|p| [pair(p.observed), (p.estimate[0], p.estimate[1])])
                    .chain([pair(now.predicted_next), pair(now.naive_next)])
                    .chain(track.get(k).filter(|_| truth).map(|p| pair(p.truth))),
                1.0,
            );
            let scene = TrackScene {
                observed: shown.iter().map(|p| pair(p.observed)).collect(),
                estimated: shown.iter().map(|p| (p.estimate[0], p.estimate[1])).collect(),
                truth: if truth {
                    shown.iter().map(|p| pair(p.truth)).collect()
                } else {
                    Vec::new()
                },
                predicted: pair(now.predicted_next),
                naive: pair(now.naive_next),
                actual_next: if truth { track.get(k).map(|p| pair(p.truth)) } else { None },
                labels,
                axes,
                view,
            };
            tracking(area, &scene, theme).map(|_| None)
        })
    };
    html! {
        <section class="panel">
            <div class="controls">
                <Slider id="state-noise" label={t(lang, "state.noise")} value={s.noise} min={0.0} max={2.0} step={0.05}
                        on_change={lesson.on(|s, v| s.noise = v)} />
                <Slider id="state-k" label={t(lang, "state.step")} value={s.k as f64} min={1.0} max={STEPS as f64} step={1.0} digits={0}
                        on_change={lesson.on(|s, v: f64| s.k = v as usize)} />
                <Toggle id="state-truth" label={t(lang, "state.show_truth")} checked={s.truth}
                        on_change={lesson.on(|s, v| s.truth = v)} />
            </div>
            <PlayControls player={player}
                position={fill(lang, "state.position", &[("k", &k.to_string()), ("n", &STEPS.to_string())])} />
            <Figure id="state/track" draw={track_draw} label={t(lang, "state.track_label")} aspect={0.6} />
            <p class="readout">{ fill(lang, "state.error_naive", &[("e", &format!("{err_position:.2}"))]) }</p>
            <p class="readout">{ fill(lang, "state.error_velocity", &[("e", &format!("{err_velocity:.2}"))]) }</p>
        </section>
    }
}
