//! The model's elementwise and dense operations, each forward beside its backward. Matrices are
//! flat row-major; `rows` is the sequence length L. Backwards accumulate (`+=`) into gradients.

use super::Real;

/// σ(x) = 1 / (1 + e⁻ˣ).
#[inline(always)]
pub fn sigmoid<F: Real>(x: F) -> F {
    F::of(1.0) / (F::of(1.0) + (-x).exp())
}

/// SiLU(x) = x·σ(x).
#[inline(always)]
pub fn silu<F: Real>(x: F) -> F {
    x * sigmoid(x)
}

/// SiLU′(x) = σ(x)·(1 + x·(1 − σ(x))).
#[inline(always)]
pub fn silu_grad<F: Real>(x: F) -> F {
    let s = sigmoid(x);
    s * (F::of(1.0) + x * (F::of(1.0) - s))
}

/// softplus(x) = ln(1 + eˣ), and x itself above 20 (torch's threshold); its derivative is σ(x)
/// (1 above the threshold).
#[inline(always)]
pub fn softplus<F: Real>(x: F) -> F {
    if x > F::of(20.0) { x } else { x.exp().ln_1p() }
}

/// softplus′(x).
#[inline(always)]
pub fn softplus_grad<F: Real>(x: F) -> F {
    if x > F::of(20.0) { F::of(1.0) } else { sigmoid(x) }
}

/// y = x·Wᵀ for x (rows, inp) and W (out, inp): torch's `nn.Linear` without bias, (rows, out).
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn linear<F: Real>(x: &[F], w: &[F], rows: usize, out: usize, inp: usize) -> Vec<F> {
    let mut y = vec![F::default(); rows * out];
    for (xr, yr) in x.chunks_exact(inp).zip(y.chunks_exact_mut(out)).take(rows) {
        for (yo, wr) in yr.iter_mut().zip(w.chunks_exact(inp)) {
            *yo = dot(xr, wr);
        }
    }
    y
}

/// Backward of [`linear`]: dx += dy·W, dW += dyᵀ·x.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn linear_backward<F: Real>(
    dy: &[F],
    x: &[F],
    w: &[F],
    (rows, out, inp): (usize, usize, usize),
    dx: &mut [F],
    dw: &mut [F],
) {
    for t in 0..rows {
        let (xr, dyr) = (&x[t * inp..(t + 1) * inp], &dy[t * out..(t + 1) * out]);
        let dxr = &mut dx[t * inp..(t + 1) * inp];
        for ((&g, wr), dwr) in dyr.iter().zip(w.chunks_exact(inp)).zip(dw.chunks_exact_mut(inp)) {
            for ((dxi, dwi), (&wi, &xi)) in
                dxr.iter_mut().zip(dwr.iter_mut()).zip(wr.iter().zip(xr))
            {
                *dxi += g * wi;
                *dwi += g * xi;
            }
        }
    }
}

