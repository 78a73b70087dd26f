//! The phase plane of a 2-state system (lessons `#/continuous` and `#/origins`): the vector field
//! h' = A h + B x as small grey arrows, the trajectory (the part travelled so far in bold), the
//! current state with its rate arrow, a hovered state, the equilibrium, and a forward-Euler path
//! drawn as the chain of arrows it follows. Everything is clipped to the view in data space
//! first, so a diverging trajectory never reaches the backend as a huge or non-finite pixel.

use crate::plot::chart::plane::{Grid, plane_chart};
use crate::plot::{
    Corner, LegendEntry, PlotError, Theme, data_pixels, err, finite_range, legend_clear_of, palette,
};
use plotters::coord::Shift;
use plotters::prelude::*;

/// A rectangle of the plane: (h₁ range, h₂ range).
pub type View = ((f64, f64), (f64, f64));

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct PhaseScene<'a> {
    /// Axis labels (h₁, h₂) with units.
    pub axes: (&'a str, &'a str),
    /// The visible rectangle.
    pub view: View,
    /// Arrows of the field: (point, rate). Drawn with lengths scaled to the grid.
    pub field: Vec<((f64, f64), (f64, f64))>,
    /// The whole trajectory (drawn faint).
    pub path: Vec<(f64, f64)>,
    /// How many points of `path` have been travelled (drawn bold).
    pub travelled: usize,
    /// The current state, if shown.
    pub now: Option<(f64, f64)>,
    /// An arrow from a point by a displacement, in data units (the rate times a time span).
    pub arrow: Option<((f64, f64), (f64, f64))>,
    /// A hovered state (hollow ring).
    pub ghost: Option<(f64, f64)>,
    /// The equilibrium for the current input (a small diamond).
    pub equilibrium: Option<(f64, f64)>,
    /// Forward-Euler points, joined by arrows (purple).
    pub steps: Vec<(f64, f64)>,
    /// Legend entries (empty for none).
    pub legend: Vec<LegendEntry<'a>>,
}

/// A view containing `points` (non-finite ones skipped), at least ±`min_half` around the origin,
/// and never beyond ±`limit`: the growth of a diverging system leaves the view.
pub fn phase_view(
    points: impl Iterator<Item = (f64, f64)> + Clone,
    min_half: f64,
    limit: f64,
) -> View {
    let range = |vs: Vec<f64>| {
        let (lo, hi) =
            finite_range(vs.into_iter().chain([-min_half, min_half]), Some((-limit, limit)));
        (lo.max(-limit), hi.min(limit))
    };
    (range(points.clone().map(|p| p.0).collect()), range(points.map(|p| p.1).collect()))
}

