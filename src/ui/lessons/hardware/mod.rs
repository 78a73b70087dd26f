//! Lesson 11, `#/hardware`: hardware-aware computation. For the learner's D, N, L, batch and
//! value type, and a GPU's published bandwidth and on-chip memory, the bytes a naive selective
//! scan moves through HBM (Ā, B̄u and every h materialized) against Mamba's fused kernel (inputs
//! read once, h kept in SRAM, only y written) — a computed model, drawn as the memory hierarchy
//! and tabled per kernel; what the backward pass needs when it stores the states or recomputes
//! them; and a measurement made here: the same two strategies on this device's CPU.

use crate::format::sci;
use crate::course::Lesson;
use crate::course::hardware::{BATCH, D_RANGE, HardwareLesson, L_K, N_RANGE};
use crate::explain::hardware::{
    GpuSpec, IoProblem, IoStage, IoTensor, PUBLISHED_GPUS, StageIo, backward_memory, fused_stages,
    naive_stages, on_chip, scan_fused, scan_materialized, traffic, transfer_ms,
};
use crate::explain::scan::max_scaled_difference;
use crate::i18n::{Lang, fill, t};
use crate::format::compact;
use crate::plot::{LogLogChart, Series, SeriesStyle, log_log_chart, palette};
use crate::route::Route;
use crate::ssm::{BRule, Rng, ScanDims, SelectiveScanInput};
use crate::ui::components::{DrawFn, Figure, Prose, Select, Slider, TryThis};
use crate::ui::compute::{now_ms, yield_to_browser};
use crate::ui::hooks::{use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Bytes in words a reader takes in at a glance: 512 B, 3.2 MB, 1.1 GB (powers of 1000).
pub(crate) fn bytes(b: u64) -> String {
    let x = b as f64;
    match x {
        x if x >= 1e9 => format!("{:.2} GB", x / 1e9),
        x if x >= 1e6 => format!("{:.1} MB", x / 1e6),
        x if x >= 1e3 => format!("{:.1} KB", x / 1e3),
        _ => format!("{b} B"),
    }
}

/// Milliseconds, or microseconds when small.
fn duration(ms: f64) -> String {
    if ms < 0.1 { format!("{:.1} µs", ms * 1e3) } else { format!("{ms:.2} ms") }
}

fn tensor_name(tensor: IoTensor) -> &'static str {
    match tensor {
        IoTensor::U => "u",
        IoTensor::Delta => "Δ",
        IoTensor::A => "A",
        IoTensor::B => "B",
        IoTensor::C => "C",
        IoTensor::Skip => "D",
        IoTensor::ABar => "Ā",
        IoTensor::BBarU => "B̄u",
        IoTensor::H => "h",
        IoTensor::Y => "y",
    }
}

fn stage_name(lang: Lang, stage: IoStage) -> &'static str {
    match stage {
        IoStage::Discretize => t(lang, "hardware.stage_discretize"),
        IoStage::Scan => t(lang, "hardware.stage_scan"),
        IoStage::Output => t(lang, "hardware.stage_output"),
        IoStage::Fused => t(lang, "hardware.stage_fused"),
    }
}

fn names(tensors: &[IoTensor]) -> String {
    tensors.iter().map(|&x| tensor_name(x)).collect::<Vec<_>>().join(", ")
}

