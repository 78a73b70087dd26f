//! From continuous to discrete time: the step Δ, the three rules (ZOH, bilinear, forward Euler),
//! and the discrete system they produce.

use super::continuous::{Continuous, Stability, eigenvalues};
use super::expm::expm;
use crate::ssm::validate::{by_name, elements, finite_matrix};
use crate::ssm::{Result, SsmError};
use nalgebra::DMatrix;
use num_complex::Complex64;
use std::str::FromStr;

/// A step size Δ: finite and strictly positive, checked once on construction.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Step(f64);

impl Step {
    /// Accepts Δ > 0 and finite; refuses zero, negative, NaN and ±∞.
    pub fn new(delta: f64) -> Result<Step> {
        if !delta.is_finite() {
            Err(SsmError::NonFinite(format!("the step delta is {delta}")))
        } else if delta <= 0.0 {
            Err(SsmError::Domain(format!("the step delta must be positive, got {delta}")))
        } else {
            Ok(Step(delta))
        }
    }

    /// The value of Δ.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// A discretization rule: how the input is assumed to behave during one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum Method {
    /// Zero-order hold, exact for an input held constant over each step:
    /// Abar = exp(ΔA), Bbar = ∫₀^Δ exp(As) ds · B.
    Zoh,
    /// The bilinear (Tustin) rule used by S4: Abar = (I − Δ/2·A)⁻¹(I + Δ/2·A),
    /// Bbar = (I − Δ/2·A)⁻¹ Δ B.
    Bilinear,
    /// Forward Euler, the first-order Taylor step: Abar = I + ΔA, Bbar = ΔB.
    Euler,
}

impl Method {
    /// Every rule, ZOH first.
    pub const ALL: [Method; 3] = [Method::Zoh, Method::Bilinear, Method::Euler];

    /// The rule's name, as the `eval` interface reads it: `zoh`, `bilinear`, `euler`.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

impl FromStr for Method {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<Method> {
        by_name("discretization method", &Method::ALL, s)
    }
}

/// A discrete-time system h_k = Abar h_{k−1} + Bbar x_k, y_k = C h_k + D x_k (with h_{−1} = 0).
///
/// Made only by [`discretize`], so Abar and Bbar always belong to a valid continuous system, a
/// positive step and a known rule. C and D are carried over unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Discretized {
    a_bar: DMatrix<f64>,
    b_bar: DMatrix<f64>,
    c: DMatrix<f64>,
    d: DMatrix<f64>,
    step: Step,
    method: Method,
}

impl Discretized {
    /// The discrete state matrix Abar (N×N).
    pub fn a_bar(&self) -> &DMatrix<f64> {
        &self.a_bar
    }

    /// The discrete input matrix Bbar (N×M).
    pub fn b_bar(&self) -> &DMatrix<f64> {
        &self.b_bar
    }

    /// The output matrix C (P×N), as in the continuous system.
    pub fn c(&self) -> &DMatrix<f64> {
        &self.c
    }

    /// The feedthrough D (P×M), as in the continuous system.
    pub fn d(&self) -> &DMatrix<f64> {
        &self.d
    }

    /// The step Δ it was made with.
    pub fn step(&self) -> Step {
        self.step
    }

    /// The rule it was made with.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The state size N.
    pub fn state_size(&self) -> usize {
        self.a_bar.nrows()
    }

    /// The number of inputs M.
    pub fn inputs(&self) -> usize {
        self.b_bar.ncols()
    }

    /// The number of outputs P.
    pub fn outputs(&self) -> usize {
        self.c.nrows()
    }

    /// True for one input and one output (M = P = 1), the case of kernels and convolutions.
    pub fn is_siso(&self) -> bool {
        self.inputs() == 1 && self.outputs() == 1
    }

    /// The eigenvalues of Abar (complex in general): a mode with eigenvalue λ is multiplied by
    /// λ every step, so it shrinks when |λ| < 1 and grows when |λ| > 1.
    pub fn eigenvalues(&self) -> Result<Vec<Complex64>> {
        eigenvalues(&self.a_bar)
    }

    /// The spectral radius max |λ(Abar)|: the factor by which the slowest mode shrinks per step.
    pub fn spectral_radius(&self) -> Result<f64> {
        Ok(self.eigenvalues()?.iter().map(|l| l.norm()).fold(0.0, f64::max))
    }

    /// Stable when the spectral radius is below 1; marginal when it is 1 within 1e-10.
    pub fn stability(&self) -> Result<Stability> {
        Ok(Stability::from_margin(self.spectral_radius()? - 1.0, 1e-10))
    }
}

/// Discretizes a continuous system with step Δ by the given rule.
///
/// ZOH takes one exponential of the augmented matrix, so it needs no A⁻¹ and works for a
/// singular A such as the double integrator:
/// Eqn: exp(Δ·[[A, B], [0, 0]]) = [[Abar, Bbar], [0, I]].
/// Errors: a bilinear step with I − Δ/2·A singular (Δ/2 is 1/λ for an eigenvalue λ of A), or
/// results that overflow f64 (Δ‖A‖ far too large).
pub fn discretize(sys: &Continuous, step: Step, method: Method) -> Result<Discretized> {
    let (n, m) = (sys.state_size(), sys.inputs());
    let delta = step.get();
    let (a_bar, b_bar) = match method {
        Method::Zoh => {
            elements("the ZOH block matrix", &[n + m, n + m])?;
            let mut block = DMatrix::zeros(n + m, n + m);
            block.view_mut((0, 0), (n, n)).copy_from(&(sys.a() * delta));
            block.view_mut((0, n), (n, m)).copy_from(&(sys.b() * delta));
            finite_matrix("Δ·[A, B]", &block).map_err(overflow)?;
            let e = expm(&block)?;
            (e.view((0, 0), (n, n)).into_owned(), e.view((0, n), (n, m)).into_owned())
        }
        Method::Bilinear => {
            let half = sys.a() * (delta / 2.0);
            let identity = DMatrix::<f64>::identity(n, n);
            finite_matrix("Δ/2·A", &half).map_err(overflow)?;
            // Eqn: (I − Δ/2·A) Abar = I + Δ/2·A and (I − Δ/2·A) Bbar = Δ B.
            let lu = (&identity - &half).lu();
            let singular = || {
                SsmError::Numerical(format!(
                    "I − Δ/2·A is singular for delta = {delta}: 2/Δ is an eigenvalue of A"
                ))
            };
            let a_bar = lu.solve(&(&identity + &half)).ok_or_else(singular)?;
            let b_bar = lu.solve(&(sys.b() * delta)).ok_or_else(singular)?;
            (a_bar, b_bar)
        }
        Method::Euler => {
            // Eqn: Abar = I + ΔA, Bbar = ΔB.
            (DMatrix::identity(n, n) + sys.a() * delta, sys.b() * delta)
        }
    };
    finite_matrix("Abar", &a_bar).map_err(overflow)?;
    finite_matrix("Bbar", &b_bar).map_err(overflow)?;
    Ok(Discretized { a_bar, b_bar, c: sys.c().clone(), d: sys.d().clone(), step, method })
}

/// Re-labels a non-finite intermediate as a numerical overflow: the inputs were finite.
fn overflow(e: SsmError) -> SsmError {
    match e {
        SsmError::NonFinite(m) => {
            SsmError::Numerical(format!("{m}: the step delta is too large for this A"))
        }
        other => other,
    }
}
