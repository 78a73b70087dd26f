//! The Mamba block and the layers it is compared with: weights with the official names, the mixer
//! in parallel and recurrent mode, RMSNorm and the residual block, causal attention, an Elman RNN,
//! and one-token decoding for all three.
//!
//! | file | contents |
//! |---|---|
//! | `weights` | [`Tensor`], [`StateDict`] (JSON, safetensors), [`MixerWeights`] with the official names, [`MixerInit`] |
//! | `mixer` | [`Mixer`] (with [`MixerTrace`] of every tensor), [`RmsNorm`], [`ResidualBlock`] |
//! | `recurrent` | the mixer in recurrent mode: [`MixerState`], `Mixer::step`, `ResidualBlock::step`, [`step_stack`] |
//! | `seeded` | a seeded character embedding ([`embed_chars`]) and block stack ([`seeded_stack`]) |
//! | `attention` | single-head causal [`Attention`], full and step by step with a [`KvCache`] |
//! | `rnn` | an Elman [`RnnCell`] |
//! | `decode` | [`Decoder`]: one-token generation for the three; [`inference_values`] of a hybrid stack |

mod attention;
mod decode;
mod mixer;
mod recurrent;
mod rnn;
mod seeded;
mod weights;

pub use attention::{Attention, KvCache};
pub use decode::{Decoder, LayerKind, inference_values};
pub use mixer::{BlockTrace, Mixer, MixerTrace, ResidualBlock, RmsNorm, run_stack, trace_stack};
pub use recurrent::{MixerState, step_stack};
pub use rnn::RnnCell;
pub use seeded::{embed_chars, seeded_stack};
pub use weights::{MixerDims, MixerInit, MixerWeights, StateDict, Tensor};
