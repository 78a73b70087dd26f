//! Where the lessons' own computations run, for the whole app: the learner's
//! [`ComputePreference`] (Auto / CPU / GPU, remembered in local storage and set with
//! [`ComputePicker`], on the bench page `#/scan/bench` and wherever a lesson offers it), the
//! [`Crossover`] the bench measured on this device (stored by [`store_crossover`]), and the
//! page's one WebGPU session ([`gpu_session`]: adapter, device and kernels, made on first use).
//!
//! A lesson that can run a computation on either engine does:
//! ```ignore
//! let (preference, set_preference) = use_compute_preference();
//! let (engine, reason) = choose_engine(preference, len); // reason_text(lang, reason) says why
//! // Engine::Gpu: gpu_session().await, then the session's kernels; on any GpuError call
//! // forget_gpu_session(), say so (error_text) and run on the CPU instead.
//! ```
//! [`choose`] (in `course::compute`) holds the rules: Auto picks the GPU only at lengths where
//! the bench measured it faster on this device, and never without WebGPU.

use super::components::{Banner, BannerKind, Select};
use super::dom;
use super::lang::use_lang;
use crate::course::compute::{ComputePreference, Crossover, Engine, Reason, choose};
use crate::gpu::{AdapterSummary, GpuContext, GpuError, PrefixSum, ScanKernel};
use crate::i18n::{Lang, fill, t};
use crate::url::Named;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

const PREFERENCE_KEY: &str = "mamba-explainer.compute";
const CROSSOVER_KEY: &str = "mamba-explainer.crossover";

/// The preference remembered in local storage (Auto if none).
pub(crate) fn stored_preference() -> ComputePreference {
    dom::storage_get(PREFERENCE_KEY)
        .and_then(|name| ComputePreference::from_name(&name))
        .unwrap_or_default()
}

/// The crossover the bench last measured on this device, if any.
pub(crate) fn stored_crossover() -> Option<Crossover> {
    dom::storage_get(CROSSOVER_KEY).and_then(|text| Crossover::from_storage(&text))
}

/// Remembers a bench's measured crossover for Auto.
pub(crate) fn store_crossover(crossover: &Crossover) {
    dom::storage_set(CROSSOVER_KEY, &crossover.to_storage());
}

/// Whether the browser exposes WebGPU at all (`navigator.gpu`); an adapter may still fail.
pub(crate) fn webgpu_present() -> bool {
    let navigator = dom::window().navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("gpu"))
        .is_ok_and(|gpu| !gpu.is_undefined() && !gpu.is_null())
}

/// The engine for a computation of length `len` under `preference`, and why.
pub(crate) fn choose_engine(preference: ComputePreference, len: usize) -> (Engine, Reason) {
    choose(preference, len, stored_crossover().as_ref(), webgpu_present())
}

/// The preference, and a callback that changes and remembers it.
#[hook]
pub(crate) fn use_compute_preference() -> (ComputePreference, Callback<ComputePreference>) {
    let preference = use_state(stored_preference);
    let set = {
        let preference = preference.clone();
        Callback::from(move |p: ComputePreference| {
            dom::storage_set(PREFERENCE_KEY, p.name());
            preference.set(p);
        })
    };
    (*preference, set)
}

/// The WebGPU device and the kernels the lessons use, built once per page.
pub(crate) struct GpuSession {
    /// Adapter, device and queue.
    pub(crate) ctx: GpuContext,
    /// The adapter as the page shows it (named from the browser's adapter info if wgpu has no
    /// name for it).
    pub(crate) adapter: AdapterSummary,
    /// The selective scan.
    pub(crate) scan: ScanKernel,
    /// The f32 prefix sum.
    pub(crate) prefix: PrefixSum,
}

thread_local! {
    static SESSION: RefCell<Option<Rc<GpuSession>>> = const { RefCell::new(None) };
}

/// The page's GPU session, made on first use: fails in plain words ([`GpuError`]) where there is
/// no WebGPU, no adapter or no device.
pub(crate) async fn gpu_session() -> Result<Rc<GpuSession>, GpuError> {
    if let Some(session) = SESSION.with(|s| s.borrow().clone()) {
        return Ok(session);
    }
    if !webgpu_present() {
        return Err(GpuError::NoAdapter("this browser has no navigator.gpu".into()));
    }
    let ctx = GpuContext::new().await?;
    let scan = ScanKernel::new(&ctx).await?;
    let prefix = PrefixSum::new(&ctx).await?;
    let mut adapter = ctx.adapter().clone();
    if (adapter.name.is_empty() || adapter.name.starts_with('('))
        && let Some(label) = browser_adapter_label().await
    {
        adapter.name = label;
    }
    let session = Rc::new(GpuSession { ctx, adapter, scan, prefix });
    SESSION.with(|s| *s.borrow_mut() = Some(Rc::clone(&session)));
    Ok(session)
}

/// The adapter's vendor, architecture, device and description from the browser's own
/// `GPUAdapterInfo` (browsers often leave the description, wgpu's name, empty).
async fn browser_adapter_label() -> Option<String> {
    let get =
        |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key)).ok();
    let gpu = get(&dom::window().navigator().into(), "gpu")?;
    let request: js_sys::Function = get(&gpu, "requestAdapter")?.dyn_into().ok()?;
    let promise: js_sys::Promise = request.call0(&gpu).ok()?.dyn_into().ok()?;
    let adapter = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    if adapter.is_null() || adapter.is_undefined() {
        return None;
    }
    let info = get(&adapter, "info")?;
    let parts: Vec<String> = ["vendor", "architecture", "device", "description"]
        .iter()
        .filter_map(|key| get(&info, key)?.as_string().filter(|s| !s.is_empty()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A sequence length as the page writes it: 1K for 1024, 1M for 2²⁰ (binary), else the number.
pub(crate) fn length_text(n: usize) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{}M", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{}K", n >> 10),
        n => n.to_string(),
    }
}

