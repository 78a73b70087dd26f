//! The heat-map colour scales, painted by every theme variant, stay ordered in perceived
//! lightness: small values close to the paper, large ones standing out from it.

use crate::plot::chart::cell_heatmap::diverging;
use crate::plot::chart::heatmap::ColorScale;
use crate::plot::theme::Theme;
use crate::plot::theme::colour::oklab;
use plotters::style::RGBColor;

fn themes() -> [Theme; 4] {
    [(false, false), (true, false), (false, true), (true, true)].map(|(dark, projector)| Theme {
        scale: 1.0,
        dark,
        projector,
    })
}

/// OKLab lightness along a scale sampled at `ts`.
fn lightness(theme: &Theme, ts: &[f64], scale: impl Fn(f64) -> RGBColor) -> Vec<f64> {
    ts.iter().map(|&t| oklab(theme.paint(scale(t)))[0]).collect()
}

fn monotone(v: &[f64], increasing: bool) -> bool {
    v.windows(2).all(|w| if increasing { w[1] > w[0] } else { w[1] < w[0] })
}

#[test]
fn colour_scales_are_ordered_in_lightness_in_every_variant() {
    let ts: Vec<f64> = (0..=40).map(|i| f64::from(i) / 40.0).collect();
    for theme in themes() {
        // Small values sit close to the paper; large ones stand out from it: darker on a light
        // paper, lighter on a dark one.
        let up = theme.dark;
        let seq = lightness(&theme, &ts, |t| ColorScale::Sequential.color(t, 1.0));
        assert!(monotone(&seq, up), "{theme:?} sequential: {seq:?}");
        for sign in [-1.0, 1.0] {
            let div = lightness(&theme, &ts, |t| ColorScale::Diverging.color(sign * t, 1.0));
            assert!(monotone(&div, up), "{theme:?} diverging {sign}: {div:?}");
            let cells = lightness(&theme, &ts[..40], |t| diverging(sign * t));
            assert!(monotone(&cells, up), "{theme:?} cell diverging {sign}: {cells:?}");
        }
        let paper = oklab(theme.palette().paper)[0];
        assert!((seq[0] - paper).abs() < 0.1, "{theme:?}: the scale starts near the paper");
    }
}
