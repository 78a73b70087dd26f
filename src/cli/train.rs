//! `mamba-explainer train`: trains the small Mamba LM of [`crate::lm`] on a seeded task and
//! prints JSON lines; `bench train-step` times its optimizer step. `train --help` lists the flags.
//!
//! Defaults (the toy selective-copying setting): d_model 32, 2 layers, N 16, expand 2, d_conv 4,
//! context 64 + 4 markers, 4 tokens to memorize, 8 colours, batch 32, AdamW lr 3e-3, gated
//! block, 1000 steps, seed 0.

use crate::lm::shipped::History;
use crate::lm::{LayerKind, LmConfig, Params, Task, TaskKind, Trainer};
use serde_json::json;
use std::io::Write;
use std::time::Instant;

/// A task of `train`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum TaskFlag {
    SelectiveCopying,
    InductionHeads,
}

/// A layer of `train`: S6 (selective) or its S4 (time-invariant) twin.
#[derive(Clone, Copy, clap::ValueEnum)]
enum LayerFlag {
    S6,
    S4,
}

/// On or off.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Switch {
    On,
    Off,
}

/// The flags of `train` (and of `bench train-step`).
#[derive(clap::Args)]
pub(super) struct TrainFlags {
    /// The task: selective copying or induction heads.
    #[arg(long, value_enum, default_value = "selective-copying")]
    task: TaskFlag,
    /// The sequence layer: s6 (Mamba's selective SSM) or s4 (Δ, B, C independent of the input).
    #[arg(long, value_enum, default_value = "s6")]
    layer: LayerFlag,
    /// The gate SiLU(z) of the Mamba block.
    #[arg(long, value_enum, default_value = "on")]
    gate: Switch,
    /// Model width d_model (d_inner = 2·d_model).
    #[arg(long, default_value_t = 32)]
    d_model: usize,
    /// Layers.
    #[arg(long, default_value_t = 2)]
    layers: usize,
    /// States per channel N.
    #[arg(long, default_value_t = 16)]
    state: usize,
    /// Context length (default 64).
    #[arg(long)]
    context: Option<usize>,
    /// Tokens to memorize.
    #[arg(long, default_value_t = 4)]
    memorize: usize,
    /// Colours (default 8 for selective copying, 16 for induction heads).
    #[arg(long)]
    colors: Option<usize>,
    /// Optimizer steps.
    #[arg(long, default_value_t = 1000)]
    steps: usize,
    /// Sequences per step.
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// AdamW learning rate.
    #[arg(long, default_value_t = 3e-3)]
    lr: f64,
    /// Seed of the initial weights and the training data (the held-out set does not depend on it).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Print a progress line every this many steps (with --out, the held-out accuracy for the
    /// stored history is measured as often).
    #[arg(long, default_value_t = 25)]
    every: usize,
    /// Write the trained weights here (safetensors, official names) and a JSON config beside it.
    #[arg(long)]
    out: Option<String>,
}

/// Every setting of `train` (and of `bench train-step`, with `repeat`), checked.
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

