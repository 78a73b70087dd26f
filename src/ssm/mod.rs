//! The numerical core: state space models from the continuous system to the Mamba block.
//!
//! Pure Rust on nalgebra (and rustfft), f64 throughout, no I/O, no web, no GPU. Every function
//! that can receive a bad shape or value returns [`Result`]; nothing here panics on user input.
//! The core knows nothing of how its results are presented.
//!
//! | module | contents |
//! |---|---|
//! | `error` | [`SsmError`] and the size limits checked before any allocation |
//! | `validate` | shared input checks: finiteness, sizes, the work limit [`MAX_WORK`] |
//! | `rng` | [`Rng`]: a seeded xoshiro256** generator (uniform, normal, shuffle) |
//! | `parallel` | rayon natively, a plain loop on wasm32 |
//! | [`lti`] | the continuous system, `expm`, discretization, kernels and convolutions, simulation, costs |
//! | [`hippo`] | [`Hippo`] LegS, LegT, S4D-Lin, S4D-Real; LegS as an online memory |
//! | [`scan`] | [`Monoid`], sequential / Hillis–Steele / Blelloch scans with traces |
//! | [`selective`] | the selective scan (S6) as the official `selective_scan_ref`, its CPU kernels, channel traces |
//! | [`block`] | the Mamba mixer and residual block, recurrent mode, attention, an RNN, decoding |
//! | [`tasks`] | seeded selective-copying and induction-heads data |
//!
//! Target-dependent code: `parallel` (threads natively) and `lti::kernel` (the FFT on wasm32).
//!
//! The main types and functions are re-exported here; the rest is reached through its module.

#![warn(missing_docs)]

pub mod block;
mod error;
pub mod hippo;
pub mod lti;
pub(crate) mod parallel;
mod rng;
pub mod scan;
pub mod selective;
pub mod tasks;
pub(crate) mod validate;

pub use block::{Mixer, MixerDims, MixerInit, MixerWeights, ResidualBlock, RmsNorm, StateDict};
pub use error::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError};
pub use hippo::{Hippo, HippoKind};
pub use lti::{
    Continuous, Discretized, Method, Stability, Step, View, convolve_direct, convolve_fft,
    discretize, expm, kernel, recurrence, simulate,
};
pub use rng::Rng;
pub use scan::{
    Monoid, ScanAlgorithm, ScanTrace, SsmPair, Sum, inclusive_scan, scan_blelloch,
    scan_hillis_steele, scan_sequential, trace_blelloch, trace_hillis_steele,
};
pub use selective::{
    BRule, ScanDims, SelectiveScanInput, SelectiveScanOutput, selective_scan, trace_channel,
};
pub use validate::MAX_WORK;
