//! A heat map of a matrix: one coloured cell per entry, rows top to bottom, columns left to
//! right (in the lessons, channels × tokens), with a colour bar, optional column labels (the
//! tokens' characters), a highlighted column and separator lines between row groups.
//!
//! Signed data use a diverging scale (blue < 0 < red, white at 0, symmetric limits) so the sign
//! reads at a glance; non-negative data such as step sizes use a sequential scale. Non-finite
//! entries are drawn grey and never enter the colour limits.

use crate::format;
use crate::plot::chart::axes::{desc_font, fitted_font, font};
use crate::plot::chart::color_bar::{ColorBar, Ticks, color_bar};
use crate::plot::chart::heatmap::ColorScale;
use crate::plot::{PlotError, Theme, XAxisMap, err, palette};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One heat map.
#[derive(Debug, Clone)]
pub struct MatrixMap<'a> {
    /// The values, (rows, columns).
    pub values: &'a DMatrix<f64>,
    /// Caption above the map (what the tensor is and its shape).
    pub caption: &'a str,
    /// Label of the horizontal axis (what a column is).
    pub x_label: &'a str,
    /// Label of the vertical axis (what a row is).
    pub y_label: &'a str,
    /// A label under each column (e.g. the token's character); numbers if `None`.
    pub col_labels: Option<&'a [String]>,
    /// The colour scale.
    pub scale: ColorScale,
    /// A column to outline (the selected token).
    pub marker_col: Option<usize>,
    /// Rows before which a separator line is drawn (e.g. between x and z).
    pub separators: &'a [usize],
    /// Colour limits shared with other maps; otherwise from these values.
    pub limits: Option<(f64, f64)>,
}

