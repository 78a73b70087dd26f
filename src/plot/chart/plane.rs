//! Shapes on a plane with two data axes: paths, polygons, dots, arrows and labels in data
//! coordinates, optionally with equal scales on both axes (so a square looks square and a
//! circle round). The state plane, the complex plane and the pictures of an integral are drawn
//! with it; [`plane_chart`] sets up the axes and grid of every plane figure (also the phase
//! portrait, the eigenvalue plane and the tracking picture, which draw their own marks).

use crate::format;
use crate::plot::chart::axes::{desc_font, font};
use crate::plot::{
    Corner, LegendEntry, PlotError, Theme, data_pixels, err, legend_clear_of, palette,
};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One thing drawn on the plane, in data coordinates.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark<'a> {
    /// A polyline.
    Path {
        /// The vertices in order.
        points: Vec<(f64, f64)>,
        /// Colour.
        color: RGBColor,
        /// Stroke width in CSS pixels.
        width: f64,
        /// Dashed instead of solid.
        dashed: bool,
    },
    /// A closed polygon, filled with `fill` opacity (0 for none) and outlined.
    Polygon {
        /// The corners in order.
        points: Vec<(f64, f64)>,
        /// Colour of the fill and the outline.
        color: RGBColor,
        /// Opacity of the fill, 0 … 1.
        fill: f64,
        /// Dashed outline.
        dashed: bool,
    },
    /// Filled dots.
    Dots {
        /// Centres.
        points: Vec<(f64, f64)>,
        /// Colour.
        color: RGBColor,
        /// Radius in CSS pixels.
        radius: f64,
    },
    /// Hollow rings (to mark a point without hiding what lies under it).
    Rings {
        /// Centres.
        points: Vec<(f64, f64)>,
        /// Colour.
        color: RGBColor,
        /// Radius in CSS pixels.
        radius: f64,
    },
    /// An arrow from one point to another.
    Arrow {
        /// Tail.
        from: (f64, f64),
        /// Head.
        to: (f64, f64),
        /// Colour.
        color: RGBColor,
        /// Dashed shaft.
        dashed: bool,
    },
    /// A text whose left end sits at a point.
    Label {
        /// Where.
        at: (f64, f64),
        /// What.
        text: &'a str,
        /// Colour.
        color: RGBColor,
    },
}

impl<'a> Mark<'a> {
    /// A point marked with a dot (or, with `ring`, a hollow ring) of `radius` CSS pixels, and
    /// `text` beside it in the same colour.
    pub fn labelled_point(
        at: (f64, f64),
        text: &'a str,
        color: RGBColor,
        radius: f64,
        ring: bool,
    ) -> [Mark<'a>; 2] {
        let points = vec![at];
        let point = match ring {
            true => Mark::Rings { points, color, radius },
            false => Mark::Dots { points, color, radius },
        };
        [point, Mark::Label { at, text, color }]
    }
}

/// A plane figure.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaneScene<'a> {
    /// The horizontal axis label, with its unit.
    pub x_label: &'a str,
    /// The vertical axis label, with its unit.
    pub y_label: &'a str,
    /// The data range shown, ((x0, x1), (y0, y1)).
    pub view: ((f64, f64), (f64, f64)),
    /// Widen the view so that one unit has the same length on both axes.
    pub equal: bool,
    /// What to draw, back to front.
    pub marks: Vec<Mark<'a>>,
    /// Legend entries (none: no legend).
    pub legend: Vec<LegendEntry<'a>>,
    /// Where the legend goes.
    pub corner: Corner,
    /// How many tick labels to aim for on the (x, y) axes.
    pub ticks: (usize, usize),
}

impl<'a> PlaneScene<'a> {
    /// A scene over `view` with axis labels (x, y) and marks: unequal scales, no legend, about
    /// six ticks per axis.
    pub fn new(
        axes: (&'a str, &'a str),
        view: ((f64, f64), (f64, f64)),
        marks: Vec<Mark<'a>>,
    ) -> Self {
        PlaneScene {
            x_label: axes.0,
            y_label: axes.1,
            view,
            equal: false,
            marks,
            legend: Vec::new(),
            corner: Corner::UpperRight,
            ticks: (6, 6),
        }
    }

    /// The same scene with one unit the same length on both axes.
    pub fn equal_scales(self) -> Self {
        PlaneScene { equal: true, ..self }
    }

    /// The same scene with a legend in `corner`.
    pub fn with_legend(self, legend: Vec<LegendEntry<'a>>, corner: Corner) -> Self {
        PlaneScene { legend, corner, ..self }
    }

