//! The measurement behind `#/scan/bench`: one length at a time, on the CPU (wasm, f64, eight
//! channels per call with a turn for the browser between calls) and on WebGPU (f32, its upload,
//! compute and read-back timed apart), reported into the page's state and cancellable.

use crate::course::compute::{Timing, crossover};
use crate::course::scan::BenchPage;
use crate::explain::hardware::channel_slice;
use crate::explain::scan::max_scaled_difference;
use crate::gpu::{AdapterSummary, GpuError, ScanProblem};
use crate::i18n::{Lang, fill, t};
use crate::ssm::{BRule, Rng, ScanAlgorithm, ScanDims, SelectiveScanInput, selective_scan};
use crate::ui::compute::{
    GpuSession, error_detail, error_text, forget_gpu_session, gpu_session, length_text, now_ms,
    store_crossover, yield_to_browser,
};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The GPU's three phases at one length, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct GpuTimes {
    pub(super) upload: f64,
    pub(super) compute: f64,
    pub(super) read: f64,
}

impl GpuTimes {
    pub(super) fn total(&self) -> f64 {
        self.upload + self.compute + self.read
    }
}

/// One measured length.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Measured {
    pub(super) len: usize,
    pub(super) cpu_ms: Option<f64>,
    pub(super) gpu: Option<GpuTimes>,
    pub(super) diff: Option<f64>,
    pub(super) note: Option<String>,
}

/// What the page knows about WebGPU.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Adapter {
    Checking,
    Ready(AdapterSummary),
    /// The plain sentence and the technical detail.
    Missing(String, String),
}

/// The shared state a run reports into.
#[derive(Clone)]
pub(super) struct Sink {
    pub(super) lang: Lang,
    pub(super) rows: UseStateHandle<Vec<Measured>>,
    pub(super) adapter: UseStateHandle<Adapter>,
    pub(super) status: UseStateHandle<Option<String>>,
    pub(super) running: UseStateHandle<bool>,
    /// Bumped to cancel: a run stops when the generation it started with has passed.
    pub(super) generation: Rc<Cell<u32>>,
}

impl Sink {
    fn say(&self, key: &str, len: usize) {
        self.status.set(Some(fill(self.lang, key, &[("l", &length_text(len))])));
    }
}

/// Channels the CPU runs per call: the core sweeps channels in SIMD blocks of eight, so a
/// block is cut only between whole blocks (and a problem of at most eight channels runs whole).
const CPU_GROUP: usize = 8;

/// The CPU's result, eight channels per call with a turn for the browser between calls: y then
/// the last state, row-major, and the milliseconds spent computing.
async fn on_cpu(input: &SelectiveScanInput, alive: &dyn Fn() -> bool) -> Option<(Vec<f64>, f64)> {
    let d = input.u.nrows();
    let (mut y, mut last, mut ms): (Vec<f64>, Vec<f64>, f64) = (Vec::new(), Vec::new(), 0.0);
    for first in (0..d).step_by(CPU_GROUP) {
        yield_to_browser().await;
        if !alive() {
            return None;
        }
        let rows = first..(first + CPU_GROUP).min(d);
        let slice = if rows.len() == d { None } else { Some(channel_slice(input, rows).ok()?) };
        let start = now_ms();
        let out = selective_scan(
            slice.as_ref().unwrap_or(input),
            BRule::Euler,
            ScanAlgorithm::Sequential,
        )
        .ok()?;
        ms += now_ms() - start;
        // Row-major, as the GPU lays out its results.
        y.extend(out.y.transpose().iter());
        last.extend(out.last_state.transpose().iter());
    }
    y.extend(last);
    Some((y, ms))
}

/// The GPU's result in the same layout, and its phases' times.
async fn on_gpu(
    session: &GpuSession,
    input: &SelectiveScanInput,
    sink: &Sink,
    len: usize,
    alive: &dyn Fn() -> bool,
) -> Result<Option<(Vec<f64>, GpuTimes)>, GpuError> {
    let (ctx, kernel) = (&session.ctx, &session.scan);
    sink.say("scan.bench.status_upload", len);
    yield_to_browser().await;
    let start = now_ms();
    let problem = ScanProblem::from_input(input, BRule::Euler)?;
    let job = kernel.upload(ctx, &problem).await?;
    let upload = now_ms() - start;
    if !alive() {
        return Ok(None);
    }
    sink.say("scan.bench.status_compute", len);
    yield_to_browser().await;
    let start = now_ms();
    kernel.compute(ctx, &job).await?;
    let compute = now_ms() - start;
    let start = now_ms();
    let out = kernel.read(ctx, &job).await?;
    let read = now_ms() - start;
    let values = out.y.iter().chain(&out.last_state).map(|&x| f64::from(x)).collect();
    Ok(Some((values, GpuTimes { upload, compute, read })))
}

