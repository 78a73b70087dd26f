//! CPU twins of the shader stages: the same f32 arithmetic over the same blocks, levels and
//! indices, in plain Rust. Tests check the twins against the f64 core, which shows that the
//! algorithm is right independently of any GPU; a page can run them to show the stages.

use super::GpuError;
use super::block_scan::LevelPlan;
use super::layout::{BLOCK, LevelParams, PER_INVOCATION, Pair, SelectiveParams, WG_SIZE};
use super::scan_kernel::{ScanOutput, ScanProblem};
use crate::ssm::{BRule, Monoid};

/// Pairs of the selective scan under composition, as `shaders/monoid_pair.wgsl`: (a_l, b_l) then
/// (a_r, b_r) is h ↦ a_r·(a_l·h + b_l) + b_r. The f32 twin of the core's `SsmPair`.
impl Monoid for Pair {
    fn identity() -> Self {
        Pair { a: 1.0, b: 0.0 }
    }
    fn combine(&self, later: &Self) -> Self {
        Pair { a: self.a * later.a, b: later.a * self.b + later.b }
    }
}

/// f32 under addition, as `shaders/monoid_sum.wgsl`: the monoid of the prefix sum.
impl Monoid for f32 {
    fn identity() -> Self {
        0.0
    }
    fn combine(&self, later: &Self) -> Self {
        self + later
    }
}

/// Twin of `scan_blocks.wgsl`: every block of [`BLOCK`] elements of every channel is replaced by
/// its inclusive scan, and its total written to the next level. Invocation `lid` scans its run of
/// [`PER_INVOCATION`] elements serially; the run totals get Blelloch's up-sweep and down-sweep.
pub fn scan_blocks<E: Monoid + Copy>(data: &mut [E], level: &LevelParams) {
    let (wg, per) = (WG_SIZE as usize, PER_INVOCATION as usize);
    let len = level.len as usize;
    let blocks = len.div_ceil(BLOCK as usize);
    for channel in 0..level.channels as usize {
        let base = level.data_offset as usize + channel * len;
        for block in 0..blocks {
            let first = |lid: usize| block * BLOCK as usize + lid * per;
            // 1. Each invocation's run, scanned inclusively.
            let mut runs = vec![E::identity(); wg * per];
            let mut sums = vec![E::identity(); wg];
            for lid in 0..wg {
                let mut acc = E::identity();
                for i in 0..per {
                    if first(lid) + i < len {
                        acc = acc.combine(&data[base + first(lid) + i]);
                    }
                    runs[lid * per + i] = acc;
                }
                sums[lid] = acc;
            }
            // 2a. Up-sweep: the invocations lid < width of one round, in any order.
            let mut offset = 1;
            let mut width = wg / 2;
            while width > 0 {
                for lid in 0..width {
                    let left = offset * (2 * lid + 1) - 1;
                    sums[left + offset] = sums[left].combine(&sums[left + offset]);
                }
                offset *= 2;
                width /= 2;
            }
            data[level.totals_offset as usize + channel * blocks + block] = sums[wg - 1];
            sums[wg - 1] = E::identity();
            // 2b. Down-sweep: the prefix goes left; prefix ∘ left subtree goes right.
            width = 1;
            while width < wg {
                offset /= 2;
                for lid in 0..width {
                    let left = offset * (2 * lid + 1) - 1;
                    let left_total = sums[left];
                    sums[left] = sums[left + offset];
                    sums[left + offset] = sums[left + offset].combine(&left_total);
                }
                width *= 2;
            }
            // 3. Prepend the exclusive prefix of the earlier runs.
            for lid in 0..wg {
                for i in 0..per {
                    if first(lid) + i < len {
                        data[base + first(lid) + i] = sums[lid].combine(&runs[lid * per + i]);
                    }
                }
            }
        }
    }
}

/// Twin of `add_carries.wgsl`: element t of block j > 0 becomes (scanned total j − 1) ∘ element.
pub fn add_carries<E: Monoid + Copy>(data: &mut [E], level: &LevelParams) {
    let len = level.len as usize;
    let blocks = len.div_ceil(BLOCK as usize);
    for index in 0..level.channels as usize * len {
        let (channel, step) = (index / len, index % len);
        let block = step / BLOCK as usize;
        if block > 0 {
            let carry = data[level.totals_offset as usize + channel * blocks + block - 1];
            let at = level.data_offset as usize + index;
            data[at] = carry.combine(&data[at]);
        }
    }
}

