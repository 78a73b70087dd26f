// add_carries.wgsl — stage: finish a level of the multi-level scan. Needs common.wgsl and a
// monoid prepended. After the next level has been scanned, its element j − 1 is the combination
// of blocks 0..j − 1 of this level (the carry into block j); every element of block j > 0
// becomes carry ∘ element. One invocation per element.

@group(0) @binding(0) var<uniform> params: LevelParams;
@group(0) @binding(1) var<storage, read_write> data: array<Elem>;

@compute @workgroup_size(WG_SIZE)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) groups: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let index = group_index(wid, groups) * WG_SIZE + lid;
    if index >= params.channels * params.len {
        return;
    }
    let channel = index / params.len;
    let step = index % params.len;
    let block = step / BLOCK;
    if block == 0u {
        return;
    }
    let blocks = (params.len + BLOCK - 1u) / BLOCK;
    let carry = data[params.totals_offset + channel * blocks + block - 1u];
    let at = params.data_offset + index;
    data[at] = combine(carry, data[at]);
}
