//! The house style of a cartesian frame (axis labels, light grid) shared by the figures that
//! build their own chart, and [`Frame`], the map from a pointer on the figure to data on both
//! axes (for figures one draws on with the pointer).

use crate::format;
use crate::plot::{PlotError, Theme, XAxisMap, err, palette};
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// The font of a figure's texts at `css` pixels.
pub(crate) fn font(theme: &Theme, css: f64) -> TextStyle<'static> {
    ("sans-serif", theme.font(css)).into_font().color(&palette::INK)
}

/// The font of `text` at `css` pixels, made smaller (down to 8.5 CSS pixels) when the text
/// would be wider than `room` device pixels: one rule for every title and axis name, so no
/// long label (or its Korean translation) is cut at the frame.
pub(crate) fn fitted_font<DB: DrawingBackend, S: plotters::coord::CoordTranslate>(
    area: &DrawingArea<DB, S>,
    text: &str,
    theme: &Theme,
    css: f64,
    room: i32,
) -> TextStyle<'static> {
    let style = font(theme, css);
    let width = area.estimate_text_size(text, &style).map_or(0, |(w, _)| w as i32);
    if room <= 0 || width <= room {
        return style;
    }
    font(theme, (css * f64::from(room) / f64::from(width)).max(8.5))
}

/// The axis-name font of a chart: 12 CSS pixels, smaller where the x name is wider than the
/// plotting area or the (upright-turned) y name taller than it, so neither is cut.
pub(crate) fn desc_font<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
    ctx: &ChartContext<'_, DB, CT>,
    x_label: &str,
    y_label: &str,
    theme: &Theme,
) -> TextStyle<'static> {
    let area = ctx.plotting_area();
    let (w, h) = area.dim_in_pixel();
    let x = fitted_font(area, x_label, theme, 12.0, w as i32);
    let y = fitted_font(area, y_label, theme, 12.0, h as i32 - theme.px(4.0) as i32);
    let size = |f: &TextStyle<'_>| f.font.get_size();
    if size(&x) <= size(&y) { x } else { y }
}

/// The least distance between two labelled ticks of a logarithmic axis, in CSS pixels, along x
/// (labels side by side: "10⁻³", "0.001", "4K" and a gap) and along y (labels one above the other).
pub(crate) const LOG_LABEL_GAP: (f64, f64) = (44.0, 22.0);

/// The ticks to label on an axis `axis_px` device pixels long, from evenly spaced `ticks` (the
/// decades of a logarithmic axis, the powers of two of a length axis): every one while they
/// stand `gap_css` CSS pixels apart at the theme's pixel ratio, else every second, third, …, so
/// labels never crowd on a phone. The one rule of every logarithmic axis.
pub(crate) fn thin_ticks(ticks: Vec<f64>, axis_px: f64, gap_css: f64, theme: &Theme) -> Vec<f64> {
    let gap = gap_css * theme.scale.max(0.5);
    // Evenly spaced ticks stand axis / (n − 1) apart; every s-th stands s times that.
    let spacing = axis_px.max(1.0) / ticks.len().saturating_sub(1).max(1) as f64;
    let stride = (gap / spacing).ceil().max(1.0) as usize;
    ticks.into_iter().step_by(stride).collect()
}

/// The decades 10ᵏ within `lo ..= hi`, the ticks of a logarithmic axis.
pub(crate) fn decade_points(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = (lo.log10().ceil() as i32, hi.log10().floor() as i32);
    (a..=b).map(|k| 10f64.powi(k)).collect()
}

/// Whether `v` is one of `ticks` (to a relative 10⁻⁹), for label formatters that write only the
/// thinned ticks.
pub(crate) fn is_tick(ticks: &[f64], v: f64) -> bool {
    ticks.iter().any(|t| (t - v).abs() <= 1e-9 * t.abs().max(v.abs()))
}

/// Draws the axes, their labels (ticks written by [`tick`]) and a light grid in the house style.
pub(crate) fn draw_mesh<DB, X, Y>(
    ctx: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    x_label: &str,
    y_label: &str,
    theme: &Theme,
) -> Result<(), PlotError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let desc = desc_font(ctx, x_label, y_label, theme);
    ctx.configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .label_style(font(theme, 11.0))
        .axis_desc_style(desc)
        .max_light_lines(1)
        .light_line_style(palette::GRID.mix(0.5))
        .bold_line_style(palette::GRID.mix(0.8))
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|v| format::significant3(*v))
        .y_label_formatter(&|v| format::significant3(*v))
        .draw()
        .map_err(err)
}

/// A linear f64 axis whose ticks sit exactly at given values (measured lengths, whole decades of
/// a transformed axis) instead of plotters' round numbers; the labels come from the chart's
/// formatter.
#[derive(Debug, Clone)]
pub(crate) struct TickedAxis {
    range: (f64, f64),
    ticks: Vec<f64>,
}

impl TickedAxis {
    /// The axis over `lo ..= hi` with ticks at `ticks` (those outside the range are dropped).
    pub(crate) fn new((lo, hi): (f64, f64), ticks: Vec<f64>) -> Self {
        let ticks = ticks.into_iter().filter(|t| (lo.min(hi)..=lo.max(hi)).contains(t)).collect();
        TickedAxis { range: (lo, hi), ticks }
    }
}

impl Ranged for TickedAxis {
    type FormatOption = plotters::coord::ranged1d::DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        RangedCoordf64::from(self.range.0..self.range.1).map(value, limit)
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Light lines take no ticks of their own.
        if hint.weight().allow_light_points() { Vec::new() } else { self.ticks.clone() }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.0..self.range.1
    }
}

