//! Criterion benchmarks of the selective scan (every algorithm, one and all threads) and of the
//! generic scans, with short measurement times. `cargo bench --bench selective`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mamba_explainer::ssm::{
    BRule, Rng, ScanAlgorithm, ScanDims, SelectiveScanInput, SsmPair, inclusive_scan,
    selective_scan,
};
use std::hint::black_box;
use std::time::Duration;

fn selective(c: &mut Criterion) {
    let mut group = c.benchmark_group("selective_scan");
    group.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(300));
    group.sample_size(10);
    let dims = ScanDims { d: 64, n: 16, l: 1024 };
    let input = SelectiveScanInput::random(dims, &mut Rng::new(1));
    group.throughput(Throughput::Elements((dims.d * dims.n * dims.l) as u64));
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    for algorithm in ScanAlgorithm::ALL {
        for rule in [BRule::Euler, BRule::Zoh] {
            let id = BenchmarkId::new(format!("{}/{rule:?}", algorithm.name()), "64x16x1024");
            group.bench_function(id, |b| {
                b.iter(|| selective_scan(black_box(&input), rule, algorithm).unwrap())
            });
        }
        let id = BenchmarkId::new(format!("{}/Euler/1-thread", algorithm.name()), "64x16x1024");
        group.bench_function(id, |b| {
            one_thread.install(|| {
                b.iter(|| selective_scan(black_box(&input), BRule::Euler, algorithm).unwrap())
            })
        });
    }
    group.finish();
}

fn generic_scans(c: &mut Criterion) {
    let mut group = c.benchmark_group("scan_ssm_pairs");
    group.measurement_time(Duration::from_secs(1)).warm_up_time(Duration::from_millis(200));
    let mut rng = Rng::new(2);
    let pairs: Vec<SsmPair> =
        (0..4096).map(|_| SsmPair { a: rng.uniform_in(0.5, 1.0), b: rng.normal() }).collect();
    group.throughput(Throughput::Elements(pairs.len() as u64));
    for algorithm in ScanAlgorithm::ALL {
        group.bench_function(algorithm.name(), |b| {
            b.iter(|| inclusive_scan(black_box(&pairs), algorithm))
        });
    }
    group.finish();
}

criterion_group!(benches, selective, generic_scans);
criterion_main!(benches);
