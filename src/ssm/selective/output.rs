//! [`SelectiveScanOutput`]: y and the last state, and the overflow check every run ends with.

use crate::ssm::{Result, SsmError};
use nalgebra::DMatrix;

/// The result of a selective scan.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectiveScanOutput {
    /// The output sequence y, (D, L).
    pub y: DMatrix<f64>,
    /// The state after the last step, (D, N).
    pub last_state: DMatrix<f64>,
}

/// The output itself if every value is finite, a numerical error otherwise.
pub(crate) fn check_output(out: SelectiveScanOutput) -> Result<SelectiveScanOutput> {
    if out.y.iter().chain(out.last_state.iter()).all(|x| x.is_finite()) {
        Ok(out)
    } else {
        Err(SsmError::Numerical(
            "the selective scan overflowed (exp(Δ·A) or the state grew beyond f64)".into(),
        ))
    }
}
