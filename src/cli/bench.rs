//! `mamba-explainer bench`: times the core on seeded random inputs and prints one JSON line.
//!
//! `bench selective-scan --d D --n N --l L --algorithm A --repeat R [--threads T] [--seed S]`
//! runs the official (Euler) selective scan R times after one warm-up run and reports the median
//! wall time and D·N·L state updates per second. `--threads 1` is the single-threaded path that
//! the browser build runs; without `--threads`, rayon uses every core. `--algorithm gpu` runs the
//! WGSL kernel instead (built once, before the warm-up) and adds the medians of its phases,
//! `upload_s`, `compute_s` and `readback_s`, and the adapter it ran on.

use super::eval::selective::selective_by_name;
use super::gpu::GpuRunner;
use crate::ssm::{Rng, ScanDims, SelectiveScanInput};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Instant;

const USAGE: &str = "usage: mamba-explainer bench selective-scan --d D --n N --l L \
                     [--algorithm sequential|blelloch|hillis_steele|gpu] [--repeat R] [--threads T] \
                     [--seed S]";

/// Most repetitions and threads accepted (beyond them a run is a mistake, not a benchmark).
const MAX_REPEAT: usize = 10_000;
const MAX_THREADS: usize = 1024;

/// `--name value` and `--name=value` flags, consumed one by one.
struct Flags(BTreeMap<String, String>);

impl Flags {
    fn parse(args: &[String]) -> Result<Flags, String> {
        let mut flags = BTreeMap::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let Some(flag) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument {arg:?}; {USAGE}"));
            };
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => {
                    let value = rest.next().ok_or_else(|| format!("--{flag} needs a value"))?;
                    (flag.to_owned(), value.clone())
                }
            };
            if flags.insert(name.clone(), value).is_some() {
                return Err(format!("--{name} is given twice"));
            }
        }
        Ok(Flags(flags))
    }

    /// A whole number in 1..=max; `default` when absent (an error if there is none).
    fn count(&mut self, name: &str, default: Option<usize>, max: usize) -> Result<usize, String> {
        let Some(text) = self.0.remove(name) else {
            return default.ok_or_else(|| format!("--{name} is required; {USAGE}"));
        };
        match text.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(format!("--{name} must be a whole number from 1 to {max}, got {text:?}")),
        }
    }

    /// Refuses flags nobody asked for.
    fn finish(self) -> Result<(), String> {
        match self.0.keys().next() {
            Some(name) => Err(format!("unknown flag --{name}; {USAGE}")),
            None => Ok(()),
        }
    }
}

/// Runs `bench` with the arguments after the word `bench`: the JSON line and the exit code.
pub(super) fn run(args: &[String]) -> (String, u8) {
    match bench(args) {
        Ok(line) => (line, 0),
        Err(message) => (json!({ "error": message }).to_string(), 2),
    }
}

fn bench(args: &[String]) -> Result<String, String> {
    match args.first().map(String::as_str) {
        Some("selective-scan") => {}
        Some("train-step") => return super::train::bench(&args[1..]),
        Some(other) => return Err(format!("unknown benchmark {other:?}; {USAGE}")),
        None => return Err(format!("name a benchmark; {USAGE}")),
    }
    let mut flags = Flags::parse(&args[1..])?;
    let dims = ScanDims {
        d: flags.count("d", None, usize::MAX)?,
        n: flags.count("n", None, usize::MAX)?,
        l: flags.count("l", None, usize::MAX)?,
    };
    let algorithm = flags.0.remove("algorithm").unwrap_or_else(|| "sequential".into());
    let repeat = flags.count("repeat", Some(5), MAX_REPEAT)?;
    let threads = if flags.0.contains_key("threads") {
        Some(flags.count("threads", None, MAX_THREADS)?)
    } else {
        None
    };
    let seed = flags.count("seed", Some(1), usize::MAX)? as u64;
    flags.finish()?;
    // Refuse absurd sizes before allocating the inputs.
    let dims = dims.check().map_err(|e| e.to_string())?;
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
