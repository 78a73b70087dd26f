//! `#/discretize`'s first question: the Taylor series of exp(ΔA) term by term.

use super::{PanelProps, failed};
use crate::course::discretize::MAX_ORDER;
use crate::i18n::{fill, t};
use crate::mathml::{equals, exp, frac, matrix, mi, mo, num, row, sub, sup};
use crate::plot::{
    Corner, LogChart, Series, SeriesStyle, TaylorLabels, TaylorSquare, log_chart, mat2, palette,
    taylor_square,
};
use crate::ssm::expm;
use crate::ssm::lti::taylor_partial_sums;
use crate::ui::components::{DrawFn, Equation, Figure, Slider};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// Q1: e to the power of a matrix, one Taylor term at a time.
#[function_component(TaylorPanel)]
pub(super) fn taylor_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let sums = use_memo((s.example, s.delta), |&(example, delta)| {
        let m = example.system().a() * delta;
        Ok::<_, crate::ssm::SsmError>((taylor_partial_sums(&m, MAX_ORDER)?, expm(&m)?))
    });
    let k = s.order.min(MAX_ORDER);
    let figures = use_memo((s.example, s.delta, k, lang), {
        let sums = sums.clone();
        move |&(_, _, k, lang)| -> Option<(DrawFn, DrawFn)> {
            let (sums, exact) = (*sums).as_ref().ok()?;
            let shown: Vec<_> = sums[..=k].iter().map(|p| mat2(&p.sum)).collect();
            let exact = mat2(exact);
            let partial = fill(lang, "discretize.legend_partial", &[("k", &k.to_string())]);
            let square: DrawFn = Rc::new(move |area, theme| {
                let scene = TaylorSquare {
                    sums: shown.clone(),
                    exact,
                    labels: TaylorLabels {
                        square: t(lang, "discretize.legend_square"),
                        partial: &partial,
                        earlier: t(lang, "discretize.legend_earlier"),
                        exact: t(lang, "discretize.legend_exp"),
                        axes: (t(lang, "discretize.axis_first"), t(lang, "discretize.axis_second")),
                    },
                };
                taylor_square(area, &scene, theme).map(|_| None)
            });
            let points: Vec<(f64, f64)> =
                sums.iter().map(|p| (p.order as f64, p.relative_error)).collect();
            let errors: DrawFn = Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "discretize.axis_order"),
                    y_label: t(lang, "discretize.axis_rel_error"),
                    series: vec![Series {
                        label: "",
                        points: points.clone(),
                        color: palette::BLUE,
                        style: SeriesStyle::Line,
                    }],
                    log_x: false,
                    marker_x: Some(k as f64),
                    floor: 1e-17,
                    corner: Corner::UpperRight,
                };
                log_chart(area, &chart, theme)
            });
            Some((square, errors))
        }
    });
    let (sums, exact) = match &*sums {
        Ok(found) => found,
        Err(e) => return failed(lang, e),
    };
    let part = &sums[k];
    let given = s.example.system().a() * s.delta;
    let m = equals([mi("M"), row([mi("Δ"), mi("A")]), matrix(&given, 4)]);
    let k_math = || mi("k");
    let series = equals([
        sub(mi("S"), mi("K")),
        row([
            sup(sub(mo("∑"), row([k_math(), mo("="), num(0.0, 1)])), mi("K")),
            frac(sup(mi("M"), k_math()), row([k_math(), mo("!")])),
        ]),
        matrix(&part.sum, 4),
    ]);
    let term =
        equals([frac(sup(mi("M"), mi("K")), row([mi("K"), mo("!")])), matrix(&part.term, 4)]);
    let truth = equals([exp(mi("M")), matrix(exact, 4)]);
    html! {
        <>
            <Slider id="disc-order" label={t(lang, "discretize.order")} value={k as f64} min={0.0}
                    max={MAX_ORDER as f64} step={1.0} digits={0}
                    on_change={p.lesson.on(|s, v: f64| s.order = v.round() as usize)} />
            <div class="row">
                <div>
                    <Equation mathml={m.block()} caption={t(lang, "discretize.eq_m")} />
                    <Equation mathml={term.block()} caption={t(lang, "discretize.eq_term")} />
                    <Equation mathml={series.block()} caption={fill(lang, "discretize.eq_partial", &[("k", &k.to_string())])} />
                    <Equation mathml={truth.block()} caption={t(lang, "discretize.eq_exp")} />
                    <p class="readout">{ fill(lang, "discretize.taylor_error", &[("k", &k.to_string()), ("e", &short(part.relative_error))]) }</p>
                </div>
                <div>
                    if let Some((square, _)) = (*figures).clone() {
                        <Figure id="discretize/square" draw={square} label={t(lang, "discretize.fig_square")} aspect={0.8} />
                    }
                </div>
            </div>
            if let Some((_, errors)) = (*figures).clone() {
                <Figure id="discretize/taylor-error" draw={errors} label={t(lang, "discretize.fig_taylor_error")} aspect={0.3} />
            }
        </>
    }
}
