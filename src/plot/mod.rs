//! Figures drawn with plotters, generic over `DrawingBackend`: the same function draws on a
//! canvas in the page and to SVG in native tests. Numbers on axes and colour bars are written by
//! [`crate::format`].
//!
//! Every figure takes a [`Theme`] (sizes scale with the device pixel ratio and the projector;
//! colours are roles that the theme paints) and returns what the
//! page needs to map the pointer back to data ([`XAxisMap`]). Non-finite values are never drawn:
//! figures skip them and clamp to their axis range, so an unstable system cannot draw NaN.

/// Generic charts: axes, lines, log axes, bars, planes, legends, heat maps, the colour bar.
mod chart;
/// The lesson-specific pictures drawn on them.
mod scene;
#[cfg(test)]
mod svg_test;
/// The numbers a figure draws, as a table ("Show data", CSV).
mod table;
/// Each chart's and scene's table.
mod tables;
/// Light, dark and projector: the figures' colours and sizes and the page's colour variables.
pub mod theme;

pub use chart::axes::Frame;
pub use chart::bars::{BarChart, bar_chart};
pub use chart::cell_heatmap::{CellMap, Heatmap, diverging, heatmap};
pub use chart::heatmap::{
    Cells, ColorScale, HeatmapStack, Panel, column_at, heatmap_stack, magnitude_quantile,
};
pub use chart::legend::{Corner, LegendEntry, Swatch, legend};
pub(crate) use chart::legend::{data_pixels, legend_clear_of};
pub use chart::lines::{LineChart, Series, SeriesStyle, line_chart};
pub use chart::log_chart::{LogChart, log_chart};
pub use chart::loglog::{LogLogChart, log_log_chart};
pub use chart::matrix_map::{MatrixMap, color_limits, matrix_map};
pub use chart::plane::{Mark, PlaneScene, plane};
pub use chart::scaling::{ScalingChart, ScalingPoint, ScalingSeries, scaling_chart};
pub use scene::copying::{CopyingScene, ModelRows, copying_figure};
pub use scene::discretize::{
    DiscreteEigenScene, EulerLabels, EulerScene, IntegralLabels, IntegralScene, Mat2, RuleSpectrum,
    TaylorLabels, TaylorSquare, discrete_eigen_plane, euler_plane, integral_grid, mat2,
    taylor_square,
};
pub use scene::eigen::{EigenScene, eigen_plane};
pub use scene::grid_world::{GridScene, grid_cell_at, grid_world};
pub use scene::machines::{CircuitScene, SpringScene, circuit_picture, spring_picture};
pub use scene::memory::{
    ErrorChart, ErrorSeries, MemoryLabels, MemoryScene, error_chart, memory_chart,
};
pub use scene::phase::{PhaseScene, View, clip_segment, phase_portrait, phase_view};
pub use scene::tracking::{TrackScene, track_view, tracking};
pub use scene::views::{
    SlideLabels, SlideScene, StateLabels, StateScene, sliding_kernel, state_plane,
};
pub(crate) use table::record;
pub use table::{FigureData, recorded};
pub use theme::Theme;
/// The role colours figures draw with; the [`Theme`] paints them.
pub use theme::palette::roles as palette;

/// Maps device-pixel x back to data x along a figure's horizontal axis (for linked hovering).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XAxisMap {
    /// Data x at the left end of the plotting area.
    pub x0: f64,
    /// Data x at the right end.
    pub x1: f64,
    /// Device-pixel x of the left end.
    pub px0: f64,
    /// Device-pixel x of the right end.
    pub px1: f64,
}

impl XAxisMap {
    /// The data x at device pixel `px`, or `None` outside the plotting area.
    pub fn data_x(&self, px: f64) -> Option<f64> {
        let (lo, hi) = (self.px0.min(self.px1), self.px0.max(self.px1));
        if !(lo..=hi).contains(&px) || hi == lo {
            return None;
        }
        Some(self.x0 + (px - self.px0) / (self.px1 - self.px0) * (self.x1 - self.x0))
    }
}

/// A drawing failed in the backend (e.g. a canvas that has gone away).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlotError(pub String);

impl std::fmt::Display for PlotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for PlotError {}

/// Converts any plotters error into a [`PlotError`].
fn err<E: std::fmt::Debug>(e: E) -> PlotError {
    PlotError(format!("{e:?}"))
}

/// The range `[lo, hi]` of the finite values, widened a little so lines do not touch the frame,
/// and clamped to `limit` so that a diverging series cannot squash everything else.
pub fn finite_range(
    values: impl IntoIterator<Item = f64>,
    limit: Option<(f64, f64)>,
) -> (f64, f64) {
    let (mut lo, mut hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if let Some((a, b)) = limit {
        lo = lo.max(a);
        hi = hi.min(b);
    }
    if !(lo.is_finite() && hi.is_finite()) || lo > hi {
        return limit.unwrap_or((-1.0, 1.0));
    }
    let pad = if hi - lo < 1e-12 { lo.abs().max(1.0) * 0.1 } else { (hi - lo) * 0.06 };
    (lo - pad, hi + pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_skip_non_finite_and_respect_limits() {
        let (lo, hi) = finite_range([1.0, f64::NAN, 3.0, f64::INFINITY], None);
        assert!(lo < 1.0 && hi > 3.0 && hi < 3.5);
        let (lo, hi) = finite_range([0.0, 1e30], Some((-10.0, 10.0)));
        assert!(lo < 0.0 && hi <= 11.0);
        assert_eq!(finite_range([f64::NAN], None), (-1.0, 1.0));
        let (lo, hi) = finite_range([2.0, 2.0], None);
        assert!(lo < 2.0 && hi > 2.0);
    }

    #[test]
    fn axis_map_inverts_pixels() {
        let m = XAxisMap { x0: 0.0, x1: 10.0, px0: 50.0, px1: 250.0 };
        assert_eq!(m.data_x(150.0), Some(5.0));
        assert_eq!(m.data_x(10.0), None);
    }
}
