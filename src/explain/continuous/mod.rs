//! The continuous-time lessons' models (`continuous`, `origins`): named 2-state systems, physical
//! systems, input signals, the exact response with or without a tanh, the phase plane, and the
//! character (frequency, damping) of a 2-state system.
//!
//! | file | contents |
//! |---|---|
//! | `presets` | [`Preset`]: the named 2-state systems the continuous lesson offers; [`two_state`] |
//! | `physical` | [`mass_spring_damper`], [`rlc_series`] |
//! | `signals` | input signals: [`Signal`] (step, impulse, sine, square, tokens), [`SampledInput`] |
//! | `response` | [`respond`]: exact continuous response to a sampled input, or with a tanh in the update ([`Update`]); [`superposition`], [`convolution_check`] |
//! | `phase` | the phase plane: [`rate`] h' = Ah + Bx, [`vector_field`], [`equilibrium`], [`euler_walk`] |
//! | `character` | [`character`] (natural frequency, damping ratio, [`Regime`]) and [`memory_time`] of a 2-state system |

mod character;
mod phase;
mod physical;
mod presets;
mod response;
mod signals;

pub use character::{Character, Regime, character, memory_time};
pub use phase::{EulerWalk, FieldArrow, equilibrium, euler_walk, rate, vector_field};
pub use physical::{mass_spring_damper, rlc_series};
pub use presets::{Preset, two_state};
pub use response::{
    ConvolutionCheck, Response, Superposition, Update, convolution_check, respond, superposition,
};
pub use signals::{SampledInput, Signal, SignalKind, TOKEN_VALUES};
