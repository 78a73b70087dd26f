//! Criterion benchmarks of the LTI core: discretize + kernel + simulate at N ∈ {4, 64, 256},
//! L ∈ {256, 4096}, and the crossover between direct and FFT convolution.
//!
//! Run with `cargo bench --bench lti`. Sample sizes are small so that the whole run takes a
//! few minutes on a shared two-core machine.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mamba_explainer::ssm::{
    Continuous, Method, Step, View, convolve_direct, convolve_fft, discretize, kernel, simulate,
};
use nalgebra::DMatrix;
use std::hint::black_box;
use std::time::Duration;

/// A stable SISO system with N states: a LegS-like lower-triangular A (eigenvalues −1 … −N)
/// with a deterministic dense coupling, so that no path can exploit sparsity.
fn system(n: usize) -> Continuous {
    let a = DMatrix::from_fn(n, n, |i, k| {
        let r = ((2 * i + 1) as f64).sqrt() * ((2 * k + 1) as f64).sqrt();
        match i.cmp(&k) {
            std::cmp::Ordering::Greater => -r,
            std::cmp::Ordering::Equal => -((i + 1) as f64),
            std::cmp::Ordering::Less => 0.01 * (((i * 7 + k * 3) % 11) as f64 - 5.0),
        }
    });
    let b: Vec<f64> = (0..n).map(|i| ((2 * i + 1) as f64).sqrt()).collect();
    let c: Vec<f64> = (0..n).map(|i| ((i * 5 % 7) as f64 - 3.0) / n as f64).collect();
    Continuous::siso(a, &b, &c, 0.0).expect("a valid system")
}

fn signal(len: usize) -> Vec<f64> {
    (0..len).map(|k| (0.05 * k as f64).sin() + 0.3 * (0.31 * k as f64).cos()).collect()
}

fn views(c: &mut Criterion) {
    let step = Step::new(1.0 / 256.0).expect("a positive step");
    for n in [4, 64, 256] {
        let sys = system(n);
        let mut group = c.benchmark_group(format!("lti/N={n}"));
        group.bench_function("discretize zoh", |bench| {
            bench.iter(|| discretize(black_box(&sys), step, Method::Zoh).expect("zoh"))
        });
        group.bench_function("discretize bilinear", |bench| {
            bench.iter(|| discretize(black_box(&sys), step, Method::Bilinear).expect("bilinear"))
        });
        let d = discretize(&sys, step, Method::Zoh).expect("zoh");
        for len in [256, 4096] {
            let x = signal(len);
            group.bench_with_input(BenchmarkId::new("kernel", len), &len, |bench, &len| {
                bench.iter(|| kernel(black_box(&d), len).expect("kernel"))
            });
            for view in View::ALL {
                group.bench_with_input(
                    BenchmarkId::new(format!("simulate {view}"), len),
                    &x,
                    |bench, x| bench.iter(|| simulate(black_box(&d), x, view).expect("simulate")),
                );
            }
        }
        group.finish();
    }
}

fn crossover(c: &mut Criterion) {
    let mut group = c.benchmark_group("lti/convolution");
    for len in [16, 64, 128, 256, 512, 1024, 4096] {
        let (k, x) = (signal(len), signal(len));
        group.bench_with_input(BenchmarkId::new("direct", len), &len, |bench, _| {
            bench.iter(|| convolve_direct(black_box(&k), black_box(&x)).expect("direct"))
        });
        group.bench_with_input(BenchmarkId::new("fft", len), &len, |bench, _| {
            bench.iter(|| convolve_fft(black_box(&k), black_box(&x)).expect("fft"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    targets = views, crossover
}
criterion_main!(benches);
