//! `eval` ops for the selective core: selective_scan, scan, mamba_block.

use super::Handler;

/// The ops this file answers.
pub(super) const OPS: &[(&str, Handler)] = &[];
