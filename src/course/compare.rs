//! The comparison lesson (`#/compare`): its settings as kept in the address, and the measurement
//! it runs in the page — generation time per token and the memory each model keeps, for causal
//! attention with a KV cache, a Mamba mixer in recurrent mode and an RNN cell, as the context
//! grows.
//!
//! ## How a measurement runs
//!
//! The work is a list of small tasks, so that the page can run a few milliseconds of it at a time
//! and hand control back to the browser in between (see [`Bench::work`]):
//!
//! 1. Warm-up: each model generates tokens, untimed, for [`WARMUP_MS`] (the browser compiles hot
//!    WebAssembly again with its optimizing compiler), then starts over from an empty context.
//!    Untimed work runs in slices of at most [`SLICE_MS`].
//! 2. For each context length L of [`checkpoints`], smallest first: every model generates tokens,
//!    untimed, until it has seen L of them; the state at L is kept as a snapshot, and its bytes
//!    are recorded (read from the data structure: the KV cache's keys and values, the Mamba
//!    conv and SSM states, the RNN's hidden vector).
//! 3. Calibration: a batch of k tokens is timed from the snapshot, doubling k until one batch
//!    lasts at least the target time, so the timer's resolution (often 0.1 ms in browsers) is a
//!    small part of what is measured.
//! 4. Repeats, in R rounds: the first right after the calibration, the others after every
//!    context has been reached; each round visits every context, and at each the models take
//!    turns. Every timed batch restarts from the snapshot of its context and generates k tokens;
//!    the time per token is the batch time / k. Spreading the repeats of a point over the whole
//!    run means a burst of background work spoils one repeat of several points rather than all
//!    repeats of one; the chart shows the median of the R repeats, with whiskers from the
//!    fastest to the slowest.
//!
//! The clock is passed in (`performance.now()` in the page, a fake clock in the tests).

use crate::route::{Query, UrlState};
use crate::ssm::block::{Attention, Decoder, RnnCell};
use crate::ssm::{Mixer, MixerInit, Result, Rng, SsmError};
use nalgebra::DVector;

/// The context lengths a user can measure up to.
pub const L_CHOICES: [usize; 7] = [64, 128, 256, 512, 1024, 2048, 4096];
/// The model widths a user can choose.
pub const D_CHOICES: [usize; 3] = [16, 32, 64];
/// The repeat counts a user can choose.
pub const REPEAT_CHOICES: [usize; 5] = [3, 5, 7, 11, 15];
/// Untimed generation before measuring, per model (ms).
pub const WARMUP_MS: f64 = 40.0;
/// The shortest batch a time per token is taken from (ms).
pub const TARGET_MS: f64 = 8.0;
/// The most tokens in one timed batch.
pub const MAX_BATCH: usize = 4096;
/// The longest stretch of untimed work (warm-up, prefill) before the page gets control back (ms).
pub const SLICE_MS: f64 = 8.0;
/// Distinct random input tokens, cycled (the cost does not depend on the values).
const INPUTS: usize = 61;

/// The settings of the measurement, as kept in the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareLesson {
    /// Width d_model of the three models.
    pub d_model: usize,
    /// The longest context measured.
    pub l_max: usize,
    /// Timed repeats per point.
    pub repeats: usize,
    /// Whether the value axes are logarithmic.
    pub log_y: bool,
}

impl Default for CompareLesson {
    fn default() -> Self {
        CompareLesson { d_model: 32, l_max: 2048, repeats: 7, log_y: false }
    }
}

/// The nearest of `choices` to `v`.
fn nearest(choices: &[usize], v: usize) -> usize {
    choices.iter().copied().min_by_key(|c| c.abs_diff(v)).unwrap_or(v)
}

impl UrlState for CompareLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("d", self.d_model)
            .with("lmax", self.l_max)
            .with("r", self.repeats)
            .with("log", u8::from(self.log_y))
    }

    fn from_query(q: &Query) -> Self {
        let d = CompareLesson::default();
        CompareLesson {
            d_model: nearest(&D_CHOICES, q.usize_in("d", d.d_model, 1, 4096)),
            l_max: nearest(&L_CHOICES, q.usize_in("lmax", d.l_max, 1, 1 << 20)),
            repeats: nearest(&REPEAT_CHOICES, q.usize_in("r", d.repeats, 1, 99)),
            log_y: q.flag("log", d.log_y),
        }
    }
}

