//! A legend box drawn in a corner of a plotting area. (plotters' own series labels measure
//! multi-line text through the font, which on the web means styled DOM elements; this one asks
//! the backend, so the canvas measures its own text and the page's CSP stays strict.)

use crate::plot::{PlotError, Theme, err, palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How an entry's sample looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// A short line.
    Line,
    /// A short dashed line, for a dashed series.
    Dashed,
    /// A dot.
    Dot,
    /// A hollow ring (a point marked without hiding what lies under it).
    Ring,
    /// A filled diamond (a rest point).
    Diamond,
    /// A filled upward triangle (plotters' `TriangleMarker`).
    Triangle,
    /// A diagonal cross (plotters' `Cross`).
    Cross,
}

/// One line of a legend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LegendEntry<'a> {
    /// The text.
    pub label: &'a str,
    /// The colour of the sample.
    pub color: RGBColor,
    /// The sample's shape.
    pub swatch: Swatch,
}

/// Where the legend sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Corner {
    /// Top left.
    UpperLeft,
    /// Top right.
    #[default]
    UpperRight,
    /// Bottom left.
    LowerLeft,
    /// Bottom right.
    LowerRight,
}

/// The gaps, sample width and line height of a legend, in device pixels.
fn metrics(theme: &Theme) -> (i32, i32, i32) {
    (theme.px(6.0) as i32, theme.px(16.0) as i32, theme.font(16.0) as i32)
}

/// The legend box's (width, height): its texts are measured by the backend, once per drawing.
fn legend_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    theme: &Theme,
) -> Result<(i32, i32), PlotError> {
    let style = TextStyle::from(("sans-serif", theme.font(11.0)).into_font());
    let (gap, swatch_w, line_h) = metrics(theme);
    let mut text_w = 0;
    for e in entries {
        text_w = text_w.max(area.estimate_text_size(e.label, &style).map_err(err)?.0 as i32);
    }
    Ok((gap * 3 + swatch_w + text_w, gap * 2 + line_h * entries.len() as i32))
}

/// The top-left pixel of a box of `size` in `corner` of an area of `dim` pixels.
fn box_origin(dim: (u32, u32), (box_w, box_h): (i32, i32), corner: Corner, gap: i32) -> (i32, i32) {
    let x0 = match corner {
        Corner::UpperLeft | Corner::LowerLeft => gap,
        Corner::UpperRight | Corner::LowerRight => dim.0 as i32 - box_w - gap,
    };
    let y0 = match corner {
        Corner::UpperLeft | Corner::UpperRight => gap,
        Corner::LowerLeft | Corner::LowerRight => dim.1 as i32 - box_h - gap,
    };
    (x0, y0)
}

/// The corner where a legend box of `size` hides the fewest of `marks` (pixels of the drawn
/// data, relative to the area of `dim` pixels, as [`data_pixels`] gives them): `preferred`
/// unless another corner hides fewer.
fn clearest_corner(
    dim: (u32, u32),
    size: (i32, i32),
    preferred: Corner,
    marks: &[(i32, i32)],
    theme: &Theme,
) -> Corner {
    clearest(dim, size, preferred, marks, theme).0
}

/// [`clearest_corner`] and how many marks the legend still hides there.
fn clearest(
    dim: (u32, u32),
    size: (i32, i32),
    preferred: Corner,
    marks: &[(i32, i32)],
    theme: &Theme,
) -> (Corner, usize) {
    let others = [Corner::UpperRight, Corner::UpperLeft, Corner::LowerRight, Corner::LowerLeft];
    let mut best = (usize::MAX, preferred);
    for corner in std::iter::once(preferred).chain(others.into_iter().filter(|&c| c != preferred)) {
        let (x0, y0) = box_origin(dim, size, corner, metrics(theme).0);
        let hidden = marks
            .iter()
            .filter(|&&(x, y)| (x0..=x0 + size.0).contains(&x) && (y0..=y0 + size.1).contains(&y))
            .count();
        if hidden < best.0 {
            best = (hidden, corner);
        }
    }
    (best.1, best.0)
}

/// The share of `ctx`'s plotting height to add above the data so that the legend fits in an
/// upper corner without hiding any of `marks`: 0 when some corner is already clear.
pub(crate) fn headroom<DB, X, Y>(
    ctx: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    entries: &[LegendEntry<'_>],
    preferred: Corner,
    marks: &[(i32, i32)],
    theme: &Theme,
) -> Result<f64, PlotError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    if entries.is_empty() {
        return Ok(0.0);
    }
    let area = ctx.plotting_area().strip_coord_spec();
    let size = legend_size(&area, entries, theme)?;
    let dim = area.dim_in_pixel();
    if clearest(dim, size, preferred, marks, theme).1 == 0 {
        return Ok(0.0);
    }
    let band = f64::from(size.1 + 2 * metrics(theme).0);
    Ok((band / f64::from(dim.1.max(1))).min(0.45))
}

/// The pixels of `points` (data coordinates) in `ctx`'s plotting area, filled in every few
/// pixels along each segment when `joined` (a legend over the middle of a long straight segment
/// hides it too): the marks [`clearest_corner`] counts.
pub(crate) fn data_pixels<DB, X, Y>(
    ctx: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    points: &[(f64, f64)],
    joined: bool,
) -> Vec<(i32, i32)>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    const STEP_PX: i32 = 4;
    let origin = ctx.plotting_area().get_base_pixel();
    let mut out: Vec<(i32, i32)> = Vec::new();
    for p in points {
        let (x, y) = ctx.backend_coord(p);
        let p = (x - origin.0, y - origin.1);
        if let (true, Some(&q)) = (joined, out.last()) {
            let n = ((p.0 - q.0).abs().max((p.1 - q.1).abs()) / STEP_PX).min(200);
            out.extend((1..n).map(|i| (q.0 + (p.0 - q.0) * i / n, q.1 + (p.1 - q.1) * i / n)));
        }
        out.push(p);
    }
    out
}

