//! Scans as an algebra: the [`Monoid`] trait, its instances for sums and for SSM pairs, and three
//! prefix-scan algorithms — sequential, Hillis–Steele and Blelloch — that record their steps.
//!
//! ## Conventions
//!
//! For values x₀ … x_{n−1} and an associative operator ∘ with identity e:
//! - the **inclusive** scan is out\[i\] = x₀ ∘ x₁ ∘ … ∘ xᵢ (sequential and Hillis–Steele);
//! - the **exclusive** scan is out\[0\] = e, out\[i\] = x₀ ∘ … ∘ x_{i−1} (Blelloch).
//!
//! Operands keep their order: `a.combine(&b)` is a ∘ b with `a` the *earlier* element. For the
//! SSM pair, (a₁,b₁)∘(a₂,b₂) = (a₁a₂, a₂b₁ + b₂) means "run step 1, then step 2" on the linear
//! recurrence h ← a·h + b, which is associative but not commutative.
//!
//! ## Steps and costs
//!
//! A parallel scan proceeds in *steps*; in one step every listed pair is combined at once. Each
//! [`ScanStep`] records its [`Phase`], its level, the index pairs `(l, r)` it combined and the
//! whole array after the step:
//!
//! - Hillis–Steele, level k = 0, 1, …, ⌈log₂ n⌉−1 (phase `sweep`): offset s = 2ᵏ, pairs
//!   (r−s, r) for r = s … n−1, and x\[r\] ← x\[r−s\] ∘ x\[r\] using the values before the step.
//!   No padding; ⌈log₂ n⌉ steps and Σₖ (n − 2ᵏ) combines.
//! - Blelloch on the input padded with the identity to p = 2^m ≥ n:
//!   - up-sweep, level k = 0 … m−1: pairs (r − 2ᵏ, r) for r = 2ᵏ⁺¹−1, 2·2ᵏ⁺¹−1, … < p, and
//!     x\[r\] ← x\[l\] ∘ x\[r\] (the right node becomes the reduction of its subtree);
//!   - clear, level m: the root x\[p−1\] ← e (no pairs, no combine);
//!   - down-sweep, level k = m−1 … 0: the same pairs as the up-sweep at level k, and
//!     (x\[l\], x\[r\]) ← (x\[r\], x\[r\] ∘ x\[l\]): the left child inherits the prefix before
//!     the subtree, the right child appends the left subtree's reduction *after* it.
//!
//!   So a trace has 2m + 1 steps (m up, 1 clear, m down) and each sweep does p − 1 combines.
//!
//! [`ScanCost`] counts work (combines) and depth (steps that combine; the clear step is a single
//! write and is not counted). The trace's steps and the formulas in [`cost`] are tested equal.

use super::{Result, SsmError};
use serde::Serialize;

/// Longest input a recorded trace accepts: a trace stores the whole array after every step.
pub const MAX_TRACE_LEN: usize = 1 << 16;

/// An associative operation with an identity: `combine` must satisfy
/// (a∘b)∘c = a∘(b∘c) and e∘a = a∘e = a. It need not be commutative.
pub trait Monoid: Clone {
    /// The identity element e.
    fn identity() -> Self;
    /// `self ∘ rhs`, with `self` the earlier operand.
    fn combine(&self, rhs: &Self) -> Self;
}

/// Real numbers under addition: the scan is the running sum (identity 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Sum(pub f64);

impl Monoid for Sum {
    fn identity() -> Self {
        Sum(0.0)
    }

    fn combine(&self, rhs: &Self) -> Self {
        Sum(self.0 + rhs.0)
    }
}

/// One step h ← a·h + b of a scalar linear recurrence; serialized as `[a, b]`.
///
/// Composition: (a₁,b₁)∘(a₂,b₂) = (a₁a₂, a₂b₁ + b₂), identity (1, 0). Scanning the pairs
/// (Ā_t, B̄_t·x_t) gives in the second component the state h_t started from h₋₁ = 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(into = "[f64; 2]")]
pub struct SsmPair {
    /// The multiplier Ā_t of the previous state.
    pub a: f64,
    /// The additive input term B̄_t·x_t.
    pub b: f64,
}

impl From<SsmPair> for [f64; 2] {
    fn from(p: SsmPair) -> [f64; 2] {
        [p.a, p.b]
    }
}

impl Monoid for SsmPair {
    fn identity() -> Self {
        SsmPair { a: 1.0, b: 0.0 }
    }

