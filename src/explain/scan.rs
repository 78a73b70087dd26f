//! What the scan lesson shows about a parallel scan, step by step: which inputs every node of
//! the array holds after each step (a [`Word`] over the input indices), whether its value equals
//! folding those inputs one after another — the sequential recurrence — and the arithmetic of
//! one combine with its live operands. Also the two small examples the lesson scans (running
//! sums of digits, and the (a, b) pairs of a one-channel selective SSM) and [`Swapped`], the
//! mistake of combining operands in the wrong order.
//!
//! A node's word is found by running the *same* traced algorithm on the indices themselves
//! under concatenation (the free monoid): what the algorithm does to the numbers, it does to
//! the words. A correct scan only ever concatenates neighbouring ranges, so every word is one
//! contiguous range `lo..hi`; [`Word`] stores runs, so a wrong order (as [`Swapped`] makes) is
//! visible as a word whose runs are out of order.

use crate::ssm::scan::Phase;
use crate::ssm::{
    BRule, Monoid, Result, Rng, ScanAlgorithm, ScanTrace, SelectiveScanInput, SsmError, SsmPair,
    Sum, scan_sequential, trace_blelloch, trace_channel, trace_hillis_steele,
};
use nalgebra::DMatrix;
use serde::Serialize;
use std::ops::Range;

/// Longest input whose steps [`check_trace`] verifies (each node is refolded from its inputs).
pub const MAX_CHECK_LEN: usize = 256;

/// The inputs a node holds, in the order they were combined, as runs of consecutive indices:
/// `[2..4, 4..6]` never occurs (neighbouring runs merge), `[4..6, 2..4]` means x₄∘x₅∘x₂∘x₃.
/// The empty word is the identity.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Word(Vec<Range<usize>>);

impl Word {
    /// The word of the single input `i`.
    pub fn single(i: usize) -> Word {
        Word::range(i..i + 1)
    }

    /// The word xₗₒ∘…∘x_{hi−1} (the identity for an empty range).
    pub fn range(r: Range<usize>) -> Word {
        let mut runs = Vec::new();
        if !r.is_empty() {
            runs.push(r);
        }
        Word(runs)
    }

    /// The runs of consecutive indices, in order.
    pub fn runs(&self) -> &[Range<usize>] {
        &self.0
    }

    /// `Some(lo..hi)` when the word is xₗₒ∘…∘x_{hi−1} in increasing order (`Some(0..0)` for
    /// the identity), `None` when its inputs are out of order.
    pub fn as_range(&self) -> Option<Range<usize>> {
        match self.0.as_slice() {
            [] => Some(0..0),
            [run] => Some(run.clone()),
            _ => None,
        }
    }

    /// The indices in order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().flat_map(|r| r.clone())
    }
}

impl Monoid for Word {
    fn identity() -> Self {
        Word(Vec::new())
    }

    // Concatenation: self's inputs, then rhs's.
    fn combine(&self, rhs: &Self) -> Self {
        let mut runs = self.0.clone();
        for run in &rhs.0 {
            match runs.last_mut() {
                Some(last) if last.end == run.start => last.end = run.end,
                _ => runs.push(run.clone()),
            }
        }
        Word(runs)
    }
}

impl SsmPair {
    /// The step as a map of the state: h ↦ a·h + b (a straight line in h).
    pub fn apply(&self, h: f64) -> f64 {
        self.a * h + self.b
    }
}

/// A monoid whose values the lesson compares: how far apart two values are.
pub trait Measured: Monoid {
    /// The largest absolute difference between the components of `self` and `other`.
    fn distance(&self, other: &Self) -> f64;
}

impl Measured for Sum {
    fn distance(&self, other: &Self) -> f64 {
        (self.0 - other.0).abs()
    }
}

impl Measured for SsmPair {
    fn distance(&self, other: &Self) -> f64 {
        (self.a - other.a).abs().max((self.b - other.b).abs())
    }
}

/// The algorithm's trace run on the indices 0 … n−1 themselves: `steps[s].array[i]` is the word
/// node i holds after step s (padding nodes start as the identity, the empty word).
pub fn word_trace(algorithm: ScanAlgorithm, n: usize) -> Result<ScanTrace<Word>> {
    let words: Vec<Word> = (0..n).map(Word::single).collect();
    match algorithm {
        ScanAlgorithm::Blelloch => trace_blelloch(&words),
        ScanAlgorithm::HillisSteele => trace_hillis_steele(&words),
        ScanAlgorithm::Sequential => Err(SsmError::Domain(
            "the sequential loop has no parallel steps to trace; pick blelloch or hillis_steele"
                .into(),
        )),
    }
}