/// The three models compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arch {
    /// Single-head causal attention with a KV cache.
    Attention,
    /// A Mamba mixer in recurrent mode.
    Mamba,
    /// An Elman RNN cell.
    Rnn,
}

impl Arch {
    /// All three, in the order they are drawn and timed.
    pub const ALL: [Arch; 3] = [Arch::Attention, Arch::Mamba, Arch::Rnn];

    /// The catalogue key suffix (`compare.arch_<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Arch::Attention => "attention",
            Arch::Mamba => "mamba",
            Arch::Rnn => "rnn",
        }
    }

    /// The position in [`Arch::ALL`].
    pub fn index(self) -> usize {
        match self {
            Arch::Attention => 0,
            Arch::Mamba => 1,
            Arch::Rnn => 2,
        }
    }
}

/// The context lengths measured up to `l_max`: powers of two from 8 and the points halfway
/// (×1.5) between them.
pub fn checkpoints(l_max: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut p = 8;
    while p <= l_max {
        out.push(p);
        if p + p / 2 <= l_max && p + p / 2 < 2 * p {
            out.push(p + p / 2);
        }
        p *= 2;
    }
    out.retain(|&l| l <= l_max);
    out
}

/// A model with its running state and the snapshots taken at each checkpoint so far.
struct Lane<D: Decoder> {
    model: D,
    state: D::State,
    snapshots: Vec<D::State>,
    /// Tokens the running state has seen.
    seen: usize,
}

/// What the bench does with a lane, whatever its model.
trait LaneOps {
    /// Generates tokens, untimed, until `done(tokens seen)` says stop.
    fn advance(
        &mut self,
        inputs: &[DVector<f64>],
        done: &mut dyn FnMut(usize) -> bool,
    ) -> Result<()>;
    /// Keeps the current state as the next checkpoint's snapshot.
    fn mark(&mut self);
    /// Starts over from an empty context, forgetting the snapshots.
    fn reset(&mut self);
    /// Times `k` tokens from the snapshot of checkpoint `j`; returns the elapsed clock time (ms).
    /// The running state is left as it was.
    fn time(
        &mut self,
        inputs: &[DVector<f64>],
        j: usize,
        k: usize,
        clock: &mut dyn FnMut() -> f64,
    ) -> Result<f64>;
    /// The bytes of the state at checkpoint `j`.
    fn bytes(&self, j: usize) -> usize;
    /// Tokens seen by the running state.
    fn seen(&self) -> usize;
    /// The model's weights.
    fn parameters(&self) -> usize;
}

impl<D: Decoder> Lane<D> {
    fn new(model: D) -> Lane<D> {
        Lane { state: model.start(), snapshots: Vec::new(), model, seen: 0 }
    }
}

impl<D: Decoder> LaneOps for Lane<D> {
    fn advance(
        &mut self,
        inputs: &[DVector<f64>],
        done: &mut dyn FnMut(usize) -> bool,
    ) -> Result<()> {
        while !done(self.seen) {
            let y = self.model.decode(&mut self.state, &inputs[self.seen % inputs.len()])?;
            std::hint::black_box(y);
            self.seen += 1;
        }
        Ok(())
    }
    fn mark(&mut self) {
        self.snapshots.push(self.state.clone());
    }
    fn reset(&mut self) {
        self.state = self.model.start();
        self.snapshots.clear();
        self.seen = 0;
    }
    fn time(
        &mut self,
        inputs: &[DVector<f64>],
        j: usize,
        k: usize,
        clock: &mut dyn FnMut() -> f64,
    ) -> Result<f64> {
        let Some(snapshot) = self.snapshots.get(j) else {
            return Err(SsmError::Domain(format!("no snapshot at checkpoint {j}")));
        };
        let mut state = snapshot.clone();
        let t0 = clock();
        for i in 0..k {
            let y = self.model.decode(&mut state, &inputs[i % inputs.len()])?;
            std::hint::black_box(y);
        }
        let elapsed = clock() - t0;
        std::hint::black_box(state);
        Ok(elapsed)
    }
    fn bytes(&self, j: usize) -> usize {
        self.snapshots.get(j).map_or(0, D::state_bytes)
    }
    fn seen(&self) -> usize {
        self.seen
    }
    fn parameters(&self) -> usize {
        self.model.parameter_count()
    }
}

