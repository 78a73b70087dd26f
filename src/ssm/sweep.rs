//! The CPU kernels behind [`selective_scan`](super::selective_scan). Channels are processed in
//! blocks of [`LANES`], the blocks in parallel where there are threads (see `parallel`).
//!
//! - Sequential, the fast path: one pass over t per block. The block's state is an N × LANES
//!   array, and the innermost loop runs over the LANES channels without branches, so it compiles
//!   to SIMD code: Δ, u and y of consecutive channels are contiguous in the column-major (D, L)
//!   matrices, B_{n,t} and C_{n,t} are scalars shared by all lanes, and exp is `lanes`' own.
//! - Blelloch and Hillis–Steele: for each channel d and state index n, the pairs
//!   (Ā_t, B̄_t·u_t) go through the generic scan of `scan`; h_t is the pair's second component.
//!
//! Both paths use the same coefficients ([`Discretize`]) and the same skip and gate
//! (`SelectiveScanInput::finish`), so they differ only by the order of the combines.

use super::parallel::map_indices;
use super::scan::{ScanAlgorithm, SsmPair, inclusive_scan};
use super::selective::{Discretize, ScanDims, SelectiveScanInput, SelectiveScanOutput};
use nalgebra::DMatrix;

/// Channels per block: eight f64 lanes fill four SSE2 or two AVX registers.
const LANES: usize = 8;

/// The results of one block of `width` channels.
struct Block {
    width: usize,
    /// y laid out [t][lane].
    y: Vec<f64>,
    /// The last state laid out [n][lane].
    last: Vec<f64>,
}

/// Runs the selective scan on validated input.
pub(crate) fn run<R: Discretize>(
    input: &SelectiveScanInput,
    dims: ScanDims,
    algorithm: ScanAlgorithm,
) -> SelectiveScanOutput {
    let blocks = map_indices(dims.d.div_ceil(LANES), |i| {
        let d0 = i * LANES;
        let width = LANES.min(dims.d - d0);
        match algorithm {
            ScanAlgorithm::Sequential => sequential_block::<R>(input, dims, d0, width),
            parallel => scanned_block::<R>(input, dims, d0, width, parallel),
        }
    });
    assemble(dims, &blocks)
}

/// The fast path: h ← Ā·h + B̄·u for LANES channels at once, one time step after another.
fn sequential_block<R: Discretize>(
    input: &SelectiveScanInput,
    dims: ScanDims,
    d0: usize,
    width: usize,
) -> Block {
    let ScanDims { d: channels, n: states, l: len } = dims;
    // A of the block as [n][lane]. Padding lanes keep A = 0, Δ = 0 and u = 0: their state stays 0.
    let mut a = vec![[0.0; LANES]; states];
    for (n, row) in a.iter_mut().enumerate() {
        for (lane, entry) in row[..width].iter_mut().enumerate() {
            *entry = input.a[(d0 + lane, n)];
        }
    }
    let mut h = vec![[0.0; LANES]; states];
    let mut y = vec![0.0; len * width];
    let (u_all, b_all, c_all) = (input.u.as_slice(), input.b.as_slice(), input.c.as_slice());
    for t in 0..len {
        let mut delta = [0.0; LANES];
        let mut u = [0.0; LANES];
        for lane in 0..width {
            delta[lane] = input.delta_at(d0 + lane, t);
            u[lane] = u_all[t * channels + d0 + lane];
        }
        let column = t * states..(t + 1) * states;
        let (b_t, c_t) = (&b_all[column.clone()], &c_all[column]);
        let mut readout = [0.0; LANES];
        for ((h_n, a_n), (&b_n, &c_n)) in h.iter_mut().zip(&a).zip(b_t.iter().zip(c_t)) {
            for lane in 0..LANES {
                // Eqn (4) of the Mamba paper: Ā = exp(ΔA), B̄ = κ·B; then h ← Ā·h + B̄·u.
                let (abar, kappa) = R::coefficients(delta[lane], a_n[lane]);
                h_n[lane] = abar * h_n[lane] + (kappa * u[lane]) * b_n;
                readout[lane] += h_n[lane] * c_n;
            }
        }
        for lane in 0..width {
            y[t * width + lane] = input.finish(readout[lane], d0 + lane, t);
        }
    }
    let last = h.iter().flat_map(|row| row[..width].iter().copied()).collect();
    Block { width, y, last }
}

/// The parallel-scan path: each (d, n) recurrence as a scan of (Ā_t, B̄_t·u_t) pairs.
fn scanned_block<R: Discretize>(
    input: &SelectiveScanInput,
    dims: ScanDims,
    d0: usize,
    width: usize,
    algorithm: ScanAlgorithm,
) -> Block {
    let ScanDims { n: states, l: len, .. } = dims;
    let mut y = vec![0.0; len * width];
    let mut last = vec![0.0; states * width];
    let mut pairs = Vec::with_capacity(len);
    let mut readout = vec![0.0; len];
    for lane in 0..width {
        let d = d0 + lane;
        let delta: Vec<f64> = (0..len).map(|t| input.delta_at(d, t)).collect();
        readout.fill(0.0);
        for n in 0..states {
            let a = input.a[(d, n)];
            pairs.clear();
            pairs.extend(delta.iter().enumerate().map(|(t, &delta_t)| {
                let (abar, kappa) = R::coefficients(delta_t, a);
                SsmPair { a: abar, b: (kappa * input.u[(d, t)]) * input.b[(n, t)] }
            }));
            // The inclusive scan of the pairs from h₋₁ = 0 holds h_t in its second component.
            let states_n = inclusive_scan(&pairs, algorithm);
            for (t, (r, h)) in readout.iter_mut().zip(&states_n).enumerate() {
                *r += h.b * input.c[(n, t)];
            }
            last[n * width + lane] = states_n[len - 1].b;
        }
        for (t, &r) in readout.iter().enumerate() {
            y[t * width + lane] = input.finish(r, d, t);
        }
    }
    Block { width, y, last }
}

/// Copies the blocks into the (D, L) output and the (D, N) last state (both column-major, so a
/// block's lanes are contiguous in each column).
fn assemble(dims: ScanDims, blocks: &[Block]) -> SelectiveScanOutput {
    let mut y = DMatrix::zeros(dims.d, dims.l);
    let mut last_state = DMatrix::zeros(dims.d, dims.n);
    for (i, block) in blocks.iter().enumerate() {
        let (d0, w) = (i * LANES, block.width);
        for (mut column, values) in y.column_iter_mut().zip(block.y.chunks_exact(w)) {
            column.rows_mut(d0, w).copy_from_slice(values);
        }
        for (mut column, values) in last_state.column_iter_mut().zip(block.last.chunks_exact(w)) {
            column.rows_mut(d0, w).copy_from_slice(values);
        }
    }
    SelectiveScanOutput { y, last_state }
}
