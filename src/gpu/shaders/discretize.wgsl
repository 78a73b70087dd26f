// discretize.wgsl — stage: the scan elements of the selective scan. Needs common.wgsl prepended.
// For row d, state n and step t (one invocation each), with Δ = delta[d, t] + bias[d], then
// softplus(Δ) if asked:
//   a = exp(Δ·A[d, n])                                   (ZOH for the decay, as in Mamba)
//   b = Δ·B[n, t]·u[d, t]                                (Euler B̄, official Mamba)
//   b = (exp(Δ·A) − 1)/A · B[n, t]·u[d, t] = Δ·φ(Δ·A)·B·u  (ZOH B̄), φ(x) = (eˣ − 1)/x, φ(0) = 1.
// Writes (a, b) to the workspace at channel (d − d_first)·N + n, step t.

@group(0) @binding(0) var<uniform> params: SelectiveParams;
@group(0) @binding(1) var<storage, read> u: array<f32>;
@group(0) @binding(2) var<storage, read> delta: array<f32>;
@group(0) @binding(3) var<storage, read> a_mat: array<f32>;
@group(0) @binding(4) var<storage, read> b_mat: array<f32>;
// Per row d: (delta bias, skip D).
@group(0) @binding(5) var<storage, read> per_row: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read_write> pairs: array<vec2<f32>>;

// softplus(x) = ln(1 + eˣ), taken as x above 20 where the two agree in f32 (as PyTorch does).
fn softplus(x: f32) -> f32 {
    if x > 20.0 {
        return x;
    }
    return log(1.0 + exp(x));
}

// φ(x) = (eˣ − 1)/x. Near 0 the subtraction cancels, so use the Taylor series there
// (its first neglected term is below 3e-9 for |x| < 0.5).
fn phi(x: f32) -> f32 {
    if abs(x) < 0.5 {
        return 1.0 + x * (1.0 / 2.0 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0
            + x * (1.0 / 720.0 + x * (1.0 / 5040.0))))));
    }
    return (exp(x) - 1.0) / x;
}

@compute @workgroup_size(WG_SIZE)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) groups: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let index = group_index(wid, groups) * WG_SIZE + lid;
    let len = params.len;
    if index >= params.d_count * params.n_state * len {
        return;
    }
    let channel = index / len;
    let t = index % len;
    let n = channel % params.n_state;
    let d = params.d_first + channel / params.n_state;

    var dt = delta[d * len + t] + per_row[d].x;
    if params.softplus != 0u {
        dt = softplus(dt);
    }
    let x = dt * a_mat[d * params.n_state + n];
    var b = dt * b_mat[n * len + t] * u[d * len + t];
    if params.zoh != 0u {
        b = b * phi(x);
    }
    pairs[index] = vec2<f32>(exp(x), b);
}
