//! The memory layout shared by Rust and the shaders: the workgroup size and the uniform structs,
//! mirrored field for field in `shaders/common.wgsl`.

use bytemuck::{Pod, Zeroable};

/// Invocations per workgroup in every stage; `const WG_SIZE = 256u;` in `shaders/common.wgsl`.
pub const WG_SIZE: u32 = 256;

/// Consecutive elements each invocation of `scan_blocks` scans serially in registers before the
/// workgroup's Blelloch scan of the run totals (`const PER_INVOCATION = 16u;`).
pub const PER_INVOCATION: u32 = 16;

/// Elements one workgroup scans (`const BLOCK = WG_SIZE * PER_INVOCATION;`).
pub const BLOCK: u32 = WG_SIZE * PER_INVOCATION;

/// One level of the multi-level block scan (`LevelParams` in WGSL).
///
/// The workspace holds `channels` sequences of `len` elements each, channel after channel,
/// starting at element `data_offset`; block totals (one per block of [`BLOCK`] elements) live at
/// `totals_offset`, `ceil(len / BLOCK)` per channel, and are the next level's data.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct LevelParams {
    /// Elements per channel at this level.
    pub len: u32,
    /// Number of independent sequences scanned side by side.
    pub channels: u32,
    /// First element of this level in the workspace.
    pub data_offset: u32,
    /// First element of the block totals (the next level) in the workspace.
    pub totals_offset: u32,
}

/// The selective scan's sizes and switches for one chunk of rows d (`SelectiveParams` in WGSL).
///
/// Booleans are `u32` 0 or 1, as WGSL uniforms have no `bool`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct SelectiveParams {
    /// D, the number of input channels (rows of u).
    pub d_model: u32,
    /// N, the state size per channel.
    pub n_state: u32,
    /// L, the sequence length.
    pub len: u32,
    /// First row d of this chunk.
    pub d_first: u32,
    /// Rows in this chunk; the workspace holds `d_count · N` scanned channels.
    pub d_count: u32,
    /// 1: Δ ← softplus(Δ + bias).
    pub softplus: u32,
    /// 1: zero-order hold B̄ = (exp(ΔA) − 1)/A · B; 0: Euler B̄ = Δ·B (official Mamba).
    pub zoh: u32,
    /// 1: y ← y · SiLU(z).
    pub gate: u32,
}

/// One scan element of the selective scan: the step h ↦ a·h + b, stored as `vec2<f32>(a, b)`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct Pair {
    /// Ā = exp(Δ·A), the decay of the step.
    pub a: f32,
    /// B̄·u, the input of the step.
    pub b: f32,
}
