//! The Mamba block: the mixer (official `Mamba.forward`, slow path) with every intermediate tensor
//! exposed, RMSNorm, and the pre-norm residual block that stacks.
//!
//! ## The mixer, step by step (mamba_simple.py, `Mamba.forward` without the fused kernels)
//!
//! The input x is (L, d_model), one token per row, as in the official (batch, L, d_model) layout
//! without the batch. Inside, sequences are (channels, L), the core's convention.
//!
//! 1. xz = in_proj.weight · xᵀ, (2·d_inner, L); its first d_inner rows are x, the rest z.
//! 2. conv = conv1d(x): causal depthwise convolution with bias, i.e. `nn.Conv1d(groups=d_inner,
//!    padding=d_conv−1)` cut to the first L outputs:
//!    conv_{c,t} = bias_c + Σ_{k=0}^{d_conv−1} w_{c,k}·x_{c, t+k−(d_conv−1)}, x at t < 0 being 0.
//! 3. u = SiLU(conv).
//! 4. x_dbl = x_proj.weight · u, (dt_rank + 2N, L), split into Δ_r (dt_rank rows), B (N), C (N).
//! 5. dt = dt_proj.weight · Δ_r, (d_inner, L) — *without* dt_proj.bias: upstream passes the bias
//!    to the scan as delta_bias, with delta_softplus = true, so Δ = softplus(dt + bias).
//! 6. A = −exp(A_log); y = selective_scan(u, dt, A, B, C, D, delta_bias = dt_proj.bias,
//!    softplus) — the official Euler rule — and then y·SiLU(z), the gate.
//! 7. out = (out_proj.weight · y_gated)ᵀ, (L, d_model).
//!
//! The residual block (`Block` with `RMSNorm`, pre-norm) computes x + mixer(RMSNorm(x)); upstream
//! carries the residual to the next block and adds it there, which gives the same sums.

use super::weights::{MixerDims, MixerWeights, StateDict};
use crate::ssm::selective::silu;
use crate::ssm::{
    BRule, MAX_ELEMENTS, MAX_LEN, Result, ScanAlgorithm, SelectiveScanInput, SsmError,
    selective_scan,
};
use nalgebra::{DMatrix, DVector};

/// A Mamba mixer with validated weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixer {
    weights: MixerWeights,
    dims: MixerDims,
    /// A = −exp(A_log), (d_inner, N), computed once.
    a: DMatrix<f64>,
}

/// Every tensor of one mixer forward pass; sequences are (channels, L).
#[derive(Debug, Clone, PartialEq)]
pub struct MixerTrace {
    /// x, the first half of in_proj's output, (d_inner, L).
    pub x: DMatrix<f64>,
    /// z, the gate branch, (d_inner, L).
    pub z: DMatrix<f64>,
    /// The causal convolution of x with its bias, (d_inner, L).
    pub conv: DMatrix<f64>,
    /// SiLU(conv): the input u of the selective scan, (d_inner, L).
    pub x_act: DMatrix<f64>,
    /// Δ_r, the low-rank step sizes from x_proj, (dt_rank, L).
    pub delta_r: DMatrix<f64>,
    /// dt_proj.weight · Δ_r before its bias, (d_inner, L).
    pub dt: DMatrix<f64>,
    /// Δ = softplus(dt + dt_proj.bias), the step sizes the scan uses, (d_inner, L).
    pub delta: DMatrix<f64>,
    /// B from x_proj, (N, L).
    pub b: DMatrix<f64>,
    /// C from x_proj, (N, L).
    pub c: DMatrix<f64>,
    /// A = −exp(A_log), (d_inner, N).
    pub a: DMatrix<f64>,
    /// The scan's output with the skip D·u, before gating, (d_inner, L).
    pub y: DMatrix<f64>,
    /// y·SiLU(z), (d_inner, L).
    pub y_gated: DMatrix<f64>,
    /// The state after the last token, (d_inner, N).
    pub last_state: DMatrix<f64>,
    /// The mixer's output, (L, d_model).
    pub output: DMatrix<f64>,
}

impl Mixer {
    /// A mixer, after checking that the weights' shapes agree and their values are finite.
    pub fn new(weights: MixerWeights) -> Result<Mixer> {
        let dims = weights.dims()?;
        let a = weights.a_log.map(|v| -v.exp());
        Ok(Mixer { weights, dims, a })
    }

    /// Reads the mixer's nine weights called `prefix + name` from a state dict.
    pub fn from_state_dict(dict: &StateDict, prefix: &str) -> Result<Mixer> {
        Mixer::new(MixerWeights::from_state_dict(dict, prefix)?)
    }

    /// The weights.
    pub fn weights(&self) -> &MixerWeights {
        &self.weights
    }

    /// The sizes read off the weights.
    pub fn dims(&self) -> MixerDims {
        self.dims
    }

