//! Lesson 2's figures (`#/continuous`): the phase plane, the time plots, the eigenvalue plane,
//! the Euler steps, and superposition and convolution.

use super::lti::{
    self, EigenTexts, Lti, PhaseTexts, Run, TimeTexts, field_arrows, thin, until_off_chart,
};
use super::{Drawn, Entry, FigureError};
use crate::course::continuous::{ContinuousLesson, DURATION, euler_steps, view_limit};
use crate::explain::continuous::{
    ConvolutionCheck, EulerWalk, Superposition, Update, convolution_check, euler_walk,
    superposition,
};
use crate::i18n::{Lang, t};
use crate::plot::{
    LegendEntry, LineChart, PhaseScene, Series, SeriesStyle, Swatch, Theme, XAxisMap, line_chart,
    palette, phase_portrait, phase_view,
};
use crate::ssm::{Continuous, SsmError, Step};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &lti::table::<8>(
    &[],
    &[
        Entry { name: "euler", aspect: 0.7 },
        Entry { name: "superposition", aspect: 0.42 },
        Entry { name: "convolution", aspect: 0.42 },
    ],
);

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &ContinuousLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    let sys = s.system()?;
    let run = Run::new(&sys, s.sampled()?)?;
    let limit = view_limit(Some(sys.stability()?));
    let texts = (time_texts(lang), phase_texts(lang), eigen_texts(lang));
    let lti = Lti { sys: &sys, run: &run, t: s.t, limit, plane_limit: plane_limit(limit), texts };
    if let Some(drawn) = lti::draw(area, theme, name, &lti) {
        return drawn;
    }
    Ok(match name {
        "euler" => {
            let path = euler_path(s, &sys)?;
            let k = s.euler_k.min(path.times.len() - 1);
            euler(area, theme, lang, &run, &sys, &path, k, limit)?
        }
        "superposition" => superposition_chart(area, theme, lang, &checks(s, &sys)?.0, limit)?,
        _ => convolution_chart(area, theme, lang, &checks(s, &sys)?.1, limit)?,
    })
}

/// The texts of the time plots.
pub fn time_texts(lang: Lang) -> TimeTexts {
    TimeTexts {
        time_axis: t(lang, "continuous.axis_time"),
        input_axis: t(lang, "continuous.axis_input"),
        input_legend: t(lang, "continuous.legend_input"),
        impulse_legend: t(lang, "continuous.legend_impulse"),
        state_axis: t(lang, "continuous.axis_state"),
        h1_legend: t(lang, "continuous.legend_h1"),
        h2_legend: t(lang, "continuous.legend_h2"),
        output_axis: t(lang, "continuous.axis_output"),
        input_label: t(lang, "continuous.fig_input"),
        state_label: t(lang, "continuous.fig_state"),
        output_label: t(lang, "continuous.fig_output"),
    }
}

/// The texts of the phase plane.
pub fn phase_texts(lang: Lang) -> PhaseTexts {
    PhaseTexts {
        axes: (t(lang, "continuous.phase_axis_h1"), t(lang, "continuous.phase_axis_h2")),
        path: t(lang, "continuous.phase_path"),
        now: t(lang, "continuous.phase_now"),
        rate: t(lang, "continuous.phase_rate"),
        equilibrium: t(lang, "continuous.phase_equilibrium"),
    }
}

/// The texts of the eigenvalue plane.
pub fn eigen_texts(lang: Lang) -> EigenTexts {
    EigenTexts {
        axes: (t(lang, "continuous.eig_axis_re"), t(lang, "continuous.eig_axis_im")),
        regions: (t(lang, "continuous.region_stable"), t(lang, "continuous.region_unstable")),
    }
}

/// How far the phase planes may reach: ±[`VIEW_LIMIT`] for a diverging system, else anywhere.
///
/// [`VIEW_LIMIT`]: crate::course::continuous::VIEW_LIMIT
pub fn plane_limit(limit: Option<(f64, f64)>) -> f64 {
    limit.map_or(f64::INFINITY, |(_, hi)| hi)
}

/// The forward-Euler walk of the state's Δt over the lesson's input.
pub fn euler_path(s: &ContinuousLesson, sys: &Continuous) -> Result<EulerWalk, SsmError> {
    euler_walk(sys, &s.signal()?, Step::new(s.euler_dt)?, euler_steps(s.euler_dt))
}

