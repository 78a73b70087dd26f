//! Recorded runs of the parallel scans: [`trace_hillis_steele`] and [`trace_blelloch`] keep the
//! index pairs and the whole array after every step, as the [`ScanStep`]s of a [`ScanTrace`].

use super::algorithms::{
    Phase, ScanAlgorithm, ScanCost, blelloch_in_place, blelloch_pairs, hillis_steele_in_place,
    hillis_steele_pairs, padded,
};
use super::monoid::Monoid;
use crate::ssm::{Result, SsmError};
use serde::Serialize;

/// Longest input a recorded trace accepts: a trace stores the whole array after every step.
pub const MAX_TRACE_LEN: usize = 1 << 16;

/// One step of a parallel scan, with the pairs it combined and the array after it.
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
    use crate::ssm::scan::Sum;

    #[test]
    fn blelloch_trace_of_eight_matches_the_textbook_figure() {
        // The classic example (Blelloch 1990): [3 1 7 0 4 1 6 3].
        let t = trace_blelloch(&[3.0, 1.0, 7.0, 0.0, 4.0, 1.0, 6.0, 3.0].map(Sum)).unwrap();
        let arrays: Vec<Vec<f64>> =
            t.steps.iter().map(|s| s.array.iter().map(|x| x.0).collect()).collect();
        assert_eq!(arrays[0], [3.0, 4.0, 7.0, 7.0, 4.0, 5.0, 6.0, 9.0]);
        assert_eq!(arrays[2], [3.0, 4.0, 7.0, 11.0, 4.0, 5.0, 6.0, 25.0]);
        assert_eq!(arrays[3], [3.0, 4.0, 7.0, 11.0, 4.0, 5.0, 6.0, 0.0]);
        assert_eq!(arrays[6], [0.0, 3.0, 4.0, 11.0, 11.0, 15.0, 16.0, 22.0]);
        assert_eq!(t.steps[1].pairs, [(1, 3), (5, 7)]);
        assert_eq!(t.steps[4].pairs, [(3, 7)]);
    }
}
