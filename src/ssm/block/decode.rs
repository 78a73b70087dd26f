//! Generation one token at a time, the same way for three models: a Mamba mixer (its state is
//! fixed-size), causal attention (its key–value cache grows with the context) and an RNN cell (a
//! fixed hidden vector). Also the memory a stack of Mamba and attention layers keeps per sequence.

use super::attention::{Attention, KvCache};
use super::mixer::Mixer;
use super::recurrent::MixerState;
use super::rnn::RnnCell;
use super::weights::MixerDims;
use crate::ssm::Result;
use nalgebra::{DMatrix, DVector};

/// A sequence model that can run over a whole sequence or generate one token at a time.
pub trait Decoder {
    /// What is carried from one token to the next.
    type State: Clone;
    /// The state before the first token.
    fn start(&self) -> Self::State;
    /// The output for one token (d_model entries), updating the state.
    fn decode(&self, state: &mut Self::State, token: &DVector<f64>) -> Result<DVector<f64>>;
    /// The outputs of a whole sequence, (L, d_model), computed the training way.
    fn forward_all(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>>;
    /// The bytes the state's data occupies (f64 values).
    fn state_bytes(state: &Self::State) -> usize;
    /// The number of weights.
    fn parameter_count(&self) -> usize;
}

impl Decoder for Mixer {
    type State = MixerState;
    fn start(&self) -> MixerState {
        self.start_state()
    }
    fn decode(&self, state: &mut MixerState, token: &DVector<f64>) -> Result<DVector<f64>> {
        self.step(state, token)
    }
    fn forward_all(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        self.forward(x)
    }
    fn state_bytes(state: &MixerState) -> usize {
        state.bytes()
    }
    fn parameter_count(&self) -> usize {
        self.dims().parameter_count()
    }
}

impl Decoder for Attention {
    type State = KvCache;
    fn start(&self) -> KvCache {
        self.empty_cache()
    }
    fn decode(&self, state: &mut KvCache, token: &DVector<f64>) -> Result<DVector<f64>> {
        self.step(state, token)
    }
    fn forward_all(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        self.forward(x)
    }
    fn state_bytes(state: &KvCache) -> usize {
        state.bytes()
    }
    fn parameter_count(&self) -> usize {
        Attention::parameter_count(self)
    }
}

impl Decoder for RnnCell {
    type State = DVector<f64>;
    fn start(&self) -> DVector<f64> {
        self.start_state()
    }
    fn decode(&self, state: &mut DVector<f64>, token: &DVector<f64>) -> Result<DVector<f64>> {
        self.step(state, token)
    }
    fn forward_all(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        self.forward(x)
    }
    fn state_bytes(state: &DVector<f64>) -> usize {
        state.len() * size_of::<f64>()
    }
    fn parameter_count(&self) -> usize {
        RnnCell::parameter_count(self)
    }
}

/// The kind of one layer in a stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerKind {
    /// A Mamba mixer: a fixed-size state.
    Mamba,
    /// Causal attention: a key–value cache that grows with the context.
    Attention,
}

/// The numbers a stack keeps per sequence after `context` tokens: each Mamba layer its
/// d_inner·(d_conv − 1 + N) state values, each attention layer 2·context·d_head cached keys and
/// values (in u64: a long context of a wide stack overflows a 32-bit usize).
pub fn inference_values(
    layers: &[LayerKind],
    mamba: MixerDims,
    d_head: usize,
    context: usize,
) -> u64 {
    layers
        .iter()
        .map(|kind| match kind {
            LayerKind::Mamba => MixerState::values_for(mamba),
            LayerKind::Attention => KvCache::values_for(d_head, context),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::{MixerInit, Rng};

    /// Generating token by token gives the rows of the whole-sequence pass; returns the state
    /// size after each token.
    fn generate<D: Decoder>(model: &D, x: &DMatrix<f64>) -> Vec<usize> {
        let full = model.forward_all(x).unwrap();
        let mut state = model.start();
        (0..x.nrows())
            .map(|t| {
                let y = model.decode(&mut state, &x.row(t).transpose()).unwrap();
                assert!((y - full.row(t).transpose()).amax() < 1e-12, "token {t}");
                D::state_bytes(&state)
            })
            .collect()
    }

    #[test]
    fn every_decoder_generates_what_the_sequence_pass_computes() {
        let mut rng = Rng::new(21);
        let x = DMatrix::from_fn(24, 8, |_, _| rng.normal());
        let mixer = Mixer::new(MixerInit::new(8).weights(&mut rng).unwrap()).unwrap();
        let attention = Attention::init(8, 8, &mut rng).unwrap();
        let rnn = RnnCell::init(8, 16, &mut rng).unwrap();
        // Mamba: d_inner 16 × (d_conv − 1 = 3 + N = 16) values, constant.
        assert!(generate(&mixer, &x).iter().all(|&b| b == 16 * 19 * 8));
        // Attention: 2·t·d_head values after t tokens.
        let kv = generate(&attention, &x);
        assert!(kv.iter().enumerate().all(|(t, &b)| b == 2 * (t + 1) * 8 * 8), "{kv:?}");
        assert!(generate(&rnn, &x).iter().all(|&b| b == 16 * 8));
        assert_eq!(Decoder::parameter_count(&attention), 256);
        assert_eq!(Decoder::parameter_count(&rnn), 16 * 8 + 256 + 16 + 8 * 16);
    }

    #[test]
    fn a_stack_keeps_what_its_layers_keep() {
        let mut rng = Rng::new(5);
        let mixer = Mixer::new(MixerInit::new(4).weights(&mut rng).unwrap()).unwrap();
        let attention = Attention::init(4, 4, &mut rng).unwrap();
        let pattern = [LayerKind::Mamba, LayerKind::Attention, LayerKind::Mamba];
        let (mut s1, mut kv, mut s2) = (mixer.start(), attention.start(), mixer.start());
        for t in 0..9 {
            let x = DVector::from_element(4, t as f64 / 9.0);
            let y = mixer.decode(&mut s1, &x).unwrap();
            let y = attention.decode(&mut kv, &y).unwrap();
            mixer.decode(&mut s2, &y).unwrap();
        }
        let held = Mixer::state_bytes(&s1) + Attention::state_bytes(&kv) + Mixer::state_bytes(&s2);
        assert_eq!(inference_values(&pattern, mixer.dims(), 4, 9) * 8, held as u64);
        let all_mamba = [LayerKind::Mamba; 8];
        let at = |c| inference_values(&all_mamba, mixer.dims(), 4, c);
        assert_eq!(at(10), at(10_000));
        // 32 full-width attention layers at a million tokens: 2^36 values, beyond 32 bits.
        let wide = MixerDims { d_model: 1024, d_inner: 2048, d_state: 16, d_conv: 4, dt_rank: 64 };
        let all = [LayerKind::Attention; 32];
        assert_eq!(inference_values(&all, wide, 1024, 1 << 20), 1u64 << 36);
    }
}
