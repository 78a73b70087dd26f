//! The pictures of the zero-order-hold lesson: the unit square under the Taylor partial sums of
//! exp(M), Euler sub-steps against the exact path, the eigenvalues of Abar against the unit
//! circle, and Bbar as the area under exp(As) B.

use crate::plot::chart::plane::{Mark, PlaneScene, circle_points, fit_view, plane};
use crate::plot::{Corner, LegendEntry, PlotError, Swatch, Theme, palette};
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A 2×2 matrix, row-major: [[m[0], m[1]], [m[2], m[3]]].
pub type Mat2 = [f64; 4];

/// The 2×2 matrix `m` (top-left block, if larger) in row-major order.
pub fn mat2(m: &DMatrix<f64>) -> Mat2 {
    let at = |i: usize, j: usize| m.get((i, j)).copied().unwrap_or(f64::NAN);
    [at(0, 0), at(0, 1), at(1, 0), at(1, 1)]
}

/// The corners of the image of the unit square under a 2×2 matrix: 0, M e₁, M(e₁ + e₂), M e₂.
fn image_of_square(m: &Mat2) -> Vec<(f64, f64)> {
    vec![(0.0, 0.0), (m[0], m[2]), (m[0] + m[1], m[2] + m[3]), (m[1], m[3])]
}

/// Legend and axis texts of the Taylor picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaylorLabels<'a> {
    /// The unit square.
    pub square: &'a str,
    /// The newest partial sum S_K.
    pub partial: &'a str,
    /// The earlier partial sums.
    pub earlier: &'a str,
    /// The true exponential.
    pub exact: &'a str,
    /// Axis labels (x, y).
    pub axes: (&'a str, &'a str),
}

/// The unit square mapped by the partial sums S_0 … S_K of exp(M), and by exp(M) itself.
#[derive(Debug, Clone, PartialEq)]
pub struct TaylorSquare<'a> {
    /// S_0, …, S_K; the last is drawn filled, the others as faint outlines.
    pub sums: Vec<Mat2>,
    /// exp(M).
    pub exact: Mat2,
    /// Texts.
    pub labels: TaylorLabels<'a>,
}

/// Draws the Taylor picture: where the partial sums send the unit square, converging to where
/// exp(M) sends it.
pub fn taylor_square<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &TaylorSquare<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let exact = image_of_square(&scene.exact);
    let unit = image_of_square(&[1.0, 0.0, 0.0, 1.0]);
    let mut marks = vec![Mark::Polygon {
        points: unit.clone(),
        color: palette::MARK,
        fill: 0.12,
        dashed: false,
    }];
    let (last, earlier) = match scene.sums.split_last() {
        Some((last, earlier)) => (Some(last), earlier),
        None => (None, &[][..]),
    };
    let mut focus = [unit.clone(), exact.clone()].concat();
    for m in earlier {
        let corners = image_of_square(m);
        focus.extend(corners.iter().copied());
        marks.push(Mark::Polygon {
            points: corners,
            color: palette::SKY,
            fill: 0.0,
            dashed: false,
        });
    }
    marks.push(Mark::Polygon {
        points: exact.clone(),
        color: palette::INK,
        fill: 0.0,
        dashed: true,
    });
    if let Some(m) = last {
        let corners = image_of_square(m);
        focus.extend(corners.iter().copied());
        marks.push(Mark::Polygon {
            points: corners,
            color: palette::BLUE,
            fill: 0.25,
            dashed: false,
        });
        for column in [(m[0], m[2]), (m[1], m[3])] {
            marks.push(Mark::Arrow {
                from: (0.0, 0.0),
                to: column,
                color: palette::BLUE,
                dashed: false,
            });
        }
    }
    // The view holds every parallelogram drawn (the unit square, exp(M), S_K and the earlier
    // sums); only a far overshoot of an early sum, beyond a bound around exp(M), is clamped.
    let bound = exact.iter().map(|p| p.0.abs().max(p.1.abs())).fold(1.0, f64::max) * 4.0;
    let view = fit_view(
        focus.into_iter().map(|(x, y)| (x.clamp(-bound, bound), y.clamp(-bound, bound))),
        0.08,
        0.5,
    );
    let l = scene.labels;
    let mut legend = vec![
        LegendEntry { label: l.square, color: palette::MARK, swatch: Swatch::Line },
        LegendEntry { label: l.exact, color: palette::INK, swatch: Swatch::Dashed },
        LegendEntry { label: l.partial, color: palette::BLUE, swatch: Swatch::Line },
    ];
    if !earlier.is_empty() {
        legend.push(LegendEntry { label: l.earlier, color: palette::SKY, swatch: Swatch::Line });
    }
    let scene =
        PlaneScene::new(l.axes, view, marks).equal_scales().with_legend(legend, Corner::UpperLeft);
    plane(area, &scene, theme)
}