impl TrainFlags {
    /// The checked settings; `repeat` is the bench's (0 for `train`).
    pub(super) fn checked(self, repeat: usize) -> Result<TrainArgs, String> {
        let kind = match self.task {
            TaskFlag::SelectiveCopying => TaskKind::SelectiveCopying,
            TaskFlag::InductionHeads => TaskKind::InductionHeads,
        };
        let (default_context, default_colors) = match kind {
            TaskKind::SelectiveCopying => (64, 8),
            TaskKind::InductionHeads => (64, 16),
        };
        let task = Task {
            kind,
            context: self.context.unwrap_or(default_context),
            memorize: self.memorize,
            colors: self.colors.unwrap_or(default_colors),
        };
        let config = LmConfig {
            vocab: task.vocab(),
            d_model: self.d_model,
            layers: self.layers,
            d_inner: 2 * self.d_model,
            d_state: self.state,
            d_conv: 4,
            dt_rank: self.d_model.div_ceil(16).max(1),
            kind: match self.layer {
                LayerFlag::S6 => LayerKind::S6,
                LayerFlag::S4 => LayerKind::S4,
            },
            gate: matches!(self.gate, Switch::On),
            tied: true,
        };
        let out = TrainArgs {
            task,
            config,
            steps: self.steps,
            batch: self.batch,
            lr: self.lr,
            seed: self.seed,
            every: self.every,
            out: self.out,
            repeat,
        };
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
}

fn trainer(a: &TrainArgs) -> Result<Trainer<f32>, String> {
    let t = Trainer::new(a.config, a.task, a.batch, a.lr, a.seed).map_err(|e| e.0)?;
    // One example checks the task's sizes (e.g. memorize ≤ context) before any long run.
    t.task.example(&mut crate::ssm::Rng::new(0)).map_err(|e| e.0)?;
    Ok(t)
}

impl TrainFlags {
    /// Runs `train`: progress lines printed as it goes; returns the final line (or the error)
    /// and the exit code.
    pub(super) fn run(self) -> (String, u8) {
        match self.checked(0).and_then(|a| train(&a)) {
            Ok(last) => (last, 0),
            Err(m) => (super::error_body(&m), 2),
        }
    }
}

/// Trains, printing a JSON line every `every` steps; returns the final line after writing the
/// checkpoint and its history (every step's loss, the held-out accuracy every `every` steps) if
/// `--out` is given.
fn train(a: &TrainArgs) -> Result<String, String> {
    let mut t = trainer(a)?;
    let held_out = a.task.held_out().map_err(|e| e.0)?;
    let mut history = History::default();
    let check = |t: &Trainer<f32>, step: usize, h: &mut History| {
        if a.out.is_some() {
            h.held_out.push((step as f64, t.evaluate(&held_out).accuracy));
        }
    };
    check(&t, 0, &mut history);
    let start = Instant::now();
    let mut out = std::io::stdout().lock();
    for step in 1..=a.steps {
        let r = t.step().map_err(|e| e.0)?;
        history.loss.push((step as f64, r.loss));
        if step % a.every == 0 || step == 1 {
            let line = json!({"step": step, "loss": r.loss, "accuracy": r.accuracy, "elapsed_s": start.elapsed().as_secs_f64()});
            let _ = writeln!(out, "{line}");
        }
        if step % a.every == 0 && step < a.steps {
            check(&t, step, &mut history);
        }
    }
    let elapsed_s = start.elapsed().as_secs_f64();
    let eval = t.evaluate(&held_out);
    history.held_out.push((a.steps as f64, eval.accuracy));
    let last = json!({
        "final": true, "loss": eval.loss, "accuracy": eval.accuracy, "steps": a.steps,
        "elapsed_s": elapsed_s, "params": a.config.parameter_count(),
        "layer": a.config.kind, "gate": a.config.gate, "task": a.task,
    });
    if let Some(path) = &a.out {
        save(&t.params, a, &history, path)?;
    }
    Ok(last.to_string())
}

/// Writes the weights as safetensors (f32, official names) and `<path without .safetensors>.json`
/// with the model's config, the task and the run's history.
fn save(p: &Params<f32>, a: &TrainArgs, history: &History, path: &str) -> Result<(), String> {
    let data = crate::lm::checkpoint::encode(p).map_err(|e| e.0)?;
    std::fs::write(path, data).map_err(|e| format!("cannot write {path:?}: {e}"))?;
    let config_path = format!("{}.json", path.strip_suffix(".safetensors").unwrap_or(path));
    // Losses to 4 significant digits: the curves need no more, and the page ships this file.
    let round = |v: f64| format!("{v:.3e}").parse::<f64>().unwrap_or(v);
    let loss: Vec<(f64, f64)> = history.loss.iter().map(|&(s, l)| (s, round(l))).collect();
    let config = json!({
        "config": p.config, "task": a.task, "seed": a.seed, "steps": a.steps,
        "batch": a.batch, "lr": a.lr,
        "history": { "loss": loss, "held_out": history.held_out },
    });
    std::fs::write(&config_path, format!("{config}\n"))
        .map_err(|e| format!("cannot write {config_path:?}: {e}"))
}

/// `bench train-step`: the median seconds of one optimizer step (after one warm-up step) over
/// `--repeat` steps, at the sizes `train` takes. Returns the JSON line.
pub(super) fn bench(flags: TrainFlags, repeat: usize) -> Result<String, String> {
    let a = flags.checked(repeat)?;
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
