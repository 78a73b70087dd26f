//! A bar chart of a vector, one bar per entry from zero (a state vector, weights), with a fixed
//! vertical range so that bars visibly move as the vector changes.

use crate::plot::chart::axes::{Frame, draw_mesh};
use crate::plot::{PlotError, Theme, err, finite_range, palette};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarChart<'a> {
    /// The entries, one bar each at x = 0, 1, …; non-finite entries are left out.
    pub values: &'a [f64],
    /// The horizontal axis label (the entry index), with its meaning.
    pub x_label: &'a str,
    /// The vertical axis label, with units.
    pub y_label: &'a str,
    /// A fixed vertical range (bars beyond it are clipped at its edge); by default the range
    /// of the values and zero.
    pub y_range: Option<(f64, f64)>,
    /// The bars' colour.
    pub color: RGBColor,
}

/// Draws the bars and returns the chart's frame.
pub fn bar_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &BarChart<'_>,
    theme: &Theme,
) -> Result<Frame, PlotError> {
    crate::plot::record(|| chart.table());
    area.fill(&WHITE).map_err(err)?;
    let n = chart.values.len().max(1) as f64;
    let (y0, y1) = chart
        .y_range
        .filter(|(lo, hi)| lo.is_finite() && hi.is_finite() && lo < hi)
        .unwrap_or_else(|| finite_range(chart.values.iter().copied().chain([0.0]), None));
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(40.0))
        .y_label_area_size(theme.px(52.0))
        .build_cartesian_2d(-0.5..n - 0.5, y0..y1)
        .map_err(err)?;
    draw_mesh(&mut ctx, chart.x_label, chart.y_label, theme)?;
    // Bars fill 70 % of their slot; the zero line is drawn over them.
    let half = 0.35;
    ctx.draw_series(chart.values.iter().enumerate().filter(|(_, v)| v.is_finite()).map(
        |(i, &v)| {
            let x = i as f64;
            Rectangle::new(
                [(x - half, 0.0_f64.clamp(y0, y1)), (x + half, v.clamp(y0, y1))],
                chart.color.filled(),
            )
        },
    ))
    .map_err(err)?;
    if y0 < 0.0 && y1 > 0.0 {
        let axis = palette::INK.stroke_width(theme.px(1.0));
        ctx.draw_series(std::iter::once(PathElement::new(vec![(-0.5, 0.0), (n - 0.5, 0.0)], axis)))
            .map_err(err)?;
    }
    Ok(Frame::of(&ctx, area))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(chart: &BarChart<'_>) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (360, 200)).into_drawing_area();
            bar_chart(&area, chart, &Theme::default()).unwrap();
            area.present().unwrap();
        }
        out
    }

    #[test]
    fn draws_one_bar_per_entry_with_labels_and_skips_nan() {
        let values = [0.5, -1.0, f64::NAN, 2.0];
        let chart = BarChart {
            values: &values,
            x_label: "coefficient n",
            y_label: "c_n (arbitrary units)",
            y_range: Some((-3.0, 3.0)),
            color: palette::GREEN,
        };
        let out = svg(&chart);
        assert!(out.contains("coefficient n") && out.contains("c_n (arbitrary units)"));
        assert!(!out.contains("NaN"));
        let bars = |s: &str| s.matches("fill=\"#009E73\"").count();
        assert_eq!(bars(&out), 3);
        let moved = svg(&BarChart { values: &[0.5, -1.0, 1.0, 2.0], ..chart });
        assert_eq!(bars(&moved), 4);
        assert_ne!(out, moved);
    }
}
