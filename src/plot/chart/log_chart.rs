//! Line charts with a logarithmic y axis (errors that fall from 1 to 1e-16, operation counts
//! that span ten decades), and optionally a logarithmic x axis too. Values at or below the
//! floor, zero included, are drawn on the floor; non-finite values are skipped. [`log_mesh`]
//! sets up the frame and grid of every chart on log axes (also `loglog` and `scaling`).

use crate::format;
use crate::plot::chart::axes::{desc_font, font};
use crate::plot::{
    Corner, LegendEntry, PlotError, Series, SeriesStyle, Theme, XAxisMap, data_pixels, err,
    legend_clear_of, palette,
};
use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// A chart with a logarithmic y axis.
#[derive(Debug, Clone)]
pub struct LogChart<'a> {
    /// The x axis label, with its unit.
    pub x_label: &'a str,
    /// The y axis label, with its unit.
    pub y_label: &'a str,
    /// The series (`Line`, `Dashed` and `Points` are drawn as such; `Steps` as a line).
    pub series: Vec<Series<'a>>,
    /// A logarithmic x axis as well (then the chart gives no hover map).
    pub log_x: bool,
    /// Where to draw a vertical marker, in data x.
    pub marker_x: Option<f64>,
    /// The smallest y shown; smaller values (and zeros) sit on it.
    pub floor: f64,
    /// Where the legend goes.
    pub corner: Corner,
}

/// The frame and grid of a chart on log axes: the margins (all around, then on the right) and
/// the label areas (x, y) in CSS pixels, the grid's (fine, labelled) line colours, at most how
/// many fine lines between labelled ones, how many tick labels to aim for on (x, y) (`None`:
/// plotters' defaults, or the key points the axes bring), and how tick labels are written.
pub(crate) struct LogMesh<'f> {
    pub(crate) margins: (f64, f64),
    pub(crate) label_areas: (f64, f64),
    pub(crate) lines: (RGBAColor, RGBAColor),
    pub(crate) max_light_lines: Option<usize>,
    pub(crate) labels: Option<(usize, usize)>,
    pub(crate) x_tick: &'f dyn Fn(&f64) -> String,
    pub(crate) y_tick: &'f dyn Fn(&f64) -> String,
}

/// A chart over the axes `x` and `y` on `area` with its axis descriptions `axes` and its mesh
/// drawn as `mesh` says.
pub(crate) fn log_mesh<'a, DB, X, Y>(
    area: &'a DrawingArea<DB, Shift>,
    (x, y): (X, Y),
    axes: (&str, &str),
    mesh: LogMesh<'_>,
    theme: &Theme,
) -> Result<ChartContext<'a, DB, Cartesian2d<X, Y>>, PlotError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(mesh.margins.0))
        .margin_right(theme.px(mesh.margins.1))
        .x_label_area_size(theme.px(mesh.label_areas.0))
        .y_label_area_size(theme.px(mesh.label_areas.1))
        .build_cartesian_2d(x, y)
        .map_err(err)?;
    let desc = desc_font(&ctx, axes.0, axes.1, theme);
    let mut style = ctx.configure_mesh();
    style
        .x_desc(axes.0)
        .y_desc(axes.1)
        .label_style(font(theme, 11.0))
        .axis_desc_style(desc)
        .light_line_style(mesh.lines.0)
        .bold_line_style(mesh.lines.1);
    if let Some(n) = mesh.max_light_lines {
        style.max_light_lines(n);
    }
    style.x_label_formatter(mesh.x_tick).y_label_formatter(mesh.y_tick);
    if let Some((x, y)) = mesh.labels {
        style.x_labels(x).y_labels(y);
    }
    style.draw().map_err(err)?;
    Ok(ctx)
}

/// Draws the chart; returns the hover map when the x axis is linear.
pub fn log_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LogChart<'_>,
    theme: &Theme,
) -> Result<Option<XAxisMap>, PlotError> {
    area.fill(&WHITE).map_err(err)?;
    let floor = chart.floor.max(f64::MIN_POSITIVE);
    let finite = || {
        chart
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .filter(|p| p.0.is_finite() && p.1.is_finite())
    };
    let (mut x0, mut x1) = finite()
        .map(|p| p.0)
        .filter(|x| !chart.log_x || *x > 0.0)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    if !(x0.is_finite() && x1 > x0) {
        (x0, x1) = if chart.log_x { (1.0, 10.0) } else { (0.0, 1.0) };
    }
    let (lo, hi) = finite()
        .map(|p| p.1.max(floor))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
    // Whole decades, at least one.
    let (y0, y1) = if lo.is_finite() {
        let (a, b) = (lo.log10().floor(), hi.log10().ceil());
        (10f64.powf(a), 10f64.powf(if b > a { b } else { a + 1.0 }))
    } else {
        (floor, floor * 10.0)
    };
    let y = LogCoord::from((y0..y1).log_scale());
    let px = if chart.log_x {
        draw(area, chart, theme, LogCoord::from((x0..x1).log_scale()), y, (y0, y1))?;
        None
    } else {
        Some(draw(area, chart, theme, RangedCoordf64::from(x0..x1), y, (y0, y1))?)
    };
    Ok(px.map(|(px0, px1)| XAxisMap { x0, x1, px0, px1 }))
}

