//! The Mamba block in recurrent mode (official `Mamba.step`): one token in, one token out, with a
//! fixed-size state carried between calls. This is how Mamba generates text: the cost and the
//! memory per token do not grow with the context.
//!
//! ## The state
//!
//! - The convolution state: the last d_conv − 1 inputs x of the causal convolution, (d_inner,
//!   d_conv − 1), oldest in column 0. (Upstream keeps d_conv columns including the current input;
//!   the newest column is only ever the current x, so d_conv − 1 suffice.)
//! - The SSM state h, (d_inner, N).
//!
//! ## One step, for the token x_t (d_model entries)
//!
//! 1. (x, z) = in_proj.weight · x_t, split in halves of d_inner.
//! 2. conv_c = bias_c + Σ_{k<d_conv−1} w_{c,k}·past_{c,k} + w_{c,d_conv−1}·x_c; then the past shifts
//!    left by one and x enters as its newest column.
//! 3. u = SiLU(conv); (Δ_r, B, C) = x_proj.weight · u; Δ = softplus(dt_proj.weight·Δ_r + bias).
//! 4. h_{c,n} ← exp(Δ_c·A_{c,n})·h_{c,n} + Δ_c·B_n·u_c (the official Euler rule for B).
//! 5. y_c = Σₙ h_{c,n}·C_n + D_c·u_c; out = out_proj.weight · (y ⊙ SiLU(z)).
//!
//! Run over a sequence token by token, this gives the rows of [`Mixer::forward`] (tested below).

use super::mixer::{Mixer, ResidualBlock};
use super::weights::MixerDims;
use crate::ssm::selective::{silu, softplus};
use crate::ssm::{Result, SsmError};
use nalgebra::{DMatrix, DVector};

/// What a Mamba mixer carries from one token to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct MixerState {
    /// The last d_conv − 1 convolution inputs, (d_inner, d_conv − 1), oldest first.
    pub conv: DMatrix<f64>,
    /// The SSM state h, (d_inner, N).
    pub ssm: DMatrix<f64>,
}

impl MixerState {
    /// The state before the first token: all zeros (the convolution's padding and h₋₁ = 0).
    pub fn zeros(dims: MixerDims) -> MixerState {
        MixerState {
            conv: DMatrix::zeros(dims.d_inner, dims.d_conv - 1),
            ssm: DMatrix::zeros(dims.d_inner, dims.d_state),
        }
    }

    /// How many numbers the state holds: d_inner·(d_conv − 1) + d_inner·N, whatever the context.
    pub fn values_for(dims: MixerDims) -> u64 {
        dims.d_inner as u64 * (dims.d_conv as u64 - 1 + dims.d_state as u64)
    }

    /// The bytes of f64 this state's two matrices hold.
    pub fn bytes(&self) -> usize {
        (self.conv.len() + self.ssm.len()) * size_of::<f64>()
    }
}

impl Mixer {
    /// The zero state before the first token.
    pub fn start_state(&self) -> MixerState {
        MixerState::zeros(self.dims())
    }

    /// One recurrent step: the output for token `x` (d_model entries), updating `state`.
    pub fn step(&self, state: &mut MixerState, x: &DVector<f64>) -> Result<DVector<f64>> {
        let dims = self.dims();
        let MixerDims { d_model, d_inner, d_state, d_conv, dt_rank } = dims;
        if x.len() != d_model {
            return Err(SsmError::Shape(format!(
                "a token must have d_model = {d_model} entries, got {}",
                x.len()
            )));
        }
        if state.conv.shape() != (d_inner, d_conv - 1) || state.ssm.shape() != (d_inner, d_state) {
            return Err(SsmError::Shape(format!(
                "the state must be conv (d_inner, d_conv − 1) = ({d_inner}, {}) and ssm (d_inner, \
                 N) = ({d_inner}, {d_state}), got {:?} and {:?}",
                d_conv - 1,
                state.conv.shape(),
                state.ssm.shape()
            )));
        }
        if x.iter().any(|v| !v.is_finite()) {
            return Err(SsmError::NonFinite("the token holds a non-finite value".into()));
        }
        let w = self.weights();
        // Step 1: in_proj, split into x and z.
        let xz = &w.in_proj * x;
        let past = d_conv - 1;
        // Step 2: the convolution over the kept past and the new input, then the shift.
        let mut u = DVector::zeros(d_inner);
        for c in 0..d_inner {
            let x_c = xz[c];
            let mut acc = w.conv_bias[c] + w.conv_weight[(c, past)] * x_c;
            for k in 0..past {
                acc += w.conv_weight[(c, k)] * state.conv[(c, k)];
            }
            for k in 1..past {
                state.conv[(c, k - 1)] = state.conv[(c, k)];
            }
            if past > 0 {
                state.conv[(c, past - 1)] = x_c;
            }
            // Step 3: SiLU.
            u[c] = silu(acc);
        }
        // Step 3: Δ_r, B, C; Δ = softplus(dt_proj·Δ_r + bias).
        let x_dbl = &w.x_proj * &u;
        let delta_r = x_dbl.rows(0, dt_rank);
        let (b, cc) = (x_dbl.rows(dt_rank, d_state), x_dbl.rows(dt_rank + d_state, d_state));
        let dt = &w.dt_proj_weight * delta_r;
        // Steps 4–5, channel by channel, with A = −exp(A_log).
        let a = self.a();
        let mut gated = DVector::zeros(d_inner);
        for c in 0..d_inner {
            let delta = softplus(dt[c] + w.dt_proj_bias[c]);
            let mut y = w.d[c] * u[c];
            for n in 0..d_state {
                let a = a[(c, n)];
                // Eqn (4): Ā = exp(ΔA); the official B̄·u = Δ·B·u.
                let h = (delta * a).exp() * state.ssm[(c, n)] + delta * b[n] * u[c];
                state.ssm[(c, n)] = h;
                y += h * cc[n];
            }
            gated[c] = y * silu(xz[d_inner + c]);
        }
        let out = &w.out_proj * gated;
        if out.iter().all(|v| v.is_finite()) {
            Ok(out)
        } else {
            Err(SsmError::Numerical("the mixer's step overflowed".into()))
        }
    }
}

