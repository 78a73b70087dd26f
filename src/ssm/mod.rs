//! The numerical core: state space models from the continuous system to the Mamba block.
//!
//! Pure Rust on nalgebra (and rustfft), f64 throughout, no I/O, no web, no GPU. Every function
//! that can receive a bad shape or value returns [`Result`]; nothing here panics on user input.
//!
//! | file | contents |
//! |---|---|
//! | `error`  | [`SsmError`] and the size limits checked before any allocation |
//! | `rng`    | [`Rng`]: a seeded xoshiro256** generator (uniform, normal, shuffle) |
//! | `scan`   | [`Monoid`], [`Sum`], [`SsmPair`]; sequential, Hillis–Steele and Blelloch scans with traces |
//! | `selective` | the selective scan (S6) as the official `selective_scan_ref`, ZOH or Euler B, channel traces |
//! | `sweep`  | the CPU kernels of the selective scan (blocked SIMD-friendly sweep, scan-based paths) |
//! | `lanes`  | a vectorizable `exp`/`expm1` for the kernels |
//! | `parallel` | rayon natively, a plain loop on wasm32: with `weights`' safetensors reader, the only target-dependent code here |
//! | `weights` | [`Tensor`], [`StateDict`] (JSON, safetensors), [`MixerWeights`] with the official names, [`MixerInit`] |
//! | `block`  | [`Mixer`] (the Mamba block's mixer, with [`MixerTrace`] of every tensor), [`RmsNorm`], [`ResidualBlock`] |
//! | `tasks`  | seeded selective-copying and induction-heads examples |

#![warn(missing_docs)]

mod block;
mod error;
mod lanes;
mod parallel;
mod rng;
mod scan;
mod selective;
mod sweep;
mod tasks;
mod weights;

pub use block::{Mixer, MixerTrace, ResidualBlock, RmsNorm, run_stack};
pub use error::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError};
pub use rng::Rng;
pub use scan::{
    MAX_TRACE_LEN, Monoid, Phase, ScanAlgorithm, ScanCost, ScanStep, ScanTrace, SsmPair, Sum, cost,
    inclusive_scan, scan_blelloch, scan_hillis_steele, scan_sequential, trace_blelloch,
    trace_hillis_steele,
};
pub use selective::{
    BRule, ChannelStep, ChannelTrace, ScanDims, SelectiveScanInput, SelectiveScanOutput,
    inverse_softplus, sample_dt, selective_scan, silu, softplus, trace_channel,
};
pub use tasks::{InductionHeads, NOISE, SelectiveCopying, induction_heads, selective_copying};
pub use weights::{MixerDims, MixerInit, MixerWeights, StateDict, Tensor};
