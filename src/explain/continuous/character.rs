//! How a 2-state system behaves, read from A alone, for `#/origins` (and the readouts of
//! `#/continuous`): its natural frequency and damping ratio, the regime they give (a spring that
//! rings, creeps back or never stops), and its memory time — how long a kick is still felt.

use crate::ssm::validate::finite_scalar;
use crate::ssm::{Continuous, Result, SsmError, Stability};

/// The qualitative behaviour of a 2-state system after a kick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Regime {
    /// Some mode grows: the state runs away.
    Unstable,
    /// Oscillates forever at the same amplitude (eigenvalues ±iω₀, no damping).
    Undamped,
    /// Rings while it decays (complex eigenvalues with negative real part, ζ < 1).
    Underdamped,
    /// Returns fastest without overshooting (a double real eigenvalue, ζ = 1).
    CriticallyDamped,
    /// Creeps back without oscillating (two real negative eigenvalues, ζ > 1).
    Overdamped,
    /// Neither grows nor settles, without an oscillation: a zero eigenvalue (an integrator).
    Marginal,
}

/// The character of a 2-state system.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Character {
    /// ω₀ = √det A, when det A > 0 (for the mass–spring–damper, √(k/m)).
    pub natural_frequency: Option<f64>,
    /// ζ = −tr A / (2 ω₀), when ω₀ exists (for the mass–spring–damper, c / (2√(km))).
    pub damping_ratio: Option<f64>,
    /// The regime.
    pub regime: Regime,
}

/// How close ζ must be to 0 or 1 to count as undamped or critical.
const ZETA_TOLERANCE: f64 = 1e-6;

/// Reads the character of a 2-state system from the characteristic polynomial of A,
/// λ² − (tr A) λ + det A = 0, whose roots are −ζω₀ ± ω₀√(ζ² − 1).
/// Errors: N ≠ 2, or an eigenvalue computation that fails.
pub fn character(sys: &Continuous) -> Result<Character> {
    if sys.state_size() != 2 {
        return Err(SsmError::Shape(format!(
            "the character is defined here for N = 2 states, got {}",
            sys.state_size()
        )));
    }
    let a = sys.a();
    let (trace, det) = (a[(0, 0)] + a[(1, 1)], a[(0, 0)] * a[(1, 1)] - a[(0, 1)] * a[(1, 0)]);
    let natural_frequency = (det > 0.0).then(|| det.sqrt());
    let damping_ratio = natural_frequency.map(|w| -trace / (2.0 * w));
    let regime = match (sys.stability()?, damping_ratio) {
        (Stability::Unstable, _) => Regime::Unstable,
        (_, Some(z)) if z.abs() <= ZETA_TOLERANCE => Regime::Undamped,
        (_, Some(z)) if (z - 1.0).abs() <= ZETA_TOLERANCE => Regime::CriticallyDamped,
        (_, Some(z)) if z < 1.0 => Regime::Underdamped,
        (_, Some(_)) => Regime::Overdamped,
        (_, None) => Regime::Marginal,
    };
    Ok(Character { natural_frequency, damping_ratio, regime })
}

/// The time after which the slowest mode has shrunk to `fraction` of its size: how long the
/// system remembers a kick. `None` for a system that does not forget (not stable).
///
/// Eqn: e^{−σ t} = fraction with σ = −max Re λ(A), so t = ln(1/fraction) / σ.
/// Errors: a fraction outside (0, 1), or an eigenvalue computation that fails.
pub fn memory_time(sys: &Continuous, fraction: f64) -> Result<Option<f64>> {
    finite_scalar("the fraction", fraction)?;
    if !(fraction > 0.0 && fraction < 1.0) {
        return Err(SsmError::Domain(format!("the fraction must be in (0, 1), got {fraction}")));
    }
    if sys.stability()? != Stability::Stable {
        return Ok(None);
    }
    let sigma = -sys.spectral_abscissa()?;
    Ok(Some((1.0 / fraction).ln() / sigma))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::continuous::{mass_spring_damper, rlc_series};
    use nalgebra::DMatrix;

    #[test]
    fn a_spring_has_the_textbook_frequency_and_damping() {
        let ch = character(&mass_spring_damper(2.0, 8.0, 2.0).unwrap()).unwrap();
        assert!((ch.natural_frequency.unwrap() - 2.0).abs() < 1e-12);
        assert!((ch.damping_ratio.unwrap() - 0.25).abs() < 1e-12);
        assert_eq!(ch.regime, Regime::Underdamped);
        let regime = |m, k, c| character(&mass_spring_damper(m, k, c).unwrap()).unwrap().regime;
        assert_eq!(regime(1.0, 1.0, 0.0), Regime::Undamped);
        assert_eq!(regime(1.0, 1.0, 2.0), Regime::CriticallyDamped);
        assert_eq!(regime(1.0, 1.0, 3.0), Regime::Overdamped);
        // The RLC circuit is the same oscillator: ω₀ = 1/√(LC), ζ = (R/2)√(C/L).
        let rlc = character(&rlc_series(1.0, 0.5, 2.0).unwrap()).unwrap();
        assert!((rlc.natural_frequency.unwrap() - 1.0).abs() < 1e-12);
        assert!((rlc.damping_ratio.unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn unstable_and_marginal_systems() {
        let sys = |a: [f64; 4]| {
            Continuous::siso(DMatrix::from_row_slice(2, 2, &a), &[0.0, 1.0], &[1.0, 0.0], 0.0)
                .unwrap()
        };
        assert_eq!(character(&sys([0.25, 2.0, -2.0, 0.25])).unwrap().regime, Regime::Unstable);
        let di = character(&sys([0.0, 1.0, 0.0, 0.0])).unwrap();
        assert_eq!((di.regime, di.natural_frequency), (Regime::Marginal, None));
        assert_eq!(memory_time(&sys([0.0, 1.0, 0.0, 0.0]), 0.01).unwrap(), None);
    }

    #[test]
    fn memory_time_is_set_by_the_slowest_decay() {
        let decay = Continuous::siso(
            DMatrix::from_row_slice(2, 2, &[-0.5, 0.0, 0.0, -2.0]),
            &[1.0, 1.0],
            &[1.0, 1.0],
            0.0,
        )
        .unwrap();
        let t = memory_time(&decay, 0.01).unwrap().unwrap();
        assert!((t - 100f64.ln() / 0.5).abs() < 1e-9);
        assert!(memory_time(&decay, 1.0).is_err());
        assert!(memory_time(&decay, f64::NAN).is_err());
    }
}
