//! `#/continuous`'s first question, "how is h'(t) used?": forward-Euler steps that follow the
//! rate arrow next to the exact path.

use super::{PanelProps, plane_limit, system_bits};
use crate::course::continuous::{EULER_RANGE, euler_steps, view_limit};
use crate::explain::continuous::{EulerWalk, euler_walk};
use crate::format::{decimal, scientific};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{column, dot, equals, mi, mo, num, paren, row, sub};
use crate::plot::{LegendEntry, PhaseScene, Swatch, palette, phase_portrait, phase_view};
use crate::ssm::{Continuous, Step};
use crate::ui::components::{DrawFn, Equation, Figure, PlayControls, Prose, Slider};
use crate::ui::hooks::{Track, use_player};
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::{Run, error_banner, field_arrows};
use nalgebra::DMatrix;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between Euler steps while playing.
const EULER_TICK_MS: u32 = 350;

/// The Euler figure: the exact path and state at t_k, the Euler steps up to k, and the next
/// step Δt·h'(t_k) as the red arrow, over the field for the input at t_k.
fn euler_draw(
    lang: Lang,
    run: Rc<Run>,
    sys: Rc<Continuous>,
    path: Rc<EulerWalk>,
    k: usize,
    limit: Option<(f64, f64)>,
) -> DrawFn {
    let texts = [
        t(lang, "continuous.legend_exact"),
        t(lang, "continuous.legend_exact_now"),
        t(lang, "continuous.legend_euler"),
        t(lang, "continuous.legend_next"),
    ];
    let axes = (t(lang, "continuous.phase_axis_h1"), t(lang, "continuous.phase_axis_h2"));
    Rc::new(move |area, theme| {
        let at = |m: &DMatrix<f64>, i: usize| (m[(0, i)], m[(1, i)]);
        let steps: Vec<(f64, f64)> = (0..=k).map(|i| at(&path.states, i)).collect();
        // The view holds everything drawn: the exact path, the Euler chain up to k and the
        // tip of the next step's arrow, so a diverging Euler path widens the axes instead of
        // leaving the picture (capped only where an unstable system is capped).
        let rate = at(&path.rates, k);
        let tip = (steps[k].0 + rate.0 * path.step, steps[k].1 + rate.1 * path.step);
        let view = phase_view(
            run.points().into_iter().chain(steps.iter().copied()).chain([tip]),
            0.5,
            plane_limit(limit),
        );
        let time = path.times[k];
        let j = run.response.index_at(time);
        let entry = |label, color, swatch| LegendEntry { label, color, swatch };
        let scene = PhaseScene {
            axes,
            view,
            field: field_arrows(&sys, run.input_at(time), view),
            path: run.points(),
            travelled: j + 1,
            now: Some(run.point(j)),
            arrow: Some((at(&path.states, k), (rate.0 * path.step, rate.1 * path.step))),
            steps,
            legend: vec![
                entry(texts[0], palette::GREEN, Swatch::Line),
                entry(texts[1], palette::BLUE, Swatch::Dot),
                entry(texts[2], palette::PURPLE, Swatch::Line),
                entry(texts[3], palette::RED, Swatch::Line),
            ],
            ..PhaseScene::default()
        };
        phase_portrait(area, &scene, theme).map(|_| None)
    })
}

/// "How is h'(t) used to move the state forward?": forward-Euler steps that follow the rate
/// arrow, next to the exact path, with Δt and the step count under the learner's hand.
#[function_component(EulerPanel)]
pub(super) fn euler_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let m = &p.model;
    let path =
        use_memo((system_bits(s), s.input, s.period.to_bits(), s.euler_dt.to_bits()), |_| {
            let signal = s.signal()?;
            euler_walk(&m.sys, &signal, Step::new(s.euler_dt)?, euler_steps(s.euler_dt))
        });
    let last = path.as_ref().as_ref().map_or(0, |p| p.times.len() - 1);
    let k = s.euler_k.min(last);
    let limit = view_limit(Some(m.stability));
    let player = use_player(
        k as f64,
        Track::steps(0, last, EULER_TICK_MS),
        p.lesson.on(|s, k: f64| s.euler_k = k as usize),
    );
    let on_dt = p.lesson.on(|s, v: f64| {
        // Keep the same time in view: k steps of the old Δt ≈ k' steps of the new one.
        let time = s.euler_k as f64 * s.euler_dt;
        s.euler_k = ((time / v).round() as usize).min(euler_steps(v));
        s.euler_dt = v;
    });
    // The figure changes with the path and the step shown, not with the lesson's clock.
    let draw = use_memo(
        (path.clone(), k, lang, m.run.clone(), m.sys.clone()),
        |(path, k, lang, run, sys)| {
            let path = path.as_ref().as_ref().ok()?;
            Some(euler_draw(*lang, run.clone(), sys.clone(), Rc::new(path.clone()), *k, limit))
        },
    );
    let (path, draw) = match (&*path, &*draw) {
        (Ok(path), Some(draw)) => (path, draw.clone()),
        (Err(e), _) => return error_banner(lang, "continuous.error", e),
        (Ok(_), None) => return html! {},
    };
    let column_of =
        |m: &DMatrix<f64>, k: usize| -> Vec<f64> { m.column(k).iter().copied().collect() };
    let (h_k, r_k) = (column_of(&path.states, k), column_of(&path.rates, k));
    let dt = path.step;
    let hk = |k: &str| sub(mi("h"), mi(k));
    let mut step_eq = vec![
        equals([
            sub(mi("h"), row([mi("k"), mo("+"), mi("1")])),
            row([hk("k"), mo("+"), mi("Δt"), mo("·"), dot(mi("h")), paren(sub(mi("t"), mi("k")))]),
        ]),
        mo(":"),
        column(&h_k, 3),
        mo("+"),
        num(dt, 3),
        mo("·"),
        column(&r_k, 3),
    ];
    if k < last {
        step_eq.extend([mo("="), column(&column_of(&path.states, k + 1), 3)]);
    }
    let error = fill(
        lang,
        "continuous.euler_error",
        &[("k", &k.to_string()), ("t", &decimal(path.times[k])), ("e", &scientific(path.error(k)))],
    );
    html! {
        <div class="euler-panel">
            <Prose keys={vec!["continuous.euler1", "continuous.euler2"]} />
            <div class="controls">
                <Slider id="continuous-euler-dt" label={t(lang, "continuous.euler_dt")} value={s.euler_dt}
                        min={EULER_RANGE.0} max={EULER_RANGE.1} step={0.05} unit={t(lang, "unit.seconds")} on_change={on_dt} />
                <PlayControls player={player}
                    position={fill(lang, "continuous.euler_position", &[("k", &k.to_string()), ("n", &last.to_string())])} />
            </div>
            <Figure id="continuous/euler" draw={draw} label={t(lang, "continuous.euler_label")} aspect={0.7} />
            <Equation mathml={row(step_eq).block()} caption={t(lang, "continuous.euler_eq_caption")} />
            <p class="readout">{ error }</p>
        </div>
    }
}

