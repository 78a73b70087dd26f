//! Pieces shared by the two continuous-time lessons (`#/continuous` and `#/origins`): a
//! simulated run, the linked time plots of x(t), h(t) and y(t), the phase plane of a run with
//! its field and rate arrow, the eigenvalue plane, the playback clock's track, the
//! input menu, and readouts both lessons use.

use crate::explain::continuous::{
    Response, SampledInput, SignalKind, Update, equilibrium, rate, respond, vector_field,
};
use crate::format::complex_text;
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, dot, matrix, mi, mo, num, paren, row};
use crate::plot::{
    EigenScene, FigureData, LegendEntry, LineChart, PhaseScene, Series, SeriesStyle, Swatch, View,
    eigen_plane, line_chart, palette, phase_portrait, phase_view,
};
use crate::ssm::{Continuous, SsmError};
use crate::ui::components::{Banner, BannerKind, DrawFn, Figure};
use crate::ui::hooks::Track;
use num_complex::Complex64;
use std::rc::Rc;
use yew::prelude::*;

/// A simulated run: the sampled input and the exact response to it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub(crate) input: SampledInput,
    pub(crate) response: Response,
}

impl Run {
    /// Simulates `sys` under `input` exactly.
    pub(crate) fn new(sys: &Continuous, input: SampledInput) -> Result<Run, SsmError> {
        let response = respond(sys, &input, Update::Linear)?;
        Ok(Run { input, response })
    }

    /// The duration of the run.
    pub(crate) fn duration(&self) -> f64 {
        self.response.times.last().copied().unwrap_or(0.0)
    }

    /// The input held from time t on (the value that drives the rate at t).
    pub(crate) fn input_at(&self, t: f64) -> f64 {
        let j = self.response.index_at(t).min(self.input.held.len().saturating_sub(1));
        self.input.held.get(j).copied().unwrap_or(0.0)
    }

    /// (h₁, h₂) at sample j.
    pub(crate) fn point(&self, j: usize) -> (f64, f64) {
        let s = &self.response.states;
        let j = j.min(s.ncols() - 1);
        (s[(0, j)], s[(1, j)])
    }

    /// Every (h₁, h₂) of the run.
    pub(crate) fn points(&self) -> Vec<(f64, f64)> {
        (0..self.response.states.ncols()).map(|j| self.point(j)).collect()
    }
}

/// The input menu's options: each signal's name in the URL, and its text under
/// `<prefix>.input_<name>`.
pub(crate) fn signal_options(lang: Lang, prefix: &str) -> Vec<(AttrValue, AttrValue)> {
    SignalKind::ALL
        .iter()
        .map(|k| {
            let text = t(lang, &format!("{prefix}.input_{}", k.name()));
            (AttrValue::from(k.name()), AttrValue::from(text))
        })
        .collect()
}

/// The banner shown instead of a lesson whose system cannot be computed.
pub(crate) fn error_banner(lang: Lang, key: &str, e: &SsmError) -> Html {
    let text = fill(lang, key, &[("error", &e.to_string())]);
    html! { <Banner kind={BannerKind::Warning} text={text} /> }
}

/// "λ₁ = −0.3 + 2i,  λ₂ = −0.3 − 2i".
pub(crate) fn eigen_list(eigenvalues: &[Complex64]) -> String {
    eigenvalues
        .iter()
        .enumerate()
        .map(|(i, l)| format!("λ{} = {}", ["₁", "₂", "₃", "₄"][i.min(3)], complex_text(*l)))
        .collect::<Vec<_>>()
        .join(",  ")
}

/// `name(t)`.
pub(crate) fn of_t(name: Math) -> Math {
    row([name, paren(mi("t"))])
}

/// ḣ(t) = A h(t) + B x(t), with the live A and B: the same equation in both lessons.
pub(crate) fn state_equation(sys: &Continuous) -> Math {
    row([
        of_t(dot(mi("h"))),
        mo("="),
        matrix(sys.a(), 3),
        of_t(mi("h")),
        mo("+"),
        matrix(sys.b(), 3),
        of_t(mi("x")),
    ])
}

