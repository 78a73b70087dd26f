//! Lesson 10's figures (`#/block`): the open box's tensor as a heat map, the residual stream
//! through the stack, and what hybrids keep per sequence against the context.

use super::{Drawn, Entry, FigureError};
use crate::course::block::{Axis, BlockLesson, GROUP, HYBRID_D_HEAD, HYBRID_MAMBA, Part, shown};
use crate::i18n::{Lang, fill, t};
use crate::plot::{
    ColorScale, MatrixMap, ScalingChart, ScalingPoint, ScalingSeries, Theme, XAxisMap,
    color_limits, matrix_map, palette, scaling_chart,
};
use crate::ssm::block::{
    BlockTrace, LayerKind, embed_chars, inference_values, seeded_stack, step_stack, trace_stack,
};
use crate::ssm::{MixerDims, SsmError};
use crate::url::Named;
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &[
    Entry { name: "map", aspect: 0.85 },
    Entry { name: "stream", aspect: 0.6 },
    Entry { name: "hybrid", aspect: 0.45 },
];

/// Context lengths drawn in the hybrids' chart: 2^10 … 2^20 tokens.
pub const CONTEXTS: std::ops::RangeInclusive<u32> = 10..=20;

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &BlockLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    if name == "hybrid" {
        return Ok(hybrid(area, theme, lang, s.attention)?);
    }
    let r = run(&tokens_of(s), s)?;
    Ok(match name {
        "map" => map(area, theme, lang, s, &r, None)?,
        _ => stream(area, theme, lang, &r)?,
    })
}

/// The toy model run on the text: its input, every block's trace, and how far recurrent mode
/// is from the whole-sequence pass.
pub struct Run {
    pub tokens: Vec<char>,
    pub x: DMatrix<f64>,
    pub traces: Vec<BlockTrace>,
    pub dims: MixerDims,
    pub recurrent_gap: f64,
}

/// The state's text as tokens; the default text when it is empty.
pub fn tokens_of(s: &BlockLesson) -> Vec<char> {
    let tokens = s.tokens();
    if tokens.is_empty() { BlockLesson::default().tokens() } else { tokens }
}

/// Runs the state's seeded stack on `tokens`, whole-sequence and step by step.
pub fn run(tokens: &[char], s: &BlockLesson) -> Result<Run, SsmError> {
    let x = embed_chars(tokens, crate::course::block::D_MODEL, s.seed)?;
    let blocks = seeded_stack(s.init(), s.layers(), s.seed)?;
    let traces = trace_stack(&blocks, &x)?;
    let stepped = step_stack(&blocks, &x)?;
    let last = traces.last().map(|t| &t.output).unwrap_or(&x);
    let recurrent_gap = (stepped - last).amax();
    Ok(Run { tokens: tokens.to_vec(), x, dims: blocks[0].mixer.dims(), traces, recurrent_gap })
}

/// A character as a column label (a space would be invisible).
pub fn visible(c: char) -> String {
    if c.is_whitespace() { "␣".to_owned() } else { c.to_string() }
}

/// "L = 11" for an axis of a tensor of this run.
pub fn dim_text(axis: Axis, n: usize) -> String {
    format!("{} = {n}", axis.symbol())
}

/// The caption of the open box's tensor: its name and its two axes.
pub fn map_caption(
    lang: Lang,
    s: &BlockLesson,
    rows: (Axis, usize),
    cols: (Axis, usize),
) -> String {
    let part_name = t(lang, &format!("block.part_{}", s.part.name()));
    let tensor_name = if s.part == Part::Ssm {
        t(lang, &format!("block.ssm_{}", s.view.name())).split(':').next().unwrap_or("").to_owned()
    } else {
        part_name.to_owned()
    };
    fill(
        lang,
        "block.caption",
        &[
            ("name", &tensor_name),
            ("rows", &dim_text(rows.0, rows.1)),
            ("cols", &dim_text(cols.0, cols.1)),
        ],
    )
}

