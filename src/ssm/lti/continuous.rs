//! The continuous-time system h'(t) = A h(t) + B x(t), y(t) = C h(t) + D x(t): construction with
//! validation, eigenvalues of A and the stability verdicts.

use super::expm::triangle;
use crate::ssm::validate::{dimension, elements, finite_matrix};
use crate::ssm::{Result, SsmError};
use nalgebra::{DMatrix, Schur};
use num_complex::Complex64;

/// A linear time-invariant system in continuous time, with N states, M inputs and P outputs.
///
/// Eqn: h'(t) = A h(t) + B x(t), y(t) = C h(t) + D x(t), where A is N×N, B is N×M, C is P×N and
/// D is P×M. A value of this type always has consistent shapes and finite entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Continuous {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    c: DMatrix<f64>,
    d: DMatrix<f64>,
}

/// The verdict on a system's stability, with a margin for rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stability {
    /// Every mode decays: max Re λ(A) < 0 in continuous time, spectral radius of Abar < 1.
    Stable,
    /// The slowest mode neither grows nor decays, within rounding (an undamped oscillator, an
    /// integrator). Repeated eigenvalues on the boundary can still grow polynomially.
    Marginal,
    /// Some mode grows exponentially.
    Unstable,
}

impl Stability {
    /// Classifies a margin that is negative when stable and positive when unstable, treating
    /// |margin| ≤ `tolerance` as marginal.
    pub(crate) fn from_margin(margin: f64, tolerance: f64) -> Stability {
        if margin < -tolerance {
            Stability::Stable
        } else if margin > tolerance {
            Stability::Unstable
        } else {
            Stability::Marginal
        }
    }
}

impl Continuous {
    /// Builds the system, checking that A is square, that B, C, D have matching shapes
    /// (N×M, P×N, P×M), that every size is within the limits, and that every entry is finite.
    pub fn new(
        a: DMatrix<f64>,
        b: DMatrix<f64>,
        c: DMatrix<f64>,
        d: DMatrix<f64>,
    ) -> Result<Continuous> {
        let n = a.nrows();
        if a.ncols() != n {
            return Err(SsmError::Shape(format!(
                "A must be square (N×N), got {}×{}",
                a.nrows(),
                a.ncols()
            )));
        }
        dimension("the state size N (rows of A)", n)?;
        let (m, p) = (b.ncols(), c.nrows());
        dimension("the input count M (columns of B)", m)?;
        dimension("the output count P (rows of C)", p)?;
        let expect = |name: &str, mat: &DMatrix<f64>, rows: usize, cols: usize| {
            if (mat.nrows(), mat.ncols()) == (rows, cols) {
                Ok(())
            } else {
                Err(SsmError::Shape(format!(
                    "{name} must be {rows}×{cols} to match A ({n}×{n}), B (N×{m}) and C ({p}×N), \
                     got {}×{}",
                    mat.nrows(),
                    mat.ncols()
                )))
            }
        };
        expect("B", &b, n, m)?;
        expect("C", &c, p, n)?;
        expect("D", &d, p, m)?;
        for (name, mat) in [("A", &a), ("B", &b), ("C", &c), ("D", &d)] {
            finite_matrix(name, mat)?;
        }
        Ok(Continuous { a, b, c, d })
    }

    /// A single-input single-output system: B is an N-vector, C an N-vector, D a number.
    pub fn siso(a: DMatrix<f64>, b: &[f64], c: &[f64], d: f64) -> Result<Continuous> {
        let b = DMatrix::from_column_slice(b.len(), 1, b);
        let c = DMatrix::from_row_slice(1, c.len(), c);
        Continuous::new(a, b, c, DMatrix::from_element(1, 1, d))
    }

    /// A system whose output is its whole state: C = I (N×N) and D = 0 (N×M). Used when only
    /// A and B matter, as when discretizing.
    pub fn with_state_output(a: DMatrix<f64>, b: DMatrix<f64>) -> Result<Continuous> {
        let (n, m) = (a.nrows(), b.ncols());
        dimension("the state size N (rows of A)", n)?;
        dimension("the input count M (columns of B)", m)?;
        elements("the output matrix C = I", &[n, n])?;
        Continuous::new(a, b, DMatrix::identity(n, n), DMatrix::zeros(n, m))
    }

    /// The state matrix A (N×N).
    pub fn a(&self) -> &DMatrix<f64> {
        &self.a
    }

    /// The input matrix B (N×M).
    pub fn b(&self) -> &DMatrix<f64> {
        &self.b
    }

    /// The output matrix C (P×N).
    pub fn c(&self) -> &DMatrix<f64> {
        &self.c
    }

    /// The feedthrough matrix D (P×M).
    pub fn d(&self) -> &DMatrix<f64> {
        &self.d
    }

    /// The state size N.
    pub fn state_size(&self) -> usize {
        self.a.nrows()
    }

    /// The number of inputs M.
    pub fn inputs(&self) -> usize {
        self.b.ncols()
    }

    /// The number of outputs P.
    pub fn outputs(&self) -> usize {
        self.c.nrows()
    }

    /// The eigenvalues of A, complex in general, from a real Schur decomposition.
    pub fn eigenvalues(&self) -> Result<Vec<Complex64>> {
        eigenvalues(&self.a)
    }

    /// The spectral abscissa max Re λ(A): the growth rate of the slowest-decaying mode.
    pub fn spectral_abscissa(&self) -> Result<f64> {
        Ok(self.eigenvalues()?.iter().map(|l| l.re).fold(f64::NEG_INFINITY, f64::max))
    }

    /// Stable when every mode decays (max Re λ < 0); marginal when max Re λ is zero within
    /// rounding (1e-10 · max(1, ‖A‖₁)).
    pub fn stability(&self) -> Result<Stability> {
        let tolerance = 1e-10 * self.a.column_iter().map(|c| c.lp_norm(1)).fold(1.0, f64::max);
        Ok(Stability::from_margin(self.spectral_abscissa()?, tolerance))
    }
}

/// The eigenvalues of a square matrix: the diagonal of a triangular one (exact, and the
/// iteration would lose digits on a strongly non-normal matrix such as LegS), otherwise from
/// the real Schur form, refusing non-convergence.
pub(crate) fn eigenvalues(m: &DMatrix<f64>) -> Result<Vec<Complex64>> {
    if triangle(m).is_some() {
        return Ok(m.diagonal().iter().map(|&d| Complex64::new(d, 0.0)).collect());
    }
    // The QR iteration normally needs a few sweeps per eigenvalue; the cap turns a rare
    // non-convergence into an error instead of an endless loop.
    let max_sweeps = 100 * m.nrows().max(10);
    let schur = Schur::try_new(m.clone(), f64::EPSILON, max_sweeps).ok_or_else(|| {
        SsmError::Numerical(format!(
            "the eigenvalue iteration did not converge for a {}×{} matrix",
            m.nrows(),
            m.ncols()
        ))
    })?;
    Ok(schur.complex_eigenvalues().iter().copied().collect())
}
