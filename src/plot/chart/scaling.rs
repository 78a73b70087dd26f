//! How a cost scales with a size: measured medians with their spread (a whisker from the low to
//! the high summary value) against a size on a base-2 logarithmic axis (e.g. the context length
//! 16, 32, …, 4096), with a linear or base-10 logarithmic value axis.
//!
//! The axes are drawn in transformed units (log₂ x, and log₁₀ y when logarithmic) with tick labels
//! giving the values back, so one code path draws both kinds of chart. Points with a non-finite
//! or (on a log axis) non-positive value are skipped.

use crate::format;
use crate::plot::chart::axes::{TickedAxis, font};
use crate::plot::chart::log_chart::{LogMesh, log_mesh};
use crate::plot::{
    Corner, LegendEntry, PlotError, Swatch, Theme, XAxisMap, data_pixels, err, legend_clear_of,
    palette,
};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One measured point: the size x, the summary value y, and the spread [lo, hi].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScalingPoint {
    /// The size (e.g. context length), > 0.
    pub x: f64,
    /// The summary value (e.g. the median).
    pub y: f64,
    /// The low end of the spread.
    pub lo: f64,
    /// The high end of the spread.
    pub hi: f64,
}

/// One named series of points, in order of x.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalingSeries<'a> {
    /// Legend text.
    pub label: &'a str,
    /// Colour.
    pub color: RGBColor,
    /// The points.
    pub points: Vec<ScalingPoint>,
}

/// A whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalingChart<'a> {
    /// The x axis label, with its unit.
    pub x_label: &'a str,
    /// The y axis label, with its unit.
    pub y_label: &'a str,
    /// The series.
    pub series: Vec<ScalingSeries<'a>>,
    /// The x range shown (positive sizes), so the axis does not jump while points arrive.
    pub x_range: (f64, f64),
    /// Whether the value axis is logarithmic.
    pub log_y: bool,
    /// Written in the middle while there is no point to draw.
    pub empty_note: &'a str,
}

/// The y axis range in transformed units.
fn y_range(chart: &ScalingChart<'_>) -> (f64, f64) {
    let values = chart.series.iter().flat_map(|s| s.points.iter()).flat_map(|p| [p.y, p.lo, p.hi]);
    if chart.log_y {
        let (lo, hi) = values
            .filter(|v| v.is_finite() && *v > 0.0)
            .map(f64::log10)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        if lo.is_finite() { (lo.floor(), hi.ceil().max(lo.floor() + 1.0)) } else { (0.0, 1.0) }
    } else {
        let hi = values.filter(|v| v.is_finite()).fold(0.0, f64::max);
        (0.0, if hi > 0.0 { hi * 1.08 } else { 1.0 })
    }
}