/// Draws the legend over `ctx`'s plotting area in the corner, `preferred` first, that hides the
/// fewest of `marks` (from [`data_pixels`]).
pub(crate) fn legend_clear_of<DB, X, Y>(
    ctx: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    entries: &[LegendEntry<'_>],
    preferred: Corner,
    marks: &[(i32, i32)],
    theme: &Theme,
) -> Result<(), PlotError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    if entries.is_empty() {
        return Ok(());
    }
    let area = ctx.plotting_area().strip_coord_spec();
    let size = legend_size(&area, entries, theme)?;
    let corner = clearest_corner(area.dim_in_pixel(), size, preferred, marks, theme);
    draw_legend(&area, entries, corner, size, theme)
}

/// Draws `entries` in a framed box in `corner` of `area` (pixel coordinates).
pub fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    corner: Corner,
    theme: &Theme,
) -> Result<(), PlotError> {
    if entries.is_empty() {
        return Ok(());
    }
    let size = legend_size(area, entries, theme)?;
    draw_legend(area, entries, corner, size, theme)
}

/// Draws the legend box of `size` (from [`legend_size`]) in `corner`.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    corner: Corner,
    size: (i32, i32),
    theme: &Theme,
) -> Result<(), PlotError> {
    let style = ("sans-serif", theme.font(11.0)).into_font().color(&palette::INK);
    let (gap, swatch_w, line_h) = metrics(theme);
    let (box_w, box_h) = size;
    let (x0, y0) = box_origin(area.dim_in_pixel(), size, corner, gap);
    area.draw(&Rectangle::new([(x0, y0), (x0 + box_w, y0 + box_h)], WHITE.mix(0.88).filled()))
        .map_err(err)?;
    area.draw(&Rectangle::new([(x0, y0), (x0 + box_w, y0 + box_h)], palette::GRID.stroke_width(1)))
        .map_err(err)?;
    let text_style = style.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, e) in entries.iter().enumerate() {
        let y = y0 + gap + line_h * i as i32 + line_h / 2;
        let sx = x0 + gap;
        match e.swatch {
            Swatch::Line => area
                .draw(&PathElement::new(
                    vec![(sx, y), (sx + swatch_w, y)],
                    e.color.stroke_width(theme.px(3.0)),
                ))
                .map_err(err)?,
            Swatch::Dashed => {
                let dash = swatch_w * 3 / 8;
                for from in [sx, sx + swatch_w - dash] {
                    area.draw(&PathElement::new(
                        vec![(from, y), (from + dash, y)],
                        e.color.stroke_width(theme.px(3.0)),
                    ))
                    .map_err(err)?;
                }
            }
            Swatch::Dot => area
                .draw(&Circle::new((sx + swatch_w / 2, y), theme.px(4.0), e.color.filled()))
                .map_err(err)?,
            marker => draw_marker(area, (sx + swatch_w / 2, y), marker, e.color, theme)?,
        }
        area.draw(&Text::new(e.label, (sx + swatch_w + gap, y), text_style.clone()))
            .map_err(err)?;
    }
    Ok(())
}

/// A ring, diamond, triangle or cross sample, drawn as the figures draw those markers.
fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    marker: Swatch,
    color: RGBColor,
    theme: &Theme,
) -> Result<(), PlotError> {
    let r = theme.px(5.0) as i32;
    let stroke = color.stroke_width(theme.px(2.0));
    match marker {
        Swatch::Ring => area.draw(&Circle::new((x, y), r, stroke)),
        Swatch::Diamond => area.draw(&Polygon::new(
            vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
            color.filled(),
        )),
        Swatch::Triangle => area.draw(&TriangleMarker::new((x, y), r, color.filled())),
        _ => area.draw(&Cross::new((x, y), r, stroke)),
    }
    .map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_label_inside_the_area() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
            let entries = [
                LegendEntry { label: "input x", color: palette::BLUE, swatch: Swatch::Line },
                LegendEntry { label: "state h", color: palette::GREEN, swatch: Swatch::Dot },
            ];
            legend(&area, &entries, Corner::UpperRight, &Theme::default()).unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("input x") && svg.contains("state h") && svg.contains("<circle"));
    }

    #[test]
    fn the_legend_takes_the_corner_that_hides_the_least() {
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        let entries =
            [LegendEntry { label: "input x", color: palette::BLUE, swatch: Swatch::Dashed }];
        let theme = Theme::default();
        let size = legend_size(&area, &entries, &theme).unwrap();
        let pick = |marks: &[(i32, i32)]| {
            clearest_corner(area.dim_in_pixel(), size, Corner::UpperRight, marks, &theme)
        };
        // Nothing to hide: the preferred corner.
        assert_eq!(pick(&[]), Corner::UpperRight);
        // Data in the upper right (a rising curve's end): the next clear corner.
        let rising: Vec<(i32, i32)> = (0..300).map(|x| (x, 200 - x * 2 / 3)).collect();
        assert_eq!(pick(&rising), Corner::UpperLeft);
        // Data across the whole top: a lower corner.
        let top: Vec<(i32, i32)> = (0..300).map(|x| (x, 15)).collect();
        assert!(matches!(pick(&top), Corner::LowerLeft | Corner::LowerRight));
    }
}