    // Applying h ↦ a₁h + b₁ and then h ↦ a₂h + b₂ gives h ↦ a₂a₁h + (a₂b₁ + b₂).
    fn combine(&self, rhs: &Self) -> Self {
        SsmPair { a: self.a * rhs.a, b: rhs.a * self.b + rhs.b }
    }
}

/// Which prefix-scan algorithm to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanAlgorithm {
    /// One combine after another: n−1 combines, n−1 steps.
    Sequential,
    /// Work-efficient up-sweep / clear / down-sweep on a power-of-two padding; exclusive.
    Blelloch,
    /// Step-doubling: ⌈log₂ n⌉ steps, O(n log n) combines; inclusive.
    HillisSteele,
}

impl ScanAlgorithm {
    /// All algorithms, in the order the lessons present them.
    pub const ALL: [ScanAlgorithm; 3] =
        [ScanAlgorithm::Sequential, ScanAlgorithm::Blelloch, ScanAlgorithm::HillisSteele];

    /// The snake_case name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ScanAlgorithm::Sequential => "sequential",
            ScanAlgorithm::Blelloch => "blelloch",
            ScanAlgorithm::HillisSteele => "hillis_steele",
        }
    }

    /// The algorithm with the given snake_case name.
    pub fn from_name(name: &str) -> Result<ScanAlgorithm> {
        ScanAlgorithm::ALL.into_iter().find(|a| a.name() == name).ok_or_else(|| {
            SsmError::Domain(format!(
                "unknown scan algorithm {name:?}; known: sequential, blelloch, hillis_steele"
            ))
        })
    }
}

/// The phase a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// A Hillis–Steele step.
    Sweep,
    /// A Blelloch up-sweep (reduce) step.
    UpSweep,
    /// The Blelloch step that puts the identity at the root.
    Clear,
    /// A Blelloch down-sweep (distribute) step.
    DownSweep,
}

/// One step of a parallel scan, as the scan lesson animates it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanStep<T> {
    /// Which phase the step belongs to.
    pub phase: Phase,
    /// The tree level: pairs at level k are 2ᵏ apart (the clear step has level m = log₂ p).
    pub level: usize,
    /// The index pairs (l, r), l < r, combined in this step; see the module doc for the rule.
    pub pairs: Vec<(usize, usize)>,
    /// The whole (padded) array after the step.
    pub array: Vec<T>,
}

/// Work and depth of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScanCost {
    /// Number of `combine` calls.
    pub work: usize,
    /// Number of steps that combine (each step's combines are independent of each other).
    pub depth: usize,
}

/// A recorded run of a parallel scan: its input, every step, and the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanTrace<T> {
    /// The algorithm that ran (Blelloch or Hillis–Steele).
    pub algorithm: ScanAlgorithm,
    /// Whether `result` is the inclusive (true) or exclusive (false) scan.
    pub inclusive: bool,
    /// The input, without padding.
    pub input: Vec<T>,
    /// Length of the array the steps work on: the next power of two for Blelloch, n otherwise.
    pub padded_len: usize,
    /// Every step in order.
    pub steps: Vec<ScanStep<T>>,
    /// The scan of the input (n entries, padding removed).
    pub result: Vec<T>,
    /// Work and depth, counted from the steps.
    pub cost: ScanCost,
}

/// ⌈log₂ n⌉ for n ≥ 1 (and 0 for n ≤ 1).
fn ceil_log2(n: usize) -> usize {
    n.next_power_of_two().trailing_zeros() as usize
}

/// The pairs of a Blelloch sweep at `level` on a power-of-two array of length `p`.
fn blelloch_pairs(level: usize, p: usize) -> impl DoubleEndedIterator<Item = (usize, usize)> {
    let half = 1 << level;
    (2 * half - 1..p).step_by(2 * half).map(move |r| (r - half, r))
}

/// The pairs of a Hillis–Steele step at `level` on an array of length `n`.
fn hillis_steele_pairs(level: usize, n: usize) -> impl DoubleEndedIterator<Item = (usize, usize)> {
    let offset = 1 << level;
    (offset..n).map(move |r| (r - offset, r))
}