/// Legend and axis texts of the Euler picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EulerLabels<'a> {
    /// The exact path exp(As) h₀.
    pub exact: &'a str,
    /// The Euler sub-steps.
    pub euler: &'a str,
    /// The start h₀.
    pub start: &'a str,
    /// The exact end exp(ΔA) h₀.
    pub target: &'a str,
    /// Axis labels (h₁, h₂).
    pub axes: (&'a str, &'a str),
}

/// Euler sub-steps from h₀ against the exact path over one step.
#[derive(Debug, Clone, PartialEq)]
pub struct EulerScene<'a> {
    /// h₀, h₁, …, h_n.
    pub euler: Vec<(f64, f64)>,
    /// The exact path, finely sampled, from h₀ to exp(ΔA) h₀.
    pub exact: Vec<(f64, f64)>,
    /// Texts.
    pub labels: EulerLabels<'a>,
}

/// Draws the Euler picture in the state plane.
pub fn euler_plane<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &EulerScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let l = scene.labels;
    let start = scene.exact.first().copied().unwrap_or((0.0, 0.0));
    let target = scene.exact.last().copied().unwrap_or(start);
    let mut marks = vec![
        Mark::Path { points: scene.exact.clone(), color: palette::GREEN, width: 2.5, dashed: true },
        Mark::Path {
            points: scene.euler.clone(),
            color: palette::ORANGE,
            width: 2.0,
            dashed: false,
        },
        Mark::Dots { points: scene.euler.clone(), color: palette::ORANGE, radius: 3.0 },
    ];
    marks.extend(Mark::labelled_point(start, l.start, palette::INK, 4.5, false));
    marks.extend(Mark::labelled_point(target, l.target, palette::GREEN, 8.0, true));
    let view = fit_view(scene.exact.iter().chain(&scene.euler).copied(), 0.12, 0.3);
    let corner = Corner::UpperRight;
    let legend = vec![
        LegendEntry { label: l.exact, color: palette::GREEN, swatch: Swatch::Dashed },
        LegendEntry { label: l.euler, color: palette::ORANGE, swatch: Swatch::Line },
    ];
    let scene = PlaneScene::new(l.axes, view, marks).with_legend(legend, corner);
    plane(area, &scene, theme)
}

/// One rule's eigenvalues of Abar: now, and along the sweep of Δ.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSpectrum<'a> {
    /// The rule's name.
    pub label: &'a str,
    /// Its colour.
    pub color: RGBColor,
    /// Eigenvalues (re, im) at the current Δ.
    pub now: Vec<(f64, f64)>,
    /// Eigenvalues (re, im) along the sweep of Δ.
    pub path: Vec<(f64, f64)>,
    /// Whether this is the rule the lesson is comparing (drawn with rings).
    pub chosen: bool,
}

/// Eigenvalues of Abar in the complex plane, against the unit circle.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscreteEigenScene<'a> {
    /// One entry per rule.
    pub rules: Vec<RuleSpectrum<'a>>,
    /// Legend text of the unit circle.
    pub circle: &'a str,
    /// Axis labels (Re, Im).
    pub axes: (&'a str, &'a str),
}