/// The colour of `v` on `scale` with limits `(lo, hi)`.
pub(crate) fn scale_color(scale: ColorScale, v: f64, (lo, hi): (f64, f64)) -> RGBColor {
    if !v.is_finite() {
        return RGBColor(160, 160, 160);
    }
    let mix = |a: (f64, f64, f64), b: (f64, f64, f64), t: f64| {
        let t = t.clamp(0.0, 1.0);
        let c = |x: f64, y: f64| (x + (y - x) * t).round() as u8;
        RGBColor(c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
    };
    const WHITE_: (f64, f64, f64) = (247.0, 247.0, 247.0);
    match scale {
        ColorScale::Diverging => {
            let m = lo.abs().max(hi.abs()).max(f64::MIN_POSITIVE);
            if v < 0.0 {
                mix(WHITE_, (33.0, 102.0, 172.0), -v / m)
            } else {
                mix(WHITE_, (178.0, 24.0, 43.0), v / m)
            }
        }
        ColorScale::Sequential => {
            let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
            mix(WHITE_, (8.0, 48.0, 107.0), t)
        }
    }
}

/// The colour limits of the finite values: symmetric for a diverging scale.
pub fn color_limits(scale: ColorScale, values: &DMatrix<f64>) -> (f64, f64) {
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if !(lo.is_finite() && hi.is_finite()) {
        return (-1.0, 1.0);
    }
    match scale {
        ColorScale::Diverging => {
            let m = lo.abs().max(hi.abs());
            if m > 0.0 { (-m, m) } else { (-1.0, 1.0) }
        }
        ColorScale::Sequential if hi > lo => (lo, hi),
        ColorScale::Sequential => (lo - 0.5, hi + 0.5),
    }
}

/// Draws `map` on `area`; the returned map turns a pointer x into a column index (rounded).
pub fn matrix_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    map: &MatrixMap<'_>,
    theme: &Theme,
) -> Result<XAxisMap, PlotError> {
    crate::plot::record(|| map.table());
    area.fill(&WHITE).map_err(err)?;
    let (rows, cols) = map.values.shape();
    let (rows_f, cols_f) = (rows.max(1) as f64, cols.max(1) as f64);
    let limits = map.limits.unwrap_or_else(|| color_limits(map.scale, map.values));
    let (plot_area, bar_area) =
        area.split_horizontally(area.dim_in_pixel().0 as i32 - theme.px(78.0) as i32);

    let mut ctx = ChartBuilder::on(&plot_area)
        .margin(theme.px(8.0))
        .caption(map.caption, {
            let room = plot_area.dim_in_pixel().0 as i32 - 2 * theme.px(8.0) as i32;
            fitted_font(&plot_area, map.caption, theme, 13.0, room)
        })
        .x_label_area_size(theme.px(42.0))
        .y_label_area_size(theme.px(50.0))
        .build_cartesian_2d(-0.5..cols_f - 0.5, -(rows_f - 0.5)..0.5)
        .map_err(err)?;
    let col_label = |x: &f64| -> String {
        let i = x.round();
        if (x - i).abs() > 1e-6 || i < 0.0 || i >= cols_f {
            return String::new();
        }
        match map.col_labels {
            Some(labels) => labels.get(i as usize).cloned().unwrap_or_default(),
            None => format!("{i}"),
        }
    };
    let row_label = |y: &f64| {
        let i = (-y).round();
        if (y + i).abs() > 1e-6 || i < 0.0 || i >= rows_f {
            String::new()
        } else {
            format!("{}", i.abs())
        }
    };
    let desc = desc_font(&ctx, map.x_label, map.y_label, theme);
    ctx.configure_mesh()
        .disable_mesh()
        .x_desc(map.x_label)
        .y_desc(map.y_label)
        .label_style(font(theme, 11.0))
        .axis_desc_style(desc)
        .x_labels(cols.clamp(1, 32))
        .y_labels(rows.clamp(1, 8))
        .x_label_formatter(&col_label)
        .y_label_formatter(&row_label)
        .draw()
        .map_err(err)?;

    ctx.draw_series(map.values.row_iter().enumerate().flat_map(|(r, row)| {
        let y = -(r as f64);
        row.iter()
            .enumerate()
            .map(|(c, &v)| {
                let x = c as f64;
                Rectangle::new(
                    [(x - 0.5, y + 0.5), (x + 0.5, y - 0.5)],
                    scale_color(map.scale, v, limits).filled(),
                )
            })
            .collect::<Vec<_>>()
    }))
    .map_err(err)?;
    for &s in map.separators.iter().filter(|&&s| s > 0 && s < rows) {
        let y = -(s as f64) + 0.5;
        ctx.draw_series(std::iter::once(PathElement::new(
            vec![(-0.5, y), (cols_f - 0.5, y)],
            palette::INK.stroke_width(theme.px(2.0)),
        )))
        .map_err(err)?;
    }
    if let Some(c) = map.marker_col.filter(|&c| c < cols) {
        let x = c as f64;
        ctx.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.5, 0.5), (x + 0.5, -(rows_f - 0.5))],
            palette::ORANGE.stroke_width(theme.px(3.0)),
        )))
        .map_err(err)?;
    }
    let (px0, _) = ctx.backend_coord(&(-0.5, 0.0));
    let (px1, _) = ctx.backend_coord(&(cols_f - 0.5, 0.0));
    let (_, top) = ctx.backend_coord(&(0.0, 0.5));
    let (_, bottom) = ctx.backend_coord(&(0.0, -(rows_f - 0.5)));
    scale_bar(&bar_area, map.scale, limits, (top, bottom), theme)?;
    Ok(XAxisMap { x0: -0.5, x1: cols_f - 0.5, px0: f64::from(px0), px1: f64::from(px1) })
}