/// Work and depth of `algorithm` on n elements, from the formulas in the module doc.
pub fn cost(algorithm: ScanAlgorithm, n: usize) -> ScanCost {
    match algorithm {
        ScanAlgorithm::Sequential => {
            let steps = n.saturating_sub(1);
            ScanCost { work: steps, depth: steps }
        }
        ScanAlgorithm::HillisSteele => {
            let depth = ceil_log2(n);
            ScanCost { work: (0..depth).map(|k| n - (1 << k)).sum(), depth }
        }
        ScanAlgorithm::Blelloch => {
            let p = n.next_power_of_two();
            ScanCost { work: 2 * (p - 1), depth: 2 * ceil_log2(p) }
        }
    }
}

/// Inclusive scan, one combine after another.
pub fn scan_sequential<T: Monoid>(xs: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(xs.len());
    let mut rest = xs.iter();
    if let Some(first) = rest.next() {
        let mut acc = first.clone();
        out.push(acc.clone());
        for x in rest {
            acc = acc.combine(x);
            out.push(acc.clone());
        }
    }
    out
}

/// Hillis–Steele in place; `on_step(level, array)` sees the array after each step.
fn hillis_steele_in_place<T: Monoid>(buf: &mut [T], mut on_step: impl FnMut(usize, &[T])) {
    for level in 0..ceil_log2(buf.len()) {
        // Going from right to left, x[l] (l < r) still holds its value from before this step,
        // which is what the synchronous parallel step reads.
        for (l, r) in hillis_steele_pairs(level, buf.len()).rev() {
            buf[r] = buf[l].combine(&buf[r]);
        }
        on_step(level, buf);
    }
}

/// Blelloch in place on a power-of-two `buf`; `on_step(phase, level, array)` after each step.
fn blelloch_in_place<T: Monoid>(buf: &mut [T], mut on_step: impl FnMut(Phase, usize, &[T])) {
    let p = buf.len();
    let levels = p.trailing_zeros() as usize;
    for level in 0..levels {
        for (l, r) in blelloch_pairs(level, p) {
            buf[r] = buf[l].combine(&buf[r]);
        }
        on_step(Phase::UpSweep, level, buf);
    }
    buf[p - 1] = T::identity();
    on_step(Phase::Clear, levels, buf);
    for level in (0..levels).rev() {
        for (l, r) in blelloch_pairs(level, p) {
            // x[r] holds the prefix before this subtree, x[l] the left half's reduction.
            let prefix = buf[r].clone();
            buf[r] = prefix.combine(&buf[l]);
            buf[l] = prefix;
        }
        on_step(Phase::DownSweep, level, buf);
    }
}

/// The input padded with the identity to the next power of two (empty stays empty).
fn padded<T: Monoid>(xs: &[T]) -> Vec<T> {
    let mut buf = xs.to_vec();
    if !xs.is_empty() {
        buf.resize(xs.len().next_power_of_two(), T::identity());
    }
    buf
}

/// Inclusive scan by Hillis–Steele.
pub fn scan_hillis_steele<T: Monoid>(xs: &[T]) -> Vec<T> {
    let mut buf = xs.to_vec();
    hillis_steele_in_place(&mut buf, |_, _| {});
    buf
}

/// Exclusive scan by Blelloch (out\[0\] is the identity).
pub fn scan_blelloch<T: Monoid>(xs: &[T]) -> Vec<T> {
    if xs.is_empty() {
        return Vec::new();
    }
    let mut buf = padded(xs);
    blelloch_in_place(&mut buf, |_, _, _| {});
    buf.truncate(xs.len());
    buf
}

/// The inclusive scan by any algorithm (for Blelloch, out\[i\] = exclusive\[i\] ∘ xᵢ).
pub fn inclusive_scan<T: Monoid>(xs: &[T], algorithm: ScanAlgorithm) -> Vec<T> {
    match algorithm {
        ScanAlgorithm::Sequential => scan_sequential(xs),
        ScanAlgorithm::HillisSteele => scan_hillis_steele(xs),
        ScanAlgorithm::Blelloch => {
            scan_blelloch(xs).iter().zip(xs).map(|(before, x)| before.combine(x)).collect()
        }
    }
}

fn check_trace_len(n: usize) -> Result<()> {
    if n > MAX_TRACE_LEN {
        return Err(SsmError::TooLarge(format!(
            "a scan trace records every step; at most {MAX_TRACE_LEN} values, got {n}"
        )));
    }
    Ok(())
}