/// How far the complex-plane view may reach: eigenvalues further out sit on the frame.
const EIGEN_REACH: f64 = 3.0;

/// Draws the eigenvalue picture. Points outside the view are clamped to the frame (current
/// eigenvalues) or left out (the paths).
pub fn discrete_eigen_plane<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &DiscreteEigenScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let circle = circle_points((0.0, 0.0), 1.0, 96);
    let reach = |p: &(f64, f64)| p.0.abs().max(p.1.abs()).min(EIGEN_REACH);
    let half = scene.rules.iter().flat_map(|r| r.now.iter()).map(reach).fold(1.0, f64::max) * 1.15;
    let view = ((-half, half), (-half, half));
    let within = |p: &&(f64, f64)| p.0.abs() <= half && p.1.abs() <= half;
    let mut marks = vec![
        Mark::Polygon { points: circle.clone(), color: palette::GREEN, fill: 0.08, dashed: false },
        Mark::Path { points: circle, color: palette::INK, width: 1.5, dashed: true },
    ];
    for r in &scene.rules {
        marks.push(Mark::Dots {
            points: r.path.iter().filter(within).copied().collect(),
            color: r.color,
            radius: 1.2,
        });
    }
    for r in &scene.rules {
        marks.push(Mark::Dots { points: r.now.clone(), color: r.color, radius: 5.0 });
        if r.chosen {
            marks.push(Mark::Rings { points: r.now.clone(), color: palette::INK, radius: 8.0 });
        }
    }
    let mut legend: Vec<LegendEntry<'_>> = scene
        .rules
        .iter()
        .map(|r| LegendEntry { label: r.label, color: r.color, swatch: Swatch::Dot })
        .collect();
    legend.push(LegendEntry { label: scene.circle, color: palette::INK, swatch: Swatch::Dashed });
    let scene = PlaneScene::new(scene.axes, view, marks)
        .equal_scales()
        .with_legend(legend, Corner::UpperLeft);
    plane(area, &scene, theme)
}

/// Texts of the integral picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntegralLabels<'a> {
    /// The time axis within one step.
    pub time: &'a str,
    /// The integrand's axis, with `{i}` for the entry number.
    pub rate: &'a str,
    /// The accumulated integral's axis, with `{i}` for the entry number.
    pub total: &'a str,
    /// Legend: the integrand curve.
    pub curve: &'a str,
    /// Legend: the strips.
    pub strips: &'a str,
    /// Legend: the exact accumulated integral.
    pub accumulated: &'a str,
    /// Legend: the strips' running sum.
    pub running: &'a str,
    /// Label of the exact Bbar at the end of the step.
    pub b_bar: &'a str,
}

/// ∫₀^Δ exp(As) ds · B for a 2-state system, one row per entry of Bbar.
#[derive(Debug, Clone, PartialEq)]
pub struct IntegralScene<'a> {
    /// (s, [exp(As) B]₁, [exp(As) B]₂) along the step.
    pub integrand: Vec<(f64, [f64; 2])>,
    /// (s, the accumulated integral's two entries) along the step.
    pub accumulated: Vec<(f64, [f64; 2])>,
    /// The strip width.
    pub width: f64,
    /// (midpoint, the integrand's two entries there) per strip.
    pub strips: Vec<(f64, [f64; 2])>,
    /// The strips' running sums after each strip.
    pub running: Vec<[f64; 2]>,
    /// The exact Bbar.
    pub exact: [f64; 2],
    /// Texts.
    pub labels: IntegralLabels<'a>,
}

