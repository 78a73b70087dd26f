//! HiPPO-LegS as an online memory: stream a signal into the state, then read the whole history
//! back from it with scaled Legendre polynomials (the HiPPO memory picture).

use super::hippo::{Hippo, HippoKind};
use super::validate::{finite_scalar, finite_slice, length, work};
use super::{Result, SsmError};
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
        // Eqn: rhs = (I + A/(2k)) c_{k−1} + (B/k) f_k.
        let mut rhs = &self.state + &self.a * &self.state / (2.0 * k);
        rhs.axpy(f / k, &self.b, 1.0);
        // Eqn: I − A/(2k) is lower triangular with diagonal 1 + (n+1)/(2k) > 0.
        let lhs = DMatrix::identity(self.a.nrows(), self.a.nrows()) - &self.a / (2.0 * k);
        let next = lhs
            .solve_lower_triangular(&rhs)
            .ok_or_else(|| SsmError::Numerical("the LegS step matrix is singular".into()))?;
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
        finite_slice("the fractions", fractions)?;
        if let Some(u) = fractions.iter().find(|u| !(0.0..=1.0).contains(*u)) {
            return Err(SsmError::Domain(format!(
                "a fraction of the history must be in [0, 1], got {u}"
            )));
        }
        let n = self.state.len();
        Ok(fractions
            .iter()
            .map(|&u| {
                scaled_legendre(n, 2.0 * u - 1.0)
                    .iter()
                    .zip(self.state.iter())
                    .map(|(p, c)| p * c)
                    .sum()
            })
            .collect())
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
