//! `#/continuous`'s first question, "how is h'(t) used?": forward-Euler steps that follow the
//! rate arrow next to the exact path.

use super::{PanelProps, system_bits};
use crate::figures;
use crate::course::continuous::{EULER_RANGE, euler_steps, view_limit};
use crate::format::{decimal, scientific};
use crate::i18n::{fill, t};
use crate::mathml::{column, dot, equals, mi, mo, num, paren, row, sub};
use crate::ui::components::{DrawFn, Equation, Figure, PlayControls, Prose, Slider};
use crate::ui::hooks::{Track, use_player};
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::error_banner;
use nalgebra::DMatrix;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between Euler steps while playing.
const EULER_TICK_MS: u32 = 350;

/// "How is h'(t) used to move the state forward?": forward-Euler steps that follow the rate
/// arrow, next to the exact path, with Δt and the step count under the learner's hand.
#[function_component(EulerPanel)]
pub(super) fn euler_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let m = &p.model;
    let path =
        use_memo((system_bits(s), s.input, s.period.to_bits(), s.euler_dt.to_bits()), |_| {
            figures::continuous::euler_path(s, &m.sys)
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
            path.as_ref().as_ref().ok()?;
            let (path, k, lang, run, sys) = (path.clone(), *k, *lang, run.clone(), sys.clone());
            let draw: DrawFn = Rc::new(move |area, theme| match &*path {
                Ok(path) => figures::continuous::euler(area, theme, lang, &run, &sys, path, k, limit),
                Err(_) => Ok(None),
            });
            Some(draw)
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