/// Measures every length of `lens` on the CPU and, where it works, the GPU.
pub(super) async fn run(sink: Sink, page: BenchPage, lens: Vec<usize>) {
    let generation = sink.generation.get();
    let alive = {
        let g = Rc::clone(&sink.generation);
        move || g.get() == generation
    };
    sink.running.set(true);
    sink.rows.set(Vec::new());
    let lang = sink.lang;
    let mut session = match gpu_session().await {
        Ok(session) => {
            // A short untimed run first, so that no timing includes one-off start-up work.
            let warm =
                SelectiveScanInput::random(ScanDims { d: 1, n: 1, l: 256 }, &mut Rng::new(1));
            let warmed = match ScanProblem::from_input(&warm, BRule::Euler) {
                Ok(p) => session.scan.run(&session.ctx, &p).await.map(|_| ()),
                Err(e) => Err(e),
            };
            match warmed {
                Ok(()) => {
                    sink.adapter.set(Adapter::Ready(session.adapter.clone()));
                    Some(session)
                }
                Err(e) => {
                    forget_gpu_session();
                    sink.adapter.set(Adapter::Missing(error_text(lang, &e), error_detail(&e)));
                    None
                }
            }
        }
        Err(e) => {
            forget_gpu_session();
            sink.adapter.set(Adapter::Missing(error_text(lang, &e), error_detail(&e)));
            None
        }
    };
    let adapter_name = session.as_ref().map(|s| s.adapter.name.clone());
    // The CPU warms up too: the browser compiles WebAssembly in tiers, the fast code after a while.
    let warm =
        SelectiveScanInput::random(ScanDims { d: page.d, n: page.n, l: 1 << 12 }, &mut Rng::new(2));
    for _ in 0..3 {
        let _ = selective_scan(&warm, BRule::Euler, ScanAlgorithm::Sequential);
        yield_to_browser().await;
    }
    let mut rows = Vec::new();
    for len in lens {
        if !alive() {
            break;
        }
        if !page.fits(len) {
            rows.push(Measured {
                len,
                cpu_ms: None,
                gpu: None,
                diff: None,
                note: Some(t(lang, "scan.bench.too_big").to_owned()),
            });
            sink.rows.set(rows.clone());
            continue;
        }
        sink.say("scan.bench.status_cpu", len);
        let input =
            SelectiveScanInput::random(ScanDims { d: page.d, n: page.n, l: len }, &mut Rng::new(7));
        let Some((cpu, cpu_ms)) = on_cpu(&input, &alive).await else { break };
        let mut row = Measured { len, cpu_ms: Some(cpu_ms), gpu: None, diff: None, note: None };
        if let Some(s) = &session {
            match on_gpu(s, &input, &sink, len, &alive).await {
                Ok(Some((gpu, times))) => {
                    row.diff = Some(max_scaled_difference(&gpu, &cpu));
                    row.gpu = Some(times);
                }
                Ok(None) => break,
                Err(e) => {
                    // A lost device or any other failure: say so, and go on with the CPU only.
                    forget_gpu_session();
                    row.note = Some(error_text(lang, &e));
                    session = None;
                }
            }
        }
        // A cancel that came while this length was computing: its row is not shown.
        if !alive() {
            break;
        }
        rows.push(row);
        sink.rows.set(rows.clone());
    }
    if alive() {
        let timings: Vec<Timing> = rows
            .iter()
            .filter_map(|r| {
                Some(Timing { len: r.len, cpu_ms: r.cpu_ms?, gpu_ms: r.gpu.map(|g| g.total()) })
            })
            .collect();
        if let Some(c) = crossover(&timings, adapter_name.as_deref().unwrap_or_default()) {
            store_crossover(&c);
        }
        sink.status.set(None);
        sink.running.set(false);
    }
}
