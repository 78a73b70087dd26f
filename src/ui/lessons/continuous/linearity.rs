//! `#/continuous`'s second question, "why is the SSM linear, and what would break if not?":
//! superposition and the convolution view, with a tanh that can be inserted.

use super::{PanelProps, system_bits};
use crate::course::continuous::{AMPLITUDE_RANGE, ContinuousLesson, DURATION, view_limit};
use crate::explain::continuous::{
    ConvolutionCheck, Superposition, Update, convolution_check, superposition,
};
use crate::format::scientific;
use crate::i18n::{Lang, fill, t};
use crate::mathml::{dot, mi, mo, paren, row};
use crate::plot::{LineChart, Series, SeriesStyle, line_chart, palette};
use crate::ssm::SsmError;
use crate::ui::components::{DrawFn, Equation, Figure, Prose, Slider, Toggle};
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::{error_banner, thin, until_off_chart};
use plotters::style::RGBColor;
use std::rc::Rc;
use yew::prelude::*;

/// A chart of outputs against time for the linearity panel: (legend key, values, colour, style).
fn outputs_chart(
    lang: Lang,
    times: &[f64],
    lines: Vec<(&'static str, &[f64], RGBColor, SeriesStyle)>,
    limit: Option<(f64, f64)>,
) -> DrawFn {
    let series: Vec<Series<'static>> = lines
        .into_iter()
        .map(|(key, ys, color, style)| Series {
            label: t(lang, key),
            points: thin(until_off_chart(
                times.iter().copied().zip(ys.iter().copied()).collect(),
                limit,
            )),
            color,
            style,
        })
        .collect();
    Rc::new(move |area, theme| {
        let chart = LineChart {
            x_label: t(lang, "continuous.axis_time"),
            y_label: t(lang, "continuous.axis_output"),
            series: series.clone(),
            y_limit: limit,
            x_range: Some((0.0, DURATION * 1.03)),
            ..LineChart::default()
        };
        line_chart(area, &chart, theme).map(|_| None)
    })
}

/// "Why is the SSM linear, and what would break if not?": the response to x₁ + x₂ against the
/// sum of the responses, and the convolution view, with a tanh that can be inserted.
#[function_component(LinearityPanel)]
pub(super) fn linearity_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let m = &p.model;
    let update = if s.tanh { Update::Tanh } else { Update::Linear };
    let checks = use_memo((system_bits(s), s.amp1.to_bits(), s.amp2.to_bits(), update), |_| {
        let (x1, x2) = s.superposition_inputs()?;
        let sup = superposition(&m.sys, &x1, &x2, update)?;
        let conv = convolution_check(&m.sys, &x1.plus(&x2)?, update)?;
        Ok::<(Superposition, ConvolutionCheck), SsmError>((sup, conv))
    });
    let limit = view_limit(Some(m.stability));
    // Both charts from the checks (every hook runs before the early return below).
    let charts =
        use_memo((checks.clone(), lang, limit.map(|l| l.0.to_bits())), |(checks, lang, _)| {
            let (sup, conv) = checks.as_ref().as_ref().ok()?;
            let sup_chart = outputs_chart(
                *lang,
                &sup.times,
                vec![
                    ("continuous.legend_y1", &sup.first, palette::SKY, SeriesStyle::Line),
                    ("continuous.legend_y2", &sup.second, palette::PURPLE, SeriesStyle::Line),
                    (
                        "continuous.legend_of_sum",
                        &sup.response_to_sum,
                        palette::RED,
                        SeriesStyle::Line,
                    ),
                    (
                        "continuous.legend_sum_of",
                        &sup.sum_of_responses,
                        palette::INK,
                        SeriesStyle::Dashed,
                    ),
                ],
                limit,
            );
            let conv_chart = outputs_chart(
                *lang,
                &conv.times,
                vec![
                    ("continuous.legend_stepped", &conv.stepped, palette::RED, SeriesStyle::Line),
                    (
                        "continuous.legend_convolved",
                        &conv.convolved,
                        palette::INK,
                        SeriesStyle::Dashed,
                    ),
                ],
                limit,
            );
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
