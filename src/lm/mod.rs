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
    ($t:ty, $exp:path) => {
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
                $exp(self)
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
impl_real!(f32, fast_exp);
impl_real!(f64, f64::exp);

/// eˣ in f32 without a libm call, so that loops over it vectorise (the scan's Ā = exp(ΔA) is most
/// of a step's exponentials): x = n·ln 2 + r with |r| ≤ ln 2 / 2, eʳ from Cephes' degree-5
/// polynomial, 2ⁿ written into the exponent bits. Within 2 ulp of `f32::exp` for
/// −87 ≤ x ≤ 88; outside, the argument is clamped (eˣ ≈ 1.6·10⁻³⁸ below, ≈ 1.6·10³⁸ above), which
/// the model never tells from 0 and ∞ in its sums.
#[inline(always)]
pub fn fast_exp(x: f32) -> f32 {
    // 1.5·2²³: adding it rounds to the nearest integer in the low mantissa bits.
    const ROUND: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let t = x * std::f32::consts::LOG2_E + ROUND;
    let n = t - ROUND;
    // ln 2 split in a short high part 355/512 and a correction (Cephes' C1, C2), so n·C1 is exact.
    let r = x - n * (355.0 / 512.0) - n * -2.121_944_4e-4;
    let p = ((((1.987_569_1e-4 * r + 1.398_199_9e-3) * r + 8.333_452e-3) * r + 4.166_579_6e-2) * r
        + 0.166_666_65)
        * r
        + 0.5;
    let er = p * r * r + r + 1.0;
    let k = (t.to_bits() as i32).wrapping_sub(ROUND.to_bits() as i32);
    er * f32::from_bits(((k + 127) as u32) << 23)
}

#[cfg(test)]
mod tests;
