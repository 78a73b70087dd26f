//! The pictures of the two-views lesson: the recurrence's state moving step by step in the
//! state plane, and the kernel sliding over the input in the convolution.

use crate::plot::chart::plane::{Mark, PlaneScene, fit_view, plane};
use crate::plot::{Corner, LegendEntry, PlotError, Swatch, Theme, palette};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the state-plane picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateLabels<'a> {
    /// Legend: the states so far.
    pub path: &'a str,
    /// Legend: Abar h_{k−1}.
    pub carried: &'a str,
    /// Legend: + Bbar x_k.
    pub added: &'a str,
    /// Label at the current state.
    pub now: &'a str,
    /// Axis labels (h₁, h₂).
    pub axes: (&'a str, &'a str),
}

/// The recurrence at step k in the state plane.
#[derive(Debug, Clone, PartialEq)]
pub struct StateScene<'a> {
    /// Every state h_{−1} = 0, h_0, …, h_{L−1} (fixes the view, so it stays put while playing).
    pub all: Vec<(f64, f64)>,
    /// The states shown so far: h_{−1} = 0, h_0, …, h_k.
    pub shown: usize,
    /// Abar h_{k−1}, where the old state goes before the token is added.
    pub carried: (f64, f64),
    /// Texts.
    pub labels: StateLabels<'a>,
}

/// Draws the state plane: the path so far, and the last step as two arrows, h_{k−1} → Abar
/// h_{k−1} (the state carried over) and on to h_k (what the token adds).
pub fn state_plane<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &StateScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let l = scene.labels;
    let shown = &scene.all[..scene.shown.max(1).min(scene.all.len())];
    let now = shown.last().copied().unwrap_or((0.0, 0.0));
    let before = if shown.len() >= 2 { shown[shown.len() - 2] } else { (0.0, 0.0) };
    let mut marks = vec![
        Mark::Path { points: scene.all.clone(), color: palette::GRID, width: 1.0, dashed: false },
        Mark::Path { points: shown.to_vec(), color: palette::BLUE, width: 1.5, dashed: false },
        Mark::Dots { points: shown.to_vec(), color: palette::BLUE, radius: 2.5 },
        Mark::Arrow { from: before, to: scene.carried, color: palette::PURPLE, dashed: true },
        Mark::Arrow { from: scene.carried, to: now, color: palette::ORANGE, dashed: false },
    ];
    marks.extend(Mark::labelled_point(now, l.now, palette::INK, 5.0, false));
    let view = fit_view(scene.all.iter().copied().chain([scene.carried]), 0.1, 0.05);
    let legend = vec![
        LegendEntry { label: l.path, color: palette::BLUE, swatch: Swatch::Line },
        LegendEntry { label: l.carried, color: palette::PURPLE, swatch: Swatch::Dashed },
        LegendEntry { label: l.added, color: palette::ORANGE, swatch: Swatch::Line },
    ];
    let scene = PlaneScene::new(l.axes, view, marks).with_legend(legend, Corner::UpperRight);
    plane(area, &scene, theme)
}

/// Texts of the sliding-kernel picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlideLabels<'a> {
    /// The input row's axis.
    pub input: &'a str,
    /// The flipped kernel row's axis.
    pub kernel: &'a str,
    /// The products row's axis.
    pub products: &'a str,
    /// The token position axis.
    pub position: &'a str,
    /// A note beside the products, e.g. "sum = y_k = 0.42".
    pub sum: &'a str,
}

/// The convolution at step k: the input, the kernel flipped so that K_0 sits under x_k, and
/// their products, whose sum is y_k.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideScene<'a> {
    /// x_0 … x_{L−1}.
    pub input: Vec<f64>,
    /// K_0 … K_{L−1}.
    pub kernel: Vec<f64>,
    /// K_{k−i} x_i for i = 0 … k.
    pub terms: Vec<f64>,
    /// The step k.
    pub k: usize,
    /// Texts.
    pub labels: SlideLabels<'a>,
}

/// Bars of `values` at positions 0, 1, …, with the bar at `highlight` outlined in ink.
fn bars<'a>(
    values: impl Iterator<Item = (usize, f64)>,
    color: RGBColor,
    highlight: usize,
) -> Vec<Mark<'a>> {
    values
        .map(|(i, v)| {
            let x = i as f64;
            Mark::Polygon {
                points: vec![(x - 0.35, 0.0), (x + 0.35, 0.0), (x + 0.35, v), (x - 0.35, v)],
                color: if i == highlight { palette::INK } else { color },
                fill: if i == highlight { 0.55 } else { 0.45 },
                dashed: false,
            }
        })
        .collect()
}

