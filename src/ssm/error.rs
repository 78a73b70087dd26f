//! The error type of the core and the size limits it enforces before allocating.

use std::fmt;

/// Largest state size N (or channel count D) the core accepts.
pub const MAX_STATE: usize = 4096;
/// Longest sequence L the core accepts.
pub const MAX_LEN: usize = 100_000_000;
/// Largest number of f64 values one result may hold (1.6 GB); checked before allocating.
pub const MAX_ELEMENTS: usize = 200_000_000;

/// Why the core refused an input or could not compute a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SsmError {
    /// A matrix or vector has the wrong shape; the message names the operand and the shapes.
    Shape(String),
    /// An input holds NaN or ±∞; the message names the operand.
    NonFinite(String),
    /// A value is outside its domain: Δ ≤ 0, N = 0, an empty sequence, an unknown name.
    Domain(String),
    /// A size beyond [`MAX_STATE`], [`MAX_LEN`] or [`MAX_ELEMENTS`], refused before allocation.
    TooLarge(String),
    /// The computation itself failed: a singular solve, or a result that overflowed.
    Numerical(String),
}

impl fmt::Display for SsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, message) = match self {
            SsmError::Shape(m) => ("shape mismatch", m),
            SsmError::NonFinite(m) => ("non-finite value", m),
            SsmError::Domain(m) => ("invalid value", m),
            SsmError::TooLarge(m) => ("too large", m),
            SsmError::Numerical(m) => ("numerical failure", m),
        };
        write!(f, "{kind}: {message}")
    }
}

impl std::error::Error for SsmError {}

/// The core's result type.
pub type Result<T> = std::result::Result<T, SsmError>;
