//! A heat-map of a matrix: one coloured cell per entry on a diverging colour scale (blue below
//! zero, white at zero, vermillion above), row 0 at the top as a matrix is written, a colour
//! bar with its label, and, when the cells are large enough, the values written in them.
//!
//! Non-finite entries are never coloured as numbers: they are drawn grey and left out of the
//! colour range. [`CellMap`] maps a pointer back to the cell under it.

use crate::format;
use crate::plot::chart::axes::{desc_font, font};
use crate::plot::chart::color_bar::{ColorBar, Ticks, color_bar};
use crate::plot::{PlotError, Theme, err, palette};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heatmap<'a> {
    /// The matrix, drawn as it is written: entry (i, j) in row i from the top, column j.
    pub values: &'a DMatrix<f64>,
    /// The horizontal axis label (the column index), with its meaning.
    pub x_label: &'a str,
    /// The vertical axis label (the row index), with its meaning.
    pub y_label: &'a str,
    /// The colour bar's label: what the colours measure, with units.
    pub value_label: &'a str,
    /// The colour range; by default symmetric around zero, ±(largest finite magnitude).
    pub range: Option<(f64, f64)>,
    /// A cell to outline (e.g. the one the reader picked).
    pub highlight: Option<(usize, usize)>,
}

/// Where the cells lie in the drawing area, to find the cell under the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellMap {
    /// Rows and columns of the matrix.
    pub shape: (usize, usize),
    /// Pixel x of the left edge of column 0 and the right edge of the last column.
    pub px: (f64, f64),
    /// Pixel y of the top edge of row 0 and the bottom edge of the last row.
    pub py: (f64, f64),
    /// The size of the whole drawing area in pixels.
    pub size: (f64, f64),
}

impl CellMap {
    /// The (row, column) under a pointer given as fractions of the area's width and height.
    pub fn cell_at(&self, fraction: (f64, f64)) -> Option<(usize, usize)> {
        let (rows, cols) = self.shape;
        let s = |v: f64, (p0, p1): (f64, f64)| (v - p0) / (p1 - p0);
        let (sx, sy) = (s(fraction.0 * self.size.0, self.px), s(fraction.1 * self.size.1, self.py));
        if !(0.0..1.0).contains(&sx) || !(0.0..1.0).contains(&sy) {
            return None;
        }
        Some(((sy * rows as f64) as usize, (sx * cols as f64) as usize))
    }
}

/// The diverging colour of `t` ∈ [−1, 1]: palette blue at −1, near-white at 0, palette
/// vermillion at +1 (distinguishable with the common colour-vision deficiencies).
pub fn diverging(t: f64) -> RGBColor {
    const MID: (f64, f64, f64) = (247.0, 247.0, 247.0);
    let t = if t.is_finite() { t.clamp(-1.0, 1.0) } else { 0.0 };
    let end = if t < 0.0 { palette::BLUE } else { palette::RED };
    let s = t.abs();
    let mix = |a: f64, b: u8| (a + (f64::from(b) - a) * s).round() as u8;
    RGBColor(mix(MID.0, end.0), mix(MID.1, end.1), mix(MID.2, end.2))
}

/// The colour range of a heat-map: the given one, or else from zero to the extreme values:
/// symmetric (±the largest magnitude) when both signs occur, one-sided when only one does, so
/// zero is always white. Never empty.
fn colour_range(h: &Heatmap<'_>) -> (f64, f64) {
    if let Some((lo, hi)) = h.range.filter(|(lo, hi)| lo.is_finite() && hi.is_finite() && lo < hi) {
        return (lo, hi);
    }
    let (lo, hi) = h
        .values
        .iter()
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    match (lo < 0.0, hi > 0.0) {
        (true, true) => {
            let peak = hi.max(-lo);
            (-peak, peak)
        }
        (false, false) => (-1.0, 1.0),
        _ => (lo, hi),
    }
}

/// Where a value falls on the colour scale, in [−1, 1]: 0 at zero whenever the range contains
/// zero (−1 at its low end, +1 at its high end), otherwise linear over the range.
fn scale_position(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if lo <= 0.0 && hi >= 0.0 {
        if v < 0.0 && lo < 0.0 {
            -(v / lo).min(1.0)
        } else if v > 0.0 && hi > 0.0 {
            (v / hi).min(1.0)
        } else {
            0.0
        }
    } else {
        (2.0 * (v - lo) / (hi - lo) - 1.0).clamp(-1.0, 1.0)
    }
}

