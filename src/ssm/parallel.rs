//! Threads for the core's data-parallel loops: rayon natively, a plain loop on wasm32 (which has
//! no threads). With this and `kernel`'s choice of FFT (the planner natively, its power-of-two
//! recipe built directly on wasm32), the only target-dependent code in `ssm`: rayon is a
//! native-only dependency.

/// `(0..count).map(f).collect()`, spread over rayon's threads when more than one is available
/// (natively); the results keep their order.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn map_indices<R: Send>(count: usize, f: impl Fn(usize) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    if count > 1 && rayon::current_num_threads() > 1 {
        (0..count).into_par_iter().map(f).collect()
    } else {
        (0..count).map(f).collect()
    }
}

/// `(0..count).map(f).collect()` on one thread (wasm32).
#[cfg(target_arch = "wasm32")]
pub(crate) fn map_indices<R>(count: usize, f: impl Fn(usize) -> R) -> Vec<R> {
    (0..count).map(f).collect()
}

/// How many threads [`map_indices`] spreads its work over.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn threads() -> usize {
    rayon::current_num_threads()
}

/// How many threads [`map_indices`] spreads its work over: one on wasm32.
#[cfg(target_arch = "wasm32")]
pub(crate) fn threads() -> usize {
    1
}