/// Twin of the whole multi-level scan: `channels` sequences of equal length, scanned inclusively,
/// level by level exactly as the GPU does.
pub fn block_scan<E: Monoid + Copy>(values: &[E], channels: usize) -> Result<Vec<E>, GpuError> {
    let too_large = || GpuError::Input(format!("{} values are too many", values.len()));
    if channels == 0 || values.is_empty() || !values.len().is_multiple_of(channels) {
        return Err(GpuError::Input(format!(
            "{} values do not split into {channels} equal non-empty channels",
            values.len()
        )));
    }
    let len = u32::try_from(values.len() / channels).map_err(|_| too_large())?;
    let plan = LevelPlan::new(len, u32::try_from(channels).map_err(|_| too_large())?);
    let mut data = vec![E::identity(); usize::try_from(plan.elements).map_err(|_| too_large())?];
    data[..values.len()].copy_from_slice(values);
    for level in &plan.levels {
        scan_blocks(&mut data, level);
    }
    for level in plan.levels.iter().rev().skip(1) {
        add_carries(&mut data, level);
    }
    data.truncate(values.len());
    Ok(data)
}

/// Twin of the GPU prefix sum: inclusive sums in Blelloch's order.
pub fn prefix_sum(values: &[f32]) -> Vec<f32> {
    if values.is_empty() {
        return Vec::new();
    }
    // One channel of the given length always splits; only an absurd length can fail.
    block_scan(values, 1).unwrap_or_default()
}

/// softplus(x) = ln(1 + eˣ), x itself above 20 (`discretize.wgsl`).
fn softplus(x: f32) -> f32 {
    if x > 20.0 { x } else { (1.0 + x.exp()).ln() }
}

/// φ(x) = (eˣ − 1)/x with φ(0) = 1, by its Taylor series near 0 (`discretize.wgsl`).
fn phi(x: f32) -> f32 {
    if x.abs() < 0.5 {
        let c = [1.0 / 2.0, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0, 1.0 / 720.0, 1.0 / 5040.0];
        1.0 + x * c.iter().rev().fold(0.0, |acc, &k| k + x * acc)
    } else {
        (x.exp() - 1.0) / x
    }
}

/// Twin of `discretize.wgsl`: the pairs (exp(Δ·A), B̄·u) of rows `d_first..d_first + d_count`.
pub fn discretize(problem: &ScanProblem, params: &SelectiveParams, pairs: &mut [Pair]) {
    let (n_state, len) = (params.n_state as usize, params.len as usize);
    for (index, pair) in pairs.iter_mut().enumerate().take(params.d_count as usize * n_state * len)
    {
        let (channel, t) = (index / len, index % len);
        let n = channel % n_state;
        let d = params.d_first as usize + channel / n_state;
        let bias = problem.delta_bias.as_ref().map_or(0.0, |v| v[d]);
        let mut dt = problem.delta[d * len + t] + bias;
        if params.softplus != 0 {
            dt = softplus(dt);
        }
        let x = dt * problem.a[d * n_state + n];
        let mut b = dt * problem.b[n * len + t] * problem.u[d * len + t];
        if params.zoh != 0 {
            b *= phi(x);
        }
        *pair = Pair { a: x.exp(), b };
    }
}

/// Twin of `output.wgsl`: y (with the D skip and the SiLU(z) gate) and the last state of the
/// chunk's rows, written into `out` (y, D×L, then the last state, D×N).
pub fn output(problem: &ScanProblem, params: &SelectiveParams, pairs: &[Pair], out: &mut [f32]) {
    let (n_state, len) = (params.n_state as usize, params.len as usize);
    for index in 0..params.d_count as usize * len {
        let (row, t) = (index / len, index % len);
        let d = params.d_first as usize + row;
        let at = d * len + t;
        let h = |n: usize| pairs[(row * n_state + n) * len + t].b;
        let mut y = 0.0;
        for n in 0..n_state {
            y += problem.c[n * len + t] * h(n);
        }
        y += problem.d_skip.as_ref().map_or(0.0, |v| v[d]) * problem.u[at];
        if let Some(z) = &problem.z {
            let g = z[at];
            y *= g / (1.0 + (-g).exp());
        }
        out[at] = y;
        if t == len - 1 {
            let last = params.d_model as usize * len + d * n_state;
            for n in 0..n_state {
                out[last + n] = h(n);
            }
        }
    }
}

/// Twin of [`super::ScanKernel::run`], all rows in one chunk: discretize, scan, output.
pub fn selective_scan(problem: &ScanProblem) -> Result<ScanOutput, GpuError> {
    let (d_model, n_state, len) = problem.dims()?;
    let params = SelectiveParams {
        d_model,
        n_state,
        len,
        d_first: 0,
        d_count: d_model,
        softplus: u32::from(problem.delta_softplus),
        zoh: u32::from(problem.rule == BRule::Zoh),
        gate: u32::from(problem.z.is_some()),
    };
    let (d, n, l) = (problem.d_model, problem.n_state, problem.len);
    let mut pairs = vec![Pair::identity(); d * n * l];
    discretize(problem, &params, &mut pairs);
    let pairs = block_scan(&pairs, d * n)?;
    let mut out = vec![0.0; d * l + d * n];
    output(problem, &params, &pairs, &mut out);
    let last_state = out.split_off(d * l);
    Ok(ScanOutput { d_model: d, n_state: n, len: l, y: out, last_state })
}
