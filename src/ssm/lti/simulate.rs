//! The recurrent view and simulation: h_k = Abar h_{k−1} + Bbar x_k, y_k = C h_k + D x_k; the
//! three ways to get a SISO output (recurrence, direct convolution, FFT); and the exact
//! continuous response to a piecewise-constant input.

use super::continuous::Continuous;
use super::cost::{
    OpCount, direct_convolution_cost, fft_convolution_cost, kernel_cost, recurrence_cost,
};
use super::discretize::{Discretized, Method, Step, discretize};
use super::kernel::{convolve_direct, convolve_fft, kernel, require_siso};
use crate::ssm::validate::{
    by_name, dimension, elements, finite_matrix, finite_slice, length, no_overflow, work,
};
use crate::ssm::{Result, SsmError};
use nalgebra::{DMatrix, DVector};
use std::str::FromStr;

/// The states and outputs of a run of the recurrence, one column per step.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// y_0 … y_{L−1} as the columns of a P×L matrix.
    pub outputs: DMatrix<f64>,
    /// h_0 … h_{L−1} as the columns of an N×L matrix.
    pub states: DMatrix<f64>,
}

/// Runs the recurrence over an input with M rows (channels) and L columns (steps).
///
/// Eqn: h_{−1} = 0, h_k = Abar h_{k−1} + Bbar x_k, y_k = C h_k + D x_k.
/// Errors: x with the wrong number of rows, no columns or non-finite entries; results beyond
/// the size or work limits; states that overflow f64 (an unstable Abar run for long).
pub fn recurrence(sys: &Discretized, x: &DMatrix<f64>) -> Result<Trajectory> {
    let (outputs, states) = run(sys, x, true)?;
    Ok(Trajectory { outputs, states: states.unwrap_or_default() })
}

/// The recurrence, keeping all states only when asked (the output alone needs O(N) memory).
fn run(
    sys: &Discretized,
    x: &DMatrix<f64>,
    keep_states: bool,
) -> Result<(DMatrix<f64>, Option<DMatrix<f64>>)> {
    let (n, m, p) = (sys.state_size(), sys.inputs(), sys.outputs());
    if x.nrows() != m {
        return Err(SsmError::Shape(format!(
            "the input x must have M = {m} rows (one per input channel), got {}",
            x.nrows()
        )));
    }
    let len = x.ncols();
    length("the input x", len)?;
    finite_matrix("x", x)?;
    elements("the outputs", &[p, len])?;
    if keep_states {
        elements("the states", &[n, len])?;
    }
    work("the recurrence", recurrence_cost(n, m, p, len).multiplies)?;
    let mut outputs = DMatrix::zeros(p, len);
    let mut states = keep_states.then(|| DMatrix::zeros(n, len));
    let mut h = DVector::zeros(n);
    let mut next = DVector::zeros(n);
    let mut y = DVector::zeros(p);
    for k in 0..len {
        let x_k = x.column(k);
        // Eqn: h_k = Abar h_{k−1} + Bbar x_k.
        next.gemv(1.0, sys.a_bar(), &h, 0.0);
        next.gemv(1.0, sys.b_bar(), &x_k, 1.0);
        std::mem::swap(&mut h, &mut next);
        // Eqn: y_k = C h_k + D x_k.
        y.gemv(1.0, sys.c(), &h, 0.0);
        y.gemv(1.0, sys.d(), &x_k, 1.0);
        outputs.set_column(k, &y);
        if let Some(states) = states.as_mut() {
            states.set_column(k, &h);
        }
    }
    let why = "the output (Abar is unstable and the input is long)";
    no_overflow(why, outputs.as_slice())?;
    if let Some(states) = &states {
        no_overflow(why, states.as_slice())?;
    }
    Ok((outputs, states))
}

/// One of the three equivalent ways to compute a SISO system's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum View {
    /// Step by step through the state: O(L N²) work, L sequential steps.
    Recurrent,
    /// The kernel, then y = K ∗ x term by term: O(L²) work, all outputs independent.
    Convolution,
    /// The kernel, then y = K ∗ x by FFT: O(L log L) work after the kernel.
    Fft,
}

impl View {
    /// Every view, recurrence first.
    pub const ALL: [View; 3] = [View::Recurrent, View::Convolution, View::Fft];

