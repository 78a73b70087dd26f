//! The tracking example of `#/state`: an object seen through noisy positions, predicted from the
//! last position alone and from (position, velocity), played step by step.

use super::PanelProps;
use crate::ui::errors::error_text;
use crate::course::state::{STEPS, WARMUP};
use crate::explain::tracking::prediction_errors;
use crate::figures;
use crate::i18n::{fill, t};
use crate::ui::components::{DrawFn, Figure, PlayControls, Slider, Toggle};
use crate::ui::hooks::{Same, Track, use_draw, use_player};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between steps while playing.
const TICK_MS: u32 = 250;

#[function_component(TrackPanel)]
pub(super) fn track_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    // Computed once per noise level, shown up to step k.
    let track = use_memo(s.noise.to_bits(), |bits| figures::state::track_run(f64::from_bits(*bits)));
    let player = use_player(
        s.k as f64,
        Track::steps(1, STEPS, TICK_MS),
        lesson.on(|s, k: f64| s.k = k as usize),
    );
    let k = s.k;
    let track_draw = use_draw(
        (lang, Same(track.clone()), k, s.truth),
        |(lang, track, k, truth)| -> DrawFn {
            let (lang, track, k, truth) = (*lang, track.0.clone(), *k, *truth);
            Rc::new(move |area, theme| match &*track {
                Ok(run) => figures::state::track(area, theme, lang, run, k.min(run.len()), truth),
                Err(_) => Ok(None),
            })
        },
    );
    let track = match &*track {
        Ok(track) => track.clone(),
        Err(e) => return html! { <p class="banner warning">{ error_text(lang, e) }</p> },
    };
    let k = s.k.min(track.len());
    let (err_velocity, err_position) =
        prediction_errors(&track[..(k + 1).min(track.len())], WARMUP.min(k.saturating_sub(1)));
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
