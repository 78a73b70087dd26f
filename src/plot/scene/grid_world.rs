//! The grid world of lesson 1: cells, the goal, the agent, its trail, and the straight line
//! whose length is the distance element of the state vector.

use crate::plot::{PlotError, Theme, err, palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct GridScene {
    /// Cells per side.
    pub size: u32,
    /// Goal cell.
    pub goal: (u32, u32),
    /// Agent cell.
    pub agent: (u32, u32),
    /// Cells visited before, oldest first.
    pub trail: Vec<(u32, u32)>,
    /// Caption under the grid, e.g. "goal".
    pub goal_label: String,
}

/// The margin around the grid, as a fraction of the figure's side.
const MARGIN: f64 = 0.06;

/// The cell under a point given as fractions (0..1) of a square figure's width and height.
pub fn grid_cell_at(size: u32, (fx, fy): (f64, f64)) -> Option<(u32, u32)> {
    let inner = |f: f64| (f - MARGIN) / (1.0 - 2.0 * MARGIN);
    let (u, v) = (inner(fx), 1.0 - inner(fy));
    let n = f64::from(size);
    ((0.0..1.0).contains(&u) && (0.0..1.0).contains(&v)).then_some(((u * n) as u32, (v * n) as u32))
}

/// Draws the grid with y growing upwards; the grid is square and centred.
pub fn grid_world<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &GridScene,
    theme: &Theme,
) -> Result<(), PlotError> {
    crate::plot::record(|| scene.table());
    area.fill(&WHITE).map_err(err)?;
    let n = f64::from(scene.size);
    let (w, h) = area.dim_in_pixel();
    let full = f64::from(w.min(h));
    let side = (full * (1.0 - 2.0 * MARGIN)) as i32;
    let (ox, oy) = ((w as i32 - side) / 2, (h as i32 - side) / 2);
    let cell = f64::from(side) / n;
    // Pixel of the centre of cell (x, y), y upwards.
    let centre = |(x, y): (u32, u32)| {
        (
            ox + ((f64::from(x) + 0.5) * cell) as i32,
            oy + side - ((f64::from(y) + 0.5) * cell) as i32,
        )
    };
    for i in 0..=scene.size {
        let p = (f64::from(i) * cell) as i32;
        let line = palette::GRID.stroke_width(theme.px(1.0));
        area.draw(&PathElement::new(vec![(ox + p, oy), (ox + p, oy + side)], line)).map_err(err)?;
        area.draw(&PathElement::new(vec![(ox, oy + p), (ox + side, oy + p)], line)).map_err(err)?;
    }
    coordinates(area, scene.size, (ox, oy), side, theme)?;
    let half = (cell * 0.38) as i32;
    let (gx, gy) = centre(scene.goal);
    area.draw(&Rectangle::new(
        [(gx - half, gy - half), (gx + half, gy + half)],
        palette::GREEN.mix(0.35).filled(),
    ))
    .map_err(err)?;
    let font = ("sans-serif", theme.font(11.0)).into_font().color(&palette::INK);
    area.draw(&Text::new(
        scene.goal_label.clone(),
        (gx - half, gy + half + theme.px(2.0) as i32),
        font,
    ))
    .map_err(err)?;
    let trail: Vec<(i32, i32)> =
        scene.trail.iter().copied().chain([scene.agent]).map(centre).collect();
    area.draw(&PathElement::new(trail, palette::SKY.stroke_width(theme.px(2.0)))).map_err(err)?;
    let (ax, ay) = centre(scene.agent);
    area.draw(&PathElement::new(
        vec![(ax, ay), (gx, gy)],
        palette::ORANGE.stroke_width(theme.px(2.0)),
    ))
    .map_err(err)?;
    area.draw(&Circle::new((ax, ay), half, palette::BLUE.filled())).map_err(err)?;
    Ok(())
}

/// The cells' coordinates in the margin: x = 0, 1, … under the columns and y = 0, 1, … left of
/// the rows (y upwards, as in the state vector), with the axis names at the far corners.
fn coordinates<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    size: u32,
    (ox, oy): (i32, i32),
    side: i32,
    theme: &Theme,
) -> Result<(), PlotError> {
    let cell = f64::from(side) / f64::from(size);
    let gap = theme.px(4.0) as i32;
    let font = |h, v| {
        ("sans-serif", theme.font(11.0)).into_font().color(&palette::INK).pos(Pos::new(h, v))
    };
    let mid = |i: u32| ((f64::from(i) + 0.5) * cell) as i32;
    for i in 0..size {
        let under = (ox + mid(i), oy + side + gap);
        area.draw(&Text::new(i.to_string(), under, font(HPos::Center, VPos::Top))).map_err(err)?;
        let left = (ox - gap, oy + side - mid(i));
        area.draw(&Text::new(i.to_string(), left, font(HPos::Right, VPos::Center))).map_err(err)?;
    }
    let x_name = (ox + side + gap, oy + side + gap);
    area.draw(&Text::new("x", x_name, font(HPos::Left, VPos::Top))).map_err(err)?;
    area.draw(&Text::new("y", (ox - gap, oy - gap), font(HPos::Right, VPos::Bottom)))
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_the_agent_and_moves_with_it() {
        let draw = |agent| {
            let mut svg = String::new();
            {
                let area = SVGBackend::with_string(&mut svg, (300, 300)).into_drawing_area();
                let scene = GridScene {
                    size: 6,
                    goal: (5, 5),
                    agent,
                    trail: vec![(0, 0)],
                    goal_label: "goal".into(),
                };
                grid_world(&area, &scene, &Theme::default()).unwrap();
                area.present().unwrap();
            }
            svg
        };
        let (a, b) = (draw((1, 0)), draw((2, 3)));
        assert!(a.contains("<circle") && a.contains("goal"));
        assert_ne!(a, b);
    }

    #[test]
    fn clicks_map_to_cells_with_y_upwards() {
        assert_eq!(grid_cell_at(8, (0.07, 0.93)), Some((0, 0)));
        assert_eq!(grid_cell_at(8, (0.93, 0.07)), Some((7, 7)));
        assert_eq!(grid_cell_at(8, (0.5, 0.5)), Some((4, 4)));
        assert_eq!(grid_cell_at(8, (0.01, 0.5)), None);
    }
}