    /// The view's snake_case name, as the `eval` interface reads it.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The operation count of computing L outputs of a SISO system with N states this way
    /// (including the kernel for the two convolutions, and the D x term).
    pub fn cost(self, n: usize, len: usize) -> OpCount {
        let feedthrough = OpCount { multiplies: len as u64, adds: len as u64, sequential_steps: 1 };
        match self {
            View::Recurrent => recurrence_cost(n, 1, 1, len),
            View::Convolution => kernel_cost(n, len) + direct_convolution_cost(len) + feedthrough,
            View::Fft => kernel_cost(n, len) + fft_convolution_cost(len) + feedthrough,
        }
    }
}

impl FromStr for View {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<View> {
        by_name("mode", &View::ALL, s)
    }
}

/// The output y_0 … y_{L−1} of a SISO system for the input x, computed by the chosen view.
/// All three agree to rounding (about 1e-12 relative for a stable system).
///
/// Eqn: y_k = Σ_{j≤k} K_j x_{k−j} + D x_k, the convolution form of the recurrence.
/// Errors: not SISO, an empty or non-finite x, or sizes beyond the limits.
pub fn simulate(sys: &Discretized, x: &[f64], view: View) -> Result<Vec<f64>> {
    require_siso(sys, "simulate")?;
    length("the input x", x.len())?;
    finite_slice("x", x)?;
    work("simulate", view.cost(sys.state_size(), x.len()).multiplies)?;
    let convolved = match view {
        View::Recurrent => {
            let input = DMatrix::from_row_slice(1, x.len(), x);
            return Ok(run(sys, &input, false)?.0.row(0).iter().copied().collect());
        }
        View::Convolution => convolve_direct(&kernel(sys, x.len())?, x)?,
        View::Fft => convolve_fft(&kernel(sys, x.len())?, x)?,
    };
    let d = sys.d()[(0, 0)];
    Ok(convolved.iter().zip(x).map(|(y, x)| y + d * x).collect())
}

/// The exact response of a continuous system to an input held constant over each step.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldResponse {
    /// The sample times t_j = j Δ / n for j = 0 … L·n.
    pub times: Vec<f64>,
    /// h(t_j) as the columns of an N×(L·n + 1) matrix; the first column is h(0) = 0.
    pub states: DMatrix<f64>,
    /// y(t_j) as the columns of a P×(L·n + 1) matrix; y(0) = 0.
    pub outputs: DMatrix<f64>,
}

/// The continuous system's response to x(t) = x_k for t ∈ (kΔ, (k+1)Δ], sampled n times per
/// step, starting from h(0) = 0.
///
/// A held input is exactly what ZOH assumes, so stepping with the ZOH system of step Δ/n gives
/// the exact h(t) at every sample (up to rounding), not an approximation; at t = (k+1)Δ it
/// equals the ZOH recurrence's h_k and y_k.
/// Eqn: h(t + τ) = exp(Aτ) h(t) + ∫₀^τ exp(As) ds B x_k for t + τ within step k.
/// Errors: as [`recurrence`], n = 0, or L·n beyond the limits.
pub fn held_response(
    sys: &Continuous,
    x: &DMatrix<f64>,
    step: Step,
    substeps: usize,
) -> Result<HeldResponse> {
    dimension("the number of samples per step", substeps)?;
    let len = x.ncols();
    let samples = len
        .checked_mul(substeps)
        .ok_or_else(|| SsmError::TooLarge(format!("{len} steps × {substeps} samples overflow")))?;
    length("the held input (steps × samples per step)", samples)?;
    elements("the held input", &[x.nrows(), samples])?;
    let fine = discretize(sys, Step::new(step.get() / substeps as f64)?, Method::Zoh)?;
    let held = DMatrix::from_fn(x.nrows(), samples, |i, j| x[(i, j / substeps)]);
    let trajectory = recurrence(&fine, &held)?;
    let with_origin = |m: DMatrix<f64>| m.insert_column(0, 0.0);
    let times = (0..=samples).map(|j| j as f64 * step.get() / substeps as f64).collect();
    Ok(HeldResponse {
        times,
        states: with_origin(trajectory.states),
        outputs: with_origin(trajectory.outputs),
    })
}
