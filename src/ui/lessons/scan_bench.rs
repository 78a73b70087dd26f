//! `#/scan/bench`: the WebGPU bench. The same selective-scan problem (random inputs shaped like
//! a Mamba layer's, official Euler rule for B) runs on the CPU (wasm, f64, `ssm::selective_scan`)
//! and on WebGPU (`gpu::ScanKernel`, f32) for L from 1K up to the chosen length; the page shows
//! the adapter, the GPU's upload / compute / read-back times and the CPU's time, all measured
//! here with `performance.now()`, and the largest difference between the two results.
//!
//! On load it measures the two shortest lengths; longer ones run when the learner asks. A run
//! yields to the browser between pieces (the CPU run goes channel by channel) and can be
//! cancelled; leaving the page cancels it. Without WebGPU, or when the GPU fails mid-run, the
//! page says so and goes on with the CPU. When the GPU ran, the measured crossover is stored
//! for the app's Auto compute preference (`ui::compute`).

use super::numbers::{ms, sci};
use crate::course::Lesson;
use crate::course::compute::{Timing, crossover};
use crate::course::scan::{BENCH_D, BENCH_LENS, BENCH_N, BenchPage};
use crate::explain::hardware::channel_slice;
use crate::explain::scan::max_scaled_difference;
use crate::gpu::{AdapterSummary, GpuError, ScanProblem};
use crate::i18n::{Lang, fill, t};
use crate::plot::{LogLogChart, Series, SeriesStyle, log_log_chart, palette};
use crate::route::Route;
use crate::ssm::{BRule, Rng, ScanAlgorithm, ScanDims, SelectiveScanInput, selective_scan};
use crate::ui::components::{Banner, BannerKind, DrawFn, Figure, Prose, Select};
use crate::ui::compute::{
    ComputePicker, GpuSession, error_text, forget_gpu_session, gpu_session, length_text, now_ms,
    store_crossover, use_compute_preference, yield_to_browser,
};
use crate::ui::edit::parsed;
use crate::ui::hooks::use_url_state;
use crate::ui::lang::use_lang;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Lengths measured on load (cheap even on a software adapter).
const ON_LOAD: usize = 1 << 12;

/// The GPU's three phases at one length, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
struct GpuTimes {
    upload: f64,
    compute: f64,
    read: f64,
}

impl GpuTimes {
    fn total(&self) -> f64 {
        self.upload + self.compute + self.read
    }
}

/// One measured length.
#[derive(Debug, Clone, PartialEq)]
struct Measured {
    len: usize,
    cpu_ms: Option<f64>,
    gpu: Option<GpuTimes>,
    diff: Option<f64>,
    note: Option<String>,
}

/// What the page knows about WebGPU.
#[derive(Debug, Clone, PartialEq)]
enum Adapter {
    Checking,
    Ready(AdapterSummary),
    Missing(String),
}