/// Draws the heat-map on `area` and returns where its cells are.
pub fn heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    h: &Heatmap<'_>,
    theme: &Theme,
) -> Result<CellMap, PlotError> {
    crate::plot::record(|| h.table());
    area.fill(&WHITE).map_err(err)?;
    let (rows, cols) = (h.values.nrows(), h.values.ncols());
    let (lo, hi) = colour_range(h);
    let (w, height) = area.dim_in_pixel();
    let bar_w = theme.px(74.0).min(w / 3);
    let (left, right) = area.split_horizontally(w - bar_w);

    // Row i is drawn at y = −i, so row 0 is at the top and the axis ticks stay round numbers.
    let (r, c) = (rows.max(1) as f64, cols.max(1) as f64);
    let mut ctx = ChartBuilder::on(&left)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(40.0))
        .y_label_area_size(theme.px(52.0))
        .build_cartesian_2d(-0.5..c - 0.5, -(r - 0.5)..0.5)
        .map_err(err)?;
    let index = |v: f64| {
        let i = v.round();
        if (v - i).abs() < 1e-9 && i >= 0.0 { format!("{}", i.abs()) } else { String::new() }
    };
    let desc = desc_font(&ctx, h.x_label, h.y_label, theme);
    ctx.configure_mesh()
        .disable_mesh()
        .x_desc(h.x_label)
        .y_desc(h.y_label)
        .label_style(font(theme, 11.0))
        .axis_desc_style(desc)
        .x_labels(cols.clamp(1, 9))
        .y_labels(rows.clamp(1, 9))
        .x_label_formatter(&|v| index(*v))
        .y_label_formatter(&|v| index(-*v))
        .draw()
        .map_err(err)?;

    let (x0, y0) = ctx.backend_coord(&(-0.5, 0.5));
    let (x1, y1) = ctx.backend_coord(&(c - 0.5, -(r - 0.5)));
    let cell_px = f64::from((x1 - x0).max(0)) / c;
    let grid_lines = cell_px >= theme.font(10.0);
    let write_values = cell_px >= theme.font(34.0) && f64::from(y1 - y0) / r >= theme.font(18.0);
    let cell = |i: usize, j: usize| {
        let (x, y) = (j as f64, -(i as f64));
        [(x - 0.5, y + 0.5), (x + 0.5, y - 0.5)]
    };
    let fill = |v: f64| {
        if v.is_finite() { diverging(scale_position(v, (lo, hi))) } else { palette::MARK }
    };
    // Zero's colour first, over the whole grid, then only the other cells: a triangular or
    // diagonal matrix costs a half or a sliver of the drawing.
    let zero = fill(0.0);
    let grid = [(-0.5, 0.5), (c - 0.5, -(r - 0.5))];
    ctx.draw_series(std::iter::once(Rectangle::new(grid, zero.filled()))).map_err(err)?;
    ctx.draw_series((0..rows).flat_map(|i| (0..cols).map(move |j| (i, j))).filter_map(|(i, j)| {
        let color = fill(h.values[(i, j)]);
        (color != zero).then(|| Rectangle::new(cell(i, j), color.filled()))
    }))
    .map_err(err)?;
    if grid_lines {
        let edge = WHITE.stroke_width(theme.px(1.0));
        ctx.draw_series(
            (0..rows).flat_map(|i| (0..cols).map(move |j| Rectangle::new(cell(i, j), edge))),
        )
        .map_err(err)?;
    }
    if write_values {
        let centred = Pos::new(HPos::Center, VPos::Center);
        for i in 0..rows {
            for j in 0..cols {
                let v = h.values[(i, j)];
                let text = if v.is_finite() { format::cell(v) } else { "—".to_owned() };
                let ink =
                    if scale_position(v, (lo, hi)).abs() > 0.55 { WHITE } else { palette::INK };
                let style = font(theme, 11.0).color(&ink).pos(centred);
                ctx.draw_series(std::iter::once(Text::new(text, (j as f64, -(i as f64)), style)))
                    .map_err(err)?;
            }
        }
    }
    if let Some((i, j)) = h.highlight.filter(|&(i, j)| i < rows && j < cols) {
        let stroke = palette::INK.stroke_width(theme.px(2.0));
        ctx.draw_series(std::iter::once(Rectangle::new(cell(i, j), stroke))).map_err(err)?;
    }

    // Pixel positions relative to `area` (the colour bar shares its vertical origin).
    let own = area.get_base_pixel();
    let (left_px, top_px) = (x0 - own.0, y0 - own.1);
    let (right_px, bottom_px) = (x1 - own.0, y1 - own.1);
    colour_bar(&right, (lo, hi), (top_px, bottom_px), h.value_label, theme)?;
    Ok(CellMap {
        shape: (rows, cols),
        px: (f64::from(left_px), f64::from(right_px)),
        py: (f64::from(top_px), f64::from(bottom_px)),
        size: (f64::from(w), f64::from(height)),
    })
}

