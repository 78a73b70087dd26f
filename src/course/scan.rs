//! The state of lesson 10 (`#/scan`, the parallel scan step by step) and of its bench page
//! (`#/scan/bench`), as kept in the address.

use crate::route::{Query, UrlState};
use crate::ssm::scan::Phase;
use crate::ssm::{ScanAlgorithm, ScanTrace};

/// Fewest and most values the step-by-step scan shows.
pub const N_RANGE: (usize, usize) = (4, 32);
/// The cost counters' n = 2ᵏ: the range of k.
pub const COST_K: (usize, usize) = (1, 20);
/// The long scan on the GPU, L = 2ᵏ: the range of k.
pub const LONG_K: (usize, usize) = (10, 20);

/// What the scan combines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// Digits 0–9 under +: the running sums.
    Sums,
    /// The (a, b) pairs of a one-channel selective SSM under ∘: the states h_t.
    Pairs,
}

impl Example {
    /// The name in the address.
    pub fn name(self) -> &'static str {
        match self {
            Example::Sums => "sums",
            Example::Pairs => "pairs",
        }
    }
}

/// Everything the scan lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanLesson {
    /// Numbers or SSM pairs.
    pub example: Example,
    /// Blelloch or Hillis–Steele (the stepper's algorithm).
    pub algorithm: ScanAlgorithm,
    /// How many values are scanned.
    pub n: usize,
    /// Which values (the seed they are drawn from).
    pub seed: u64,
    /// Where the stepper is: 0 shows the input, k the array after k steps (see [`positions`]).
    pub pos: usize,
    /// Which combine of the current step is spelled out.
    pub pick: usize,
    /// The first of the three neighbouring pairs p, q, r the associativity check uses.
    pub at: usize,
    /// The state h the composition figure starts from.
    pub h0: f64,
    /// The cost counters' n = 2^cost_k.
    pub cost_k: usize,
    /// The long GPU scan's L = 2^long_k.
    pub long_k: usize,
}

impl Default for ScanLesson {
    fn default() -> Self {
        ScanLesson {
            example: Example::Sums,
            algorithm: ScanAlgorithm::Blelloch,
            n: 8,
            seed: 1,
            pos: 0,
            pick: 0,
            at: 0,
            h0: -2.0,
            cost_k: 10,
            long_k: 14,
        }
    }
}

/// How many positions the stepper has for a trace: the input, every step, and for an
/// exclusive (Blelloch) trace one more — each prefix combined with its own value.
pub fn positions<T>(trace: &ScanTrace<T>) -> usize {
    1 + trace.steps.len() + usize::from(!trace.inclusive)
}

/// What the stepper shows at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The input, before any step.
    Input,
    /// After step `index` (from 0) of the trace, in `phase` at `level`.
    Step {
        /// The step's index in the trace.
        index: usize,
        /// Its phase.
        phase: Phase,
        /// Its level.
        level: usize,
    },
    /// The last position of a Blelloch trace: prefix ∘ own value, the inclusive result.
    Finish,
}

/// The stage at position `pos` (clamped to the last position).
pub fn stage_at<T>(trace: &ScanTrace<T>, pos: usize) -> Stage {
    let pos = pos.min(positions(trace) - 1);
    match pos.checked_sub(1) {
        None => Stage::Input,
        Some(i) => match trace.steps.get(i) {
            Some(s) => Stage::Step { index: i, phase: s.phase, level: s.level },
            None => Stage::Finish,
        },
    }
}

impl UrlState for ScanLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("ex", self.example.name())
            .with("algo", self.algorithm.name())
            .with("n", self.n)
            .with("seed", self.seed)
            .with("pos", self.pos)
            .with("pick", self.pick)
            .with("at", self.at)
            .with("h0", self.h0)
            .with("cost", self.cost_k)
            .with("long", self.long_k)
    }

    fn from_query(q: &Query) -> Self {
        let d = ScanLesson::default();
        let example = match q.choice("ex", &["sums", "pairs"], "sums") {
            "pairs" => Example::Pairs,
            _ => Example::Sums,
        };
        let algorithm = match q.choice("algo", &["blelloch", "hillis_steele"], "blelloch") {
            "hillis_steele" => ScanAlgorithm::HillisSteele,
            _ => ScanAlgorithm::Blelloch,
        };
        let n = q.usize_in("n", d.n, N_RANGE.0, N_RANGE.1);
        ScanLesson {
            example,
            algorithm,
            n,
            seed: q.get("seed").and_then(|s| s.parse().ok()).unwrap_or(d.seed),
            // Clamped against the trace by the view: 2·log₂(32) + 3 positions at most.
            pos: q.usize_in("pos", d.pos, 0, 16),
            pick: q.usize_in("pick", d.pick, 0, N_RANGE.1),
            at: q.usize_in("at", d.at, 0, n - 3),
            h0: q.f64_in("h0", d.h0, -2.0, 2.0),
            cost_k: q.usize_in("cost", d.cost_k, COST_K.0, COST_K.1),
            long_k: q.usize_in("long", d.long_k, LONG_K.0, LONG_K.1),
        }
    }
}

