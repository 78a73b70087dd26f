//! The HiPPO lesson's models: LegS as an online memory, what an LTI state remembers, and the
//! curves it is asked to remember.
//!
//! | file | contents |
//! |---|---|
//! | `legs` | readings of the LegS memory ([`crate::ssm::hippo::LegsMemory`]): [`legs_errors_by_size`], [`legs_recall`], [`LegsStep`] (HiPPO's 1/k or S4's fixed Δ), [`legs_delay_readout`] |
//! | `recall` | [`LtiMemory`]: what an LTI state remembers, read back by ridge regression after rounding to a [`Precision`]; the compared [`MemorySystem`]s |
//! | `precision` | [`Precision`]: f64, f32 or bf16, and rounding to them |
//! | `curves` | [`CurveKind`] preset signals and hand-drawn curves from knots |

mod curves;
mod legs;
mod precision;
mod recall;

pub use curves::{CurveKind, knot_step, knots_to_samples, samples_to_knots};
pub use legs::{
    KernelViews, LegsRecall, LegsStep, legs_delay_readout, legs_errors_by_size, legs_fixed,
    legs_fixed_views, legs_impulse_responses, legs_output, legs_recall, legs_recall_errors,
    response_spread,
};
pub use precision::Precision;
pub use recall::{LtiMemory, MemoryComparison, MemorySystem, Recall, random_stable};
