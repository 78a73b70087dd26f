//! The physical systems of `#/origins`, drawn from their simulated state: a mass on a spring with
//! a damper (position on a ruler in metres, the pushing force as an arrow), and a series RLC
//! circuit (charge on the capacitor plates, current as dots carried round the loop by the
//! charge that has flowed).

use crate::plot::chart::axes::{desc_font, font};
use crate::plot::{PlotError, Theme, err, palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The mass–spring–damper at one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct SpringScene<'a> {
    /// Position p(t) of the mass, m (0 is the spring's rest length).
    pub position: f64,
    /// The force x(t) pushing the mass, N (positive to the right).
    pub force: f64,
    /// The smallest and largest position of the whole run, so the picture does not jump.
    pub range: (f64, f64),
    /// The ruler's label, with its unit.
    pub axis: &'a str,
    /// Texts on the mass, the spring, the damper and the force arrow.
    pub labels: [&'a str; 4],
    /// The label of the rest position.
    pub rest: &'a str,
}

/// A finite value or 0.
fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

/// Draws the mass–spring–damper.
pub fn spring_picture<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &SpringScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    crate::plot::record(|| s.table());
    area.fill(&WHITE).map_err(err)?;
    let (lo, hi) = (finite(s.range.0).min(0.0), finite(s.range.1).max(0.0));
    let span = (hi - lo).max(0.4);
    let half = 0.12 * span;
    // The wall leaves the spring at least 0.9 span when the mass is furthest left.
    let wall = lo - half - 0.9 * span;
    let (x0, x1) = (wall - 0.05 * span, hi + half + 0.6 * span);
    let p = finite(s.position).clamp(lo, hi);
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(34.0))
        .build_cartesian_2d(x0..x1, 0.0..1.0)
        .map_err(err)?;
    let desc = desc_font(&ctx, s.axis, "", theme);
    ctx.configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_desc(s.axis)
        .label_style(font(theme, 11.0))
        .axis_desc_style(desc)
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .x_labels(8)
        .draw()
        .map_err(err)?;
    let ink = palette::INK.stroke_width(theme.px(2.0));
    let thin = palette::INK.stroke_width(theme.px(1.5));
    // Ground and wall.
    ctx.draw_series([
        PathElement::new(vec![(wall, 0.12), (x1, 0.12)], ink),
        PathElement::new(
            vec![(wall, 0.12), (wall, 0.95)],
            palette::INK.stroke_width(theme.px(4.0)),
        ),
    ])
    .map_err(err)?;
    // The rest position, labelled just above the ground.
    ctx.draw_series(DashedLineSeries::new(
        vec![(0.0, 0.12), (0.0, 0.95)],
        theme.px(5.0),
        theme.px(4.0),
        palette::MARK.stroke_width(theme.px(1.0)),
    ))
    .map_err(err)?;
    let small = |hpos, vpos| font(theme, 11.0).pos(Pos::new(hpos, vpos));
    ctx.draw_series([Text::new(
        s.rest.to_owned(),
        (0.02 * span, 0.14),
        small(HPos::Left, VPos::Bottom),
    )])
    .map_err(err)?;
    // The spring: a zigzag from the wall to the mass.
    let left = p - half;
    let coils = 12;
    let mut zig = vec![(wall, 0.68), (wall + 0.05 * span, 0.68)];
    let (z0, z1) = (wall + 0.05 * span, left - 0.05 * span);
    for i in 0..coils {
        let x = z0 + (z1 - z0) * (i as f64 + 0.5) / coils as f64;
        zig.push((x, if i % 2 == 0 { 0.75 } else { 0.61 }));
    }
    zig.extend([(z1, 0.68), (left, 0.68)]);
    ctx.draw_series([PathElement::new(zig, palette::GREEN.stroke_width(theme.px(2.0)))])
        .map_err(err)?;
    // The damper, drawn as engineers do: a cup on a rod from the wall and a piston on a rod
    // from the mass, the symbol sitting halfway so that it stretches with the gap.
    let middle = (wall + left) / 2.0;
    let cup = 0.18 * span;
    let (c0, c1) = (middle - cup / 2.0, middle + cup / 2.0);
    let purple = palette::PURPLE.stroke_width(theme.px(2.0));
    ctx.draw_series([
        PathElement::new(vec![(wall, 0.34), (c0, 0.34)], purple),
        PathElement::new(vec![(c1, 0.42), (c0, 0.42), (c0, 0.26), (c1, 0.26)], purple),
        PathElement::new(
            vec![(middle, 0.40), (middle, 0.28)],
            palette::PURPLE.stroke_width(theme.px(3.0)),
        ),
        PathElement::new(vec![(middle, 0.34), (left, 0.34)], purple),
    ])
    .map_err(err)?;
    // The mass.
    ctx.draw_series([Rectangle::new(
        [(left, 0.2), (p + half, 0.82)],
        palette::BLUE.mix(0.85).filled(),
    )])
    .map_err(err)?;
    ctx.draw_series([Rectangle::new([(left, 0.2), (p + half, 0.82)], thin)]).map_err(err)?;
    let white = ("sans-serif", theme.font(12.0)).into_font().color(&WHITE);
    ctx.draw_series([
        Text::new(
            s.labels[0].to_owned(),
            (p, 0.51),
            white.pos(Pos::new(HPos::Center, VPos::Center)),
        ),
        Text::new(
            s.labels[1].to_owned(),
            ((z0 + z1) / 2.0, 0.78),
            small(HPos::Center, VPos::Bottom),
        ),
        Text::new(s.labels[2].to_owned(), ((c0 + c1) / 2.0, 0.24), small(HPos::Center, VPos::Top)),
    ])
    .map_err(err)?;
    // The force: an arrow from the mass's right side, its length set by x(t) (1 N ≈ 0.45 span).
    let force = finite(s.force).clamp(-2.0, 2.0);
    let start = p + half;
    let tip = start + force * 0.45 * span;
    if force.abs() > 1e-9 {
        let red = palette::RED.stroke_width(theme.px(3.0));
        let head = 0.05 * span * force.signum();
        ctx.draw_series([
            PathElement::new(vec![(start, 0.51), (tip, 0.51)], red),
            PathElement::new(vec![(tip - head, 0.58), (tip, 0.51), (tip - head, 0.44)], red),
        ])
        .map_err(err)?;
    }
    ctx.draw_series([Text::new(
        s.labels[3].to_owned(),
        (start + 0.02 * span, 0.9),
        small(HPos::Left, VPos::Bottom),
    )])
    .map_err(err)?;
    Ok(())
}

