//! Why the ZOH formulas are what they are: Bbar as the integral ∫₀^Δ exp(As) ds · B by
//! quadrature, and exp(ΔA) as the limit of n Euler sub-steps (I + ΔA/n)^n.

use super::continuous::Continuous;
use super::discretize::{Method, Step, discretize};
use super::expm::{expm, relative_error};
use super::validate::{finite_slice, length, no_overflow, work};
use super::{Result, SsmError};
use nalgebra::{DMatrix, DVector};

/// One quadrature estimate of the ZOH Bbar.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadratureEstimate {
    /// The number of quadrature nodes n.
    pub nodes: usize,
    /// The midpoint-rule estimate of ∫₀^Δ exp(As) ds · B (N×M).
    pub b_bar: DMatrix<f64>,
    /// Its relative error (Frobenius norm) against the exact ZOH Bbar.
    pub relative_error: f64,
}

/// Bbar as an integral: the input held for one step is carried by the system's own motion
/// for the rest of the step, so each instant s contributes exp(As) B.
///
/// Eqn: Bbar = ∫₀^Δ exp(As) ds · B ≈ h Σ_{i<n} exp(A (i + ½) h) B with h = Δ/n (midpoint
/// rule, error O(h²)). exp(A(i+½)h) = exp(Ah/2) exp(Ah)^i, so each n needs two exponentials.
/// Errors: an empty list of node counts, a node count of 0, or more work than the limit.
pub fn b_bar_quadrature(
    sys: &Continuous,
    step: Step,
    nodes: &[usize],
) -> Result<Vec<QuadratureEstimate>> {
    length("the list of node counts", nodes.len())?;
    let (n, m) = (sys.state_size(), sys.inputs());
    let total: u64 = nodes.iter().map(|&k| k as u64).fold(0, u64::saturating_add);
    work("the quadrature", total.saturating_mul((n * n * m) as u64))?;
    let exact = discretize(sys, step, Method::Zoh)?.b_bar().clone();
    nodes
        .iter()
        .map(|&count| {
            if count == 0 {
                return Err(SsmError::Domain("a quadrature needs at least 1 node".into()));
            }
            let h = step.get() / count as f64;
            let whole = expm(&(sys.a() * h))?;
            // The first node sits at s = h/2.
            let mut carried = expm(&(sys.a() * (h / 2.0)))? * sys.b();
            let mut sum = DMatrix::zeros(n, m);
            for _ in 0..count {
                sum += &carried;
                carried = &whole * carried;
            }
            let b_bar = sum * h;
            no_overflow("the quadrature of Bbar", b_bar.as_slice())?;
            let relative_error = relative_error(b_bar.as_slice(), exact.as_slice());
            Ok(QuadratureEstimate { nodes: count, b_bar, relative_error })
        })
        .collect()
}

/// One Euler estimate of exp(ΔA) h₀.
#[derive(Debug, Clone, PartialEq)]
pub struct EulerEstimate {
    /// The number of sub-steps n.
    pub substeps: usize,
    /// (I + ΔA/n)^n h₀, the state after n forward-Euler sub-steps of size Δ/n.
    pub state: DVector<f64>,
    /// Its relative error against exp(ΔA) h₀.
    pub relative_error: f64,
}

/// exp(ΔA) as "the real change over Δ given the rate A": follow h' = Ah with ever smaller
/// Euler steps and the result approaches exp(ΔA) h₀.
///
/// Eqn: (I + ΔA/n)^n h₀ → exp(ΔA) h₀ as n → ∞, with error O(1/n).
/// Errors: h₀ of the wrong length or non-finite, a count of 0, or more work than the limit.
pub fn euler_substeps(
    sys: &Continuous,
    step: Step,
    h0: &[f64],
    substeps: &[usize],
) -> Result<Vec<EulerEstimate>> {
    let n = sys.state_size();
    if h0.len() != n {
        return Err(SsmError::Shape(format!(
            "the initial state h0 must have N = {n} entries, got {}",
            h0.len()
        )));
    }
    finite_slice("h0", h0)?;
    length("the list of sub-step counts", substeps.len())?;
    let total: u64 = substeps.iter().map(|&k| k as u64).fold(0, u64::saturating_add);
    work("the Euler sub-steps", total.saturating_mul((n * n) as u64))?;
    let h0 = DVector::from_column_slice(h0);
    let exact = expm(&(sys.a() * step.get()))? * &h0;
    substeps
        .iter()
        .map(|&count| {
            if count == 0 {
                return Err(SsmError::Domain("Euler needs at least 1 sub-step".into()));
            }
            // Eqn: one sub-step is h ← h + (Δ/n) A h = (I + ΔA/n) h.
            let one = DMatrix::identity(n, n) + sys.a() * (step.get() / count as f64);
            let mut state = h0.clone();
            for _ in 0..count {
                state = &one * state;
            }
            no_overflow("the Euler sub-steps (ΔA/n is far too large)", state.as_slice())?;
            let relative_error = relative_error(state.as_slice(), exact.as_slice());
            Ok(EulerEstimate { substeps: count, state, relative_error })
        })
        .collect()
}
