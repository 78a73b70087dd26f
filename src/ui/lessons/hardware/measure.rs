//! `#/hardware`'s measurement: the materialized and the fused scan timed on this device's CPU.

use super::PanelProps;
use crate::ui::components::ScrollBox;
use crate::explain::hardware::{scan_fused, scan_materialized};
use crate::explain::scan::max_scaled_difference;
use crate::format::sci;
use crate::i18n::{fill, t};
use crate::ssm::{BRule, Rng, ScanDims, SelectiveScanInput, SsmError};
use crate::ui::errors::error_text;
use crate::ui::compute::{now_ms, yield_to_browser};
use crate::ui::lang::use_lang;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// A measurement of the two CPU kernels.
#[derive(Clone, PartialEq)]
enum Measurement {
    Idle,
    Running,
    Done { d: usize, n: usize, l: usize, materialized_ms: f64, fused_ms: f64, diff: f64 },
    Failed(SsmError),
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

#[function_component(MeasurePanel)]
pub(super) fn measure_panel(props: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &props.lesson.state;
    let measurement = use_state(|| Measurement::Idle);
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
                    (Err(e), _) | (_, Err(e)) => Measurement::Failed(e.clone()),
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
            html! { <p class="banner warning" role="alert">{ error_text(lang, e) }</p> }
        }
        Measurement::Done { d, n, l, materialized_ms, fused_ms, diff } => html! {
            <div id="hardware-measured">
                <p class="readout">{ fill(lang, "hardware.measured_sizes", &[("d", &d.to_string()), ("n", &n.to_string()), ("l", &l.to_string())]) }</p>
                <ScrollBox>
                <table class="data">
                    <tbody>
                        <tr><th scope="row">{ t(lang, "hardware.measured_materialized") }</th><td class="materialized-ms">{ format!("{materialized_ms:.2} ms") }</td></tr>
                        <tr><th scope="row">{ t(lang, "hardware.measured_fused") }</th><td class="fused-ms">{ format!("{fused_ms:.2} ms") }</td></tr>
                    </tbody>
                </table>
                </ScrollBox>
                <p class="readout">{ fill(lang, "hardware.measured_ratio", &[("x", &format!("{:.1}", materialized_ms / fused_ms.max(1e-3))), ("diff", &sci(*diff))]) }</p>
            </div>
        },
    };
    html! {
        <section class="panel">
            <p class="label-measured">{ t(lang, "hardware.label_measured") }</p>
            <button type="button" class="primary" id="hardware-measure" onclick={measure}
                    disabled={*measurement == Measurement::Running}>{ t(lang, "hardware.measure") }</button>
            { measured }
        </section>
    }
}
