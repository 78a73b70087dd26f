//! [`selective_scan`] and its CPU kernels. The D channels are cut into
//! chunks (up to [`CHUNK`] channels, more chunks than threads), the chunks run in parallel where
//! there are threads (see `parallel`), and each chunk's results are copied into place.
//!
//! - Sequential, the fast path: a chunk is a row of lane blocks of [`LANES`] channels, swept
//!   together one time step after another, so that each step reads a contiguous piece of the
//!   column-major (D, L) matrices u, Δ and z. A lane block's state is an N × LANES array and the
//!   innermost loops run over the lanes without branches, so they compile to SIMD code: B_{n,t}
//!   and C_{n,t} are scalars shared by all lanes, and exp, ln_1p are `lanes`' own.
//! - Blelloch and Hillis–Steele: for each channel d and state index n, the pairs
//!   (Ā_t, B̄_t·u_t) go through the generic scan of `scan`; h_t is the pair's second component.
//!
//! Both paths use the same coefficients ([`Discretize`]) and the same readout (`output`), so they
//! differ only by the order of the combines.

use super::dims::ScanDims;
use super::discretize::{BRule, Discretize, EulerB, ZohB, effective_delta, output, silu};
use super::input::SelectiveScanInput;
use super::output::{SelectiveScanOutput, check_output};
use crate::ssm::Result;
use crate::ssm::parallel::{map_indices, threads};
use crate::ssm::scan::{ScanAlgorithm, SsmPair, inclusive_scan};
use nalgebra::{DMatrix, DVector};

/// Channels per lane block: eight f64 lanes fill four SSE2 or two AVX registers.
const LANES: usize = 8;
/// Most channels per chunk (its states stay in the L1 cache for N ≤ 16).
const CHUNK: usize = 64;

/// The results of one chunk of `width` channels.
struct Chunk {
    width: usize,
    /// y laid out [t][channel].
    y: Vec<f64>,
    /// The last state laid out [n][channel].
    last: Vec<f64>,
}

/// Runs the selective scan: validates `input`, then computes y and the last state with the
/// given input rule and scan algorithm (all algorithms agree to rounding, about 1e-12).
pub fn selective_scan(
    input: &SelectiveScanInput,
    rule: BRule,
    algorithm: ScanAlgorithm,
) -> Result<SelectiveScanOutput> {
    let dims = input.validate()?;
    let out = match rule {
        BRule::Euler => run::<EulerB>(input, dims, algorithm),
        BRule::Zoh => run::<ZohB>(input, dims, algorithm),
    };
    check_output(out)
}

/// Runs the selective scan on validated input.
fn run<R: Discretize>(
    input: &SelectiveScanInput,
    dims: ScanDims,
    algorithm: ScanAlgorithm,
) -> SelectiveScanOutput {
    // At least four chunks per thread when D allows, whole lane blocks, at most CHUNK channels.
    let threads = threads();
    let chunk = dims.d.div_ceil(4 * threads).next_multiple_of(LANES).min(CHUNK);
    let chunks = map_indices(dims.d.div_ceil(chunk), |i| {
        let d0 = i * chunk;
        let width = chunk.min(dims.d - d0);
        match algorithm {
            ScanAlgorithm::Sequential => sequential_chunk::<R>(input, dims, d0, width),
            parallel => scanned_chunk::<R>(input, dims, d0, width, parallel),
        }
    });
    assemble(dims, chunk, &chunks)
}

/// One lane block of the fast path: LANES channels from d0 (the last `LANES − width` padding).
struct LaneBlock {
    d0: usize,
    width: usize,
    /// A as [n][lane]. Padding lanes keep A = 0, Δ·u = 0 and so a zero state.
    a: Vec<[f64; LANES]>,
    /// The state h as [n][lane].
    h: Vec<[f64; LANES]>,
    constants: Constants,
}

impl LaneBlock {
    fn new(input: &SelectiveScanInput, states: usize, d0: usize, width: usize) -> LaneBlock {
        let mut a = vec![[0.0; LANES]; states];
        for (n, row) in a.iter_mut().enumerate() {
            for (lane, entry) in row[..width].iter_mut().enumerate() {
                *entry = input.a[(d0 + lane, n)];
            }
        }
        let lanes_of = |v: Option<&DVector<f64>>| {
            let mut out = [0.0; LANES];
            if let Some(v) = v {
                out[..width].copy_from_slice(&v.as_slice()[d0..d0 + width]);
            }
            out
        };
        let constants = Constants {
            bias: lanes_of(input.delta_bias.as_ref()),
            skip: lanes_of(input.d.as_ref()),
            softplus: input.delta_softplus,
            gated: input.z.is_some(),
        };
        LaneBlock { d0, width, a, h: vec![[0.0; LANES]; states], constants }
    }

    /// Lanes d0 … d0+width−1 of column t of a (D, L) matrix, zero-padded.
    fn load(&self, m: &DMatrix<f64>, t: usize) -> [f64; LANES] {
        let mut out = [0.0; LANES];
        let column = &m.as_slice()[t * m.nrows()..][..m.nrows()];
        out[..self.width].copy_from_slice(&column[self.d0..self.d0 + self.width]);
        out
    }

