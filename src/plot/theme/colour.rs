//! Colour arithmetic for the themes: WCAG relative luminance and contrast, and OKLab, the
//! perceptual space in which the dark theme mirrors the light one's lightness.

use plotters::style::RGBColor;

/// sRGB channel (0–255) to linear light (0–1).
fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

/// Linear light (clamped to 0–1) to an sRGB channel.
fn encode(l: f64) -> u8 {
    let l = l.clamp(0.0, 1.0);
    let c = if l <= 0.003_130_8 { 12.92 * l } else { 1.055 * l.powf(1.0 / 2.4) - 0.055 };
    (c * 255.0).round() as u8
}

/// WCAG 2 relative luminance: Y = 0.2126 R + 0.7152 G + 0.0722 B in linear light.
pub fn luminance(c: RGBColor) -> f64 {
    0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
}

/// WCAG 2 contrast ratio (L₁ + 0.05) / (L₂ + 0.05), lighter over darker: 1 to 21.
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// OKLab (L, a, b) of an sRGB colour (Ottosson 2020); L is perceived lightness, 0 to 1.
pub fn oklab(c: RGBColor) -> [f64; 3] {
    let (r, g, b) = (linear(c.0), linear(c.1), linear(c.2));
    let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
    let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
    let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
    [
        0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s,
        1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s,
        0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s,
    ]
}

/// The sRGB colour of OKLab (L, a, b), channels clipped to the gamut.
pub fn from_oklab([l, a, b]: [f64; 3]) -> RGBColor {
    let l_ = (l + 0.396_337_777_4 * a + 0.215_803_757_3 * b).powi(3);
    let m_ = (l - 0.105_561_345_8 * a - 0.063_854_172_8 * b).powi(3);
    let s_ = (l - 0.089_484_177_5 * a - 1.291_485_548 * b).powi(3);
    RGBColor(
        encode(4.076_741_662_1 * l_ - 3.307_711_591_3 * m_ + 0.230_969_929_2 * s_),
        encode(-1.268_438_004_6 * l_ + 2.609_757_401_1 * m_ - 0.341_319_396_5 * s_),
        encode(-0.004_196_086_3 * l_ - 0.703_418_614_7 * m_ + 1.707_614_701 * s_),
    )
}

/// The colour with its OKLab lightness mirrored from `[0, 1]` onto `[hi, lo]` (white goes to
/// `lo`, black to `hi`), hue and chroma kept. Mirroring is strictly decreasing in L, so a colour
/// scale ordered light → dark on paper stays ordered (dark → light) on a dark ground.
pub fn mirror_lightness(c: RGBColor, (lo, hi): (f64, f64)) -> RGBColor {
    let [l, a, b] = oklab(c);
    from_oklab([hi - (hi - lo) * l.clamp(0.0, 1.0), a, b])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_extremes_and_oklab_round_trips() {
        assert!((contrast(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(RGBColor(9, 9, 9), RGBColor(9, 9, 9)) - 1.0).abs() < 1e-12);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast(RGBColor(118, 118, 118), RGBColor(255, 255, 255)) - 4.54).abs() < 0.01);
        for c in [RGBColor(0, 114, 178), RGBColor(213, 94, 0), RGBColor(250, 250, 250)] {
            assert_eq!(from_oklab(oklab(c)), c);
        }
        assert!((oklab(RGBColor(255, 255, 255))[0] - 1.0).abs() < 1e-3);
    }

    #[test]
    fn mirroring_reverses_lightness_order() {
        let greys = [0_u8, 60, 120, 180, 240].map(|v| RGBColor(v, v, v));
        let mirrored: Vec<f64> =
            greys.iter().map(|&c| oklab(mirror_lightness(c, (0.2, 0.95)))[0]).collect();
        assert!(mirrored.windows(2).all(|w| w[0] > w[1]), "{mirrored:?}");
        assert!((mirrored[4] - (0.95 - 0.75 * oklab(greys[4])[0])).abs() < 0.01);
    }
}
