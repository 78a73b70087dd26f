//! HiPPO and S4D initialisations of (A, B): LegS and LegT as in the S4 code's
//! `transition('legs' | 'legt')`, and the diagonal S4D-Lin and S4D-Real.

use crate::ssm::Continuous;
use crate::ssm::validate::{by_name, dimension, elements};
use crate::ssm::{Result, SsmError};
use nalgebra::{DMatrix, DVector};
use std::str::FromStr;

/// Which initialisation of (A, B).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum HippoKind {
    /// HiPPO-LegS (scaled Legendre), memory of the whole past, lower triangular:
    /// A\[n,k\] = −√(2n+1)√(2k+1) for n > k, −(n+1) for n = k, 0 for n < k; B\[n\] = √(2n+1).
    LegS,
    /// HiPPO-LegT (translated Legendre), memory of a sliding window, dense. As in the current S4
    /// code, which halves the HiPPO paper's matrices "for timescale correctness":
    /// A\[n,k\] = −½√(2n+1)√(2k+1) for n ≥ k and −½√(2n+1)√(2k+1)·(−1)^{n−k} for n < k;
    /// B\[n\] = ½√(2n+1).
    LegT,
    /// S4D-Lin, diagonal and complex: A_n = −½ + iπn, B_n = 1 (n = 0 … N−1). The S4 code keeps
    /// one of each conjugate pair and writes the imaginary part as −πn; the two describe the
    /// same real system.
    #[strum(serialize = "s4d-lin")]
    S4dLin,
    /// S4D-Real, diagonal: A_n = −(n+1) (the eigenvalues of LegS), B_n = 1.
    #[strum(serialize = "s4d-real")]
    S4dReal,
}

impl HippoKind {
    /// Every kind, in the order of the list above.
    pub const ALL: [HippoKind; 4] =
        [HippoKind::LegS, HippoKind::LegT, HippoKind::S4dLin, HippoKind::S4dReal];

    /// The kind's snake_case name, as the `eval` interface reads it.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

impl FromStr for HippoKind {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<HippoKind> {
        by_name("HiPPO kind", &HippoKind::ALL, s)
    }
}

/// An initialisation of A (possibly complex) and B.
#[derive(Debug, Clone, PartialEq)]
pub struct Hippo {
    /// Which initialisation this is.
    pub kind: HippoKind,
    /// The real part of A (N×N).
    pub a: DMatrix<f64>,
    /// The imaginary part of A (N×N), present only for the complex kind S4D-Lin.
    pub a_imag: Option<DMatrix<f64>>,
    /// B (N entries).
    pub b: DVector<f64>,
}

impl Hippo {
    /// (A, B) of the given kind with N states.
    /// Errors: N = 0 or N beyond the state-size limit.
    pub fn new(kind: HippoKind, n: usize) -> Result<Hippo> {
        dimension("the HiPPO state size n", n)?;
        elements("the HiPPO matrix A", &[n, n])?;
        let root = |i: usize| ((2 * i + 1) as f64).sqrt();
        let (a, b) = match kind {
            HippoKind::LegS => {
                let a = DMatrix::from_fn(n, n, |i, k| match i.cmp(&k) {
                    std::cmp::Ordering::Greater => -root(i) * root(k),
                    std::cmp::Ordering::Equal => -((i + 1) as f64),
                    std::cmp::Ordering::Less => 0.0,
                });
                (a, DVector::from_fn(n, |i, _| root(i)))
            }
            HippoKind::LegT => {
                let a = DMatrix::from_fn(n, n, |i, k| {
                    let sign = if i < k && (k - i) % 2 == 1 { -1.0 } else { 1.0 };
                    -0.5 * root(i) * root(k) * sign
                });
                (a, DVector::from_fn(n, |i, _| 0.5 * root(i)))
            }
            HippoKind::S4dLin => {
                (DMatrix::from_diagonal_element(n, n, -0.5), DVector::repeat(n, 1.0))
            }
            HippoKind::S4dReal => (
                DMatrix::from_diagonal(&DVector::from_fn(n, |i, _| -((i + 1) as f64))),
                DVector::repeat(n, 1.0),
            ),
        };
        let a_imag = (kind == HippoKind::S4dLin).then(|| {
            DMatrix::from_diagonal(&DVector::from_fn(n, |i, _| std::f64::consts::PI * i as f64))
        });
        Ok(Hippo { kind, a, a_imag, b })
    }

    /// The real continuous system (A, B, C, D = 0) with the given C (one row of N entries).
    /// Errors: the complex kind S4D-Lin, or a C of the wrong length or non-finite.
    pub fn with_output(&self, c: &[f64]) -> Result<Continuous> {
        if self.a_imag.is_some() {
            return Err(SsmError::Domain(format!(
                "{} has a complex A; it has no real (A, B, C, D) form here",
                self.kind
            )));
        }
        Continuous::siso(self.a.clone(), self.b.as_slice(), c, 0.0)
    }
}
