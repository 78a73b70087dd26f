//! Line charts of one or more series against a shared x axis (time, step, frequency), with an
//! optional vertical marker at the hovered x that every linked figure draws at the same place.

use crate::plot::chart::axes::{draw_mesh, fitted_font};
use crate::plot::chart::legend::headroom;
use crate::plot::{
    Corner, LegendEntry, PlotError, Swatch, Theme, XAxisMap, data_pixels, err, finite_range,
    legend_clear_of, palette,
};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    /// A solid line.
    Line,
    /// A dashed line (a reference, e.g. the exact solution).
    Dashed,
    /// A staircase held from each point to the next (a zero-order-hold input).
    Steps,
    /// Dots only (samples).
    Points,
}

/// One named series.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    /// Legend text.
    pub label: &'a str,
    /// The (x, y) points in order of x; non-finite y values are skipped.
    pub points: Vec<(f64, f64)>,
    /// Colour.
    pub color: RGBColor,
    /// Drawing style.
    pub style: SeriesStyle,
}

impl<'a> Series<'a> {
    /// The series' line in a legend: its label, colour, and a sample drawn as the series is.
    pub fn legend_entry(&self) -> LegendEntry<'a> {
        let swatch = match self.style {
            SeriesStyle::Points => Swatch::Dot,
            SeriesStyle::Dashed => Swatch::Dashed,
            SeriesStyle::Line | SeriesStyle::Steps => Swatch::Line,
        };
        LegendEntry { label: self.label, color: self.color, swatch }
    }
}

/// A whole chart.
#[derive(Debug, Clone, Default)]
pub struct LineChart<'a> {
    /// Caption above the plot, if any.
    pub caption: Option<&'a str>,
    /// The x axis label, with its unit.
    pub x_label: &'a str,
    /// The y axis label, with its unit.
    pub y_label: &'a str,
    /// The series.
    pub series: Vec<Series<'a>>,
    /// Where to draw the hover marker, in data x.
    pub marker_x: Option<f64>,
    /// The y axis never extends beyond this range (clamps diverging series).
    pub y_limit: Option<(f64, f64)>,
    /// A fixed x range; otherwise the span of the data.
    pub x_range: Option<(f64, f64)>,
    /// Where the legend goes by preference; another corner is taken if it hides less data.
    pub legend: Corner,
}

/// Draws `chart` on `area` and returns the x-axis mapping for hovering.
pub fn line_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LineChart<'_>,
    theme: &Theme,
) -> Result<XAxisMap, PlotError> {
    crate::plot::record(|| chart.table());
    area.fill(&WHITE).map_err(err)?;
    let points = || chart.series.iter().flat_map(|s| s.points.iter());
    let (x0, x1) = chart
        .x_range
        .or_else(|| tighten(points().map(|p| p.0)))
        .unwrap_or_else(|| finite_range(points().map(|p| p.0), None));
    let (y0, mut y1) = finite_range(points().map(|p| p.1), chart.y_limit);
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(40.0))
        .y_label_area_size(theme.px(52.0));
    if let Some(caption) = chart.caption {
        let room = area.dim_in_pixel().0 as i32 - 2 * theme.px(8.0) as i32;
        builder.caption(caption, fitted_font(area, caption, theme, 14.0, room));
    }
    let finite: Vec<Vec<(f64, f64)>> = chart
        .series
        .iter()
        .map(|s| s.points.iter().copied().filter(|p| p.0.is_finite() && p.1.is_finite()).collect())
        .collect();
    // Where the data lies in pixels, to keep the legend (drawn for two series or more) off it.
    let entries: Vec<LegendEntry<'_>> = if chart.series.len() > 1 {
        chart.series.iter().map(Series::legend_entry).collect()
    } else {
        Vec::new()
    };
    let marks_of = |ctx: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
                    (lo, hi): (f64, f64)| {
        let mut marks = Vec::new();
        for (s, pts) in chart.series.iter().zip(&finite) {
            let clamped: Vec<(f64, f64)> = pts.iter().map(|&(x, y)| (x, y.clamp(lo, hi))).collect();
            marks.extend(data_pixels(ctx, &clamped, s.style != SeriesStyle::Points));
        }
        marks
    };
    let mut ctx = builder.build_cartesian_2d(x0..x1, y0..y1).map_err(err)?;
    let mut marks = marks_of(&ctx, (y0, y1));
    // No corner is free: raise the top of the y axis so the legend gets a band of its own.
    let room = headroom(&ctx, &entries, chart.legend, &marks, theme)?;
    if room > 0.0 {
        y1 += (y1 - y0) * room / (1.0 - room);
        // Building draws the caption: start again on a clean area.
        area.fill(&WHITE).map_err(err)?;
        ctx = builder.build_cartesian_2d(x0..x1, y0..y1).map_err(err)?;
        marks = marks_of(&ctx, (y0, y1));
    }
    draw_mesh(&mut ctx, chart.x_label, chart.y_label, theme)?;

    let clamp = |(x, y): (f64, f64)| (x, y.clamp(y0, y1));
    for (s, pts) in chart.series.iter().zip(finite) {
        let stroke = ShapeStyle::from(&s.color).stroke_width(theme.px(2.0));
        let finite: Vec<(f64, f64)> = pts.into_iter().map(clamp).collect();
        match s.style {
            SeriesStyle::Line => ctx.draw_series(LineSeries::new(finite, stroke)),
            SeriesStyle::Dashed => {
                ctx.draw_series(DashedLineSeries::new(finite, theme.px(6.0), theme.px(4.0), stroke))
            }
            SeriesStyle::Steps => {
                let mut stairs = Vec::with_capacity(finite.len() * 2);
                for (i, &(x, y)) in finite.iter().enumerate() {
                    if i > 0 {
                        stairs.push((x, finite[i - 1].1));
                    }
                    stairs.push((x, y));
                }
                ctx.draw_series(LineSeries::new(stairs, stroke))
            }
            SeriesStyle::Points => {
                let r = theme.px(2.5);
                ctx.draw_series(finite.into_iter().map(|p| Circle::new(p, r, stroke.filled())))
            }
        }
        .map_err(err)?;
    }

    if let Some(mx) = chart.marker_x.filter(|m| (x0.min(x1)..=x0.max(x1)).contains(m)) {
        let stroke = palette::MARK.stroke_width(theme.px(1.0));
        ctx.draw_series(std::iter::once(PathElement::new(vec![(mx, y0), (mx, y1)], stroke)))
            .map_err(err)?;
    }

    legend_clear_of(&ctx, &entries, chart.legend, &marks, theme)?;

    let (px0, _) = ctx.backend_coord(&(x0, y0));
    let (px1, _) = ctx.backend_coord(&(x1, y0));
    Ok(XAxisMap { x0, x1, px0: f64::from(px0), px1: f64::from(px1) })
}

