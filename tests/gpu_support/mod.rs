//! Shared by the GPU tests: one device and kernels per test binary (or a loud skip when no
//! adapter exists), seeded random problems, an f64 reference, and the error metric.

// Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

use mamba_explainer::gpu::{GpuContext, GpuError, PrefixSum, ScanKernel, ScanOutput, ScanProblem};
use std::sync::OnceLock;

/// The context and the kernels, built once.
pub(crate) struct Gpu {
    pub(crate) ctx: GpuContext,
    pub(crate) scan: ScanKernel,
    pub(crate) prefix: PrefixSum,
}

/// The shared GPU, or `None` after printing why the test is skipped. Only a missing adapter
/// skips; any other failure to start is a test failure.
pub(crate) fn gpu() -> Option<&'static Gpu> {
    static GPU: OnceLock<Option<Gpu>> = OnceLock::new();
    let gpu = GPU.get_or_init(|| match pollster::block_on(GpuContext::new()) {
        Ok(ctx) => {
            let scan = pollster::block_on(ScanKernel::new(&ctx)).expect("scan kernel");
            let prefix = pollster::block_on(PrefixSum::new(&ctx)).expect("prefix-sum kernel");
            eprintln!("GPU tests run on {:?}", ctx.adapter());
            Some(Gpu { ctx, scan, prefix })
        }
        Err(GpuError::NoAdapter(why)) => {
            eprintln!("SKIPPED: no GPU adapter ({why}); install mesa-vulkan-drivers for lavapipe");
            None
        }
        Err(other) => panic!("a GPU adapter exists but could not be used: {other}"),
    });
    if gpu.is_none() {
        eprintln!("SKIPPED: no GPU adapter");
    }
    gpu.as_ref()
}

/// A small seeded generator (SplitMix64), so that every case is reproducible.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// Uniform in [lo, hi).
    pub(crate) fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        lo + (hi - lo) * (x >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn vec(&mut self, n: usize, lo: f64, hi: f64) -> Vec<f64> {
        (0..n).map(|_| self.uniform(lo, hi)).collect()
    }
}

/// What a random case contains, besides its sizes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Case {
    pub(crate) d: usize,
    pub(crate) n: usize,
    pub(crate) l: usize,
    pub(crate) seed: u64,
    /// Softplus and a Δ bias (as Mamba) instead of a positive Δ used as is.
    pub(crate) softplus: bool,
    pub(crate) skip: bool,
    pub(crate) gate: bool,
    pub(crate) zoh: bool,
}

impl Case {
    pub(crate) fn plain(d: usize, n: usize, l: usize, seed: u64) -> Self {
        Case { d, n, l, seed, softplus: false, skip: false, gate: false, zoh: false }
    }

    pub(crate) fn mamba(d: usize, n: usize, l: usize, seed: u64) -> Self {
        Case { d, n, l, seed, softplus: true, skip: true, gate: true, zoh: false }
    }
}

/// A problem in f64 (the reference's precision), flat row-major like `ScanProblem`.
pub(crate) struct Problem64 {
    pub(crate) case: Case,
    pub(crate) u: Vec<f64>,
    pub(crate) delta: Vec<f64>,
    pub(crate) a: Vec<f64>,
    pub(crate) b: Vec<f64>,
    pub(crate) c: Vec<f64>,
    pub(crate) d_skip: Option<Vec<f64>>,
    pub(crate) z: Option<Vec<f64>>,
    pub(crate) delta_bias: Option<Vec<f64>>,
}

/// Random values in the ranges a trained Mamba layer sees: A = −(n + 1)·s (S4D-real), Δ in
/// about (0.05, 1.3), inputs and B, C of order 1.
pub(crate) fn random(case: Case) -> Problem64 {
    let Case { d, n, l, .. } = case;
    let mut rng = Rng::new(case.seed);
    let u = rng.vec(d * l, -1.0, 1.0);
    let delta = if case.softplus { rng.vec(d * l, -3.0, 1.0) } else { rng.vec(d * l, 0.05, 1.0) };
    let a = (0..d * n).map(|i| -((i % n) as f64 + 1.0) * rng.uniform(0.5, 1.5)).collect();
    let b = rng.vec(n * l, -1.0, 1.0);
    let c = rng.vec(n * l, -1.0, 1.0);
    let d_skip = case.skip.then(|| rng.vec(d, -1.0, 1.0));
    let z = case.gate.then(|| rng.vec(d * l, -2.0, 2.0));
    let delta_bias = case.softplus.then(|| rng.vec(d, -0.5, 0.5));
    Problem64 { case, u, delta, a, b, c, d_skip, z, delta_bias }
}

