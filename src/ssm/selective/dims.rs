//! [`ScanDims`]: the sizes D, N, L of a selective scan, checked against the core's limits.

use crate::ssm::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError};

/// The sizes of a selective scan: channels D, state size N, length L.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanDims {
    /// Channels D (rows of u).
    pub d: usize,
    /// State size N per channel (columns of A).
    pub n: usize,
    /// Sequence length L (columns of u).
    pub l: usize,
}

impl ScanDims {
    /// Checks the sizes against the core's limits, before anything of that size is allocated.
    pub fn check(self) -> Result<ScanDims> {
        let ScanDims { d, n, l } = self;
        if d == 0 || n == 0 || l == 0 {
            return Err(SsmError::Domain(format!(
                "the selective scan needs D, N, L ≥ 1 (an empty sequence has nothing to scan); \
                 got D={d}, N={n}, L={l}"
            )));
        }
        if d > MAX_STATE || n > MAX_STATE || l > MAX_LEN {
            return Err(SsmError::TooLarge(format!(
                "D={d}, N={n}, L={l}: at most D, N ≤ {MAX_STATE} and L ≤ {MAX_LEN}"
            )));
        }
        if d * l > MAX_ELEMENTS || n * l > MAX_ELEMENTS {
            return Err(SsmError::TooLarge(format!(
                "D·L = {} and N·L = {} values: at most {MAX_ELEMENTS} each",
                d * l,
                n * l
            )));
        }
        Ok(self)
    }
}
