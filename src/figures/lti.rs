//! Pieces of the two continuous-time lessons' figures (`#/continuous` and `#/origins`): a
//! simulated run, the time plots of x(t), h(t) and y(t), the phase plane of a run with its
//! field and rate arrow, and the eigenvalue plane; their entries in the catalogue ([`FIGURES`],
//! [`table`]) and how they are drawn from a lesson's system ([`draw`]).

use super::{Drawn, Entry, FigureError};
use crate::explain::continuous::{
    Response, SampledInput, Update, equilibrium, rate, respond, vector_field,
};
use crate::format::complex_text;
use crate::plot::{
    EigenScene, LegendEntry, LineChart, PhaseScene, Series, SeriesStyle, Swatch, Theme, View,
    XAxisMap, eigen_plane, line_chart, palette, phase_portrait, phase_view,
};
use crate::ssm::{Continuous, SsmError};
use num_complex::Complex64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The figures both lessons show, in page order: the phase plane, the time plots of x, h and y,
/// and the eigenvalue plane.
pub(super) const FIGURES: [Entry; 5] = [
    Entry { name: "phase", aspect: 0.9 },
    Entry { name: "input", aspect: 0.3 },
    Entry { name: "state", aspect: 0.3 },
    Entry { name: "output", aspect: 0.3 },
    Entry { name: "eigen", aspect: 0.75 },
];

/// A lesson's figure table: `before`, the LTI figures ([`FIGURES`]), then `after`.
pub(super) const fn table<const N: usize>(before: &[Entry], after: &[Entry]) -> [Entry; N] {
    let (b, l) = (before.len(), FIGURES.len());
    assert!(b + l + after.len() == N, "N must count every entry");
    let mut out = [FIGURES[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < b {
            before[i]
        } else if i < b + l {
            FIGURES[i - b]
        } else {
            after[i - b - l]
        };
        i += 1;
    }
    out
}

/// What the LTI figures of a lesson are drawn from: the system and its run, the time shown,
/// how far the time plots (see `view_limit`) and the phase plane may reach, and the texts.
pub(super) struct Lti<'a> {
    pub(super) sys: &'a Continuous,
    pub(super) run: &'a Run,
    pub(super) t: f64,
    pub(super) limit: Option<(f64, f64)>,
    pub(super) plane_limit: f64,
    pub(super) texts: (TimeTexts, PhaseTexts, EigenTexts),
}

/// Draws the LTI figure `name` (one of [`FIGURES`]), or `None` if `name` is not one.
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    name: &str,
    l: &Lti<'_>,
) -> Option<Result<Option<XAxisMap>, FigureError>> {
    let (time, phase_texts, eigen_texts) = &l.texts;
    let time = |which| time_plot(area, theme, l.run, time, which, Some(l.t), l.limit);
    let drawn = match name {
        "phase" => phase(area, theme, l.sys, l.run, l.t, None, phase_texts, l.plane_limit),
        "input" => time(TimePlot::Input),
        "state" => time(TimePlot::State),
        "output" => time(TimePlot::Output),
        "eigen" => match l.sys.eigenvalues() {
            Ok(values) => eigen(area, theme, &values, eigen_texts),
            Err(e) => return Some(Err(e.into())),
        },
        _ => return None,
    };
    Some(drawn.map_err(FigureError::from))
}

/// A simulated run: the sampled input and the exact response to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The input as sampled.
    pub input: SampledInput,
    /// The exact response.
    pub response: Response,
}

impl Run {
    /// Simulates `sys` under `input` exactly.
    pub fn new(sys: &Continuous, input: SampledInput) -> Result<Run, SsmError> {
        let response = respond(sys, &input, Update::Linear)?;
        Ok(Run { input, response })
    }

    /// The duration of the run.
    pub fn duration(&self) -> f64 {
        self.response.times.last().copied().unwrap_or(0.0)
    }

    /// The input held from time t on (the value that drives the rate at t).
    pub fn input_at(&self, t: f64) -> f64 {
        let j = self.response.index_at(t).min(self.input.held.len().saturating_sub(1));
        self.input.held.get(j).copied().unwrap_or(0.0)
    }

    /// (h₁, h₂) at sample j.
    pub fn point(&self, j: usize) -> (f64, f64) {
        let s = &self.response.states;
        let j = j.min(s.ncols() - 1);
        (s[(0, j)], s[(1, j)])
    }

