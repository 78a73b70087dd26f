//! Lesson 8's figures (`#/scan`): composing two steps of the scan (the notes' question), work
//! and depth of each algorithm against n, and the bench page's measured times (`#/scan/bench`).
//!
//! The bench's times are measured in the reader's browser; its address (`d`, `n`, `upto`)
//! holds the settings, not the times, so the catalogue draws the chart as the page shows it
//! before a run (no points); the page draws its rows through the same function.

use super::{Drawn, Entry, FigureError, parse_state};
use crate::course::scan::{BenchPage, COST_K, ScanLesson};
use crate::explain::scan::ssm_pairs;
use crate::i18n::{Lang, fill, t};
use crate::plot::{
    LineChart, LogLogChart, Series, SeriesStyle, Theme, XAxisMap, clip_segment, line_chart,
    log_log_chart, palette,
};
use crate::ssm::scan::cost;
use crate::ssm::{Monoid, ScanAlgorithm, SsmPair};
use crate::url::Query;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &[
    Entry { name: "question", aspect: 0.55 },
    Entry { name: "cost", aspect: 0.6 },
    Entry { name: "bench", aspect: 0.5 },
];

/// The three algorithms of the cost figure, with their names and colours.
pub const ALGORITHMS: [(ScanAlgorithm, &str, RGBColor); 3] = [
    (ScanAlgorithm::Sequential, "scan.algo_sequential", palette::INK),
    (ScanAlgorithm::HillisSteele, "scan.algo_hillis", palette::GREEN),
    (ScanAlgorithm::Blelloch, "scan.algo_blelloch", palette::BLUE),
];

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    q: &Query,
) -> Result<Option<XAxisMap>, FigureError> {
    if name == "bench" {
        // The bench page has its own state (`#/scan/bench?d=…&n=…&upto=…`).
        parse_state::<BenchPage>(q)?;
        return Ok(bench(area, theme, lang, &[], &[], &[])?);
    }
    let s: ScanLesson = parse_state(q)?;
    Ok(match name {
        "question" => {
            let (p, q, at) = composed(s.n, s.seed, s.at);
            composition(area, theme, lang, p, q, at, s.h0)?
        }
        _ => cost_chart(area, theme, lang, 1 << s.cost_k)?,
    })
}

/// The two pairs composed in the question's figure (identities when there are too few), and
/// where they stand.
pub fn composed(n: usize, seed: u64, at: usize) -> (SsmPair, SsmPair, usize) {
    let pairs = ssm_pairs(n, seed).map(|ex| ex.pairs).unwrap_or_default();
    let at = at.min(pairs.len().saturating_sub(3));
    match (pairs.get(at), pairs.get(at + 1)) {
        (Some(&p), Some(&q)) => (p, q, at),
        _ => (SsmPair::identity(), SsmPair::identity(), at),
    }
}

/// The composition figure: the steps p and q as lines, p∘q, and the path of h through both.
pub fn composition<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    p: SsmPair,
    q: SsmPair,
    at: usize,
    h0: f64,
) -> Drawn {
    let pq = p.combine(&q);
    let (p_label, q_label) = (
        fill(lang, "scan.fig_p", &[("i", &at.to_string())]),
        fill(lang, "scan.fig_q", &[("i", &(at + 1).to_string())]),
    );
    // An affine map is a straight line: its two ends inside the chart, so the canvas draws
    // one clean segment.
    let line = |m: SsmPair| {
        clip_segment(((-2.5, 2.5), (-4.0, 4.0)), (-2.5, m.apply(-2.5)), (2.5, m.apply(2.5)))
            .map_or_else(Vec::new, |(a, b)| vec![a, b])
    };
    let ph = p.apply(h0);
    let path = vec![(h0, p.apply(h0)), (ph, ph), (ph, q.apply(ph)), (h0, pq.apply(h0))];
    let series = |label, points, color, style| Series { label, points, color, style };
    let chart = LineChart {
        x_label: t(lang, "scan.fig_x"),
        y_label: t(lang, "scan.fig_y"),
        series: vec![
            series(&p_label, line(p), palette::BLUE, SeriesStyle::Line),
            series(&q_label, line(q), palette::GREEN, SeriesStyle::Line),
            series(t(lang, "scan.fig_pq"), line(pq), palette::PURPLE, SeriesStyle::Dashed),
            series(
                t(lang, "scan.fig_diagonal"),
                vec![(-2.5, -2.5), (2.5, 2.5)],
                palette::MARK,
                SeriesStyle::Dashed,
            ),
            series(t(lang, "scan.fig_path"), path, palette::ORANGE, SeriesStyle::Line),
            series(
                t(lang, "scan.fig_points"),
                vec![(h0, p.apply(h0)), (ph, q.apply(ph)), (h0, pq.apply(h0))],
                palette::INK,
                SeriesStyle::Points,
            ),
        ],
        marker_x: Some(h0),
        y_limit: Some((-4.0, 4.0)),
        x_range: Some((-2.5, 2.5)),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(|_| None)
}

/// Work and depth of each algorithm against n (log–log), marked at `n`.
pub fn cost_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    n: usize,
) -> Drawn {
    let labels: Vec<(String, String)> = ALGORITHMS
        .iter()
        .map(|&(_, key, _)| {
            (
                fill(lang, "scan.cost_work", &[("a", t(lang, key))]),
                fill(lang, "scan.cost_depth", &[("a", t(lang, key))]),
            )
        })
        .collect();
    let ns: Vec<usize> = (COST_K.0..=COST_K.1).map(|k| 1usize << k).collect();
    let mut series = Vec::new();
    for (&(a, _, color), (work, depth)) in ALGORITHMS.iter().zip(&labels) {
        series.push(Series {
            label: work,
            points: ns.iter().map(|&n| (n as f64, cost(a, n).work as f64)).collect(),
            color,
            style: SeriesStyle::Line,
        });
        series.push(Series {
            label: depth,
            points: ns.iter().map(|&n| (n as f64, cost(a, n).depth as f64)).collect(),
            color,
            style: SeriesStyle::Dashed,
        });
    }
    let chart = LogLogChart {
        x_label: t(lang, "scan.cost_x"),
        y_label: t(lang, "scan.cost_y"),
        series,
        marker_x: Some(n as f64),
    };
    log_log_chart(area, &chart, theme).map(|_| None)
}

/// The CPU's time, the GPU's total and its compute alone (ms) against L, log–log.
pub fn bench<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    cpu: &[(f64, f64)],
    gpu: &[(f64, f64)],
    compute: &[(f64, f64)],
) -> Drawn {
    let series = |key, points: &[(f64, f64)], color, style| Series {
        label: t(lang, key),
        points: points.to_vec(),
        color,
        style,
    };
    let chart = LogLogChart {
        x_label: t(lang, "scan.bench.axis_x"),
        y_label: t(lang, "scan.bench.axis_y"),
        series: vec![
            series("scan.bench.series_cpu", cpu, palette::BLUE, SeriesStyle::Line),
            series("scan.bench.series_gpu", gpu, palette::RED, SeriesStyle::Line),
            series("scan.bench.series_compute", compute, palette::ORANGE, SeriesStyle::Dashed),
        ],
        marker_x: None,
    };
    log_log_chart(area, &chart, theme).map(|_| None)
}
