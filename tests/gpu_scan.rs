//! The selective scan on the GPU (and its CPU twin) against the core's `ssm::selective_scan`
//! (f64, sequential), on seeded random
//! problems: odd lengths, L = 1, every option, sequences up to 2¹⁸ + 1 (two levels),
//! and a device with tiny limits that forces row chunks and a 2-D dispatch grid.

#![cfg(not(target_arch = "wasm32"))]

mod gpu_support;

use gpu_support::{Case, TOLERANCE, error_of, gpu, random};
use mamba_explainer::gpu::{GpuContext, GpuError, ScanProblem, twin};
use mamba_explainer::ssm::BRule;

/// Problems small enough for every configuration, with odd and power-of-two lengths around
/// one invocation's run (16) and the block size (4096).
fn small_cases() -> Vec<Case> {
    let sizes = [
        (1, 1, 1),
        (2, 3, 1),
        (3, 4, 7),
        (2, 2, 17),
        (2, 4, 511),
        (3, 5, 1000),
        (2, 2, 4095),
        (2, 2, 4096),
        (2, 3, 4097),
        (2, 3, 9001),
    ];
    let mut cases = Vec::new();
    for (i, &(d, n, l)) in sizes.iter().enumerate() {
        let seed = i as u64;
        cases.push(Case::plain(d, n, l, seed));
        cases.push(Case::mamba(d, n, l, seed + 100));
        cases.push(Case { rule: BRule::Zoh, ..Case::mamba(d, n, l, seed + 200) });
        cases.push(Case { rule: BRule::Zoh, skip: false, ..Case::plain(d, n, l, seed + 300) });
    }
    cases
}

/// Long sequences with few channels: lavapipe runs on the CPU.
fn long_cases() -> Vec<Case> {
    vec![
        Case::mamba(2, 2, 1 << 18, 7),
        Case::plain(1, 2, (1 << 18) - 3, 8),
        Case { rule: BRule::Zoh, ..Case::mamba(1, 2, (1 << 18) + 1, 9) },
    ]
}

#[test]
fn twin_matches_the_reference() {
    let mut worst = 0.0f64;
    for case in small_cases().into_iter().chain(long_cases()) {
        let problem = random(case);
        let out = twin::selective_scan(&problem.to_f32()).expect("twin");
        let err = error_of(&out, &problem.reference());
        assert!(err <= TOLERANCE, "{case:?}: twin error {err:e}");
        worst = worst.max(err);
    }
    eprintln!("twin: worst error {worst:e}");
}

#[test]
fn gpu_matches_the_reference_on_small_problems() {
    let Some(gpu) = gpu() else { return };
    let mut worst = 0.0f64;
    for case in small_cases() {
        let problem = random(case);
        let out = pollster::block_on(gpu.scan.run(&gpu.ctx, &problem.to_f32())).expect("gpu run");
        let err = error_of(&out, &problem.reference());
        assert!(err <= TOLERANCE, "{case:?}: GPU error {err:e}");
        worst = worst.max(err);
    }
    eprintln!("GPU, small problems: worst error {worst:e}");
}

#[test]
fn gpu_matches_the_reference_on_long_sequences() {
    let Some(gpu) = gpu() else { return };
    for case in long_cases() {
        let problem = random(case);
        let out = pollster::block_on(gpu.scan.run(&gpu.ctx, &problem.to_f32())).expect("gpu run");
        let err = error_of(&out, &problem.reference());
        eprintln!("GPU, D={} N={} L={}: error {err:e}", case.d, case.n, case.l);
        assert!(err <= TOLERANCE, "{case:?}: GPU error {err:e}");
    }
}

#[test]
fn a_kernel_runs_many_times_with_the_same_result() {
    let Some(gpu) = gpu() else { return };
    let problem = random(Case::mamba(3, 4, 777, 42)).to_f32();
    let first = pollster::block_on(gpu.scan.run(&gpu.ctx, &problem)).expect("first run");
    let job = pollster::block_on(gpu.scan.upload(&gpu.ctx, &problem)).expect("upload");
    assert_eq!(job.chunks(), 1);
    for _ in 0..3 {
        pollster::block_on(gpu.scan.compute(&gpu.ctx, &job)).expect("compute");
        let again = pollster::block_on(gpu.scan.read(&gpu.ctx, &job)).expect("read");
        assert_eq!(again, first);
    }
}

/// A device of its own whose limits are far below the adapter's.
fn tiny_device(max_buffer: u64, per_dimension: u32) -> Option<GpuContext> {
    gpu()?;
    let adapter = pollster::block_on(GpuContext::request_adapter()).expect("adapter");
    let limits = wgpu::Limits {
        max_buffer_size: max_buffer,
        max_storage_buffer_binding_size: max_buffer,
        max_compute_workgroups_per_dimension: per_dimension,
        ..adapter.limits()
    };
    let ctx = pollster::block_on(GpuContext::with_adapter(&adapter, limits)).expect("device");
    assert_eq!(ctx.limits().max_storage_buffer_binding_size, max_buffer);
    Some(ctx)
}

