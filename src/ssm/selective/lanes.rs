//! Branch-free `exp`, `expm1` and `ln_1p` on f64, written so that a loop over a block of lanes
//! compiles to SIMD code. The selective scan evaluates exp(Δ·A) D·N·L times, and softplus and SiLU
//! D·L times; a libm call per element would dominate its cost.
//!
//! Method: x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 split in
//! a high part with trailing zero bits, so k·LN2_HI is exact); expm1(r) by a near-minimax
//! polynomial of degree 11 (relative error below 2.3·10⁻¹⁶ for |r| ≤ ln 2 / 2), evaluated by
//! Estrin's scheme; 2ᵏ assembled from exponent bits.
//! Then exp(x) = 2ᵏ·(1 + expm1(r)) and expm1(x) = (2ᵏ − 1) + 2ᵏ·expm1(r). Rounding uses the
//! 1.5·2⁵² shifter instead of `round()`, which needs SSE4.1 to vectorize.
//!
//! Range: the argument is clamped to [−708, 710] and there are no branches or selects (they
//! stop LLVM from vectorizing the kernels). So for x < −708, exp(x) returns exp(−708) ≈ 3.3·10⁻³⁰⁸
//! (an absolute error below 3.4·10⁻³⁰⁸) and expm1(x) returns −1; above about 709.4 (where
//! k = 1024) exp is +∞ (and expm1 not finite), a little before the true overflow at 709.78.
//! Callers check their results for non-finite values.

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

/// expm1(r) ≈ r·p(r) on |r| ≤ ln 2 / 2 with p(r) = Σₖ cₖ rᵏ, k = 0 … 10: a near-minimax fit
/// (tests/golden/fit_expm1.py) whose relative error is below 2.3·10⁻¹⁶ in double precision;
/// Taylor's coefficients 1/(k+1)! would need degree 12 for the same accuracy.
const EXPM1_POLY: [f64; 11] = [
    1.0,
    0.5000000000000006,
    0.16666666666666555,
    0.04166666666657402,
    0.008333333333404316,
    0.0013888888932223904,
    0.00019841269692310259,
    2.4801504641020146e-05,
    2.7557429243455204e-06,
    2.762624839285073e-07,
    2.5047274761657668e-08,
];

/// (exp(x), expm1(x)) with a relative error of a few ulp for −708 ≤ x ≤ 709.
#[inline(always)]
pub(crate) fn exp_expm1(x: f64) -> (f64, f64) {
    let xc = x.clamp(EXP_MIN, EXP_MAX);
    let shifted = xc * LOG2_E + SHIFTER;
    let k = shifted - SHIFTER;
    let r = (xc - k * LN2_HI) - k * LN2_LO;
    // expm1(r) = r·p(r) by Estrin's scheme: pairs, then pairs of pairs, so the dependency chain
    // is 4 steps deep instead of Horner's 10.
    let c = &EXPM1_POLY;
    let r2 = r * r;
    let (r4, r8) = (r2 * r2, (r2 * r2) * (r2 * r2));
    let p01 = c[0] + c[1] * r;
    let p23 = c[2] + c[3] * r;
    let p45 = c[4] + c[5] * r;
    let p67 = c[6] + c[7] * r;
    let p89 = c[8] + c[9] * r;
    let p03 = p01 + p23 * r2;
    let p47 = p45 + p67 * r2;
    let p810 = p89 + c[10] * r2;
    let poly = (p03 + p47 * r4) + p810 * r8;
    let q = poly * r;
    // shifted = 1.5·2⁵² + k exactly, so its bits are SHIFTER's bits plus k (two's complement).
    let k_bits = shifted.to_bits().wrapping_sub(SHIFTER.to_bits());
    let two_k = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    // 2ᵏ·(1 + q) stays +∞ (not NaN) when 2ᵏ overflows; it rounds like 2ᵏ + 2ᵏ·q.
    (two_k * (1.0 + q), (two_k - 1.0) + two_k * q)
}

