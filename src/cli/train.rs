//! `mamba-explainer train`: trains the small Mamba LM of [`crate::lm`] on a seeded task and
//! prints JSON lines; `bench train-step` times its optimizer step. Flags are `--name value`.
//!
//! Defaults (the toy selective-copying setting): d_model 32, 2 layers, N 16, expand 2, d_conv 4,
//! context 64 + 4 markers, 4 tokens to memorize, 8 colours, batch 32, AdamW lr 3e-3, gated
//! block, 1000 steps, seed 0.

use crate::lm::{LayerKind, LmConfig, Params, Task, TaskKind, Trainer};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

const USAGE: &str = "usage: mamba-explainer train [--task selective-copying|induction-heads] \
    [--layer s6|s4] [--gate on|off] [--d-model D] [--layers K] [--state N] [--context L] \
    [--memorize M] [--colors C] [--steps S] [--batch B] [--lr LR] [--seed SEED] [--every E] \
    [--out FILE.safetensors]";

/// Every flag of `train` (and of `bench train-step`, with `repeat`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TrainArgs {
    task: Task,
    config: LmConfig,
    steps: usize,
    batch: usize,
    lr: f64,
    seed: u64,
    every: usize,
    out: Option<String>,
    repeat: usize,
}

fn parse(args: &[String], bench: bool) -> Result<TrainArgs, String> {
    let mut flags = BTreeMap::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let name = arg
            .strip_prefix("--")
            .ok_or_else(|| format!("unexpected argument {arg:?}; {USAGE}"))?;
        let value = rest.next().ok_or_else(|| format!("--{name} needs a value"))?;
        if flags.insert(name.to_owned(), value.clone()).is_some() {
            return Err(format!("--{name} is given twice"));
        }
    }
    let mut take = |name: &str| flags.remove(name);
    fn num<T: std::str::FromStr>(v: Option<String>, name: &str, default: T) -> Result<T, String> {
        v.map_or(Ok(default), |s| {
            s.parse().map_err(|_| format!("--{name} must be a number, got {s:?}"))
        })
    }
    let kind = match take("task").as_deref() {
        None | Some("selective-copying") => TaskKind::SelectiveCopying,
        Some("induction-heads") => TaskKind::InductionHeads,
        Some(o) => {
            return Err(format!("unknown --task {o:?}: selective-copying or induction-heads"));
        }
    };
    let layer = match take("layer").as_deref() {
        None | Some("s6") => LayerKind::S6,
        Some("s4") => LayerKind::S4,
        Some(o) => return Err(format!("unknown --layer {o:?}: s6 or s4")),
    };
    let gate = match take("gate").as_deref() {
        None | Some("on") => true,
        Some("off") => false,
        Some(o) => return Err(format!("--gate must be on or off, got {o:?}")),
    };
    let (default_context, default_colors) = match kind {
        TaskKind::SelectiveCopying => (64, 8),
        TaskKind::InductionHeads => (64, 16),
    };
    let task = Task {
        kind,
        context: num(take("context"), "context", default_context)?,
        memorize: num(take("memorize"), "memorize", 4)?,
        colors: num(take("colors"), "colors", default_colors)?,
    };
    let d_model: usize = num(take("d-model"), "d-model", 32)?;
    let config = LmConfig {
        vocab: task.vocab(),
        d_model,
        layers: num(take("layers"), "layers", 2)?,
        d_inner: 2 * d_model,
        d_state: num(take("state"), "state", 16)?,
        d_conv: 4,
        dt_rank: d_model.div_ceil(16).max(1),
        kind: layer,
        gate,
        tied: true,
    };
    let out = TrainArgs {
        task,
        config,
        steps: num(take("steps"), "steps", 1000)?,
        batch: num(take("batch"), "batch", 32)?,
        lr: num(take("lr"), "lr", 3e-3)?,
        seed: num(take("seed"), "seed", 0)?,
        every: num(take("every"), "every", 25)?,
        out: take("out"),
        repeat: if bench { num(take("repeat"), "repeat", 20)? } else { 0 },
    };
    if let Some(extra) = flags.keys().next() {
        return Err(format!("unknown flag --{extra}; {USAGE}"));
    }
    config.check().map_err(|e| e.0)?;
    let lr_ok = out.lr > 0.0 && out.lr < 1.0;
    if !lr_ok || out.batch == 0 || out.batch > 1024 || out.steps > 1_000_000 || out.every == 0 {
        return Err(format!(
            "need 0 < lr < 1, 1 ≤ batch ≤ 1024, steps ≤ 1e6 and every ≥ 1: {out:?}"
        ));
    }
    if task.seq_len() > 4096 {
        return Err(format!("sequences of {} tokens: at most 4096", task.seq_len()));
    }
    Ok(out)
}