    /// The state matrices A = −exp(A_log), (d_inner, N).
    pub fn a(&self) -> &DMatrix<f64> {
        &self.a
    }

    /// Checks an input x of shape (L, d_model) before anything of its size is allocated.
    fn check_input(&self, x: &DMatrix<f64>) -> Result<()> {
        let MixerDims { d_model, d_inner, d_state, dt_rank, .. } = self.dims;
        if x.ncols() != d_model {
            return Err(SsmError::Shape(format!(
                "x must be L×d_model = L×{d_model} (one token per row), got {}×{}",
                x.nrows(),
                x.ncols()
            )));
        }
        let len = x.nrows();
        if len == 0 {
            return Err(SsmError::Domain("x is empty: the mixer needs at least one token".into()));
        }
        let widest = (2 * d_inner).max(dt_rank + 2 * d_state);
        if len > MAX_LEN || len.saturating_mul(widest) > MAX_ELEMENTS {
            return Err(SsmError::TooLarge(format!(
                "L = {len} tokens with {widest} channels: at most {MAX_ELEMENTS} values"
            )));
        }
        match x.iter().position(|v| !v.is_finite()) {
            Some(i) => Err(SsmError::NonFinite(format!("x holds a non-finite value at {i}"))),
            None => Ok(()),
        }
    }

    /// The mixer's output for x, (L, d_model).
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        Ok(self.trace(x)?.output)
    }

    /// The forward pass with every intermediate tensor (the steps of the module doc).
    pub fn trace(&self, x: &DMatrix<f64>) -> Result<MixerTrace> {
        self.check_input(x)?;
        let w = &self.weights;
        let MixerDims { d_inner, d_state, d_conv, dt_rank, .. } = self.dims;
        let len = x.nrows();
        // Step 1: in_proj, then split into x and z.
        let xz = &w.in_proj * x.transpose();
        let (x_in, z) = (xz.rows(0, d_inner).into_owned(), xz.rows(d_inner, d_inner).into_owned());
        // Step 2: causal depthwise convolution; tap k looks back d_conv − 1 − k steps.
        let conv = DMatrix::from_fn(d_inner, len, |c, t| {
            let taps = (0..d_conv).filter_map(|k| {
                let back = d_conv - 1 - k;
                (t >= back).then(|| w.conv_weight[(c, k)] * x_in[(c, t - back)])
            });
            w.conv_bias[c] + taps.sum::<f64>()
        });
        // Step 3.
        let x_act = conv.map(silu);
        // Step 4: Δ_r, B and C from one projection.
        let x_dbl = &w.x_proj * &x_act;
        let delta_r = x_dbl.rows(0, dt_rank).into_owned();
        let b = x_dbl.rows(dt_rank, d_state).into_owned();
        let c = x_dbl.rows(dt_rank + d_state, d_state).into_owned();
        // Step 5: dt_proj without its bias (the bias goes to the scan as delta_bias).
        let dt = &w.dt_proj_weight * &delta_r;
        // Step 6: the selective scan with A = −exp(A_log), D, delta_bias and softplus.
        let a = self.a.clone();
        let input = SelectiveScanInput {
            u: x_act,
            delta: dt,
            a,
            b,
            c,
            d: Some(w.d.clone()),
            z: None,
            delta_bias: Some(w.dt_proj_bias.clone()),
            delta_softplus: true,
        };
        let scanned = selective_scan(&input, BRule::Euler, ScanAlgorithm::Sequential)?;
        let delta = input.effective_delta();
        // The gate: exactly what the scan does with z, (y + D·u)·SiLU(z), kept in two steps.
        let y_gated = scanned.y.zip_map(&z, |y, z| y * silu(z));
        // Step 7.
        let output = (&w.out_proj * &y_gated).transpose();
        let SelectiveScanInput { u: x_act, delta: dt, a, b, c, .. } = input;
        let trace = MixerTrace {
            x: x_in,
            z,
            conv,
            x_act,
            delta_r,
            dt,
            delta,
            b,
            c,
            a,
            y: scanned.y,
            y_gated,
            last_state: scanned.last_state,
            output,
        };
        if trace.output.iter().all(|v| v.is_finite()) {
            Ok(trace)
        } else {
            Err(SsmError::Numerical("the mixer's output overflowed".into()))
        }
    }
}

impl MixerTrace {
    /// SiLU(z), the gate that multiplies y, (d_inner, L).
    pub fn gate(&self) -> DMatrix<f64> {
        self.z.map(silu)
    }
}

/// RMSNorm: x·w / √(mean(x²) + ε) over each token's d_model features.
#[derive(Debug, Clone, PartialEq)]
pub struct RmsNorm {
    /// The learned scale, d_model entries (1 at initialisation).
    pub weight: DVector<f64>,
    /// ε inside the root (1e-5 upstream).
    pub eps: f64,
}

