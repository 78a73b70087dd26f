// output.wgsl — stage: read the scanned states out. Needs common.wgsl prepended. After the scan
// the b part of workspace element (channel (d − d_first)·N + n, step t) is h[d, n, t]. For each
// row d and step t (one invocation each):
//   y[d, t] = Σ_n C[n, t]·h[d, n, t] + D[d]·u[d, t],  then y · SiLU(z[d, t]) if gated,
// and at the last step also the final state h[d, ·, L − 1].
// The output buffer holds y (D×L, row-major) followed by the last state (D×N, row-major).

@group(0) @binding(0) var<uniform> params: SelectiveParams;
@group(0) @binding(1) var<storage, read> pairs: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> c_mat: array<f32>;
@group(0) @binding(3) var<storage, read> u: array<f32>;
// Per row d: (delta bias, skip D).
@group(0) @binding(4) var<storage, read> per_row: array<vec2<f32>>;
// The gate z (D×L); bound to u and never read when params.gate is 0.
@group(0) @binding(5) var<storage, read> z: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG_SIZE)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) groups: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let index = group_index(wid, groups) * WG_SIZE + lid;
    let len = params.len;
    let n_state = params.n_state;
    if index >= params.d_count * len {
        return;
    }
    let row = index / len;
    let t = index % len;
    let d = params.d_first + row;
    let at = d * len + t;

    var y = 0.0;
    for (var n = 0u; n < n_state; n++) {
        y += c_mat[n * len + t] * pairs[(row * n_state + n) * len + t].y;
    }
    y += per_row[d].y * u[at];
    if params.gate != 0u {
        // SiLU(z) = z·σ(z) = z / (1 + e^(−z)).
        let g = z[at];
        y *= g / (1.0 + exp(-g));
    }
    out[at] = y;

    if t == len - 1u {
        let last = params.d_model * len + d * n_state;
        for (var n = 0u; n < n_state; n++) {
            out[last + n] = pairs[(row * n_state + n) * len + t].y;
        }
    }
}
