//! The forward pass of `MambaLMHeadModel` (slow path) for one sequence, keeping what the backward
//! needs, and the backward itself:
//! embedding → per layer x = x + mixer(RMSNorm(x)) → RMSNorm (`norm_f`, eps 1e-5) → LM head.
//! The mixer: in_proj → (x, z) → causal conv1d + bias → u = SiLU → x_proj → (Δ_r, B, C) →
//! Δ = softplus(dt_proj·Δ_r + bias) → selective scan with D skip → ·SiLU(z) → out_proj.

use super::Real;
use super::ops::{
    conv, conv_backward, cross_entropy, linear, linear_backward, rms_norm, rms_norm_backward, silu,
    silu_grad, softplus, softplus_grad,
};
use super::params::{LayerKind, LmConfig, Params};
use super::scan::{Layout, ScanGrad, ScanIn, scan, scan_backward};

/// RMSNorm's ε in every norm of the model.
pub const NORM_EPS: f64 = 1e-5;

/// One layer's weights (or gradients) by role; `p1`/`p2` are x_proj/dt_proj.weight for S6 and
/// B/C for S4 (the order of [`LmConfig::shapes`]).
struct Roles<T> {
    norm: T,
    in_proj: T,
    conv_w: T,
    conv_b: T,
    p1: T,
    p2: T,
    dt_b: T,
    a_log: T,
    d: T,
    out: T,
}

fn roles<T>(kind: LayerKind, t: [T; 10]) -> Roles<T> {
    let [norm, in_proj, conv_w, conv_b, s4, s5, s6, s7, d, out] = t;
    let (p1, p2, dt_b, a_log) = match kind {
        LayerKind::S6 => (s4, s5, s6, s7),
        LayerKind::S4 => (s6, s7, s4, s5),
    };
    Roles { norm, in_proj, conv_w, conv_b, p1, p2, dt_b, a_log, d, out }
}

/// Index of layer i's first tensor.
fn base(i: usize) -> usize {
    1 + 10 * i
}

/// What one layer's forward keeps for its backward; all (L, ·) time-major.
#[derive(Debug, Clone)]
struct LayerCache<F> {
    resid: Vec<F>,
    normed: Vec<F>,
    rstd: Vec<F>,
    x: Vec<F>,
    z: Vec<F>,
    conv: Vec<F>,
    u: Vec<F>,
    dr: Vec<F>,
    b: Vec<F>,
    c: Vec<F>,
    dt_raw: Vec<F>,
    delta: Vec<F>,
    a: Vec<F>,
    y: Vec<F>,
    states: Vec<F>,
    gated: Vec<F>,
}

/// Everything a forward pass keeps: the layers' activations, the final norm's input and output,
/// and the logits (L, V).
#[derive(Debug, Clone)]
pub struct Cache<F> {
    tokens: Vec<usize>,
    layers: Vec<LayerCache<F>>,
    last: Vec<F>,
    last_rstd: Vec<F>,
    normed: Vec<F>,
    /// The logits, (L, V).
    pub logits: Vec<F>,
}

impl<F> Cache<F> {
    /// The residual stream after each block, (L, d_model) each.
    pub fn block_outputs(&self) -> Vec<&[F]> {
        let mut out: Vec<&[F]> = self.layers.iter().skip(1).map(|l| &l.resid[..]).collect();
        out.push(&self.last);
        out
    }

    /// Δ of block `layer` over the sequence, (L, d_inner) time-major (Eqn 3: Δ_t =
    /// softplus(dt_proj(Δ_r,t) + bias) for S6); the S4 twin's Δ_c is the same at every token.
    pub fn delta(&self, layer: usize, cfg: &LmConfig) -> Vec<F>
    where
        F: Copy,
    {
        let lc = &self.layers[layer];
        match cfg.kind {
            LayerKind::S6 => lc.delta.clone(),
            LayerKind::S4 => self.tokens.iter().flat_map(|_| lc.delta.iter().copied()).collect(),
        }
    }
}

fn scan_input<'a, F: Real>(
    cfg: &LmConfig,
    lc: &'a LayerCache<F>,
    w: &'a Roles<&'a Vec<F>>,
) -> ScanIn<'a, F> {
    let (e, n) = (cfg.d_inner, cfg.d_state);
    let (delta_at, b, c, bc_at) = match cfg.kind {
        LayerKind::S6 => {
            (Layout { time: e, channel: 1 }, &lc.b[..], &lc.c[..], Layout { time: n, channel: 0 })
        }
        LayerKind::S4 => {
            (Layout { time: 0, channel: 1 }, &w.p1[..], &w.p2[..], Layout { time: 0, channel: n })
        }
    };
    ScanIn { u: &lc.u, delta: &lc.delta, delta_at, a: &lc.a, b, c, bc_at, d: w.d, n }
}

