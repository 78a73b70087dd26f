//! The state of lesson 4 (`#/views`, recurrence and convolution) as kept in the address: the
//! example system, the step Δ, the input, its length L, and the step k the animation is at.

use crate::explain::examples::{Example, Tokens};
use crate::route::{Query, UrlState};

/// The shortest and longest input the lesson animates.
pub const LEN_RANGE: (usize, usize) = (4, 64);
/// The smallest and largest step Δ the slider offers.
pub const DELTA_RANGE: (f64, f64) = (0.02, 1.5);
/// The longest sequence on the cost charts (their x axis runs from 2 to here).
pub const COST_MAX_LEN: usize = 1 << 16;
/// The largest state size N the cost counters offer.
pub const MAX_COST_STATES: usize = 256;

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewsLesson {
    /// The continuous system, discretized by ZOH.
    pub example: Example,
    /// The step Δ.
    pub delta: f64,
    /// The input pattern.
    pub tokens: Tokens,
    /// The input length L.
    pub len: usize,
    /// The step the animation shows, 0 … L − 1.
    pub k: usize,
    /// The state size N the cost counters assume (the systems here have 2; Mamba uses 16).
    pub states: usize,
}

impl Default for ViewsLesson {
    fn default() -> Self {
        ViewsLesson {
            example: Example::Damped,
            delta: 0.3,
            tokens: Tokens::Mixed,
            len: 24,
            k: 6,
            states: 16,
        }
    }
}

impl UrlState for ViewsLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("sys", self.example.name())
            .with("d", self.delta)
            .with("x", self.tokens.name())
            .with("l", self.len)
            .with("k", self.k)
            .with("n", self.states)
    }

    fn from_query(q: &Query) -> Self {
        let d = ViewsLesson::default();
        let len = q.usize_in("l", d.len, LEN_RANGE.0, LEN_RANGE.1);
        ViewsLesson {
            example: q.get("sys").and_then(Example::from_name).unwrap_or(d.example),
            delta: q.f64_in("d", d.delta, DELTA_RANGE.0, DELTA_RANGE.1),
            tokens: q.get("x").and_then(Tokens::from_name).unwrap_or(d.tokens),
            len,
            k: q.usize_in("k", d.k.min(len - 1), 0, len - 1),
            states: q.usize_in("n", d.states, 1, MAX_COST_STATES),
        }
    }
}

impl ViewsLesson {
    /// The input tokens x_0 … x_{L−1}.
    pub fn input(&self) -> Vec<f64> {
        self.tokens.values(self.len)
    }

    /// This state at step `k`, kept within 0 … L − 1.
    pub fn at(&self, k: isize) -> ViewsLesson {
        ViewsLesson { k: k.clamp(0, self.len as isize - 1) as usize, ..self.clone() }
    }

    /// This state with length `len`, the step kept inside the new length.
    pub fn with_len(&self, len: usize) -> ViewsLesson {
        let len = len.clamp(LEN_RANGE.0, LEN_RANGE.1);
        ViewsLesson { len, k: self.k.min(len - 1), ..self.clone() }
    }
}

/// The lengths at which the cost charts are evaluated: powers of two from 2 to [`COST_MAX_LEN`].
pub fn cost_lengths() -> Vec<usize> {
    (1..=COST_MAX_LEN.ilog2()).map(|p| 1 << p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let s = ViewsLesson {
            example: Example::Decay,
            delta: 0.85,
            tokens: Tokens::Alternating,
            len: 40,
            k: 39,
            states: 64,
        };
        assert_eq!(ViewsLesson::from_query(&s.to_query()), s);
        assert_eq!(ViewsLesson::from_query(&Query::default()), ViewsLesson::default());
    }

    #[test]
    fn garbage_gives_defaults_and_the_step_stays_inside_the_input() {
        let s =
            ViewsLesson::from_query(&Query::from_hash("#/views?sys=x&d=abc&x=zz&l=9&k=500&n=9999"));
        let d = ViewsLesson::default();
        assert_eq!((s.example, s.delta, s.tokens), (d.example, d.delta, d.tokens));
        assert_eq!((s.len, s.k, s.states), (9, 8, MAX_COST_STATES));
        let short = ViewsLesson::from_query(&Query::from_hash("#/views?l=1"));
        assert_eq!((short.len, short.k), (LEN_RANGE.0, LEN_RANGE.0 - 1));
        assert_eq!(s.at(-3).k, 0);
        assert_eq!(s.at(100).k, 8);
        assert_eq!(d.with_len(100).len, LEN_RANGE.1);
        assert_eq!(ViewsLesson { k: 20, ..d.clone() }.with_len(5).k, 4);
        assert_eq!(s.input().len(), 9);
        assert_eq!(cost_lengths().first(), Some(&2));
        assert_eq!(cost_lengths().last(), Some(&COST_MAX_LEN));
    }
}