/// The memory hierarchy with the traffic of both implementations: HBM on the left, on-chip
/// SRAM on the right, one row per kernel with an arrow for its reads (HBM → SRAM) and one for
/// its writes (SRAM → HBM), each as thick as the square root of its bytes.
fn hierarchy(lang: Lang, p: &IoProblem, gpu: &GpuSpec) -> Html {
    const W: f64 = 960.0;
    const ROW: f64 = 84.0;
    const MEM_W: f64 = 250.0;
    let naive = naive_stages();
    let fused = fused_stages();
    let most = naive
        .iter()
        .chain(&fused)
        .flat_map(|s| [s.read_bytes(p), s.written_bytes(p)])
        .max()
        .unwrap_or(1)
        .max(1);
    let width = |b: u64| if b == 0 { 0.0 } else { 2.0 + 12.0 * (b as f64 / most as f64).sqrt() };
    let hbm_label = fill(
        lang,
        "hardware.hbm_box",
        &[("mem", gpu.memory), ("bw", &format!("{:.0}", gpu.bandwidth_gb_s))],
    );
    let sram_label = fill(
        lang,
        "hardware.sram_box",
        &[("kib", &gpu.sram_per_sm_kib.to_string()), ("sms", &gpu.sms.to_string())],
    );
    let (left, right) = (10.0 + MEM_W, W - 10.0 - MEM_W);
    let mid = (left + right) / 2.0;
    let panel = |title: &str, stages: &[StageIo], top: f64, class: &'static str| {
        let height = stages.len() as f64 * ROW;
        let rows = stages.iter().enumerate().map(|(i, s)| {
            let (r, w) = (s.read_bytes(p), s.written_bytes(p));
            let y = top + 28.0 + i as f64 * ROW + ROW / 2.0;
            let (read_y, write_y) = (y - 12.0, y + 14.0);
            html! {
                <g class={classes!("kernel", class)}>
                    { arrow("read", left + 4.0, right - 2.0, read_y, width(r)) }
                    { arrow("write", right - 4.0, left + 2.0, write_y, width(w)) }
                    <text class="arrow-label" x={mid.to_string()} y={(read_y - 4.0 - width(r) / 2.0).to_string()} text-anchor="middle" font-size="12">
                        { format!("{} → {}   {}", t(lang, "hardware.read"), names(&s.reads), bytes(r)) }
                    </text>
                    <text class="arrow-label" x={mid.to_string()} y={(write_y + 13.0 + width(w) / 2.0).to_string()} text-anchor="middle" font-size="12">
                        { format!("{} ← {}   {}", t(lang, "hardware.write"), names(&s.writes), bytes(w)) }
                    </text>
                    <text class="kernel-name" x={(right + 12.0).to_string()} y={(y + 4.0).to_string()} font-size="13">{ stage_name(lang, s.stage) }</text>
                    if s.stage == IoStage::Fused {
                        <text class="keep" x={(right + 12.0).to_string()} y={(y + 22.0).to_string()} font-size="12">{ t(lang, "hardware.h_stays") }</text>
                    }
                </g>
            }
        });
        html! {
            <g>
                <text class="side-title" x="10" y={(top + 16.0).to_string()} font-size="15">{ title.to_owned() }</text>
                <g class="mem hbm">
                    <rect x="10" y={(top + 24.0).to_string()} width={MEM_W.to_string()} height={height.to_string()} rx="8" />
                    <text x="20" y={(top + 44.0).to_string()} font-size="12">{ hbm_label.clone() }</text>
                </g>
                <g class="mem sram">
                    <rect x={right.to_string()} y={(top + 24.0).to_string()} width={MEM_W.to_string()} height={height.to_string()} rx="8" />
                    <text x={(right + 12.0).to_string()} y={(top + 44.0).to_string()} font-size="11">{ sram_label.clone() }</text>
                </g>
                { for rows }
            </g>
        }
    };
    let fused_top = 40.0 + naive.len() as f64 * ROW;
    let height = fused_top + 40.0 + ROW;
    html! {
        <svg class="hierarchy" viewBox={format!("0 0 {W} {height}")} role="img" aria-label={t(lang, "hardware.hierarchy_label")}>
            { panel(t(lang, "hardware.naive_title"), &naive, 0.0, "naive") }
            { panel(t(lang, "hardware.fused_title"), &fused, fused_top, "fused") }
        </svg>
    }
}

/// A horizontal arrow from x0 to x1 (its tip) at height y, `width` thick, with a head that
/// grows with it.
fn arrow(class: &'static str, x0: f64, x1: f64, y: f64, width: f64) -> Html {
    if width == 0.0 {
        return html! {};
    }
    let head_w = (width * 1.6).max(12.0);
    let head_l = head_w * 0.8 * (x1 - x0).signum();
    let base = x1 - head_l;
    let points = format!("{base},{} {x1},{y} {base},{}", y - head_w / 2.0, y + head_w / 2.0);
    html! {
        <g class={classes!("arrow", class)}>
            <line x1={x0.to_string()} y1={y.to_string()} x2={base.to_string()} y2={y.to_string()} stroke-width={width.to_string()} />
            <polygon points={points} />
        </g>
    }
}

/// One row of the per-kernel table.
fn stage_row(lang: Lang, s: &StageIo, p: &IoProblem, gb_s: f64) -> Html {
    let (r, w) = (s.read_bytes(p), s.written_bytes(p));
    html! {
        <tr>
            <th scope="row">{ stage_name(lang, s.stage) }</th>
            <td class="left">{ names(&s.reads) }</td><td>{ bytes(r) }</td>
            <td class="left">{ names(&s.writes) }</td><td>{ bytes(w) }</td>
            <td>{ duration(transfer_ms(r + w, gb_s)) }</td>
        </tr>
    }
}

