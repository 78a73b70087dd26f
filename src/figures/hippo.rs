//! Lesson 5's figures (`#/hippo`): the heat-map of A, the signal and the past rebuilt from N
//! numbers, the state as bars, the error against N, S4's kernel and outputs, and impulses
//! through a fixed or a 1/k step.

use super::{Drawn, Entry, FigureError};
use crate::course::hippo::{HippoLesson, LEN, MAX_N, RANGE, SIZES, SignalChoice};
use crate::explain::hippo::{
    KernelViews, LegsRecall, LegsStep, LtiMemory, MemoryComparison, MemorySystem, Recall,
    legs_delay_readout, legs_fixed_views, legs_impulse_responses, legs_recall, legs_recall_errors,
};
use crate::i18n::{Lang, fill, t};
use crate::plot::{
    BarChart, CellMap, ErrorChart, ErrorSeries, Frame, Heatmap, LineChart, MemoryLabels,
    MemoryScene, PlotError, Series, SeriesStyle, Theme, XAxisMap, bar_chart, error_chart, heatmap,
    line_chart, memory_chart, palette,
};
use crate::ssm::hippo::legs_states;
use crate::ssm::{Continuous, SsmError, Step};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &[
    Entry { name: "heat", aspect: 0.82 },
    Entry { name: "memory", aspect: 0.42 },
    Entry { name: "state", aspect: 0.6 },
    Entry { name: "errors", aspect: 0.6 },
    Entry { name: "kernel", aspect: 0.6 },
    Entry { name: "outputs", aspect: 0.6 },
    Entry { name: "impulse", aspect: 0.45 },
];

/// Impulses of the question's panel arrive at these steps …
pub const ARRIVALS: [usize; 3] = [4, 24, 48];
/// … and are followed for this many steps.
pub const SPAN: usize = 80;

/// LegS's error, and each compared system's, for every N in `SIZES`.
pub type Errors = (Vec<f64>, Vec<(MemorySystem, Vec<f64>)>);

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &HippoLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    let samples = s.signal.samples();
    let t_now = s.t.clamp(1, LEN);
    Ok(match name {
        "heat" => {
            heat(area, theme, lang, &s.matrix.system().continuous(s.n)?, None)?;
            None
        }
        "memory" | "state" => {
            let states = legs_states(MAX_N, &samples)?;
            let recall = legs_recall(&states, s.n, &samples[..t_now], s.precision)?;
            if name == "state" {
                bars(area, theme, lang, s.n, &states, &recall)?
            } else {
                let compared = compared(s, &samples, t_now)?;
                let knots = matches!(s.signal, SignalChoice::Drawn(_)).then(|| s.signal.knots());
                let memory = Memory {
                    samples: &samples,
                    t_now,
                    recall: &recall,
                    compared: compared.as_ref(),
                };
                Some(
                    memory_figure(
                        area,
                        theme,
                        lang,
                        s,
                        &memory,
                        &knots.unwrap_or_default(),
                        None,
                        None,
                    )?
                    .x_axis(),
                )
            }
        }
        "errors" => {
            let states = legs_states(MAX_N, &samples)?;
            let bank = MemoryComparison::new(&SIZES, LEN)?;
            let errors = (
                legs_recall_errors(&states, &samples, s.precision)?,
                bank.errors(&samples, s.precision)?,
            );
            errors_chart(area, theme, lang, s.n, &errors)?
        }
        "kernel" | "outputs" => {
            let (_, samples, views) = kernel_views(s.n, s.delta, s.delay, &s.signal)?;
            match name {
                "kernel" => kernel(area, theme, lang, &views, s.delay)?,
                _ => outputs(area, theme, lang, &samples, &views, None)?,
            }
        }
        _ => impulse(area, theme, lang, &impulses(s.n, s.delta, s.delay, s.scaled)?)?,
    })
}

