//! Lesson 4's figures (`#/views`): the recurrence's state plane, the sliding kernel, the three
//! views' outputs, the FFT's spectra, and the cost of each view against L.

use super::{Drawn, Entry, FigureError};
use crate::course::views::{ViewsLesson, cost_lengths};
use crate::explain::views::{
    RecurrenceStep, ThreeViews, ViewCost, convolution_terms, recurrence_steps, three_views,
    view_cost,
};
use crate::i18n::{Lang, fill, t};
use crate::mathml::short;
use crate::plot::{
    Corner, LineChart, LogChart, Series, SeriesStyle, SlideLabels, SlideScene, StateLabels,
    StateScene, Theme, XAxisMap, line_chart, log_chart, palette, sliding_kernel, state_plane,
};
use crate::ssm::lti::{FftConvolution, convolve_fft_spectra};
use crate::ssm::{Discretized, Method, SsmError, Step, View, discretize};
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &[
    Entry { name: "state", aspect: 1.0 },
    Entry { name: "slide", aspect: 1.0 },
    Entry { name: "outputs", aspect: 0.32 },
    Entry { name: "spectra", aspect: 0.32 },
    Entry { name: "work", aspect: 0.85 },
    Entry { name: "sequential", aspect: 0.85 },
    Entry { name: "next", aspect: 0.85 },
];

/// The recurrence's steps, the three views' outputs and the FFT's spectra of one run.
pub type Runs = (Vec<RecurrenceStep>, ThreeViews, FftConvolution);

/// Which cost chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// Operations for the whole sequence.
    Work,
    /// Steps that must run one after another.
    Sequential,
    /// Operations for one more token.
    Next,
}

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &ViewsLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    let cost = |which| cost_chart(area, theme, lang, which, s.states, s.len);
    Ok(match name {
        "work" => cost(Cost::Work)?,
        "sequential" => cost(Cost::Sequential)?,
        "next" => cost(Cost::Next)?,
        _ => {
            let sys = system(s)?;
            let runs = runs(&sys, &s.input())?;
            match name {
                "state" => plane(area, theme, lang, &runs.0, s.k)?,
                "slide" => slide(area, theme, lang, &runs.1, &s.input(), s.k)?,
                "outputs" => outputs(area, theme, lang, &runs.1, s.k, None)?,
                _ => spectra(area, theme, lang, &runs.2)?,
            }
        }
    })
}

/// The lesson's system discretized by ZOH at its Δ.
pub fn system(s: &ViewsLesson) -> Result<Discretized, SsmError> {
    discretize(&s.example.system(), Step::new(s.delta)?, Method::Zoh)
}

/// The recurrence, the three views and the FFT's spectra for input `x`.
pub fn runs(sys: &Discretized, x: &[f64]) -> Result<Runs, SsmError> {
    let views = three_views(sys, x)?;
    let spectra = convolve_fft_spectra(&views.kernel, x)?;
    Ok((recurrence_steps(sys, x)?, views, spectra))
}

/// The colour of each view, the same in every figure.
pub fn view_color(v: View) -> RGBColor {
    match v {
        View::Recurrent => palette::BLUE,
        View::Convolution => palette::RED,
        View::Fft => palette::ORANGE,
    }
}

/// The view's name, translated.
pub fn view_name(lang: Lang, v: View) -> &'static str {
    match v {
        View::Recurrent => t(lang, "views.view_recurrent"),
        View::Convolution => t(lang, "views.view_convolution"),
        View::Fft => t(lang, "views.view_fft"),
    }
}

/// The state's path up to step k, with Ā h_{k−1} and B̄ x_k of step k.
pub fn plane<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    steps: &[RecurrenceStep],
    k: usize,
) -> Drawn {
    let k = k.min(steps.len().saturating_sub(1));
    let Some(step) = steps.get(k) else { return Ok(None) };
    let mut all = vec![(0.0, 0.0)];
    all.extend(steps.iter().map(|st| (st.state[0], st.state[1])));
    let now = fill(lang, "views.label_now", &[("k", &k.to_string())]);
    let scene = StateScene {
        all,
        shown: k + 2,
        carried: (step.carried[0], step.carried[1]),
        labels: StateLabels {
            path: t(lang, "views.legend_path"),
            carried: t(lang, "views.legend_carried"),
            added: t(lang, "views.legend_added"),
            now: &now,
            axes: (t(lang, "views.axis_h1"), t(lang, "views.axis_h2")),
        },
    };
    state_plane(area, &scene, theme).map(|_| None)
}