/// The forward pass over one sequence of token ids (each below V, checked by the caller).
pub fn forward<F: Real>(p: &Params<F>, tokens: &[usize]) -> Cache<F> {
    let cfg = &p.config;
    let (len, dm, e, n, r) = (tokens.len(), cfg.d_model, cfg.d_inner, cfg.d_state, cfg.dt_rank);
    let emb = &p.tensors[0];
    let mut x: Vec<F> =
        tokens.iter().flat_map(|&t| emb[t * dm..(t + 1) * dm].iter().copied()).collect();
    let mut layers = Vec::with_capacity(cfg.layers);
    for i in 0..cfg.layers {
        let t: &[Vec<F>; 10] =
            p.tensors[base(i)..base(i) + 10].try_into().expect("ten tensors a layer");
        let w = roles(cfg.kind, t.each_ref());
        let (normed, rstd) = rms_norm(&x, w.norm, NORM_EPS);
        let xin = linear(&normed, &w.in_proj[..e * dm], len, e, dm);
        let z =
            if cfg.gate { linear(&normed, &w.in_proj[e * dm..], len, e, dm) } else { Vec::new() };
        let cv = conv(&xin, w.conv_w, w.conv_b, len);
        let u: Vec<F> = cv.iter().map(|&v| silu(v)).collect();
        let (dr, b, c, dt_raw) = match cfg.kind {
            LayerKind::S6 => {
                let dr = linear(&u, &w.p1[..r * e], len, r, e);
                let b = linear(&u, &w.p1[r * e..(r + n) * e], len, n, e);
                let c = linear(&u, &w.p1[(r + n) * e..], len, n, e);
                let mut dt = linear(&dr, w.p2, len, e, r);
                for row in dt.chunks_exact_mut(e) {
                    row.iter_mut().zip(w.dt_b.iter()).for_each(|(v, &bias)| *v += bias);
                }
                (dr, b, c, dt)
            }
            LayerKind::S4 => (Vec::new(), Vec::new(), Vec::new(), w.dt_b.clone()),
        };
        let delta = dt_raw.iter().map(|&v| softplus(v)).collect();
        let a = w.a_log.iter().map(|&v| -v.exp()).collect();
        let mut lc = LayerCache {
            resid: x.clone(),
            normed,
            rstd,
            x: xin,
            z,
            conv: cv,
            u,
            dr,
            b,
            c,
            dt_raw,
            delta,
            a,
            y: Vec::new(),
            states: Vec::new(),
            gated: Vec::new(),
        };
        let (y, states) = scan(&scan_input(cfg, &lc, &w));
        // The gate: y·SiLU(z).
        lc.gated = if cfg.gate {
            y.iter().zip(&lc.z).map(|(&y, &z)| y * silu(z)).collect()
        } else {
            y.clone()
        };
        (lc.y, lc.states) = (y, states);
        let out = linear(&lc.gated, w.out, len, dm, e);
        x.iter_mut().zip(&out).for_each(|(v, &o)| *v += o);
        layers.push(lc);
    }
    let nf = base(cfg.layers);
    let (normed, last_rstd) = rms_norm(&x, &p.tensors[nf], NORM_EPS);
    let head = if cfg.tied { &p.tensors[0] } else { &p.tensors[nf + 1] };
    let logits = linear(&normed, head, len, cfg.vocab, dm);
    Cache { tokens: tokens.to_vec(), layers, last: x, last_rstd, normed, logits }
}

