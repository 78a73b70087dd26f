//! The GPU module in a real browser: headless Chromium with `--enable-unsafe-webgpu` (SwiftShader,
//! a fallback adapter). The selective scan and the prefix sum run through WebGPU, with readback by
//! `map_async` awaited from the event loop, and must agree with their CPU twins. Skips, saying so,
//! when the browser offers no adapter.
//! Run: `cargo test --target wasm32-unknown-unknown --test gpu_web`.
#![cfg(target_arch = "wasm32")]

use mamba_explainer::gpu::{GpuContext, GpuError, PrefixSum, ScanKernel, ScanProblem, twin};
use mamba_explainer::ssm::BRule;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Deterministic values in [−1, 1].
fn wave(n: usize, phase: f32) -> Vec<f32> {
    (0..n).map(|i| (i as f32 * 0.37 + phase).sin()).collect()
}

fn max_scaled_diff(a: &[f32], b: &[f32]) -> f32 {
    let scale = b.iter().fold(1.0f32, |m, x| m.max(x.abs()));
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max) / scale
}

#[wasm_bindgen_test]
async fn the_scans_run_on_webgpu_and_match_their_twins() {
    let ctx = match GpuContext::new().await {
        Ok(ctx) => ctx,
        Err(GpuError::NoAdapter(why)) => {
            console_log!("SKIPPED: the browser offers no WebGPU adapter ({why})");
            return;
        }
        Err(other) => panic!("WebGPU is present but unusable: {other}"),
    };
    console_log!("WebGPU adapter: {:?}", ctx.adapter());

    let (d, n, l) = (3, 4, 5000);
    let problem = ScanProblem {
        d_model: d,
        n_state: n,
        len: l,
        u: wave(d * l, 0.0),
        delta: wave(d * l, 1.0),
        a: (0..d * n).map(|i| -((i % n) as f32 + 1.0)).collect(),
        b: wave(n * l, 2.0),
        c: wave(n * l, 3.0),
        d_skip: Some(wave(d, 4.0)),
        z: Some(wave(d * l, 5.0)),
        delta_bias: Some(wave(d, 6.0)),
        delta_softplus: true,
        rule: BRule::Euler,
    };
    let kernel = ScanKernel::new(&ctx).await.expect("scan kernel");
    let job = kernel.upload(&ctx, &problem).await.expect("upload");
    kernel.compute(&ctx, &job).await.expect("compute");
    let gpu = kernel.read(&ctx, &job).await.expect("read back");
    let cpu = twin::selective_scan(&problem).expect("twin");
    let diff =
        max_scaled_diff(&gpu.y, &cpu.y).max(max_scaled_diff(&gpu.last_state, &cpu.last_state));
    console_log!("selective scan D={d} N={n} L={l}: max scaled difference {diff:e}");
    assert!(diff <= 1e-4, "{diff}");

    let prefix = PrefixSum::new(&ctx).await.expect("prefix-sum kernel");
    let values = wave(10_000, 0.5);
    let sums = prefix.run(&ctx, &values).await.expect("prefix sum");
    let diff = max_scaled_diff(&sums, &twin::prefix_sum(&values));
    console_log!("prefix sum of 10000: max scaled difference {diff:e}");
    assert!(diff <= 1e-4, "{diff}");
}