/// The colour bar in `area` (pixel coordinates), spanning `span` (top, bottom) vertically:
/// the scale, five ticks with their values, and the label turned along the bar.
fn colour_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    range: (f64, f64),
    span: (i32, i32),
    label: &str,
    theme: &Theme,
) -> Result<(), PlotError> {
    let bar = ColorBar {
        x: theme.px(6.0) as i32,
        width: theme.px(12.0) as i32,
        span,
        range,
        color: &|v| diverging(scale_position(v, range)),
        border: palette::MARK,
        ticks: Ticks::Even { count: 5 },
        text: format::cell,
        label: Some(label),
    };
    color_bar(area, &bar, theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(h: &Heatmap<'_>, size: (u32, u32)) -> (String, CellMap) {
        let mut out = String::new();
        let map = {
            let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
            let map = heatmap(&area, h, &Theme::default()).unwrap();
            area.present().unwrap();
            map
        };
        (out, map)
    }

    fn sample(n: usize) -> DMatrix<f64> {
        DMatrix::from_fn(n, n, |i, j| i as f64 - 2.0 * j as f64)
    }

    #[test]
    fn draws_labels_cells_and_the_colour_bar_and_maps_cells_back() {
        let m = sample(4);
        let h = Heatmap {
            values: &m,
            x_label: "column k",
            y_label: "row n",
            value_label: "A[n, k] (1/time)",
            range: None,
            highlight: Some((1, 2)),
        };
        let (out, map) = svg(&h, (520, 360));
        assert!(
            out.contains("column k") && out.contains("row n") && out.contains("A[n, k] (1/time)")
        );
        assert!(!out.contains("NaN"));
        // Large cells carry their values: entry (3, 0) is 3, entry (0, 3) is −6.
        assert!(out.contains(">\n3\n<") && out.contains(">\n−6\n<"), "values are not written");
        assert!(!out.contains(">\n-0\n<"), "a negative zero tick");
        assert_eq!(map.shape, (4, 4));
        let centre = |i: usize, j: usize| {
            let x = map.px.0 + (j as f64 + 0.5) * (map.px.1 - map.px.0) / 4.0;
            let y = map.py.0 + (i as f64 + 0.5) * (map.py.1 - map.py.0) / 4.0;
            (x / map.size.0, y / map.size.1)
        };
        assert_eq!(map.cell_at(centre(0, 3)), Some((0, 3)));
        assert_eq!(map.cell_at(centre(2, 1)), Some((2, 1)));
        assert_eq!(map.cell_at((0.999, 0.5)), None, "the colour bar is not a cell");
    }

    #[test]
    fn the_picture_changes_with_the_values_and_skips_non_finite_entries() {
        let a = sample(6);
        let mut b = a.clone();
        b[(2, 2)] = 40.0;
        let mut c = a.clone();
        c[(0, 0)] = f64::NAN;
        let draw = |m: &DMatrix<f64>| {
            svg(
                &Heatmap {
                    values: m,
                    x_label: "k",
                    y_label: "n",
                    value_label: "value",
                    range: None,
                    highlight: None,
                },
                (300, 220),
            )
            .0
        };
        assert_ne!(draw(&a), draw(&b));
        let with_nan = draw(&c);
        assert!(!with_nan.contains("NaN"));
        assert_ne!(with_nan, draw(&a));
    }

    #[test]
    fn colours_diverge_from_white_and_ranges_stay_usable() {
        assert_eq!(diverging(-1.0), palette::BLUE);
        assert_eq!(diverging(1.0), palette::RED);
        assert_eq!(diverging(0.0), RGBColor(247, 247, 247));
        assert_eq!(diverging(f64::NAN), diverging(0.0));
        let zero = DMatrix::zeros(2, 2);
        let h = Heatmap {
            values: &zero,
            x_label: "",
            y_label: "",
            value_label: "",
            range: None,
            highlight: None,
        };
        assert_eq!(colour_range(&h), (-1.0, 1.0));
        let negative = DMatrix::from_row_slice(1, 2, &[-3.0, -0.5]);
        assert_eq!(colour_range(&Heatmap { values: &negative, ..h }), (-3.0, 0.0));
        let mixed = DMatrix::from_row_slice(1, 2, &[-3.0, 1.0]);
        assert_eq!(colour_range(&Heatmap { values: &mixed, ..h }), (-3.0, 3.0));
        assert_eq!(scale_position(-1.5, (-3.0, 0.0)), -0.5);
        assert_eq!(scale_position(5.0, (0.0, 10.0)), 0.5);
        assert_eq!(scale_position(6.0, (2.0, 10.0)), 0.0);
        assert_eq!(scale_position(-3.0, (-6.0, 2.0)), -0.5);
        assert_eq!(
            (format::cell(-0.5), format::cell(3.0), format::cell(-0.001), format::cell(12.7)),
            ("−0.5".into(), "3".into(), "0".into(), "13".into())
        );
    }
}