/// The backward pass from dlogits (L, V): adds every weight's gradient into `g` (with a tied head
/// the embedding's gradient receives both uses).
pub fn backward<F: Real>(p: &Params<F>, cache: &Cache<F>, dlogits: &[F], g: &mut Params<F>) {
    let cfg = &p.config;
    let (len, dm, e, n, r) =
        (cache.tokens.len(), cfg.d_model, cfg.d_inner, cfg.d_state, cfg.dt_rank);
    let nf = base(cfg.layers);
    let head_at = if cfg.tied { 0 } else { nf + 1 };
    let mut dnormed = vec![F::default(); len * dm];
    linear_backward(
        dlogits,
        &cache.normed,
        &p.tensors[head_at],
        (len, cfg.vocab, dm),
        &mut dnormed,
        &mut g.tensors[head_at],
    );
    let mut dx = vec![F::default(); len * dm];
    rms_norm_backward(
        &dnormed,
        &cache.last,
        &cache.last_rstd,
        &p.tensors[nf],
        &mut dx,
        &mut g.tensors[nf],
    );
    for (i, lc) in cache.layers.iter().enumerate().rev() {
        let t: &[Vec<F>; 10] =
            p.tensors[base(i)..base(i) + 10].try_into().expect("ten tensors a layer");
        let w = roles(cfg.kind, t.each_ref());
        let gt: &mut [Vec<F>; 10] =
            (&mut g.tensors[base(i)..base(i) + 10]).try_into().expect("ten tensors a layer");
        let gw = roles(cfg.kind, gt.each_mut());
        // Residual: dx flows on unchanged; the mixer's branch adds its part below.
        let mut dgated = vec![F::default(); len * e];
        linear_backward(&dx, &lc.gated, w.out, (len, dm, e), &mut dgated, gw.out);
        let (dy, dz): (Vec<F>, Vec<F>) = if cfg.gate {
            let dy = dgated.iter().zip(&lc.z).map(|(&g, &z)| g * silu(z)).collect();
            let dz = dgated
                .iter()
                .zip(lc.z.iter().zip(&lc.y))
                .map(|(&g, (&z, &y))| g * y * silu_grad(z))
                .collect();
            (dy, dz)
        } else {
            (dgated, Vec::new())
        };
        let mut du = vec![F::default(); len * e];
        let mut ddelta = vec![F::default(); lc.delta.len()];
        let mut da = vec![F::default(); e * n];
        let (mut db, mut dc) = match cfg.kind {
            LayerKind::S6 => (vec![F::default(); len * n], vec![F::default(); len * n]),
            LayerKind::S4 => (Vec::new(), Vec::new()),
        };
        let s = scan_input(cfg, lc, &w);
        let (gb, gc): (&mut [F], &mut [F]) = match cfg.kind {
            LayerKind::S6 => (&mut db, &mut dc),
            LayerKind::S4 => (gw.p1, gw.p2),
        };
        scan_backward(
            &s,
            &lc.states,
            &dy,
            ScanGrad { u: &mut du, delta: &mut ddelta, a: &mut da, b: gb, c: gc, d: gw.d },
        );
        // A = −exp(A_log), so ∂A/∂A_log = A.
        for ((gl, &d), &a) in gw.a_log.iter_mut().zip(&da).zip(&lc.a) {
            *gl += d * a;
        }
        let ddt: Vec<F> =
            ddelta.iter().zip(&lc.dt_raw).map(|(&d, &v)| d * softplus_grad(v)).collect();
        match cfg.kind {
            LayerKind::S6 => {
                for row in ddt.chunks_exact(e) {
                    gw.dt_b.iter_mut().zip(row).for_each(|(gb, &d)| *gb += d);
                }
                let mut ddr = vec![F::default(); len * r];
                linear_backward(&ddt, &lc.dr, w.p2, (len, e, r), &mut ddr, gw.p2);
                let (gx_dr, rest) = gw.p1.split_at_mut(r * e);
                let (gx_b, gx_c) = rest.split_at_mut(n * e);
                linear_backward(&ddr, &lc.u, &w.p1[..r * e], (len, r, e), &mut du, gx_dr);
                linear_backward(&db, &lc.u, &w.p1[r * e..(r + n) * e], (len, n, e), &mut du, gx_b);
                linear_backward(&dc, &lc.u, &w.p1[(r + n) * e..], (len, n, e), &mut du, gx_c);
            }
            LayerKind::S4 => gw.dt_b.iter_mut().zip(&ddt).for_each(|(gb, &d)| *gb += d),
        }
        let dconv: Vec<F> = du.iter().zip(&lc.conv).map(|(&d, &v)| d * silu_grad(v)).collect();
        let mut dxin = vec![F::default(); len * e];
        conv_backward(&dconv, &lc.x, w.conv_w, len, (&mut dxin, gw.conv_w, gw.conv_b));
        let mut dn = vec![F::default(); len * dm];
        let (gi_x, gi_z) = gw.in_proj.split_at_mut(e * dm);
        linear_backward(&dxin, &lc.normed, &w.in_proj[..e * dm], (len, e, dm), &mut dn, gi_x);
        if cfg.gate {
            linear_backward(&dz, &lc.normed, &w.in_proj[e * dm..], (len, e, dm), &mut dn, gi_z);
        }
        rms_norm_backward(&dn, &lc.resid, &lc.rstd, w.norm, &mut dx, gw.norm);
    }
    let gemb = &mut g.tensors[0];
    for (&tok, row) in cache.tokens.iter().zip(dx.chunks_exact(dm)) {
        gemb[tok * dm..(tok + 1) * dm].iter_mut().zip(row).for_each(|(g, &d)| *g += d);
    }
}

/// Forward and backward for one sequence: adds `scale`·∂(mean kept loss)/∂w into `g`; returns the
/// summed loss of the kept targets, how many were kept, and the cache (with the logits).
pub fn sequence_grad<F: Real>(
    p: &Params<F>,
    tokens: &[usize],
    targets: &[i64],
    scale: f64,
    g: &mut Params<F>,
) -> (f64, usize, Cache<F>) {
    let cache = forward(p, tokens);
    let (loss, kept, dlogits) = cross_entropy(&cache.logits, targets, p.config.vocab, scale);
    if kept > 0 {
        backward(p, &cache, &dlogits, g);
    }
    (loss, kept, cache)
}