/// The series RLC circuit at one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct CircuitScene<'a> {
    /// Charge q(t) on the capacitor, C.
    pub charge: f64,
    /// Current i(t) round the loop, A (positive clockwise).
    pub current: f64,
    /// Source voltage x(t), V.
    pub source: f64,
    /// The largest |q| and |i| of the whole run (to size the marks).
    pub scale: (f64, f64),
    /// Texts by the source, the resistor, the inductor and the capacitor.
    pub labels: [&'a str; 4],
    /// The current's label.
    pub current_label: &'a str,
}

/// The loop's corners in the unit square, clockwise from the bottom left.
const LOOP: [(f64, f64); 5] = [(0.1, 0.14), (0.1, 0.86), (0.9, 0.86), (0.9, 0.14), (0.1, 0.14)];

/// The lengths of the loop's four sides.
fn sides() -> [f64; 4] {
    let side = |i: usize| (LOOP[i + 1].0 - LOOP[i].0).abs() + (LOOP[i + 1].1 - LOOP[i].1).abs();
    [side(0), side(1), side(2), side(3)]
}

/// The length of the loop.
fn loop_length() -> f64 {
    sides().iter().sum()
}

/// The point at arc length `s` (wrapped) along the loop.
fn along_loop(s: f64) -> (f64, f64) {
    let lens = sides();
    let mut s = s.rem_euclid(loop_length());
    for (w, len) in LOOP.windows(2).zip(&lens) {
        if s <= *len {
            let f = s / len;
            return (w[0].0 + f * (w[1].0 - w[0].0), w[0].1 + f * (w[1].1 - w[0].1));
        }
        s -= len;
    }
    LOOP[0]
}

