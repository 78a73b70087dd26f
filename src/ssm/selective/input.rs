//! [`SelectiveScanInput`]: u, Δ, A, B, C and the optional D, z, delta_bias of one scan, their
//! shape and finiteness checks, and random inputs shaped like a Mamba layer's.

use super::dims::ScanDims;
use super::discretize::{effective_delta, inverse_softplus, output, sample_dt, silu};
use crate::ssm::{Result, Rng, SsmError};
use nalgebra::{DMatrix, DVector};

/// The inputs of one selective scan (one batch element).
#[derive(Debug, Clone, PartialEq)]
pub struct SelectiveScanInput {
    /// The input sequence u, (D, L).
    pub u: DMatrix<f64>,
    /// The raw step sizes Δ, (D, L), before `delta_bias` and softplus.
    pub delta: DMatrix<f64>,
    /// The diagonal state matrices, one row per channel, (D, N).
    pub a: DMatrix<f64>,
    /// The input-dependent input matrix, (N, L).
    pub b: DMatrix<f64>,
    /// The input-dependent output matrix, (N, L).
    pub c: DMatrix<f64>,
    /// The skip connection D, D entries.
    pub d: Option<DVector<f64>>,
    /// The gate z, (D, L): the output is multiplied by SiLU(z).
    pub z: Option<DMatrix<f64>>,
    /// Added to Δ before softplus, D entries.
    pub delta_bias: Option<DVector<f64>>,
    /// Whether Δ passes through softplus.
    pub delta_softplus: bool,
}

/// Checks `m` is rows×cols; `meaning` names the dimensions, e.g. "D×L".
fn expect_shape(
    name: &str,
    m: &DMatrix<f64>,
    meaning: &str,
    rows: usize,
    cols: usize,
) -> Result<()> {
    if m.shape() == (rows, cols) {
        return Ok(());
    }
    Err(SsmError::Shape(format!(
        "{name} must be {meaning} = {rows}×{cols} (D and L from u, N from A's columns), got {}×{}",
        m.nrows(),
        m.ncols()
    )))
}

fn expect_len(name: &str, v: &DVector<f64>, len: usize) -> Result<()> {
    if v.len() == len {
        return Ok(());
    }
    Err(SsmError::Shape(format!("{name} must have D = {len} entries, got {}", v.len())))
}

fn expect_finite(name: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|x| !x.is_finite()) {
        None => Ok(()),
        Some(i) => {
            Err(SsmError::NonFinite(format!("{name} holds {} at flat index {i}", values[i])))
        }
    }
}

impl SelectiveScanInput {
    /// Checks every shape against u (D×L) and A (D×N), the size limits, and that every value is
    /// finite; returns the sizes.
    pub fn validate(&self) -> Result<ScanDims> {
        let dims = ScanDims { d: self.u.nrows(), n: self.a.ncols(), l: self.u.ncols() }.check()?;
        let ScanDims { d, n, l } = dims;
        expect_shape("delta", &self.delta, "D×L", d, l)?;
        expect_shape("A", &self.a, "D×N", d, n)?;
        expect_shape("B", &self.b, "N×L", n, l)?;
        expect_shape("C", &self.c, "N×L", n, l)?;
        if let Some(z) = &self.z {
            expect_shape("z", z, "D×L", d, l)?;
        }
        if let Some(v) = &self.d {
            expect_len("D", v, d)?;
        }
        if let Some(v) = &self.delta_bias {
            expect_len("delta_bias", v, d)?;
        }
        let matrices = [("u", &self.u), ("delta", &self.delta), ("A", &self.a)];
        for (name, m) in matrices.into_iter().chain([("B", &self.b), ("C", &self.c)]) {
            expect_finite(name, m.as_slice())?;
        }
        if let Some(z) = &self.z {
            expect_finite("z", z.as_slice())?;
        }
        for (name, v) in [("D", &self.d), ("delta_bias", &self.delta_bias)] {
            if let Some(v) = v {
                expect_finite(name, v.as_slice())?;
            }
        }
        Ok(dims)
    }

    /// Δ as the scan uses it: delta + delta_bias, through softplus if asked; (D, L).
    pub fn effective_delta(&self) -> DMatrix<f64> {
        DMatrix::from_fn(self.delta.nrows(), self.delta.ncols(), |d, t| self.delta_at(d, t))
    }

    /// Step 1 of the module doc for one entry.
    pub(crate) fn delta_at(&self, d: usize, t: usize) -> f64 {
        let bias = self.delta_bias.as_ref().map_or(0.0, |b| b[d]);
        effective_delta(self.delta[(d, t)], bias, self.delta_softplus)
    }

    /// Step 5 of the module doc: the readout Σₙ h·C (`ssm`) plus the skip and the gate.
    pub(crate) fn finish(&self, ssm: f64, d: usize, t: usize) -> f64 {
        let skip = self.d.as_ref().map_or(0.0, |skip| skip[d]);
        let gate = self.z.as_ref().map_or(1.0, |z| silu(z[(d, t)]));
        output(ssm, self.u[(d, t)], skip, gate)
    }
}

impl SelectiveScanInput {
    /// Random inputs shaped like those of a Mamba layer, for benchmarks and examples:
    /// u, B, C, z and the raw Δ drawn from N(0, 1); softplus on, with `delta_bias` from the
    /// official dt initialisation ([`sample_dt`] in [0.001, 0.1], then softplus⁻¹);
    /// A = −(1, 2, …, N) in every row (A_log = log(1…N)); D = 1.
    /// The sizes are not checked here: call [`ScanDims::check`] first.
    pub fn random(dims: ScanDims, rng: &mut Rng) -> SelectiveScanInput {
        let ScanDims { d, n, l } = dims;
        let mut normal = |rows, cols| DMatrix::from_fn(rows, cols, |_, _| rng.normal());
        let (u, delta, b, c, z) =
            (normal(d, l), normal(d, l), normal(n, l), normal(n, l), normal(d, l));
        SelectiveScanInput {
            u,
            delta,
            a: DMatrix::from_fn(d, n, |_, j| -((j + 1) as f64)),
            b,
            c,
            d: Some(DVector::from_element(d, 1.0)),
            z: Some(z),
            delta_bias: Some(DVector::from_fn(d, |_, _| {
                inverse_softplus(sample_dt(rng, 0.001, 0.1, 1e-4))
            })),
            delta_softplus: true,
        }
    }
}
