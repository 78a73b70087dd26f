//! The memory pictures of the HiPPO lesson: a signal streaming in with the past rebuilt from
//! the state drawn over it (and the knots one drags to draw the signal), and the
//! reconstruction error against the state size on a logarithmic scale.

use crate::plot::chart::axes::{Frame, draw_mesh, font};
use crate::plot::{
    Corner, LegendEntry, PlotError, Swatch, Theme, XAxisMap, data_pixels, err, legend,
    legend_clear_of, palette,
};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The light grey of the part of the signal still to come.
const UNSEEN: RGBColor = RGBColor(176, 186, 199);

/// The texts of the memory picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryLabels<'a> {
    /// The part of the signal already streamed in.
    pub seen: &'a str,
    /// The part still to come.
    pub unseen: &'a str,
    /// The past as rebuilt from the state.
    pub recalled: &'a str,
    /// The past as rebuilt from the compared system's state.
    pub compared: &'a str,
    /// The horizontal axis, with units.
    pub x_axis: &'a str,
    /// The vertical axis, with units.
    pub y_axis: &'a str,
}

/// A signal x_1 … x_L of which the first t samples have streamed into a memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryScene<'a> {
    /// The whole signal, at steps 1 … L.
    pub signal: &'a [f64],
    /// How many samples have streamed in (t).
    pub seen: usize,
    /// The past rebuilt from the state, at steps 1 … t.
    pub recalled: &'a [f64],
    /// The past rebuilt from another system's state, at steps 1 … t, with its colour.
    pub compared: Option<(&'a [f64], RGBColor)>,
    /// Points one can drag to draw the signal, as (step, value).
    pub knots: &'a [(f64, f64)],
    /// The knot selected for the keyboard.
    pub cursor: Option<usize>,
    /// The hovered step, marked by a dashed line (linked with other figures over time).
    pub marker: Option<f64>,
    /// The vertical range (values beyond it are drawn at its edge).
    pub y_range: (f64, f64),
    /// The texts.
    pub labels: MemoryLabels<'a>,
}

/// The points (k, v_k) for k = 1, 2, …, clamped into `range`, non-finite values left out.
fn stepped(values: &[f64], first: usize, (lo, hi): (f64, f64)) -> Vec<(f64, f64)> {
    values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(i, v)| ((first + i) as f64, v.clamp(lo, hi)))
        .collect()
}

/// Draws the scene and returns its frame (to map the pointer to a step and a value).
pub fn memory_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &MemoryScene<'_>,
    theme: &Theme,
) -> Result<Frame, PlotError> {
    crate::plot::record(|| s.table());
    area.fill(&WHITE).map_err(err)?;
    let len = s.signal.len().max(2) as f64;
    let (y0, y1) = s.y_range;
    let seen = s.seen.min(s.signal.len());
    let mut entries =
        vec![LegendEntry { label: s.labels.seen, color: palette::BLUE, swatch: Swatch::Line }];
    if seen < s.signal.len() {
        entries.push(LegendEntry { label: s.labels.unseen, color: UNSEEN, swatch: Swatch::Line });
    }
    entries.push(LegendEntry {
        label: s.labels.recalled,
        color: palette::RED,
        swatch: Swatch::Line,
    });
    if let Some((_, color)) = s.compared {
        entries.push(LegendEntry { label: s.labels.compared, color, swatch: Swatch::Line });
    }
    // The legend stands to the right of the plot, where it hides no part of the signal.
    let (w, _) = area.dim_in_pixel();
    let (chart_area, legend_area) =
        area.split_horizontally(w.saturating_sub(legend_width(area, &entries, theme)?));
    legend(&legend_area, &entries, Corner::UpperLeft, theme)?;
    let whole = area;
    let area = &chart_area;
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(40.0))
        .y_label_area_size(theme.px(52.0))
        .build_cartesian_2d(1.0..len, y0..y1)
        .map_err(err)?;
    draw_mesh(&mut ctx, s.labels.x_axis, s.labels.y_axis, theme)?;

    // The past the memory must hold, lightly washed.
    if seen > 0 {
        let wash = palette::BLUE.mix(0.06).filled();
        ctx.draw_series(std::iter::once(Rectangle::new([(1.0, y0), (seen as f64, y1)], wash)))
            .map_err(err)?;
    }
    let range = (y0, y1);
    let line = |color: RGBColor, width: f64| ShapeStyle::from(&color).stroke_width(theme.px(width));
    let unseen = stepped(&s.signal[seen.saturating_sub(1)..], seen.max(1), range);
    ctx.draw_series(LineSeries::new(unseen, line(UNSEEN, 1.5))).map_err(err)?;
    ctx.draw_series(LineSeries::new(
        stepped(&s.signal[..seen], 1, range),
        line(palette::BLUE, 2.5),
    ))
    .map_err(err)?;
    if let Some((compared, color)) = s.compared {
        ctx.draw_series(DashedLineSeries::new(
            stepped(compared, 1, range),
            theme.px(6.0),
            theme.px(4.0),
            line(color, 2.0),
        ))
        .map_err(err)?;
    }
    ctx.draw_series(LineSeries::new(stepped(s.recalled, 1, range), line(palette::RED, 2.0)))
        .map_err(err)?;
    let now = palette::INK.stroke_width(theme.px(1.0));
    ctx.draw_series(std::iter::once(PathElement::new(
        vec![(seen as f64, y0), (seen as f64, y1)],
        now,
    )))
    .map_err(err)?;

    if let Some(m) = s.marker.filter(|m| (1.0..=len).contains(m)) {
        let stroke = palette::MARK.stroke_width(theme.px(1.0));
        ctx.draw_series(DashedLineSeries::new(
            [(m, y0), (m, y1)],
            theme.px(4.0),
            theme.px(3.0),
            stroke,
        ))
        .map_err(err)?;
    }
    let knot = palette::INK.mix(0.7).stroke_width(theme.px(1.0));
    ctx.draw_series(
        s.knots.iter().map(|&(k, v)| Circle::new((k, v.clamp(y0, y1)), theme.px(3.0), knot)),
    )
    .map_err(err)?;
    if let Some(&(k, v)) = s.cursor.and_then(|i| s.knots.get(i)) {
        let focus = palette::ORANGE.filled();
        ctx.draw_series(std::iter::once(Circle::new((k, v.clamp(y0, y1)), theme.px(6.0), focus)))
            .map_err(err)?;
    }

    Ok(Frame::of(&ctx, whole))
}

