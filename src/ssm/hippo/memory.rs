//! HiPPO-LegS as an online memory: stream a signal into the state, then read the whole history
//! back from it with scaled Legendre polynomials.

use super::matrices::{Hippo, HippoKind};
use crate::ssm::validate::{elements, finite_scalar, finite_slice, length, work};
use crate::ssm::{Result, SsmError};
use nalgebra::{DMatrix, DVector};

/// A LegS memory of N coefficients that has seen the samples f_1 … f_t.
///
/// After t samples the state c approximates the projection of the history on [0, t] onto the
/// first N Legendre polynomials, stretched to the whole history:
/// Eqn: f(s) ≈ Σ_n c_n √(2n+1) P_n(2s/t − 1) for s ∈ [0, t].
/// The update is the LegS ODE c' = (1/t)(A c + B f) (A, B from S4's `transition('legs')`)
/// discretized by the bilinear rule at t = k, as in the HiPPO paper's LegS recurrence:
/// Eqn: (I − A/(2k)) c_k = (I + A/(2k)) c_{k−1} + (B/k) f_k.
/// Because the step shrinks as 1/k, the memory covers the whole past with no step size to choose.
#[derive(Debug, Clone, PartialEq)]
pub struct LegsMemory {
    a: DMatrix<f64>,
    b: DVector<f64>,
    state: DVector<f64>,
    steps: usize,
}

impl LegsMemory {
    /// An empty memory (c = 0, t = 0) with N coefficients.
    /// Errors: N = 0 or beyond the state-size limit.
    pub fn new(n: usize) -> Result<LegsMemory> {
        let hippo = Hippo::new(HippoKind::LegS, n)?;
        Ok(LegsMemory { a: hippo.a, b: hippo.b, state: DVector::zeros(n), steps: 0 })
    }

    /// A memory that has seen every sample of `signal`, in order.
    /// Errors: as [`LegsMemory::new`], an empty or non-finite signal, or too much work.
    pub fn from_signal(n: usize, signal: &[f64]) -> Result<LegsMemory> {
        length("the signal", signal.len())?;
        finite_slice("the signal", signal)?;
        work("the LegS memory", (signal.len() as u64).saturating_mul((2 * n * n) as u64))?;
        let mut memory = LegsMemory::new(n)?;
        for &f in signal {
            memory.push(f)?;
        }
        Ok(memory)
    }

    /// Feeds one more sample f_k (k = t + 1).
    /// Errors: a non-finite sample.
    pub fn push(&mut self, f: f64) -> Result<()> {
        finite_scalar("the sample", f)?;
        let k = (self.steps + 1) as f64;
        let h = 1.0 / (2.0 * k);
        // Eqn: rhs = (I + A/(2k)) c_{k−1} + (B/k) f_k.
        let mut next = self.state.clone();
        next.gemv(h, &self.a, &self.state, 1.0);
        next.axpy(f / k, &self.b, 1.0);
        // Eqn: (I − A/(2k)) c_k = rhs, by forward substitution in place: I − A/(2k) is lower
        // triangular with diagonal 1 + (n+1)/(2k) > 0, so no division can fail.
        for i in 0..next.len() {
            let mut v = next[i];
            for j in 0..i {
                v += h * self.a[(i, j)] * next[j];
            }
            next[i] = v / (1.0 - h * self.a[(i, i)]);
        }
        self.state = next;
        self.steps += 1;
        Ok(())
    }

    /// The coefficients c (N entries).
    pub fn state(&self) -> &DVector<f64> {
        &self.state
    }

    /// The number of samples seen, t.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The reconstructed history at fractions u ∈ [0, 1] of the elapsed time t (u = 0 the
    /// start, u = 1 now).
    /// Eqn: f(u t) ≈ Σ_n c_n √(2n+1) P_n(2u − 1).
    /// Errors: a fraction outside [0, 1] or non-finite.
    pub fn reconstruct_at(&self, fractions: &[f64]) -> Result<Vec<f64>> {
        legendre_series(self.state.as_slice(), fractions)
    }

    /// The reconstructed history at the sample times 1 … t (fractions k/t), to compare with
    /// the samples themselves.
    pub fn reconstruct_history(&self) -> Result<Vec<f64>> {
        let t = self.steps as f64;
        let fractions: Vec<f64> = (1..=self.steps).map(|k| k as f64 / t).collect();
        self.reconstruct_at(&fractions)
    }
}