/// Drops the session after a failure (e.g. a lost device), so the next use starts afresh.
pub(crate) fn forget_gpu_session() {
    SESSION.with(|s| s.borrow_mut().take());
}

/// Milliseconds from `performance.now()` (0 where there is no performance object).
pub(crate) fn now_ms() -> f64 {
    dom::window().performance().map_or(0.0, |p| p.now())
}

/// Gives the browser a turn (a zero-delay timeout), so a long run keeps the page responsive.
pub(crate) async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = dom::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Why the engine was chosen, in words.
pub(crate) fn reason_text(lang: Lang, reason: Reason) -> String {
    match reason {
        Reason::Forced => t(lang, "scan.compute.reason_forced").to_owned(),
        Reason::NoWebGpu => t(lang, "scan.compute.reason_no_webgpu").to_owned(),
        Reason::NotMeasured => t(lang, "scan.compute.reason_not_measured").to_owned(),
        Reason::GpuNeverFaster { up_to } => {
            fill(lang, "scan.compute.reason_never", &[("upto", &length_text(up_to))])
        }
        Reason::BelowCrossover { at } => {
            fill(lang, "scan.compute.reason_below", &[("at", &length_text(at))])
        }
        Reason::AboveCrossover { at } => {
            fill(lang, "scan.compute.reason_above", &[("at", &length_text(at))])
        }
    }
}

/// The engine's name.
pub(crate) fn engine_text(lang: Lang, engine: Engine) -> &'static str {
    match engine {
        Engine::Cpu => t(lang, "scan.compute.engine_cpu"),
        Engine::Gpu => t(lang, "scan.compute.engine_gpu"),
    }
}

/// A GPU failure in plain words, with what happens instead (the browser's or the driver's own
/// words are in [`error_detail`], shown behind a disclosure by [`failure_view`]).
pub(crate) fn error_text(lang: Lang, error: &GpuError) -> String {
    let key = match error {
        GpuError::NoAdapter(_) => "scan.compute.error_no_adapter",
        GpuError::DeviceRequest(_) => "scan.compute.error_device",
        GpuError::DeviceLost(_) => "scan.compute.error_lost",
        _ => "scan.compute.error_other",
    };
    t(lang, key).to_owned()
}

/// What the browser or the driver said about a GPU failure (for the other failures, the
/// whole error), or "—".
pub(crate) fn error_detail(error: &GpuError) -> String {
    let detail = match error {
        GpuError::NoAdapter(why) | GpuError::DeviceRequest(why) | GpuError::DeviceLost(why) => {
            why.clone()
        }
        other => other.to_string(),
    };
    if detail.trim().is_empty() { "—".to_owned() } else { detail }
}

/// A GPU failure as the page shows it: the plain sentence in a warning, the technical detail
/// folded away under it.
pub(crate) fn failure_view(lang: Lang, text: &str, detail: &str) -> Html {
    html! {
        <div class="gpu-failure">
            <Banner kind={BannerKind::Warning} text={text.to_owned()} />
            <details class="hint">
                <summary>{ t(lang, "scan.compute.details") }</summary>
                <p>{ detail.to_owned() }</p>
            </details>
        </div>
    }
}

/// What the stored measurement says, in words.
pub(crate) fn crossover_text(lang: Lang, crossover: Option<&Crossover>) -> String {
    match crossover {
        // Without WebGPU there is nothing to measure: say so rather than "not measured yet".
        None if !webgpu_present() => t(lang, "scan.compute.crossover_no_gpu").to_owned(),
        None => t(lang, "scan.compute.crossover_none").to_owned(),
        Some(c) => {
            let upto = length_text(c.measured_up_to);
            match c.at {
                Some(at) => fill(
                    lang,
                    "scan.compute.crossover_at",
                    &[("at", &length_text(at)), ("upto", &upto), ("adapter", &c.adapter)],
                ),
                None => fill(
                    lang,
                    "scan.compute.crossover_never",
                    &[("upto", &upto), ("adapter", &c.adapter)],
                ),
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct PickerProps {
    pub(crate) preference: ComputePreference,
    pub(crate) on_change: Callback<ComputePreference>,
}

/// The Auto / CPU / GPU choice with what the bench measured on this device.
#[function_component(ComputePicker)]
pub(crate) fn compute_picker(p: &PickerProps) -> Html {
    let lang = use_lang();
    let options = ComputePreference::ALL
        .iter()
        .map(|c| {
            let key = format!("scan.compute.pref_{}", c.name());
            (AttrValue::from(c.name()), AttrValue::from(t(lang, &key)))
        })
        .collect::<Vec<_>>();
    let on_change =
        p.on_change.reform(|name: String| ComputePreference::from_name(&name).unwrap_or_default());
    html! {
        <div class="compute-picker">
            <Select id="compute-preference" label={t(lang, "scan.compute.label")} options={options}
                    selected={p.preference.name()} on_change={on_change} />
            <p class="hint">{ crossover_text(lang, stored_crossover().as_ref()) }</p>
        </div>
    }
}
