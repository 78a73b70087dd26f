//! The selective-copying figure: the context's tokens, then for each model its step Δ_t and
//! what each token leaves in the final state, on one shared position axis.

use crate::plot::chart::heatmap::{Cells, ColorScale, HeatmapStack, Panel, heatmap_stack};
use crate::plot::{PlotError, Theme, XAxisMap, palette};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The colour of a selective-copying token: light grey for noise (0), then blue, orange, green
/// and pink for the colours 1–4 (Okabe–Ito; the page's answer chips use the same).
pub(crate) fn token_color(token: usize) -> RGBColor {
    const COLORS: [RGBColor; 4] = [palette::BLUE, palette::ORANGE, palette::GREEN, palette::PURPLE];
    match token {
        0 => palette::GRID,
        t => COLORS[(t - 1) % COLORS.len()],
    }
}

/// One model's rows of the figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelRows<'a> {
    /// Title of the Δ row.
    pub delta_title: &'a str,
    /// Title of the weights panel.
    pub weights_title: &'a str,
    /// Δ_t for each position.
    pub delta: &'a [f64],
    /// The weight of each position in each state index at the end, (N, len).
    pub weights: &'a DMatrix<f64>,
}

/// The whole figure.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyingScene<'a> {
    /// The context tokens (0 = noise).
    pub tokens: &'a [usize],
    /// Title of the token row.
    pub tokens_title: &'a str,
    /// The models, top to bottom.
    pub models: Vec<ModelRows<'a>>,
    /// The position axis's name.
    pub x_label: &'a str,
    /// The hovered position.
    pub marker: Option<usize>,
}

/// Draws the scene; returns the position axis for hovering.
pub fn copying_figure<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &CopyingScene<'_>,
    theme: &Theme,
) -> Result<XAxisMap, PlotError> {
    let swatches: Vec<RGBColor> = scene.tokens.iter().map(|&t| token_color(t)).collect();
    // Both Δ rows share one colour scale, so that their steps compare directly.
    let delta_max = scene
        .models
        .iter()
        .flat_map(|m| m.delta.iter())
        .filter(|d| d.is_finite())
        .fold(0.0f64, |a, &d| a.max(d));
    let deltas: Vec<DMatrix<f64>> =
        scene.models.iter().map(|m| DMatrix::from_row_slice(1, m.delta.len(), m.delta)).collect();
    let state_labels = |n: usize| (1..=n).map(|k| k.to_string()).collect::<Vec<_>>();
    let mut panels = vec![Panel {
        title: scene.tokens_title,
        row_labels: Vec::new(),
        cells: Cells::Swatches(&swatches),
        row_height: 1.4,
    }];
    for (m, delta) in scene.models.iter().zip(&deltas) {
        panels.push(Panel {
            title: m.delta_title,
            row_labels: vec!["Δ".into()],
            cells: Cells::Values {
                values: delta,
                scale: ColorScale::Sequential,
                max: Some(delta_max),
            },
            row_height: 1.0,
        });
        panels.push(Panel {
            title: m.weights_title,
            row_labels: state_labels(m.weights.nrows()),
            cells: Cells::Values { values: m.weights, scale: ColorScale::Sequential, max: None },
            row_height: 0.8,
        });
    }
    let column_labels = (0..scene.tokens.len())
        .map(|p| if p % 4 == 0 { p.to_string() } else { String::new() })
        .collect();
    let stack = HeatmapStack {
        panels,
        column_labels,
        x_label: scene.x_label,
        marker_column: scene.marker,
        marker_row: None,
    };
    heatmap_stack(area, &stack, theme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::selection::{CopyingTask, StepRule, run_copying};
    use crate::ssm::BRule;

    #[test]
    fn draws_both_models_from_the_core() {
        let task = CopyingTask { len: 16, data: 4, colors: 4, state: 3, train: 20, test: 20 };
        let fixed = run_copying(&task, StepRule::Fixed(0.2), BRule::Euler, 1).unwrap();
        let selective =
            run_copying(&task, StepRule::Selective { colored: 0.5, noise: 0.001 }, BRule::Euler, 1)
                .unwrap();
        let scene = CopyingScene {
            tokens: &fixed.example.tokens[..16],
            tokens_title: "input tokens",
            models: vec![
                ModelRows {
                    delta_title: "fixed Δ",
                    weights_title: "fixed weights",
                    delta: &fixed.delta,
                    weights: &fixed.weights,
                },
                ModelRows {
                    delta_title: "selective Δ",
                    weights_title: "selective weights",
                    delta: &selective.delta,
                    weights: &selective.weights,
                },
            ],
            x_label: "position",
            marker: Some(3),
        };
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
            let map = copying_figure(&area, &scene, &Theme::default()).unwrap();
            area.present().unwrap();
            assert_eq!((map.x0, map.x1), (-0.5, 15.5));
        }
        for text in ["input tokens", "fixed Δ", "selective weights", "position", "12"] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(!svg.contains("NaN"));
        assert_eq!(token_color(0), palette::GRID);
        assert_ne!(token_color(1), token_color(2));
    }
}