/// The measurements at one context length for one model.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The model.
    pub arch: Arch,
    /// The context length L: tokens seen before the timed batch.
    pub context: usize,
    /// Tokens per timed batch.
    pub batch: usize,
    /// Time per token of each repeat (ms), in the order measured.
    pub per_token_ms: Vec<f64>,
    /// Bytes of the model's state at this context.
    pub bytes: usize,
}

/// Median, fastest and slowest of some samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The median (the mean of the middle two for an even count).
    pub median: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
}

impl Summary {
    /// The summary of the finite samples, if there are any.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        let mut s: Vec<f64> = samples.iter().copied().filter(|v| v.is_finite()).collect();
        if s.is_empty() {
            return None;
        }
        s.sort_by(f64::total_cmp);
        let n = s.len();
        let median = if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 };
        Some(Summary { median, min: s[0], max: s[n - 1] })
    }
}

impl Point {
    /// The summary of the repeats so far.
    pub fn summary(&self) -> Option<Summary> {
        Summary::of(&self.per_token_ms)
    }
}

/// One unit of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    /// Untimed generation by one model for `WARMUP_MS` in all, then a fresh start.
    Warmup(Arch),
    /// Untimed generation by every model up to the context of checkpoint `j`, then a snapshot.
    Prefill(usize),
    /// Doubling the batch of one model at checkpoint `j` until it lasts the target time.
    Calibrate(usize, Arch),
    /// One timed batch of one model at checkpoint `j` (the models take turns).
    Repeat(usize, Arch),
}

/// Where a measurement stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Fraction of the tasks done, 0 to 1.
    pub done: f64,
    /// Whether every task is done.
    pub finished: bool,
}

/// A measurement in progress: the models, the plan and the results so far.
pub struct Bench {
    lanes: [Box<dyn LaneOps>; 3],
    inputs: Vec<DVector<f64>>,
    contexts: Vec<usize>,
    repeats: usize,
    target_ms: f64,
    tasks: Vec<Task>,
    next: usize,
    /// Warm-up time spent so far by the model warming up.
    warmed_ms: f64,
    points: Vec<Point>,
}

impl Bench {
    /// A measurement with the lesson's settings: three models of width d_model from `seed`
    /// (attention with d_head = d_model; Mamba with the official sizes, d_inner = 2·d_model and
    /// N = 16; an RNN with hidden = 2·d_model), timed batches of at least `target_ms`.
    pub fn new(settings: &CompareLesson, seed: u64, target_ms: f64) -> Result<Bench> {
        let d = settings.d_model;
        let mut rng = Rng::new(seed);
        let attention = Attention::init(d, d, &mut rng)?;
        let mamba = Mixer::new(MixerInit::new(d).weights(&mut rng)?)?;
        let rnn = RnnCell::init(d, 2 * d, &mut rng)?;
        let inputs = (0..INPUTS).map(|_| DVector::from_fn(d, |_, _| rng.normal())).collect();
        if !(target_ms.is_finite() && target_ms > 0.0) || settings.repeats == 0 {
            return Err(SsmError::Domain("the target time and repeats must be positive".into()));
        }
        let contexts = checkpoints(settings.l_max);
        let mut tasks: Vec<Task> = Arch::ALL.iter().map(|&a| Task::Warmup(a)).collect();
        let round = |j: usize| Arch::ALL.map(|a| Task::Repeat(j, a));
        for j in 0..contexts.len() {
            tasks.push(Task::Prefill(j));
            tasks.extend(Arch::ALL.iter().map(|&a| Task::Calibrate(j, a)));
            tasks.extend(round(j));
        }
        for _ in 1..settings.repeats {
            tasks.extend((0..contexts.len()).flat_map(round));
        }
        Ok(Bench {
            lanes: [
                Box::new(Lane::new(attention)),
                Box::new(Lane::new(mamba)),
                Box::new(Lane::new(rnn)),
            ],
            inputs,
            contexts,
            repeats: settings.repeats,
            target_ms,
            tasks,
            next: 0,
            warmed_ms: 0.0,
            points: Vec::new(),
        })
    }