#[test]
fn small_limits_split_rows_into_chunks_and_dispatch_in_two_dimensions() {
    let Some(ctx) = tiny_device(1 << 16, 8) else { return };
    let kernel = pollster::block_on(mamba_explainer::gpu::ScanKernel::new(&ctx)).expect("kernel");
    // One row needs 3 · (700 + 1) pairs of 8 bytes ≈ 16.8 KB: 3 rows per 64 KiB chunk.
    let problem = random(Case::mamba(5, 3, 700, 11));
    let job = pollster::block_on(kernel.upload(&ctx, &problem.to_f32())).expect("upload");
    // The discretize stage of a chunk needs 3 · 3 · 700 / 256 → 25 workgroups: an 8 × 4 grid.
    assert_eq!(job.chunks(), 2);
    pollster::block_on(kernel.compute(&ctx, &job)).expect("compute");
    let out = pollster::block_on(kernel.read(&ctx, &job)).expect("read");
    let err = error_of(&out, &problem.reference());
    assert!(err <= TOLERANCE, "chunked: error {err:e}");

    // One row of 5000 steps does not fit at all: a clear error, before any GPU work.
    let too_long = random(Case::plain(1, 3, 5000, 12)).to_f32();
    match pollster::block_on(kernel.run(&ctx, &too_long)) {
        Err(GpuError::BufferTooLarge { bytes, limit, .. }) => {
            assert!(bytes > limit && limit == 1 << 16)
        }
        other => panic!("expected BufferTooLarge, got {other:?}"),
    }
}

#[test]
fn core_inputs_are_validated_and_rounded_to_f32() {
    let mut problem = random(Case::plain(2, 3, 4, 3));
    let converted = problem.to_f32();
    assert_eq!((converted.d_model, converted.n_state, converted.len), (2, 3, 4));
    // Row-major: u[1, 2] is element 1·L + 2.
    assert_eq!(converted.u[4 + 2], problem.input.u[(1, 2)] as f32);
    assert_eq!(converted.b[2 * 4 + 3], problem.input.b[(2, 3)] as f32);

    problem.input.u[(0, 0)] = 1e300;
    let overflow = ScanProblem::from_input(&problem.input, BRule::Euler).expect("finite in f64");
    assert!(
        matches!(twin::selective_scan(&overflow), Err(GpuError::Input(m)) if m.contains("f32"))
    );
    problem.input.c = problem.input.c.remove_row(0);
    let refused = ScanProblem::from_input(&problem.input, BRule::Euler);
    assert!(matches!(refused, Err(GpuError::Input(m)) if m.contains('C')), "C has the wrong shape");
}

#[test]
fn invalid_problems_are_refused_with_a_message() {
    let good = random(Case::plain(2, 2, 5, 1)).to_f32();
    let short_u = ScanProblem { u: vec![0.0; 9], ..good.clone() };
    let nan_b = ScanProblem { b: vec![f32::NAN; 10], ..good.clone() };
    let empty = ScanProblem { len: 0, ..good.clone() };
    for bad in [short_u, nan_b, empty] {
        // The twin validates exactly as the kernel does; the GPU path is checked when present.
        let Err(GpuError::Input(message)) = twin::selective_scan(&bad) else {
            panic!("accepted {bad:?}")
        };
        assert!(!message.is_empty());
        if let Some(gpu) = gpu() {
            let result = pollster::block_on(gpu.scan.run(&gpu.ctx, &bad));
            assert!(matches!(result, Err(GpuError::Input(_))), "{result:?}");
        }
    }
}

#[test]
fn a_lost_device_is_an_error_not_a_hang() {
    let Some(ctx) = tiny_device(1 << 20, 65535) else { return };
    let kernel = pollster::block_on(mamba_explainer::gpu::ScanKernel::new(&ctx)).expect("kernel");
    let problem = random(Case::mamba(2, 2, 100, 5)).to_f32();
    let job = pollster::block_on(kernel.upload(&ctx, &problem)).expect("upload");
    ctx.device().destroy();
    let computed = pollster::block_on(kernel.compute(&ctx, &job));
    eprintln!("compute after destroy: {computed:?}");
    assert!(matches!(computed, Err(GpuError::DeviceLost(_))), "{computed:?}");
    let again = pollster::block_on(kernel.run(&ctx, &problem));
    assert!(matches!(again, Err(GpuError::DeviceLost(_))), "{again:?}");
}