/// Bits of √½, where the mantissa range [√½, √2) of [`ln_1p`] starts.
const SQRT_HALF_BITS: u64 = 0x3FE6_A09E_667F_3BCD;
/// Bits of 1.0.
const ONE_BITS: u64 = 0x3FF0_0000_0000_0000;
/// The 52 mantissa bits.
const MANTISSA: u64 = (1 << 52) - 1;
/// 2⁵², whose bits OR-ed with a small integer j give the double 2⁵² + j.
const TWO_52: f64 = 4_503_599_627_370_496.0;

/// 1/(2j+1) for j = 1 … 10: the series ln m = 2s·(1 + s²/3 + s⁴/5 + … + s²⁰/21), s = (m−1)/(m+1).
const INV_ODD: [f64; 10] = [
    1.0 / 3.0,
    1.0 / 5.0,
    1.0 / 7.0,
    1.0 / 9.0,
    1.0 / 11.0,
    1.0 / 13.0,
    1.0 / 15.0,
    1.0 / 17.0,
    1.0 / 19.0,
    1.0 / 21.0,
];

/// ln(1 + y) for 0 ≤ y < 2⁵² with a relative error of a few ulp, branch-free.
///
/// w = 1 + y is split as 2ᵏ·m with m ∈ [√½, √2) by adding 1 − √½ to its bits (as musl's `log`
/// does); ln m = 2·atanh(s) by its series, |s| ≤ 0.172 so s²⁰/21 < 10⁻¹⁷; and the rounding error
/// c of 1 + y (TwoSum: 1 + y = w + c exactly) is added back as c/w.
#[inline(always)]
pub(crate) fn ln_1p(y: f64) -> f64 {
    let w = 1.0 + y;
    let y_part = w - 1.0;
    let c = (1.0 - (w - y_part)) + (y - y_part);
    let bits = w.to_bits().wrapping_add(ONE_BITS - SQRT_HALF_BITS);
    // k + 1023 is in the exponent field; turn it into a double without an int→float conversion.
    let k = f64::from_bits((bits >> 52) | TWO_52.to_bits()) - (TWO_52 + 1023.0);
    let m = f64::from_bits((bits & MANTISSA) + SQRT_HALF_BITS);
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let c_ = &INV_ODD;
    let (z2, z4) = (z * z, z * z * (z * z));
    let z8 = z4 * z4;
    let p01 = c_[0] + c_[1] * z;
    let p23 = c_[2] + c_[3] * z;
    let p45 = c_[4] + c_[5] * z;
    let p67 = c_[6] + c_[7] * z;
    let p89 = c_[8] + c_[9] * z;
    let series = (p01 + p23 * z2) + (p45 + p67 * z2) * z4 + p89 * z8;
    let ln_m = 2.0 * s + (2.0 * s) * (z * series);
    k * LN2_HI + (ln_m + k * LN2_LO) + c / w
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
        eprintln!("worst errors of exp, expm1 in ulp: {worst:?}");
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
    fn ln_1p_agrees_with_libm() {
        let mut worst: f64 = 0.0;
        for i in 0..=100_000 {
            // y from 1e-300 to 1e15, log-spaced, and a dense sweep of [0, 3].
            for y in [10f64.powf(-300.0 + 315.0 * i as f64 / 1e5), 3.0 * i as f64 / 1e5] {
                if y > 0.0 {
                    worst = worst.max(ulps(ln_1p(y), y.ln_1p()));
                }
            }
        }
        eprintln!("worst error of ln_1p in ulp: {worst}");
        assert!(worst < 4.0, "worst error {worst} ulp");
        assert_eq!(ln_1p(0.0), 0.0);
    }

    #[test]
    fn range_ends() {
        for x in [-708.0, -800.0, f64::NEG_INFINITY] {
            let (e, em1) = exp_expm1(x);
            assert!((0.0..3.4e-308).contains(&e) && em1 == -1.0, "{x}: {e}, {em1}");
        }
        for x in [709.5, 710.0, 1e10, f64::INFINITY] {
            let (e, em1) = exp_expm1(x);
            assert!(e == f64::INFINITY && !em1.is_finite(), "{x}: {e}, {em1}");
        }
        let (e, em1) = exp_expm1(709.0);
        assert!(ulps(e, 709f64.exp()) < 4.0 && ulps(em1, 709f64.exp_m1()) < 4.0);
    }
}