/// √(2n+1) P_n(x) for n = 0 … N−1, the Legendre polynomials normalised so that
/// ∫₋₁¹ (√(2n+1) P_n)² dx / 2 = 1.
/// Eqn: (n+1) P_{n+1}(x) = (2n+1) x P_n(x) − n P_{n−1}(x), P_0 = 1, P_1 = x.
pub fn scaled_legendre(count: usize, x: f64) -> Vec<f64> {
    let mut p = Vec::with_capacity(count);
    let (mut previous, mut current) = (0.0, 1.0);
    for n in 0..count {
        p.push(((2 * n + 1) as f64).sqrt() * current);
        let next = ((2 * n + 1) as f64 * x * current - n as f64 * previous) / (n + 1) as f64;
        (previous, current) = (current, next);
    }
    p
}

/// The history a LegS state describes, at fractions u ∈ [0, 1] of the elapsed time.
/// Eqn: f(u t) ≈ Σ_n c_n √(2n+1) P_n(2u − 1), with N = `coefficients.len()`.
/// Errors: a fraction outside [0, 1] or non-finite, or non-finite coefficients.
pub fn legendre_series(coefficients: &[f64], fractions: &[f64]) -> Result<Vec<f64>> {
    finite_slice("the coefficients", coefficients)?;
    check_fractions(fractions)?;
    let n = coefficients.len();
    Ok(fractions
        .iter()
        .map(|&u| {
            scaled_legendre(n, 2.0 * u - 1.0).iter().zip(coefficients).map(|(p, c)| p * c).sum()
        })
        .collect())
}

fn check_fractions(fractions: &[f64]) -> Result<()> {
    finite_slice("the fractions", fractions)?;
    match fractions.iter().find(|u| !(0.0..=1.0).contains(*u)) {
        Some(u) => {
            Err(SsmError::Domain(format!("a fraction of the history must be in [0, 1], got {u}")))
        }
        None => Ok(()),
    }
}

/// The LegS memory after every sample of `signal`: column k − 1 holds c_k (N × L), so the
/// memory at any time is a lookup instead of a new run.
///
/// A is lower triangular and B\[n\] depends on n alone, so the first M rows are exactly the
/// states of a memory with M coefficients: one run with the largest N serves every smaller N.
/// Errors: as [`LegsMemory::from_signal`], or a result beyond the size limits.
pub fn legs_states(n: usize, signal: &[f64]) -> Result<DMatrix<f64>> {
    length("the signal", signal.len())?;
    finite_slice("the signal", signal)?;
    elements("the LegS states", &[n, signal.len()])?;
    work("the LegS memory", (signal.len() as u64).saturating_mul((2 * n * n) as u64))?;
    let mut memory = LegsMemory::new(n)?;
    let mut states = DMatrix::zeros(n, signal.len());
    for (k, &f) in signal.iter().enumerate() {
        memory.push(f)?;
        states.set_column(k, memory.state());
    }
    Ok(states)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smaller_memories_are_the_leading_rows_of_a_larger_one() {
        let x: Vec<f64> =
            (1..=50).map(|k| (k as f64 * 0.11).sin() + 0.3 * (k as f64 * 0.37).cos()).collect();
        let big = legs_states(12, &x).unwrap();
        let small = legs_states(5, &x).unwrap();
        assert_eq!(big.view((0, 0), (5, 50)).into_owned(), small);
        let streamed = LegsMemory::from_signal(12, &x).unwrap();
        assert_eq!(big.column(49).into_owned(), streamed.state().clone());
    }

    #[test]
    fn the_legendre_series_refuses_fractions_outside_the_history() {
        assert!(legendre_series(&[1.0, 0.5], &[0.5, 1.2]).is_err());
        let at_ends = legendre_series(&[1.0, 0.5], &[0.0, 1.0]).unwrap();
        let root3 = 3f64.sqrt();
        assert!((at_ends[0] - (1.0 - 0.5 * root3)).abs() < 1e-12);
        assert!((at_ends[1] - (1.0 + 0.5 * root3)).abs() < 1e-12);
    }
}
