//! Branch-free `exp` and `expm1` on f64, written so that a loop over a block of lanes compiles to
//! SIMD code. The selective scan evaluates exp(Δ·A) D·N·L times; a libm call per element would
//! dominate its cost.
//!
//! Method: x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 split in
//! a high part with trailing zero bits, so k·LN2_HI is exact); expm1(r) by its Taylor series to
//! r¹³ (truncation below 5·10⁻¹⁷ relative for |r| ≤ ln 2 / 2); 2ᵏ assembled from exponent bits.
//! Then exp(x) = 2ᵏ·(1 + expm1(r)) and expm1(x) = (2ᵏ − 1) + 2ᵏ·expm1(r). Rounding uses the
//! 1.5·2⁵² shifter instead of `round()`, which needs SSE4.1 to vectorize.
//!
//! Range: exp(x) for x < [`EXP_MIN`] is flushed to 0 (the true value is below 3.4·10⁻³⁰⁸) and
//! expm1 to −1; for x > [`EXP_MAX`] both are +∞ (the true overflow is at 709.78).

/// Below this argument exp is flushed to 0 and expm1 to −1.
pub(crate) const EXP_MIN: f64 = -708.0;
/// Above this argument exp and expm1 are +∞.
pub(crate) const EXP_MAX: f64 = 709.0;

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

/// (exp(x), expm1(x)) with a relative error of a few ulp on [`EXP_MIN`], [`EXP_MAX`].
#[inline(always)]
pub(crate) fn exp_expm1(x: f64) -> (f64, f64) {
    let xc = x.clamp(EXP_MIN, EXP_MAX);
    let shifted = xc * LOG2_E + SHIFTER;
    let k = shifted - SHIFTER;
    let r = (xc - k * LN2_HI) - k * LN2_LO;
    // expm1(r) = r·(1 + r·(1/2! + r·(1/3! + …))) by Horner's rule.
    let mut poly = INV_FACTORIAL[12];
    for &c in INV_FACTORIAL[..12].iter().rev() {
        poly = poly * r + c;
    }
    let q = poly * r;
    // shifted = 1.5·2⁵² + k exactly, so its bits are SHIFTER's bits plus k (two's complement).
    let k_bits = shifted.to_bits().wrapping_sub(SHIFTER.to_bits());
    let two_k = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    let tail = two_k * q;
    let (exp, expm1) = (two_k + tail, (two_k - 1.0) + tail);
    if x < EXP_MIN {
        (0.0, -1.0)
    } else if x > EXP_MAX {
        (f64::INFINITY, f64::INFINITY)
    } else {
        (exp, expm1)
    }
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
            for x in [-40.0 + 80.0 * i as f64 / n as f64, EXP_MIN + 1417.0 * i as f64 / n as f64] {
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
        assert_eq!(exp_expm1(-800.0), (0.0, -1.0));
        assert_eq!(exp_expm1(f64::NEG_INFINITY), (0.0, -1.0));
        assert_eq!(exp_expm1(710.0), (f64::INFINITY, f64::INFINITY));
        let (e, _) = exp_expm1(EXP_MAX);
        assert!(ulps(e, EXP_MAX.exp()) < 4.0);
        let (e, _) = exp_expm1(EXP_MIN);
        assert!(ulps(e, EXP_MIN.exp()) < 4.0);
    }
}
