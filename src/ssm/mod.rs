//! The numerical core: state space models from the continuous system to the Mamba block.
//!
//! Pure Rust on nalgebra (and rustfft), f64 throughout, no I/O, no web, no GPU. Every function
//! that can receive a bad shape or value returns [`Result`]; nothing here panics on user input.
//!
//! | file | contents |
//! |---|---|
//! | `error`  | [`SsmError`] and the size limits checked before any allocation |

#![warn(missing_docs)]

mod error;

pub use error::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError};
