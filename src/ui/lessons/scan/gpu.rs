//! The GPU panel of `#/scan`: the same scan on WebGPU against the CPU, and a long scan.

use super::Edit;
use crate::course::compute::Engine;
use crate::course::scan::{Example, LONG_K, ScanLesson};
use crate::explain::scan::{digits, max_scaled_difference, ssm_pairs};
use crate::gpu::{AdapterSummary, GpuError, ScanProblem};
use crate::i18n::{Lang, fill, t};
use crate::ssm::{BRule, ScanAlgorithm, scan_sequential, selective_scan};
use crate::ui::components::{Banner, BannerKind, Prose, ScrollBox, Slider};
use crate::ui::compute::{
    ComputePicker, choose_engine, engine_text, error_detail, error_text, failure_view,
    forget_gpu_session, gpu_session,
    length_text, now_ms, reason_text, use_compute_preference, yield_to_browser,
};
use crate::ui::hooks::on;
use crate::ui::lang::use_lang;
use crate::format::{fixed, ms, sci};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// A GPU run of the lesson's example: the adapter, its results and the CPU's.
#[derive(Clone, PartialEq)]
pub(super) enum GpuRun {
    Idle,
    Running,
    Done {
        adapter: AdapterSummary,
        gpu: Vec<f64>,
        cpu: Vec<f64>,
        diff: f64,
        gpu_ms: f64,
        cpu_ms: f64,
    },
    /// The plain sentence and the technical detail.
    Failed(String, String),
}

/// The example of length `len` (digits or pairs from `seed`) on the GPU and on the CPU: the
/// running sums or the states h_t from both, and their times.
async fn run_both(
    example: Example,
    len: usize,
    seed: u64,
) -> Result<(AdapterSummary, Vec<f64>, f64, Vec<f64>, f64), GpuError> {
    let session = gpu_session().await?;
    let (gpu, gpu_ms, cpu, cpu_ms) = match example {
        Example::Sums => {
            let values = digits(len, seed);
            let f32s: Vec<f32> = values.iter().map(|v| v.0 as f32).collect();
            let start = now_ms();
            let gpu = session.prefix.run(&session.ctx, &f32s).await?;
            let gpu_ms = now_ms() - start;
            yield_to_browser().await;
            let start = now_ms();
            let cpu: Vec<f64> = scan_sequential(&values).iter().map(|s| s.0).collect();
            (gpu.iter().map(|&x| f64::from(x)).collect(), gpu_ms, cpu, now_ms() - start)
        }
        Example::Pairs => {
            let example = ssm_pairs(len, seed).map_err(|e| GpuError::Input(e.to_string()))?;
            let start = now_ms();
            let problem = ScanProblem::from_input(&example.input, BRule::Euler)?;
            let out = session.scan.run(&session.ctx, &problem).await?;
            let gpu_ms = now_ms() - start;
            yield_to_browser().await;
            let start = now_ms();
            let cpu = selective_scan(&example.input, BRule::Euler, ScanAlgorithm::Sequential)
                .map_err(|e| GpuError::Input(e.to_string()))?;
            let cpu_ms = now_ms() - start;
            (
                out.y.iter().map(|&x| f64::from(x)).collect(),
                gpu_ms,
                cpu.y.iter().copied().collect(),
                cpu_ms,
            )
        }
    };
    Ok((session.adapter.clone(), gpu, gpu_ms, cpu, cpu_ms))
}

/// A run of the long scan on the engine the preference chose.
#[derive(Clone, PartialEq)]
pub(super) enum LongRun {
    Idle,
    Running,
    Done {
        len: usize,
        engine: Engine,
        cpu_ms: f64,
        gpu_ms: Option<f64>,
        diff: Option<f64>,
        note: Option<String>,
    },
}

#[derive(Properties, PartialEq)]
pub(super) struct GpuProps {
    pub(super) example: Example,
    pub(super) n: usize,
    pub(super) seed: u64,
    pub(super) long_k: usize,
    pub(super) update: Callback<Edit>,
}