fn f32s(xs: &[f64]) -> Vec<f32> {
    xs.iter().map(|&x| x as f32).collect()
}

impl Problem64 {
    pub(crate) fn to_f32(&self) -> ScanProblem {
        let Case { d, n, l, .. } = self.case;
        ScanProblem {
            d_model: d,
            n_state: n,
            len: l,
            u: f32s(&self.u),
            delta: f32s(&self.delta),
            a: f32s(&self.a),
            b: f32s(&self.b),
            c: f32s(&self.c),
            d_skip: self.d_skip.as_deref().map(f32s),
            z: self.z.as_deref().map(f32s),
            delta_bias: self.delta_bias.as_deref().map(f32s),
            delta_softplus: self.case.softplus,
            zoh: self.case.zoh,
        }
    }

    /// The selective scan in f64, step by step: (y, last state).
    pub(crate) fn reference(&self) -> (Vec<f64>, Vec<f64>) {
        let Case { d: dm, n: ns, l, .. } = self.case;
        let mut y = vec![0.0; dm * l];
        let mut last = vec![0.0; dm * ns];
        for d in 0..dm {
            let mut h = vec![0.0; ns];
            for t in 0..l {
                let mut dt = self.delta[d * l + t] + self.delta_bias.as_ref().map_or(0.0, |v| v[d]);
                if self.case.softplus && dt <= 20.0 {
                    dt = dt.exp().ln_1p();
                }
                let mut acc = 0.0;
                for (n, h) in h.iter_mut().enumerate() {
                    let a = self.a[d * ns + n];
                    let bu = self.b[n * l + t] * self.u[d * l + t];
                    let bbar_u = if self.case.zoh && a != 0.0 {
                        (dt * a).exp_m1() / a * bu
                    } else {
                        dt * bu
                    };
                    *h = (dt * a).exp() * *h + bbar_u;
                    acc += self.c[n * l + t] * *h;
                }
                acc += self.d_skip.as_ref().map_or(0.0, |v| v[d]) * self.u[d * l + t];
                if let Some(z) = &self.z {
                    let g = z[d * l + t];
                    acc *= g / (1.0 + (-g).exp());
                }
                y[d * l + t] = acc;
            }
            last[d * ns..(d + 1) * ns].copy_from_slice(&h);
        }
        (y, last)
    }
}

/// The error metric: max over elements of |gpu − cpu| / max(1, |cpu|), i.e. relative for
/// values above 1 in size and absolute below.
pub(crate) fn rel_err(gpu: &[f32], cpu: &[f64]) -> f64 {
    assert_eq!(gpu.len(), cpu.len(), "result sizes differ");
    gpu.iter()
        .zip(cpu)
        .map(|(&g, &c)| (f64::from(g) - c).abs() / c.abs().max(1.0))
        .fold(0.0, f64::max)
}

/// The metric for sums that may cancel: max |gpu − cpu| / max(1, max |cpu|), the error relative
/// to the largest value of the result.
pub(crate) fn scaled_err(gpu: &[f32], cpu: &[f64]) -> f64 {
    assert_eq!(gpu.len(), cpu.len(), "result sizes differ");
    let scale = cpu.iter().fold(1.0f64, |m, c| m.max(c.abs()));
    gpu.iter().zip(cpu).map(|(&g, &c)| (f64::from(g) - c).abs()).fold(0.0, f64::max) / scale
}

/// The worst error of y and the last state against the f64 reference.
pub(crate) fn error_of(out: &ScanOutput, reference: &(Vec<f64>, Vec<f64>)) -> f64 {
    rel_err(&out.y, &reference.0).max(rel_err(&out.last_state, &reference.1))
}

/// The tolerance of the issue: f32 on the GPU against f64 on the CPU.
pub(crate) const TOLERANCE: f64 = 1e-4;