impl RmsNorm {
    /// Upstream's ε.
    pub const EPS: f64 = 1e-5;

    /// An RMSNorm with ε = 1e-5, after checking the weight is finite and non-empty.
    pub fn new(weight: DVector<f64>) -> Result<RmsNorm> {
        if weight.is_empty() || weight.iter().any(|v| !v.is_finite()) {
            return Err(SsmError::Domain("the RMSNorm weight must be non-empty and finite".into()));
        }
        Ok(RmsNorm { weight, eps: RmsNorm::EPS })
    }

    /// Normalizes every row (token) of x, (L, d_model).
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        if x.ncols() != self.weight.len() {
            return Err(SsmError::Shape(format!(
                "RMSNorm of width {} got x with {} columns",
                self.weight.len(),
                x.ncols()
            )));
        }
        let mut out = x.clone();
        for mut row in out.row_iter_mut() {
            let scale = self.scale(row.iter());
            for (v, w) in row.iter_mut().zip(self.weight.iter()) {
                *v = *v * scale * w;
            }
        }
        Ok(out)
    }

    /// Normalizes one token (d_model entries).
    pub fn normalize(&self, x: &DVector<f64>) -> Result<DVector<f64>> {
        if x.len() != self.weight.len() {
            return Err(SsmError::Shape(format!(
                "RMSNorm of width {} got a token of {} entries",
                self.weight.len(),
                x.len()
            )));
        }
        let scale = self.scale(x.iter());
        Ok(x.zip_map(&self.weight, |v, w| v * scale * w))
    }

    /// 1 / √(mean(x²) + ε) of one token's features.
    fn scale<'a>(&self, token: impl ExactSizeIterator<Item = &'a f64>) -> f64 {
        let n = token.len() as f64;
        let mean_square = token.map(|v| v * v).sum::<f64>() / n;
        1.0 / (mean_square + self.eps).sqrt()
    }
}

/// The pre-norm residual block: x + mixer(RMSNorm(x)).
#[derive(Debug, Clone, PartialEq)]
pub struct ResidualBlock {
    /// The norm in front of the mixer (`norm.weight`).
    pub norm: RmsNorm,
    /// The mixer (`mixer.*`).
    pub mixer: Mixer,
}

impl ResidualBlock {
    /// A block from `prefix + "norm.weight"` and the mixer's `prefix + "mixer." + name`.
    pub fn from_state_dict(dict: &StateDict, prefix: &str) -> Result<ResidualBlock> {
        let mixer = Mixer::from_state_dict(dict, &format!("{prefix}mixer."))?;
        let name = format!("{prefix}norm.weight");
        let weight =
            dict.get(&name).ok_or_else(|| SsmError::Shape(format!("missing weight {name:?}")))?;
        let d_model = mixer.dims().d_model;
        if weight.shape() != [d_model] {
            return Err(SsmError::Shape(format!(
                "weight {name:?} must have shape (d_model) = [{d_model}], got {:?}",
                weight.shape()
            )));
        }
        let norm = RmsNorm::new(DVector::from_column_slice(weight.data()))?;
        Ok(ResidualBlock { norm, mixer })
    }

    /// x + mixer(RMSNorm(x)) for x of shape (L, d_model).
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        Ok(x + self.mixer.forward(&self.norm.forward(x)?)?)
    }

    /// The forward pass with the normalized input and every tensor of the mixer.
    pub fn trace(&self, x: &DMatrix<f64>) -> Result<BlockTrace> {
        let normed = self.norm.forward(x)?;
        let mixer = self.mixer.trace(&normed)?;
        let output = x + &mixer.output;
        Ok(BlockTrace { normed, mixer, output })
    }
}

/// Every tensor of one residual block's forward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockTrace {
    /// RMSNorm(x), (L, d_model): the mixer's input.
    pub normed: DMatrix<f64>,
    /// The mixer's tensors.
    pub mixer: MixerTrace,
    /// x + mixer(RMSNorm(x)), (L, d_model): the block's output, the next block's input.
    pub output: DMatrix<f64>,
}

/// Runs blocks one after another and returns the output of each (the last is the stack's).
pub fn run_stack(blocks: &[ResidualBlock], x: &DMatrix<f64>) -> Result<Vec<DMatrix<f64>>> {
    let mut outputs: Vec<DMatrix<f64>> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let next = block.forward(outputs.last().unwrap_or(x))?;
        outputs.push(next);
    }
    Ok(outputs)
}

/// Runs blocks one after another and returns every block's trace (the last output is the
/// stack's).
pub fn trace_stack(blocks: &[ResidualBlock], x: &DMatrix<f64>) -> Result<Vec<BlockTrace>> {
    let mut traces: Vec<BlockTrace> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let next = block.trace(traces.last().map_or(x, |t| &t.output))?;
        traces.push(next);
    }
    Ok(traces)
}