/// The open box's tensor as a heat map, the token pointed at (else the state's) marked.
pub fn map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    s: &BlockLesson,
    r: &Run,
    hover: Option<usize>,
) -> Drawn {
    let block = s.block.min(r.traces.len() - 1);
    let input = if block == 0 { &r.x } else { &r.traces[block - 1].output };
    let view = shown(&r.traces[block], input, s.part, s.view);
    let by_token = view.cols == Axis::Token;
    let column = if by_token { hover.unwrap_or(s.token).min(r.tokens.len() - 1) } else { 0 };
    let caption =
        map_caption(lang, s, (view.rows, view.values.nrows()), (view.cols, view.values.ncols()));
    let labels: Vec<String> = r.tokens.iter().map(|&c| visible(c)).collect();
    let map = MatrixMap {
        values: &view.values,
        caption: &caption,
        x_label: t(lang, &format!("block.axis_{}", view.cols.name())),
        y_label: t(lang, &format!("block.axis_{}", view.rows.name())),
        col_labels: by_token.then_some(labels.as_slice()),
        scale: if view.signed { ColorScale::Diverging } else { ColorScale::Sequential },
        marker_col: by_token.then_some(column),
        separators: &view.separators,
        limits: None,
    };
    matrix_map(area, &map, theme).map(Some)
}

/// The residual stream through the stack, on one colour scale: the embedded text, then the
/// stream after each block.
pub fn stream<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    r: &Run,
) -> Drawn {
    let mut panels: Vec<(String, DMatrix<f64>)> =
        vec![(t(lang, "block.stream_input").to_owned(), r.x.transpose())];
    for (i, tr) in r.traces.iter().enumerate() {
        panels.push((
            fill(lang, "block.stream_after", &[("n", &(i + 1).to_string())]),
            tr.output.transpose(),
        ));
    }
    let labels: Vec<String> = r.tokens.iter().map(|&c| visible(c)).collect();
    let all = DMatrix::from_iterator(
        1,
        panels.iter().map(|p| p.1.len()).sum(),
        panels.iter().flat_map(|p| p.1.iter().copied()),
    );
    let limits = color_limits(ColorScale::Diverging, &all);
    for ((caption, values), cell) in panels.iter().zip(area.split_evenly((panels.len(), 1)).iter())
    {
        let map = MatrixMap {
            values,
            caption,
            x_label: t(lang, "block.axis_token"),
            y_label: t(lang, "block.axis_feature"),
            col_labels: Some(&labels),
            scale: ColorScale::Diverging,
            marker_col: None,
            separators: &[],
            limits: Some(limits),
        };
        matrix_map(cell, &map, theme)?;
    }
    Ok(None)
}

/// Numbers kept by `pattern` at `context` tokens.
pub fn kept(pattern: &[LayerKind], context: usize) -> f64 {
    inference_values(pattern, HYBRID_MAMBA, HYBRID_D_HEAD, context) as f64
}

/// The numbers all-Mamba, the hybrid with `attention` attention layers in every 8, and
/// all-attention keep per sequence against the context.
pub fn hybrid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    attention: usize,
) -> Drawn {
    let curve = |pattern: &[LayerKind]| -> Vec<ScalingPoint> {
        CONTEXTS
            .map(|k| {
                let v = kept(pattern, 1 << k) / 1e6;
                ScalingPoint { x: f64::from(1u32 << k), y: v, lo: v, hi: v }
            })
            .collect()
    };
    let series_text = [
        t(lang, "block.series_mamba").to_owned(),
        fill(lang, "block.series_mix", &[("a", &attention.to_string())]),
        t(lang, "block.series_attention").to_owned(),
    ];
    let patterns = [0, attention, GROUP].map(BlockLesson::hybrid_pattern);
    let colors = [palette::GREEN, palette::ORANGE, palette::RED];
    let series = series_text
        .iter()
        .zip(&patterns)
        .zip(colors)
        .map(|((label, pattern), color)| ScalingSeries { label, color, points: curve(pattern) })
        .collect();
    let chart = ScalingChart {
        x_label: t(lang, "block.hybrid_x"),
        y_label: t(lang, "block.hybrid_y"),
        series,
        x_range: (f64::from(1u32 << CONTEXTS.start()), f64::from(1u32 << CONTEXTS.end())),
        log_y: true,
        empty_note: "",
    };
    scaling_chart(area, &chart, theme).map(|_| None)
}
