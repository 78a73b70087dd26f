//! The training tasks as (tokens, targets) pairs, seeded: selective copying and induction heads
//! (Mamba paper §3.1 and §4.1.2, scaled down), built on the generators of [`crate::ssm`].
//! Targets are −100 (ignored) everywhere but the answer positions.

use super::params::LmError;
use crate::ssm::Rng;
use crate::ssm::tasks::{induction_heads, selective_copying};
use serde::{Deserialize, Serialize};

/// Which task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskKind {
    /// Copy the coloured tokens, in order, at the markers after a noisy context.
    SelectiveCopying,
    /// After the trigger appears again at the end, output the token that followed its first
    /// appearance.
    InductionHeads,
}

/// A task setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Which task.
    pub kind: TaskKind,
    /// Context length: the noisy part for selective copying, the whole sequence for induction.
    pub context: usize,
    /// Tokens to memorize (selective copying; 1 for induction heads).
    pub memorize: usize,
    /// Colours (selective copying) or ordinary tokens (induction heads).
    pub colors: usize,
}

/// A batch of sequences of equal length with their targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Token ids, one sequence per entry.
    pub tokens: Vec<Vec<usize>>,
    /// Targets, −100 where not scored.
    pub targets: Vec<Vec<i64>>,
}

/// The seed of every held-out set: fixed, so the set depends on the task setting only.
const HELD_OUT_SEED: u64 = 0x4845_4c44_4f55_5421;

/// The size of the held-out set.
pub const HELD_OUT: usize = 512;

impl Task {
    /// The vocabulary size the model needs: noise, colours and marker for selective copying;
    /// an unused 0, the ordinary tokens and the trigger for induction heads.
    pub fn vocab(&self) -> usize {
        match self.kind {
            TaskKind::SelectiveCopying => self.colors + 2,
            TaskKind::InductionHeads => self.colors + 1,
        }
    }

    /// The sequence length.
    pub fn seq_len(&self) -> usize {
        match self.kind {
            TaskKind::SelectiveCopying => self.context + self.memorize,
            TaskKind::InductionHeads => self.context,
        }
    }

    /// One example from `rng`.
    pub fn example(&self, rng: &mut Rng) -> Result<(Vec<usize>, Vec<i64>), LmError> {
        let err = |e: crate::ssm::SsmError| LmError(e.to_string());
        let mut targets = vec![-100i64; self.seq_len()];
        match self.kind {
            TaskKind::SelectiveCopying => {
                let ex = selective_copying(self.context, self.memorize, self.colors, rng)
                    .map_err(err)?;
                // The marker at context + j asks for the j-th data token.
                for (j, &t) in ex.targets.iter().enumerate() {
                    targets[self.context + j] = t as i64;
                }
                Ok((ex.tokens, targets))
            }
            TaskKind::InductionHeads => {
                let ex = induction_heads(self.context, self.colors, rng).map_err(err)?;
                targets[self.context - 1] = ex.target as i64;
                Ok((ex.tokens, targets))
            }
        }
    }

    /// `size` examples from `rng`.
    pub fn batch(&self, size: usize, rng: &mut Rng) -> Result<Batch, LmError> {
        let (tokens, targets) = (0..size)
            .map(|_| self.example(rng))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .unzip();
        Ok(Batch { tokens, targets })
    }

    /// The fixed held-out set of [`HELD_OUT`] examples, drawn from a seed of its own.
    pub fn held_out(&self) -> Result<Batch, LmError> {
        self.batch(HELD_OUT, &mut Rng::new(HELD_OUT_SEED))
    }
}