/// Where a linear chart's plotting area lies in its drawing area, and what data it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The data x range, left to right.
    pub x: (f64, f64),
    /// The data y range, bottom to top.
    pub y: (f64, f64),
    /// The pixel x of the left and right ends of the plotting area.
    pub px: (f64, f64),
    /// The pixel y of the bottom and top of the plotting area.
    pub py: (f64, f64),
    /// The size of the whole drawing area in pixels.
    pub size: (f64, f64),
}

impl Frame {
    /// The frame of a linear chart drawn on `area`.
    pub fn of<DB: DrawingBackend, S>(
        ctx: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        area: &DrawingArea<DB, S>,
    ) -> Frame
    where
        S: plotters::coord::CoordTranslate,
    {
        let (x, y) = (ctx.x_range(), ctx.y_range());
        let base = area.get_base_pixel();
        let at = |p: (f64, f64)| {
            let (px, py) = ctx.backend_coord(&p);
            (f64::from(px - base.0), f64::from(py - base.1))
        };
        let (left, bottom) = at((x.start, y.start));
        let (right, top) = at((x.end, y.end));
        let (w, h) = area.dim_in_pixel();
        Frame {
            x: (x.start, x.end),
            y: (y.start, y.end),
            px: (left, right),
            py: (bottom, top),
            size: (f64::from(w), f64::from(h)),
        }
    }

    /// The data point under a pointer given as fractions of the area's width and height,
    /// clamped into the plotted ranges.
    pub fn data_at(&self, fraction: (f64, f64)) -> (f64, f64) {
        let lerp = |v: f64, (p0, p1): (f64, f64), (d0, d1): (f64, f64)| {
            let s = if p1 == p0 { 0.0 } else { ((v - p0) / (p1 - p0)).clamp(0.0, 1.0) };
            d0 + s * (d1 - d0)
        };
        (
            lerp(fraction.0 * self.size.0, self.px, self.x),
            lerp(fraction.1 * self.size.1, self.py, self.y),
        )
    }

    /// The horizontal map alone, for linked hovering.
    pub fn x_axis(&self) -> XAxisMap {
        XAxisMap { x0: self.x.0, x1: self.x.1, px0: self.px.0, px1: self.px.1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_written_without_trailing_zeros() {
        let ticks: Vec<String> =
            [20.0, 0.5, 0.001, -2.5, 12.5, 0.0, 1e-4, 150.0].map(format::significant3).to_vec();
        assert_eq!(ticks, ["20", "0.5", "0.001", "−2.5", "12.5", "0", "0.0001", "150"]);
    }

    #[test]
    fn a_frame_maps_pointer_fractions_to_data_and_clamps() {
        let mut svg = String::new();
        let frame = {
            let area = SVGBackend::with_string(&mut svg, (400, 200)).into_drawing_area();
            let mut ctx = ChartBuilder::on(&area)
                .x_label_area_size(40)
                .y_label_area_size(50)
                .build_cartesian_2d(0.0..10.0, -1.0..1.0)
                .unwrap();
            draw_mesh(&mut ctx, "time k (steps)", "value (arbitrary units)", &Theme::default())
                .unwrap();
            let frame = Frame::of(&ctx, &area);
            area.present().unwrap();
            frame
        };
        assert!(svg.contains("time k (steps)") && svg.contains("value (arbitrary units)"));
        assert_eq!(frame.size, (400.0, 200.0));
        let mid =
            ((frame.px.0 + frame.px.1) / 2.0 / 400.0, (frame.py.0 + frame.py.1) / 2.0 / 200.0);
        let (x, y) = frame.data_at(mid);
        assert!((x - 5.0).abs() < 0.05 && y.abs() < 0.02, "{x}, {y}");
        assert_eq!(frame.data_at((0.0, 0.0)), (0.0, 1.0));
        assert_eq!(frame.data_at((1.0, 1.0)), (10.0, -1.0));
        assert_eq!(
            frame.x_axis().data_x((frame.px.0 + frame.px.1) / 2.0).map(f64::round),
            Some(5.0)
        );
        assert!(svg.contains(">\n10\n<") && !svg.contains("10.0"), "ticks keep trailing zeros");
    }

    #[test]
    fn log_ticks_thin_out_by_the_axis_length_at_the_pixel_ratio() {
        let decades: Vec<f64> = (-8..=0).map(|k| 10f64.powi(k)).collect();
        let wide = Theme::default();
        // 9 decades on 800 px: all labelled; on 300 px every second, on 150 px every third; at a pixel ratio
        // of 3 the same 300 CSS px (900 device px) keep the same ones.
        assert_eq!(thin_ticks(decades.clone(), 800.0, LOG_LABEL_GAP.0, &wide), decades);
        let phone = thin_ticks(decades.clone(), 300.0, LOG_LABEL_GAP.0, &wide);
        assert_eq!(phone, [1e-8, 1e-6, 1e-4, 1e-2, 1.0]);
        assert_eq!(thin_ticks(decades.clone(), 150.0, LOG_LABEL_GAP.0, &wide), [1e-8, 1e-5, 1e-2]);
        let dense = Theme { scale: 3.0, ..Theme::default() };
        assert_eq!(thin_ticks(decades.clone(), 900.0, LOG_LABEL_GAP.0, &dense), phone);
        assert!(phone.windows(2).all(|w| 300.0 / 8.0 * (w[1] / w[0]).log10() >= 44.0));
        assert!(is_tick(&phone, 1e-4) && !is_tick(&phone, 1e-5));
        assert_eq!(thin_ticks(vec![1.0], 10.0, 44.0, &wide), [1.0]);
    }
}
