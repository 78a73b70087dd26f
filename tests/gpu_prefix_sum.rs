//! The GPU prefix sum (and its twin) against running sums in f64 (error relative to the
//! largest sum, as sums of ±1 values cancel), for lengths around the block size of 4096, two
//! levels, a million values, and 4096² + 1 values (three levels).

#![cfg(not(target_arch = "wasm32"))]

mod gpu_support;

use gpu_support::{TOLERANCE, gpu, scaled_err};
use mamba_explainer::gpu::{GpuError, twin};
use mamba_explainer::ssm::Rng;

fn running_sums(xs: &[f32]) -> Vec<f64> {
    xs.iter()
        .scan(0.0, |acc, &x| {
            *acc += f64::from(x);
            Some(*acc)
        })
        .collect()
}

const LENGTHS: [usize; 10] = [1, 2, 17, 255, 1000, 4095, 4096, 4097, 1 << 18, (1 << 18) + 1];

fn values(len: usize) -> Vec<f32> {
    let mut rng = Rng::new(len as u64);
    (0..len).map(|_| rng.uniform_in(-1.0, 1.0) as f32).collect()
}

#[test]
fn twin_prefix_sum_matches_running_sums() {
    for len in LENGTHS {
        let xs = values(len);
        let err = scaled_err(&twin::prefix_sum(&xs), &running_sums(&xs));
        assert!(err <= TOLERANCE, "len {len}: error {err:e}");
    }
    assert!(twin::prefix_sum(&[]).is_empty());
}

#[test]
fn gpu_prefix_sum_matches_running_sums() {
    let Some(gpu) = gpu() else { return };
    let mut worst = 0.0f64;
    // 4096² + 1 values need a third level of block totals.
    for len in LENGTHS.into_iter().chain([1_000_000, 4096 * 4096 + 1]) {
        let xs = values(len);
        let sums = pollster::block_on(gpu.prefix.run(&gpu.ctx, &xs)).expect("prefix sum");
        let err = scaled_err(&sums, &running_sums(&xs));
        eprintln!("GPU prefix sum, {len} values: error {err:e}");
        assert!(err <= TOLERANCE, "len {len}: error {err:e}");
        worst = worst.max(err);
    }
    eprintln!("GPU prefix sum: worst error {worst:e}");
    assert!(pollster::block_on(gpu.prefix.run(&gpu.ctx, &[])).expect("empty").is_empty());
    let refused = pollster::block_on(gpu.prefix.run(&gpu.ctx, &[1.0, f32::INFINITY]));
    assert!(matches!(refused, Err(GpuError::Input(_))), "{refused:?}");
}