fn trainer(a: &TrainArgs) -> Result<Trainer<f32>, String> {
    let t = Trainer::new(a.config, a.task, a.batch, a.lr, a.seed).map_err(|e| e.0)?;
    // One example checks the task's sizes (e.g. memorize ≤ context) before any long run.
    t.task.example(&mut crate::ssm::Rng::new(0)).map_err(|e| e.0)?;
    Ok(t)
}

/// Runs `train`: JSON lines as it goes, a final line, and the checkpoint if `--out` is given.
/// Returns the exit code.
pub(super) fn run(args: &[String]) -> u8 {
    let fail = |m: String| {
        let _ = writeln!(std::io::stdout(), "{}", json!({ "error": m }));
        2
    };
    let a = match parse(args, false) {
        Ok(a) => a,
        Err(m) => return fail(m),
    };
    let mut t = match trainer(&a) {
        Ok(t) => t,
        Err(m) => return fail(m),
    };
    let held_out = match a.task.held_out() {
        Ok(h) => h,
        Err(e) => return fail(e.0),
    };
    let start = Instant::now();
    let mut out = std::io::stdout().lock();
    for step in 1..=a.steps {
        let r = match t.step() {
            Ok(r) => r,
            Err(e) => return fail(e.0),
        };
        if step % a.every == 0 || step == 1 {
            let line = json!({"step": step, "loss": r.loss, "accuracy": r.accuracy, "elapsed_s": start.elapsed().as_secs_f64()});
            let _ = writeln!(out, "{line}");
        }
    }
    let eval = t.evaluate(&held_out);
    let last = json!({
        "final": true, "loss": eval.loss, "accuracy": eval.accuracy, "steps": a.steps,
        "elapsed_s": start.elapsed().as_secs_f64(), "params": a.config.parameter_count(),
        "layer": a.config.kind, "gate": a.config.gate, "task": a.task,
    });
    let _ = writeln!(out, "{last}");
    match &a.out {
        Some(path) => match save(&t.params, &a, path) {
            Ok(()) => 0,
            Err(m) => fail(m),
        },
        None => 0,
    }
}

/// Writes the weights as safetensors (f32, official names) and `<path without .safetensors>.json`
/// with the model's config and the task.
fn save(p: &Params<f32>, a: &TrainArgs, path: &str) -> Result<(), String> {
    use safetensors::{Dtype, tensor::TensorView};
    let shapes = p.config.shapes();
    let bytes: Vec<Vec<u8>> =
        p.tensors.iter().map(|t| t.iter().flat_map(|v| v.to_le_bytes()).collect()).collect();
    let views = shapes
        .iter()
        .zip(&bytes)
        .map(|((name, shape), b)| {
            TensorView::new(Dtype::F32, shape.clone(), b).map(|v| (name.clone(), v))
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot build the checkpoint: {e}"))?;
    let data = safetensors::serialize(views, None).map_err(|e| format!("cannot serialize: {e}"))?;
    std::fs::write(path, data).map_err(|e| format!("cannot write {path:?}: {e}"))?;
    let config_path = format!("{}.json", path.strip_suffix(".safetensors").unwrap_or(path));
    let config = json!({ "config": p.config, "task": a.task, "seed": a.seed, "steps": a.steps });
    std::fs::write(&config_path, format!("{config}\n"))
        .map_err(|e| format!("cannot write {config_path:?}: {e}"))
}

/// `bench train-step`: the median seconds of one optimizer step (after one warm-up step) over
/// `--repeat` steps, at the sizes `train` takes. Returns the JSON line.
pub(super) fn bench(args: &[String]) -> Result<String, String> {
    let a = parse(args, true)?;
    let mut t = trainer(&a)?;
    t.step().map_err(|e| e.0)?;
    let mut times = Vec::with_capacity(a.repeat);
    for _ in 0..a.repeat.max(1) {
        let start = Instant::now();
        t.step().map_err(|e| e.0)?;
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    Ok(json!({
        "bench": "train-step", "median_s": median, "repeat": times.len(), "batch": a.batch,
        "len": a.task.seq_len(), "params": a.config.parameter_count(), "layer": a.config.kind,
        "threads": rayon::current_num_threads(),
    })
    .to_string())
}