    /// The same scene aiming for `x` and `y` tick labels.
    pub fn with_ticks(self, x: usize, y: usize) -> Self {
        PlaneScene { ticks: (x, y), ..self }
    }
}

/// The smallest view containing every finite point, padded by `pad` of its size on each side
/// (at least `min_half` around the centre, so a single point still gets a view).
pub(crate) fn fit_view(
    points: impl IntoIterator<Item = (f64, f64)>,
    pad: f64,
    min_half: f64,
) -> ((f64, f64), (f64, f64)) {
    let (mut x0, mut x1, mut y0, mut y1) =
        (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for (x, y) in points.into_iter().filter(|(x, y)| x.is_finite() && y.is_finite()) {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    if !(x0.is_finite() && y0.is_finite()) {
        return ((-1.0, 1.0), (-1.0, 1.0));
    }
    let span = |lo: f64, hi: f64| {
        let (mid, half) = ((lo + hi) / 2.0, ((hi - lo) / 2.0 * (1.0 + 2.0 * pad)).max(min_half));
        (mid - half, mid + half)
    };
    (span(x0, x1), span(y0, y1))
}

/// How a plane's grid looks: the colours of its fine and labelled lines, at most how many fine
/// lines between labelled ones, how many tick labels to aim for on (x, y), and whether the tick
/// labels are written with at most 3 decimals. `None`: plotters' default.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    pub(crate) light: RGBAColor,
    pub(crate) bold: RGBAColor,
    pub(crate) max_light_lines: Option<usize>,
    pub(crate) ticks: Option<(usize, usize)>,
    pub(crate) decimals: bool,
}

/// A chart of a plane on `area`: the paper, the margins, the label areas (the x axis's
/// `x_area` CSS pixels high), the data range `view`, and the grid with the axis descriptions
/// `axes`. `under` draws on the plotting area before the grid (shaded regions).
pub(crate) fn plane_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    axes: (&str, &str),
    ((x0, x1), (y0, y1)): ((f64, f64), (f64, f64)),
    x_area: f64,
    grid: Grid,
    theme: &Theme,
    under: impl FnOnce(&PlaneArea<DB>) -> Result<(), PlotError>,
) -> Result<PlaneChart<'a, DB>, PlotError> {
    area.fill(&WHITE).map_err(err)?;
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(x_area))
        .y_label_area_size(theme.px(52.0))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    under(ctx.plotting_area())?;
    let desc = desc_font(&ctx, axes.0, axes.1, theme);
    let decimals = |v: &f64| format::decimals(*v, 3);
    let mut mesh = ctx.configure_mesh();
    mesh.x_desc(axes.0)
        .y_desc(axes.1)
        .label_style(font(theme, 11.0))
        .axis_desc_style(desc)
        .light_line_style(grid.light)
        .bold_line_style(grid.bold);
    if let Some(n) = grid.max_light_lines {
        mesh.max_light_lines(n);
    }
    if let Some((x, y)) = grid.ticks {
        mesh.x_labels(x).y_labels(y);
    }
    if grid.decimals {
        mesh.x_label_formatter(&decimals).y_label_formatter(&decimals);
    }
    mesh.draw().map_err(err)?;
    Ok(ctx)
}

