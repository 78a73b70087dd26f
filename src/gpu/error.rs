//! Why GPU work could not be done: each variant says so in words a learner can read.

use std::fmt;

/// A failure of the GPU path. None of these is a bug in the caller's maths: the page shows the
/// message and runs the same problem on the CPU instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GpuError {
    /// No adapter: the browser has no WebGPU, or no driver (not even a software one) answered.
    NoAdapter(String),
    /// An adapter exists but refused to create a device.
    DeviceRequest(String),
    /// The device was lost (driver reset, tab in the background too long, `destroy`).
    DeviceLost(String),
    /// A buffer the problem needs exceeds the device's limits.
    BufferTooLarge {
        /// Which buffer.
        what: String,
        /// The bytes it needs.
        bytes: u64,
        /// The device's limit in bytes.
        limit: u64,
    },
    /// Reading a result back (mapping the staging buffer) failed.
    MapFailed(String),
    /// The device reported an error (validation, out of memory, internal) while working.
    Device(String),
    /// The problem itself is invalid: a wrong shape or a non-finite value.
    Input(String),
}

impl fmt::Display for GpuError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GpuError::NoAdapter(why) => {
                write!(f, "no GPU adapter is available (WebGPU missing or no driver): {why}")
            }
            GpuError::DeviceRequest(why) => {
                write!(f, "the GPU adapter refused to create a device: {why}")
            }
            GpuError::DeviceLost(why) => write!(f, "the GPU device was lost: {why}"),
            GpuError::BufferTooLarge { what, bytes, limit } => write!(
                f,
                "the {what} buffer needs {bytes} bytes but this GPU allows at most {limit} bytes per buffer"
            ),
            GpuError::MapFailed(why) => {
                write!(f, "reading the result back from the GPU failed: {why}")
            }
            GpuError::Device(why) => write!(f, "the GPU reported an error: {why}"),
            GpuError::Input(why) => write!(f, "invalid input for the GPU scan: {why}"),
        }
    }
}

impl std::error::Error for GpuError {}
