//! Shared by the GPU tests: one device and kernels per test binary (or a loud skip when no
//! adapter exists), seeded random problems with the core's f64 answer, and the error metrics:
//! for the selective scan max |gpu − cpu| / max(1, |cpu|) over every element of y and the last
//! state (relative above 1 in size, absolute below); for prefix sums, whose values cancel, the
//! error relative to the largest sum.

// Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

use mamba_explainer::gpu::{GpuContext, GpuError, PrefixSum, ScanKernel, ScanOutput, ScanProblem};
use mamba_explainer::ssm::{
    BRule, Rng, ScanAlgorithm, SelectiveScanInput, SelectiveScanOutput, selective_scan,
};
use nalgebra::{DMatrix, DVector};
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
    pub(crate) rule: BRule,
}

impl Case {
    pub(crate) fn plain(d: usize, n: usize, l: usize, seed: u64) -> Self {
        Case { d, n, l, seed, softplus: false, skip: false, gate: false, rule: BRule::Euler }
    }

    pub(crate) fn mamba(d: usize, n: usize, l: usize, seed: u64) -> Self {
        Case { d, n, l, seed, softplus: true, skip: true, gate: true, rule: BRule::Euler }
    }
}

/// A random problem with the core's reference answer.
pub(crate) struct Problem {
    pub(crate) case: Case,
    pub(crate) input: SelectiveScanInput,
}

/// Random values in the ranges a trained Mamba layer sees: A = −(n + 1)·s (S4D-real), Δ in
/// about (0.05, 1.3), inputs and B, C of order 1.
pub(crate) fn random(case: Case) -> Problem {
    let Case { d, n, l, .. } = case;
    let mut rng = Rng::new(case.seed);
    let mut matrix =
        |rows, cols, lo, hi| DMatrix::from_fn(rows, cols, |_, _| rng.uniform_in(lo, hi));
    let u = matrix(d, l, -1.0, 1.0);
    let delta = if case.softplus { matrix(d, l, -3.0, 1.0) } else { matrix(d, l, 0.05, 1.0) };
    let scale = matrix(d, n, 0.5, 1.5);
    let a = DMatrix::from_fn(d, n, |i, j| -(j as f64 + 1.0) * scale[(i, j)]);
    let b = matrix(n, l, -1.0, 1.0);
    let c = matrix(n, l, -1.0, 1.0);
    let z = case.gate.then(|| matrix(d, l, -2.0, 2.0));
    let skip =
        case.skip.then(|| DVector::from_iterator(d, matrix(d, 1, -1.0, 1.0).iter().copied()));
    let delta_bias =
        case.softplus.then(|| DVector::from_iterator(d, matrix(d, 1, -0.5, 0.5).iter().copied()));
    let input = SelectiveScanInput {
        u,
        delta,
        a,
        b,
        c,
        d: skip,
        z,
        delta_bias,
        delta_softplus: case.softplus,
    };
    Problem { case, input }
}

impl Problem {
    /// The problem in the GPU's f32 layout.
    pub(crate) fn to_f32(&self) -> ScanProblem {
        ScanProblem::from_input(&self.input, self.case.rule).expect("valid problem")
    }

    /// The core's selective scan in f64 (sequential), the reference.
    pub(crate) fn reference(&self) -> SelectiveScanOutput {
        selective_scan(&self.input, self.case.rule, ScanAlgorithm::Sequential).expect("core")
    }
}

/// The metric for sums that may cancel: max |gpu − cpu| / max(1, max |cpu|), the error relative
/// to the largest value of the result.
pub(crate) fn scaled_err(gpu: &[f32], cpu: &[f64]) -> f64 {
    assert_eq!(gpu.len(), cpu.len(), "result sizes differ");
    let scale = cpu.iter().fold(1.0f64, |m, c| m.max(c.abs()));
    gpu.iter().zip(cpu).map(|(&g, &c)| (f64::from(g) - c).abs()).fold(0.0, f64::max) / scale
}

/// The worst error of y and the last state against the reference.
pub(crate) fn error_of(out: &ScanOutput, reference: &SelectiveScanOutput) -> f64 {
    let core = out.to_core();
    let err = |gpu: &DMatrix<f64>, cpu: &DMatrix<f64>| {
        assert_eq!(gpu.shape(), cpu.shape(), "result shapes differ");
        gpu.iter()
            .zip(cpu.iter())
            .map(|(g, c)| (g - c).abs() / c.abs().max(1.0))
            .fold(0.0, f64::max)
    };
    err(&core.y, &reference.y).max(err(&core.last_state, &reference.last_state))
}

/// The tolerance of the issue: f32 on the GPU against f64 on the CPU.
pub(crate) const TOLERANCE: f64 = 1e-4;
