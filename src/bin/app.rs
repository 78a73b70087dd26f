//! Entry point of the web app: Trunk builds this binary for wasm32 and index.html loads it.

#[cfg(target_arch = "wasm32")]
fn main() {
    mamba_explainer::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The web app runs in the browser: serve it with tools/serve.sh (see README).");
    std::process::exit(1);
}
