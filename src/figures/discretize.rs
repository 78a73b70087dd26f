//! Lesson 3's figures (`#/discretize`): the held tokens against the exact output and the
//! rules' errors, the Taylor series of exp(ΔA) (the unit square and the error), Euler sub-steps
//! (the path and the convergence), Ā's eigenvalues against the unit circle, and B̄ as an area.

use super::{Drawn, Entry, FigureError};
use crate::course::discretize::{
    DELTA_RANGE, DiscretizeLesson, H0, MAX_ORDER, SAMPLES_PER_STEP, TOKENS, locus_steps,
    substep_ladder,
};
use crate::explain::discretize::{
    BBarIntegral, EulerEstimate, EulerPath, LocusPoint, RuleComparison, b_bar_integral,
    compare_rules, eigenvalue_locus, euler_path, euler_substeps,
};
use crate::i18n::{Lang, fill, t};
use crate::plot::{
    Corner, DiscreteEigenScene, EulerLabels, EulerScene, IntegralLabels, IntegralScene, LineChart,
    LogChart, RuleSpectrum, Series, SeriesStyle, TaylorLabels, TaylorSquare, Theme, XAxisMap,
    discrete_eigen_plane, euler_plane, finite_range, integral_grid, line_chart, log_chart, mat2,
    palette, taylor_square,
};
use crate::ssm::lti::{TaylorPartialSum, taylor_partial_sums};
use crate::ssm::{Discretized, Method, SsmError, Step, discretize, expm};
use nalgebra::{DMatrix, DVector};
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &[
    Entry { name: "hold", aspect: 0.42 },
    Entry { name: "errors", aspect: 0.3 },
    Entry { name: "eigen", aspect: 1.0 },
    Entry { name: "square", aspect: 0.8 },
    Entry { name: "taylor-error", aspect: 0.3 },
    Entry { name: "euler-error", aspect: 0.6 },
    Entry { name: "euler", aspect: 0.8 },
    Entry { name: "integral", aspect: 0.55 },
];

/// Samples of the exact path and of the integrand within one step.
pub const FINE: usize = 60;

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &DiscretizeLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    let sys = s.example.system();
    let step = step_of(s);
    let x = s.tokens.values(TOKENS);
    Ok(match name {
        "hold" | "errors" => {
            let cmp = compare_rules(&sys, &x, step, SAMPLES_PER_STEP)?;
            match name {
                "hold" => hold(area, theme, lang, &cmp, &x, s.delta, s.method, None)?,
                _ => errors(area, theme, lang, &cmp, s.delta, None)?,
            }
        }
        "eigen" => eigen(area, theme, lang, &loci(s)?, &rules_now(s)?, s.method)?,
        "square" | "taylor-error" => {
            let (sums, exact) = taylor(s)?;
            match name {
                "square" => square(area, theme, lang, &sums, &exact, s.order)?,
                _ => taylor_error(area, theme, lang, &sums, s.order)?,
            }
        }
        "euler" => euler(area, theme, lang, &euler_path(&sys, step, &H0, s.substeps, FINE)?)?,
        "euler-error" => {
            let ladder = euler_substeps(&sys, step, &H0, &substep_ladder())?;
            let path = euler_path(&sys, step, &H0, s.substeps, FINE)?;
            euler_error(area, theme, lang, &ladder, &path, s.substeps)?
        }
        _ => integral(area, theme, lang, &b_bar_integral(&sys, step, s.strips, FINE)?)?,
    })
}

/// The step of the lesson state (Δ is clamped to a positive range when read, so this holds).
pub fn step_of(s: &DiscretizeLesson) -> Step {
    Step::new(s.delta).unwrap_or_else(|_| Step::new(DELTA_RANGE.0).expect("a positive step"))
}

/// The colour of each rule, the same in every figure.
pub fn rule_color(m: Method) -> RGBColor {
    match m {
        Method::Zoh => palette::BLUE,
        Method::Bilinear => palette::GREEN,
        Method::Euler => palette::ORANGE,
    }
}

/// The rule's short name, translated.
pub fn rule_name(lang: Lang, m: Method) -> &'static str {
    match m {
        Method::Zoh => t(lang, "discretize.rule_zoh"),
        Method::Bilinear => t(lang, "discretize.rule_bilinear"),
        Method::Euler => t(lang, "discretize.rule_euler"),
    }
}

