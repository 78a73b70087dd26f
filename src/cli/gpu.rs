//! The `"gpu"` algorithm of `eval` and `bench`: the official (Euler) selective scan through native
//! wgpu (Vulkan; lavapipe where there is no GPU), waiting on the async API with pollster.

use crate::gpu::{AdapterSummary, GpuContext, ScanKernel, ScanProblem};
use crate::ssm::{BRule, SelectiveScanInput, SelectiveScanOutput};
use pollster::block_on;
use std::time::Instant;

/// Seconds spent in each phase of one GPU run; each phase ends when the GPU has finished it.
pub(super) struct PhaseTimes {
    /// Rounding the input to f32, creating the buffers and copying the data to the device.
    pub(super) upload: f64,
    /// The dispatches: discretize, scan blocks, scan block totals, add carries, output.
    pub(super) compute: f64,
    /// Copying y and the last state back and mapping them for the CPU.
    pub(super) readback: f64,
}

/// A device with the scan kernel built, for as many runs as needed.
pub(super) struct GpuRunner {
    ctx: GpuContext,
    kernel: ScanKernel,
}

impl GpuRunner {
    /// Opens the default adapter and builds the kernel; with no adapter, says so.
    pub(super) fn new() -> Result<Self, String> {
        let ctx = block_on(GpuContext::new()).map_err(|e| e.to_string())?;
        let kernel = block_on(ScanKernel::new(&ctx)).map_err(|e| e.to_string())?;
        Ok(GpuRunner { ctx, kernel })
    }

    /// The adapter in use.
    pub(super) fn adapter(&self) -> &AdapterSummary {
        self.ctx.adapter()
    }

    /// One run, with its phases timed.
    pub(super) fn run(
        &self,
        input: &SelectiveScanInput,
    ) -> Result<(SelectiveScanOutput, PhaseTimes), String> {
        let (ctx, kernel) = (&self.ctx, &self.kernel);
        let start = Instant::now();
        let problem = ScanProblem::from_input(input, BRule::Euler).map_err(|e| e.to_string())?;
        let job = block_on(kernel.upload(ctx, &problem)).map_err(|e| e.to_string())?;
        let uploaded = Instant::now();
        block_on(kernel.compute(ctx, &job)).map_err(|e| e.to_string())?;
        let computed = Instant::now();
        let out = block_on(kernel.read(ctx, &job)).map_err(|e| e.to_string())?;
        let read = Instant::now();
        let times = PhaseTimes {
            upload: (uploaded - start).as_secs_f64(),
            compute: (computed - uploaded).as_secs_f64(),
            readback: (read - computed).as_secs_f64(),
        };
        Ok((out.to_core(), times))
    }
}

/// The selective scan of one `eval` request on the GPU. The input is checked before any device
/// is opened, so a bad request gets the same kind of message with or without a GPU.
pub(super) fn selective_scan(input: &SelectiveScanInput) -> Result<SelectiveScanOutput, String> {
    input.validate().map_err(|e| e.to_string())?;
    GpuRunner::new()?.run(input).map(|(out, _)| out)
}