/// A symmetric range around 0 that holds ±`m`.
fn symmetric(m: f64) -> (f64, f64) {
    let m = if m.is_finite() && m > 0.0 { m * 1.15 } else { 1.0 };
    (-m, m)
}

/// Draws three stacked rows on one position axis: x_i, K_{k−i} and their products.
pub fn sliding_kernel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &SlideScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let l = scene.labels;
    let len = scene.input.len();
    let k = scene.k.min(len.saturating_sub(1));
    let x_view = (-0.6, len as f64 - 0.4);
    let peak = |v: &[f64]| v.iter().filter(|x| x.is_finite()).fold(0.0_f64, |m, x| m.max(x.abs()));
    let (x_max, k_max) = (peak(&scene.input), peak(&scene.kernel));
    let flipped = (0..=k).filter_map(|i| scene.kernel.get(k - i).map(|&v| (i, v)));
    let rows: [(Vec<Mark<'_>>, (f64, f64), &str); 3] = [
        (
            bars(scene.input.iter().copied().enumerate(), palette::BLUE, k),
            symmetric(x_max),
            l.input,
        ),
        (bars(flipped, palette::ORANGE, k), symmetric(k_max), l.kernel),
        (
            bars(scene.terms.iter().copied().enumerate(), palette::GREEN, usize::MAX),
            symmetric(x_max * k_max),
            l.products,
        ),
    ];
    let cells = area.split_evenly((3, 1));
    for (row, (mut marks, y_view, label)) in rows.into_iter().enumerate() {
        marks.insert(
            0,
            Mark::Path {
                points: vec![(x_view.0, 0.0), (x_view.1, 0.0)],
                color: palette::MARK,
                width: 1.0,
                dashed: false,
            },
        );
        if row == 2 {
            marks.push(Mark::Label {
                at: (x_view.0 + 0.3, y_view.1 * 0.75),
                text: l.sum,
                color: palette::INK,
            });
        }
        let x_label = if row == 2 { l.position } else { "" };
        let scene = PlaneScene::new((x_label, label), (x_view, y_view), marks).with_ticks(8, 3);
        plane(&cells[row], &scene, theme)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(size: (u32, u32), draw: impl Fn(&DrawingArea<SVGBackend<'_>, Shift>)) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
            draw(&area);
            area.present().unwrap();
        }
        out
    }

    #[test]
    fn the_state_plane_moves_with_k() {
        let labels = StateLabels {
            path: "states so far",
            carried: "Ā h",
            added: "+ B̄ x",
            now: "h_k",
            axes: ("h₁", "h₂"),
        };
        let all = vec![(0.0, 0.0), (0.1, 0.3), (0.25, 0.2), (0.3, -0.1)];
        let draw = |shown: usize| {
            svg((400, 300), |a| {
                let scene = StateScene { all: all.clone(), shown, carried: (0.2, 0.1), labels };
                state_plane(a, &scene, &Theme::default()).unwrap();
            })
        };
        let (early, late) = (draw(2), draw(4));
        assert_ne!(early, late);
        assert!(late.contains("states so far") && late.contains("h₂") && late.contains("h_k"));
        // Out-of-range counts are clamped, not a panic.
        let _ = draw(0);
        let _ = draw(99);
    }

    #[test]
    fn the_sliding_kernel_draws_three_rows() {
        let labels = SlideLabels {
            input: "x_i",
            kernel: "K_{k−i}",
            products: "K_{k−i} x_i",
            position: "token position i",
            sum: "sum = y_k",
        };
        let input = vec![1.0, -0.5, 0.3, 0.8];
        let kernel = vec![0.5, 0.25, 0.125, 0.0625];
        let draw = |k: usize| {
            let terms: Vec<f64> = (0..=k).map(|i| kernel[k - i] * input[i]).collect();
            svg((500, 360), |a| {
                let scene = SlideScene {
                    input: input.clone(),
                    kernel: kernel.clone(),
                    terms: terms.clone(),
                    k,
                    labels,
                };
                sliding_kernel(a, &scene, &Theme::default()).unwrap();
            })
        };
        let (first, last) = (draw(0), draw(3));
        assert_ne!(first, last);
        for text in ["x_i", "K_{k−i}", "token position i", "sum = y_k"] {
            assert!(last.contains(text), "{text}");
        }
        assert!(!last.contains("NaN"));
    }
}
