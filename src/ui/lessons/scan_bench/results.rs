//! The results of `#/scan/bench`: the adapter found, the table of measured lengths and their
//! times on a log-log chart.

use super::run::{Adapter, Measured};
use crate::figures;
use crate::format::{ms, sci};
use crate::i18n::{fill, t};
use crate::ui::components::{Banner, BannerKind, DrawFn, Figure, ScrollBox};
use crate::ui::compute::{failure_view, length_text};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct AdapterProps {
    pub(super) adapter: Adapter,
}

/// The WebGPU adapter: still checking, missing (and why), or its name, backend and kind.
#[function_component(AdapterView)]
pub(super) fn adapter_view(p: &AdapterProps) -> Html {
    let lang = use_lang();
    match &p.adapter {
        Adapter::Checking => {
            html! { <p class="hint" role="status">{ t(lang, "scan.bench.checking") }</p> }
        }
        Adapter::Missing(_, detail) => html! {
            <div id="bench-no-webgpu">{ failure_view(lang, t(lang, "scan.bench.no_webgpu"), detail) }</div>
        },
        Adapter::Ready(a) => html! {
            <div id="bench-adapter">
                <ScrollBox>
                <table class="data adapter">
                    <tbody>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_name") }</th><td class="adapter-name">{ a.name.clone() }</td></tr>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_backend") }</th><td>{ a.backend.clone() }</td></tr>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_kind") }</th><td>{ a.device_type.clone() }</td></tr>
                        <tr><th scope="row">{ t(lang, "scan.bench.adapter_software") }</th>
                            <td class="adapter-software">{ t(lang, if a.is_software { "scan.bench.yes_software" } else { "scan.bench.no_hardware" }) }</td></tr>
                    </tbody>
                </table>
                </ScrollBox>
                if a.is_software { <Banner kind={BannerKind::Info} text={t(lang, "scan.bench.software_note")} /> }
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct RowsProps {
    /// The lengths measured so far, shortest first.
    pub(super) rows: Rc<Vec<Measured>>,
}

/// One line per length: the CPU's time, the GPU's three phases and total, which was faster and
/// the largest difference between the two results.
#[function_component(BenchTable)]
pub(super) fn bench_table(p: &RowsProps) -> Html {
    let lang = use_lang();
    let table_rows = p.rows.iter().map(|r| {
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
    html! {
        <ScrollBox>
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
        </ScrollBox>
    }
}

/// The CPU's time, the GPU's total and its compute alone against L, log-log.
#[function_component(BenchChart)]
pub(super) fn bench_chart(p: &RowsProps) -> Html {
    let lang = use_lang();
    let draw: DrawFn = {
        let rows = Rc::clone(&p.rows);
        Rc::new(move |area, theme| {
            let points = |f: &dyn Fn(&Measured) -> Option<f64>| {
                rows.iter().filter_map(|r| Some((r.len as f64, f(r)?))).collect::<Vec<_>>()
            };
            let (cpu, gpu, compute) = (
                points(&|r| r.cpu_ms),
                points(&|r| r.gpu.map(|g| g.total())),
                points(&|r| r.gpu.map(|g| g.compute)),
            );
            figures::scan::bench(area, theme, lang, &cpu, &gpu, &compute)
        })
    };
    html! { <Figure id="scan/bench" draw={draw} label={t(lang, "scan.bench.fig_label")} aspect={0.5} /> }
}
