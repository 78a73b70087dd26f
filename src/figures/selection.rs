//! Lesson 6's figures (`#/selection`): selective copying (fixed against selective Δ), and the
//! typed text's channel: its Δ, B, C and state maps, its mixing matrix, its outputs under both
//! rules for B̄, and B̄/B against Δ.

use super::{Drawn, Entry, FigureError};
use crate::course::selection::SelectionLesson;
use crate::explain::selection::{
    BRuleComparison, CHANNELS, CopyingReport, STATE, StepRule, TextModel, compare_b_rules,
    mixing_matrix, output_shares, run_copying, step_coefficients, text_model,
};
use crate::i18n::{Lang, fill, t};
use crate::plot::{
    Cells, ColorScale, CopyingScene, Corner, HeatmapStack, LineChart, ModelRows, Panel, Series,
    SeriesStyle, Theme, XAxisMap, copying_figure, heatmap_stack, line_chart, magnitude_quantile,
    palette,
};
use crate::ssm::{BRule, SsmError, trace_channel};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &[
    Entry { name: "copy", aspect: 0.62 },
    Entry { name: "maps", aspect: 0.68 },
    Entry { name: "mix", aspect: 0.9 },
    Entry { name: "rules", aspect: 0.62 },
    Entry { name: "kappa", aspect: 0.62 },
];

/// The short names of the text model's channels.
pub const CHANNEL_SHORT: [&str; CHANNELS] =
    ["selection.ch0_short", "selection.ch1_short", "selection.ch2_short", "selection.ch3_short"];

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &SelectionLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    if name == "copy" {
        let (fixed, selective) = copying_runs(s)?;
        return Ok(copying(area, theme, lang, &fixed, &selective, None)?);
    }
    let text = s.text_or(t(lang, "selection.sample_text"));
    let v = text_view(text_model(text, s.scale, s.frozen)?, s.rule, s.channel)?;
    let focus = s.token.min(v.model.tokens.len().saturating_sub(1));
    Ok(match name {
        "maps" => maps(area, theme, lang, &v, focus, s.channel)?,
        "mix" => mixing(area, theme, lang, &v, focus, s.channel)?,
        "rules" => outputs(area, theme, lang, &v, focus, s.channel)?,
        _ => kappa(area, theme, lang, &v, s.channel, s.rule)?,
    })
}

/// The fixed-Δ and the hand-set selective model on the state's copying task.
pub fn copying_runs(s: &SelectionLesson) -> Result<(CopyingReport, CopyingReport), SsmError> {
    let task = s.task();
    let fixed = run_copying(&task, StepRule::Fixed(s.fixed), BRule::Euler, s.seed)?;
    let rule = StepRule::Selective { colored: s.colored, noise: s.noise };
    Ok((fixed, run_copying(&task, rule, BRule::Euler, s.seed)?))
}

/// The selective-copying figure: the tokens, and each model's Δ and output weights.
pub fn copying<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    f: &CopyingReport,
    sel: &CopyingReport,
    hover: Option<usize>,
) -> Drawn {
    let len = f.delta.len();
    let scene = CopyingScene {
        tokens: &f.example.tokens[..len],
        tokens_title: t(lang, "selection.copy_tokens"),
        models: vec![model_rows(lang, "fixed", f), model_rows(lang, "sel", sel)],
        x_label: t(lang, "selection.copy_x"),
        marker: hover,
    };
    copying_figure(area, &scene, theme).map(Some)
}

/// A model's rows in the copying figure: its Δ and output weights, titled by the texts
/// `selection.copy_<model>_delta` and `selection.copy_<model>_weights`.
fn model_rows<'a>(lang: Lang, model: &str, r: &'a CopyingReport) -> ModelRows<'a> {
    ModelRows {
        delta_title: t(lang, &format!("selection.copy_{model}_delta")),
        weights_title: t(lang, &format!("selection.copy_{model}_weights")),
        delta: &r.delta,
        weights: &r.weights,
    }
}

/// What the text part draws, from the core: the state of one channel, its mixing matrix, its
/// outputs under both rules, and the shares of the last output.
#[derive(Debug, PartialEq)]
pub struct TextView {
    pub model: TextModel,
    /// h_t of the channel, (N, L).
    pub h: DMatrix<f64>,
    /// The mixing matrix of the channel, (L, L).
    pub alpha: DMatrix<f64>,
    pub rules: BRuleComparison,
    /// The first token's share of the last output.
    pub first_share: f64,
}

/// The text part's view of one channel under one rule.
pub fn text_view(model: TextModel, rule: BRule, channel: usize) -> Result<TextView, SsmError> {
    let trace = trace_channel(&model.input, rule, channel)?;
    let l = model.tokens.len();
    let h = DMatrix::from_fn(STATE, l, |n, t| trace.steps[t].h[n]);
    let alpha = mixing_matrix(&model.input, rule, channel)?;
    let rules = compare_b_rules(&model.input, channel)?;
    let first_share = output_shares(&alpha, l - 1).first().copied().unwrap_or(0.0);
    Ok(TextView { model, h, alpha, rules, first_share })
}

