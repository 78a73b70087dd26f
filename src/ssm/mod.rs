//! The numerical core: state space models from the continuous system to the Mamba block.
//!
//! Pure Rust on nalgebra (and rustfft), f64 throughout, no I/O, no web, no GPU. Every function
//! that can receive a bad shape or value returns [`Result`]; nothing here panics on user input.
//!
//! | file | contents |
//! |---|---|
//! | `error`  | [`SsmError`] and the size limits checked before any allocation |
//! | `validate` | shared input checks: finiteness, sizes, the work limit [`MAX_WORK`] |
//! | `continuous` | [`Continuous`] (A, B, C, D), eigenvalues, [`Stability`] |
//! | `expm` | [`expm`] (Padé scaling and squaring), [`taylor_partial_sums`] |
//! | `discretize` | [`Step`], [`Method`] (ZOH, bilinear, Euler), [`Discretized`], [`discretize`] |
//! | `zoh` | the lesson views of ZOH: [`b_bar_quadrature`], [`euler_substeps`] |
//! | `kernel` | [`kernel`] K_k = C Abar^k Bbar, [`convolve_direct`], [`convolve_fft`] |
//! | `simulate` | [`recurrence`] with all states, [`simulate`] by [`View`], [`held_response`] |
//! | `cost` | [`OpCount`] of each view, for the cost counters |
//! | `hippo` | [`Hippo`] LegS, LegT, S4D-Lin, S4D-Real |
//! | `memory` | [`LegsMemory`]: stream a signal, reconstruct its history |
//! | `physical` | [`mass_spring_damper`], [`rlc_series`] |
//! | `rng`    | [`Rng`]: a seeded xoshiro256** generator (uniform, normal, shuffle) |
//! | `scan`   | [`Monoid`], [`Sum`], [`SsmPair`]; sequential, Hillis–Steele and Blelloch scans with traces |
//! | `selective` | the selective scan (S6) as the official `selective_scan_ref`, ZOH or Euler B, channel traces |
//! | `sweep`  | the CPU kernels of the selective scan (blocked SIMD-friendly sweep, scan-based paths) |
//! | `lanes`  | a vectorizable `exp`/`expm1` for the kernels |
//! | `parallel` | rayon natively, a plain loop on wasm32: with `weights`' safetensors reader, the only target-dependent code here |
//! | `tracking` | lesson 1's examples: a grid-world state vector, a Kalman filter on noisy positions |
//! | `weights` | [`Tensor`], [`StateDict`] (JSON, safetensors), [`MixerWeights`] with the official names, [`MixerInit`] |
//! | `block`  | [`Mixer`] (the Mamba block's mixer, with [`MixerTrace`] of every tensor), [`RmsNorm`], [`ResidualBlock`] |
//! | `recurrent` | the Mamba block in recurrent mode: [`MixerState`], `Mixer::step`, `ResidualBlock::step`, [`step_stack`] |
//! | `attention` | single-head causal [`Attention`], full and step-by-step with a [`KvCache`] |
//! | `rnn` | an Elman [`RnnCell`] |
//! | `decode` | [`Decoder`]: one-token generation for the three; [`inference_values`] of a hybrid stack |
//! | `toy` | the block lesson's seeded character embedding and block stack |
//! | `tasks`  | seeded selective-copying and induction-heads examples |

#![warn(missing_docs)]

mod attention;
mod block;
mod continuous;
mod cost;
mod decode;
mod discretize;
mod error;
mod expm;
mod hippo;
mod kernel;
mod lanes;
mod memory;
mod parallel;
mod physical;
mod recurrent;
mod rng;
mod rnn;
mod scan;
mod selective;
mod simulate;
mod sweep;
mod tasks;
mod toy;
mod tracking;
mod validate;
mod weights;
mod zoh;

pub use attention::{Attention, KvCache};
pub use block::{BlockTrace, Mixer, MixerTrace, ResidualBlock, RmsNorm, run_stack, trace_stack};
pub use continuous::{Continuous, Stability};
pub use cost::{
    OpCount, direct_convolution_cost, fft_convolution_cost, kernel_cost, recurrence_cost,
};
pub use decode::{Decoder, LayerKind, inference_values};
pub use discretize::{Discretized, Method, Step, discretize};
pub use error::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError};
pub use expm::{TaylorPartialSum, expm, taylor_partial_sums};
pub use hippo::{Hippo, HippoKind};
pub use kernel::{convolve_direct, convolve_fft, fft_len, kernel};
pub use memory::{LegsMemory, scaled_legendre};
pub use physical::{mass_spring_damper, rlc_series};
pub use recurrent::{MixerState, step_stack};
pub use rng::Rng;
pub use rnn::RnnCell;
pub use scan::{
    MAX_TRACE_LEN, Monoid, Phase, ScanAlgorithm, ScanCost, ScanStep, ScanTrace, SsmPair, Sum, cost,
    inclusive_scan, scan_blelloch, scan_hillis_steele, scan_sequential, trace_blelloch,
    trace_hillis_steele,
};
pub use selective::{
    BRule, ChannelStep, ChannelTrace, ScanDims, SelectiveScanInput, SelectiveScanOutput,
    inverse_softplus, sample_dt, selective_scan, silu, softplus, trace_channel,
};
pub use simulate::{HeldResponse, Trajectory, View, held_response, recurrence, simulate};
pub use tasks::{InductionHeads, NOISE, SelectiveCopying, induction_heads, selective_copying};
pub use toy::{embed_chars, seeded_stack};
pub use tracking::{GridWorld, Move, TrackStep, Tracking, prediction_errors};
pub use validate::MAX_WORK;
pub use weights::{MixerDims, MixerInit, MixerWeights, StateDict, Tensor};
pub use zoh::{EulerEstimate, QuadratureEstimate, b_bar_quadrature, euler_substeps};
