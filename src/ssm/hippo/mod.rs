//! HiPPO: the structured (A, B) that let a small state remember a long history, and LegS run as
//! an online memory.
//!
//! | file | contents |
//! |---|---|
//! | `matrices` | [`Hippo`] LegS, LegT, S4D-Lin, S4D-Real ([`HippoKind`]) |
//! | `memory` | [`LegsMemory`]: stream a signal, reconstruct its history; [`legs_states`], [`scaled_legendre`], [`legendre_series`] |

mod matrices;
mod memory;

pub use matrices::{Hippo, HippoKind};
pub use memory::{LegsMemory, legendre_series, legs_states, scaled_legendre};