/// A plane chart's plotting area, in data coordinates.
pub(crate) type PlaneArea<DB> = DrawingArea<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A plane chart, in data coordinates.
pub(crate) type PlaneChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws the scene on `area`.
pub fn plane<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &PlaneScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let (x_area, y_area, margin) = (theme.px(34.0), theme.px(52.0), theme.px(8.0));
    let ((mut x0, mut x1), (mut y0, mut y1)) = scene.view;
    if scene.equal {
        let (w, h) = area.dim_in_pixel();
        let plot_w = f64::from(w.saturating_sub(y_area + 2 * margin).max(1));
        let plot_h = f64::from(h.saturating_sub(x_area + 2 * margin).max(1));
        // Units per pixel must match: widen whichever axis has fewer.
        let (ux, uy) = ((x1 - x0) / plot_w, (y1 - y0) / plot_h);
        if ux < uy {
            let half = uy * plot_w / 2.0;
            let mid = (x0 + x1) / 2.0;
            (x0, x1) = (mid - half, mid + half);
        } else {
            let half = ux * plot_h / 2.0;
            let mid = (y0 + y1) / 2.0;
            (y0, y1) = (mid - half, mid + half);
        }
    }
    let grid = Grid {
        light: palette::GRID.mix(0.6),
        bold: palette::GRID.to_rgba(),
        max_light_lines: Some(1),
        ticks: Some(scene.ticks),
        decimals: true,
    };
    let axes = (scene.x_label, scene.y_label);
    let mut ctx = plane_chart(area, axes, ((x0, x1), (y0, y1)), 34.0, grid, theme, |_| Ok(()))?;

    // Clamp into the view: nothing is drawn outside the frame, and nothing non-finite at all.
    let keep = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite();
    let clamp = |(x, y): (f64, f64)| (x.clamp(x0, x1), y.clamp(y0, y1));
    let inside = |pts: &[(f64, f64)]| -> Vec<(f64, f64)> {
        pts.iter().filter(|p| keep(p)).copied().map(clamp).collect()
    };
    for mark in &scene.marks {
        match mark {
            Mark::Path { points, color, width, dashed } => {
                let stroke = color.stroke_width(theme.px(*width));
                let pts = inside(points);
                if *dashed {
                    ctx.draw_series(DashedLineSeries::new(
                        pts,
                        theme.px(5.0),
                        theme.px(4.0),
                        stroke,
                    ))
                    .map_err(err)?;
                } else {
                    ctx.draw_series(LineSeries::new(pts, stroke)).map_err(err)?;
                }
            }
            Mark::Polygon { points, color, fill, dashed } => {
                let pts = inside(points);
                if pts.len() < 3 {
                    continue;
                }
                if *fill > 0.0 {
                    ctx.draw_series(std::iter::once(Polygon::new(
                        pts.clone(),
                        color.mix(*fill).filled(),
                    )))
                    .map_err(err)?;
                }
                let mut outline = pts.clone();
                outline.push(pts[0]);
                let stroke = color.stroke_width(theme.px(1.5));
                if *dashed {
                    ctx.draw_series(DashedLineSeries::new(
                        outline,
                        theme.px(5.0),
                        theme.px(4.0),
                        stroke,
                    ))
                    .map_err(err)?;
                } else {
                    ctx.draw_series(LineSeries::new(outline, stroke)).map_err(err)?;
                }
            }
            Mark::Dots { points, color, radius } => {
                let r = theme.px(*radius);
                ctx.draw_series(
                    inside(points).into_iter().map(|p| Circle::new(p, r, color.filled())),
                )
                .map_err(err)?;
            }
            Mark::Rings { points, color, radius } => {
                let r = theme.px(*radius);
                let stroke = color.stroke_width(theme.px(2.0));
                ctx.draw_series(inside(points).into_iter().map(|p| Circle::new(p, r, stroke)))
                    .map_err(err)?;
            }
            Mark::Arrow { from, to, color, dashed } => {
                if !(keep(from) && keep(to)) {
                    continue;
                }
                let (a, b) = (ctx.backend_coord(&clamp(*from)), ctx.backend_coord(&clamp(*to)));
                arrow(ctx.plotting_area().strip_coord_spec(), a, b, *color, *dashed, theme)?;
            }
            Mark::Label { at, text, color } => {
                if !keep(at) {
                    continue;
                }
                let (px, py) = ctx.backend_coord(&clamp(*at));
                let pixels = ctx.plotting_area().strip_coord_spec();
                let (ox, oy) = pixels.get_base_pixel();
                let (w, _) = pixels.dim_in_pixel();
                let style = ("sans-serif", theme.font(11.0)).into_font().color(color);
                let width = pixels.estimate_text_size(text, &style).map_err(err)?.0 as i32;
                // Above and to the right of the point, or to its left where the frame ends.
                let gap = theme.px(7.0) as i32;
                let right = px - ox + gap + width <= w as i32;
                let (x, h) =
                    if right { (px - ox + gap, HPos::Left) } else { (px - ox - gap, HPos::Right) };
                let y = py - oy - gap / 2;
                // A pale box under the text keeps it readable over lines and grid.
                let height = theme.font(13.0) as i32;
                let left = if right { x } else { x - width };
                pixels
                    .draw(&Rectangle::new(
                        [(left - 2, y - height), (left + width + 2, y + 1)],
                        WHITE.mix(0.8).filled(),
                    ))
                    .map_err(err)?;
                let style = style.pos(Pos::new(h, VPos::Bottom));
                pixels.draw(&Text::new(text.to_string(), (x, y), style)).map_err(err)?;
            }
        }
    }
    let marks: Vec<(i32, i32)> = scene
        .marks
        .iter()
        .flat_map(|m| match m {
            Mark::Path { points, .. } | Mark::Polygon { points, .. } => {
                data_pixels(&ctx, points, true)
            }
            Mark::Dots { points, .. } | Mark::Rings { points, .. } => {
                data_pixels(&ctx, points, false)
            }
            Mark::Arrow { from, to, .. } => data_pixels(&ctx, &[*from, *to], true),
            Mark::Label { at, .. } => data_pixels(&ctx, &[*at], false),
        })
        .collect();
    legend_clear_of(&ctx, &scene.legend, scene.corner, &marks, theme)
}

