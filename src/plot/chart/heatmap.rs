//! Heat-maps: matrices drawn as coloured cells, stacked in panels that share one column axis
//! (time steps, tokens), each with its title, row labels and colour bar. A panel can also be a
//! row of coloured swatches (the tokens of a sequence).
//!
//! Columns are data x = 0, 1, …, so a column spans [c − ½, c + ½]; the returned [`XAxisMap`]
//! maps the pointer to that x, and [`column_at`] rounds it to a column. Non-finite cells are
//! drawn grey and never enter the colour range.

use crate::format;
use crate::plot::chart::axes::{fitted_font, font};
use crate::plot::chart::color_bar::{ColorBar, Ticks, color_bar};
use crate::plot::{PlotError, Theme, XAxisMap, err, palette};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How values map to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorScale {
    /// 0 (white) to the maximum (dark blue); for magnitudes such as Δ or |B|.
    Sequential,
    /// −m (blue) through 0 (white) to +m (vermillion); for signed values such as a state.
    Diverging,
}

/// What a panel shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Cells<'a> {
    /// A matrix, rows drawn top to bottom.
    Values {
        /// The values, (rows, columns).
        values: &'a DMatrix<f64>,
        /// The colour map.
        scale: ColorScale,
        /// The value of the darkest colour (the largest magnitude if `None`).
        max: Option<f64>,
    },
    /// One row of coloured swatches, one per column.
    Swatches(&'a [RGBColor]),
}

/// One panel of a stack.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel<'a> {
    /// The title above the panel (what is shown, with its unit or "arbitrary units").
    pub title: &'a str,
    /// One label per row, left of the cells (fewer labels leave rows unlabelled).
    pub row_labels: Vec<String>,
    /// The cells.
    pub cells: Cells<'a>,
    /// Height of one row relative to the other panels' rows (the stack fills the area).
    pub row_height: f64,
}

/// A stack of panels sharing the column axis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeatmapStack<'a> {
    /// The panels, top to bottom.
    pub panels: Vec<Panel<'a>>,
    /// Labels under the last panel, one per column (tokens); long ones are staggered, then cut.
    pub column_labels: Vec<String>,
    /// The axis name under the column labels.
    pub x_label: &'a str,
    /// A column to outline in every panel (the hovered step).
    pub marker_column: Option<usize>,
    /// A row to outline in every value panel (the mixing matrix's output row).
    pub marker_row: Option<usize>,
}

/// Width of the row-label gutter and of the colour-bar gutter, in CSS pixels.
const LEFT: f64 = 64.0;
const RIGHT: f64 = 76.0;
const TITLE: f64 = 18.0;
const GAP: f64 = 8.0;

/// The column under data x (from the returned axis map), if within `columns`.
pub fn column_at(x: f64, columns: usize) -> Option<usize> {
    let c = x.round();
    (c >= 0.0 && (c as usize) < columns).then_some(c as usize)
}

