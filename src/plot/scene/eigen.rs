//! The eigenvalues of A in the complex plane, for `#/continuous` and `#/origins`: the left half
//! plane (Re λ < 0, every mode decays) shaded as the stability region, the right half as the
//! region where a mode grows, and each eigenvalue marked and labelled.

use crate::plot::chart::axes::font;
use crate::plot::chart::plane::{Grid, PlaneArea, plane_chart};
use crate::plot::{PlotError, Theme, err, palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct EigenScene<'a> {
    /// The eigenvalues as (Re λ, Im λ); non-finite ones are skipped.
    pub eigenvalues: Vec<(f64, f64)>,
    /// One label per eigenvalue, e.g. "λ₁ = −0.3 + 2i".
    pub labels: Vec<String>,
    /// Axis labels (real part, imaginary part) with units.
    pub axes: (&'a str, &'a str),
    /// The names of the two half planes: (stable, unstable).
    pub regions: (&'a str, &'a str),
}

/// The half-width of the view: the eigenvalues with room to spare, at least `min_half`.
fn half_width(values: impl Iterator<Item = f64>, min_half: f64) -> f64 {
    values.filter(|v| v.is_finite()).map(f64::abs).fold(min_half, |m, v| m.max(v * 1.35))
}

/// Draws the plane.
pub fn eigen_plane<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &EigenScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let finite: Vec<(usize, (f64, f64))> = s
        .eigenvalues
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, (re, im))| re.is_finite() && im.is_finite())
        .collect();
    let rx = half_width(finite.iter().map(|(_, p)| p.0), 1.5);
    let ry = half_width(finite.iter().map(|(_, p)| p.1), 1.5);
    let grid = Grid {
        light: TRANSPARENT,
        bold: palette::GRID.mix(0.6),
        max_light_lines: None,
        ticks: Some((7, 5)),
        decimals: false,
    };
    // The stable half plane green, the unstable one red, under the grid.
    let regions = |plot: &PlaneArea<DB>| {
        plot.draw(&Rectangle::new([(-rx, -ry), (0.0, ry)], palette::GREEN.mix(0.12).filled()))
            .map_err(err)?;
        plot.draw(&Rectangle::new([(0.0, -ry), (rx, ry)], palette::RED.mix(0.08).filled()))
            .map_err(err)
    };
    let mut ctx = plane_chart(area, s.axes, ((-rx, rx), (-ry, ry)), 34.0, grid, theme, regions)?;
    let axis = palette::MARK.stroke_width(theme.px(1.5));
    ctx.draw_series([
        PathElement::new(vec![(0.0, -ry), (0.0, ry)], axis),
        PathElement::new(vec![(-rx, 0.0), (rx, 0.0)], palette::MARK.stroke_width(theme.px(1.0))),
    ])
    .map_err(err)?;
    let corner = |hpos| font(theme, 12.0).pos(Pos::new(hpos, VPos::Top));
    let pad = 0.04;
    ctx.draw_series([
        Text::new(
            s.regions.0.to_owned(),
            (-rx * (1.0 - pad), ry * (1.0 - pad)),
            corner(HPos::Left),
        ),
        Text::new(
            s.regions.1.to_owned(),
            (rx * (1.0 - pad), ry * (1.0 - pad)),
            corner(HPos::Right),
        ),
    ])
    .map_err(err)?;
    let size = theme.px(7.0);
    let mark = palette::BLUE.stroke_width(theme.px(3.0));
    for &(i, p) in &finite {
        ctx.draw_series([Cross::new(p, size, mark)]).map_err(err)?;
        if let Some(label) = s.labels.get(i) {
            // The label goes beside the mark, on the side away from the imaginary axis when it
            // fits there (so it never crosses the axis), above or below by the sign of Im λ so
            // that a conjugate pair never overlaps.
            let style = font(theme, 12.0);
            let width =
                f64::from(ctx.plotting_area().estimate_text_size(label, &style).map_err(err)?.0);
            let units = width / (f64::from(ctx.plotting_area().dim_in_pixel().0) / (2.0 * rx));
            let gap = rx * 0.05;
            let fits_left = p.0 - gap - units > -rx;
            let fits_right = p.0 + gap + units < rx;
            let left = if p.0 <= 0.0 { fits_left || !fits_right } else { fits_left && !fits_right };
            let (h, dx) = if left { (HPos::Right, -gap) } else { (HPos::Left, gap) };
            let (v, dy) =
                if p.1 < 0.0 { (VPos::Top, -ry * 0.06) } else { (VPos::Bottom, ry * 0.06) };
            ctx.draw_series([Text::new(
                label.clone(),
                (p.0 + dx, p.1 + dy),
                style.pos(Pos::new(h, v)),
            )])
            .map_err(err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::svg_test::render_svg;

    fn svg(s: &EigenScene<'_>) -> String {
        render_svg((360, 280), |area| eigen_plane(area, s, &Theme::default()))
    }

    #[test]
    fn draws_regions_labels_and_moves_with_the_eigenvalues() {
        let scene = |re: f64| EigenScene {
            eigenvalues: vec![(re, 2.0), (re, -2.0), (f64::NAN, 0.0)],
            labels: vec!["λ₁".into(), "λ₂".into(), "λ₃".into()],
            axes: ("Re λ (1/s)", "Im λ (rad/s)"),
            regions: ("stable", "unstable"),
        };
        let (a, b) = (svg(&scene(-0.3)), svg(&scene(0.4)));
        for text in ["Re λ (1/s)", "Im λ (rad/s)", "stable", "unstable", "λ₁", "λ₂"] {
            assert!(a.contains(text), "missing {text}");
        }
        assert!(!a.contains("λ₃") && !a.contains("NaN"), "non-finite eigenvalues are skipped");
        assert_ne!(a, b);
        assert_eq!(half_width([10.0, -1.0].into_iter(), 1.5), 13.5);
    }
}