/// The key of a compared system's name.
pub fn system_key(system: MemorySystem) -> &'static str {
    match system {
        MemorySystem::LegsFixed => "hippo.sys_legs_fixed",
        MemorySystem::S4dReal => "hippo.sys_s4d",
        MemorySystem::Random => "hippo.sys_random",
    }
}

/// The colour of a compared system, the same in every figure.
pub fn system_color(system: MemorySystem) -> RGBColor {
    match system {
        MemorySystem::LegsFixed => palette::ORANGE,
        MemorySystem::S4dReal => palette::GREEN,
        MemorySystem::Random => palette::PURPLE,
    }
}

/// The heat-map of A, the picked cell outlined; returns where the cells lie.
pub fn heat<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    sys: &Continuous,
    highlight: Option<(usize, usize)>,
) -> Result<CellMap, PlotError> {
    let chart = Heatmap {
        values: sys.a(),
        x_label: t(lang, "hippo.heat_x"),
        y_label: t(lang, "hippo.heat_y"),
        value_label: t(lang, "hippo.heat_value"),
        range: None,
        highlight,
    };
    heatmap(area, &chart, theme)
}

/// The compared system's memory of the first `t_now` samples, if a system is compared.
pub fn compared(
    s: &HippoLesson,
    samples: &[f64],
    t_now: usize,
) -> Result<Option<Recall>, SsmError> {
    s.compare
        .map(|system| {
            let sys = system.discretized(s.n, LEN)?;
            LtiMemory::new(&sys, t_now)?.recall(&samples[..t_now], s.precision)
        })
        .transpose()
}

/// What the memory figure shows: the signal, how much of it has streamed in, LegS's rebuilt
/// past and the compared system's.
pub struct Memory<'a> {
    pub samples: &'a [f64],
    pub t_now: usize,
    pub recall: &'a LegsRecall,
    pub compared: Option<&'a Recall>,
}

/// The signal streaming in and the past rebuilt from N numbers (and by the compared system);
/// returns the frame the drawing pad maps the pointer through.
#[allow(clippy::too_many_arguments)]
pub fn memory_figure<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    s: &HippoLesson,
    m: &Memory,
    knots: &[(f64, f64)],
    cursor: Option<usize>,
    hover: Option<f64>,
) -> Result<Frame, PlotError> {
    let recalled_label = fill(lang, "hippo.legend_recalled", &[("n", &s.n.to_string())]);
    let compared_label = s.compare.map_or(String::new(), |c| {
        fill(lang, "hippo.legend_compared", &[("system", t(lang, system_key(c)))])
    });
    let scene = MemoryScene {
        signal: m.samples,
        seen: m.t_now,
        recalled: &m.recall.history,
        compared: m.compared.map(|r| r.history.as_slice()).zip(s.compare.map(system_color)),
        knots,
        cursor,
        marker: hover,
        y_range: (-1.5 * RANGE, 1.5 * RANGE),
        labels: MemoryLabels {
            seen: t(lang, "hippo.legend_seen"),
            unseen: t(lang, "hippo.legend_unseen"),
            recalled: &recalled_label,
            compared: &compared_label,
            x_axis: t(lang, "hippo.axis_k"),
            y_axis: t(lang, "hippo.axis_value"),
        },
    };
    memory_chart(area, &scene, theme)
}

/// The first N coefficients of c_t as bars, on one scale over the whole run.
pub fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    n: usize,
    states: &DMatrix<f64>,
    recall: &LegsRecall,
) -> Drawn {
    // One scale over the whole run, so the bars visibly move as the signal streams.
    let peak = states.rows(0, n).iter().fold(1e-9_f64, |m, c| m.max(c.abs())) * 1.1;
    let chart = BarChart {
        values: &recall.coefficients,
        x_label: t(lang, "hippo.axis_coef"),
        y_label: t(lang, "hippo.axis_c"),
        y_range: Some((-peak, peak)),
        color: palette::RED,
    };
    bar_chart(area, &chart, theme).map(|f| Some(f.x_axis()))
}