/// The width a legend of `entries` needs beside a chart (its box and a margin on each side).
fn legend_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    theme: &Theme,
) -> Result<u32, PlotError> {
    let style = font(theme, 11.0);
    let mut text = 0;
    for e in entries {
        text = text.max(area.estimate_text_size(e.label, &style).map_err(err)?.0);
    }
    Ok(text + theme.px(16.0) + 5 * theme.px(6.0))
}

/// One line of the error chart: the error at each state size.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorSeries<'a> {
    /// Legend text.
    pub label: &'a str,
    /// (state size N, error) pairs; errors are drawn no lower than the chart's floor.
    pub points: Vec<(f64, f64)>,
    /// Colour.
    pub color: RGBColor,
}

/// Reconstruction errors against the state size, errors on a logarithmic axis.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorChart<'a> {
    /// The lines.
    pub series: Vec<ErrorSeries<'a>>,
    /// The state size to mark (the one the reader chose).
    pub marker: Option<f64>,
    /// The horizontal axis, with units.
    pub x_label: &'a str,
    /// The vertical axis, with units.
    pub y_label: &'a str,
}

/// The smallest error the chart shows; smaller ones (an exact recall) are drawn at this value.
pub(crate) const ERROR_FLOOR: f64 = 1e-4;

/// Draws the error chart and returns its horizontal map (for hovering a state size).
pub fn error_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ErrorChart<'_>,
    theme: &Theme,
) -> Result<XAxisMap, PlotError> {
    crate::plot::record(|| chart.table());
    area.fill(&WHITE).map_err(err)?;
    let points = || chart.series.iter().flat_map(|s| s.points.iter());
    let x1 = points().map(|p| p.0).filter(|x| x.is_finite()).fold(2.0, f64::max);
    let finite = || points().map(|p| p.1).filter(|y| y.is_finite()).map(|y| y.max(ERROR_FLOOR));
    let top = finite().fold(ERROR_FLOOR * 10.0, f64::max).min(1e6);
    let bottom = finite().fold(top, f64::min);
    // Below the data the axis goes on for 0.7 of the data's decades (at least half a decade):
    // the legend stands in that empty band and hides no point.
    let decades = (top * 1.5 / bottom).log10();
    let (y0, y1) = (bottom / 10f64.powf((0.7 * decades).max(0.5)), top * 1.5);
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(40.0))
        .y_label_area_size(theme.px(52.0))
        .build_cartesian_2d(0.0..x1, (y0..y1).log_scale())
        .map_err(err)?;
    draw_mesh(&mut ctx, chart.x_label, chart.y_label, theme)?;
    let mut marks = Vec::new();
    for s in &chart.series {
        let finite: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .map(|&(x, y)| (x, y.clamp(ERROR_FLOOR.max(y0), y1)))
            .collect();
        marks.extend(data_pixels(&ctx, &finite, true));
        let stroke = ShapeStyle::from(&s.color).stroke_width(theme.px(2.0));
        ctx.draw_series(LineSeries::new(finite.clone(), stroke)).map_err(err)?;
        ctx.draw_series(finite.into_iter().map(|p| Circle::new(p, theme.px(2.5), stroke.filled())))
            .map_err(err)?;
    }
    if let Some(m) = chart.marker.filter(|m| (0.0..=x1).contains(m)) {
        let stroke = palette::MARK.stroke_width(theme.px(1.0));
        ctx.draw_series(std::iter::once(PathElement::new(vec![(m, y0), (m, y1)], stroke)))
            .map_err(err)?;
    }
    let entries: Vec<LegendEntry<'_>> = chart
        .series
        .iter()
        .map(|s| LegendEntry { label: s.label, color: s.color, swatch: Swatch::Line })
        .collect();
    legend_clear_of(&ctx, &entries, Corner::LowerLeft, &marks, theme)?;
    let (px0, _) = ctx.backend_coord(&(0.0, y0));
    let (px1, _) = ctx.backend_coord(&(x1, y0));
    let base = area.get_base_pixel().0;
    Ok(XAxisMap { x0: 0.0, x1, px0: f64::from(px0 - base), px1: f64::from(px1 - base) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: MemoryLabels<'static> = MemoryLabels {
        seen: "signal so far",
        unseen: "still to come",
        recalled: "rebuilt from 8 numbers",
        compared: "diagonal A",
        x_axis: "time step k",
        y_axis: "value (arbitrary units)",
    };

    fn render<F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>)>(f: F) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (480, 260)).into_drawing_area();
            f(&area);
            area.present().unwrap();
        }
        out
    }

    #[test]
    fn the_memory_picture_labels_everything_clamps_and_maps_the_pointer() {
        let signal: Vec<f64> = (0..40).map(|k| (k as f64 * 0.3).sin()).collect();
        let mut recalled: Vec<f64> = signal[..25].iter().map(|v| v * 0.9).collect();
        recalled[3] = f64::NAN;
        recalled[4] = 1e9;
        let knots = [(1.0, 0.0), (20.0, 0.5), (40.0, -0.2)];
        let scene = MemoryScene {
            signal: &signal,
            seen: 25,
            recalled: &recalled,
            compared: Some((&signal[..25], palette::GREEN)),
            knots: &knots,
            cursor: Some(1),
            marker: Some(30.0),
            y_range: (-1.5, 1.5),
            labels: LABELS,
        };
        let mut frame = None;
        let out = render(|a| frame = Some(memory_chart(a, &scene, &Theme::default()).unwrap()));
        for text in [
            "signal so far",
            "still to come",
            "rebuilt from 8 numbers",
            "diagonal A",
            "time step k",
        ] {
            assert!(out.contains(text), "missing {text}");
        }
        assert!(!out.contains("NaN") && !out.contains("e9"));
        let frame = frame.unwrap();
        let (k, v) = frame.data_at((frame.px.1 / frame.size.0, frame.py.1 / frame.size.1));
        assert!((k - 40.0).abs() < 1e-9 && (v - 1.5).abs() < 1e-9);
        let earlier = render(|a| {
            memory_chart(
                a,
                &MemoryScene { seen: 10, recalled: &signal[..10], ..scene },
                &Theme::default(),
            )
            .unwrap();
        });
        assert_ne!(out, earlier);
        let unmarked = render(|a| {
            memory_chart(a, &MemoryScene { marker: None, ..scene }, &Theme::default()).unwrap();
        });
        assert_ne!(out, unmarked, "the hover marker is drawn");
    }

    #[test]
    fn the_error_chart_is_logarithmic_floors_tiny_errors_and_changes_with_the_data() {
        let chart = ErrorChart {
            series: vec![
                ErrorSeries {
                    label: "LegS",
                    points: vec![(1.0, 0.5), (8.0, 0.05), (64.0, 0.0)],
                    color: palette::RED,
                },
                ErrorSeries {
                    label: "S4D-Real",
                    points: vec![(1.0, 0.5), (8.0, 0.3), (64.0, f64::NAN)],
                    color: palette::GREEN,
                },
            ],
            marker: Some(8.0),
            x_label: "state size N",
            y_label: "RMS error (log scale)",
        };
        let mut map = None;
        let out = render(|a| map = Some(error_chart(a, &chart, &Theme::default()).unwrap()));
        assert!(out.contains("state size N") && out.contains("RMS error (log scale)"));
        assert!(out.contains("LegS") && out.contains("S4D-Real"));
        assert!(!out.contains("NaN") && !out.contains("inf"));
        let map = map.unwrap();
        assert_eq!(map.data_x(map.px0).map(f64::round), Some(0.0));
        let mut other = chart.clone();
        other.series[1].points[1].1 = 0.01;
        let changed = render(|a| {
            error_chart(a, &other, &Theme::default()).unwrap();
        });
        assert_ne!(out, changed);
    }
}
