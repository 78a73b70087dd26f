//! WebGPU compute through wgpu: the selective scan and a prefix sum in WGSL, natively (Vulkan,
//! lavapipe on CPU) and in the browser. f32 on the GPU; the CPU core in `ssm` is the reference.
//!
//! Use: `let ctx = GpuContext::new().await?;` once (it fails with [`GpuError::NoAdapter`] where
//! there is no WebGPU or driver), then `let kernel = ScanKernel::new(&ctx).await?;` once, then
//! for a core input `let problem = ScanProblem::from_input(&input, rule)?;` and
//! `kernel.run(&ctx, &problem).await?.to_core()` as often as needed — or its three phases
//! [`ScanKernel::upload`], [`ScanKernel::compute`] and [`ScanKernel::read`], each of which
//! resolves only when the GPU has finished it, so the caller can time them (with
//! `performance.now()` in the page). [`PrefixSum`] works the same way.
//!
//! | file | contents |
//! |---|---|
//! | `context`     | [`GpuContext`]: adapter and device, error scopes, waits, readback |
//! | `layout`      | [`WG_SIZE`], [`BLOCK`], [`PER_INVOCATION`] and the `#[repr(C)]` structs the shaders read |
//! | `shaders`     | the WGSL stages under `shaders/` and how modules are composed |
//! | `block_scan`  | the multi-level Blelloch block scan shared by both kernels |
//! | `scan_kernel` | [`ScanKernel`]: the selective scan in three phases |
//! | `prefix_sum`  | [`PrefixSum`]: inclusive f32 prefix sums |
//! | [`twin`]      | CPU twins of every stage, the same f32 steps in plain Rust |
//! | `error`       | [`GpuError`] |

mod block_scan;
mod context;
mod error;
mod layout;
mod prefix_sum;
mod scan_kernel;
mod shaders;
pub mod twin;

pub use context::{AdapterSummary, GpuContext};
pub use error::GpuError;
pub use layout::{BLOCK, LevelParams, PER_INVOCATION, Pair, SelectiveParams, WG_SIZE};
pub use prefix_sum::PrefixSum;
pub use scan_kernel::{ScanJob, ScanKernel, ScanOutput, ScanProblem};
pub use shaders::modules;