/// The error of the rebuilt past against N, with a marker at the chosen N.
pub fn errors_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    n: usize,
    errors: &Errors,
) -> Drawn {
    let (legs, others) = errors;
    let mut series = vec![ErrorSeries {
        label: t(lang, "hippo.err_legs"),
        points: SIZES.iter().map(|&s| (s as f64, legs[s - 1])).collect(),
        // Not red: the line is LegS's error, not an error of the page.
        color: palette::BLUE,
    }];
    series.extend(others.iter().map(|(system, e)| ErrorSeries {
        label: t(lang, system_key(*system)),
        points: SIZES.iter().zip(e).map(|(&s, &e)| (s as f64, e)).collect(),
        color: system_color(*system),
    }));
    let chart = ErrorChart {
        series,
        marker: Some(n as f64),
        x_label: t(lang, "hippo.axis_n"),
        y_label: t(lang, "hippo.axis_err"),
    };
    error_chart(area, &chart, theme).map(Some)
}

/// S4's fixed-step LegS with the readout C asking for the input `delay` steps ago: C, the
/// signal's samples, and the kernel with the outputs by recurrence and by convolution.
pub fn kernel_views(
    n: usize,
    delta: f64,
    delay: f64,
    signal: &SignalChoice,
) -> Result<(Vec<f64>, Vec<f64>, KernelViews), SsmError> {
    let step = Step::new(delta)?;
    let c = legs_delay_readout(n, step, delay)?;
    let samples = signal.samples();
    legs_fixed_views(step, &c, &samples).map(|v| (c, samples, v))
}

/// The kernel against the lag, the delay marked.
pub fn kernel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    views: &KernelViews,
    delay: f64,
) -> Drawn {
    let chart = LineChart {
        x_label: t(lang, "hippo.axis_lag"),
        y_label: t(lang, "hippo.axis_kernel"),
        series: vec![Series {
            label: t(lang, "hippo.legend_kernel"),
            points: views.kernel.iter().enumerate().map(|(j, &k)| (j as f64, k)).collect(),
            color: palette::RED,
            style: SeriesStyle::Line,
        }],
        marker_x: Some(delay),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}

/// The input and the output by recurrence and by convolution, the hovered step marked.
pub fn outputs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    samples: &[f64],
    views: &KernelViews,
    hover: Option<f64>,
) -> Drawn {
    let at_steps = |v: &[f64]| v.iter().enumerate().map(|(k, &y)| ((k + 1) as f64, y)).collect();
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
        marker_x: hover,
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}

/// The responses to impulses arriving at [`ARRIVALS`], through a fixed or HiPPO's 1/k step.
pub fn impulses(n: usize, delta: f64, delay: f64, scaled: bool) -> Result<Vec<Vec<f64>>, SsmError> {
    let step = Step::new(delta)?;
    let c = legs_delay_readout(n, step, delay)?;
    let rule = if scaled { LegsStep::Scaled } else { LegsStep::Fixed(step) };
    legs_impulse_responses(rule, &c, &ARRIVALS, SPAN)
}

/// Each impulse's response against the steps since it arrived.
pub fn impulse<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    responses: &[Vec<f64>],
) -> Drawn {
    let labels: Vec<String> = ARRIVALS
        .iter()
        .map(|k| fill(lang, "hippo.legend_arrival", &[("k", &k.to_string())]))
        .collect();
    let styles = [SeriesStyle::Line, SeriesStyle::Dashed, SeriesStyle::Points];
    let colors = [palette::BLUE, palette::RED, palette::GREEN];
    let series = responses
        .iter()
        .zip(&labels)
        .zip(styles.iter().zip(colors))
        .map(|((r, label), (&style, color))| Series {
            label,
            points: r.iter().enumerate().map(|(a, &y)| (a as f64, y)).collect(),
            color,
            style,
        })
        .collect();
    let chart = LineChart {
        x_label: t(lang, "hippo.axis_since"),
        y_label: t(lang, "hippo.axis_response"),
        series,
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}