/// The kernel slid to step k over the input, with the products that sum to y_k.
pub fn slide<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    views: &ThreeViews,
    input: &[f64],
    k: usize,
) -> Drawn {
    let k = k.min(views.convolution.len().saturating_sub(1));
    let terms = convolution_terms(&views.kernel, input, k)
        .map_err(|e| crate::plot::PlotError(e.to_string()))?;
    let sum = fill(
        lang,
        "views.label_sum",
        &[("k", &k.to_string()), ("y", &short(views.convolution[k]))],
    );
    let scene = SlideScene {
        input: input.to_vec(),
        kernel: views.kernel.clone(),
        terms,
        k,
        labels: SlideLabels {
            input: t(lang, "views.axis_input"),
            kernel: t(lang, "views.axis_kernel"),
            products: t(lang, "views.axis_products"),
            position: t(lang, "views.axis_position"),
            sum: &sum,
        },
    };
    sliding_kernel(area, &scene, theme).map(|_| None)
}

/// The outputs of the three views: the recurrence and the sliding kernel up to step k, the FFT's
/// all at once, with the marker at the hovered step (else at k).
pub fn outputs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    views: &ThreeViews,
    k: usize,
    hover: Option<f64>,
) -> Drawn {
    let len = views.fft.len();
    let k = k.min(len.saturating_sub(1));
    let indexed = |ys: &[f64], upto: usize| -> Vec<(f64, f64)> {
        ys.iter().take(upto).enumerate().map(|(i, &y)| (i as f64, y)).collect()
    };
    // The recurrence and the sliding kernel have reached step k; the FFT has every output.
    let lines = [
        (View::Recurrent, indexed(&views.recurrent, k + 1), SeriesStyle::Line),
        (View::Convolution, indexed(&views.convolution, k + 1), SeriesStyle::Points),
        (View::Fft, indexed(&views.fft, len), SeriesStyle::Dashed),
    ];
    let chart = LineChart {
        x_label: t(lang, "views.axis_step"),
        y_label: t(lang, "views.axis_output"),
        series: lines
            .into_iter()
            .map(|(v, points, style)| Series {
                label: view_name(lang, v),
                points,
                color: view_color(v),
                style,
            })
            .collect(),
        marker_x: hover.or(Some(k as f64)),
        y_limit: Some((-1e6, 1e6)),
        x_range: Some((0.0, len.saturating_sub(1) as f64)),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}

/// The magnitudes of the kernel's, the input's and the output's spectra.
pub fn spectra<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    fft: &FftConvolution,
) -> Drawn {
    let half = fft.size / 2;
    let magnitudes = |zs: &[num_complex::Complex64]| -> Vec<(f64, f64)> {
        zs.iter().take(half + 1).enumerate().map(|(f, z)| (f as f64, z.norm())).collect()
    };
    let series = |key, zs: &[num_complex::Complex64], color, style| Series {
        label: t(lang, key),
        points: magnitudes(zs),
        color,
        style,
    };
    let chart = LogChart {
        x_label: t(lang, "views.axis_frequency"),
        y_label: t(lang, "views.axis_magnitude"),
        series: vec![
            series(
                "views.legend_kernel_spectrum",
                &fft.kernel_spectrum,
                palette::ORANGE,
                SeriesStyle::Line,
            ),
            series(
                "views.legend_input_spectrum",
                &fft.input_spectrum,
                palette::SKY,
                SeriesStyle::Line,
            ),
            series(
                "views.legend_output_spectrum",
                &fft.output_spectrum,
                palette::RED,
                SeriesStyle::Points,
            ),
        ],
        log_x: false,
        marker_x: None,
        floor: 1e-6,
        corner: Corner::UpperRight,
    };
    log_chart(area, &chart, theme).map(|_| None)
}

/// One cost of every view against L (log–log), for N states, the current L marked.
pub fn cost_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    which: Cost,
    n: usize,
    len: usize,
) -> Drawn {
    let (pick, y_key): (fn(&ViewCost) -> u64, &str) = match which {
        Cost::Work => (|c| c.sequence.operations(), "views.axis_work"),
        Cost::Sequential => (|c| c.sequence.sequential_steps, "views.axis_sequential"),
        Cost::Next => (|c| c.next_token.operations(), "views.axis_next"),
    };
    let lengths = cost_lengths();
    let chart = LogChart {
        x_label: t(lang, "views.axis_length"),
        y_label: t(lang, y_key),
        series: View::ALL
            .iter()
            .map(|&v| Series {
                label: view_name(lang, v),
                points: lengths
                    .iter()
                    .map(|&l| (l as f64, pick(&view_cost(v, n, l)) as f64))
                    .collect(),
                color: view_color(v),
                style: SeriesStyle::Line,
            })
            .collect(),
        log_x: true,
        marker_x: Some(len as f64),
        floor: 1.0,
        corner: Corner::UpperLeft,
    };
    log_chart(area, &chart, theme).map(|_| None)
}