/// The sequence lengths the bench measures: 1K, 4K, …, 1M.
pub const BENCH_LENS: [usize; 6] = [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20];
/// The channel counts D the bench offers.
pub const BENCH_D: [usize; 4] = [1, 2, 4, 8];
/// The state sizes N the bench offers.
pub const BENCH_N: [usize; 4] = [1, 4, 8, 16];

/// The bench page's settings, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchPage {
    /// Channels D.
    pub d: usize,
    /// State size N.
    pub n: usize,
    /// The longest L to measure (one of [`BENCH_LENS`]).
    pub up_to: usize,
}

impl Default for BenchPage {
    fn default() -> Self {
        BenchPage { d: 2, n: 4, up_to: 1 << 12 }
    }
}

/// The most values a bench problem may hold: its inputs, (3·D + 2·N)·L, and the GPU's pairs,
/// D·N·L, each at most this (about 128 MB of f64), so the page never runs out of memory.
pub const MAX_BENCH_VALUES: usize = 1 << 24;

impl BenchPage {
    /// Whether length `len` fits [`MAX_BENCH_VALUES`] with this page's D and N.
    pub fn fits(&self, len: usize) -> bool {
        (3 * self.d + 2 * self.n) * len <= MAX_BENCH_VALUES
            && self.d * self.n * len <= MAX_BENCH_VALUES
    }

    /// The lengths a run measures, shortest first.
    pub fn lens(&self) -> Vec<usize> {
        BENCH_LENS.iter().copied().filter(|&l| l <= self.up_to).collect()
    }
}

fn one_of(q: &Query, key: &str, options: &[usize], default: usize) -> usize {
    q.get(key).and_then(|v| v.parse().ok()).filter(|v| options.contains(v)).unwrap_or(default)
}

impl UrlState for BenchPage {
    fn to_query(&self) -> Query {
        Query::default().with("d", self.d).with("n", self.n).with("upto", self.up_to)
    }

    fn from_query(q: &Query) -> Self {
        let d = BenchPage::default();
        BenchPage {
            d: one_of(q, "d", &BENCH_D, d.d),
            n: one_of(q, "n", &BENCH_N, d.n),
            up_to: one_of(q, "upto", &BENCH_LENS, d.up_to),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::scan::digits;
    use crate::ssm::{trace_blelloch, trace_hillis_steele};

    #[test]
    fn the_states_round_trip_through_the_address() {
        let s = ScanLesson {
            example: Example::Pairs,
            algorithm: ScanAlgorithm::HillisSteele,
            n: 13,
            seed: 42,
            pos: 3,
            pick: 2,
            at: 5,
            h0: -0.5,
            cost_k: 17,
            long_k: 18,
        };
        assert_eq!(ScanLesson::from_query(&s.to_query()), s);
        let b = BenchPage { d: 8, n: 16, up_to: 1 << 20 };
        assert_eq!(BenchPage::from_query(&b.to_query()), b);
    }

    #[test]
    fn garbage_gives_defaults_or_clamps() {
        let q = Query::from_hash("#/scan?ex=x&algo=bitonic&n=999&seed=-1&at=99&h0=NaN&cost=0");
        let s = ScanLesson::from_query(&q);
        assert_eq!(
            (s.example, s.algorithm, s.n, s.seed),
            (Example::Sums, ScanAlgorithm::Blelloch, 32, 1)
        );
        assert_eq!((s.at, s.h0, s.cost_k), (29, -2.0, 1));
        let b = BenchPage::from_query(&Query::from_hash("#/scan/bench?d=3&upto=5"));
        assert_eq!(b, BenchPage::default());
        assert_eq!(BenchPage::default().lens(), vec![1024, 4096]);
        assert!(BenchPage { d: 2, n: 4, up_to: 1 << 20 }.fits(1 << 20));
        assert!(!BenchPage { d: 8, n: 16, up_to: 1 << 20 }.fits(1 << 20));
        assert!(BenchPage { d: 8, n: 16, up_to: 1 << 20 }.fits(1 << 16));
    }

    #[test]
    fn positions_cover_input_steps_and_the_finish() {
        let t = trace_blelloch(&digits(8, 1)).unwrap();
        assert_eq!(positions(&t), 1 + 7 + 1);
        assert_eq!(stage_at(&t, 0), Stage::Input);
        assert_eq!(stage_at(&t, 4), Stage::Step { index: 3, phase: Phase::Clear, level: 3 });
        assert_eq!(stage_at(&t, 8), Stage::Finish);
        assert_eq!(stage_at(&t, 99), Stage::Finish);
        let h = trace_hillis_steele(&digits(8, 1)).unwrap();
        assert_eq!(positions(&h), 4);
        assert_eq!(stage_at(&h, 3), Stage::Step { index: 2, phase: Phase::Sweep, level: 2 });
    }
}
