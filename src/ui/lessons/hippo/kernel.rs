//! The HiPPO lesson's S4 panel: the fixed-step LegS kernel, recurrence against convolution.

use super::{Edit, failed, mspace, plot_failure, short};
use crate::course::hippo::HippoLesson;
use crate::course::hippo::SignalChoice;
use crate::figures;
use crate::i18n::{fill, t};
use crate::mathml::{Math, bar, mi, mo, num, paren, row, sqrt, sub, sup};
use crate::plot::FigureData;
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
        figures::hippo::kernel_views(*n, f64::from_bits(*delta), f64::from_bits(*delay), signal)
    });
    let delay = p.delay;
    let kernel_draw = {
        let views = views.clone();
        use_memo((key.clone(), lang), move |(_, lang)| -> DrawFn {
            let lang = *lang;
            Rc::new(move |area, theme| {
                let (_, _, views) = (*views).as_ref().map_err(plot_failure)?;
                figures::hippo::kernel(area, theme, lang, views, delay)
            })
        })
    };
    let outputs_draw = {
        let views = views.clone();
        use_memo((key, p.hover.map(f64::to_bits), lang), move |(_, hover, lang)| -> DrawFn {
            let (lang, marker_x) = (*lang, hover.map(f64::from_bits));
            Rc::new(move |area, theme| {
                let (_, samples, views) = (*views).as_ref().map_err(plot_failure)?;
                figures::hippo::outputs(area, theme, lang, samples, views, marker_x)
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
