// common.wgsl — prepended to every stage: the workgroup size, the uniform layouts (mirrored by
// `#[repr(C)]` structs in src/gpu/layout.rs) and the linear index of a 2-D dispatch.

const WG_SIZE = 256u;
const PER_INVOCATION = 16u;
const BLOCK = WG_SIZE * PER_INVOCATION;

struct LevelParams {
    len: u32,
    channels: u32,
    data_offset: u32,
    totals_offset: u32,
}

struct SelectiveParams {
    d_model: u32,
    n_state: u32,
    len: u32,
    d_first: u32,
    d_count: u32,
    softplus: u32,
    zoh: u32,
    gate: u32,
}

// A dispatch may need more than 65535 workgroups, the per-dimension limit, so the host spreads
// them over x and y; this is the workgroup's position in that row-major grid.
fn group_index(wid: vec3<u32>, groups: vec3<u32>) -> u32 {
    return wid.x + wid.y * groups.x;
}
