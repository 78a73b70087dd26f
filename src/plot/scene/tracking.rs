//! The tracking picture of lesson 1: noisy observations of a moving object, the true path, the
//! filter's estimated path, and the two predictions of the next position (from the position
//! alone, and from position and velocity).

use crate::plot::chart::plane::{Grid, plane_chart};
use crate::plot::{
    Corner, LegendEntry, PlotError, Swatch, Theme, data_pixels, err, finite_range, legend_clear_of,
    palette,
};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The track up to the current step.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackScene<'a> {
    /// Observed positions up to now.
    pub observed: Vec<(f64, f64)>,
    /// Estimated positions up to now.
    pub estimated: Vec<(f64, f64)>,
    /// True positions up to now (empty to hide them).
    pub truth: Vec<(f64, f64)>,
    /// Prediction of the next position from position and velocity.
    pub predicted: (f64, f64),
    /// Prediction of the next position from the last observation alone.
    pub naive: (f64, f64),
    /// Where the object really is next (drawn when the truth is shown).
    pub actual_next: Option<(f64, f64)>,
    /// Legend texts: observed, estimated, truth, predicted, naive, actual next.
    pub labels: [&'a str; 6],
    /// Axis labels (x, y).
    pub axes: (&'a str, &'a str),
    /// The view (see [`track_view`]).
    pub view: ((f64, f64), (f64, f64)),
}

/// A view zoomed on `points` (the last few steps and the predictions): the same span on both
/// axes, at least 2·`min_half`, with a quarter of it as margin, so the gap between the two
/// predictions is as large as the figure allows.
pub fn track_view(
    points: impl Iterator<Item = (f64, f64)> + Clone,
    min_half: f64,
) -> ((f64, f64), (f64, f64)) {
    let (x, y) =
        (finite_range(points.clone().map(|p| p.0), None), finite_range(points.map(|p| p.1), None));
    let half = ((x.1 - x.0).max(y.1 - y.0) / 2.0 * 1.25).max(min_half);
    let around = |(lo, hi): (f64, f64)| ((lo + hi) / 2.0 - half, (lo + hi) / 2.0 + half);
    (around(x), around(y))
}

/// Draws the scene.
pub fn tracking<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &TrackScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let ((x0, x1), (y0, y1)) = s.view;
    let grid = Grid {
        light: palette::GRID.mix(0.5),
        bold: palette::GRID.to_rgba(),
        max_light_lines: Some(1),
        ticks: None,
        decimals: false,
    };
    let mut ctx = plane_chart(area, s.axes, s.view, 40.0, grid, theme, |_| Ok(()))?;
    let r = theme.px(2.5);
    let w = theme.px(2.0);
    // Points outside the zoomed view are not drawn (plotters would draw them over the axes).
    let inside = |p: &(f64, f64)| (x0..=x1).contains(&p.0) && (y0..=y1).contains(&p.1);
    let observed: Vec<(f64, f64)> = s.observed.iter().copied().filter(inside).collect();
    ctx.draw_series(observed.iter().map(|&p| Circle::new(p, r, palette::MARK.mix(0.6).filled())))
        .map_err(err)?;
    let clip = |pts: &[(f64, f64)]| clipped_path(pts, s.view);
    if !s.truth.is_empty() {
        ctx.draw_series(LineSeries::new(clip(&s.truth), palette::GREEN.stroke_width(w)))
            .map_err(err)?;
    }
    ctx.draw_series(LineSeries::new(clip(&s.estimated), palette::BLUE.stroke_width(w)))
        .map_err(err)?;
    let big = theme.px(6.0);
    ctx.draw_series([Cross::new(s.naive, big, palette::RED.stroke_width(w))]).map_err(err)?;
    ctx.draw_series([TriangleMarker::new(s.predicted, big, palette::BLUE.filled())])
        .map_err(err)?;
    if let Some(p) = s.actual_next {
        ctx.draw_series([Circle::new(p, big, palette::GREEN.stroke_width(w))]).map_err(err)?;
    }
    // Each entry's sample is the marker the figure draws.
    let entry = |i: usize, color, swatch| LegendEntry { label: s.labels[i], color, swatch };
    let mut entries =
        vec![entry(0, palette::MARK, Swatch::Dot), entry(1, palette::BLUE, Swatch::Line)];
    if !s.truth.is_empty() {
        entries.push(entry(2, palette::GREEN, Swatch::Line));
    }
    entries
        .extend([entry(3, palette::BLUE, Swatch::Triangle), entry(4, palette::RED, Swatch::Cross)]);
    if s.actual_next.is_some() {
        entries.push(entry(5, palette::GREEN, Swatch::Ring));
    }
    let mut marks = data_pixels(&ctx, &observed, false);
    marks.extend(data_pixels(&ctx, &clip(&s.estimated), true));
    marks.extend(data_pixels(&ctx, &clip(&s.truth), true));
    let singles: Vec<(f64, f64)> =
        [Some(s.naive), Some(s.predicted), s.actual_next].into_iter().flatten().collect();
    marks.extend(data_pixels(&ctx, &singles, false));
    legend_clear_of(&ctx, &entries, Corner::UpperLeft, &marks, theme)
}

/// The part of a path from its first point inside `view` on (a zoomed view shows the recent
/// steps; older ones, far behind, are left out rather than drawn over the axes).
fn clipped_path(
    points: &[(f64, f64)],
    ((x0, x1), (y0, y1)): ((f64, f64), (f64, f64)),
) -> Vec<(f64, f64)> {
    let inside = |p: &(f64, f64)| (x0..=x1).contains(&p.0) && (y0..=y1).contains(&p.1);
    let first = points.iter().position(inside).unwrap_or(points.len());
    // One point before the view keeps the line reaching in from its edge.
    let from = first.saturating_sub(1);
    points[from..].iter().map(|&(x, y)| (x.clamp(x0, x1), y.clamp(y0, y1))).collect()
}