/// The exact span of the finite x values (time axes should start where the data starts).
fn tighten(xs: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = xs
        .filter(|x| x.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    (lo < hi).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(chart: &LineChart<'_>) -> (String, XAxisMap) {
        let mut out = String::new();
        let map = {
            let area = SVGBackend::with_string(&mut out, (400, 240)).into_drawing_area();
            let map = line_chart(&area, chart, &Theme::default()).unwrap();
            area.present().unwrap();
            map
        };
        (out, map)
    }

    #[test]
    fn draws_labels_series_and_marker_and_skips_nan() {
        let points: Vec<(f64, f64)> = (0..20).map(|i| (i as f64, (i as f64 / 3.0).sin())).collect();
        let mut with_nan = points.clone();
        with_nan[5].1 = f64::NAN;
        let chart = LineChart {
            x_label: "time t (s)",
            y_label: "output y",
            series: vec![
                Series { label: "y", points, color: palette::RED, style: SeriesStyle::Line },
                Series {
                    label: "x",
                    points: with_nan,
                    color: palette::BLUE,
                    style: SeriesStyle::Steps,
                },
            ],
            marker_x: Some(4.0),
            ..LineChart::default()
        };
        let (svg, map) = svg(&chart);
        assert!(svg.contains("time t (s)") && svg.contains("output y"));
        assert!(!svg.contains("NaN"));
        assert_eq!((map.x0, map.x1), (0.0, 19.0));
        let mid = map.data_x((map.px0 + map.px1) / 2.0).unwrap();
        assert!((mid - 9.5).abs() < 1e-9);
        let (without_marker, _) = svg_without_marker(&chart);
        assert!(svg.len() > without_marker.len(), "the marker adds a path");
    }

    fn svg_without_marker(chart: &LineChart<'_>) -> (String, XAxisMap) {
        svg(&LineChart { marker_x: None, ..chart.clone() })
    }

    #[test]
    fn a_diverging_series_is_clamped_to_the_limit() {
        let points: Vec<(f64, f64)> = (0..50).map(|i| (i as f64, (i as f64).exp())).collect();
        let chart = LineChart {
            x_label: "k",
            y_label: "h",
            series: vec![Series {
                label: "h",
                points,
                color: palette::GREEN,
                style: SeriesStyle::Line,
            }],
            y_limit: Some((-100.0, 100.0)),
            ..LineChart::default()
        };
        let (svg, _) = svg(&chart);
        assert!(!svg.contains("e20") && !svg.contains("inf"));
    }
}
