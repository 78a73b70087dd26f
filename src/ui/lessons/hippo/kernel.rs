//! The HiPPO lesson's S4 panel: the fixed-step LegS kernel, recurrence against convolution.

use super::{Edit, failed, mspace, plot_failure, short};
use crate::course::hippo::HippoLesson;
use crate::course::hippo::SignalChoice;
use crate::explain::hippo::{legs_delay_readout, legs_fixed_views};
use crate::i18n::{fill, t};
use crate::mathml::{Math, bar, mi, mo, num, paren, row, sqrt, sub, sup};
use crate::plot::{FigureData, LineChart, Series, SeriesStyle, line_chart, palette};
use crate::ssm::Step;
use crate::ui::components::{DrawFn, Equation, Figure, Slider};
use crate::ui::hooks::on;
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct KernelProps {
    pub(super) n: usize,
    pub(super) delta: f64,
    pub(super) delay: f64,
    pub(super) signal: SignalChoice,
    pub(super) hover: Option<f64>,
    pub(super) on_hover: Callback<Option<f64>>,
    pub(super) edit: Callback<Edit>,
}

/// S4's fixed-step LegS: the readout C that asks for the input `delay` steps ago, the kernel,
/// and the output by recurrence and by convolution side by side.
#[function_component(KernelPanel)]
pub(super) fn kernel_panel(p: &KernelProps) -> Html {
    let lang = use_lang();
    let key = (p.n, p.delta.to_bits(), p.delay.to_bits(), p.signal.clone());
    let views = use_memo(key.clone(), |(n, delta, delay, signal)| {
        let step = Step::new(f64::from_bits(*delta))?;
        let c = legs_delay_readout(*n, step, f64::from_bits(*delay))?;
        let samples = signal.samples();
        legs_fixed_views(step, &c, &samples).map(|v| (c, samples, v))
    });
    let delay = p.delay;
    let kernel_draw = {
        let views = views.clone();
        use_memo((key.clone(), lang), move |(_, lang)| -> DrawFn {
            let lang = *lang;
            Rc::new(move |area, theme| {
                let (_, _, views) = (*views).as_ref().map_err(plot_failure)?;
                let chart = LineChart {
                    x_label: t(lang, "hippo.axis_lag"),
                    y_label: t(lang, "hippo.axis_kernel"),
                    series: vec![Series {
                        label: t(lang, "hippo.legend_kernel"),
                        points: views
                            .kernel
                            .iter()
                            .enumerate()
                            .map(|(j, &k)| (j as f64, k))
                            .collect(),
                        color: palette::RED,
                        style: SeriesStyle::Line,
                    }],
                    marker_x: Some(delay),
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            })
        })
    };
    let outputs_draw = {
        let views = views.clone();
        use_memo((key, p.hover.map(f64::to_bits), lang), move |(_, hover, lang)| -> DrawFn {
            let (lang, marker_x) = (*lang, hover.map(f64::from_bits));
            Rc::new(move |area, theme| {
                let (_, samples, views) = (*views).as_ref().map_err(plot_failure)?;
                let at_steps =
                    |v: &[f64]| v.iter().enumerate().map(|(k, &y)| ((k + 1) as f64, y)).collect();
                let chart = LineChart {
                    x_label: t(lang, "hippo.axis_k"),
                    y_label: t(lang, "hippo.axis_value"),
                    series: vec![
                        Series {
                            label: t(lang, "hippo.legend_input"),
                            points: at_steps(samples),
                            color: palette::BLUE,
                            style: SeriesStyle::Line,
                        },
                        Series {
                            label: t(lang, "hippo.legend_recurrent"),
                            points: at_steps(&views.recurrent),
                            color: palette::RED,
                            style: SeriesStyle::Line,
                        },
                        Series {
                            label: t(lang, "hippo.legend_convolved"),
                            points: at_steps(&views.convolved),
                            color: palette::ORANGE,
                            style: SeriesStyle::Dashed,
                        },
                    ],
                    y_limit: Some((-3.0, 3.0)),
                    marker_x,
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            })
        })
    };
    let outputs_data = use_memo((p.n, p.delta.to_bits(), p.delay.to_bits(), p.signal.clone(), lang), {
        let views = views.clone();
        move |(.., lang)| {
            let (_, samples, v) = (*views).as_ref().ok()?;
            let k: Vec<f64> = (1..=samples.len()).map(|k| k as f64).collect();
            let columns = ["hippo.axis_k", "hippo.legend_input", "hippo.legend_recurrent", "hippo.legend_convolved"];
            let columns = columns.iter().map(|key| t(*lang, key).to_owned()).collect();
            Some(Rc::new(FigureData::columns(columns, &[&k, samples, &v.recurrent, &v.convolved])))
        }
    });
    let (c, views) = match &*views {
        Ok((c, _, views)) => (c, views),
        Err(e) => return failed(lang, e),
    };
    let u = (-p.delta * p.delay).exp();
    let readout = row([
        sub(mi("C"), mi("n")),
        mo("="),
        sqrt(row([num(2.0, 1), mi("n"), mo("+"), num(1.0, 1)])),
        sub(mi("P"), mi("n")),
        paren(row([num(2.0, 1), mi("u"), mo("−"), num(1.0, 1)])),
        mo(","),
        mspace(),
        mi("u"),
        mo("="),
        sup(mi("e"), row([mo("−"), mi("Δ"), mo("·"), mi("d")])),
        mo("="),
        num(u, 3),
        mo(","),
        mspace(),
        mi("C"),
        mo("="),
        Math::Table(vec![
            c.iter().take(5).map(|&v| num(v, 3)).chain((c.len() > 5).then(|| mo("…"))).collect(),
        ]),
    ]);
    html! {
        <section class="panel">
            <div class="controls">
                <Slider id="hippo-delta" label={t(lang, "hippo.delta")} value={p.delta} min={0.005} max={0.2} step={0.005}
                        digits={3} on_change={on(&p.edit, |s: &mut HippoLesson, v: f64| s.delta = v)} />
                <Slider id="hippo-delay" label={t(lang, "hippo.delay")} value={p.delay} min={0.0} max={100.0} step={1.0}
                        digits={0} unit={t(lang, "hippo.steps_unit")} on_change={on(&p.edit, |s: &mut HippoLesson, v: f64| s.delay = v)} />
            </div>
            <Equation mathml={readout.block()} caption={t(lang, "hippo.readout_caption")} />
            <div class="row">
                <Figure id="hippo/kernel" draw={(*kernel_draw).clone()} label={t(lang, "hippo.kernel_label")} aspect={0.6} />
                <Figure id="hippo/outputs" draw={(*outputs_draw).clone()} label={t(lang, "hippo.outputs_label")} aspect={0.6}
                        on_hover={p.on_hover.clone()} data={(*outputs_data).clone()} />
            </div>
            <p class="readout max-diff" data-value={views.max_difference.to_string()} aria-live="polite">{ fill(lang, "hippo.max_diff", &[("d", &short(views.max_difference))]) }</p>
            <Equation mathml={bilinear().block()} caption={t(lang, "hippo.bilinear_caption")} />
            <Equation mathml={kernel_terms(&views.kernel).block()} caption={t(lang, "hippo.kernel_caption")} />
        </section>
    }
}

/// The bilinear rule: Ā = (I − Δ/2·A)⁻¹(I + Δ/2·A), B̄ = (I − Δ/2·A)⁻¹ΔB.
fn bilinear() -> Math {
    let step_math = row([mi("Δ"), mo("/"), num(2.0, 1)]);
    let half = |sign: &str| paren(row([mi("I"), mo(sign), step_math.clone(), mo("·"), mi("A")]));
    let inverse = sup(half("−"), row([mo("−"), num(1.0, 1)]));
    row([
        bar(mi("A")),
        mo("="),
        inverse.clone(),
        half("+"),
        mo(","),
        mspace(),
        bar(mi("B")),
        mo("="),
        inverse,
        mi("Δ"),
        mi("B"),
    ])
}

/// K = (C B̄, C Ā B̄, C Ā² B̄, …) and its first numbers.
fn kernel_terms(kernel: &[f64]) -> Math {
    let first: Vec<Math> = kernel.iter().take(4).map(|&k| num(k, 3)).collect();
    let mut kernel_terms = vec![
        mi("K"),
        mo("="),
        paren(row([
            mi("C"),
            bar(mi("B")),
            mo(","),
            mi("C"),
            bar(mi("A")),
            bar(mi("B")),
            mo(","),
            mi("C"),
            sup(bar(mi("A")), num(2.0, 1)),
            bar(mi("B")),
            mo(","),
            mo("…"),
        ])),
        mo("="),
        mo("("),
    ];
    for (i, term) in first.into_iter().enumerate() {
        if i > 0 {
            kernel_terms.push(mo(","));
        }
        kernel_terms.push(term);
    }
    kernel_terms.extend([mo(","), mo("…"), mo(")")]);
    row(kernel_terms)
}