/// The work (pairs) of recorded steps and their depth (steps with at least one pair).
fn counted_cost<T>(steps: &[ScanStep<T>]) -> ScanCost {
    ScanCost {
        work: steps.iter().map(|s| s.pairs.len()).sum(),
        depth: steps.iter().filter(|s| s.phase != Phase::Clear).count(),
    }
}

/// Hillis–Steele with every step recorded (inclusive result).
pub fn trace_hillis_steele<T: Monoid>(xs: &[T]) -> Result<ScanTrace<T>> {
    check_trace_len(xs.len())?;
    let mut buf = xs.to_vec();
    let mut steps = Vec::new();
    hillis_steele_in_place(&mut buf, |level, array| {
        steps.push(ScanStep {
            phase: Phase::Sweep,
            level,
            pairs: hillis_steele_pairs(level, array.len()).collect(),
            array: array.to_vec(),
        });
    });
    Ok(ScanTrace {
        algorithm: ScanAlgorithm::HillisSteele,
        inclusive: true,
        input: xs.to_vec(),
        padded_len: xs.len(),
        cost: counted_cost(&steps),
        steps,
        result: buf,
    })
}

/// Blelloch with every step recorded (exclusive result). An empty input has no steps.
pub fn trace_blelloch<T: Monoid>(xs: &[T]) -> Result<ScanTrace<T>> {
    check_trace_len(xs.len())?;
    let mut steps = Vec::new();
    let mut buf = padded(xs);
    if !xs.is_empty() {
        blelloch_in_place(&mut buf, |phase, level, array| {
            let pairs = match phase {
                Phase::Clear => Vec::new(),
                _ => blelloch_pairs(level, array.len()).collect(),
            };
            steps.push(ScanStep { phase, level, pairs, array: array.to_vec() });
        });
    }
    let padded_len = buf.len();
    buf.truncate(xs.len());
    Ok(ScanTrace {
        algorithm: ScanAlgorithm::Blelloch,
        inclusive: false,
        input: xs.to_vec(),
        padded_len,
        cost: counted_cost(&steps),
        steps,
        result: buf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(xs: &[f64]) -> Vec<Sum> {
        xs.iter().map(|&x| Sum(x)).collect()
    }

    #[test]
    fn running_sums_by_every_algorithm() {
        let xs = sums(&[3.0, 1.0, 7.0, 0.0, 4.0, 1.0, 6.0, 3.0, 2.0]);
        let inclusive = sums(&[3.0, 4.0, 11.0, 11.0, 15.0, 16.0, 22.0, 25.0, 27.0]);
        let exclusive = sums(&[0.0, 3.0, 4.0, 11.0, 11.0, 15.0, 16.0, 22.0, 25.0]);
        assert_eq!(scan_sequential(&xs), inclusive);
        assert_eq!(scan_hillis_steele(&xs), inclusive);
        assert_eq!(scan_blelloch(&xs), exclusive);
        for algorithm in ScanAlgorithm::ALL {
            assert_eq!(inclusive_scan(&xs, algorithm), inclusive, "{algorithm:?}");
        }
    }

    #[test]
    fn blelloch_trace_of_eight_matches_the_textbook_figure() {
        // The classic example (Blelloch 1990): [3 1 7 0 4 1 6 3].
        let t = trace_blelloch(&sums(&[3.0, 1.0, 7.0, 0.0, 4.0, 1.0, 6.0, 3.0])).unwrap();
        let arrays: Vec<Vec<f64>> =
            t.steps.iter().map(|s| s.array.iter().map(|x| x.0).collect()).collect();
        assert_eq!(arrays[0], [3.0, 4.0, 7.0, 7.0, 4.0, 5.0, 6.0, 9.0]);
        assert_eq!(arrays[2], [3.0, 4.0, 7.0, 11.0, 4.0, 5.0, 6.0, 25.0]);
        assert_eq!(arrays[3], [3.0, 4.0, 7.0, 11.0, 4.0, 5.0, 6.0, 0.0]);
        assert_eq!(arrays[6], [0.0, 3.0, 4.0, 11.0, 11.0, 15.0, 16.0, 22.0]);
        assert_eq!(t.steps[1].pairs, [(1, 3), (5, 7)]);
        assert_eq!(t.steps[4].pairs, [(3, 7)]);
    }

    #[test]
    fn names_round_trip() {
        for a in ScanAlgorithm::ALL {
            assert_eq!(ScanAlgorithm::from_name(a.name()), Ok(a));
        }
        assert!(ScanAlgorithm::from_name("bitonic").is_err());
    }
}
