//! The selective scan of the official reference (`selective_scan_ref`: ZOH for A, Euler for B)
//! with its backward, for one sequence. The same code runs the S4 twin: Δ, B and C are read
//! through [`Layout`] strides, so a stride of 0 in time makes them constant (time-invariant).
//!
//! Forward, per channel c and state n (h₋₁ = 0):
//!   Ā_t = exp(Δ_{t,c}·A_{c,n}),  h_t = Ā_t·h_{t−1} + Δ_{t,c}·B_{t,n}·u_{t,c},
//!   y_{t,c} = Σ_n C_{t,n}·h_t + D_c·u_{t,c}.
//! Backward, with g_t = ∂loss/∂h_t: g_t = Ā_{t+1}·g_{t+1} + dy_{t,c}·C_{t,n}, run from t = L−1
//! down to 0 — the forward recurrence in reverse time, the same first-order linear (associative)
//! form. From g_t: dΔ += g·(h_{t−1}·Ā·A + B·u), dA += g·h_{t−1}·Ā·Δ, dB += g·Δ·u, du += g·Δ·B.

use super::Real;
use super::ops::dot;

/// Where entry (t, c, n) of Δ (n ignored), B or C lives: `t·time + c·channel + n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Stride in time: 0 for a time-invariant tensor.
    pub time: usize,
    /// Stride across channels: 0 when all channels share it.
    pub channel: usize,
}

/// The inputs of one scan over L steps, E channels and N states.
#[derive(Debug, Clone, Copy)]
pub struct ScanIn<'a, F> {
    /// u, (L, E).
    pub u: &'a [F],
    /// Δ after softplus, laid out by `delta_at`.
    pub delta: &'a [F],
    /// Layout of Δ (its `n` is always 0).
    pub delta_at: Layout,
    /// A = −exp(A_log), (E, N).
    pub a: &'a [F],
    /// B, laid out by `bc_at`.
    pub b: &'a [F],
    /// C, laid out by `bc_at`.
    pub c: &'a [F],
    /// Layout of B and C.
    pub bc_at: Layout,
    /// The skip D, (E).
    pub d: &'a [F],
    /// N.
    pub n: usize,
}

/// The gradients of a scan's inputs (accumulated), with the same layouts.
#[derive(Debug)]
pub struct ScanGrad<'a, F> {
    /// du, (L, E).
    pub u: &'a mut [F],
    /// dΔ.
    pub delta: &'a mut [F],
    /// dA, (E, N).
    pub a: &'a mut [F],
    /// dB.
    pub b: &'a mut [F],
    /// dC.
    pub c: &'a mut [F],
    /// dD.
    pub d: &'a mut [F],
}

/// Runs the scan: returns y (L, E) and every state h_t, (L, E, N), followed by every Ā_t,
/// (L, E, N): the backward reads both.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn scan<F: Real>(s: &ScanIn<F>) -> (Vec<F>, Vec<F>) {
    let (e, n) = (s.d.len(), s.n);
    let len = s.u.len() / e;
    let mut y = vec![F::default(); len * e];
    let size = len * e * n;
    let mut states = vec![F::default(); 2 * size];
    let (hs, abars) = states.split_at_mut(size);
    let zeros = vec![F::default(); e * n];
    for t in 0..len {
        let (prev, cur) = hs.split_at_mut(t * e * n);
        let prev = if t == 0 { &zeros[..] } else { &prev[(t - 1) * e * n..] };
        let cur = &mut cur[..e * n];
        let abar = &mut abars[t * e * n..(t + 1) * e * n];
        for c in 0..e {
            let dt = s.delta[t * s.delta_at.time + c * s.delta_at.channel];
            let u = s.u[t * e + c];
            let off = t * s.bc_at.time + c * s.bc_at.channel;
            let (b, cc) = (&s.b[off..off + n], &s.c[off..off + n]);
            let a = &s.a[c * n..(c + 1) * n];
            let (h, ab) = (&mut cur[c * n..(c + 1) * n], &mut abar[c * n..(c + 1) * n]);
            let du = dt * u;
            // Eqn (4), ZOH for A and Euler for B: h = exp(ΔA)·h + Δ·B·u; one pass over the
            // N states with no reduction in it, so it vectorises.
            for ((h, ab), ((&hp, &a), &b)) in
                h.iter_mut().zip(ab.iter_mut()).zip(prev[c * n..].iter().zip(a).zip(b))
            {
                *ab = (dt * a).exp();
                *h = *ab * hp + du * b;
            }
            y[t * e + c] = dot(h, cc) + s.d[c] * u;
        }
    }
    (y, states)
}

/// The scan's backward from dy (L, E) and the states that [`scan`] returned.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn scan_backward<F: Real>(s: &ScanIn<F>, states: &[F], dy: &[F], g: ScanGrad<F>) {
    let (e, n) = (s.d.len(), s.n);
    let len = s.u.len() / e;
    let size = len * e * n;
    let (hs, abars) = states.split_at(size);
    let zeros = vec![F::default(); e * n];
    // carry = Ā_{t+1}·g_{t+1}, the part of ∂loss/∂h_t that comes from the future.
    let mut carry = vec![F::default(); e * n];
    // g_t and g_t·h_{t−1}·Ā_t of one channel: the two sums over the states read them.
    let (mut gs, mut dabar) = (vec![F::default(); n], vec![F::default(); n]);
    for t in (0..len).rev() {
        let prev = if t == 0 { &zeros[..] } else { &hs[(t - 1) * e * n..t * e * n] };
        for c in 0..e {
            let di = t * s.delta_at.time + c * s.delta_at.channel;
            let dt = s.delta[di];
            let u = s.u[t * e + c];
            let dyc = dy[t * e + c];
            g.d[c] += dyc * u;
            let off = t * s.bc_at.time + c * s.bc_at.channel;
            let at = (t * e + c) * n;
            let (h, abar, hp) = (&hs[at..at + n], &abars[at..at + n], &prev[c * n..(c + 1) * n]);
            let (b, cc) = (&s.b[off..off + n], &s.c[off..off + n]);
            let carry = &mut carry[c * n..(c + 1) * n];
            for (((gi, dab), (carry, &cc)), (&hp, &ab)) in gs
                .iter_mut()
                .zip(dabar.iter_mut())
                .zip(carry.iter_mut().zip(cc))
                .zip(hp.iter().zip(abar))
            {
                *gi = *carry + dyc * cc;
                *dab = *gi * hp * ab;
                *carry = *gi * ab;
            }
            for ((gc, &h), (gb, &gi)) in
                g.c[off..off + n].iter_mut().zip(h).zip(g.b[off..off + n].iter_mut().zip(&gs))
            {
                *gc += dyc * h;
                *gb += gi * dt * u;
            }
            for (ga, &dab) in g.a[c * n..(c + 1) * n].iter_mut().zip(&dabar) {
                *ga += dab * dt;
            }
            // dΔ = Σ g·h_{t−1}·Ā·A + u·Σ g·B and du = D·dy + Δ·Σ g·B.
            let gb = dot(&gs, b);
            g.delta[di] += dot(&dabar, &s.a[c * n..(c + 1) * n]) + gb * u;
            g.u[t * e + c] += dyc * s.d[c] + gb * dt;
        }
    }
}