    /// Every (h₁, h₂) of the run.
    pub fn points(&self) -> Vec<(f64, f64)> {
        (0..self.response.states.ncols()).map(|j| self.point(j)).collect()
    }
}

/// The texts of the time plots (axis labels carry the units).
#[derive(Debug, Clone, PartialEq)]
pub struct TimeTexts {
    pub time_axis: &'static str,
    pub input_axis: &'static str,
    pub input_legend: &'static str,
    pub impulse_legend: &'static str,
    pub state_axis: &'static str,
    pub h1_legend: &'static str,
    pub h2_legend: &'static str,
    pub output_axis: &'static str,
    pub input_label: &'static str,
    pub state_label: &'static str,
    pub output_label: &'static str,
}

/// Which of the three time plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimePlot {
    /// x(t), held, with the impulse as a spike.
    Input,
    /// h₁(t) and h₂(t).
    State,
    /// y(t).
    Output,
}

impl TimePlot {
    /// The three, in page order (their figure names are `input`, `state`, `output`).
    pub const ALL: [TimePlot; 3] = [TimePlot::Input, TimePlot::State, TimePlot::Output];
}

/// One time plot of a run, `marker` marked, never drawn beyond `limit` (a diverging system).
pub fn time_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    run: &Run,
    texts: &TimeTexts,
    which: TimePlot,
    marker: Option<f64>,
    limit: Option<(f64, f64)>,
) -> Drawn {
    let r = &run.response;
    let duration = run.duration();
    // The axes start a little before t = 0, where everything is still at rest (x = 0, h = 0),
    // so that a step or an impulse at t = 0 shows as a jump.
    let start = -0.03 * duration;
    let line = |label, color, points, style| Series { label, points, color, style };
    let at_rest = std::iter::once((start, 0.0));
    let row = |i: usize| -> Vec<(f64, f64)> {
        let values = r.times.iter().enumerate().map(|(j, &t)| (t, r.states[(i, j)]));
        thin(until_off_chart(at_rest.clone().chain(values).collect(), limit))
    };
    let (y_label, series, y_limit) = match which {
        TimePlot::Input => {
            let held = r
                .times
                .iter()
                .zip(run.input.held.iter().chain(run.input.held.last()))
                .map(|(&t, &x)| (t, x));
            let held = corners(at_rest.clone().chain(held).collect());
            let mut series =
                vec![line(texts.input_legend, palette::BLUE, held, SeriesStyle::Steps)];
            let w = run.input.impulse;
            if w != 0.0 {
                let spike = vec![(0.0, 0.0), (0.0, w)];
                series.push(line(texts.impulse_legend, palette::RED, spike, SeriesStyle::Line));
            }
            (texts.input_axis, series, None)
        }
        TimePlot::State => {
            let series = vec![
                line(texts.h1_legend, palette::GREEN, row(0), SeriesStyle::Line),
                line(texts.h2_legend, palette::PURPLE, row(1), SeriesStyle::Line),
            ];
            (texts.state_axis, series, limit)
        }
        TimePlot::Output => {
            let y = r.times.iter().copied().zip(r.outputs.iter().copied());
            let y = thin(until_off_chart(at_rest.clone().chain(y).collect(), limit));
            (texts.output_axis, vec![line("y", palette::RED, y, SeriesStyle::Line)], limit)
        }
    };
    let chart = LineChart {
        x_label: texts.time_axis,
        y_label,
        series,
        marker_x: marker,
        y_limit,
        // As much room after the end, so the last tick's label is not cut off.
        x_range: Some((start, duration - start)),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}

/// Points a line is drawn through: at most [`DRAWN_POINTS`] (every k-th and the last), since
/// more than one point per pixel only costs drawing time.
pub fn thin(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let stride = points.len().div_ceil(DRAWN_POINTS).max(1);
    if stride == 1 {
        return points;
    }
    let last = points.last().copied();
    let mut out: Vec<(f64, f64)> = points.into_iter().step_by(stride).collect();
    if out.last().copied() != last {
        out.extend(last);
    }
    out
}

/// The points up to where a diverging series first leaves the visible range `limit` (all of
/// them when there is no limit): past that point it is off the chart, and drawing it along
/// the edge would look like a saturation that is not there.
pub fn until_off_chart(points: Vec<(f64, f64)>, limit: Option<(f64, f64)>) -> Vec<(f64, f64)> {
    match limit {
        None => points,
        Some((lo, hi)) => points.into_iter().take_while(|p| (lo..=hi).contains(&p.1)).collect(),
    }
}

/// The points of a held (staircase) signal where its value changes, and the last one: the
/// staircase drawn through them is the same.
fn corners(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let last = points.last().copied();
    let mut out: Vec<(f64, f64)> = Vec::new();
    for p in points {
        if out.last().is_none_or(|q| q.1 != p.1) {
            out.push(p);
        }
    }
    if out.last().copied() != last {
        out.extend(last);
    }
    out
}

/// The most points drawn per line.
const DRAWN_POINTS: usize = 320;

/// The texts of a phase plane.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseTexts {
    pub axes: (&'static str, &'static str),
    pub path: &'static str,
    pub now: &'static str,
    pub rate: &'static str,
    pub equilibrium: &'static str,
}