/// Running the lesson's scan on WebGPU, and a longer one on the preferred engine.
#[function_component(GpuSection)]
pub(super) fn gpu_panel(props: &GpuProps) -> Html {
    let lang = use_lang();
    let gpu_run = &use_state(|| GpuRun::Idle);
    let long_run = &use_state(|| LongRun::Idle);
    let (preference, set_preference) = use_compute_preference();
    let on_long = on(&props.update, |s: &mut ScanLesson, v: f64| s.long_k = v as usize);
    let (example, n, seed, long_k) = (props.example, props.n, props.seed, props.long_k);
    let run = {
        let gpu_run = gpu_run.clone();
        Callback::from(move |_: MouseEvent| {
            gpu_run.set(GpuRun::Running);
            let gpu_run = gpu_run.clone();
            spawn_local(async move {
                gpu_run.set(match run_both(example, n, seed).await {
                    Ok((adapter, gpu, gpu_ms, cpu, cpu_ms)) => {
                        let diff = max_scaled_difference(&gpu, &cpu);
                        GpuRun::Done { adapter, gpu, cpu, diff, gpu_ms, cpu_ms }
                    }
                    Err(e) => {
                        forget_gpu_session();
                        GpuRun::Failed(error_text(lang, &e), error_detail(&e))
                    }
                });
            });
        })
    };
    let len = 1usize << long_k;
    let (engine, reason) = choose_engine(preference, len);
    let run_long = {
        let long_run = long_run.clone();
        Callback::from(move |_: MouseEvent| {
            long_run.set(LongRun::Running);
            let long_run = long_run.clone();
            spawn_local(async move {
                yield_to_browser().await;
                long_run.set(long_scan(lang, example, len, seed, engine).await);
            });
        })
    };
    let result = match &**gpu_run {
        GpuRun::Idle => html! { <p class="hint">{ t(lang, "scan.gpu_idle") }</p> },
        GpuRun::Running => {
            html! { <p class="hint" role="status">{ t(lang, "scan.gpu_running") }</p> }
        }
        GpuRun::Failed(message, detail) => failure_view(lang, message, detail),
        GpuRun::Done { adapter, gpu, cpu, diff, gpu_ms, cpu_ms } => {
            let software = adapter.is_software.then(|| t(lang, "scan.gpu_software"));
            let shown = gpu.len().min(8);
            html! {
                <div class="gpu-result" id="scan-gpu-result">
                    <p class="readout">{ fill(lang, "scan.gpu_adapter", &[("name", &adapter.name), ("kind", &adapter.device_type)]) }</p>
                    if let Some(software) = software { <p class="hint">{ software }</p> }
                    <ScrollBox>
                        <table class="data">
                            <tbody>
                                <tr><th scope="row">{ t(lang, "scan.gpu_row_gpu") }</th>{ for gpu[..shown].iter().map(|x| html! { <td>{ fixed(*x, 4) }</td> }) }</tr>
                                <tr><th scope="row">{ t(lang, "scan.gpu_row_cpu") }</th>{ for cpu[..shown].iter().map(|x| html! { <td>{ fixed(*x, 4) }</td> }) }</tr>
                            </tbody>
                        </table>
                    </ScrollBox>
                    <p class={classes!("readout", "check", if *diff <= 1e-4 { "ok" } else { "bad" })} id="scan-gpu-diff">
                        { fill(lang, "scan.gpu_diff", &[("n", &gpu.len().to_string()), ("shown", &shown.to_string()), ("diff", &sci(*diff)), ("gpu", &ms(*gpu_ms)), ("cpu", &ms(*cpu_ms))]) }
                    </p>
                </div>
            }
        }
    };
    let long_result = match &**long_run {
        LongRun::Idle => html! {},
        LongRun::Running => {
            html! { <p class="hint" role="status">{ t(lang, "scan.gpu_running") }</p> }
        }
        LongRun::Done { len, engine, cpu_ms, gpu_ms, diff, note } => html! {
            <div id="scan-long-result">
                if let Some(note) = note { <Banner kind={BannerKind::Warning} text={note.clone()} /> }
                <p class="readout">{ match (gpu_ms, diff) {
                    (Some(g), Some(d)) => fill(lang, "scan.long_gpu", &[("l", &length_text(*len)), ("gpu", &ms(*g)), ("cpu", &ms(*cpu_ms)), ("diff", &sci(*d))]),
                    _ => fill(lang, "scan.long_cpu", &[("l", &length_text(*len)), ("cpu", &ms(*cpu_ms)), ("engine", engine_text(lang, *engine))]),
                } }</p>
            </div>
        },
    };
    html! {
        <section class="panel gpu">
            <h2>{ t(lang, "scan.gpu_title") }</h2>
            <Prose keys={vec!["scan.gpu_intro"]} />
            <button type="button" class="primary" id="scan-gpu-run" onclick={run}
                    disabled={**gpu_run == GpuRun::Running}>{ t(lang, "scan.gpu_run") }</button>
            { result }
            <h3>{ t(lang, "scan.long_title") }</h3>
            <div class="controls">
                <Slider id="scan-long" label={t(lang, "scan.long_len")} value={long_k as f64} min={LONG_K.0 as f64} max={LONG_K.1 as f64}
                        step={1.0} digits={0} unit={format!("→ L = {}", length_text(len))} on_change={on_long} />
                <ComputePicker preference={preference} on_change={set_preference} />
            </div>
            <p class="readout" id="scan-engine">{ fill(lang, "scan.long_engine", &[("engine", engine_text(lang, engine)), ("why", &reason_text(lang, reason))]) }</p>
            <button type="button" id="scan-long-run" onclick={run_long} disabled={**long_run == LongRun::Running}>
                { fill(lang, "scan.long_run", &[("l", &length_text(len))]) }
            </button>
            { long_result }
            <p><a class="button" href="#/scan/bench">{ t(lang, "scan.bench_link") }</a></p>
        </section>
    }
}

