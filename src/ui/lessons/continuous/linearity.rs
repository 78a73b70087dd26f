//! `#/continuous`'s second question, "why is the SSM linear, and what would break if not?":
//! superposition and the convolution view, with a tanh that can be inserted.

use super::{PanelProps, system_bits};
use crate::course::continuous::{AMPLITUDE_RANGE, ContinuousLesson, view_limit};
use crate::figures;
use crate::format::scientific;
use crate::i18n::{fill, t};
use crate::mathml::{dot, mi, mo, paren, row};
use crate::ui::components::{DrawFn, Equation, Figure, Prose, Slider, Toggle};
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::error_banner;
use std::rc::Rc;
use yew::prelude::*;

/// "Why is the SSM linear, and what would break if not?": the response to x₁ + x₂ against the
/// sum of the responses, and the convolution view, with a tanh that can be inserted.
#[function_component(LinearityPanel)]
pub(super) fn linearity_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let m = &p.model;
    let checks = use_memo((system_bits(s), s.amp1.to_bits(), s.amp2.to_bits(), s.tanh), |_| {
        figures::continuous::checks(s, &m.sys)
    });
    let limit = view_limit(Some(m.stability));
    // Both charts from the checks (every hook runs before the early return below).
    let charts =
        use_memo((checks.clone(), lang, limit.map(|l| l.0.to_bits())), |(checks, lang, _)| {
            checks.as_ref().as_ref().ok()?;
            let (lang, a, b) = (*lang, checks.clone(), checks.clone());
            let sup_chart: DrawFn = Rc::new(move |area, theme| match &*a {
                Ok((sup, _)) => figures::continuous::superposition_chart(area, theme, lang, sup, limit),
                Err(_) => Ok(None),
            });
            let conv_chart: DrawFn = Rc::new(move |area, theme| match &*b {
                Ok((_, conv)) => figures::continuous::convolution_chart(area, theme, lang, conv, limit),
                Err(_) => Ok(None),
            });
            Some((sup_chart, conv_chart))
        });
    let ((sup, conv), (sup_draw, conv_draw)) = match (&*checks, &*charts) {
        (Ok(c), Some(d)) => (c.clone(), d.clone()),
        (Err(e), _) => return error_banner(lang, "continuous.error", e),
        (Ok(_), None) => return html! {},
    };
    let edit = |f: fn(&mut ContinuousLesson, f64)| p.lesson.on(f);
    let on_tanh = p.lesson.on(|s, v| s.tanh = v);
    let inner = row([mi("A"), mi("h"), mo("+"), mi("B"), mi("x")]);
    let rule = if s.tanh {
        row([dot(mi("h")), mo("="), mi("tanh"), paren(inner)])
    } else {
        row([dot(mi("h")), mo("="), inner])
    };
    // Rounding-level gaps (relative to the size of the response) count as "holds".
    let scale = sup.response_to_sum.iter().map(|y| y.abs()).fold(1.0, f64::max);
    let holds = |gap: f64| gap <= 1e-9 * scale;
    let verdict = |gap: f64, yes: &str, no: &str| {
        let key = if holds(gap) { yes } else { no };
        format!("{} {}", fill(lang, "continuous.gap", &[("e", &scientific(gap))]), t(lang, key))
    };
    html! {
        <div class="linearity-panel">
            <Prose keys={vec!["continuous.linear1", "continuous.linear2"]} />
            <div class="controls">
                <Slider id="continuous-x1" label={t(lang, "continuous.amp1")} value={s.amp1}
                        min={AMPLITUDE_RANGE.0} max={AMPLITUDE_RANGE.1} step={0.1} on_change={edit(|s, v| s.amp1 = v)} />
                <Slider id="continuous-x2" label={t(lang, "continuous.amp2")} value={s.amp2}
                        min={AMPLITUDE_RANGE.0} max={AMPLITUDE_RANGE.1} step={0.1} on_change={edit(|s, v| s.amp2 = v)} />
                <Toggle id="continuous-tanh" label={t(lang, "continuous.tanh_toggle")} checked={s.tanh} on_change={on_tanh} />
            </div>
            <Equation mathml={rule.block()} caption={t(lang, if s.tanh { "continuous.rule_tanh" } else { "continuous.rule_linear" })} />
            <Figure id="continuous/superposition" draw={sup_draw} label={t(lang, "continuous.sup_label")} aspect={0.42} />
            <p class={classes!("readout", if holds(sup.max_gap) { "holds" } else { "breaks" })}>
                { verdict(sup.max_gap, "continuous.sup_holds", "continuous.sup_breaks") }
            </p>
            <Prose keys={vec!["continuous.conv1"]} />
            <Figure id="continuous/convolution" draw={conv_draw} label={t(lang, "continuous.conv_label")} aspect={0.42} />
            <p class={classes!("readout", if holds(conv.max_gap) { "holds" } else { "breaks" })}>
                { verdict(conv.max_gap, "continuous.conv_holds", "continuous.conv_breaks") }
            </p>
            <Prose keys={vec!["continuous.linear3"]} />
        </div>
    }
}
