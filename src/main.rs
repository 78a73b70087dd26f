//! Entry point of the native command line; everything it does lives in `cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    mamba_explainer::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
