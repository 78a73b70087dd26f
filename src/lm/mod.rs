//! A small Mamba language model that learns: the official `MambaLMHeadModel` (slow path), its
//! hand-written backward, AdamW, the seeded tasks and the training loop.
//!
//! ## Conventions
//!
//! - One generic path over [`Real`]: `f64` to check gradients (finite differences, PyTorch float64
//!   autograd goldens), `f32` to train fast.
//! - Tensors are flat row-major `Vec`s. Weights keep torch's (out, in) layout; activations of one
//!   sequence are time-major, (L, channels), one token per row.
//! - Every backward sits next to its forward ([`ops`], [`scan`]) and is checked against finite
//!   differences in the unit tests. Gradients *accumulate* into their buffers (`+=`), as autograd
//!   does, so residuals and the tied head need no special case.
//! - The scan's backward runs the same first-order recurrence in reverse time,
//!   dh_{t−1} = Ā_t ⊙ dh_t + (readout of t−1): the associative structure of the forward scan with
//!   the operands taken from the right, so it parallelises the same way.
//! - No I/O here: the command line reads and writes files and prints.

#![warn(missing_docs)]

pub mod adamw;
pub mod checkpoint;
pub mod model;
pub mod ops;
pub mod params;
pub mod protocol;
pub mod scan;
pub mod session;
pub mod shipped;
pub mod tasks;
pub mod train;

pub use adamw::AdamW;
pub use model::{Cache, backward, forward, sequence_grad};
pub use params::{LayerKind, LmConfig, LmError, Params};
pub use tasks::{Batch, Task, TaskKind};
pub use train::{StepReport, Trainer};

use std::fmt::Debug;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

/// The float type the model runs in: `f32` for speed, `f64` for checking.
pub trait Real:
    Copy
    + Debug
    + Default
    + PartialOrd
    + Send
    + Sync
    + Sum
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + 'static
{
    /// The nearest value to `v`.
    fn of(v: f64) -> Self;
    /// The value as an f64.
    fn f64(self) -> f64;
    /// eˣ.
    fn exp(self) -> Self;
    /// ln x.
    fn ln(self) -> Self;
    /// ln(1 + x), accurate near 0.
    fn ln_1p(self) -> Self;
    /// √x.
    fn sqrt(self) -> Self;
}

macro_rules! impl_real {
    ($t:ty) => {
        impl Real for $t {
            #[inline(always)]
            fn of(v: f64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn exp(self) -> Self {
                <$t>::exp(self)
            }
            #[inline(always)]
            fn ln(self) -> Self {
                <$t>::ln(self)
            }
            #[inline(always)]
            fn ln_1p(self) -> Self {
                <$t>::ln_1p(self)
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                <$t>::sqrt(self)
            }
        }
    };
}
impl_real!(f32);
impl_real!(f64);

#[cfg(test)]
mod tests;
