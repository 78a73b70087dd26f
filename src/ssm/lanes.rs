//! Branch-free `exp` and `expm1` on f64, written so that a loop over a block of lanes compiles to
//! SIMD code. The selective scan evaluates exp(Δ·A) D·N·L times; a libm call per element would
//! dominate its cost.
//!
//! Method: x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 split in
//! a high part with trailing zero bits, so k·LN2_HI is exact); expm1(r) by its Taylor series to
//! r¹³ (truncation below 5·10⁻¹⁷ relative for |r| ≤ ln 2 / 2), evaluated by Estrin's scheme;
//! 2ᵏ assembled from exponent bits.
//! Then exp(x) = 2ᵏ·(1 + expm1(r)) and expm1(x) = (2ᵏ − 1) + 2ᵏ·expm1(r). Rounding uses the
//! 1.5·2⁵² shifter instead of `round()`, which needs SSE4.1 to vectorize.
//!
//! Range: the argument is clamped to [−708, 710] and there are no branches or selects (they
//! stop LLVM from vectorizing the kernels). So for x < −708, exp(x) returns exp(−708) ≈ 3.3·10⁻³⁰⁸
//! (an absolute error below 3.4·10⁻³⁰⁸) and expm1(x) returns −1; above about 709.4 (where
//! k = 1024) the results are not finite (+∞ or NaN), a little before the true overflow
//! at 709.78. Callers check their results for non-finite values.

/// Arguments below this are clamped to it.
const EXP_MIN: f64 = -708.0;
/// Arguments above this are clamped to it (where 2ᵏ is already +∞).
const EXP_MAX: f64 = 710.0;

const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// High part of ln 2 (fdlibm's ln2_hi: its last 32 bits are zero, so k·LN2_HI is exact).
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
/// ln 2 − LN2_HI, to full precision (fdlibm's ln2_lo).
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// 1.5·2⁵²: adding it rounds to an integer and leaves that integer in the low mantissa bits.
const SHIFTER: f64 = 6_755_399_441_055_744.0;

/// 1/k! for k = 1 … 13, the Taylor coefficients of expm1.
const INV_FACTORIAL: [f64; 13] = [
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// (exp(x), expm1(x)) with a relative error of a few ulp for −708 ≤ x ≤ 709.
#[inline(always)]
pub(crate) fn exp_expm1(x: f64) -> (f64, f64) {
    let xc = x.clamp(EXP_MIN, EXP_MAX);
    let shifted = xc * LOG2_E + SHIFTER;
    let k = shifted - SHIFTER;
    let r = (xc - k * LN2_HI) - k * LN2_LO;
    // expm1(r) = r·p(r) with p(r) = Σₖ r^k/(k+1)!, k = 0…12, by Estrin's scheme: pairs, then
    // pairs of pairs, so the dependency chain is 5 steps deep instead of Horner's 13.
    let c = &INV_FACTORIAL;
    let (r2, r4) = (r * r, r * r * (r * r));
    let r8 = r4 * r4;
    let p01 = c[0] + c[1] * r;
    let p23 = c[2] + c[3] * r;
    let p45 = c[4] + c[5] * r;
    let p67 = c[6] + c[7] * r;
    let p89 = c[8] + c[9] * r;
    let p1011 = c[10] + c[11] * r;
    let p03 = p01 + p23 * r2;
    let p47 = p45 + p67 * r2;
    let p811 = p89 + p1011 * r2;
    let poly = (p03 + p47 * r4) + (p811 + c[12] * r4) * r8;
    let q = poly * r;
    // shifted = 1.5·2⁵² + k exactly, so its bits are SHIFTER's bits plus k (two's complement).
    let k_bits = shifted.to_bits().wrapping_sub(SHIFTER.to_bits());
    let two_k = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    let tail = two_k * q;
    (two_k + tail, (two_k - 1.0) + tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(got: f64, want: f64) -> f64 {
        ((got - want) / want).abs() / f64::EPSILON
    }

    #[test]
    fn agrees_with_libm_to_a_few_ulp() {
        let mut worst = (0.0f64, 0.0f64);
        let n = 200_000;
        for i in 0..=n {
            // A dense sweep of [−40, 40] plus a sparse one of the whole range.
            for x in [-40.0 + 80.0 * i as f64 / n as f64, -708.0 + 1417.0 * i as f64 / n as f64] {
                let (e, em1) = exp_expm1(x);
                worst.0 = worst.0.max(ulps(e, x.exp()));
                if x != 0.0 {
                    worst.1 = worst.1.max(ulps(em1, x.exp_m1()));
                }
            }
        }
        assert!(worst.0 < 4.0 && worst.1 < 4.0, "worst errors in ulp: {worst:?}");
    }

    #[test]
    fn tiny_arguments_keep_expm1_accurate() {
        for x in [1e-300, -1e-200, 1e-17, -3e-12, 2.5e-8, -0.01, 0.3] {
            let (e, em1) = exp_expm1(x);
            assert!(ulps(em1, x.exp_m1()) < 2.0, "expm1({x}) = {em1}");
            assert!(ulps(e, x.exp()) < 2.0, "exp({x}) = {e}");
        }
        assert_eq!(exp_expm1(0.0), (1.0, 0.0));
    }

    #[test]
    fn range_ends() {
        for x in [-708.0, -800.0, f64::NEG_INFINITY] {
            let (e, em1) = exp_expm1(x);
            assert!((0.0..3.4e-308).contains(&e) && em1 == -1.0, "{x}: {e}, {em1}");
        }
        for x in [709.5, 710.0, 1e10, f64::INFINITY] {
            let (e, em1) = exp_expm1(x);
            assert!(!e.is_finite() && !em1.is_finite(), "{x}: {e}, {em1}");
        }
        let (e, em1) = exp_expm1(709.0);
        assert!(ulps(e, 709f64.exp()) < 4.0 && ulps(em1, 709f64.exp_m1()) < 4.0);
    }
}