/// The magnitude that a fraction `q` (0…1) of the finite values do not exceed: a colour range
/// that a few extreme cells cannot wash out (cells beyond it take the end colour, and the colour
/// bar says "≥"). `None` when there is no finite value.
pub fn magnitude_quantile(values: &DMatrix<f64>, q: f64) -> Option<f64> {
    let mut m: Vec<f64> = values.iter().filter(|v| v.is_finite()).map(|v| v.abs()).collect();
    if m.is_empty() {
        return None;
    }
    m.sort_by(f64::total_cmp);
    let i = ((m.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    Some(m[i])
}

/// Linear interpolation between colour stops at equal spacing, for t in [0, 1].
fn ramp(stops: &[(u8, u8, u8)], t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let i = (t.floor() as usize).min(stops.len() - 2);
    let f = t - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (stops[i], stops[i + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

const SEQUENTIAL: [(u8, u8, u8); 5] =
    [(248, 250, 252), (198, 219, 239), (107, 174, 214), (33, 113, 181), (8, 48, 107)];
const DIVERGING: [(u8, u8, u8); 5] =
    [(0, 90, 160), (140, 190, 225), (248, 248, 248), (240, 170, 120), (190, 70, 0)];
const MISSING: RGBColor = RGBColor(180, 180, 180);

impl ColorScale {
    /// The colour of `v` when the scale ends at `max` (> 0).
    pub fn color(self, v: f64, max: f64) -> RGBColor {
        if !v.is_finite() {
            return MISSING;
        }
        match self {
            ColorScale::Sequential => ramp(&SEQUENTIAL, v.abs() / max),
            ColorScale::Diverging => ramp(&DIVERGING, 0.5 + 0.5 * v / max),
        }
    }
}

/// `text` cut with "…" to fit `width` pixels in `style`.
fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    width: i32,
) -> Result<String, PlotError> {
    let wide = |s: &str| -> Result<i32, PlotError> {
        Ok(area.estimate_text_size(s, style).map_err(err)?.0 as i32)
    };
    if wide(text)? <= width {
        return Ok(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (1..chars.len()).rev() {
        let cut: String = chars[..keep].iter().chain(['…'].iter()).collect();
        if wide(&cut)? <= width {
            return Ok(cut);
        }
    }
    Ok("…".to_owned())
}

/// The number of columns of a stack (from its first value panel or swatch row).
fn columns(stack: &HeatmapStack<'_>) -> usize {
    stack
        .panels
        .iter()
        .map(|p| match &p.cells {
            Cells::Values { values, .. } => values.ncols(),
            Cells::Swatches(s) => s.len(),
        })
        .max()
        .unwrap_or(0)
}

fn rows(panel: &Panel<'_>) -> usize {
    match &panel.cells {
        Cells::Values { values, .. } => values.nrows(),
        Cells::Swatches(_) => 1,
    }
}

/// Draws the stack on `area`; returns the map from pointer x to column x.
pub fn heatmap_stack<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    stack: &HeatmapStack<'_>,
    theme: &Theme,
) -> Result<XAxisMap, PlotError> {
    crate::plot::record(|| stack.table());
    area.fill(&WHITE).map_err(err)?;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let px = |css: f64| theme.px(css) as i32;
    let cols = columns(stack).max(1);
    let (left, right) = (px(LEFT), w - px(RIGHT));
    let cell_w = f64::from(right - left) / cols as f64;
    let label_font = font(theme, 11.0);
    let line = px(15.0);

    // The bottom band: column labels on one or two staggered lines, then the axis name.
    let label_style = label_font.clone().pos(Pos::new(HPos::Center, VPos::Top));
    let mut widest = 0;
    for l in &stack.column_labels {
        widest = widest.max(area.estimate_text_size(l, &label_font).map_err(err)?.0 as i32);
    }
    let one_line = f64::from(widest) <= cell_w - f64::from(px(3.0));
    let label_lines = match (stack.column_labels.is_empty(), one_line) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    let axis_h = if stack.x_label.is_empty() { 0 } else { line + px(2.0) };
    let bottom = h - px(4.0) - label_lines * line - axis_h;

    // Heights: each panel a title band plus its rows, scaled to fit.
    let titles = stack.panels.len() as i32 * (px(TITLE) + px(GAP));
    let wanted: f64 =
        stack.panels.iter().map(|p| rows(p) as f64 * p.row_height.max(0.1) * cell_w).sum();
    let room = f64::from((bottom - titles).max(1));
    let shrink = room / wanted.max(1e-9);

    let mut y = 0;
    for panel in &stack.panels {
        let row_h = panel.row_height.max(0.1) * cell_w * shrink;
        let n_rows = rows(panel);
        let title_y = y + px(GAP);
        let title_font = fitted_font(area, panel.title, theme, 12.0, w - left - px(4.0));
        area.draw(&Text::new(panel.title, (left, title_y), title_font)).map_err(err)?;
        let top = title_y + px(TITLE);
        let row_y = |r: f64| top + (r * row_h).round() as i32;
        let col_x = |c: f64| left + (c * cell_w).round() as i32;
        let row_style = label_font.clone().pos(Pos::new(HPos::Right, VPos::Center));
        for (r, label) in panel.row_labels.iter().enumerate().take(n_rows) {
            let text = fit_text(area, label, &label_font, left - px(8.0))?;
            let cy = (row_y(r as f64) + row_y(r as f64 + 1.0)) / 2;
            area.draw(&Text::new(text, (left - px(6.0), cy), row_style.clone())).map_err(err)?;
        }
        match &panel.cells {
            Cells::Values { values, scale, max } => {
                let data_max =
                    values.iter().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs()));
                let top_value = max.filter(|m| m.is_finite() && *m > 0.0).unwrap_or(data_max);
                let top_value = if top_value > 0.0 { top_value } else { 1.0 };
                for r in 0..values.nrows() {
                    for c in 0..values.ncols() {
                        let color = scale.color(values[(r, c)], top_value);
                        area.draw(&Rectangle::new(
                            [
                                (col_x(c as f64), row_y(r as f64)),
                                (col_x(c as f64 + 1.0), row_y(r as f64 + 1.0)),
                            ],
                            color.filled(),
                        ))
                        .map_err(err)?;
                    }
                }
                let bar = (*scale, top_value, data_max > top_value);
                scale_bar(area, bar, (right + px(10.0), top), row_y(n_rows as f64), theme)?;
                if let Some(r) = stack.marker_row.filter(|&r| r < values.nrows()) {
                    let outline = palette::INK.stroke_width(theme.px(1.5));
                    area.draw(&Rectangle::new(
                        [
                            (left, row_y(r as f64)),
                            (col_x(values.ncols() as f64), row_y(r as f64 + 1.0)),
                        ],
                        outline,
                    ))
                    .map_err(err)?;
                }
            }
            Cells::Swatches(colors) => {
                let inset = px(1.5);
                for (c, color) in colors.iter().enumerate() {
                    area.draw(&Rectangle::new(
                        [
                            (col_x(c as f64) + inset, row_y(0.0) + inset),
                            (col_x(c as f64 + 1.0) - inset, row_y(1.0) - inset),
                        ],
                        color.filled(),
                    ))
                    .map_err(err)?;
                }
            }
        }
        let frame = palette::GRID.stroke_width(theme.px(1.0));
        area.draw(&Rectangle::new([(left, top), (right, row_y(n_rows as f64))], frame))
            .map_err(err)?;
        if let Some(c) = stack.marker_column.filter(|&c| c < cols) {
            let outline = palette::INK.stroke_width(theme.px(2.0));
            area.draw(&Rectangle::new(
                [(col_x(c as f64), top), (col_x(c as f64 + 1.0), row_y(n_rows as f64))],
                outline,
            ))
            .map_err(err)?;
        }
        y = row_y(n_rows as f64);
    }

    // Column labels under the last panel.
    let labels_top = y + px(3.0);
    let room_per_label = if label_lines == 2 { 2.0 * cell_w } else { cell_w } - f64::from(px(3.0));
    for (c, label) in stack.column_labels.iter().enumerate() {
        let text = fit_text(area, label, &label_font, room_per_label as i32)?;
        let x = left + ((c as f64 + 0.5) * cell_w).round() as i32;
        let ly = labels_top + if label_lines == 2 { (c % 2) as i32 * line } else { 0 };
        area.draw(&Text::new(text, (x, ly), label_style.clone())).map_err(err)?;
    }
    if !stack.x_label.is_empty() {
        let style = font(theme, 12.0).pos(Pos::new(HPos::Center, VPos::Top));
        let ay = labels_top + label_lines * line + px(2.0);
        area.draw(&Text::new(stack.x_label, ((left + right) / 2, ay), style)).map_err(err)?;
    }
    Ok(XAxisMap { x0: -0.5, x1: cols as f64 - 0.5, px0: f64::from(left), px1: f64::from(right) })
}

/// What a colour bar shows: its scale, the value of its end colour, and whether larger values
/// exist (drawn in the end colour).
/// A vertical colour bar at x from `top` to `bottom`, labelled at its ends ("≥"/"≤" when
/// `clipped`) and 0 in the middle of a diverging bar.
fn scale_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (scale, max, clipped): (ColorScale, f64, bool),
    (x, top): (i32, i32),
    bottom: i32,
    theme: &Theme,
) -> Result<(), PlotError> {
    let range = match scale {
        ColorScale::Sequential => (0.0, max),
        ColorScale::Diverging => (-max, max),
    };
    let diverging = scale == ColorScale::Diverging;
    let bar = ColorBar {
        x,
        width: theme.px(10.0) as i32,
        span: (top, bottom),
        range,
        color: &|v| scale.color(v, max),
        border: palette::GRID,
        ticks: Ticks::Ends {
            font: 10.0,
            zero_above: diverging.then(|| theme.px(36.0) as i32),
            clipped,
            anchored: true,
        },
        text: format::bar_value,
        label: None,
    };
    color_bar(area, &bar, theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(stack: &HeatmapStack<'_>) -> (String, XAxisMap) {
        let mut out = String::new();
        let map = {
            let area = SVGBackend::with_string(&mut out, (480, 320)).into_drawing_area();
            let map = heatmap_stack(&area, stack, &Theme::default()).unwrap();
            area.present().unwrap();
            map
        };
        (out, map)
    }

    fn panel<'a>(title: &'a str, values: &'a DMatrix<f64>, scale: ColorScale) -> Panel<'a> {
        Panel {
            title,
            row_labels: (1..=values.nrows()).map(|r| r.to_string()).collect(),
            cells: Cells::Values { values, scale, max: None },
            row_height: 0.5,
        }
    }

    #[test]
    fn draws_titles_labels_and_bars_and_never_nan() {
        let mut m = DMatrix::from_fn(3, 6, |r, c| (r as f64 - 1.0) * c as f64);
        m[(0, 0)] = f64::NAN;
        let swatches = [
            palette::BLUE,
            palette::RED,
            palette::GRID,
            palette::GREEN,
            palette::GRID,
            palette::BLUE,
        ];
        let stack = HeatmapStack {
            panels: vec![
                Panel {
                    title: "tokens",
                    row_labels: vec!["x".into()],
                    cells: Cells::Swatches(&swatches),
                    row_height: 1.0,
                },
                panel("state h (arbitrary units)", &m, ColorScale::Diverging),
            ],
            column_labels: [
                "the",
                "incomprehensibilities-of-tokenizers",
                "long",
                "words",
                "go",
                "here",
            ]
            .map(String::from)
            .to_vec(),
            x_label: "token t",
            marker_column: Some(2),
            marker_row: Some(1),
        };
        let (svg, map) = svg(&stack);
        for text in ["tokens", "state h (arbitrary units)", "token t", "the", "5.00", "−5.00"] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(svg.contains('…'), "the long token is cut");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert_eq!(column_at(map.data_x((map.px0 + map.px1) / 2.0).unwrap(), 6), Some(3));
        assert_eq!(column_at(-0.6, 6), None);
    }

    #[test]
    fn the_figure_changes_with_the_values_and_the_marker() {
        let a = DMatrix::from_fn(2, 4, |r, c| (r + c) as f64);
        let b = DMatrix::from_fn(2, 4, |r, c| (r * c) as f64);
        let stack = |m, marker| HeatmapStack {
            panels: vec![panel("Δ", m, ColorScale::Sequential)],
            marker_column: marker,
            ..HeatmapStack::default()
        };
        let (first, _) = svg(&stack(&a, None));
        assert_ne!(first, svg(&stack(&b, None)).0);
        assert_ne!(first, svg(&stack(&a, Some(1))).0);
    }

    #[test]
    fn a_clipped_range_is_labelled_as_such() {
        let mut m = DMatrix::from_fn(4, 5, |r, c| (r * c) as f64 / 10.0);
        m[(3, 4)] = 100.0;
        let q = magnitude_quantile(&m, 0.9).unwrap();
        assert!(q < 2.0, "the outlier sets the range: {q}");
        assert_eq!(magnitude_quantile(&DMatrix::from_element(1, 1, f64::NAN), 0.5), None);
        let stack = HeatmapStack {
            panels: vec![Panel {
                title: "α",
                row_labels: Vec::new(),
                cells: Cells::Values { values: &m, scale: ColorScale::Diverging, max: Some(q) },
                row_height: 1.0,
            }],
            ..HeatmapStack::default()
        };
        let (svg, _) = svg(&stack);
        assert!(svg.contains("≥ ") && svg.contains("≤ "));
    }

    #[test]
    fn colour_scales_hit_their_ends() {
        assert_eq!(ColorScale::Sequential.color(0.0, 1.0), RGBColor(248, 250, 252));
        assert_eq!(ColorScale::Sequential.color(5.0, 1.0), RGBColor(8, 48, 107));
        assert_eq!(ColorScale::Diverging.color(0.0, 2.0), RGBColor(248, 248, 248));
        assert_eq!(ColorScale::Diverging.color(-2.0, 2.0), RGBColor(0, 90, 160));
        assert_eq!(ColorScale::Diverging.color(f64::NAN, 2.0), MISSING);
        assert_eq!(format::bar_value(-0.004), "−4.0e−3");
        assert_eq!(format::bar_value(12.345), "12.3");
    }
}
