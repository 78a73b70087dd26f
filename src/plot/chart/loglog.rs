//! Charts on logarithmic axes, for quantities that grow over many orders of magnitude: the
//! work and depth of the scans as n grows, bytes moved as L grows, and measured times. Series,
//! styles and the legend are those of `lines`; the hover marker is a vertical line at one x.

use crate::format;
use crate::plot::chart::log_chart::{LogMesh, log_mesh};
use crate::plot::{
    Corner, LegendEntry, PlotError, Series, SeriesStyle, Theme, data_pixels, err, legend_clear_of,
    palette,
};
use plotters::coord::Shift;
use plotters::coord::combinators::BindKeyPoints;
use plotters::prelude::*;

/// A chart whose axes are both logarithmic.
#[derive(Debug, Clone, Default)]
pub struct LogLogChart<'a> {
    /// The x axis label, with its unit.
    pub x_label: &'a str,
    /// The y axis label, with its unit.
    pub y_label: &'a str,
    /// The series; points with a non-positive or non-finite coordinate are skipped.
    pub series: Vec<Series<'a>>,
    /// A vertical line at this x (the learner's current choice).
    pub marker_x: Option<f64>,
}

/// The decade bounds around the finite positive values: (10^⌊log lo⌋, 10^⌈log hi⌉).
fn decades(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        return (1.0, 10.0);
    }
    let (a, b) = (10_f64.powf(lo.log10().floor()), 10_f64.powf(hi.log10().ceil()));
    if a < b { (a, b) } else { (a, a * 10.0) }
}

/// The x span: exactly the data (lengths, sizes), so the axis ends where the measurements do;
/// a single value gets its decade.
fn span(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let (lo, hi) = values
        .clone()
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo.is_finite() && lo < hi { (lo, hi) } else { decades(values) }
}

/// The decades 10ᵏ within `lo ..= hi`, the ticks of a logarithmic axis.
pub(crate) fn decade_points(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = (lo.log10().ceil() as i32, hi.log10().floor() as i32);
    (a..=b).map(|k| 10f64.powi(k)).collect()
}

/// Ticks at the measured x values themselves (every distinct one, when there are at most eight),
/// so each measured length carries its label; `None` for more or fewer than two.
fn x_ticks(xs: impl Iterator<Item = f64>, (x0, x1): (f64, f64)) -> Option<Vec<f64>> {
    let mut xs: Vec<f64> = xs.filter(|x| (x0..=x1).contains(x)).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    (2..=8).contains(&xs.len()).then_some(xs)
}