/// How long the rate arrow at the current state is drawn for: the arrow is h'(t)·this.
pub const ARROW_SPAN: f64 = 0.5;

/// Grid points per side of the drawn vector field.
const FIELD_GRID: usize = 13;

/// The vector field for the input x over the view, as (point, rate) pairs for the figure.
pub fn field_arrows(sys: &Continuous, x: f64, view: View) -> Vec<((f64, f64), (f64, f64))> {
    vector_field(sys, x, view.0, view.1, FIELD_GRID)
        .map(|f| f.into_iter().map(|a| (a.at, a.rate)).collect())
        .unwrap_or_default()
}

/// The phase plane of a run at time t: the field for the input at t, the path so far, the
/// current state with its rate arrow, the hovered state, and the equilibrium.
#[allow(clippy::too_many_arguments)]
pub fn phase<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    sys: &Continuous,
    run: &Run,
    t: f64,
    hover: Option<f64>,
    texts: &PhaseTexts,
    limit: f64,
) -> Drawn {
    let view = phase_view(run.points().into_iter(), 0.5, limit);
    let x = run.input_at(t);
    let field = field_arrows(sys, x, view);
    let j = run.response.index_at(t);
    let now = run.point(j);
    let arrow =
        rate(sys, &[now.0, now.1], x).ok().map(|r| (now, (r[0] * ARROW_SPAN, r[1] * ARROW_SPAN)));
    let entry = |label, color, swatch| LegendEntry { label, color, swatch };
    let scene = PhaseScene {
        axes: texts.axes,
        view,
        field,
        path: run.points(),
        travelled: j + 1,
        now: Some(now),
        arrow,
        ghost: hover.map(|h| run.point(run.response.index_at(h))),
        equilibrium: equilibrium(sys, x).map(|e| (e[0], e[1])),
        steps: Vec::new(),
        legend: vec![
            entry(texts.path, palette::GREEN, Swatch::Line),
            entry(texts.now, palette::BLUE, Swatch::Dot),
            entry(texts.rate, palette::RED, Swatch::Line),
            entry(texts.equilibrium, palette::INK, Swatch::Diamond),
        ],
    };
    phase_portrait(area, &scene, theme).map(|_| None)
}

/// The texts of the eigenvalue plane.
#[derive(Debug, Clone, PartialEq)]
pub struct EigenTexts {
    pub axes: (&'static str, &'static str),
    pub regions: (&'static str, &'static str),
}

/// "λ₁ = −0.3 + 2i,  λ₂ = −0.3 − 2i".
pub fn eigen_list(eigenvalues: &[Complex64]) -> String {
    eigenvalues
        .iter()
        .enumerate()
        .map(|(i, l)| format!("λ{} = {}", ["₁", "₂", "₃", "₄"][i.min(3)], complex_text(*l)))
        .collect::<Vec<_>>()
        .join(",  ")
}

/// The eigenvalue plane of a system.
pub fn eigen<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    eigenvalues: &[Complex64],
    texts: &EigenTexts,
) -> Drawn {
    let scene = EigenScene {
        eigenvalues: eigenvalues.iter().map(|l| (l.re, l.im)).collect(),
        labels: eigen_list(eigenvalues).split(",  ").map(str::to_owned).collect(),
        axes: texts.axes,
        regions: texts.regions,
    };
    eigen_plane(area, &scene, theme).map(|_| None)
}
