//! A training worker's state: one model, its optimizer and its held-out set, driven by
//! [`Request`]s and answering with [`Reply`]s. No I/O and no clock, so the worker (wasm32) is a
//! thin shell around it and the tests drive it natively.

use super::model::forward;
use super::params::LmError;
use super::protocol::{Example, Reply, Request, Settings, Snapshot};
use super::tasks::Batch;
use super::train::Trainer;
use super::{Real, checkpoint};

/// Where the shipped checkpoint of a setting comes from (see [`super::shipped`]).
pub type Shipped = fn(&Settings) -> Option<&'static [u8]>;

/// The largest number of steps one request may ask for.
pub const MAX_STEPS_PER_REQUEST: usize = 1000;

/// A worker's model and data.
#[derive(Debug)]
pub struct Session {
    trainer: Option<(Trainer<f32>, Batch)>,
    shipped: Shipped,
}

impl Session {
    /// A session with no model yet; `shipped` gives the shipped checkpoints.
    pub fn new(shipped: Shipped) -> Session {
        Session { trainer: None, shipped }
    }

    /// Handles the request in `text` (JSON) and answers as JSON.
    pub fn handle_text(&mut self, text: &str) -> String {
        match Request::parse(text) {
            Ok(request) => self.handle(request),
            Err(message) => Reply::Error { message },
        }
        .to_text()
    }

    /// Handles one request.
    pub fn handle(&mut self, request: Request) -> Reply {
        let result = match request {
            Request::Init { settings, shipped } => self.init(settings, shipped),
            Request::Step { n } => self.step(n),
            Request::Checkpoint => self.snapshot().map(Reply::Snapshot),
            Request::Export => self.model().and_then(|(t, _)| {
                checkpoint::encode(&t.params).map(|bytes| Reply::Weights { bytes })
            }),
            Request::Load { bytes } => self.load(&bytes),
        };
        result.unwrap_or_else(|e| Reply::Error { message: e.0 })
    }

    fn model(&self) -> Result<&(Trainer<f32>, Batch), LmError> {
        self.trainer.as_ref().ok_or_else(|| LmError("no model yet: send init first".into()))
    }

    fn ready(&self, shipped: bool) -> Result<Reply, LmError> {
        let (t, _) = self.model()?;
        Ok(Reply::Ready { step: t.steps, params: t.params.config.parameter_count(), shipped })
    }

    fn init(&mut self, s: Settings, shipped: bool) -> Result<Reply, LmError> {
        if s.batch == 0 || s.batch > 256 || !(s.lr > 0.0 && s.lr < 1.0) {
            return Err(LmError(format!("need 1 ≤ batch ≤ 256 and 0 < lr < 1: {s:?}")));
        }
        s.config.check()?;
        let mut trainer = Trainer::new(s.config, s.task, s.batch, s.lr, s.seed)?;
        let held_out = s.task.held_out()?;
        let bytes = if shipped { (self.shipped)(&s) } else { None };
        if let Some(bytes) = bytes {
            trainer.params = checkpoint::decode(bytes, &s.config)?;
            trainer.steps = super::shipped::SHIPPED_STEPS;
        }
        self.trainer = Some((trainer, held_out));
        self.ready(bytes.is_some())
    }

    fn step(&mut self, n: usize) -> Result<Reply, LmError> {
        if n == 0 || n > MAX_STEPS_PER_REQUEST {
            return Err(LmError(format!(
                "steps per request: 1 to {MAX_STEPS_PER_REQUEST}, not {n}"
            )));
        }
        let (t, _) = self.trainer.as_mut().ok_or_else(|| LmError("no model yet".into()))?;
        let mut losses = Vec::with_capacity(n);
        let mut accuracy = 0.0;
        for _ in 0..n {
            let r = t.step()?;
            losses.push(r.loss);
            accuracy = r.accuracy;
        }
        Ok(Reply::Progress { step: t.steps, losses, accuracy })
    }

    fn snapshot(&self) -> Result<Snapshot, LmError> {
        let (t, held_out) = self.model()?;
        let p = &t.params;
        let (tokens, targets) = (&held_out.tokens[0], &held_out.targets[0]);
        let cache = forward(p, tokens);
        let vocab = p.config.vocab;
        let argmax = |row: &[f32]| (0..vocab).fold(0, |b, j| if row[j] > row[b] { j } else { b });
        let a_log = p
            .config
            .shapes()
            .iter()
            .position(|(name, _)| name == "backbone.layers.0.mixer.A_log")
            .map(|i| &p.tensors[i])
            .ok_or_else(|| LmError("the model has no A_log".into()))?;
        Ok(Snapshot {
            step: t.steps,
            held_out: t.evaluate(held_out),
            example: Example {
                tokens: tokens.clone(),
                targets: targets.clone(),
                predicted: cache.logits.chunks_exact(vocab).map(argmax).collect(),
            },
            delta: cache.delta(0, &p.config).iter().map(|v| v.f64()).collect(),
            // A = −exp(A_log): the decay rate of each (channel, state).
            neg_a: a_log.iter().map(|v| v.f64().exp()).collect(),
        })
    }

    fn load(&mut self, bytes: &[u8]) -> Result<Reply, LmError> {
        let (t, _) = self.trainer.as_mut().ok_or_else(|| LmError("no model yet".into()))?;
        // Decoded in full before anything is replaced: a bad file leaves the model as it was.
        let params = checkpoint::decode(bytes, &t.params.config)?;
        t.opt = super::AdamW::new(&params, t.opt.lr);
        t.params = params;
        self.ready(false)
    }
}

#[cfg(test)]
mod tests;