/// Σ aᵢbᵢ.
#[inline(always)]
pub fn dot<F: Real>(a: &[F], b: &[F]) -> F {
    // Eight independent partial sums, so the compiler can keep them in one SIMD register.
    let mut acc = [F::default(); 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail =
        ca.remainder().iter().zip(cb.remainder()).fold(F::default(), |s, (&x, &y)| s + x * y);
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().fold(tail, |s, &v| s + v)
}

/// RMSNorm over each row: y = x·r·w with r = 1/√(mean(x²) + eps). Returns y and r per row.
pub fn rms_norm<F: Real>(x: &[F], w: &[F], eps: f64) -> (Vec<F>, Vec<F>) {
    let d = w.len();
    let mut y = vec![F::default(); x.len()];
    let mut rstd = Vec::with_capacity(x.len() / d);
    for (xr, yr) in x.chunks_exact(d).zip(y.chunks_exact_mut(d)) {
        let r = F::of(1.0) / (dot(xr, xr) / F::of(d as f64) + F::of(eps)).sqrt();
        rstd.push(r);
        for ((yi, &xi), &wi) in yr.iter_mut().zip(xr).zip(w) {
            *yi = xi * r * wi;
        }
    }
    (y, rstd)
}

/// Backward of [`rms_norm`]: with x̂ = x·r and g = dy·w, dx += r·(g − x̂·mean(g·x̂)), dw += Σ dy·x̂.
pub fn rms_norm_backward<F: Real>(
    dy: &[F],
    x: &[F],
    rstd: &[F],
    w: &[F],
    dx: &mut [F],
    dw: &mut [F],
) {
    let d = w.len();
    let rows = dy.chunks_exact(d).zip(x.chunks_exact(d)).zip(dx.chunks_exact_mut(d));
    for (((dyr, xr), dxr), &r) in rows.zip(rstd) {
        let mut mean = F::default();
        for ((&g, &xi), (&wi, dwi)) in dyr.iter().zip(xr).zip(w.iter().zip(dw.iter_mut())) {
            *dwi += g * xi * r;
            mean += g * wi * xi * r;
        }
        mean = mean / F::of(d as f64);
        for ((dxi, &g), (&xi, &wi)) in dxr.iter_mut().zip(dyr).zip(xr.iter().zip(w)) {
            *dxi += r * (g * wi - xi * r * mean);
        }
    }
}

/// Causal depthwise convolution with bias over x (L, E), weights (E, K):
/// out_{t,c} = bias_c + Σ_k w_{c,k}·x_{t+k−(K−1), c}, x before t = 0 being 0 (torch's
/// `Conv1d(groups=E, padding=K−1)` cut to its first L outputs).
pub fn conv<F: Real>(x: &[F], w: &[F], bias: &[F], len: usize) -> Vec<F> {
    let e = bias.len();
    let k = w.len() / e;
    let mut out = vec![F::default(); len * e];
    for t in 0..len {
        let row = &mut out[t * e..(t + 1) * e];
        row.copy_from_slice(bias);
        for j in 0..k {
            let back = k - 1 - j;
            if t < back {
                continue;
            }
            let xr = &x[(t - back) * e..(t - back + 1) * e];
            for (c, (o, &xi)) in row.iter_mut().zip(xr).enumerate() {
                *o += w[c * k + j] * xi;
            }
        }
    }
    out
}

/// Backward of [`conv`]: dx, dw and dbias accumulate.
pub fn conv_backward<F: Real>(
    dout: &[F],
    x: &[F],
    w: &[F],
    len: usize,
    (dx, dw, dbias): (&mut [F], &mut [F], &mut [F]),
) {
    let e = dbias.len();
    let k = w.len() / e;
    for t in 0..len {
        let g = &dout[t * e..(t + 1) * e];
        for (db, &gi) in dbias.iter_mut().zip(g) {
            *db += gi;
        }
        for j in 0..k {
            let back = k - 1 - j;
            if t < back {
                continue;
            }
            let s = (t - back) * e;
            for c in 0..e {
                dw[c * k + j] += g[c] * x[s + c];
                dx[s + c] += g[c] * w[c * k + j];
            }
        }
    }
}

/// Mean cross-entropy of logits (L, V) over the targets that are not −100, and its gradient with
/// respect to the logits scaled by `scale / kept` (pass 1 for the mean's own gradient). Returns
/// (sum of the kept losses, number kept, dlogits); targets must be −100 or below V.
pub fn cross_entropy<F: Real>(
    logits: &[F],
    targets: &[i64],
    vocab: usize,
    scale: f64,
) -> (f64, usize, Vec<F>) {
    let kept = targets.iter().filter(|&&t| t != -100).count();
    let mut dlogits = vec![F::default(); logits.len()];
    let mut total = 0.0;
    if kept == 0 {
        return (total, 0, dlogits);
    }
    let s = scale / kept as f64;
    for ((row, drow), &target) in
        logits.chunks_exact(vocab).zip(dlogits.chunks_exact_mut(vocab)).zip(targets)
    {
        if target == -100 {
            continue;
        }
        let target = target as usize;
        // Shift by the row's maximum so that the exponentials cannot overflow.
        let max = row.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v.f64()));
        let sum: f64 = row.iter().map(|&v| (v.f64() - max).exp()).sum();
        let log_z = max + sum.ln();
        total += log_z - row[target].f64();
        for (j, (d, &v)) in drow.iter_mut().zip(row).enumerate() {
            let p = (v.f64() - log_z).exp();
            *d = F::of(s * (p - if j == target { 1.0 } else { 0.0 }));
        }
    }
    (total, kept, dlogits)
}