/// A vertical colour bar from `top` to `bottom` (pixels of the whole figure) with its limits.
fn scale_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: ColorScale,
    range: (f64, f64),
    (top, bottom): (i32, i32),
    theme: &Theme,
) -> Result<(), PlotError> {
    let y_off = area.get_base_pixel().1;
    let bar = ColorBar {
        x: theme.px(6.0) as i32,
        width: theme.px(14.0) as i32,
        span: (top - y_off, bottom - y_off),
        range,
        color: &|v| scale_color(scale, v, range),
        border: palette::MARK,
        ticks: Ticks::Ends {
            font: 11.0,
            zero_above: (scale == ColorScale::Diverging).then_some(i32::MIN),
            clipped: false,
            anchored: false,
        },
        text: format::tick_or_sci,
        label: None,
    };
    color_bar(area, &bar, theme)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The texts of an SVG, trimmed.
    pub(crate) fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim().to_owned()))
            .collect()
    }

    fn svg(map: &MatrixMap<'_>) -> (String, XAxisMap) {
        let mut out = String::new();
        let axis = {
            let area = SVGBackend::with_string(&mut out, (480, 260)).into_drawing_area();
            let axis = matrix_map(&area, map, &Theme::default()).unwrap();
            area.present().unwrap();
            axis
        };
        (out, axis)
    }

    #[test]
    fn draws_every_cell_labels_and_never_nan() {
        let mut m = DMatrix::from_fn(4, 6, |r, c| r as f64 - c as f64 * 0.5);
        m[(2, 3)] = f64::NAN;
        let labels: Vec<String> = "abcdef".chars().map(String::from).collect();
        let map = MatrixMap {
            values: &m,
            caption: "conv1d output (4 × 6)",
            x_label: "token",
            y_label: "channel",
            col_labels: Some(&labels),
            scale: ColorScale::Diverging,
            marker_col: Some(2),
            separators: &[2],
            limits: None,
        };
        let (svg, axis) = svg(&map);
        let texts = texts(&svg);
        for text in ["conv1d output (4 × 6)", "token", "channel", "a", "f", "0", "3"] {
            assert!(texts.iter().any(|t| t == text), "missing {text} in {texts:?}");
        }
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        // Diverging limits are symmetric (±max|v| = ±3) and rows count down from the top.
        assert!(["−3", "3", "0"].iter().all(|v| texts.iter().any(|t| t == v)), "{texts:?}");
        assert!(!texts.iter().any(|t| t.starts_with('-')), "{texts:?}");
        assert!(svg.contains("fill=\"#A0A0A0\""), "the NaN cell is grey");
        let mid = axis.data_x((axis.px0 + axis.px1) / 2.0).unwrap();
        assert!((mid - 2.5).abs() < 1e-9);
        let (plain, _) = svg_of_other(&m);
        assert_ne!(plain, svg);
    }

    fn svg_of_other(m: &DMatrix<f64>) -> (String, XAxisMap) {
        let other = m.map(|v| v * 2.0 + 1.0);
        svg(&MatrixMap {
            values: &other,
            caption: "x",
            x_label: "t",
            y_label: "c",
            col_labels: None,
            scale: ColorScale::Sequential,
            marker_col: None,
            separators: &[],
            limits: Some((-100.0, 100.0)),
        })
    }

    #[test]
    fn colours_follow_the_scales() {
        let lim = (-2.0, 2.0);
        assert_eq!(scale_color(ColorScale::Diverging, 0.0, lim), RGBColor(247, 247, 247));
        assert_eq!(scale_color(ColorScale::Diverging, 2.0, lim), RGBColor(178, 24, 43));
        assert_eq!(scale_color(ColorScale::Diverging, -2.0, lim), RGBColor(33, 102, 172));
        assert_eq!(scale_color(ColorScale::Sequential, 2.0, lim), RGBColor(8, 48, 107));
        let ones = DMatrix::from_element(2, 2, 3.0);
        assert_eq!(color_limits(ColorScale::Sequential, &ones), (2.5, 3.5));
        assert_eq!(color_limits(ColorScale::Diverging, &DMatrix::zeros(1, 1)), (-1.0, 1.0));
    }
}