    /// Time step t: updates the state and writes the block's outputs y_t.
    fn advance<R: Discretize>(&mut self, input: &SelectiveScanInput, t: usize, y_t: &mut [f64]) {
        let states = self.h.len();
        let u = self.load(&input.u, t);
        let delta = self.constants.delta(&self.load(&input.delta, t));
        let column = t * states..(t + 1) * states;
        let (b_t, c_t) = (&input.b.as_slice()[column.clone()], &input.c.as_slice()[column]);
        let readout = step::<R>(&mut self.h, &self.a, b_t, c_t, &delta, &u);
        let z = input.z.as_ref().map_or([0.0; LANES], |z| self.load(z, t));
        y_t.copy_from_slice(&self.constants.output(&readout, &u, &z)[..self.width]);
    }
}

/// The fast path for channels d0 … d0+width−1: all lane blocks advance one step at a time.
fn sequential_chunk<R: Discretize>(
    input: &SelectiveScanInput,
    dims: ScanDims,
    d0: usize,
    width: usize,
) -> Chunk {
    let mut blocks: Vec<LaneBlock> = (d0..d0 + width)
        .step_by(LANES)
        .map(|b0| LaneBlock::new(input, dims.n, b0, LANES.min(d0 + width - b0)))
        .collect();
    let mut y = vec![0.0; dims.l * width];
    for (t, y_t) in y.chunks_exact_mut(width).enumerate() {
        for (block, y_block) in blocks.iter_mut().zip(y_t.chunks_mut(LANES)) {
            block.advance::<R>(input, t, y_block);
        }
    }
    let mut last = Vec::with_capacity(dims.n * width);
    for n in 0..dims.n {
        for block in &blocks {
            last.extend_from_slice(&block.h[n][..block.width]);
        }
    }
    Chunk { width, y, last }
}

/// What a block needs besides the sequences, as lanes.
struct Constants {
    bias: [f64; LANES],
    skip: [f64; LANES],
    softplus: bool,
    gated: bool,
}

impl Constants {
    /// Step 1 of `selective`'s doc for every lane.
    #[inline(never)]
    fn delta(&self, raw: &[f64; LANES]) -> [f64; LANES] {
        let mut out = [0.0; LANES];
        for lane in 0..LANES {
            out[lane] = effective_delta(raw[lane], self.bias[lane], self.softplus);
        }
        out
    }

    /// Step 5 for every lane: (readout + D·u)·SiLU(z), the gate being 1 without z.
    #[inline(never)]
    fn output(&self, readout: &[f64; LANES], u: &[f64; LANES], z: &[f64; LANES]) -> [f64; LANES] {
        let mut out = [0.0; LANES];
        for lane in 0..LANES {
            let gate = if self.gated { silu(z[lane]) } else { 1.0 };
            out[lane] = output(readout[lane], u[lane], self.skip[lane], gate);
        }
        out
    }
}

/// One time step of a block: h ← Ā·h + B̄·u for every state index and lane, and the readout
/// Σₙ h·C per lane. A function of its own so that its arguments are known not to alias, which
/// lets the lane loop vectorize.
#[inline(never)]
fn step<R: Discretize>(
    h: &mut [[f64; LANES]],
    a: &[[f64; LANES]],
    b_t: &[f64],
    c_t: &[f64],
    delta: &[f64; LANES],
    u: &[f64; LANES],
) -> [f64; LANES] {
    let mut readout = [0.0; LANES];
    for ((h_n, a_n), (&b_n, &c_n)) in h.iter_mut().zip(a).zip(b_t.iter().zip(c_t)) {
        for lane in 0..LANES {
            // Eqn (4) of the Mamba paper: Ā = exp(ΔA), B̄ = κ·B; then h ← Ā·h + B̄·u.
            let (abar, kappa) = R::coefficients(delta[lane], a_n[lane]);
            h_n[lane] = abar * h_n[lane] + (kappa * u[lane]) * b_n;
            readout[lane] += h_n[lane] * c_n;
        }
    }
    readout
}

/// The parallel-scan path: each (d, n) recurrence as a scan of (Ā_t, B̄_t·u_t) pairs.
fn scanned_chunk<R: Discretize>(
    input: &SelectiveScanInput,
    dims: ScanDims,
    d0: usize,
    width: usize,
    algorithm: ScanAlgorithm,
) -> Chunk {
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
    Chunk { width, y, last }
}

/// Copies the chunks into the (D, L) output and the (D, N) last state (both column-major, so a
/// chunk's channels are contiguous in each column).
fn assemble(dims: ScanDims, chunk: usize, chunks: &[Chunk]) -> SelectiveScanOutput {
    let mut y = DMatrix::zeros(dims.d, dims.l);
    let mut last_state = DMatrix::zeros(dims.d, dims.n);
    for (i, part) in chunks.iter().enumerate() {
        let (d0, w) = (i * chunk, part.width);
        for (mut column, values) in y.column_iter_mut().zip(part.y.chunks_exact(w)) {
            column.rows_mut(d0, w).copy_from_slice(values);
        }
        for (mut column, values) in last_state.column_iter_mut().zip(part.last.chunks_exact(w)) {
            column.rows_mut(d0, w).copy_from_slice(values);
        }
    }
    SelectiveScanOutput { y, last_state }
}