/// An arrow between two device points of the plotting area (absolute pixels), with a filled
/// head whose size does not depend on the data scale.
fn arrow<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    from: (i32, i32),
    to: (i32, i32),
    color: RGBColor,
    dashed: bool,
    theme: &Theme,
) -> Result<(), PlotError> {
    let (ox, oy) = area.get_base_pixel();
    let (a, b) = ((from.0 - ox, from.1 - oy), (to.0 - ox, to.1 - oy));
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let length = dx.hypot(dy);
    if length < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / length, dy / length);
    let head = f64::from(theme.px(9.0)).min(length * 0.6);
    let base = (f64::from(b.0) - ux * head, f64::from(b.1) - uy * head);
    let side = head * 0.45;
    let corner = |s: f64| ((base.0 - uy * s) as i32, (base.1 + ux * s) as i32);
    let shaft_end = (base.0 as i32, base.1 as i32);
    let stroke = color.stroke_width(theme.px(2.0));
    if dashed {
        area.draw(&DashedPathElement::new(
            vec![a, shaft_end],
            theme.px(5.0),
            theme.px(3.0),
            stroke,
        ))
        .map_err(err)?;
    } else {
        area.draw(&PathElement::new(vec![a, shaft_end], stroke)).map_err(err)?;
    }
    area.draw(&Polygon::new(vec![b, corner(side), corner(-side)], color.filled())).map_err(err)?;
    Ok(())
}

/// A circle of `radius` around `centre` as a closed path of `segments` pieces.
pub(crate) fn circle_points(centre: (f64, f64), radius: f64, segments: usize) -> Vec<(f64, f64)> {
    (0..=segments)
        .map(|i| {
            let t = std::f64::consts::TAU * i as f64 / segments as f64;
            (centre.0 + radius * t.cos(), centre.1 + radius * t.sin())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::Swatch;

    pub(crate) fn svg_of(scene: &PlaneScene<'_>, size: (u32, u32)) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
            plane(&area, scene, &Theme::default()).unwrap();
            area.present().unwrap();
        }
        out
    }

    #[test]
    fn draws_every_kind_of_mark_and_never_nan() {
        let marks = vec![
            Mark::Path {
                points: circle_points((0.0, 0.0), 1.0, 64),
                color: palette::INK,
                width: 1.0,
                dashed: true,
            },
            Mark::Polygon {
                points: vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (f64::NAN, 1.0)],
                color: palette::BLUE,
                fill: 0.3,
                dashed: false,
            },
            Mark::Dots { points: vec![(0.5, 0.5), (40.0, 0.0)], color: palette::RED, radius: 3.0 },
            Mark::Rings { points: vec![(0.2, 0.2)], color: palette::GREEN, radius: 5.0 },
            Mark::Arrow { from: (0.0, 0.0), to: (1.0, 1.0), color: palette::ORANGE, dashed: true },
            Mark::Label { at: (0.1, -0.5), text: "unit circle", color: palette::INK },
        ];
        let legend = vec![LegendEntry { label: "ZOH", color: palette::BLUE, swatch: Swatch::Dot }];
        let scene = PlaneScene::new(("Re λ", "Im λ"), ((-1.5, 1.5), (-1.5, 1.5)), marks)
            .equal_scales()
            .with_legend(legend, Corner::UpperRight);
        assert!(scene.equal && scene.ticks == (6, 6));
        let svg = svg_of(&scene, (400, 300));
        for text in ["Re λ", "Im λ", "unit circle", "ZOH"] {
            assert!(svg.contains(text), "{text} missing");
        }
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        // The equal-scale view is wider than tall here, so x reaches beyond ±1.5.
        assert!(svg.contains("<polygon") || svg.contains("<path"));
    }

    #[test]
    fn views_fit_their_points() {
        let ((x0, x1), (y0, y1)) = fit_view([(0.0, 0.0), (2.0, 1.0), (f64::NAN, 9.0)], 0.1, 0.0);
        assert!(x0 < 0.0 && x1 > 2.0 && y0 < 0.0 && y1 > 1.0 && y1 < 1.2);
        let ((a, b), _) = fit_view([(1.0, 1.0)], 0.1, 0.5);
        assert_eq!((a, b), (0.5, 1.5));
        assert_eq!(fit_view([], 0.1, 0.5), ((-1.0, 1.0), (-1.0, 1.0)));
    }
}