/// y(t) = C h(t) + D x(t), with the live C and D.
pub(crate) fn output_equation(sys: &Continuous) -> Math {
    row([
        of_t(mi("y")),
        mo("="),
        matrix(sys.c(), 3),
        of_t(mi("h")),
        mo("+"),
        num(sys.d()[(0, 0)], 3),
        of_t(mi("x")),
    ])
}

/// The texts of the time plots (axis labels carry the units).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TimeTexts {
    pub(crate) time_axis: &'static str,
    pub(crate) input_axis: &'static str,
    pub(crate) input_legend: &'static str,
    pub(crate) impulse_legend: &'static str,
    pub(crate) state_axis: &'static str,
    pub(crate) h1_legend: &'static str,
    pub(crate) h2_legend: &'static str,
    pub(crate) output_axis: &'static str,
    pub(crate) input_label: &'static str,
    pub(crate) state_label: &'static str,
    pub(crate) output_label: &'static str,
}

#[derive(Properties, PartialEq)]
pub(crate) struct TimePlotsProps {
    pub(crate) run: Rc<Run>,
    /// The time marked on every plot (hovered, else the animation's time).
    pub(crate) marker: Option<f64>,
    pub(crate) on_hover: Callback<Option<f64>>,
    pub(crate) texts: Rc<TimeTexts>,
    /// The y range never shown beyond (a diverging system).
    pub(crate) limit: Option<(f64, f64)>,
    /// The lesson showing the plots (their figure ids are `<lesson>/input`, `/state`, `/output`).
    pub(crate) lesson: crate::course::Lesson,
}

