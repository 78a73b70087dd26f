//! The three prefix scans over any [`Monoid`] — sequential, Hillis–Steele and Blelloch — with
//! their work and depth ([`cost`]); the in-place sweeps that `traces` records step by step.

use super::monoid::Monoid;
use crate::ssm::Result;
use crate::ssm::validate::by_name;
use serde::Serialize;

/// Which prefix-scan algorithm to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ScanAlgorithm {
    /// One combine after another: n−1 combines, n−1 steps.
    Sequential,
    /// Work-efficient up-sweep / clear / down-sweep on a power-of-two padding; exclusive.
    Blelloch,
    /// Step-doubling: ⌈log₂ n⌉ steps, O(n log n) combines; inclusive.
    HillisSteele,
}

impl ScanAlgorithm {
    /// All algorithms, sequential first.
    pub const ALL: [ScanAlgorithm; 3] =
        [ScanAlgorithm::Sequential, ScanAlgorithm::Blelloch, ScanAlgorithm::HillisSteele];

    /// The snake_case name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The algorithm with the given snake_case name.
    pub fn from_name(name: &str) -> Result<ScanAlgorithm> {
        by_name("scan algorithm", &ScanAlgorithm::ALL, name)
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

/// Work and depth of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScanCost {
    /// Number of `combine` calls.
    pub work: usize,
    /// Number of steps that combine (each step's combines are independent of each other).
    pub depth: usize,
}

/// ⌈log₂ n⌉ for n ≥ 1 (and 0 for n ≤ 1).
pub(super) fn ceil_log2(n: usize) -> usize {
    n.next_power_of_two().trailing_zeros() as usize
}

/// The pairs of a Blelloch sweep at `level` on a power-of-two array of length `p`.
pub(super) fn blelloch_pairs(
    level: usize,
    p: usize,
) -> impl DoubleEndedIterator<Item = (usize, usize)> {
    let half = 1 << level;
    (2 * half - 1..p).step_by(2 * half).map(move |r| (r - half, r))
}

/// The pairs of a Hillis–Steele step at `level` on an array of length `n`.
pub(super) fn hillis_steele_pairs(
    level: usize,
    n: usize,
) -> impl DoubleEndedIterator<Item = (usize, usize)> {
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
pub(super) fn hillis_steele_in_place<T: Monoid>(
    buf: &mut [T],
    mut on_step: impl FnMut(usize, &[T]),
) {
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
pub(super) fn blelloch_in_place<T: Monoid>(
    buf: &mut [T],
    mut on_step: impl FnMut(Phase, usize, &[T]),
) {
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
pub(super) fn padded<T: Monoid>(xs: &[T]) -> Vec<T> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::scan::Sum;

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
    fn names_round_trip() {
        for a in ScanAlgorithm::ALL {
            assert_eq!(ScanAlgorithm::from_name(a.name()), Ok(a));
        }
        assert!(ScanAlgorithm::from_name("bitonic").is_err());
    }
}