    /// The context lengths this measurement visits.
    pub fn contexts(&self) -> &[usize] {
        &self.contexts
    }

    /// The results so far, by checkpoint and model.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// The number of weights of each model.
    pub fn parameters(&self, arch: Arch) -> usize {
        self.lanes[arch.index()].parameters()
    }

    /// Where the measurement stands.
    pub fn progress(&self) -> Progress {
        let total = self.tasks.len().max(1);
        Progress { done: self.next as f64 / total as f64, finished: self.next >= self.tasks.len() }
    }

    /// Runs tasks until `budget_ms` of clock time has passed (at least one step of work, and
    /// never splitting a timed batch), then returns so the page can breathe. Untimed work comes
    /// in slices of at most [`SLICE_MS`].
    pub fn work(&mut self, clock: &mut dyn FnMut() -> f64, budget_ms: f64) -> Result<Progress> {
        let start = clock();
        while let Some(&task) = self.tasks.get(self.next) {
            if self.run(task, clock)? {
                self.next += 1;
            }
            if clock() - start >= budget_ms {
                break;
            }
        }
        Ok(self.progress())
    }

    /// Runs one task, or a slice of it; returns whether the task is finished.
    fn run(&mut self, task: Task, clock: &mut dyn FnMut() -> f64) -> Result<bool> {
        let inputs = &self.inputs;
        let t0 = clock();
        match task {
            Task::Warmup(arch) => {
                let lane = &mut self.lanes[arch.index()];
                let slice = (WARMUP_MS - self.warmed_ms).min(SLICE_MS);
                lane.advance(inputs, &mut |_| clock() - t0 >= slice)?;
                self.warmed_ms += clock() - t0;
                if self.warmed_ms < WARMUP_MS {
                    return Ok(false);
                }
                self.warmed_ms = 0.0;
                lane.reset();
            }
            Task::Prefill(j) => {
                let target = self.contexts[j];
                for lane in &mut self.lanes {
                    lane.advance(inputs, &mut |seen| seen >= target || clock() - t0 >= SLICE_MS)?;
                }
                if self.lanes.iter().any(|lane| lane.seen() < target) {
                    return Ok(false);
                }
                self.lanes.iter_mut().for_each(|lane| lane.mark());
            }
            Task::Calibrate(j, arch) => {
                let lane = &mut self.lanes[arch.index()];
                let k = batch_size(|k| lane.time(inputs, j, k, clock), self.target_ms)?;
                self.points.push(Point {
                    arch,
                    context: self.contexts[j],
                    batch: k,
                    per_token_ms: Vec::with_capacity(self.repeats),
                    bytes: lane.bytes(j),
                });
            }
            Task::Repeat(j, arch) => {
                let context = self.contexts[j];
                let lane = &mut self.lanes[arch.index()];
                if let Some(p) =
                    self.points.iter_mut().find(|p| p.arch == arch && p.context == context)
                {
                    let elapsed = lane.time(inputs, j, p.batch, clock)?;
                    p.per_token_ms.push(elapsed / p.batch as f64);
                }
            }
        }
        Ok(true)
    }
}

/// The smallest power of two k (at most [`MAX_BATCH`]) for which a batch of k tokens lasts at
/// least `target_ms`, by doubling; `time_of(k)` times one batch.
fn batch_size(mut time_of: impl FnMut(usize) -> Result<f64>, target_ms: f64) -> Result<usize> {
    let mut k = 1;
    while time_of(k)? < target_ms && k < MAX_BATCH {
        k *= 2;
    }
    Ok(k)
}

