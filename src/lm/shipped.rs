//! The trained checkpoints shipped with the site: the default settings of `mamba-explainer train`
//! (and of `#/train`), S6 and S4, each trained for [`SHIPPED_STEPS`] steps with seed 0 by
//! `tools/train-checkpoints.sh`, which records the command and the held-out accuracies in
//! `static/checkpoints/README.md`.

use super::params::{LayerKind, LmConfig};
use super::protocol::Settings;
use super::tasks::{Task, TaskKind};

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
