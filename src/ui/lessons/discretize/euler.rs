//! `#/discretize`'s second question: Euler sub-steps converging to exp(ΔA)·h.

use super::{FINE, PanelProps, delta_a, failed, pair, step_of};
use crate::course::discretize::{H0, MAX_SUBSTEPS, substep_ladder};
use crate::explain::discretize::{euler_path, euler_substeps};
use crate::i18n::{fill, t};
use crate::mathml::{column, equals, exp, frac, mi, mo, num, paren, row, sub, sup};
use crate::plot::{
    Corner, EulerLabels, EulerScene, LogChart, Series, SeriesStyle, euler_plane, log_chart, palette,
};
use crate::ui::components::{DrawFn, Equation, Figure, Slider};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// Q2: exp(ΔA) h₀ as the limit of ever more, ever shorter Euler sub-steps.
#[function_component(EulerPanel)]
pub(super) fn euler_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let path = use_memo((s.example, s.delta, s.substeps), |&(example, _, n)| {
        euler_path(&example.system(), step_of(s), &H0, n, FINE)
    });
    let ladder = use_memo((s.example, s.delta), |&(example, _)| {
        euler_substeps(&example.system(), step_of(s), &H0, &substep_ladder())
    });
    let figures = use_memo((s.example, s.delta, s.substeps, lang), {
        let (path, ladder) = (path.clone(), ladder.clone());
        move |&(_, _, n, lang)| -> Option<(DrawFn, DrawFn)> {
            let (path, ladder) = ((*path).as_ref().ok()?, (*ladder).as_ref().ok()?);
            let euler: Vec<_> = path.euler.iter().map(pair).collect();
            let exact: Vec<_> = path.exact.iter().map(pair).collect();
            let plane: DrawFn = Rc::new(move |area, theme| {
                let scene = EulerScene {
                    euler: euler.clone(),
                    exact: exact.clone(),
                    labels: EulerLabels {
                        exact: t(lang, "discretize.legend_exact_path"),
                        euler: t(lang, "discretize.legend_euler_path"),
                        start: t(lang, "discretize.label_start"),
                        target: t(lang, "discretize.label_target"),
                        axes: (t(lang, "discretize.axis_h1"), t(lang, "discretize.axis_h2")),
                    },
                };
                euler_plane(area, &scene, theme).map(|_| None)
            });
            let points: Vec<(f64, f64)> =
                ladder.iter().map(|e| (e.substeps as f64, e.relative_error)).collect();
            let now = vec![(n as f64, path.relative_error)];
            let convergence: DrawFn = Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "discretize.axis_substeps"),
                    y_label: t(lang, "discretize.axis_rel_error"),
                    series: vec![
                        Series {
                            label: t(lang, "discretize.legend_ladder"),
                            points: points.clone(),
                            color: palette::ORANGE,
                            style: SeriesStyle::Line,
                        },
                        Series {
                            label: t(lang, "discretize.legend_now"),
                            points: now.clone(),
                            color: palette::INK,
                            style: SeriesStyle::Points,
                        },
                    ],
                    log_x: true,
                    marker_x: Some(n as f64),
                    floor: 1e-17,
                    corner: Corner::UpperRight,
                };
                log_chart(area, &chart, theme).map(|_| None)
            });
            Some((plane, convergence))
        }
    });
    let path = match &*path {
        Ok(path) => path,
        Err(e) => return failed(lang, e),
    };
    let n = num(s.substeps as f64, 6);
    let h0 = || sub(mi("h"), num(0.0, 1));
    let formula = equals([
        row([sup(paren(row([mi("I"), mo("+"), frac(delta_a(), n.clone())])), n), h0()]),
        column(path.euler.last().map(|h| h.as_slice()).unwrap_or(&[]), 4),
    ]);
    let target = equals([row([exp(delta_a()), h0()]), column(path.target.as_slice(), 4)]);
    html! {
        <>
            <Slider id="disc-substeps" label={t(lang, "discretize.substeps")} value={s.substeps as f64}
                    min={1.0} max={MAX_SUBSTEPS as f64} step={1.0} digits={0}
                    on_change={p.lesson.on(|s, v: f64| s.substeps = v.round() as usize)} />
            <div class="row">
                <div>
                    <Equation mathml={formula.block()} caption={t(lang, "discretize.eq_euler")} />
                    <Equation mathml={target.block()} caption={t(lang, "discretize.eq_target")} />
                    <p class="readout">{ fill(lang, "discretize.euler_error", &[("n", &s.substeps.to_string()), ("e", &short(path.relative_error))]) }</p>
                    if let Some((_, convergence)) = (*figures).clone() {
                        <Figure id="discretize/euler-error" draw={convergence} label={t(lang, "discretize.fig_euler_error")} aspect={0.6} />
                    }
                </div>
                <div>
                    if let Some((plane, _)) = (*figures).clone() {
                        <Figure id="discretize/euler" draw={plane} label={t(lang, "discretize.fig_euler")} aspect={0.8} />
                    }
                </div>
            </div>
        </>
    }
}
