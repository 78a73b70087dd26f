//! The messages between the page and a training worker, as JSON text: the page sends a
//! [`Request`], the worker answers with [`Reply`]s. Pure data, so both ends and the tests share
//! one definition; a message that does not parse becomes [`Reply::Error`], never a panic.

use super::params::LmConfig;
use super::tasks::Task;
use super::train::StepReport;
use serde::{Deserialize, Serialize};

/// Everything a worker needs to build its model and data stream.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The task setting.
    pub task: Task,
    /// The model's sizes and kind (S6 or its S4 twin).
    pub config: LmConfig,
    /// Sequences per step.
    pub batch: usize,
    /// AdamW learning rate.
    pub lr: f64,
    /// Seed of the weights and the training data.
    pub seed: u64,
}

/// What the page asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Request {
    /// Build the model: from the seed, or from the shipped checkpoint when `shipped` and one
    /// exists for these settings. Answered by [`Reply::Ready`].
    Init {
        /// The settings.
        settings: Settings,
        /// Start from the shipped, trained checkpoint.
        shipped: bool,
    },
    /// Take `n` optimizer steps. Answered by [`Reply::Progress`].
    Step {
        /// Steps to take (1 for the Step button).
        n: usize,
    },
    /// Measure on the held-out set. Answered by [`Reply::Snapshot`].
    Checkpoint,
    /// The current weights as safetensors. Answered by [`Reply::Weights`].
    Export,
    /// Replace the weights by a checkpoint file's. Answered by [`Reply::Ready`], or by
    /// [`Reply::Error`] with the model kept.
    Load {
        /// The file's bytes.
        bytes: Vec<u8>,
    },
}

/// One example of the held-out set with the model's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The tokens.
    pub tokens: Vec<usize>,
    /// The targets, −100 where nothing is scored.
    pub targets: Vec<i64>,
    /// The model's most likely next token at every position.
    pub predicted: Vec<usize>,
}

/// What the model has learned, measured at one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Steps taken.
    pub step: usize,
    /// Loss and accuracy on the answer positions of the held-out set.
    pub held_out: StepReport,
    /// The first held-out example and the model's answers.
    pub example: Example,
    /// Δ of the first block over that example, (L, d_inner) time-major.
    pub delta: Vec<f64>,
    /// The first block's −A = exp(A_log), (d_inner, N) row-major: the learned decay rates.
    pub neg_a: Vec<f64>,
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Reply {
    /// The worker has started and listens (its first message).
    Started,
    /// A model is built or loaded.
    Ready {
        /// Steps already taken (the shipped checkpoint's, or 0).
        step: usize,
        /// Trained values.
        params: usize,
        /// Whether it is the shipped, trained checkpoint.
        shipped: bool,
    },
    /// Steps were taken.
    Progress {
        /// Steps taken in all.
        step: usize,
        /// The batch loss of each step just taken, in order.
        losses: Vec<f64>,
        /// The batch accuracy of the last step.
        accuracy: f64,
    },
    /// A held-out measurement.
    Snapshot(Snapshot),
    /// The weights as safetensors.
    Weights {
        /// The file's bytes.
        bytes: Vec<u8>,
    },
    /// A request failed; the model (if any) is unchanged.
    Error {
        /// What went wrong, in words.
        message: String,
    },
}

impl Request {
    /// The request in `text`, or a message saying why it is not one.
    pub fn parse(text: &str) -> Result<Request, String> {
        serde_json::from_str(text).map_err(|e| format!("not a training request: {e}"))
    }

    /// The request as JSON text.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Reply {
    /// The reply in `text`, or an error reply saying why it is not one.
    pub fn parse(text: &str) -> Reply {
        serde_json::from_str(text).unwrap_or_else(|e| Reply::Error {
            message: format!("the worker sent something unreadable: {e}"),
        })
    }

    /// The reply as JSON text.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