/// The held input (steps), the exact output (line) and the chosen rule's samples (points), with
/// the hovered time marked.
#[allow(clippy::too_many_arguments)]
pub fn hold<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    cmp: &RuleComparison,
    x: &[f64],
    delta: f64,
    method: Method,
    marker: Option<f64>,
) -> Drawn {
    let mut held: Vec<(f64, f64)> =
        x.iter().enumerate().map(|(k, &v)| (k as f64 * delta, v)).collect();
    held.extend(x.last().map(|&v| (x.len() as f64 * delta, v)));
    let exact: Vec<(f64, f64)> =
        cmp.exact.times.iter().copied().zip(cmp.exact.outputs.row(0).iter().copied()).collect();
    let samples: Vec<(f64, f64)> = cmp
        .rules
        .iter()
        .find(|r| r.method == method)
        .map(|r| r.outputs.iter().enumerate().map(|(k, &y)| ((k + 1) as f64 * delta, y)).collect())
        .unwrap_or_default();
    // Clamp a diverging rule to a band around the exact output and the input.
    let (lo, hi) = finite_range(exact.iter().chain(&held).map(|p| p.1), None);
    let limit = (lo - 2.0 * (hi - lo), hi + 2.0 * (hi - lo));
    let samples_label =
        fill(lang, "discretize.legend_samples", &[("rule", rule_name(lang, method))]);
    let chart = LineChart {
        x_label: t(lang, "discretize.axis_time"),
        y_label: t(lang, "discretize.axis_signal"),
        series: vec![
            Series {
                label: t(lang, "discretize.legend_input"),
                points: held,
                color: palette::SKY,
                style: SeriesStyle::Steps,
            },
            Series {
                label: t(lang, "discretize.legend_exact"),
                points: exact,
                color: palette::RED,
                style: SeriesStyle::Line,
            },
            Series {
                label: &samples_label,
                points: samples,
                color: rule_color(method),
                style: SeriesStyle::Points,
            },
        ],
        marker_x: marker,
        y_limit: Some(limit),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}

/// Every rule's error |y_k − y((k + 1)Δ)| on a log scale, with the hovered time marked.
pub fn errors<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    cmp: &RuleComparison,
    delta: f64,
    marker: Option<f64>,
) -> Drawn {
    let chart = LogChart {
        x_label: t(lang, "discretize.axis_time"),
        y_label: t(lang, "discretize.axis_error"),
        series: cmp
            .rules
            .iter()
            .map(|r| Series {
                label: rule_name(lang, r.method),
                points: r
                    .errors
                    .iter()
                    .enumerate()
                    .map(|(k, &e)| ((k + 1) as f64 * delta, e))
                    .collect(),
                color: rule_color(r.method),
                style: SeriesStyle::Line,
            })
            .collect(),
        log_x: false,
        marker_x: marker,
        floor: 1e-17,
        corner: Corner::UpperRight,
    };
    log_chart(area, &chart, theme)
}

/// Each rule's discretization at the state's Δ.
pub fn rules_now(s: &DiscretizeLesson) -> Result<Vec<Discretized>, SsmError> {
    let sys = s.example.system();
    Method::ALL.map(|m| discretize(&sys, step_of(s), m)).into_iter().collect()
}

/// Each rule's eigenvalues of Ā along the slider's steps.
pub fn loci(s: &DiscretizeLesson) -> Result<Vec<Vec<LocusPoint>>, SsmError> {
    let sys = s.example.system();
    Method::ALL.map(|m| eigenvalue_locus(&sys, m, &locus_steps())).into_iter().collect()
}

/// Ā's eigenvalues for each rule now (dots) and along Δ (paths), against the unit circle.
pub fn eigen<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    loci: &[Vec<LocusPoint>],
    now: &[Discretized],
    method: Method,
) -> Drawn {
    let pairs = |ls: &[num_complex::Complex64]| ls.iter().map(|l| (l.re, l.im)).collect::<Vec<_>>();
    let rules: Vec<RuleSpectrum<'static>> = Method::ALL
        .iter()
        .zip(loci.iter().zip(now))
        .map(|(&m, (locus, d))| RuleSpectrum {
            label: rule_name(lang, m),
            color: rule_color(m),
            now: pairs(&d.eigenvalues().unwrap_or_default()),
            path: locus.iter().flat_map(|p| pairs(&p.eigenvalues)).collect(),
            chosen: m == method,
        })
        .collect();
    let scene = DiscreteEigenScene {
        rules,
        circle: t(lang, "discretize.legend_circle"),
        axes: (t(lang, "discretize.axis_re"), t(lang, "discretize.axis_im")),
    };
    discrete_eigen_plane(area, &scene, theme).map(|_| None)
}

/// The partial sums of exp(ΔA) up to the highest order, and exp(ΔA) itself.
pub fn taylor(s: &DiscretizeLesson) -> Result<(Vec<TaylorPartialSum>, DMatrix<f64>), SsmError> {
    let m = s.example.system().a() * s.delta;
    Ok((taylor_partial_sums(&m, MAX_ORDER)?, expm(&m)?))
}