/// The part of the segment p→q inside `view` (Liang–Barsky), or `None` if it misses the view
/// or has a non-finite end.
pub fn clip_segment(view: View, p: (f64, f64), q: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    if ![p.0, p.1, q.0, q.1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let ((x0, x1), (y0, y1)) = view;
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (den, num) in [(-dx, p.0 - x0), (dx, x1 - p.0), (-dy, p.1 - y0), (dy, y1 - p.1)] {
        if den == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let r = num / den;
            if den < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some(((p.0 + t0 * dx, p.1 + t0 * dy), (p.0 + t1 * dx, p.1 + t1 * dy)))
}

fn inside(view: View, p: (f64, f64)) -> bool {
    let ((x0, x1), (y0, y1)) = view;
    (x0..=x1).contains(&p.0) && (y0..=y1).contains(&p.1)
}

/// The pieces of a polyline inside the view, each a run of connected points.
fn clip_polyline(view: View, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for pair in points.windows(2) {
        match clip_segment(view, pair[0], pair[1]) {
            Some((a, b)) => {
                if current.last() != Some(&a) {
                    if current.len() > 1 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current = vec![a];
                }
                current.push(b);
                if b != pair[1] {
                    pieces.push(std::mem::take(&mut current));
                }
            }
            None => {
                if current.len() > 1 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    pieces
}

/// Draws the scene.
pub fn phase_portrait<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &PhaseScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let view = s.view;
    let ((x0, x1), (y0, y1)) = view;
    let grid = Grid {
        light: TRANSPARENT,
        bold: palette::GRID.to_rgba(),
        max_light_lines: None,
        ticks: Some((6, 6)),
        decimals: true,
    };
    let ctx = plane_chart(area, s.axes, view, 34.0, grid, theme, |_| Ok(()))?;
    // Pixel positions relative to `area`, for arrow heads drawn in pixel space.
    let base = area.get_base_pixel();
    let px = |p: (f64, f64)| {
        let (x, y) = ctx.backend_coord(&p);
        (x - base.0, y - base.1)
    };

    // The field: arrows scaled so that the fastest spans most of a grid cell.
    if !s.field.is_empty() {
        let cells = (s.field.len() as f64).sqrt().max(1.0);
        let (w, h) = (px((x1, y0)).0 - px((x0, y0)).0, px((x0, y0)).1 - px((x0, y1)).1);
        let cell = f64::from(w.min(h)) / cells;
        let (sx, sy) = (f64::from(w) / (x1 - x0), f64::from(h) / (y1 - y0));
        let pixel_rate = |r: (f64, f64)| (r.0 * sx, -r.1 * sy);
        let fastest = s
            .field
            .iter()
            .map(|(_, r)| {
                let v = pixel_rate(*r);
                v.0.hypot(v.1)
            })
            .filter(|m| m.is_finite())
            .fold(0.0, f64::max);
        let style = palette::MARK.mix(0.45).stroke_width(theme.px(1.0));
        for &(at, r) in &s.field {
            let v = pixel_rate(r);
            let m = v.0.hypot(v.1);
            if !(m.is_finite() && m > 0.0 && fastest > 0.0) {
                continue;
            }
            // Length grows like the square root of the speed, so slow regions stay visible.
            let len = cell * 0.85 * (m / fastest).sqrt();
            let from = px(at);
            let from =
                (f64::from(from.0) - v.0 / m * len / 2.0, f64::from(from.1) - v.1 / m * len / 2.0);
            let to = (from.0 + v.0 / m * len, from.1 + v.1 / m * len);
            arrow(area, from, to, style, f64::from(theme.px(4.0)), Head::Open)?;
        }
    }

    // The trajectory: faint in full, bold as far as travelled.
    let travelled = s.travelled.min(s.path.len());
    let faint = palette::GREEN.mix(0.3).stroke_width(theme.px(1.5));
    let bold = palette::GREEN.stroke_width(theme.px(2.5));
    for (points, style) in [(&s.path[..], faint), (&s.path[..travelled], bold)] {
        for piece in clip_polyline(view, points) {
            area.draw(&PathElement::new(piece.into_iter().map(px).collect::<Vec<_>>(), style))
                .map_err(err)?;
        }
    }

    // Euler: each step an arrow from h_k to h_{k+1}, and the points.
    let euler = palette::PURPLE.stroke_width(theme.px(2.0));
    for pair in s.steps.windows(2) {
        if let Some((a, b)) = clip_segment(view, pair[0], pair[1]) {
            let (a, b) = (px(a), px(b));
            let head = if inside(view, pair[1]) { f64::from(theme.px(9.0)) } else { 0.0 };
            arrow(area, to_f(a), to_f(b), euler, head, Head::Filled)?;
        }
    }
    for &p in s.steps.iter().filter(|p| inside(view, **p)) {
        area.draw(&Circle::new(px(p), theme.px(2.5), palette::PURPLE.filled())).map_err(err)?;
    }

    if let Some(e) = s.equilibrium.filter(|e| inside(view, *e)) {
        let (x, y) = px(e);
        let r = theme.px(5.0) as i32;
        area.draw(&Polygon::new(
            vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
            palette::INK.mix(0.75).filled(),
        ))
        .map_err(err)?;
    }
    if let Some(g) = s.ghost.filter(|g| inside(view, *g)) {
        area.draw(&Circle::new(px(g), theme.px(6.0), palette::MARK.stroke_width(theme.px(2.0))))
            .map_err(err)?;
    }
    if let Some((a, b)) =
        s.arrow.and_then(|(from, by)| clip_segment(view, from, (from.0 + by.0, from.1 + by.1)))
    {
        let head = f64::from(theme.px(9.0));
        let red = palette::RED.stroke_width(theme.px(3.0));
        arrow(area, to_f(px(a)), to_f(px(b)), red, head, Head::Filled)?;
    }
    if let Some(now) = s.now.filter(|n| inside(view, *n)) {
        area.draw(&Circle::new(px(now), theme.px(6.0), palette::BLUE.filled())).map_err(err)?;
        area.draw(&Circle::new(px(now), theme.px(6.0), WHITE.stroke_width(theme.px(1.5))))
            .map_err(err)?;
    }
    // The legend takes the corner where it hides the least of what is drawn (a spiral that
    // grows into the upper left pushes it elsewhere).
    let inside_view = |pts: &[(f64, f64)]| -> Vec<(f64, f64)> {
        pts.iter().copied().filter(|p| inside(view, *p)).collect()
    };
    let mut marks = data_pixels(&ctx, &inside_view(&s.path), true);
    marks.extend(data_pixels(&ctx, &inside_view(&s.steps), true));
    let singles = [s.now, s.equilibrium, s.arrow.map(|(f, by)| (f.0 + by.0, f.1 + by.1))];
    marks.extend(data_pixels(
        &ctx,
        &inside_view(&singles.into_iter().flatten().collect::<Vec<_>>()),
        false,
    ));
    legend_clear_of(&ctx, &s.legend, Corner::UpperLeft, &marks, theme)
}

fn to_f(p: (i32, i32)) -> (f64, f64) {
    (f64::from(p.0), f64::from(p.1))
}

/// How an arrow's head is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Head {
    /// A filled triangle (the arrows the learner should follow).
    Filled,
    /// Two strokes in the same path as the shaft (the many arrows of the field: one draw call
    /// each keeps a redraw within a frame).
    Open,
}

/// A line from `from` to `to` (pixels) with a head of `size` pixels (none if 0).
fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: (f64, f64),
    to: (f64, f64),
    style: ShapeStyle,
    size: f64,
    head: Head,
) -> Result<(), PlotError> {
    let pt = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = dx.hypot(dy);
    let size = size.min(len * 0.6);
    let (ux, uy) = if len > 0.0 { (dx / len, dy / len) } else { (0.0, 0.0) };
    let wing = |sign: f64| {
        pt((to.0 - size * ux + sign * size * 0.45 * uy, to.1 - size * uy - sign * size * 0.45 * ux))
    };
    let headless = size <= 0.0 || len < 1.0;
    let shaft = if head == Head::Open && !headless {
        vec![pt(from), pt(to), wing(1.0), pt(to), wing(-1.0)]
    } else {
        vec![pt(from), pt(to)]
    };
    area.draw(&PathElement::new(shaft, style)).map_err(err)?;
    if head == Head::Filled && !headless {
        area.draw(&Polygon::new(vec![pt(to), wing(1.0), wing(-1.0)], style.color.filled()))
            .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::Swatch;
    use crate::plot::svg_test::render_svg;

    fn svg(scene: &PhaseScene<'_>) -> String {
        render_svg((400, 360), |area| phase_portrait(area, scene, &Theme::default()))
    }

    fn scene(path: Vec<(f64, f64)>) -> PhaseScene<'static> {
        let view = phase_view(path.iter().copied(), 1.0, 20.0);
        PhaseScene {
            axes: ("state h1 (arbitrary units)", "state h2 (arbitrary units)"),
            view,
            field: vec![((0.5, 0.5), (1.0, -1.0)), ((-0.5, 0.5), (0.0, 0.0))],
            travelled: path.len() / 2,
            now: path.get(path.len() / 2).copied(),
            arrow: path.get(path.len() / 2).map(|&p| (p, (0.3, 0.2))),
            path,
            equilibrium: Some((0.0, 0.0)),
            steps: vec![(0.0, 0.0), (0.2, 0.4), (0.5, 0.6)],
            legend: vec![LegendEntry {
                label: "trajectory",
                color: palette::GREEN,
                swatch: Swatch::Line,
            }],
            ..PhaseScene::default()
        }
    }

    #[test]
    fn draws_labels_and_changes_with_the_path() {
        let spiral = |k: f64| -> Vec<(f64, f64)> {
            (0..200)
                .map(|i| {
                    let t = i as f64 * 0.05;
                    ((-0.2 * t).exp() * (k * t).cos(), (-0.2 * t).exp() * (k * t).sin())
                })
                .collect()
        };
        let (a, b) = (svg(&scene(spiral(2.0))), svg(&scene(spiral(3.0))));
        assert!(a.contains("state h1 (arbitrary units)") && a.contains("trajectory"));
        assert!(a.contains("<polygon"), "arrow heads and the equilibrium are polygons");
        assert_ne!(a, b);
    }

    #[test]
    fn a_diverging_path_is_clipped_and_never_draws_nan() {
        let path: Vec<(f64, f64)> =
            (0..300).map(|i| ((0.1 * i as f64).exp(), -(0.12 * i as f64).exp())).collect();
        let mut s = scene(path);
        s.path.push((f64::NAN, f64::INFINITY));
        let view = s.view;
        assert!(view.0.1 <= 20.0 + 1e-9 && view.1.0 >= -20.0 - 1e-9);
        let out = svg(&s);
        assert!(!out.contains("NaN") && !out.contains("inf"));
    }

    #[test]
    fn segments_are_clipped_to_the_view() {
        let view = ((0.0, 1.0), (0.0, 1.0));
        assert_eq!(clip_segment(view, (0.5, 0.5), (2.0, 0.5)), Some(((0.5, 0.5), (1.0, 0.5))));
        assert_eq!(clip_segment(view, (-1.0, 2.0), (2.0, 2.0)), None);
        assert_eq!(clip_segment(view, (0.0, f64::NAN), (1.0, 1.0)), None);
        let pieces = clip_polyline(view, &[(0.5, 0.5), (2.0, 0.5), (2.0, 0.8), (0.5, 0.8)]);
        assert_eq!(pieces.len(), 2);
    }
}