/// x(t), then h₁(t) and h₂(t), then y(t): three plots on one time axis, hover-linked. (The
/// component re-renders, and so redraws, only when its props change.)
#[function_component(TimePlots)]
pub(crate) fn time_plots(p: &TimePlotsProps) -> Html {
    let run = &p.run;
    let duration = run.duration();
    // The axes start a little before t = 0, where everything is still at rest (x = 0, h = 0),
    // so that a step or an impulse at t = 0 shows as a jump.
    let start = -0.03 * duration;
    let chart = |which: usize| -> DrawFn {
        let (run, texts, marker, limit) = (run.clone(), p.texts.clone(), p.marker, p.limit);
        Rc::new(move |area, theme| {
            let r = &run.response;
            let line = |label, color, points, style| Series { label, points, color, style };
            let at_rest = std::iter::once((start, 0.0));
            let row = |i: usize| -> Vec<(f64, f64)> {
                let values = r.times.iter().enumerate().map(|(j, &t)| (t, r.states[(i, j)]));
                thin(until_off_chart(at_rest.clone().chain(values).collect(), limit))
            };
            let (y_label, series, y_limit) = match which {
                0 => {
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
                        series.push(line(
                            texts.impulse_legend,
                            palette::RED,
                            spike,
                            SeriesStyle::Line,
                        ));
                    }
                    (texts.input_axis, series, None)
                }
                1 => {
                    let series = vec![
                        line(texts.h1_legend, palette::GREEN, row(0), SeriesStyle::Line),
                        line(texts.h2_legend, palette::PURPLE, row(1), SeriesStyle::Line),
                    ];
                    (texts.state_axis, series, limit)
                }
                _ => {
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
        })
    };
    let labels = [p.texts.input_label, p.texts.state_label, p.texts.output_label];
    let slug = p.lesson.slug();
    let data = time_data(run, &p.texts);
    html! {
        <div class="time-plots">
            { for labels.into_iter().zip(data).enumerate().map(|(i, (label, data))| html! {
                <Figure id={format!("{slug}/{}", ["input", "state", "output"][i])} draw={chart(i)} label={label} aspect={0.3} on_hover={p.on_hover.clone()}
                        data={data} />
            }) }
        </div>
    }
}

/// The numbers of the three time plots at every sample: (t, x), (t, h₁, h₂) and (t, y).
fn time_data(run: &Run, texts: &TimeTexts) -> [Rc<FigureData>; 3] {
    let r = &run.response;
    let held: Vec<f64> = run.input.held.iter().chain(run.input.held.last()).copied().collect();
    let (h1, h2): (Vec<f64>, Vec<f64>) = (0..r.times.len()).map(|j| run.point(j)).unzip();
    let t = texts.time_axis.to_owned();
    let table = |names: &[&str], values: &[&[f64]]| {
        let columns = std::iter::once(t.clone()).chain(names.iter().map(|n| (*n).to_owned()));
        Rc::new(FigureData::columns(columns.collect(), values))
    };
    [
        table(&[texts.input_legend], &[&r.times, &held]),
        table(&[texts.h1_legend, texts.h2_legend], &[&r.times, &h1, &h2]),
        table(&["y"], &[&r.times, &r.outputs]),
    ]
}

/// Points a line is drawn through: at most [`DRAWN_POINTS`] (every k-th and the last), since
/// more than one point per pixel only costs drawing time.
pub(crate) fn thin(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
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
pub(crate) fn until_off_chart(
    points: Vec<(f64, f64)>,
    limit: Option<(f64, f64)>,
) -> Vec<(f64, f64)> {
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
pub(crate) struct PhaseTexts {
    pub(crate) axes: (&'static str, &'static str),
    pub(crate) path: &'static str,
    pub(crate) now: &'static str,
    pub(crate) rate: &'static str,
    pub(crate) equilibrium: &'static str,
}

/// How long the rate arrow at the current state is drawn for: the arrow is h'(t)·this.
pub(crate) const ARROW_SPAN: f64 = 0.5;

/// Grid points per side of the drawn vector field.
const FIELD_GRID: usize = 13;

/// The vector field for the input x over the view, as (point, rate) pairs for the figure.
pub(crate) fn field_arrows(sys: &Continuous, x: f64, view: View) -> Vec<((f64, f64), (f64, f64))> {
    vector_field(sys, x, view.0, view.1, FIELD_GRID)
        .map(|f| f.into_iter().map(|a| (a.at, a.rate)).collect())
        .unwrap_or_default()
}

/// The phase plane of a run at time t: the field for the input at t, the path so far, the
/// current state with its rate arrow, the hovered state, and the equilibrium.
pub(crate) fn phase_draw(
    sys: Rc<Continuous>,
    run: Rc<Run>,
    t: f64,
    hover: Option<f64>,
    texts: PhaseTexts,
    limit: f64,
) -> DrawFn {
    Rc::new(move |area, theme| {
        let view = phase_view(run.points().into_iter(), 0.5, limit);
        let x = run.input_at(t);
        let field = field_arrows(&sys, x, view);
        let j = run.response.index_at(t);
        let now = run.point(j);
        let arrow = rate(&sys, &[now.0, now.1], x)
            .ok()
            .map(|r| (now, (r[0] * ARROW_SPAN, r[1] * ARROW_SPAN)));
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
            equilibrium: equilibrium(&sys, x).map(|e| (e[0], e[1])),
            steps: Vec::new(),
            legend: vec![
                entry(texts.path, palette::GREEN, Swatch::Line),
                entry(texts.now, palette::BLUE, Swatch::Dot),
                entry(texts.rate, palette::RED, Swatch::Line),
                entry(texts.equilibrium, palette::INK, Swatch::Diamond),
            ],
        };
        phase_portrait(area, &scene, theme).map(|_| None)
    })
}

/// The texts of the eigenvalue plane.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EigenTexts {
    pub(crate) axes: (&'static str, &'static str),
    pub(crate) regions: (&'static str, &'static str),
}

/// The eigenvalue plane of a system.
pub(crate) fn eigen_draw(eigenvalues: Vec<Complex64>, texts: EigenTexts) -> DrawFn {
    Rc::new(move |area, theme| {
        let scene = EigenScene {
            eigenvalues: eigenvalues.iter().map(|l| (l.re, l.im)).collect(),
            labels: eigen_list(&eigenvalues).split(",  ").map(str::to_owned).collect(),
            axes: texts.axes,
            regions: texts.regions,
        };
        eigen_plane(area, &scene, theme).map(|_| None)
    })
}

/// The clock of the continuous-time lessons: t plays over [0, duration], 0.1 s of simulated
/// time every 50 ms, and Step / Back (or the arrow keys) move it by 0.25 s.
pub(crate) fn clock(duration: f64) -> Track {
    Track { start: 0.0, end: duration, tick: 0.1, period_ms: 50, step: 0.25 }
}