/// The heat-maps of Δ, |B|, |C| and the state over the typed tokens.
pub fn maps<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    v: &TextView,
    focus: usize,
    channel: usize,
) -> Drawn {
    let states: Vec<String> = (1..=STATE).map(|n| n.to_string()).collect();
    let h_title = fill(lang, "selection.maps_h", &[("d", &channel.to_string())]);
    let values = |title, row_labels, values, scale| Panel {
        title,
        row_labels,
        cells: Cells::Values { values, scale, max: None },
        row_height: 1.0,
    };
    let panels = vec![
        values(
            t(lang, "selection.maps_delta"),
            CHANNEL_SHORT.iter().map(|k| t(lang, k).to_owned()).collect(),
            &v.model.input.delta,
            ColorScale::Sequential,
        ),
        values(
            t(lang, "selection.maps_b"),
            states.clone(),
            &v.model.input.b,
            ColorScale::Sequential,
        ),
        values(
            t(lang, "selection.maps_c"),
            states.clone(),
            &v.model.input.c,
            ColorScale::Sequential,
        ),
        values(&h_title, states, &v.h, ColorScale::Diverging),
    ];
    over_tokens(area, theme, v, panels, t(lang, "selection.maps_x"), focus, None)
}

/// Heat-map panels over the typed tokens, the column of token `focus` marked (and its row,
/// given `marker_row`).
fn over_tokens<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    v: &TextView,
    panels: Vec<Panel<'a>>,
    x_label: &'a str,
    focus: usize,
    marker_row: Option<usize>,
) -> Drawn {
    let stack = HeatmapStack {
        panels,
        column_labels: v.model.tokens.clone(),
        x_label,
        marker_column: Some(focus),
        marker_row,
    };
    heatmap_stack(area, &stack, theme).map(Some)
}

/// The mixing matrix of the chosen channel.
pub fn mixing<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    v: &TextView,
    focus: usize,
    channel: usize,
) -> Drawn {
    let title = fill(lang, "selection.mix_title", &[("d", &channel.to_string())]);
    let panels = vec![Panel {
        title: &title,
        row_labels: v.model.tokens.clone(),
        // A few large weights would wash out the rest: the colours end at the
        // 97th percentile (the colour bar says so).
        cells: Cells::Values {
            values: &v.alpha,
            scale: ColorScale::Diverging,
            max: magnitude_quantile(&v.alpha, 0.97),
        },
        row_height: 1.0,
    }];
    over_tokens(area, theme, v, panels, t(lang, "selection.mix_x"), focus, Some(focus))
}

/// The channel's outputs under both rules for B̄.
pub fn outputs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    v: &TextView,
    focus: usize,
    channel: usize,
) -> Drawn {
    let points =
        |ys: &[f64]| ys.iter().enumerate().map(|(t, &y)| (t as f64, y)).collect::<Vec<_>>();
    let title = fill(lang, "selection.rules_y_title", &[("d", &channel.to_string())]);
    let chart = LineChart {
        caption: Some(&title),
        x_label: t(lang, "selection.maps_x"),
        y_label: t(lang, "selection.rules_y_axis"),
        series: vec![
            Series {
                label: t(lang, "selection.legend_euler"),
                points: points(&v.rules.euler),
                color: palette::RED,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "selection.legend_zoh"),
                points: points(&v.rules.zoh),
                color: palette::BLUE,
                style: SeriesStyle::Dashed,
            },
        ],
        marker_x: Some(focus as f64),
        x_range: Some((-0.5, v.model.tokens.len() as f64 - 0.5)),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}

/// B̄/B against Δ under both rules, with the tokens' steps.
pub fn kappa<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    v: &TextView,
    channel: usize,
    rule: BRule,
) -> Drawn {
    let deltas: Vec<f64> = v.model.input.delta.row(channel).iter().copied().collect();
    let top = deltas.iter().fold(1.0f64, |m, &d| m.max(d * 1.15));
    let grid: Vec<f64> = (0..=120).map(|i| top * f64::from(i) / 120.0).collect();
    let curve = |rule, a: f64| {
        grid.iter().map(|&d| (d, step_coefficients(rule, d, a).1)).collect::<Vec<_>>()
    };
    let tokens = deltas.iter().map(|&d| (d, step_coefficients(rule, d, -1.0).1)).collect();
    let rule_text = t(
        lang,
        if rule == BRule::Zoh { "selection.rule_short_zoh" } else { "selection.rule_short_euler" },
    );
    let token_label =
        fill(lang, "selection.kappa_tokens", &[("d", &channel.to_string()), ("rule", rule_text)]);
    let chart = LineChart {
        caption: Some(t(lang, "selection.kappa_title")),
        x_label: t(lang, "selection.kappa_x"),
        y_label: t(lang, "selection.kappa_y"),
        series: vec![
            Series {
                label: t(lang, "selection.kappa_euler"),
                points: curve(BRule::Euler, -1.0),
                color: palette::RED,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "selection.kappa_zoh1"),
                points: curve(BRule::Zoh, -1.0),
                color: palette::BLUE,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "selection.kappa_zoh8"),
                points: curve(BRule::Zoh, -8.0),
                color: palette::SKY,
                style: SeriesStyle::Dashed,
            },
            Series {
                label: &token_label,
                points: tokens,
                color: palette::ORANGE,
                style: SeriesStyle::Points,
            },
        ],
        x_range: Some((0.0, top)),
        legend: Corner::UpperLeft,
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(|_| None)
}