/// Draws `chart` on `area`.
pub fn log_log_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LogLogChart<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    area.fill(&WHITE).map_err(err)?;
    let usable = |p: &&(f64, f64)| p.0.is_finite() && p.1.is_finite() && p.0 > 0.0 && p.1 > 0.0;
    let points = || chart.series.iter().flat_map(|s| s.points.iter().filter(usable));
    let (x0, x1) = span(points().map(|p| p.0).chain(chart.marker_x));
    let (y0, y1) = decades(points().map(|p| p.1));

    let measured = x_ticks(points().map(|p| p.0), (x0, x1));
    let x_axis = (x0..x1)
        .log_scale()
        .with_key_points(measured.clone().unwrap_or_else(|| decade_points(x0, x1)));
    let y_axis = (y0..y1).log_scale().with_key_points(decade_points(y0, y1));
    // Lengths measured few enough to label each are written as lengths (1K, 4K); else decades.
    let x_tick = |x: &f64| {
        if measured.is_some() { format::length_tick(*x) } else { format::log_tick(*x, (x0, x1)) }
    };
    let mesh = LogMesh {
        margins: (8.0, 16.0),
        label_areas: (40.0, 56.0),
        lines: (palette::GRID.mix(0.4), palette::GRID.mix(0.8)),
        max_light_lines: None,
        labels: None,
        x_tick: &x_tick,
        y_tick: &|y| format::log_tick(*y, (y0, y1)),
    };
    let mut ctx = log_mesh(area, (x_axis, y_axis), (chart.x_label, chart.y_label), mesh, theme)?;

    let mut marks = Vec::new();
    for s in &chart.series {
        let stroke = ShapeStyle::from(&s.color).stroke_width(theme.px(2.0));
        let kept: Vec<(f64, f64)> = s.points.iter().filter(usable).copied().collect();
        marks.extend(data_pixels(&ctx, &kept, s.style != SeriesStyle::Points));
        match s.style {
            SeriesStyle::Points => {}
            SeriesStyle::Dashed => {
                let dashes =
                    DashedLineSeries::new(kept.clone(), theme.px(6.0), theme.px(4.0), stroke);
                ctx.draw_series(dashes).map_err(err)?;
            }
            SeriesStyle::Line | SeriesStyle::Steps => {
                ctx.draw_series(LineSeries::new(kept.clone(), stroke)).map_err(err)?;
            }
        }
        let r = theme.px(3.0);
        ctx.draw_series(kept.into_iter().map(|p| Circle::new(p, r, stroke.filled())))
            .map_err(err)?;
    }
    if let Some(mx) = chart.marker_x.filter(|m| (x0..=x1).contains(m)) {
        let stroke = palette::MARK.stroke_width(theme.px(1.0));
        ctx.draw_series(std::iter::once(PathElement::new(vec![(mx, y0), (mx, y1)], stroke)))
            .map_err(err)?;
    }
    // A series with nothing to draw (e.g. no GPU measurements) gets no legend line.
    let entries: Vec<LegendEntry<'_>> = chart
        .series
        .iter()
        .filter(|s| s.points.iter().any(|p| usable(&p)))
        .map(Series::legend_entry)
        .collect();
    legend_clear_of(&ctx, &entries, Corner::UpperLeft, &marks, theme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::compact;

    fn svg(chart: &LogLogChart<'_>) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (480, 300)).into_drawing_area();
            log_log_chart(&area, chart, &Theme::default()).unwrap();
            area.present().unwrap();
        }
        out
    }

    #[test]
    fn draws_labels_and_skips_what_a_log_axis_cannot_show() {
        let work: Vec<(f64, f64)> = (1..=20).map(|k| (2f64.powi(k), 2f64.powi(k + 1))).collect();
        let mut depth: Vec<(f64, f64)> = (1..=20).map(|k| (2f64.powi(k), f64::from(k))).collect();
        depth[3].1 = f64::NAN;
        depth[4].1 = 0.0;
        let chart = LogLogChart {
            x_label: "n (values)",
            y_label: "combines",
            series: vec![
                Series {
                    label: "work",
                    points: work,
                    color: palette::BLUE,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: "depth",
                    points: depth,
                    color: palette::RED,
                    style: SeriesStyle::Dashed,
                },
            ],
            marker_x: Some(1024.0),
        };
        let with_marker = svg(&chart);
        assert!(with_marker.contains("n (values)") && with_marker.contains("combines"));
        assert!(with_marker.contains("work") && with_marker.contains("depth"));
        assert!(with_marker.contains("10⁶") && with_marker.contains("10³"), "decade tick labels");
        assert!(!with_marker.contains("NaN") && !with_marker.contains("inf"));
        let without = svg(&LogLogChart { marker_x: None, ..chart.clone() });
        assert_ne!(with_marker, without);
        // A series with no drawable point has no legend line.
        let mut empty = chart.clone();
        empty.series.push(Series {
            label: "never measured",
            points: vec![(0.0, 1.0)],
            color: palette::RED,
            style: SeriesStyle::Line,
        });
        assert!(!svg(&empty).contains("never measured"));
    }

    #[test]
    fn few_measured_lengths_each_get_their_tick_and_values_below_one_theirs() {
        let times = vec![(1024.0, 0.4), (4096.0, 1.7)];
        let chart = LogLogChart {
            x_label: "length L",
            y_label: "time (ms)",
            series: vec![Series {
                label: "CPU",
                points: times,
                color: palette::BLUE,
                style: SeriesStyle::Line,
            }],
            marker_x: None,
        };
        let texts = crate::plot::chart::matrix_map::tests::texts(&svg(&chart));
        for tick in ["1K", "4K", "0.1", "1", "10"] {
            assert!(texts.iter().any(|t| t == tick), "no tick {tick} in {texts:?}");
        }
        assert_eq!(decade_points(16.0, 4096.0), [100.0, 1000.0]);
    }

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(1024.0), "1K");
        assert_eq!(compact(4096.0), "4.1K");
        assert_eq!(compact(1e6), "1M");
        assert_eq!(compact(2.5e9), "2.5G");
        assert_eq!(compact(100.0), "100");
        assert_eq!(compact(0.25), "0.25");
        assert_eq!(decades([3.0, 450.0].into_iter()), (1.0, 1000.0));
        assert_eq!(decades([f64::NAN].into_iter()), (1.0, 10.0));
    }
}
