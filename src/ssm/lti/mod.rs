//! Linear time-invariant SSMs: the continuous system, the matrix exponential, the discretization
//! rules, and the two views of the discrete system (recurrence and convolution) with their costs.
//!
//! | file | contents |
//! |---|---|
//! | `continuous` | [`Continuous`] (A, B, C, D), eigenvalues, [`Stability`] |
//! | `expm` | [`expm`] (Padé scaling and squaring), [`taylor_partial_sums`] |
//! | `discretize` | [`Step`], [`Method`] (ZOH, bilinear, Euler), [`Discretized`], [`discretize`] |
//! | `cost` | [`OpCount`] of each view, [`fft_len`] |
//! | `kernel` | [`kernel`] K_k = C Abar^k Bbar, [`convolve_direct`], [`convolve_fft`], [`convolve_fft_spectra`] |
//! | `simulate` | [`recurrence`] with all states, [`simulate`] by [`View`], [`held_response`] |

mod continuous;
mod cost;
mod discretize;
mod expm;
mod kernel;
mod simulate;

pub use continuous::{Continuous, Stability};
pub(crate) use cost::sum_depth;
pub use cost::{
    OpCount, direct_convolution_cost, fft_convolution_cost, fft_len, kernel_cost, recurrence_cost,
};
pub use discretize::{Discretized, Method, Step, discretize};
pub(crate) use expm::relative_error;
pub use expm::{TaylorPartialSum, expm, taylor_partial_sums};
pub(crate) use kernel::require_siso;
pub use kernel::{FftConvolution, convolve_direct, convolve_fft, convolve_fft_spectra, kernel};
pub use simulate::{HeldResponse, Trajectory, View, held_response, recurrence, simulate};