impl ResidualBlock {
    /// One recurrent step of the residual block: x + mixer.step(RMSNorm(x)).
    pub fn step(&self, state: &mut MixerState, x: &DVector<f64>) -> Result<DVector<f64>> {
        Ok(x + self.mixer.step(state, &self.norm.normalize(x)?)?)
    }
}

/// Runs a stack of blocks in recurrent mode over x, (L, d_model): each token passes through
/// every block, each with its own state, before the next token enters. Returns the last block's
/// outputs, (L, d_model), which equal [`run_stack`](super::run_stack)'s.
pub fn step_stack(blocks: &[ResidualBlock], x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
    let mut states: Vec<MixerState> = blocks.iter().map(|b| b.mixer.start_state()).collect();
    let mut out = x.clone();
    for (t, mut row) in out.row_iter_mut().enumerate() {
        let mut token = x.row(t).transpose();
        for (block, state) in blocks.iter().zip(&mut states) {
            token = block.step(state, &token)?;
        }
        row.copy_from(&token.transpose());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::{MixerInit, RmsNorm, Rng};

    fn mixer(d_model: usize, d_conv: usize, seed: u64) -> Mixer {
        let init = MixerInit { d_conv, d_state: 5, ..MixerInit::new(d_model) };
        let mut w = init.weights(&mut Rng::new(seed)).unwrap();
        // Larger steps than the official init, so the state really moves.
        w.dt_proj_bias.iter_mut().for_each(|b| *b += 2.0);
        Mixer::new(w).unwrap()
    }

    fn tokens(len: usize, d_model: usize, seed: u64) -> DMatrix<f64> {
        let mut rng = Rng::new(seed);
        DMatrix::from_fn(len, d_model, |_, _| rng.normal())
    }

    #[test]
    fn stepping_token_by_token_equals_the_full_forward() {
        for (d_model, d_conv) in [(6, 4), (3, 1), (5, 2)] {
            let m = mixer(d_model, d_conv, 3);
            let x = tokens(11, d_model, 9);
            let full = m.trace(&x).unwrap();
            let mut state = m.start_state();
            for t in 0..x.nrows() {
                let y = m.step(&mut state, &x.row(t).transpose()).unwrap();
                let err = (y - full.output.row(t).transpose()).amax();
                assert!(err < 1e-12, "d_conv {d_conv}, token {t}: {err:e}");
            }
            assert!((&state.ssm - &full.last_state).amax() < 1e-12);
            // The convolution state holds the last d_conv − 1 inputs x.
            let len = x.nrows();
            for k in 0..d_conv - 1 {
                let col = len - (d_conv - 1) + k;
                assert!((state.conv.column(k) - full.x.column(col)).amax() < 1e-12);
            }
        }
    }

    #[test]
    fn the_residual_step_equals_the_residual_forward() {
        let m = mixer(4, 4, 5);
        let norm = RmsNorm::new(DVector::from_vec(vec![1.0, 0.5, 2.0, 1.5])).unwrap();
        let block = ResidualBlock { norm, mixer: m };
        let x = tokens(7, 4, 1);
        let full = block.forward(&x).unwrap();
        let mut state = block.mixer.start_state();
        for t in 0..7 {
            let y = block.step(&mut state, &x.row(t).transpose()).unwrap();
            assert!((y - full.row(t).transpose()).amax() < 1e-12);
        }
    }

    #[test]
    fn a_stack_in_recurrent_mode_equals_the_stack_forward() {
        let init = MixerInit { d_state: 3, ..MixerInit::new(5) };
        let blocks = crate::ssm::block::seeded_stack(init, 3, 4).unwrap();
        let x = tokens(9, 5, 2);
        let full = crate::ssm::block::run_stack(&blocks, &x).unwrap();
        let stepped = step_stack(&blocks, &x).unwrap();
        assert!((&stepped - full.last().unwrap()).amax() < 1e-12);
        assert!((&stepped - &full[1]).amax() > 1e-6, "the third block changes the output");
    }

    #[test]
    fn the_state_has_a_fixed_size_and_shapes_are_checked() {
        let m = mixer(8, 4, 2);
        let dims = m.dims();
        let mut state = m.start_state();
        let before = state.bytes();
        assert_eq!(before as u64, MixerState::values_for(dims) * 8);
        assert_eq!(before, (16 * 3 + 16 * 5) * 8);
        for t in 0..50 {
            m.step(&mut state, &DVector::from_element(8, t as f64 * 0.1)).unwrap();
        }
        assert_eq!(state.bytes(), before);
        assert!(matches!(m.step(&mut state, &DVector::zeros(7)), Err(SsmError::Shape(_))));
        let mut wrong = MixerState { conv: DMatrix::zeros(16, 2), ..m.start_state() };
        assert!(matches!(m.step(&mut wrong, &DVector::zeros(8)), Err(SsmError::Shape(_))));
        let nan = DVector::from_element(8, f64::NAN);
        assert!(matches!(m.step(&mut state, &nan), Err(SsmError::NonFinite(_))));
    }
}