/// The Euler figure: the exact path and state at t_k, the Euler steps up to k, and the next
/// step Δt·h'(t_k) as the red arrow, over the field for the input at t_k.
#[allow(clippy::too_many_arguments)]
pub fn euler<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    run: &Run,
    sys: &Continuous,
    path: &EulerWalk,
    k: usize,
    limit: Option<(f64, f64)>,
) -> Drawn {
    let at = |m: &DMatrix<f64>, i: usize| (m[(0, i)], m[(1, i)]);
    let steps: Vec<(f64, f64)> = (0..=k).map(|i| at(&path.states, i)).collect();
    // The view holds everything drawn: the exact path, the Euler chain up to k and the tip of
    // the next step's arrow, so a diverging Euler path widens the axes instead of leaving the
    // picture (capped only where an unstable system is capped).
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
        axes: (t(lang, "continuous.phase_axis_h1"), t(lang, "continuous.phase_axis_h2")),
        view,
        field: field_arrows(sys, run.input_at(time), view),
        path: run.points(),
        travelled: j + 1,
        now: Some(run.point(j)),
        arrow: Some((at(&path.states, k), (rate.0 * path.step, rate.1 * path.step))),
        steps,
        legend: vec![
            entry(t(lang, "continuous.legend_exact"), palette::GREEN, Swatch::Line),
            entry(t(lang, "continuous.legend_exact_now"), palette::BLUE, Swatch::Dot),
            entry(t(lang, "continuous.legend_euler"), palette::PURPLE, Swatch::Line),
            entry(t(lang, "continuous.legend_next"), palette::RED, Swatch::Line),
        ],
        ..PhaseScene::default()
    };
    phase_portrait(area, &scene, theme).map(|_| None)
}

/// Superposition and the convolution view for the state's two inputs, with or without tanh.
pub fn checks(
    s: &ContinuousLesson,
    sys: &Continuous,
) -> Result<(Superposition, ConvolutionCheck), SsmError> {
    let update = if s.tanh { Update::Tanh } else { Update::Linear };
    let (x1, x2) = s.superposition_inputs()?;
    let sup = superposition(sys, &x1, &x2, update)?;
    let conv = convolution_check(sys, &x1.plus(&x2)?, update)?;
    Ok((sup, conv))
}

/// A chart of outputs against time for the linearity panel: (legend key, values, colour, style).
fn outputs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    times: &[f64],
    lines: [(&'static str, &[f64], RGBColor, SeriesStyle); 2],
    more: &[(&'static str, &[f64], RGBColor, SeriesStyle)],
    limit: Option<(f64, f64)>,
) -> Drawn {
    let series: Vec<Series<'static>> = lines
        .iter()
        .chain(more)
        .map(|&(key, ys, color, style)| Series {
            label: t(lang, key),
            points: thin(until_off_chart(
                times.iter().copied().zip(ys.iter().copied()).collect(),
                limit,
            )),
            color,
            style,
        })
        .collect();
    let chart = LineChart {
        x_label: t(lang, "continuous.axis_time"),
        y_label: t(lang, "continuous.axis_output"),
        series,
        y_limit: limit,
        x_range: Some((0.0, DURATION * 1.03)),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(|_| None)
}

/// y₁, y₂, the response to x₁ + x₂ and the sum of the responses.
pub fn superposition_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    sup: &Superposition,
    limit: Option<(f64, f64)>,
) -> Drawn {
    let lines = [
        ("continuous.legend_y1", &sup.first[..], palette::SKY, SeriesStyle::Line),
        ("continuous.legend_y2", &sup.second[..], palette::PURPLE, SeriesStyle::Line),
    ];
    let more = [
        ("continuous.legend_of_sum", &sup.response_to_sum[..], palette::RED, SeriesStyle::Line),
        ("continuous.legend_sum_of", &sup.sum_of_responses[..], palette::INK, SeriesStyle::Dashed),
    ];
    outputs(area, theme, lang, &sup.times, lines, &more, limit)
}

/// The stepped response against the convolution with the kernel.
pub fn convolution_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    conv: &ConvolutionCheck,
    limit: Option<(f64, f64)>,
) -> Drawn {
    let lines = [
        ("continuous.legend_stepped", &conv.stepped[..], palette::RED, SeriesStyle::Line),
        ("continuous.legend_convolved", &conv.convolved[..], palette::INK, SeriesStyle::Dashed),
    ];
    outputs(area, theme, lang, &conv.times, lines, &[], limit)
}
