//! Typed access to the parts of the window the app uses: the location hash, history, local
//! storage, the console and performance marks. Failures are logged, never unwrapped.

use wasm_bindgen::JsValue;

pub(crate) fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

pub(crate) fn document() -> web_sys::Document {
    window().document().expect("the window has a document")
}

pub(crate) fn console_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}

/// The location hash, e.g. `#/views?l=64` (empty when there is none).
pub(crate) fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Goes to `hash`, adding a history entry (the `hashchange` listener re-renders).
pub(crate) fn navigate(hash: &str) {
    if window().location().set_hash(hash).is_err() {
        console_error("could not change the location hash");
    }
}

/// Replaces the current address's hash without a history entry or a `hashchange` event: used
/// for lesson state, which changes on every slider move.
pub(crate) fn replace_hash(hash: &str) {
    let location = window().location();
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        hash
    );
    replace_url(&url);
}

/// Replaces the whole address (path, query and hash) without a history entry.
pub(crate) fn replace_url(url: &str) {
    let done =
        window().history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(url)));
    if done.is_err() {
        console_error("could not update the address");
    }
}

/// The page's query string with each `(name, value)` set (`None` removes it); the other
/// parameters are kept in order, new ones added at the end. Returns `""` or `?…`.
pub(crate) fn search_with(changes: &[(&str, Option<&str>)]) -> String {
    let current = window().location().search().unwrap_or_default();
    let changed = |pair: &str| changes.iter().any(|(k, _)| pair.split('=').next() == Some(*k));
    let kept = current.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !changed(p));
    let set = changes.iter().filter_map(|(k, v)| v.map(|v| format!("{k}={v}")));
    let pairs: Vec<String> = kept.map(str::to_owned).chain(set).collect();
    if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) }
}

/// The value of `name` in the page's real query string (`?lang=ko`), not the hash's.
pub(crate) fn search_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

pub(crate) fn storage_get(key: &str) -> Option<String> {
    window().local_storage().ok().flatten()?.get_item(key).ok().flatten()
}

pub(crate) fn storage_set(key: &str, value: &str) {
    // Storage may be disabled (private mode): the choice then lasts for this page only.
    if let Ok(Some(s)) = window().local_storage() {
        let _ = s.set_item(key, value);
    }
}

/// Marks the start of a measured update (`performance.mark`).
pub(crate) fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Records `performance.measure(name, start_mark)`; harmless if the start mark is missing.
pub(crate) fn measure(name: &str, start_mark: &str) {
    if let Some(p) = window().performance() {
        let _ = p.measure_with_start_mark(name, start_mark);
        p.clear_marks_with_mark_name(start_mark);
    }
}

/// The device pixel ratio, at least 1.
pub(crate) fn pixel_ratio() -> f64 {
    window().device_pixel_ratio().max(1.0)
}

/// Milliseconds since the page loaded (`performance.now()`), 0 without a clock.
pub(crate) fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// A page-unique element id starting with `prefix` (ids that tie a figure to its description).
pub(crate) fn unique_id(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Whether the reader asked for less motion (`prefers-reduced-motion: reduce`).
pub(crate) fn reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The value stored under `key` for this browser tab (sessionStorage), if any.
pub(crate) fn session_get(key: &str) -> Option<String> {
    window().session_storage().ok().flatten()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key` for this browser tab; nothing happens where storage is disabled.
pub(crate) fn session_set(key: &str, value: &str) {
    if let Ok(Some(s)) = window().session_storage() {
        let _ = s.set_item(key, value);
    }
}
