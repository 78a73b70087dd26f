//! The small systems and token sequences that the discretization and two-views lessons share:
//! five 2-state SISO systems, one for each behaviour worth seeing (decay, damped and undamped
//! oscillation, an integrator, growth), and a few input patterns.
//!
//! A second menu of the same kind as the continuous lesson's [`Preset`](super::continuous::Preset)s
//! (built by the same [`two_state`]), kept apart because the two menus give one name to different
//! systems (`decay`, `oscillator`, `damped`, `unstable`) and both names are in shared addresses.

use crate::explain::continuous::two_state;
use crate::ssm::validate::by_name;
use crate::ssm::{Continuous, Rng, Stability};

/// A 2-state SISO example system, named in the address by [`Example::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Example {
    /// A mass on a spring with damping: λ = −0.4 ± 1.96i.
    #[default]
    Damped,
    /// Two leaky memories in a chain, one slow and one fast: λ = −1, −6.
    Decay,
    /// A spring without damping: λ = ±2i, nothing decays.
    Oscillator,
    /// The double integrator (position from acceleration): λ = 0, 0, and A is singular.
    Integrator,
    /// A spring with negative damping: λ = 0.2 ± 1.99i, it grows.
    Unstable,
}

impl Example {
    /// Every example, in the order the menus show them.
    pub const ALL: [Example; 5] = [
        Example::Damped,
        Example::Decay,
        Example::Oscillator,
        Example::Integrator,
        Example::Unstable,
    ];

    /// The name used in the address and as the catalogue key suffix.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The example named `name`, if any.
    pub fn from_name(name: &str) -> Option<Example> {
        by_name("example", &Example::ALL, name).ok()
    }

    /// A as a row-major 2×2 array, B, C and D. The oscillators are in companion form (position,
    /// velocity) with C scaled so that a constant input gives the same constant output.
    fn matrices(self) -> ([f64; 4], [f64; 2], [f64; 2], f64) {
        match self {
            Example::Damped => ([0.0, 1.0, -4.0, -0.8], [0.0, 1.0], [4.0, 0.0], 0.0),
            Example::Decay => ([-1.0, 0.0, 1.0, -6.0], [1.0, 0.0], [0.0, 6.0], 0.0),
            Example::Oscillator => ([0.0, 1.0, -4.0, 0.0], [0.0, 1.0], [4.0, 0.0], 0.0),
            Example::Integrator => ([0.0, 1.0, 0.0, 0.0], [0.0, 1.0], [1.0, 0.0], 0.0),
            Example::Unstable => ([0.0, 1.0, -4.0, 0.4], [0.0, 1.0], [4.0, 0.0], 0.0),
        }
    }

    /// The continuous system h' = Ah + Bx, y = Ch + Dx.
    pub fn system(self) -> Continuous {
        let (a, b, c, d) = self.matrices();
        // The matrices above are finite and of matching shapes.
        two_state(a, b, c, d).expect("the example systems are valid")
    }

    /// Whether the continuous system decays, stays, or grows.
    pub fn stability(self) -> Stability {
        self.system().stability().unwrap_or(Stability::Unstable)
    }
}

/// An input pattern of tokens, named in the address by [`Tokens::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Tokens {
    /// Varied values, like a sentence's tokens seen through one channel (seeded, repeatable).
    #[default]
    Mixed,
    /// One token of 1, then zeros: the output is the system's impulse response, the kernel.
    Impulse,
    /// All ones.
    Step,
    /// 1, −1, 1, −1, …
    Alternating,
}

impl Tokens {
    /// Every pattern, in the order the menus show them.
    pub const ALL: [Tokens; 4] =
        [Tokens::Mixed, Tokens::Impulse, Tokens::Step, Tokens::Alternating];

    /// The name used in the address and as the catalogue key suffix.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The pattern named `name`, if any.
    pub fn from_name(name: &str) -> Option<Tokens> {
        by_name("token pattern", &Tokens::ALL, name).ok()
    }

    /// The first `len` tokens of the pattern.
    pub fn values(self, len: usize) -> Vec<f64> {
        match self {
            Tokens::Mixed => {
                let mut rng = Rng::new(11);
                // Values in [−1, 1] rounded to tenths, so the staircase reads easily.
                (0..len).map(|_| (rng.uniform_in(-1.0, 1.0) * 10.0).round() / 10.0).collect()
            }
            Tokens::Impulse => (0..len).map(|k| if k == 0 { 1.0 } else { 0.0 }).collect(),
            Tokens::Step => vec![1.0; len],
            Tokens::Alternating => (0..len).map(|k| if k % 2 == 0 { 1.0 } else { -1.0 }).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_have_the_stability_their_names_promise() {
        assert_eq!(Example::Damped.stability(), Stability::Stable);
        assert_eq!(Example::Decay.stability(), Stability::Stable);
        assert_eq!(Example::Oscillator.stability(), Stability::Marginal);
        assert_eq!(Example::Integrator.stability(), Stability::Marginal);
        assert_eq!(Example::Unstable.stability(), Stability::Unstable);
        for e in Example::ALL {
            assert_eq!(Example::from_name(e.name()), Some(e));
        }
    }

    #[test]
    fn token_patterns_are_repeatable_and_bounded() {
        for t in Tokens::ALL {
            assert_eq!(Tokens::from_name(t.name()), Some(t));
            let v = t.values(9);
            assert_eq!(v.len(), 9);
            assert_eq!(v, t.values(9));
            assert!(v.iter().all(|x| (-1.0..=1.0).contains(x)));
        }
        let mixed = Tokens::Mixed.values(12);
        assert!(mixed.iter().any(|&x| x > 0.2) && mixed.iter().any(|&x| x < -0.2));
        assert_eq!(Tokens::Impulse.values(3), vec![1.0, 0.0, 0.0]);
    }
}
