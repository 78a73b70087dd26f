//! The trained checkpoints shipped with the site: the default settings of `mamba-explainer train`
//! (and of `#/train`), S6 and S4, each trained for [`SHIPPED_STEPS`] steps with seed 0 by
//! `tools/train-checkpoints.sh`, which records the command and the held-out accuracies in
//! `static/checkpoints/README.md`. Beside each file, `<layer>.json` keeps the run's config and
//! its [`History`], so the page draws the shipped run's curves before anything trains.

use super::params::{LayerKind, LmConfig};
use super::protocol::Settings;
use super::tasks::{Task, TaskKind};
use serde::{Deserialize, Serialize};

/// A training run's curves, as `train --out` stores them in the JSON beside the checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// (step, batch loss) of every step.
    pub loss: Vec<(f64, f64)>,
    /// (step, held-out accuracy) from step 0, every `--every` steps and at the end.
    pub held_out: Vec<(f64, f64)>,
}

/// Steps the shipped checkpoints were trained for.
pub const SHIPPED_STEPS: usize = 1000;

/// The settings the checkpoints were trained with, for a model of `kind` (gated block).
pub fn default_settings(kind: LayerKind) -> Settings {
    let task = Task { kind: TaskKind::SelectiveCopying, context: 64, memorize: 4, colors: 8 };
    let config = LmConfig {
        vocab: task.vocab(),
        d_model: 32,
        layers: 2,
        d_inner: 64,
        d_state: 16,
        d_conv: 4,
        dt_rank: 2,
        kind,
        gate: true,
        tied: true,
    };
    Settings { task, config, batch: 32, lr: 3e-3, seed: 0 }
}

/// The shipped checkpoint for `settings`, if there is one.
pub fn shipped(settings: &Settings) -> Option<&'static [u8]> {
    let kind = settings.config.kind;
    if *settings != default_settings(kind) {
        return None;
    }
    Some(match kind {
        LayerKind::S6 => include_bytes!("../../static/checkpoints/s6.safetensors"),
        LayerKind::S4 => include_bytes!("../../static/checkpoints/s4.safetensors"),
    })
}

/// The history of the shipped run of `kind` (read from the JSON `train` wrote beside it).
pub fn history(kind: LayerKind) -> Option<History> {
    #[derive(Deserialize)]
    struct Stored {
        history: History,
    }
    let text = match kind {
        LayerKind::S6 => include_str!("../../static/checkpoints/s6.json"),
        LayerKind::S4 => include_str!("../../static/checkpoints/s4.json"),
    };
    serde_json::from_str::<Stored>(text).ok().map(|s| s.history)
}

/// Seconds per optimizer step of native code, one thread, for S4 and S6 at the default settings:
/// `bench train-step` as `tools/train-checkpoints.sh` ran it when it made the checkpoints.
pub fn native_step_seconds() -> Option<[f64; 2]> {
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../../static/checkpoints/bench.json")).ok()?;
    let at = |k: &str| v[k]["median_s"].as_f64().filter(|s| *s > 0.0);
    Some([at("s4")?, at("s6")?])
}