/// A measurement of the two CPU kernels.
#[derive(Clone, PartialEq)]
enum Measurement {
    Idle,
    Running,
    Done { d: usize, n: usize, l: usize, materialized_ms: f64, fused_ms: f64, diff: f64 },
    Failed(String),
}

/// The fastest of `runs` timings of `f`, in milliseconds (the least disturbed run).
async fn best_of<T>(runs: usize, f: impl Fn() -> T) -> (T, f64) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..runs {
        yield_to_browser().await;
        let start = now_ms();
        let value = f();
        best = best.min(now_ms() - start);
        out = Some(value);
    }
    (out.expect("at least one run"), best)
}

/// The bytes chart: naive and fused HBM traffic against L, for the problem's other sizes.
fn traffic_draw(lang: Lang, p: IoProblem) -> DrawFn {
    let labels =
        (t(lang, "hardware.series_naive").to_owned(), t(lang, "hardware.series_fused").to_owned());
    let axes = (t(lang, "hardware.axis_l").to_owned(), t(lang, "hardware.axis_bytes").to_owned());
    Rc::new(move |area, theme| {
        let at = |l: u64, stages: &[StageIo]| {
            let (r, w) = traffic(stages, &IoProblem { l, ..p });
            (l as f64, (r + w) as f64)
        };
        let ls: Vec<u64> = (L_K.0..=L_K.1).map(|k| 1u64 << k).collect();
        let chart = LogLogChart {
            x_label: &axes.0,
            y_label: &axes.1,
            series: vec![
                Series {
                    label: &labels.0,
                    points: ls.iter().map(|&l| at(l, &naive_stages())).collect(),
                    color: palette::RED,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: &labels.1,
                    points: ls.iter().map(|&l| at(l, &fused_stages())).collect(),
                    color: palette::GREEN,
                    style: SeriesStyle::Line,
                },
            ],
            marker_x: Some(p.l as f64),
        };
        log_log_chart(area, &chart, theme).map(|_| None)
    })
}

