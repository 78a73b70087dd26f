//! The tracking picture of lesson 1: noisy observations of a moving object, the true path, the
//! filter's estimated path, and the two predictions of the next position (from the position
//! alone, and from position and velocity).

use crate::plot::chart::axes::font;
use crate::plot::{
    Corner, LegendEntry, PlotError, Swatch, Theme, err, finite_range, legend, palette,
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
    /// Legend texts: observed, estimated, truth, predicted, naive.
    pub labels: [&'a str; 5],
    /// Axis labels (x, y).
    pub axes: (&'a str, &'a str),
    /// A fixed view over the whole track, so the picture does not jump while it plays.
    pub view: ((f64, f64), (f64, f64)),
}

/// A view that contains every point of a whole track, with equal margins.
pub fn track_view(points: impl Iterator<Item = (f64, f64)> + Clone) -> ((f64, f64), (f64, f64)) {
    (finite_range(points.clone().map(|p| p.0), None), finite_range(points.map(|p| p.1), None))
}

/// Draws the scene.
pub fn tracking<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &TrackScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    area.fill(&WHITE).map_err(err)?;
    let ((x0, x1), (y0, y1)) = s.view;
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(40.0))
        .y_label_area_size(theme.px(52.0))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    ctx.configure_mesh()
        .x_desc(s.axes.0)
        .y_desc(s.axes.1)
        .label_style(font(theme, 11.0))
        .axis_desc_style(font(theme, 12.0))
        .max_light_lines(1)
        .light_line_style(palette::GRID.mix(0.5))
        .bold_line_style(palette::GRID)
        .draw()
        .map_err(err)?;
    let r = theme.px(2.5);
    let w = theme.px(2.0);
    ctx.draw_series(s.observed.iter().map(|&p| Circle::new(p, r, palette::MARK.mix(0.6).filled())))
        .map_err(err)?;
    if !s.truth.is_empty() {
        ctx.draw_series(LineSeries::new(s.truth.clone(), palette::GREEN.stroke_width(w)))
            .map_err(err)?;
    }
    ctx.draw_series(LineSeries::new(s.estimated.clone(), palette::BLUE.stroke_width(w)))
        .map_err(err)?;
    let big = theme.px(6.0);
    ctx.draw_series([Cross::new(s.naive, big, palette::RED.stroke_width(w))]).map_err(err)?;
    ctx.draw_series([TriangleMarker::new(s.predicted, big, palette::BLUE.filled())])
        .map_err(err)?;
    if let Some(p) = s.actual_next {
        ctx.draw_series([Circle::new(p, big, palette::GREEN.stroke_width(w))]).map_err(err)?;
    }
    let entry = |i: usize, color, swatch| LegendEntry { label: s.labels[i], color, swatch };
    let mut entries =
        vec![entry(0, palette::MARK, Swatch::Dot), entry(1, palette::BLUE, Swatch::Line)];
    if !s.truth.is_empty() {
        entries.push(entry(2, palette::GREEN, Swatch::Line));
    }
    entries.extend([entry(3, palette::BLUE, Swatch::Dot), entry(4, palette::RED, Swatch::Dot)]);
    legend(&ctx.plotting_area().strip_coord_spec(), &entries, Corner::UpperLeft, theme)?;
    Ok(())
}