/// The shared state a run reports into.
#[derive(Clone)]
struct Sink {
    lang: Lang,
    rows: UseStateHandle<Vec<Measured>>,
    adapter: UseStateHandle<Adapter>,
    status: UseStateHandle<Option<String>>,
    running: UseStateHandle<bool>,
    /// Bumped to cancel: a run stops when the generation it started with has passed.
    generation: Rc<Cell<u32>>,
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
async fn run(sink: Sink, page: BenchPage, lens: Vec<usize>) {
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
                    sink.adapter.set(Adapter::Missing(error_text(lang, &e)));
                    None
                }
            }
        }
        Err(e) => {
            forget_gpu_session();
            sink.adapter.set(Adapter::Missing(error_text(lang, &e)));
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

#[function_component(ScanBenchView)]
pub(crate) fn scan_bench() -> Html {
    let lang = use_lang();
    let (page, set_page) =
        use_url_state::<BenchPage>(Route::Lesson(Lesson::Scan, Some("bench".into())));
    let (preference, set_preference) = use_compute_preference();
    // One generation counter for the component's whole life.
    let generation = use_memo((), |_| Rc::new(Cell::new(0u32)));
    let generation: Rc<Cell<u32>> = (*generation).clone();
    let sink = Sink {
        lang,
        rows: use_state(Vec::new),
        adapter: use_state(|| Adapter::Checking),
        status: use_state(|| None),
        running: use_state(|| false),
        generation: Rc::clone(&generation),
    };
    let start = {
        let (sink, page) = (sink.clone(), (*page).clone());
        Callback::from(move |lens: Vec<usize>| {
            sink.generation.set(sink.generation.get() + 1);
            spawn_local(run(sink.clone(), page.clone(), lens));
        })
    };
    {
        let (start, page, generation) = (start.clone(), (*page).clone(), Rc::clone(&generation));
        use_effect_with((), move |_| {
            start.emit(page.lens().into_iter().filter(|&l| l <= ON_LOAD).collect());
            move || generation.set(generation.get() + 1)
        });
    }
    let cancel = {
        let sink = sink.clone();
        Callback::from(move |_: MouseEvent| {
            sink.generation.set(sink.generation.get() + 1);
            sink.running.set(false);
            sink.status.set(Some(t(sink.lang, "scan.bench.cancelled").to_owned()));
        })
    };
    let options = |values: &[usize]| {
        values
            .iter()
            .map(|v| (AttrValue::from(v.to_string()), AttrValue::from(length_text(*v))))
            .collect::<Vec<_>>()
    };
    let pick = |f: fn(&mut BenchPage, usize)| parsed(&page, &set_page, f);
    let rows = (*sink.rows).clone();
    let adapter = (*sink.adapter).clone();
    let software = matches!(&adapter, Adapter::Ready(a) if a.is_software);

    let adapter_view = match &adapter {
        Adapter::Checking => {
            html! { <p class="hint" role="status">{ t(lang, "scan.bench.checking") }</p> }
        }
        Adapter::Missing(why) => html! {
            <div id="bench-no-webgpu">
                <Banner kind={BannerKind::Warning} text={t(lang, "scan.bench.no_webgpu")} />
                <p class="hint">{ why.clone() }</p>
            </div>
        },
        Adapter::Ready(a) => html! {
            <div id="bench-adapter">
                <table class="data adapter">
                    <tbody>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_name") }</th><td class="adapter-name">{ a.name.clone() }</td></tr>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_backend") }</th><td>{ a.backend.clone() }</td></tr>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_kind") }</th><td>{ a.device_type.clone() }</td></tr>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_software") }</th>
                            <td class="adapter-software">{ t(lang, if a.is_software { "scan.bench.yes_software" } else { "scan.bench.no_hardware" }) }</td></tr>
                    </tbody>
                </table>
                if a.is_software { <Banner kind={BannerKind::Info} text={t(lang, "scan.bench.software_note")} /> }
            </div>
        },
    };
    let table_rows = rows.iter().map(|r| {
        let faster = match (r.cpu_ms, r.gpu) {
            (Some(c), Some(g)) if g.total() < c => fill(lang, "scan.bench.gpu_faster", &[("x", &format!("{:.1}", c / g.total()))]),
            (Some(c), Some(g)) => fill(lang, "scan.bench.cpu_faster", &[("x", &format!("{:.1}", g.total() / c.max(1e-3)))]),
            _ => "—".to_owned(),
        };
        let cell = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), ms);
        html! {
            <>
                <tr data-len={r.len.to_string()}>
                    <th scope="row">{ length_text(r.len) }</th>
                    <td class="cpu-ms">{ cell(r.cpu_ms) }</td>
                    <td>{ cell(r.gpu.map(|g| g.upload)) }</td>
                    <td>{ cell(r.gpu.map(|g| g.compute)) }</td>
                    <td>{ cell(r.gpu.map(|g| g.read)) }</td>
                    <td class="gpu-ms">{ cell(r.gpu.map(|g| g.total())) }</td>
                    <td>{ faster }</td>
                    <td class={classes!("diff", r.diff.map(|d| if d <= 1e-4 { "ok" } else { "bad" }))}>{ r.diff.map_or_else(|| "—".to_owned(), sci) }</td>
                </tr>
                if let Some(note) = &r.note { <tr class="note"><td colspan="8">{ note.clone() }</td></tr> }
            </>
        }
    });
    let draw: DrawFn = {
        let rows = rows.clone();
        let labels = (
            t(lang, "scan.bench.series_cpu").to_owned(),
            t(lang, "scan.bench.series_gpu").to_owned(),
            t(lang, "scan.bench.series_compute").to_owned(),
        );
        let axes =
            (t(lang, "scan.bench.axis_x").to_owned(), t(lang, "scan.bench.axis_y").to_owned());
        Rc::new(move |area, theme| {
            let points = |f: &dyn Fn(&Measured) -> Option<f64>| {
                rows.iter().filter_map(|r| Some((r.len as f64, f(r)?))).collect::<Vec<_>>()
            };
            let chart = LogLogChart {
                x_label: &axes.0,
                y_label: &axes.1,
                series: vec![
                    Series {
                        label: &labels.0,
                        points: points(&|r| r.cpu_ms),
                        color: palette::BLUE,
                        style: SeriesStyle::Line,
                    },
                    Series {
                        label: &labels.1,
                        points: points(&|r| r.gpu.map(|g| g.total())),
                        color: palette::RED,
                        style: SeriesStyle::Line,
                    },
                    Series {
                        label: &labels.2,
                        points: points(&|r| r.gpu.map(|g| g.compute)),
                        color: palette::ORANGE,
                        style: SeriesStyle::Dashed,
                    },
                ],
                marker_x: None,
            };
            log_log_chart(area, &chart, theme).map(|_| None)
        })
    };
    let running = *sink.running;
    let verdict = rows.iter().rev().find_map(|r| Some((r.len, r.cpu_ms?, r.gpu?.total()))).map(
        |(len, c, g)| {
            let key = if g < c { "scan.bench.verdict_gpu" } else { "scan.bench.verdict_cpu" };
            fill(lang, key, &[("l", &length_text(len)), ("cpu", &ms(c)), ("gpu", &ms(g))])
        },
    );
    html! {
        <section class="bench" aria-labelledby="bench-title">
            <h2 id="bench-title">{ t(lang, "scan.bench.title") }</h2>
            <p><a href="#/scan">{ t(lang, "scan.bench.back") }</a></p>
            <Prose keys={vec!["scan.bench.intro1", "scan.bench.intro2"]} />
            <section class="panel">
                <h3>{ t(lang, "scan.bench.adapter_title") }</h3>
                { adapter_view }
            </section>
            <section class="panel">
                <div class="controls">
                    <Select id="bench-d" label={t(lang, "scan.bench.d")} options={options(&BENCH_D)} selected={page.d.to_string()} on_change={pick(|p, v| p.d = v)} />
                    <Select id="bench-n" label={t(lang, "scan.bench.n")} options={options(&BENCH_N)} selected={page.n.to_string()} on_change={pick(|p, v| p.n = v)} />
                    <Select id="bench-upto" label={t(lang, "scan.bench.upto")} options={options(&BENCH_LENS)} selected={page.up_to.to_string()} on_change={pick(|p, v| p.up_to = v)} />
                    <button type="button" class="primary" id="bench-run" disabled={running}
                            onclick={{ let (start, page) = (start.clone(), page.clone()); Callback::from(move |_| start.emit(page.lens())) }}>
                        { fill(lang, "scan.bench.run", &[("l", &length_text(page.up_to))]) }
                    </button>
                    <button type="button" id="bench-cancel" disabled={!running} onclick={cancel}>{ t(lang, "scan.bench.cancel") }</button>
                </div>
                <p class="hint">{ t(lang, "scan.bench.sizes_hint") }</p>
                if let Some(status) = &*sink.status { <p class="hint" role="status" id="bench-status">{ status.clone() }</p> }
                <div class="scroll">
                    <table class="data bench-table" id="bench-table">
                        <thead><tr>
                            <th scope="col">{ "L" }</th>
                            <th scope="col">{ t(lang, "scan.bench.col_cpu") }</th>
                            <th scope="col">{ t(lang, "scan.bench.col_upload") }</th>
                            <th scope="col">{ t(lang, "scan.bench.col_compute") }</th>
                            <th scope="col">{ t(lang, "scan.bench.col_read") }</th>
                            <th scope="col">{ t(lang, "scan.bench.col_total") }</th>
                            <th scope="col">{ t(lang, "scan.bench.col_faster") }</th>
                            <th scope="col">{ t(lang, "scan.bench.col_diff") }</th>
                        </tr></thead>
                        <tbody>{ for table_rows }</tbody>
                    </table>
                </div>
                if let Some(verdict) = verdict { <p class="readout" id="bench-verdict">{ verdict }</p> }
                if software { <p class="hint">{ t(lang, "scan.bench.software_verdict") }</p> }
                <Figure draw={draw} label={t(lang, "scan.bench.fig_label")} aspect={0.5} />
                <p class="hint">{ t(lang, "scan.bench.measured_note") }</p>
            </section>
            <section class="panel">
                <h3>{ t(lang, "scan.bench.pref_title") }</h3>
                <Prose keys={vec!["scan.bench.pref_intro"]} />
                <ComputePicker preference={preference} on_change={set_preference} />
            </section>
        </section>
    }
}