/// Draws `chart`; the returned map is in log₂ x units (2^x gives the size back).
pub fn scaling_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ScalingChart<'_>,
    theme: &Theme,
) -> Result<XAxisMap, PlotError> {
    area.fill(&WHITE).map_err(err)?;
    let (x0, x1) = (chart.x_range.0.max(1e-12).log2(), chart.x_range.1.max(1e-12).log2());
    let (x0, x1) = if x1 > x0 { (x0 - 0.25, x1 + 0.25) } else { (x0 - 1.0, x0 + 1.0) };
    let (y0, y1) = y_range(chart);
    let ty = |v: f64| {
        if chart.log_y {
            (v > 0.0 && v.is_finite()).then(|| v.log10())
        } else {
            v.is_finite().then_some(v)
        }
    };
    // Ticks at every whole power of two of the x range (thinned to at most nine), and on a log
    // value axis at every decade, so no measured length and no decade goes unlabelled.
    let powers: Vec<f64> = ((x0.ceil() as i32)..=(x1.floor() as i32)).map(f64::from).collect();
    let stride = powers.len().div_ceil(9).max(1);
    let x_ticks: Vec<f64> = powers.iter().copied().step_by(stride).collect();
    let y_ticks = if chart.log_y {
        ((y0 as i32)..=(y1 as i32)).map(f64::from).collect()
    } else {
        RangedCoordf64::from(y0..y1).key_points(6)
    };
    let x_tick = |x: &f64| format::length_tick(2f64.powf(x.round()));
    let (d0, d1) = (10f64.powf(y0), 10f64.powf(y1));
    let y_tick = |y: &f64| {
        if chart.log_y {
            format::log_tick(10f64.powf(*y), (d0, d1))
        } else {
            format::tick_or_sci(*y)
        }
    };
    let mesh = LogMesh {
        margins: (10.0, 16.0),
        label_areas: (42.0, 60.0),
        lines: (palette::GRID.mix(0.5), palette::GRID.mix(0.9)),
        max_light_lines: None,
        labels: None,
        x_tick: &x_tick,
        y_tick: &y_tick,
    };
    let axes = (TickedAxis::new((x0, x1), x_ticks), TickedAxis::new((y0, y1), y_ticks));
    let mut ctx = log_mesh(area, axes, (chart.x_label, chart.y_label), mesh, theme)?;

    let mut any = false;
    let mut marks = Vec::new();
    for s in &chart.series {
        let pts: Vec<(f64, f64, Option<f64>, Option<f64>)> = s
            .points
            .iter()
            .filter(|p| p.x > 0.0 && p.x.is_finite())
            .filter_map(|p| ty(p.y).map(|y| (p.x.log2(), y, ty(p.lo), ty(p.hi))))
            .collect();
        any |= !pts.is_empty();
        let centres: Vec<(f64, f64)> = pts.iter().map(|p| (p.0, p.1)).collect();
        marks.extend(data_pixels(&ctx, &centres, true));
        let stroke = s.color.stroke_width(theme.px(2.0));
        ctx.draw_series(LineSeries::new(pts.iter().map(|p| (p.0, p.1)), stroke)).map_err(err)?;
        ctx.draw_series(pts.iter().filter_map(|&(x, _, lo, hi)| {
            Some(PathElement::new(vec![(x, lo?), (x, hi?)], s.color.stroke_width(theme.px(1.5))))
        }))
        .map_err(err)?;
        ctx.draw_series(
            pts.iter().map(|&(x, y, _, _)| Circle::new((x, y), theme.px(3.5), s.color.filled())),
        )
        .map_err(err)?;
    }
    let plotting = ctx.plotting_area().strip_coord_spec();
    if any {
        let entries: Vec<LegendEntry<'_>> = chart
            .series
            .iter()
            .map(|s| LegendEntry { label: s.label, color: s.color, swatch: Swatch::Line })
            .collect();
        legend_clear_of(&ctx, &entries, Corner::UpperLeft, &marks, theme)?;
    } else {
        let (w, h) = plotting.dim_in_pixel();
        let style = font(theme, 13.0).pos(Pos::new(HPos::Center, VPos::Center));
        plotting
            .draw(&Text::new(chart.empty_note, (w as i32 / 2, h as i32 / 2), style))
            .map_err(err)?;
    }
    let (px0, _) = ctx.backend_coord(&(x0, y0));
    let (px1, _) = ctx.backend_coord(&(x1, y0));
    Ok(XAxisMap { x0, x1, px0: f64::from(px0), px1: f64::from(px1) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::chart::matrix_map::tests::texts;

    fn svg(chart: &ScalingChart<'_>) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (520, 300)).into_drawing_area();
            scaling_chart(&area, chart, &Theme::default()).unwrap();
            area.present().unwrap();
        }
        out
    }

    fn chart(log_y: bool, points: Vec<ScalingPoint>) -> ScalingChart<'static> {
        ScalingChart {
            x_label: "context length L (tokens)",
            y_label: "time per token (µs)",
            series: vec![ScalingSeries { label: "attention", color: palette::RED, points }],
            x_range: (16.0, 1024.0),
            log_y,
            empty_note: "press Run",
        }
    }

    #[test]
    fn draws_points_whiskers_and_power_of_two_ticks() {
        let points: Vec<ScalingPoint> = (4..=10)
            .map(|k| {
                let x = f64::from(1 << k);
                ScalingPoint { x, y: x * 0.01, lo: x * 0.009, hi: x * 0.012 }
            })
            .collect();
        let mut with_nan = points.clone();
        with_nan[2].y = f64::NAN;
        for log_y in [false, true] {
            let svg = svg(&chart(log_y, with_nan.clone()));
            let texts = texts(&svg);
            for text in
                ["context length L (tokens)", "time per token (µs)", "16", "1K", "attention"]
            {
                assert!(
                    texts.iter().any(|t| t == text),
                    "log_y {log_y}: missing {text} in {texts:?}"
                );
            }
            assert!(!svg.contains("NaN") && !svg.contains("press Run"));
            assert_eq!(svg.matches("<circle").count(), 6, "the NaN point is skipped");
        }
        let log = svg(&chart(true, points.clone()));
        let ticks = texts(&log);
        assert!(["0.1", "1", "10"].iter().all(|v| ticks.iter().any(|t| t == v)), "{ticks:?}");
        assert_ne!(log, svg(&chart(false, points)));
    }

    #[test]
    fn an_empty_chart_says_why() {
        let svg = svg(&chart(false, Vec::new()));
        assert!(svg.contains("press Run") && !svg.contains("NaN"));
    }
}
