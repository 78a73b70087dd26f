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

mod results;
mod run;

use crate::course::Lesson;
use crate::course::scan::{BENCH_D, BENCH_LENS, BENCH_N, BenchPage};
use crate::format::ms;
use crate::i18n::{fill, t};
use crate::route::Route;
use crate::ui::components::{Prose, Select};
use crate::ui::compute::{ComputePicker, length_text, use_compute_preference};
use crate::ui::hooks::use_lesson;
use crate::ui::lang::use_lang;
use results::{AdapterView, BenchChart, BenchTable};
use run::{Adapter, Sink, run};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Lengths measured on load (cheap even on a software adapter).
const ON_LOAD: usize = 1 << 12;

/// The bench page: sizes to pick, run and cancel, the adapter, the results and the compute
/// preference.
#[function_component(ScanBenchView)]
pub(crate) fn scan_bench() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<BenchPage>(Route::Lesson(Lesson::Scan, Some("bench".into())));
    let page = lesson.state.clone();
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
    let pick = |f: fn(&mut BenchPage, usize)| lesson.parsed(f);
    let rows = Rc::new((*sink.rows).clone());
    let adapter = (*sink.adapter).clone();
    let software = matches!(&adapter, Adapter::Ready(a) if a.is_software);
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
                <AdapterView adapter={adapter} />
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
                <BenchTable rows={Rc::clone(&rows)} />
                if let Some(verdict) = verdict { <p class="readout" id="bench-verdict">{ verdict }</p> }
                if software { <p class="hint">{ t(lang, "scan.bench.software_verdict") }</p> }
                <BenchChart rows={rows} />
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
