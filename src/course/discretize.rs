//! The state of lesson 3 (`#/discretize`, zero-order hold) as kept in the address: the example
//! system, the step Δ, the rule compared with the exact solution, the input tokens, and the
//! settings of the three question panels (Taylor order, Euler sub-steps, integral strips).

use crate::explain::examples::{Example, Tokens};
use crate::route::{Query, UrlState};
use crate::ssm::Method;

/// Tokens in the lesson's input.
pub const TOKENS: usize = 12;
/// The smallest and largest step Δ the slider offers.
pub const DELTA_RANGE: (f64, f64) = (0.02, 2.0);
/// The highest Taylor order K.
pub const MAX_ORDER: usize = 20;
/// The most Euler sub-steps n.
pub const MAX_SUBSTEPS: usize = 64;
/// The most strips for the integral of Bbar.
pub const MAX_STRIPS: usize = 32;
/// Samples per step of the exact continuous response.
pub const SAMPLES_PER_STEP: usize = 24;
/// The initial state of the Euler panel, h₀ = (1, 0).
pub const H0: [f64; 2] = [1.0, 0.0];

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscretizeLesson {
    /// The continuous system.
    pub example: Example,
    /// The step Δ each token is held for.
    pub delta: f64,
    /// The rule whose samples are compared with the exact response.
    pub method: Method,
    /// The input tokens.
    pub tokens: Tokens,
    /// The Taylor order K of the partial sum of exp(ΔA).
    pub order: usize,
    /// Euler sub-steps n in one step Δ.
    pub substeps: usize,
    /// Midpoint strips for ∫₀^Δ exp(As) ds · B.
    pub strips: usize,
}

impl Default for DiscretizeLesson {
    fn default() -> Self {
        DiscretizeLesson {
            example: Example::Damped,
            delta: 0.5,
            method: Method::Zoh,
            tokens: Tokens::Mixed,
            order: 2,
            substeps: 4,
            strips: 4,
        }
    }
}

impl UrlState for DiscretizeLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("sys", self.example.name())
            .with("d", self.delta)
            .with("m", self.method.name())
            .with("x", self.tokens.name())
            .with("k", self.order)
            .with("n", self.substeps)
            .with("q", self.strips)
    }

    fn from_query(q: &Query) -> Self {
        let d = DiscretizeLesson::default();
        DiscretizeLesson {
            example: q.get("sys").and_then(Example::from_name).unwrap_or(d.example),
            delta: q.f64_in("d", d.delta, DELTA_RANGE.0, DELTA_RANGE.1),
            method: q.get("m").and_then(|m| m.parse().ok()).unwrap_or(d.method),
            tokens: q.get("x").and_then(Tokens::from_name).unwrap_or(d.tokens),
            order: q.usize_in("k", d.order, 0, MAX_ORDER),
            substeps: q.usize_in("n", d.substeps, 1, MAX_SUBSTEPS),
            strips: q.usize_in("q", d.strips, 1, MAX_STRIPS),
        }
    }
}

/// The sub-step counts of the Euler convergence chart: 1, 2, 4, …, 1024.
pub fn substep_ladder() -> Vec<usize> {
    (0..=10).map(|p| 1 << p).collect()
}

/// The steps Δ at which the eigenvalue paths are drawn: from the slider's smallest to its
/// largest value.
pub fn locus_steps() -> Vec<f64> {
    let (lo, hi) = DELTA_RANGE;
    (0..=120).map(|i| lo + (hi - lo) * f64::from(i) / 120.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let s = DiscretizeLesson {
            example: Example::Integrator,
            delta: 1.37,
            method: Method::Euler,
            tokens: Tokens::Impulse,
            order: 7,
            substeps: 33,
            strips: 9,
        };
        assert_eq!(DiscretizeLesson::from_query(&s.to_query()), s);
        assert_eq!(DiscretizeLesson::from_query(&Query::default()), DiscretizeLesson::default());
    }

    #[test]
    fn garbage_gives_defaults_and_out_of_range_values_are_clamped() {
        let q = Query::from_hash("#/discretize?sys=moon&d=NaN&m=rk4&x=&k=99&n=0&q=-3");
        let s = DiscretizeLesson::from_query(&q);
        let d = DiscretizeLesson::default();
        assert_eq!(
            (s.example, s.delta, s.method, s.tokens),
            (d.example, d.delta, d.method, d.tokens)
        );
        assert_eq!((s.order, s.substeps, s.strips), (MAX_ORDER, 1, d.strips));
        let far = DiscretizeLesson::from_query(&Query::from_hash("#/discretize?d=50"));
        assert_eq!(far.delta, DELTA_RANGE.1);
    }

    #[test]
    fn the_sweeps_cover_the_slider() {
        let steps = locus_steps();
        assert_eq!(steps.first(), Some(&DELTA_RANGE.0));
        assert!((steps.last().unwrap() - DELTA_RANGE.1).abs() < 1e-12);
        assert_eq!(substep_ladder().last(), Some(&1024));
    }
}
