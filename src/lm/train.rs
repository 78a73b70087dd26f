//! The training loop: batches from a seeded task, gradients summed over the batch (rayon threads
//! natively, one loop on wasm32), AdamW. Time is measured by the caller, so this runs anywhere.

use super::model::sequence_grad;
use super::params::{LmConfig, LmError, Params};
use super::tasks::{Batch, Task};
use super::{AdamW, Real};
use crate::ssm::Rng;
use crate::ssm::parallel::map_indices;
use serde::{Deserialize, Serialize};

/// What one step (or an evaluation) measured on answer positions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    /// Mean cross-entropy over the scored positions.
    pub loss: f64,
    /// Fraction of scored positions whose argmax logit is the target.
    pub accuracy: f64,
}

/// A model, its optimizer and its data stream.
#[derive(Debug, Clone)]
pub struct Trainer<F> {
    /// The weights.
    pub params: Params<F>,
    /// The optimizer.
    pub opt: AdamW<F>,
    /// The task.
    pub task: Task,
    /// Sequences per step.
    pub batch: usize,
    /// Steps taken.
    pub steps: usize,
    rng: Rng,
}

/// Loss sum, kept count, correct count and gradient of one sequence.
type Part<F> = (f64, usize, usize, Option<Params<F>>);

fn correct<F: Real>(logits: &[F], targets: &[i64], vocab: usize) -> usize {
    let argmax =
        |row: &[F]| (0..vocab).fold(0, |best, j| if row[j] > row[best] { j } else { best });
    logits
        .chunks_exact(vocab)
        .zip(targets)
        .filter(|&(row, &t)| t != -100 && argmax(row) as i64 == t)
        .count()
}

/// Loss and accuracy of `p` on a batch, and the batch gradient of the mean loss when `grad`.
pub fn run_batch<F: Real>(
    p: &Params<F>,
    batch: &Batch,
    grad: bool,
) -> (StepReport, Option<Params<F>>) {
    let kept: usize = batch.targets.iter().map(|t| t.iter().filter(|&&v| v != -100).count()).sum();
    let scale = 1.0 / kept.max(1) as f64;
    let parts: Vec<Part<F>> = map_indices(batch.tokens.len(), |i| {
        let mut g = Params::zeros(p.config);
        let targets = &batch.targets[i];
        // Each sequence's mean is over its own kept targets; weigh it by its share of the batch.
        let share = targets.iter().filter(|&&v| v != -100).count() as f64 * scale;
        let (loss, kept, cache) = if grad {
            sequence_grad(p, &batch.tokens[i], targets, share, &mut g)
        } else {
            let cache = super::model::forward(p, &batch.tokens[i]);
            let (loss, kept, _) =
                super::ops::cross_entropy(&cache.logits, targets, p.config.vocab, 0.0);
            (loss, kept, cache)
        };
        (loss, kept, correct(&cache.logits, targets, p.config.vocab), grad.then_some(g))
    });
    let mut total = Params::zeros(p.config);
    let (mut loss, mut right) = (0.0, 0);
    for (l, _, c, g) in parts {
        loss += l;
        right += c;
        if let Some(g) = g {
            for (t, gt) in total.tensors.iter_mut().zip(g.tensors) {
                t.iter_mut().zip(gt).for_each(|(a, b)| *a += b);
            }
        }
    }
    let report = StepReport { loss: loss * scale, accuracy: right as f64 * scale };
    (report, grad.then_some(total))
}

impl<F: Real> Trainer<F> {
    /// A model initialised from `seed` for `task`, and its optimizer; the data stream has its own
    /// seed derived from `seed`.
    pub fn new(
        config: LmConfig,
        task: Task,
        batch: usize,
        lr: f64,
        seed: u64,
    ) -> Result<Trainer<F>, LmError> {
        if config.vocab != task.vocab() {
            return Err(LmError(format!(
                "the task needs vocab {}, the model has {}",
                task.vocab(),
                config.vocab
            )));
        }
        let params = Params::init(config, seed)?;
        let opt = AdamW::new(&params, lr);
        let rng = Rng::new(seed ^ 0x9e37_79b9_7f4a_7c15);
        Ok(Trainer { params, opt, task, batch, steps: 0, rng })
    }

    /// One optimizer step on a fresh batch; reports the batch's loss and accuracy before the
    /// update.
    pub fn step(&mut self) -> Result<StepReport, LmError> {
        let batch = self.task.batch(self.batch, &mut self.rng)?;
        let (report, grad) = run_batch(&self.params, &batch, true);
        if let Some(g) = grad {
            self.opt.step(&mut self.params, &g);
        }
        self.steps += 1;
        Ok(report)
    }

    /// Loss and accuracy on a batch, without training.
    pub fn evaluate(&self, batch: &Batch) -> StepReport {
        run_batch(&self.params, batch, false).0
    }
}
