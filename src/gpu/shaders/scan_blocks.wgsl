// scan_blocks.wgsl — stage: Blelloch scan of every block of BLOCK elements in workgroup memory.
// Needs common.wgsl and a monoid (Elem, IDENTITY, combine) prepended. One workgroup per
// (channel, block). Each element of the level is replaced, in place, by the inclusive scan of
// its block up to and including it, and the block's total is written to the next level.

@group(0) @binding(0) var<uniform> params: LevelParams;
@group(0) @binding(1) var<storage, read_write> data: array<Elem>;

var<workgroup> tile: array<Elem, BLOCK>;

@compute @workgroup_size(WG_SIZE)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) groups: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let blocks = (params.len + BLOCK - 1u) / BLOCK;
    let group = group_index(wid, groups);
    // The whole workgroup leaves together (the condition is uniform), so barriers stay uniform.
    if group >= blocks * params.channels {
        return;
    }
    let channel = group / blocks;
    let block = group % blocks;
    let base = params.data_offset + channel * params.len;
    let start = block * BLOCK;

    // Each invocation loads elements lid and lid + WG_SIZE; steps past the end are the identity.
    var x0 = IDENTITY;
    var x1 = IDENTITY;
    if start + lid < params.len {
        x0 = data[base + start + lid];
    }
    if start + lid + WG_SIZE < params.len {
        x1 = data[base + start + lid + WG_SIZE];
    }
    tile[lid] = x0;
    tile[lid + WG_SIZE] = x1;

    // Up-sweep: with span s = 2·offset, tile[k·s + s − 1] becomes the combination of its span.
    var offset = 1u;
    for (var width = WG_SIZE; width > 0u; width = width >> 1u) {
        workgroupBarrier();
        if lid < width {
            let left = offset * (2u * lid + 1u) - 1u;
            let right = left + offset;
            tile[right] = combine(tile[left], tile[right]);
        }
        offset = offset << 1u;
    }

    // The root holds the whole block; record it for the next level, then clear it to the
    // identity to start the down-sweep.
    workgroupBarrier();
    if lid == 0u {
        data[params.totals_offset + channel * blocks + block] = tile[BLOCK - 1u];
        tile[BLOCK - 1u] = IDENTITY;
    }

    // Down-sweep: a node passes its prefix to its left child, and prefix ∘ (left subtree) to
    // its right child. The order matters: the prefix comes first.
    for (var width = 1u; width <= WG_SIZE; width = width << 1u) {
        offset = offset >> 1u;
        workgroupBarrier();
        if lid < width {
            let left = offset * (2u * lid + 1u) - 1u;
            let right = left + offset;
            let left_total = tile[left];
            tile[left] = tile[right];
            tile[right] = combine(tile[right], left_total);
        }
    }
    workgroupBarrier();

    // tile[i] is now the exclusive scan; the inclusive one is (exclusive) ∘ (element i).
    if start + lid < params.len {
        data[base + start + lid] = combine(tile[lid], x0);
    }
    if start + lid + WG_SIZE < params.len {
        data[base + start + lid + WG_SIZE] = combine(tile[lid + WG_SIZE], x1);
    }
}