/// The unit square mapped by the partial sums up to order `k`, and by exp(ΔA).
pub fn square<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    sums: &[TaylorPartialSum],
    exact: &DMatrix<f64>,
    k: usize,
) -> Drawn {
    let k = k.min(sums.len().saturating_sub(1));
    let partial = fill(lang, "discretize.legend_partial", &[("k", &k.to_string())]);
    let scene = TaylorSquare {
        sums: sums[..=k].iter().map(|p| mat2(&p.sum)).collect(),
        exact: mat2(exact),
        labels: TaylorLabels {
            square: t(lang, "discretize.legend_square"),
            partial: &partial,
            earlier: t(lang, "discretize.legend_earlier"),
            exact: t(lang, "discretize.legend_exp"),
            axes: (t(lang, "discretize.axis_first"), t(lang, "discretize.axis_second")),
        },
    };
    taylor_square(area, &scene, theme).map(|_| None)
}

/// The relative error of each partial sum against the order, order `k` marked.
pub fn taylor_error<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    sums: &[TaylorPartialSum],
    k: usize,
) -> Drawn {
    let chart = LogChart {
        x_label: t(lang, "discretize.axis_order"),
        y_label: t(lang, "discretize.axis_rel_error"),
        series: vec![Series {
            label: "",
            points: sums.iter().map(|p| (p.order as f64, p.relative_error)).collect(),
            color: palette::BLUE,
            style: SeriesStyle::Line,
        }],
        log_x: false,
        marker_x: Some(k as f64),
        floor: 1e-17,
        corner: Corner::UpperRight,
    };
    log_chart(area, &chart, theme)
}

fn pair(v: &DVector<f64>) -> (f64, f64) {
    (v[0], v[1])
}

/// The Euler sub-steps' path against the exact path from h₀ to exp(ΔA)·h₀.
pub fn euler<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    path: &EulerPath,
) -> Drawn {
    let scene = EulerScene {
        euler: path.euler.iter().map(pair).collect(),
        exact: path.exact.iter().map(pair).collect(),
        labels: EulerLabels {
            exact: t(lang, "discretize.legend_exact_path"),
            euler: t(lang, "discretize.legend_euler_path"),
            start: t(lang, "discretize.label_start"),
            target: t(lang, "discretize.label_target"),
            axes: (t(lang, "discretize.axis_h1"), t(lang, "discretize.axis_h2")),
        },
    };
    euler_plane(area, &scene, theme).map(|_| None)
}

/// The relative error of n Euler sub-steps against n (log–log), the state's n marked.
pub fn euler_error<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    ladder: &[EulerEstimate],
    path: &EulerPath,
    n: usize,
) -> Drawn {
    let chart = LogChart {
        x_label: t(lang, "discretize.axis_substeps"),
        y_label: t(lang, "discretize.axis_rel_error"),
        series: vec![
            Series {
                label: t(lang, "discretize.legend_ladder"),
                points: ladder.iter().map(|e| (e.substeps as f64, e.relative_error)).collect(),
                color: palette::ORANGE,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "discretize.legend_now"),
                points: vec![(n as f64, path.relative_error)],
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
}

/// The two entries of a 2×1 matrix.
fn two(m: &DMatrix<f64>) -> [f64; 2] {
    [m[(0, 0)], m[(1, 0)]]
}

/// B̄ as the area under exp(sA)·B: the integrand, its strips and the accumulated integral.
pub fn integral<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    int: &BBarIntegral,
) -> Drawn {
    let scene = IntegralScene {
        integrand: int.integrand.iter().map(|(s, v)| (*s, two(v))).collect(),
        accumulated: int.accumulated.iter().map(|(s, v)| (*s, two(v))).collect(),
        width: int.width,
        strips: int.strips.iter().map(|(s, v)| (*s, two(v))).collect(),
        running: int.running.iter().map(two).collect(),
        exact: two(&int.exact),
        labels: IntegralLabels {
            time: t(lang, "discretize.axis_s"),
            rate: t(lang, "discretize.axis_rate"),
            total: t(lang, "discretize.axis_total"),
            curve: t(lang, "discretize.legend_integrand"),
            strips: t(lang, "discretize.legend_strips"),
            accumulated: t(lang, "discretize.legend_accumulated"),
            running: t(lang, "discretize.legend_running"),
            b_bar: t(lang, "discretize.label_b_bar"),
        },
    };
    integral_grid(area, &scene, theme).map(|_| None)
}
