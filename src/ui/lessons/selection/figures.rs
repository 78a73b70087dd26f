//! The text part's figures of `#/selection`: the channel's Δ, B, C and state maps, its mixing
//! matrix, its outputs under both rules, and B̄/B against Δ.

use super::{Area, CHANNEL_SHORT, Drawn, TextDeps};
use crate::explain::selection::{STATE, step_coefficients};
use crate::i18n::{fill, t};
use crate::plot::{
    Cells, ColorScale, Corner, HeatmapStack, LineChart, Panel, Series, SeriesStyle, Theme,
    heatmap_stack, line_chart, magnitude_quantile, palette,
};
use crate::ssm::BRule;

/// The heat-maps of Δ, |B|, |C| and the state over the typed tokens.
pub(super) fn draw_maps(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (focus, lang, channel) = (d.focus, d.lang, d.channel);
    let states: Vec<String> = (1..=STATE).map(|n| n.to_string()).collect();
    let h_title = fill(lang, "selection.maps_h", &[("d", &channel.to_string())]);
    let values = |title, row_labels, values, scale| Panel {
        title,
        row_labels,
        cells: Cells::Values { values, scale, max: None },
        row_height: 1.0,
    };
    let stack = HeatmapStack {
        panels: vec![
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
        ],
        column_labels: v.model.tokens.clone(),
        x_label: t(lang, "selection.maps_x"),
        marker_column: Some(focus),
        marker_row: None,
    };
    heatmap_stack(area, &stack, theme).map(Some)
}

/// The mixing matrix of the chosen channel.
pub(super) fn draw_mixing(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (focus, lang, channel) = (d.focus, d.lang, d.channel);
    let title = fill(lang, "selection.mix_title", &[("d", &channel.to_string())]);
    let stack = HeatmapStack {
        panels: vec![Panel {
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
        }],
        column_labels: v.model.tokens.clone(),
        x_label: t(lang, "selection.mix_x"),
        marker_column: Some(focus),
        marker_row: Some(focus),
    };
    heatmap_stack(area, &stack, theme).map(Some)
}

/// The channel's outputs under both rules for B̄.
pub(super) fn draw_outputs(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (focus, lang, channel) = (d.focus, d.lang, d.channel);
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
pub(super) fn draw_kappa(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (lang, channel, rule) = (d.lang, d.channel, d.rule);
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