/// The long scan on the chosen engine; on the GPU, checked against the CPU.
async fn long_scan(lang: Lang, example: Example, len: usize, seed: u64, engine: Engine) -> LongRun {
    if engine == Engine::Gpu {
        match run_both(example, len, seed).await {
            Ok((_, gpu, gpu_ms, cpu, cpu_ms)) => {
                let diff = max_scaled_difference(&gpu, &cpu);
                return LongRun::Done {
                    len,
                    engine,
                    cpu_ms,
                    gpu_ms: Some(gpu_ms),
                    diff: Some(diff),
                    note: None,
                };
            }
            Err(e) => {
                forget_gpu_session();
                let note = Some(error_text(lang, &e));
                let cpu_ms = cpu_only(example, len, seed);
                return LongRun::Done {
                    len,
                    engine: Engine::Cpu,
                    cpu_ms,
                    gpu_ms: None,
                    diff: None,
                    note,
                };
            }
        }
    }
    let cpu_ms = cpu_only(example, len, seed);
    LongRun::Done { len, engine, cpu_ms, gpu_ms: None, diff: None, note: None }
}

/// Milliseconds the CPU takes for the example of length `len`.
pub(super) fn cpu_only(example: Example, len: usize, seed: u64) -> f64 {
    match example {
        Example::Sums => {
            let values = digits(len, seed);
            let start = now_ms();
            let _ = scan_sequential(&values);
            now_ms() - start
        }
        Example::Pairs => match ssm_pairs(len, seed) {
            Ok(ex) => {
                let start = now_ms();
                let _ = selective_scan(&ex.input, BRule::Euler, ScanAlgorithm::Sequential);
                now_ms() - start
            }
            Err(_) => 0.0,
        },
    }
}
