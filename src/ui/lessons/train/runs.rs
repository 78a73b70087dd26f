//! What the page knows of the two training runs (S4 and S6): each model's step, loss and
//! held-out curves and last snapshot, the speed, the run's status, and the table of finished
//! measurements (Table 1 at toy scale). Plain state with one reducer; the workers feed it.

use crate::lm::LayerKind;
use crate::lm::protocol::{Reply, Snapshot};
use std::rc::Rc;
use yew::prelude::*;

/// The two models, in the order they are shown.
pub(crate) const KINDS: [LayerKind; 2] = [LayerKind::S4, LayerKind::S6];

/// Seconds of progress the speed is measured over.
const SPEED_WINDOW_MS: f64 = 4000.0;

/// One model's run.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct ModelRun {
    /// Whether its worker has built the model.
    pub(crate) ready: bool,
    /// Steps taken.
    pub(crate) step: usize,
    /// Trained values.
    pub(crate) params: usize,
    /// Whether the weights are the shipped, trained ones.
    pub(crate) shipped: bool,
    /// (step, batch loss) of every step taken here.
    pub(crate) losses: Vec<(f64, f64)>,
    /// (step, held-out accuracy) at each checkpoint.
    pub(crate) held_out: Vec<(f64, f64)>,
    /// The last held-out snapshot.
    pub(crate) snapshot: Option<Rc<Snapshot>>,
    /// (time in ms, step) of recent progress, for the speed.
    times: Vec<(f64, usize)>,
}

impl ModelRun {
    /// The mean batch loss of the last `n` steps taken here.
    pub(crate) fn recent_loss(&self, n: usize) -> Option<f64> {
        let tail = &self.losses[self.losses.len().saturating_sub(n)..];
        (!tail.is_empty()).then(|| tail.iter().map(|p| p.1).sum::<f64>() / tail.len() as f64)
    }

    /// The mean batch loss of the first `n` steps taken here.
    pub(crate) fn first_loss(&self, n: usize) -> Option<f64> {
        let head = &self.losses[..self.losses.len().min(n)];
        (!head.is_empty()).then(|| head.iter().map(|p| p.1).sum::<f64>() / head.len() as f64)
    }

    /// Steps per second over the last few seconds, once measurable.
    pub(crate) fn speed(&self) -> Option<f64> {
        let (&(t0, s0), &(t1, s1)) = (self.times.first()?, self.times.last()?);
        (t1 > t0 && s1 > s0).then(|| (s1 - s0) as f64 * 1000.0 / (t1 - t0))
    }
}

/// Where the run stands.
#[derive(Clone, PartialEq)]
pub(crate) enum Status {
    /// The workers are starting.
    Loading,
    /// Models built; not training.
    Idle,
    /// Training.
    Running,
    /// Pause pressed; steps still in flight.
    Pausing,
    /// Paused: nothing in flight.
    Paused,
    /// Trained the planned number of steps.
    Done,
    /// A worker failed; the message says how.
    Failed(String),
}

/// One measured row of the toy-scale Table 1.
#[derive(Clone, PartialEq)]
pub(crate) struct TableRow {
    /// S4 or S6.
    pub(crate) kind: LayerKind,
    /// With Mamba's gate.
    pub(crate) gate: bool,
    /// Steps trained.
    pub(crate) step: usize,
    /// Held-out accuracy.
    pub(crate) accuracy: f64,
}

/// Both runs.
#[derive(Clone, PartialEq)]
pub(crate) struct Runs {
    /// S4 then S6 (as [`KINDS`]).
    pub(crate) models: [ModelRun; 2],
    /// The status.
    pub(crate) status: Status,
    /// The last error a worker answered (e.g. a refused checkpoint file), if any.
    pub(crate) error: Option<String>,
    /// Whether the models have the gate (for the table).
    pub(crate) gate: bool,
    /// The table's rows, one per (kind, gate), the latest measurement of runs made here.
    pub(crate) table: Vec<TableRow>,
}

impl Default for Runs {
    fn default() -> Self {
        Runs {
            models: Default::default(),
            status: Status::Loading,
            error: None,
            gate: true,
            table: Vec::new(),
        }
    }
}

/// What changes the runs.
pub(crate) enum RunMsg {
    /// New workers for models with or without the gate: everything but the table restarts.
    Restart(bool),
    /// A reply of model `0` (S4) or `1` (S6), at time `2` (ms).
    Reply(usize, Reply, f64),
    /// A new status.
    Status(Status),
    /// Clears the last error.
    ClearError,
}

impl Reducible for Runs {
    type Action = RunMsg;

    fn reduce(self: Rc<Self>, msg: RunMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            RunMsg::Restart(gate) => {
                next = Runs { gate, table: next.table, ..Runs::default() };
            }
            RunMsg::Status(s) => next.status = s,
            RunMsg::ClearError => next.error = None,
            RunMsg::Reply(k, reply, now) => next.apply(k, reply, now),
        }
        Rc::new(next)
    }
}

impl Runs {
    fn apply(&mut self, k: usize, reply: Reply, now: f64) {
        let gate = self.gate;
        let m = &mut self.models[k];
        match reply {
            Reply::Started | Reply::Weights { .. } => {}
            Reply::Ready { step, params, shipped } => {
                *m = ModelRun { ready: true, step, params, shipped, ..ModelRun::default() };
                // The shipped models come with the curves of the run that made them.
                if let Some(h) = shipped.then(|| crate::lm::shipped::history(KINDS[k])).flatten() {
                    (m.losses, m.held_out) = (h.loss, h.held_out);
                }
                if self.models.iter().all(|m| m.ready) && self.status == Status::Loading {
                    self.status = Status::Idle;
                }
            }
            Reply::Progress { step, losses, .. } => {
                let first = step + 1 - losses.len();
                m.losses.extend(losses.iter().enumerate().map(|(i, &l)| ((first + i) as f64, l)));
                m.step = step;
                m.times.push((now, step));
                let keep = m.times.iter().position(|&(t, _)| now - t <= SPEED_WINDOW_MS);
                m.times.drain(..keep.unwrap_or(0).min(m.times.len().saturating_sub(2)));
            }
            Reply::Snapshot(s) => {
                let point = (s.step as f64, s.held_out.accuracy);
                if m.held_out.last().is_none_or(|p| p.0 < point.0) {
                    m.held_out.push(point);
                }
                if !m.shipped && s.step > 0 {
                    let kind = KINDS[k];
                    self.table.retain(|r| (r.kind, r.gate) != (kind, gate));
                    self.table.push(TableRow { kind, gate, step: s.step, accuracy: point.1 });
                }
                m.snapshot = Some(Rc::new(s));
            }
            Reply::Error { message } => self.error = Some(message),
        }
    }
}
