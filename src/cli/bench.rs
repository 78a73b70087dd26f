//! `mamba-explainer bench`: times the core on seeded random inputs and prints one JSON line.
//!
//! `bench selective-scan --d D --n N --l L --algorithm A --repeat R [--threads T] [--seed S]`
//! (flags read by clap; `bench --help` lists them) runs the official (Euler) selective scan R times after one warm-up run and reports the median
//! wall time and D·N·L state updates per second. `--threads 1` is the single-threaded path that
//! the browser build runs; without `--threads`, rayon uses every core. `--algorithm gpu` runs the
//! WGSL kernel instead (built once, before the warm-up) and adds the medians of its phases,
//! `upload_s`, `compute_s` and `readback_s`, and the adapter it ran on.

use super::error_body;
use super::eval::selective::selective_by_name;
use super::gpu::GpuRunner;
use crate::ssm::{Rng, ScanDims, SelectiveScanInput};
use clap::value_parser;
use serde_json::json;
use std::time::Instant;

/// Most repetitions and threads accepted (beyond them a run is a mistake, not a benchmark).
const MAX_REPEAT: u64 = 10_000;
const MAX_THREADS: u64 = 1024;

/// `bench`: which benchmark to run.
#[derive(clap::Args)]
pub(super) struct BenchArgs {
    #[command(subcommand)]
    benchmark: Option<Benchmark>,
}

/// The benchmarks, one variant each.
#[derive(clap::Subcommand)]
enum Benchmark {
    /// The official (Euler) selective scan on seeded random inputs: median wall time and D·N·L
    /// state updates per second.
    SelectiveScan(ScanFlags),
    /// One optimizer step of `train` at its sizes: the median seconds over `--repeat` steps.
    TrainStep(TrainStepFlags),
}

/// The flags of `bench train-step`: those of `train`, and the repetitions.
#[derive(clap::Args)]
struct TrainStepFlags {
    #[command(flatten)]
    train: super::train::TrainFlags,
    /// Timed steps after one warm-up step.
    #[arg(long, default_value_t = 20, value_parser = value_parser!(u64).range(1..=MAX_REPEAT))]
    repeat: u64,
}

/// The flags of `bench selective-scan`.
#[derive(clap::Args)]
struct ScanFlags {
    /// Channels D.
    #[arg(long, value_parser = value_parser!(u64).range(1..), allow_negative_numbers = true)]
    d: u64,
    /// States per channel N.
    #[arg(long, value_parser = value_parser!(u64).range(1..), allow_negative_numbers = true)]
    n: u64,
    /// Sequence length L.
    #[arg(long, value_parser = value_parser!(u64).range(1..), allow_negative_numbers = true)]
    l: u64,
    /// sequential, blelloch, hillis_steele, or gpu (the WGSL kernel, with upload, compute and
    /// readback times).
    #[arg(long, default_value = "sequential")]
    algorithm: String,
    /// Timed runs after one warm-up run.
    #[arg(long, default_value_t = 5, allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(1..=MAX_REPEAT))]
    repeat: u64,
    /// Rayon threads (1: the single-threaded path of the browser build); default: every core.
    #[arg(long, allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(1..=MAX_THREADS))]
    threads: Option<u64>,
    /// Seed of the random inputs.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

impl BenchArgs {
    /// Runs the benchmark: the JSON line and the exit code.
    pub(super) fn run(self) -> (String, u8) {
        let result = match self.benchmark {
            Some(Benchmark::SelectiveScan(flags)) => bench(flags),
            Some(Benchmark::TrainStep(flags)) => {
                super::train::bench(flags.train, usize::try_from(flags.repeat).unwrap_or(1))
            }
            None => Err("name a benchmark: selective-scan or train-step (see bench --help)".into()),
        };
        match result {
            Ok(line) => (line, 0),
            Err(message) => (error_body(&message), 2),
        }
    }
}

fn bench(flags: ScanFlags) -> Result<String, String> {
    let size = |x: u64| usize::try_from(x).unwrap_or(usize::MAX);
    let dims = ScanDims { d: size(flags.d), n: size(flags.n), l: size(flags.l) };
    let ScanFlags { algorithm, seed, .. } = flags;
    let repeat = size(flags.repeat);
    let threads = flags.threads.map(size);
    // Refuse absurd sizes before allocating the inputs.
    let dims = dims.check().map_err(|e| e.to_string())?;
    // One run must fit the budget of `eval` (the repetitions only take longer).
    super::eval::selective::scan_cost(dims.d, dims.n, dims.l, &algorithm).check()?;
    let input = SelectiveScanInput::random(dims, &mut Rng::new(seed));
    let updates = (dims.d * dims.n * dims.l) as f64;
    let mut line = json!({
        "op": "selective_scan",
        "d": dims.d,
        "n": dims.n,
        "l": dims.l,
        "algorithm": algorithm,
        "repeat": repeat,
    });
    if algorithm == "gpu" {
        if threads.is_some() {
            return Err("--threads applies to the CPU algorithms, not to --algorithm gpu".into());
        }
        let gpu = GpuRunner::new()?;
        gpu.run(&input)?; // warm-up: the first run also compiles the shaders for the device
        let mut runs = Vec::with_capacity(repeat);
        for _ in 0..repeat {
            let (out, times) = gpu.run(&input)?;
            std::hint::black_box(out);
            runs.push(times);
        }
        let phase = |f: fn(&super::gpu::PhaseTimes) -> f64| median(runs.iter().map(f).collect());
        let total = phase(|t| t.upload + t.compute + t.readback);
        let adapter = gpu.adapter();
        line["threads"] = json!(null);
        line["median_s"] = json!(total);
        line["updates_per_s"] = json!(updates / total);
        line["upload_s"] = json!(phase(|t| t.upload));
        line["compute_s"] = json!(phase(|t| t.compute));
        line["readback_s"] = json!(phase(|t| t.readback));
        line["adapter"] = json!(adapter.name);
        line["backend"] = json!(adapter.backend);
        line["software_adapter"] = json!(adapter.is_software);
        return Ok(line.to_string());
    }
    let time_all = || -> Result<(f64, usize), String> {
        selective_by_name(&input, &algorithm)?; // warm-up, and the check of the name
        let mut seconds = Vec::with_capacity(repeat);
        for _ in 0..repeat {
            let start = Instant::now();
            let out = selective_by_name(&input, &algorithm)?;
            seconds.push(start.elapsed().as_secs_f64());
            std::hint::black_box(out);
        }
        Ok((median(seconds), rayon::current_num_threads()))
    };
    let (median, threads) = match threads {
        None => time_all()?,
        Some(count) => rayon::ThreadPoolBuilder::new()
            .num_threads(count)
            .build()
            .map_err(|e| format!("cannot start {count} threads: {e}"))?
            .install(time_all)?,
    };
    line["threads"] = json!(threads);
    line["median_s"] = json!(median);
    line["updates_per_s"] = json!(updates / median);
    Ok(line.to_string())
}

/// The median of at least one time.
fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    let half = seconds.len() / 2;
    if seconds.len() % 2 == 1 { seconds[half] } else { 0.5 * (seconds[half - 1] + seconds[half]) }
}
