//! `eval` ops for the LTI core: expm, discretize, kernel, simulate, hippo.

use super::Handler;

/// The ops this file answers.
pub(super) const OPS: &[(&str, Handler)] = &[];