/// The fold x_{i₁}∘x_{i₂}∘… of the inputs a word names, one combine after another (what the
/// sequential loop computes for that stretch); the identity for the empty word.
pub fn fold_word<T: Monoid>(input: &[T], word: &Word) -> Result<T> {
    let mut acc = T::identity();
    for i in word.indices() {
        let x = input.get(i).ok_or_else(|| {
            SsmError::Domain(format!("the word names input {i} of only {}", input.len()))
        })?;
        acc = acc.combine(x);
    }
    Ok(acc)
}

/// One node after one step: what it should hold and how far its value is from that.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeCheck<T> {
    /// The inputs the node holds, in order.
    pub word: Word,
    /// Those inputs folded one after another: the sequential recurrence over that stretch.
    pub expected: T,
    /// [`Measured::distance`] between the node's value and `expected`.
    pub error: f64,
}

/// Every node of one step, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCheck<T> {
    /// One entry per node of the (padded) array.
    pub nodes: Vec<NodeCheck<T>>,
    /// The largest error of the step.
    pub max_error: f64,
    /// Whether every node agrees within the tolerance and every word is in increasing order.
    pub agrees: bool,
}

/// Checks every step of `trace` (Blelloch or Hillis–Steele): each node's value must equal the
/// sequential fold of the inputs its word names, within `tolerance` relative to the largest
/// magnitude involved, and every word must be a range in increasing order.
pub fn check_trace<T: Measured>(trace: &ScanTrace<T>, tolerance: f64) -> Result<Vec<StepCheck<T>>> {
    let n = trace.input.len();
    if n > MAX_CHECK_LEN {
        return Err(SsmError::TooLarge(format!(
            "checking a trace refolds every node; at most {MAX_CHECK_LEN} values, got {n}"
        )));
    }
    let words = word_trace(trace.algorithm, n)?;
    trace
        .steps
        .iter()
        .zip(&words.steps)
        .map(|(step, word_step)| {
            let nodes = step
                .array
                .iter()
                .zip(&word_step.array)
                .map(|(value, word)| {
                    let expected = fold_word(&trace.input, word)?;
                    let scale = 1.0_f64.max(expected.distance(&T::identity()));
                    Ok(NodeCheck {
                        error: value.distance(&expected) / scale,
                        word: word.clone(),
                        expected,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let max_error = nodes.iter().map(|c| c.error).fold(0.0, f64::max);
            let ordered = nodes.iter().all(|c| c.word.as_range().is_some());
            Ok(StepCheck { agrees: ordered && max_error <= tolerance, max_error, nodes })
        })
        .collect()
}

/// The array a step starts from: the padded input for the first step, else the previous
/// step's array.
pub fn array_before<T: Monoid>(trace: &ScanTrace<T>, step: usize) -> Vec<T> {
    match step.checked_sub(1).and_then(|s| trace.steps.get(s)) {
        Some(prev) => prev.array.clone(),
        None => {
            let mut padded = trace.input.clone();
            padded.resize(trace.padded_len, T::identity());
            padded
        }
    }
}

/// One combine of one step, with its operands where the step read them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombineAt<T> {
    /// The node the left (earlier) operand was read from.
    pub left_at: usize,
    /// The node the right (later) operand was read from.
    pub right_at: usize,
    /// The left operand.
    pub left: T,
    /// The right operand.
    pub right: T,
    /// left ∘ right.
    pub result: T,
    /// The node the result was written to.
    pub written_at: usize,
    /// In a down-sweep step, the node that received a copy of the prefix (the old right value):
    /// (from, to).
    pub copied: Option<(usize, usize)>,
}

/// The `pair`-th combine of step `step` of `trace`, as the module doc of `scan` defines it:
/// up-sweep and Hillis–Steele x\[r\] ← x\[l\]∘x\[r\]; down-sweep x\[r\] ← x\[r\]∘x\[l\] and
/// x\[l\] ← old x\[r\]. `None` for a step or pair that does not exist (the clear step has none).
pub fn combine_at<T: Monoid>(
    trace: &ScanTrace<T>,
    step: usize,
    pair: usize,
) -> Option<CombineAt<T>> {
    let s = trace.steps.get(step)?;
    let &(l, r) = s.pairs.get(pair)?;
    let before = array_before(trace, step);
    let (left_at, right_at, copied) = match s.phase {
        Phase::DownSweep => (r, l, Some((r, l))),
        _ => (l, r, None),
    };
    let (left, right) = (before[left_at].clone(), before[right_at].clone());
    Some(CombineAt {
        result: left.combine(&right),
        left,
        right,
        written_at: r,
        left_at,
        right_at,
        copied,
    })
}

/// The inclusive scan x₀∘…∘xᵢ from a finished trace: an inclusive trace's result as it is; for
/// an exclusive one (Blelloch) each prefix combined with its own input — one more parallel step.
pub fn inclusive_result<T: Monoid>(trace: &ScanTrace<T>) -> Vec<T> {
    if trace.inclusive {
        return trace.result.clone();
    }
    trace.result.iter().zip(&trace.input).map(|(prefix, x)| prefix.combine(x)).collect()
}

/// For an exclusive trace, the combine that finishes element i: prefixᵢ ∘ xᵢ (read from the
/// result's node i and from input i, written to node i). `None` for inclusive traces and for i
/// past the end.
pub fn finishing_combine<T: Monoid>(trace: &ScanTrace<T>, i: usize) -> Option<CombineAt<T>> {
    if trace.inclusive {
        return None;
    }
    let (left, right) = (trace.result.get(i)?.clone(), trace.input.get(i)?.clone());
    Some(CombineAt {
        result: left.combine(&right),
        left,
        right,
        left_at: i,
        right_at: i,
        written_at: i,
        copied: None,
    })
}

/// The inclusive result checked against the sequential loop: node i must hold x₀∘…∘xᵢ, as
/// `scan_sequential` computes it one combine after another.
pub fn check_result<T: Measured>(trace: &ScanTrace<T>, tolerance: f64) -> StepCheck<T> {
    let sequential = scan_sequential(&trace.input);
    let nodes: Vec<NodeCheck<T>> = inclusive_result(trace)
        .iter()
        .zip(sequential)
        .enumerate()
        .map(|(i, (value, expected))| {
            let scale = 1.0_f64.max(expected.distance(&T::identity()));
            NodeCheck {
                word: Word::range(0..i + 1),
                error: value.distance(&expected) / scale,
                expected,
            }
        })
        .collect();
    let max_error = nodes.iter().map(|c| c.error).fold(0.0, f64::max);
    StepCheck { agrees: max_error <= tolerance, max_error, nodes }
}

/// A monoid with its operands swapped: `Swapped(a) ∘ Swapped(b)` is b∘a. Scanning with it is
/// the bug of an implementation that combines in the wrong order: harmless for a commutative
/// operation such as +, wrong for the SSM pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Swapped<T>(pub T);

impl<T: Monoid> Monoid for Swapped<T> {
    fn identity() -> Self {
        Swapped(T::identity())
    }

    fn combine(&self, rhs: &Self) -> Self {
        Swapped(rhs.0.combine(&self.0))
    }
}

/// The running sums of the lesson's first example: n digits 0 … 9 drawn from `seed` (at most
/// [`MAX_EXAMPLE_LEN`]).
pub fn digits(n: usize, seed: u64) -> Vec<Sum> {
    let mut rng = Rng::new(seed);
    (0..n.min(MAX_EXAMPLE_LEN)).map(|_| Sum(rng.below(10) as f64)).collect()
}

/// How far apart two results are: max |aᵢ − bᵢ| divided by max(1, max |bᵢ|), with `b` the
/// reference; infinite if the lengths differ or a value is not finite.
pub fn max_scaled_difference(a: &[f64], b: &[f64]) -> f64 {
    if a.len() != b.len() {
        return f64::INFINITY;
    }
    let scale = b.iter().fold(1.0_f64, |m, x| m.max(x.abs()));
    let worst = a.iter().zip(b).fold(0.0_f64, |m, (x, y)| {
        let d = (x - y).abs();
        if d.is_nan() { f64::INFINITY } else { m.max(d) }
    });
    worst / scale
}

/// The lesson's second example: one channel of a selective SSM (D = N = 1) over n tokens, and
/// the pairs (a_t, b_t) = (Ā_t, B̄_t·u_t) its recurrence h_t = a_t·h_{t−1} + b_t scans.
#[derive(Debug, Clone, PartialEq)]
pub struct PairExample {
    /// The selective scan input: A = −1, B_t = C_t = 1, no skip or gate, Δ_t in
    /// \[0.1, 1.2\] and u_t in \[−1, 1\], each with one decimal, so that y_t = h_t.
    pub input: SelectiveScanInput,
    /// (exp(Δ_t·A), Δ_t·B_t·u_t) for every t (the official Euler rule for B).
    pub pairs: Vec<SsmPair>,
}

/// Longest example [`ssm_pairs`] and [`digits`] make (the lesson's long run on the GPU).
pub const MAX_EXAMPLE_LEN: usize = 1 << 20;

/// The pair example of length n (1 ≤ n ≤ [`MAX_EXAMPLE_LEN`]) drawn from `seed`.
pub fn ssm_pairs(n: usize, seed: u64) -> Result<PairExample> {
    if n == 0 || n > MAX_EXAMPLE_LEN {
        return Err(SsmError::Domain(format!(
            "the pair example needs 1 ≤ n ≤ {MAX_EXAMPLE_LEN}, got {n}"
        )));
    }
    let mut rng = Rng::new(seed);
    let mut tenths =
        |lo: i64, hi: i64| (lo + rng.below((hi - lo + 1) as usize) as i64) as f64 / 10.0;
    let delta: Vec<f64> = (0..n).map(|_| tenths(1, 12)).collect();
    let u: Vec<f64> = (0..n).map(|_| tenths(-10, 10)).collect();
    let input = SelectiveScanInput {
        u: DMatrix::from_row_slice(1, n, &u),
        delta: DMatrix::from_row_slice(1, n, &delta),
        a: DMatrix::from_element(1, 1, -1.0),
        b: DMatrix::from_element(1, n, 1.0),
        c: DMatrix::from_element(1, n, 1.0),
        d: None,
        z: None,
        delta_bias: None,
        delta_softplus: false,
    };
    let trace = trace_channel(&input, BRule::Euler, 0)?;
    let pairs = trace.steps.iter().map(|s| SsmPair { a: s.abar[0], b: s.bbar_u[0] }).collect();
    Ok(PairExample { input, pairs })
}

/// The states h_t of the pairs by the plain loop h ← a·h + b from h₋₁ = 0.
pub fn sequential_states(pairs: &[SsmPair]) -> Vec<f64> {
    scan_sequential(pairs).iter().map(|p| p.b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::{inclusive_scan, selective_scan, trace_blelloch};

    #[test]
    fn words_merge_neighbours_and_keep_order() {
        let w = Word::single(2).combine(&Word::single(3)).combine(&Word::single(4));
        assert_eq!(w.as_range(), Some(2..5));
        let wrong = Word::single(3).combine(&Word::single(2));
        assert_eq!(wrong.runs(), &[3..4, 2..3]);
        assert_eq!(wrong.as_range(), None);
        assert_eq!(Word::identity().combine(&w), w);
        assert_eq!(Word::identity().as_range(), Some(0..0));
    }

    #[test]
    fn blelloch_nodes_hold_the_ranges_of_the_textbook_tree() {
        let t = word_trace(ScanAlgorithm::Blelloch, 8).unwrap();
        let ranges = |s: usize| -> Vec<Range<usize>> {
            t.steps[s].array.iter().map(|w| w.as_range().unwrap()).collect()
        };
        // After the up-sweep the root holds everything, node 3 the first half.
        assert_eq!(ranges(2)[7], 0..8);
        assert_eq!(ranges(2)[3], 0..4);
        assert_eq!(ranges(2)[5], 4..6);
        // After the down-sweep every node holds its exclusive prefix.
        assert_eq!(ranges(6), (0..8).map(|i| 0..i).collect::<Vec<_>>());
    }

    #[test]
    fn every_step_of_both_scans_agrees_with_the_sequential_folds() {
        let example = ssm_pairs(13, 7).unwrap();
        for trace in
            [trace_blelloch(&example.pairs).unwrap(), trace_hillis_steele(&example.pairs).unwrap()]
        {
            let checks = check_trace(&trace, 1e-12).unwrap();
            assert_eq!(checks.len(), trace.steps.len());
            assert!(checks.iter().all(|c| c.agrees), "{:?}", trace.algorithm);
        }
    }

    #[test]
    fn a_scan_with_swapped_operands_fails_the_check_on_pairs_but_not_on_sums() {
        let pairs: Vec<Swapped<SsmPair>> =
            ssm_pairs(8, 3).unwrap().pairs.into_iter().map(Swapped).collect();
        let sums: Vec<Swapped<Sum>> = digits(8, 3).into_iter().map(Swapped).collect();
        // Blelloch with swapped operands gives the wrong states for pairs…
        let wrong = inclusive_scan(&pairs, ScanAlgorithm::Blelloch);
        let right = scan_sequential(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
        let worst = wrong.iter().zip(&right).map(|(w, r)| w.0.distance(r)).fold(0.0, f64::max);
        assert!(worst > 1e-3, "swapping went unnoticed: {worst}");
        // …and the right running sums.
        let sums_scanned = inclusive_scan(&sums, ScanAlgorithm::Blelloch);
        let expected = scan_sequential(&sums.iter().map(|s| s.0).collect::<Vec<_>>());
        assert!(sums_scanned.iter().zip(&expected).all(|(a, b)| a.0 == *b));
    }

    #[test]
    fn the_check_catches_a_corrupted_node() {
        let mut trace = trace_blelloch(&digits(8, 1)).unwrap();
        trace.steps[1].array[3].0 += 1.0;
        let checks = check_trace(&trace, 1e-12).unwrap();
        assert!(checks[0].agrees && !checks[1].agrees && checks[2].agrees);
        assert_eq!(checks[1].nodes[3].error, 1.0 / checks[1].nodes[3].expected.0.max(1.0));
    }

    #[test]
    fn combines_read_their_operands_where_the_step_does() {
        let pairs = ssm_pairs(8, 11).unwrap().pairs;
        let t = trace_blelloch(&pairs).unwrap();
        for (s, step) in t.steps.iter().enumerate() {
            for k in 0..step.pairs.len() {
                let c = combine_at(&t, s, k).unwrap();
                assert_eq!(step.array[c.written_at], c.result);
                assert_eq!(c.result, c.left.combine(&c.right));
                if let Some((from, to)) = c.copied {
                    assert_eq!(step.array[to], array_before(&t, s)[from]);
                }
            }
        }
        // The clear step combines nothing; a pair past the end does not exist.
        assert!(combine_at(&t, 3, 0).is_none());
        assert!(combine_at(&t, 0, 4).is_none());
    }

    #[test]
    fn the_pair_example_is_a_one_channel_selective_scan() {
        let ex = ssm_pairs(16, 5).unwrap();
        let y = selective_scan(&ex.input, BRule::Euler, ScanAlgorithm::Sequential).unwrap().y;
        let h = sequential_states(&ex.pairs);
        for t in 0..16 {
            assert!((y[(0, t)] - h[t]).abs() < 1e-12);
            let delta = ex.input.delta[(0, t)];
            assert!((ex.pairs[t].a - (-delta).exp()).abs() < 1e-12);
            assert!((0.1..=1.2).contains(&delta));
        }
        assert_ne!(ssm_pairs(16, 6).unwrap().pairs, ex.pairs);
        assert!(ssm_pairs(0, 1).is_err());
        assert!(digits(32, 9).iter().all(|d| (0.0..=9.0).contains(&d.0) && d.0.fract() == 0.0));
    }

    #[test]
    fn the_finished_result_is_the_sequential_recurrence() {
        let ex = ssm_pairs(11, 2).unwrap();
        let t = trace_blelloch(&ex.pairs).unwrap();
        let check = check_result(&t, 1e-12);
        assert!(check.agrees && check.nodes.len() == 11);
        let h = sequential_states(&ex.pairs);
        for (i, state) in h.iter().enumerate() {
            let c = finishing_combine(&t, i).unwrap();
            assert!((c.result.b - state).abs() < 1e-12);
        }
        assert!(finishing_combine(&t, 11).is_none());
        let hs = trace_hillis_steele(&ex.pairs).unwrap();
        assert!(finishing_combine(&hs, 0).is_none() && check_result(&hs, 1e-12).agrees);
        let mut broken = t.clone();
        broken.result[4].b += 0.5;
        assert!(!check_result(&broken, 1e-12).agrees);
    }

    #[test]
    fn composing_pairs_is_applying_one_map_after_the_other() {
        let ex = ssm_pairs(3, 8).unwrap();
        let (p, q) = (ex.pairs[0], ex.pairs[1]);
        for h in [-2.0, 0.0, 0.7] {
            assert!((p.combine(&q).apply(h) - q.apply(p.apply(h))).abs() < 1e-12);
        }
        // The other order is another map.
        assert!((q.combine(&p).apply(1.0) - q.apply(p.apply(1.0))).abs() > 1e-6);
    }

    #[test]
    fn scaled_differences() {
        assert_eq!(max_scaled_difference(&[1.0, 2.0], &[1.0, 2.5]), 0.5 / 2.5);
        // Below magnitude 1 the difference is absolute.
        assert!((max_scaled_difference(&[0.1], &[0.2]) - 0.1).abs() < 1e-15);
        assert_eq!(max_scaled_difference(&[f64::NAN], &[0.0]), f64::INFINITY);
        assert_eq!(max_scaled_difference(&[1.0], &[]), f64::INFINITY);
    }

    #[test]
    fn checking_is_limited_to_small_traces() {
        let t = trace_blelloch(&digits(MAX_CHECK_LEN + 1, 1)).unwrap();
        assert!(check_trace(&t, 1e-12).is_err());
    }
}