/// Draws on the chosen x coordinate; returns the pixel x of the axis ends.
fn draw<DB, X>(
    area: &DrawingArea<DB, Shift>,
    chart: &LogChart<'_>,
    theme: &Theme,
    x: X,
    y: LogCoord<f64>,
    (y0, y1): (f64, f64),
) -> Result<(f64, f64), PlotError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let (x0, x1) = (x.range().start, x.range().end);
    let log_x = chart.log_x;
    let mesh = LogMesh {
        margins: (8.0, 18.0),
        label_areas: (34.0, 56.0),
        lines: (palette::GRID.mix(0.5), palette::GRID.to_rgba()),
        max_light_lines: Some(1),
        labels: Some((8, 8)),
        x_tick: &|v| if log_x { format::log_tick(*v, (x0, x1)) } else { format::decimals(*v, 3) },
        y_tick: &|v| format::log_tick(*v, (y0, y1)),
    };
    let mut ctx = log_mesh(area, (x, y), (chart.x_label, chart.y_label), mesh, theme)?;
    let floor = y0;
    let clamp = |(x, y): (f64, f64)| (x, y.clamp(floor, y1));
    let mut marks = Vec::new();
    for s in &chart.series {
        let pts: Vec<(f64, f64)> = s
            .points
            .iter()
            .copied()
            .filter(|p| p.0.is_finite() && !p.1.is_nan() && (!log_x || p.0 > 0.0))
            .map(|(x, y)| (x, if y.is_finite() { y } else { y1 }))
            .map(clamp)
            .collect();
        marks.extend(data_pixels(&ctx, &pts, s.style != SeriesStyle::Points));
        let stroke = ShapeStyle::from(&s.color).stroke_width(theme.px(2.0));
        match s.style {
            SeriesStyle::Line | SeriesStyle::Steps => {
                ctx.draw_series(LineSeries::new(pts, stroke)).map_err(err)?;
            }
            SeriesStyle::Dashed => {
                ctx.draw_series(DashedLineSeries::new(pts, theme.px(6.0), theme.px(4.0), stroke))
                    .map_err(err)?;
            }
            SeriesStyle::Points => {
                let r = theme.px(3.0);
                ctx.draw_series(pts.into_iter().map(|p| Circle::new(p, r, stroke.filled())))
                    .map_err(err)?;
            }
        }
    }
    if let Some(m) = chart.marker_x.filter(|m| (x0.min(x1)..=x0.max(x1)).contains(m)) {
        let stroke = palette::MARK.stroke_width(theme.px(1.0));
        ctx.draw_series(std::iter::once(PathElement::new(vec![(m, y0), (m, y1)], stroke)))
            .map_err(err)?;
    }
    let entries: Vec<LegendEntry<'_>> =
        chart.series.iter().filter(|s| !s.label.is_empty()).map(Series::legend_entry).collect();
    legend_clear_of(&ctx, &entries, chart.corner, &marks, theme)?;
    let (px0, _) = ctx.backend_coord(&(x0, y0));
    let (px1, _) = ctx.backend_coord(&(x1, y0));
    Ok((f64::from(px0), f64::from(px1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(chart: &LogChart<'_>) -> (String, Option<XAxisMap>) {
        let mut out = String::new();
        let map = {
            let area = SVGBackend::with_string(&mut out, (420, 260)).into_drawing_area();
            let map = log_chart(&area, chart, &Theme::default()).unwrap();
            area.present().unwrap();
            map
        };
        (out, map)
    }

    #[test]
    fn errors_down_to_zero_sit_on_the_floor_and_decades_are_labelled() {
        let falling: Vec<(f64, f64)> = (0..20).map(|k| (k as f64, 10f64.powi(-k))).collect();
        let zeros: Vec<(f64, f64)> = (0..20).map(|k| (k as f64, 0.0)).collect();
        let chart = LogChart {
            x_label: "order K",
            y_label: "relative error",
            series: vec![
                Series {
                    label: "Taylor",
                    points: falling,
                    color: palette::BLUE,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: "exact",
                    points: zeros,
                    color: palette::RED,
                    style: SeriesStyle::Points,
                },
            ],
            log_x: false,
            marker_x: Some(3.0),
            floor: 1e-17,
            corner: Corner::UpperRight,
        };
        let (svg, map) = svg(&chart);
        assert!(svg.contains("order K") && svg.contains("relative error"));
        assert!(svg.contains("10⁻¹⁷") || svg.contains("10⁻¹⁵"), "decade labels");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let map = map.unwrap();
        assert_eq!((map.x0, map.x1), (0.0, 19.0));
    }

    #[test]
    fn log_log_charts_have_no_hover_map_and_skip_non_positive_x() {
        let pts: Vec<(f64, f64)> = (0..12).map(|p| (2f64.powi(p), 4f64.powi(p))).collect();
        let chart = LogChart {
            x_label: "length L",
            y_label: "operations",
            series: vec![Series {
                label: "",
                points: [vec![(0.0, 1.0), (f64::NAN, 2.0)], pts].concat(),
                color: palette::GREEN,
                style: SeriesStyle::Dashed,
            }],
            log_x: true,
            marker_x: Some(64.0),
            floor: 1.0,
            corner: Corner::UpperLeft,
        };
        let (svg, map) = svg(&chart);
        assert!(map.is_none());
        assert!(svg.contains("1000") && svg.contains("length L"));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn tick_labels_read_well() {
        assert_eq!(format::log_tick(1e-16, (1e-17, 1.0)), "10⁻¹⁶");
        assert_eq!(format::log_tick(100.0, (1.0, 1e4)), "100");
        assert_eq!(format::log_tick(100.0, (1.0, 1e12)), "10²");
        assert_eq!(format::log_tick(3e5, (1.0, 1e12)), "");
        assert_eq!(format::decimals(-0.5, 3), "−0.5");
        assert_eq!(format::decimals(2.0, 3), "2");
        assert_eq!(format::decimals(-0.0001, 3), "0");
    }
}