/// The smallest step of `clock` seen in a few changes: its resolution (ms). Browsers coarsen
/// `performance.now()` (to 0.1 ms in many, 5 µs when the page is cross-origin isolated).
pub fn timer_resolution(clock: &mut dyn FnMut() -> f64) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t0 = clock();
        let mut t1 = clock();
        let mut spins = 0;
        while t1 == t0 && spins < 10_000_000 {
            t1 = clock();
            spins += 1;
        }
        if t1 > t0 {
            best = best.min(t1 - t0);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn settings_round_trip_and_snap_to_the_choices() {
        let s = CompareLesson { d_model: 64, l_max: 256, repeats: 11, log_y: true };
        assert_eq!(CompareLesson::from_query(&s.to_query()), s);
        let q = Query::from_hash("#/compare?d=20&lmax=3000&r=abc&log=2");
        let s = CompareLesson::from_query(&q);
        assert_eq!((s.d_model, s.l_max, s.repeats, s.log_y), (16, 2048, 7, false));
    }

    #[test]
    fn checkpoints_double_with_midpoints() {
        assert_eq!(checkpoints(64), vec![8, 12, 16, 24, 32, 48, 64]);
        assert_eq!(*checkpoints(4096).last().unwrap(), 4096);
        assert!(checkpoints(4).is_empty());
    }

    #[test]
    fn summaries_take_the_median_of_finite_samples() {
        let s = Summary::of(&[3.0, 1.0, f64::NAN, 2.0, 10.0]).unwrap();
        assert_eq!((s.median, s.min, s.max), (2.5, 1.0, 10.0));
        assert_eq!(Summary::of(&[5.0, 1.0, 4.0]).unwrap().median, 4.0);
        assert!(Summary::of(&[f64::NAN]).is_none());
    }

    /// A clock that advances by `tick` ms every time it is read.
    fn ticking(tick: f64) -> impl FnMut() -> f64 {
        let t = Cell::new(0.0);
        move || {
            t.set(t.get() + tick);
            t.get()
        }
    }

    #[test]
    fn a_measurement_visits_every_checkpoint_and_records_sizes() {
        let settings = CompareLesson { d_model: 8, l_max: 64, repeats: 3, log_y: false };
        let mut bench = Bench::new(&settings, 1, 1.0).unwrap();
        let reads = Cell::new(0);
        let mut tick = ticking(2.0);
        let mut clock = || {
            reads.set(reads.get() + 1);
            tick()
        };
        let mut rounds = 0;
        loop {
            let before = reads.get();
            let finished = bench.work(&mut clock, 5.0).unwrap().finished;
            // Each call returns after a few slices of work: 2 ms per read, a 5 ms budget, slices
            // of 8 ms and timed batches that are never split.
            assert!(reads.get() - before <= 20, "{} reads in one call", reads.get() - before);
            // Repeats come in rounds over every context: no point gets its second sample before
            // every point has its first.
            let samples: Vec<usize> = bench.points().iter().map(|p| p.per_token_ms.len()).collect();
            if samples.iter().any(|&n| n >= 2) {
                assert_eq!(samples.len(), checkpoints(64).len() * 3);
                assert!(samples.iter().all(|&n| n >= 1), "{samples:?}");
            }
            if finished {
                break;
            }
            rounds += 1;
            assert!(bench.progress().done < 1.0);
        }
        assert!(rounds > 3, "the work came in several slices ({rounds})");
        let contexts = checkpoints(64);
        assert_eq!(bench.points().len(), contexts.len() * 3);
        for p in bench.points() {
            assert_eq!(p.per_token_ms.len(), 3);
            let want = match p.arch {
                // Keys and values of d_head = 8 per token.
                Arch::Attention => 2 * p.context * 8 * 8,
                // d_inner 16 × (d_conv − 1 + N) = 16 × 19.
                Arch::Mamba => 16 * 19 * 8,
                Arch::Rnn => 16 * 8,
            };
            assert_eq!(p.bytes, want, "{p:?}");
            // With this clock any batch lasts 2 ms: one token already meets the 1 ms target.
            assert_eq!(p.batch, 1);
            assert_eq!(p.per_token_ms, vec![2.0; 3]);
        }
        assert_eq!(bench.parameters(Arch::Attention), 4 * 64);
    }

    #[test]
    fn batches_double_until_they_last_the_target() {
        let mut asked = Vec::new();
        let k = batch_size(
            |k| {
                asked.push(k);
                Ok(0.3 * k as f64)
            },
            1.0,
        )
        .unwrap();
        assert_eq!((k, asked), (4, vec![1, 2, 4]));
        assert_eq!(batch_size(|_| Ok(0.0), 1.0).unwrap(), MAX_BATCH);
    }

    #[test]
    fn the_timer_resolution_is_its_smallest_step() {
        let t = Cell::new(0u64);
        let mut coarse = move || {
            t.set(t.get() + 1);
            (t.get() / 7) as f64 * 0.1
        };
        assert!((timer_resolution(&mut coarse) - 0.1).abs() < 1e-12);
    }
}
