// scan_blocks.wgsl — stage: scan every block of BLOCK elements, Blelloch-style in workgroup
// memory. Needs common.wgsl and a monoid (Elem, IDENTITY, combine) prepended. One workgroup per
// (channel, block). Each element of the level is replaced, in place, by the inclusive scan of its
// block up to and including it, and the block's total is written to the next level.
//
// Invocation i owns the run of PER_INVOCATION consecutive elements starting at i·PER_INVOCATION:
// it scans its run serially in registers, the WG_SIZE run totals are scanned with Blelloch's
// up-sweep and down-sweep in workgroup memory, and each run is then combined with the exclusive
// prefix of the runs before it. (Fewer barriers per element than one element per invocation.)

@group(0) @binding(0) var<uniform> params: LevelParams;
@group(0) @binding(1) var<storage, read_write> data: array<Elem>;

var<workgroup> sums: array<Elem, WG_SIZE>;

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
    let first = block * BLOCK + lid * PER_INVOCATION;

    // 1. The inclusive scan of this invocation's run; steps past the end are the identity.
    var run: array<Elem, PER_INVOCATION>;
    var acc = IDENTITY;
    for (var i = 0u; i < PER_INVOCATION; i++) {
        if first + i < params.len {
            acc = combine(acc, data[base + first + i]);
        }
        run[i] = acc;
    }
    sums[lid] = acc;

    // 2a. Up-sweep over the run totals: with span s = 2·offset, sums[k·s + s − 1] becomes the
    // combination of its span.
    var offset = 1u;
    for (var width = WG_SIZE / 2u; width > 0u; width = width >> 1u) {
        workgroupBarrier();
        if lid < width {
            let left = offset * (2u * lid + 1u) - 1u;
            let right = left + offset;
            sums[right] = combine(sums[left], sums[right]);
        }
        offset = offset << 1u;
    }

    // The root holds the whole block; record it for the next level, then clear it to the
    // identity to start the down-sweep.
    workgroupBarrier();
    if lid == 0u {
        data[params.totals_offset + channel * blocks + block] = sums[WG_SIZE - 1u];
        sums[WG_SIZE - 1u] = IDENTITY;
    }

    // 2b. Down-sweep: a node passes its prefix to its left child, and prefix ∘ (left subtree) to
    // its right child. The order matters: the prefix comes first.
    for (var width = 1u; width < WG_SIZE; width = width << 1u) {
        offset = offset >> 1u;
        workgroupBarrier();
        if lid < width {
            let left = offset * (2u * lid + 1u) - 1u;
            let right = left + offset;
            let left_total = sums[left];
            sums[left] = sums[right];
            sums[right] = combine(sums[right], left_total);
        }
    }
    workgroupBarrier();

    // 3. sums[lid] is now the combination of all earlier runs: prepend it to each element.
    let prefix = sums[lid];
    for (var i = 0u; i < PER_INVOCATION; i++) {
        if first + i < params.len {
            data[base + first + i] = combine(prefix, run[i]);
        }
    }
}
