//! The Yew web app (wasm32 only).

/// Mounts the app on the page.
pub fn start() {}