/// Draws a 2×2 grid: for each entry of Bbar, the integrand with the strips under it (left) and
/// the integral accumulated along the step with the strips' running sum (right).
pub fn integral_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &IntegralScene<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let l = scene.labels;
    let cells = area.split_evenly((2, 2));
    let end = scene.integrand.last().map_or(1.0, |p| p.0);
    let colors = [palette::GREEN, palette::PURPLE];
    for (i, color) in colors.into_iter().enumerate() {
        let number = (i + 1).to_string();
        let rate_label = l.rate.replace("{i}", &number);
        let total_label = l.total.replace("{i}", &number);
        let curve: Vec<(f64, f64)> = scene.integrand.iter().map(|(s, v)| (*s, v[i])).collect();
        let mut marks: Vec<Mark<'_>> = scene
            .strips
            .iter()
            .map(|(s, v)| {
                let (a, b) = (s - scene.width / 2.0, s + scene.width / 2.0);
                Mark::Polygon {
                    points: vec![(a, 0.0), (b, 0.0), (b, v[i]), (a, v[i])],
                    color,
                    fill: 0.3,
                    dashed: false,
                }
            })
            .collect();
        marks.push(Mark::Path {
            points: curve.clone(),
            color: palette::INK,
            width: 2.0,
            dashed: false,
        });
        let rate_view = fit_view(curve.iter().copied().chain([(0.0, 0.0)]), 0.12, 0.05);
        let rate_view = ((0.0, end), rate_view.1);
        // The legends name what both rows show, so only the first row has them.
        let rate_legend = if i == 0 {
            vec![
                LegendEntry { label: l.curve, color: palette::INK, swatch: Swatch::Line },
                LegendEntry { label: l.strips, color, swatch: Swatch::Line },
            ]
        } else {
            Vec::new()
        };
        let rate = PlaneScene::new((l.time, &rate_label), rate_view, marks)
            .with_legend(rate_legend, Corner::UpperRight)
            .with_ticks(5, 4);
        plane(&cells[2 * i], &rate, theme)?;

        let total: Vec<(f64, f64)> = scene.accumulated.iter().map(|(s, v)| (*s, v[i])).collect();
        let sums: Vec<(f64, f64)> = scene
            .strips
            .iter()
            .zip(&scene.running)
            .map(|((s, _), r)| (s + scene.width / 2.0, r[i]))
            .collect();
        let mut steps = vec![(0.0, 0.0)];
        for &(s, v) in &sums {
            let last = steps.last().map_or(0.0, |p: &(f64, f64)| p.1);
            steps.push((s - scene.width, last));
            steps.push((s, v));
        }
        let total_view = fit_view(
            total.iter().chain(&sums).copied().chain([(0.0, 0.0), (end, scene.exact[i])]),
            0.08,
            0.05,
        );
        let marks = vec![
            Mark::Path { points: total, color: palette::INK, width: 2.0, dashed: false },
            Mark::Path { points: steps, color, width: 1.5, dashed: true },
            Mark::Dots { points: sums, color, radius: 3.5 },
            Mark::Rings { points: vec![(end, scene.exact[i])], color: palette::RED, radius: 7.0 },
            Mark::Label { at: (end, scene.exact[i]), text: l.b_bar, color: palette::RED },
        ];
        let total_legend = if i == 0 {
            vec![
                LegendEntry { label: l.accumulated, color: palette::INK, swatch: Swatch::Line },
                LegendEntry { label: l.running, color, swatch: Swatch::Dot },
            ]
        } else {
            Vec::new()
        };
        let accumulated =
            PlaneScene::new((l.time, &total_label), ((0.0, end * 1.12), total_view.1), marks)
                .with_legend(total_legend, Corner::UpperLeft)
                .with_ticks(5, 4);
        plane(&cells[2 * i + 1], &accumulated, theme)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(size: (u32, u32), draw: impl Fn(&DrawingArea<SVGBackend<'_>, Shift>)) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
            draw(&area);
            area.present().unwrap();
        }
        out
    }

    #[test]
    fn the_taylor_picture_changes_with_k_and_labels_everything() {
        let labels = TaylorLabels {
            square: "unit square",
            partial: "S_K",
            earlier: "earlier",
            exact: "exp(M)",
            axes: ("first coordinate", "second coordinate"),
        };
        let sums = [[1.0, 0.0, 0.0, 1.0], [0.75, -1.0, 1.0, 0.75], [0.22, -0.75, 0.75, 0.22]];
        let draw = |k: usize| {
            svg((420, 320), |a| {
                let scene = TaylorSquare {
                    sums: sums[..=k].to_vec(),
                    exact: [0.42, -0.65, 0.65, 0.42],
                    labels,
                };
                taylor_square(a, &scene, &Theme::default()).unwrap();
            })
        };
        let (one, three) = (draw(0), draw(2));
        assert_ne!(one, three);
        for text in ["unit square", "S_K", "exp(M)", "first coordinate"] {
            assert!(three.contains(text), "{text}");
        }
        assert!(three.contains("earlier") && !one.contains("earlier"));
        assert!(!three.contains("NaN"));
    }

    #[test]
    fn the_eigen_picture_clamps_far_eigenvalues() {
        let scene = DiscreteEigenScene {
            rules: vec![
                RuleSpectrum {
                    label: "ZOH",
                    color: palette::BLUE,
                    now: vec![(0.5, 0.3), (0.5, -0.3)],
                    path: vec![(0.9, 0.1), (0.8, 0.2)],
                    chosen: true,
                },
                RuleSpectrum {
                    label: "Euler",
                    color: palette::RED,
                    now: vec![(-11.0, 0.0), (f64::NAN, 1.0)],
                    path: vec![(-20.0, 0.0)],
                    chosen: false,
                },
            ],
            circle: "|λ| = 1",
            axes: ("Re λ(Ā)", "Im λ(Ā)"),
        };
        let out = svg((400, 400), |a| discrete_eigen_plane(a, &scene, &Theme::default()).unwrap());
        assert!(out.contains("ZOH") && out.contains("|λ| = 1") && out.contains("Re λ(Ā)"));
        assert!(!out.contains("NaN") && !out.contains("inf"));
    }

    #[test]
    fn the_euler_and_integral_pictures_draw_their_labels() {
        let labels = EulerLabels {
            exact: "exact path",
            euler: "Euler",
            start: "h₀",
            target: "e^{ΔA}h₀",
            axes: ("h₁", "h₂"),
        };
        let scene = EulerScene {
            euler: vec![(1.0, 0.0), (1.0, -2.0), (0.0, -3.0)],
            exact: (0..=20).map(|j| ((j as f64 / 10.0).cos(), -(j as f64 / 10.0).sin())).collect(),
            labels,
        };
        let out = svg((420, 300), |a| euler_plane(a, &scene, &Theme::default()).unwrap());
        assert!(out.contains("exact path") && out.contains("h₀") && out.contains("h₂"));

        let labels = IntegralLabels {
            time: "s",
            rate: "entry {i} of e^{As}B",
            total: "accumulated, entry {i}",
            curve: "integrand",
            strips: "strips",
            accumulated: "exact integral",
            running: "sum of strips",
            b_bar: "B̄",
        };
        let integrand: Vec<(f64, [f64; 2])> =
            (0..=10).map(|j| (j as f64 / 10.0, [1.0 - j as f64 / 10.0, 0.5])).collect();
        let accumulated: Vec<(f64, [f64; 2])> =
            integrand.iter().map(|(s, _)| (*s, [s - s * s / 2.0, 0.5 * s])).collect();
        let scene = IntegralScene {
            integrand,
            accumulated,
            width: 0.5,
            strips: vec![(0.25, [0.75, 0.5]), (0.75, [0.25, 0.5])],
            running: vec![[0.375, 0.25], [0.5, 0.5]],
            exact: [0.5, 0.5],
            labels,
        };
        let out = svg((800, 400), |a| integral_grid(a, &scene, &Theme::default()).unwrap());
        for text in
            ["entry 1 of e^{As}B", "entry 2 of e^{As}B", "accumulated, entry 2", "B̄", "strips"]
        {
            assert!(out.contains(text), "{text}");
        }
    }
}