#[function_component(HardwareLessonView)]
pub(crate) fn hardware_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<HardwareLesson>(Route::Lesson(Lesson::Hardware, None));
    let s = lesson.state.clone();
    use_update_measure("hardware", &*s);
    let measurement = use_state(|| Measurement::Idle);
    let p = s.problem();
    let gpu = PUBLISHED_GPUS[s.gpu.min(PUBLISHED_GPUS.len() - 1)];
    let (naive, fused) = (naive_stages(), fused_stages());
    let (nr, nw) = traffic(&naive, &p);
    let (fr, fw) = traffic(&fused, &p);
    let ratio = (nr + nw) as f64 / (fr + fw).max(1) as f64;
    let chip = on_chip(&p, &gpu);
    let backward = backward_memory(&p);

    let edit = |f: fn(&mut HardwareLesson, f64)| lesson.on(f);
    let select = |f: fn(&mut HardwareLesson, usize)| lesson.parsed(f);
    let gpus = PUBLISHED_GPUS
        .iter()
        .enumerate()
        .map(|(i, g)| (AttrValue::from(i.to_string()), AttrValue::from(g.name)))
        .collect::<Vec<_>>();
    let types = vec![
        (AttrValue::from("2"), AttrValue::from(t(lang, "hardware.bytes_2"))),
        (AttrValue::from("4"), AttrValue::from(t(lang, "hardware.bytes_4"))),
    ];
    let draw = use_memo((lang, p), |&(lang, p)| traffic_draw(lang, p));
    // The CPU measurement: this lesson's N and L, with D cut so that D·N·L stays small.
    let measure = {
        let measurement = measurement.clone();
        let (n, l) = (s.n as usize, (s.length() as usize).min(1 << 14));
        Callback::from(move |_: MouseEvent| {
            let d = ((1usize << 21) / (n * l)).clamp(1, 64);
            measurement.set(Measurement::Running);
            let measurement = measurement.clone();
            spawn_local(async move {
                let input = SelectiveScanInput::random(ScanDims { d, n, l }, &mut Rng::new(3));
                let (materialized, materialized_ms) =
                    best_of(3, || scan_materialized(&input, BRule::Euler)).await;
                let (fused, fused_ms) = best_of(3, || scan_fused(&input, BRule::Euler)).await;
                measurement.set(match (materialized, fused) {
                    (Ok(a), Ok(b)) => {
                        let diff = max_scaled_difference(a.y.as_slice(), b.y.as_slice());
                        Measurement::Done { d, n, l, materialized_ms, fused_ms, diff }
                    }
                    (Err(e), _) | (_, Err(e)) => Measurement::Failed(e.to_string()),
                });
            });
        })
    };
    let measured = match &*measurement {
        Measurement::Idle => html! { <p class="hint">{ t(lang, "hardware.measure_idle") }</p> },
        Measurement::Running => {
            html! { <p class="hint" role="status">{ t(lang, "hardware.measure_running") }</p> }
        }
        Measurement::Failed(e) => {
            html! { <p class="banner warning" role="alert">{ e.clone() }</p> }
        }
        Measurement::Done { d, n, l, materialized_ms, fused_ms, diff } => html! {
            <div id="hardware-measured">
                <p class="readout">{ fill(lang, "hardware.measured_sizes", &[("d", &d.to_string()), ("n", &n.to_string()), ("l", &l.to_string())]) }</p>
                <table class="data">
                    <tbody>
                        <tr><th scope="row">{ t(lang, "hardware.measured_materialized") }</th><td class="materialized-ms">{ format!("{materialized_ms:.2} ms") }</td></tr>
                        <tr><th scope="row">{ t(lang, "hardware.measured_fused") }</th><td class="fused-ms">{ format!("{fused_ms:.2} ms") }</td></tr>
                    </tbody>
                </table>
                <p class="readout">{ fill(lang, "hardware.measured_ratio", &[("x", &format!("{:.1}", materialized_ms / fused_ms.max(1e-3))), ("diff", &sci(*diff))]) }</p>
            </div>
        },
    };
    let published = PUBLISHED_GPUS.iter().enumerate().map(|(i, g)| html! {
        <tr class={classes!((i == s.gpu).then_some("chosen"))}>
            <th scope="row">{ g.name }</th><td>{ g.memory }</td><td>{ format!("{:.0}", g.bandwidth_gb_s) }</td>
            <td>{ g.sms }</td><td>{ g.sram_per_sm_kib }</td>
        </tr>
    });
    let model = t(lang, "hardware.label_model");
    let model_short = t(lang, "hardware.label_model_short");
    html! {
        <>
            <Prose keys={vec!["hardware.intro1", "hardware.intro2"]} />
            <section class="panel">
                <div class="controls">
                    <Slider id="hardware-batch" label={t(lang, "hardware.batch")} value={s.batch as f64} min={BATCH.0 as f64} max={BATCH.1 as f64} step={1.0} digits={0} on_change={edit(|s, v| s.batch = v as u64)} />
                    <Slider id="hardware-d" label={t(lang, "hardware.d")} value={s.d as f64} min={D_RANGE.0 as f64} max={D_RANGE.1 as f64} step={64.0} digits={0} on_change={edit(|s, v| s.d = v as u64)} />
                    <Slider id="hardware-n" label={t(lang, "hardware.n")} value={s.n as f64} min={N_RANGE.0 as f64} max={N_RANGE.1 as f64} step={1.0} digits={0} on_change={edit(|s, v| s.n = v as u64)} />
                    <Slider id="hardware-l" label={t(lang, "hardware.l")} value={f64::from(s.l_k)} min={f64::from(L_K.0)} max={f64::from(L_K.1)} step={1.0} digits={0}
                            unit={format!("→ L = {}", compact(p.l as f64))} on_change={edit(|s, v| s.l_k = v as u32)} />
                    <Select id="hardware-bytes" label={t(lang, "hardware.bytes")} options={types} selected={s.elem_bytes.to_string()} on_change={select(|s, v| s.elem_bytes = v as u64)} />
                    <Select id="hardware-gpu" label={t(lang, "hardware.gpu")} options={gpus} selected={s.gpu.to_string()} on_change={select(|s, v| s.gpu = v)} />
                </div>
                <p class="label-model">{ model }</p>
                { hierarchy(lang, &p, &gpu) }
                <p class="readout" id="hardware-ratio">{ fill(lang, "hardware.ratio", &[("naive", &bytes(nr + nw)), ("fused", &bytes(fr + fw)), ("x", &format!("{ratio:.1}"))]) }</p>
                <div class="scroll">
                    <table class="data io-table" id="hardware-table">
                        <thead><tr>
                            <th scope="col">{ t(lang, "hardware.col_kernel") }</th>
                            <th scope="col">{ t(lang, "hardware.col_reads") }</th><th scope="col">{ t(lang, "hardware.col_read_bytes") }</th>
                            <th scope="col">{ t(lang, "hardware.col_writes") }</th><th scope="col">{ t(lang, "hardware.col_write_bytes") }</th>
                            <th scope="col">{ fill(lang, "hardware.col_time", &[("bw", &format!("{:.0}", gpu.bandwidth_gb_s))]) }</th>
                        </tr></thead>
                        <tbody>
                            { for naive.iter().map(|st| stage_row(lang, st, &p, gpu.bandwidth_gb_s)) }
                            <tr class="total"><th scope="row">{ t(lang, "hardware.naive_total") }</th><td></td><td>{ bytes(nr) }</td><td></td><td>{ bytes(nw) }</td><td>{ duration(transfer_ms(nr + nw, gpu.bandwidth_gb_s)) }</td></tr>
                            { for fused.iter().map(|st| stage_row(lang, st, &p, gpu.bandwidth_gb_s)) }
                        </tbody>
                    </table>
                </div>
                <p class="hint">{ t(lang, "hardware.time_note") }</p>
                <Figure draw={(*draw).clone()} label={t(lang, "hardware.fig_label")} aspect={0.45} />
            </section>
            <Prose keys={vec!["hardware.sram1"]} />
            <section class="panel">
                <p class="label-model">{ model_short }</p>
                <p class="readout" id="hardware-sram">{ fill(lang, "hardware.sram_readout", &[
                    ("n", &s.n.to_string()), ("per", &bytes(chip.state_per_channel)), ("kib", &gpu.sram_per_sm_kib.to_string()),
                    ("fit", &chip.channels_per_sm.to_string()), ("channels", &(s.batch * s.d).to_string()), ("total", &bytes(chip.state_total)),
                    ("sram", &bytes(chip.sram_total)), ("sms", &gpu.sms.to_string()),
                ]) }</p>
                <p class="hint">{ t(lang, if chip.state_total <= chip.sram_total { "hardware.sram_fits" } else { "hardware.sram_waves" }) }</p>
            </section>
            <Prose keys={vec!["hardware.backward1"]} />
            <section class="panel">
                <p class="label-model">{ model_short }</p>
                <table class="data" id="hardware-backward">
                    <thead><tr><th scope="col">{ t(lang, "hardware.col_strategy") }</th><th scope="col">{ t(lang, "hardware.col_kept") }</th><th scope="col">{ t(lang, "hardware.col_extra") }</th></tr></thead>
                    <tbody>
                        <tr><th scope="row">{ t(lang, "hardware.store") }</th><td>{ bytes(backward.stored_bytes) }</td><td>{ bytes(backward.store_traffic) }</td></tr>
                        <tr><th scope="row">{ t(lang, "hardware.recompute") }</th><td>{ "0 B" }</td><td>{ bytes(backward.recompute_traffic) }</td></tr>
                    </tbody>
                </table>
                <p class="hint">{ t(lang, "hardware.backward_note") }</p>
            </section>
            <h2>{ t(lang, "hardware.measured_title") }</h2>
            <Prose keys={vec!["hardware.measured_intro"]} />
            <section class="panel">
                <p class="label-measured">{ t(lang, "hardware.label_measured") }</p>
                <button type="button" class="primary" id="hardware-measure" onclick={measure}
                        disabled={*measurement == Measurement::Running}>{ t(lang, "hardware.measure") }</button>
                { measured }
            </section>
            <h2>{ t(lang, "hardware.specs_title") }</h2>
            <section class="panel">
                <p class="label-published">{ t(lang, "hardware.label_published") }</p>
                <table class="data" id="hardware-specs">
                    <thead><tr>
                        <th scope="col">{ t(lang, "hardware.col_gpu") }</th><th scope="col">{ t(lang, "hardware.col_memory") }</th>
                        <th scope="col">{ t(lang, "hardware.col_bandwidth") }</th><th scope="col">{ t(lang, "hardware.col_sms") }</th>
                        <th scope="col">{ t(lang, "hardware.col_sram") }</th>
                    </tr></thead>
                    <tbody>{ for published }</tbody>
                </table>
                <p class="hint">{ t(lang, "hardware.specs_note") }</p>
            </section>
            <TryThis keys={vec!["hardware.try1", "hardware.try2", "hardware.try3"]} />
        </>
    }
}