/// Draws the circuit.
pub fn circuit_picture<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &CircuitScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    crate::plot::record(|| s.table());
    area.fill(&WHITE).map_err(err)?;
    let text =
        |t: &str, at, h, v| Text::new(t.to_owned(), at, font(theme, 12.0).pos(Pos::new(h, v)));
    let mut ctx = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)
        .map_err(err)?;
    let wire = palette::INK.stroke_width(theme.px(2.0));
    // Component boxes (x range, y range) where the plain wire is replaced by the component.
    let source = ((0.04, 0.16), (0.42, 0.58));
    let resistor = ((0.22, 0.42), (0.8, 0.92));
    let inductor = ((0.55, 0.78), (0.8, 0.92));
    let capacitor = ((0.82, 0.98), (0.47, 0.53));
    let in_box = |p: (f64, f64), b: ((f64, f64), (f64, f64))| {
        (b.0.0..=b.0.1).contains(&p.0) && (b.1.0..=b.1.1).contains(&p.1)
    };
    // The wire, sampled finely and broken where a component sits.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for i in 0..=600 {
        let p = along_loop(i as f64 * loop_length() / 600.0);
        if [source, resistor, inductor, capacitor].iter().any(|b| in_box(p, *b)) {
            if runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(Vec::new());
            }
        } else if let Some(run) = runs.last_mut() {
            run.push(p);
        }
    }
    ctx.draw_series(runs.into_iter().filter(|r| r.len() > 1).map(|r| PathElement::new(r, wire)))
        .map_err(err)?;
    // Source: a circle with its polarity.
    ctx.draw_series([Circle::new((0.1, 0.5), theme.px(16.0), wire)]).map_err(err)?;
    ctx.draw_series([
        text("+", (0.1, 0.53), HPos::Center, VPos::Center),
        text("−", (0.1, 0.47), HPos::Center, VPos::Center),
        text(s.labels[0], (0.17, 0.5), HPos::Left, VPos::Center),
    ])
    .map_err(err)?;
    // Resistor: a zigzag on the top wire.
    let mut zig = vec![(0.22, 0.86)];
    for i in 0..8 {
        zig.push((0.235 + 0.02 * i as f64, if i % 2 == 0 { 0.9 } else { 0.82 }));
    }
    zig.extend([(0.405, 0.86), (0.42, 0.86)]);
    ctx.draw_series([PathElement::new(zig, palette::RED.stroke_width(theme.px(2.0)))])
        .map_err(err)?;
    // Inductor: four loops.
    let coil: Vec<(f64, f64)> = (0..=120)
        .map(|i| {
            let u = i as f64 / 120.0;
            let phase = u * 4.0 * std::f64::consts::PI;
            (0.55 + 0.23 * u, 0.86 + 0.045 * phase.sin().abs())
        })
        .collect();
    ctx.draw_series([PathElement::new(coil, palette::PURPLE.stroke_width(theme.px(2.0)))])
        .map_err(err)?;
    // Capacitor: two plates across the right wire.
    let plate = palette::INK.stroke_width(theme.px(3.0));
    ctx.draw_series([
        PathElement::new(vec![(0.84, 0.53), (0.96, 0.53)], plate),
        PathElement::new(vec![(0.84, 0.47), (0.96, 0.47)], plate),
    ])
    .map_err(err)?;
    ctx.draw_series([
        text(s.labels[1], (0.32, 0.95), HPos::Center, VPos::Bottom),
        text(s.labels[2], (0.665, 0.95), HPos::Center, VPos::Bottom),
        text(s.labels[3], (0.8, 0.5), HPos::Right, VPos::Center),
    ])
    .map_err(err)?;
    // Charge on the plates: up to five signs each, top plate + for q > 0.
    let (q_scale, i_scale) = (s.scale.0.max(1e-9), s.scale.1.max(1e-9));
    let q = finite(s.charge);
    let marks = ((q.abs() / q_scale) * 5.0).round().clamp(0.0, 5.0) as usize;
    let (top, bottom) = if q >= 0.0 { ("+", "−") } else { ("−", "+") };
    let centred = Pos::new(HPos::Center, VPos::Center);
    let (plus_font, minus_font) = (
        font(theme, 13.0).color(&palette::RED).pos(centred),
        font(theme, 13.0).color(&palette::BLUE).pos(centred),
    );
    for k in 0..marks {
        let x = 0.85 + 0.025 * k as f64;
        ctx.draw_series([
            Text::new(top, (x, 0.565), plus_font.clone()),
            Text::new(bottom, (x, 0.435), minus_font.clone()),
        ])
        .map_err(err)?;
    }
    // Dots carried round the loop: their displacement is the charge that has flowed.
    let spacing = 0.073;
    let shift = q / q_scale * 2.5 * spacing;
    let dot = palette::ORANGE.filled();
    let boxes = [source, resistor, inductor, capacitor];
    ctx.draw_series((0..40).filter_map(|k| {
        let p = along_loop(k as f64 * spacing + shift);
        (!boxes.iter().any(|b| in_box(p, *b))).then(|| Circle::new(p, theme.px(3.0), dot))
    }))
    .map_err(err)?;
    // The current: an arrow under the bottom wire, its length set by |i|.
    let i = finite(s.current);
    let len = (i.abs() / i_scale).clamp(0.0, 1.0) * 0.3;
    // Clockwise means right to left along the bottom wire.
    let dir = -i.signum();
    if len > 1e-3 {
        let (x_from, x_to) = (0.5 - dir * len / 2.0, 0.5 + dir * len / 2.0);
        let red = palette::RED.stroke_width(theme.px(2.5));
        ctx.draw_series([
            PathElement::new(vec![(x_from, 0.07), (x_to, 0.07)], red),
            PathElement::new(
                vec![(x_to - dir * 0.02, 0.1), (x_to, 0.07), (x_to - dir * 0.02, 0.04)],
                red,
            ),
        ])
        .map_err(err)?;
    }
    ctx.draw_series([text(s.current_label, (0.5 + 0.17, 0.07), HPos::Left, VPos::Center)])
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::svg_test::render_svg;

    #[test]
    fn the_mass_moves_with_its_position_and_never_draws_nan() {
        let scene = |p: f64| SpringScene {
            position: p,
            force: 0.8,
            range: (-0.5, 1.2),
            axis: "position p (m)",
            labels: ["m = 1 kg", "k", "c", "x(t) = 0.8 N"],
            rest: "rest",
        };
        let draw =
            |p: f64| render_svg((500, 200), |a| spring_picture(a, &scene(p), &Theme::default()));
        let (a, b) = (draw(0.1), draw(0.9));
        assert!(a.contains("position p (m)") && a.contains("m = 1 kg") && a.contains("rest"));
        assert_ne!(a, b);
        let nan = draw(f64::NAN);
        assert!(!nan.contains("NaN"));
    }

    #[test]
    fn the_circuit_shows_charge_and_current() {
        let scene = |q: f64, i: f64| CircuitScene {
            charge: q,
            current: i,
            source: 1.0,
            scale: (1.0, 0.5),
            labels: ["x(t) = 1 V", "R = 0.2 Ω", "L = 1 H", "C = 1 F"],
            current_label: "i = 0.3 A",
        };
        let draw =
            |q, i| render_svg((500, 200), |a| circuit_picture(a, &scene(q, i), &Theme::default()));
        let (a, b) = (draw(0.8, 0.3), draw(-0.2, -0.1));
        for label in ["R = 0.2 Ω", "L = 1 H", "C = 1 F", "i = 0.3 A", "+", "−"] {
            assert!(a.contains(label), "missing {label}");
        }
        assert_ne!(a, b);
        assert!((along_loop(0.0).0 - 0.1).abs() < 1e-12);
        let (p, q) = (along_loop(loop_length() + 0.7), along_loop(0.7));
        assert!((p.0 - q.0).abs() < 1e-12 && (p.1 - q.1).abs() < 1e-12);
    }
}
