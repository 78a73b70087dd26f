//! Hardware-aware computation (lesson 11): a model of the bytes the selective scan moves
//! between a GPU's large, slow memory (HBM) and its small, fast on-chip memory (SRAM), for a
//! naive implementation and for Mamba's fused kernel; the memory the backward pass needs when it
//! stores the states or recomputes them; a table of published GPU specifications; and two CPU
//! kernels — materialized and fused — that show the same effect one level down (RAM against
//! caches), so the page can *measure* it.
//!
//! ## The model (every figure it gives is computed, not measured)
//!
//! Sizes: batch B, channels D, state size N, length L, `elem_bytes` bytes per value. The tensors
//! and their element counts: u, Δ, y: B·D·L; A: D·N; B, C: B·N·L; the skip D: D; and, in the
//! naive path only, Ā, B̄u and h: B·D·N·L each.
//!
//! - **Naive** (three kernels, as a framework runs the reference code): *discretize* reads Δ, A,
//!   B, u and writes Ā and B̄u to HBM; *scan* reads them back and writes every state h; *output*
//!   reads h, C, u and D and writes y.
//! - **Fused** (one kernel): reads Δ, A, B, C, u and D once into SRAM, keeps h on chip while it
//!   walks along L, and writes only y.
//!
//! The time a kernel needs at least is its bytes divided by the memory bandwidth: the scan does
//! a handful of arithmetic operations per byte, so it is bound by memory, not by arithmetic.

use crate::ssm::selective::{Discretize, EulerB, ZohB};
use crate::ssm::{BRule, Result, SelectiveScanInput, SelectiveScanOutput, SsmError};
use nalgebra::DMatrix;
use serde::Serialize;

/// Bytes of one state value kept on chip (the kernels keep h in f32 whatever the input type).
pub const STATE_BYTES: u64 = 4;

/// The most values (D·N·L) [`scan_materialized`] accepts: it allocates three arrays of that size.
pub const MAX_MATERIALIZED: usize = 1 << 23;

/// The sizes of one selective scan as the traffic model sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IoProblem {
    /// Batch size B.
    pub batch: u64,
    /// Channels D.
    pub d: u64,
    /// State size N.
    pub n: u64,
    /// Sequence length L.
    pub l: u64,
    /// Bytes per value in HBM (2 for bf16/f16, 4 for f32).
    pub elem_bytes: u64,
}

/// A tensor the scan reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IoTensor {
    /// The input u, B·D·L.
    U,
    /// The step sizes Δ, B·D·L.
    Delta,
    /// The diagonal A, D·N.
    A,
    /// The input matrices B, B·N·L.
    B,
    /// The output matrices C, B·N·L.
    C,
    /// The skip D, D values.
    Skip,
    /// Ā = exp(ΔA) for every (batch, channel, state, step), B·D·N·L.
    ABar,
    /// B̄·u for every (batch, channel, state, step), B·D·N·L.
    BBarU,
    /// The states h, B·D·N·L.
    H,
    /// The output y, B·D·L.
    Y,
}

impl IoTensor {
    /// How many values the tensor holds.
    pub fn elements(self, p: &IoProblem) -> u64 {
        let IoProblem { batch, d, n, l, .. } = *p;
        match self {
            IoTensor::U | IoTensor::Delta | IoTensor::Y => batch * d * l,
            IoTensor::A => d * n,
            IoTensor::B | IoTensor::C => batch * n * l,
            IoTensor::Skip => d,
            IoTensor::ABar | IoTensor::BBarU | IoTensor::H => batch * d * n * l,
        }
    }

    /// Its size in HBM, in bytes.
    pub fn bytes(self, p: &IoProblem) -> u64 {
        self.elements(p) * p.elem_bytes
    }
}

/// A kernel launch of one implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IoStage {
    /// Naive, kernel 1: Ā and B̄u for every step.
    Discretize,
    /// Naive, kernel 2: the recurrence over the stored Ā, B̄u.
    Scan,
    /// Naive, kernel 3: y from the stored states.
    Output,
    /// The fused kernel: all of it, h kept on chip.
    Fused,
}

/// What one kernel reads from and writes to HBM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageIo {
    /// Which kernel.
    pub stage: IoStage,
    /// The tensors it reads from HBM.
    pub reads: Vec<IoTensor>,
    /// The tensors it writes to HBM.
    pub writes: Vec<IoTensor>,
}

impl StageIo {
    /// Bytes read from HBM.
    pub fn read_bytes(&self, p: &IoProblem) -> u64 {
        self.reads.iter().map(|t| t.bytes(p)).sum()
    }

    /// Bytes written to HBM.
    pub fn written_bytes(&self, p: &IoProblem) -> u64 {
        self.writes.iter().map(|t| t.bytes(p)).sum()
    }
}

/// The naive implementation's three kernels (see the module doc).
pub fn naive_stages() -> Vec<StageIo> {
    use IoTensor::*;
    vec![
        StageIo {
            stage: IoStage::Discretize,
            reads: vec![Delta, A, B, U],
            writes: vec![ABar, BBarU],
        },
        StageIo { stage: IoStage::Scan, reads: vec![ABar, BBarU], writes: vec![H] },
        StageIo { stage: IoStage::Output, reads: vec![H, C, U, Skip], writes: vec![Y] },
    ]
}

/// The fused kernel (see the module doc).
pub fn fused_stages() -> Vec<StageIo> {
    use IoTensor::*;
    vec![StageIo { stage: IoStage::Fused, reads: vec![Delta, A, B, C, U, Skip], writes: vec![Y] }]
}

/// Total HBM traffic of a list of kernels: (bytes read, bytes written).
pub fn traffic(stages: &[StageIo], p: &IoProblem) -> (u64, u64) {
    stages.iter().fold((0, 0), |(r, w), s| (r + s.read_bytes(p), w + s.written_bytes(p)))
}

/// The least time `bytes` take at `gb_per_s` (10⁹ bytes per second), in milliseconds.
pub fn transfer_ms(bytes: u64, gb_per_s: f64) -> f64 {
    bytes as f64 / (gb_per_s * 1e9) * 1e3
}

/// What training needs for the backward pass, which uses every state h.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BackwardMemory {
    /// Storing the states: the bytes of h kept in HBM from the forward to the backward pass.
    pub stored_bytes: u64,
    /// Storing: the extra HBM traffic (h written in the forward pass, read in the backward).
    pub store_traffic: u64,
    /// Recomputing: the extra HBM traffic (the fused kernel's inputs read again in the
    /// backward pass, where h is recomputed on chip); nothing extra is stored.
    pub recompute_traffic: u64,
}

/// The backward pass's extra memory and traffic, storing or recomputing the states.
pub fn backward_memory(p: &IoProblem) -> BackwardMemory {
    let h = IoTensor::H.bytes(p);
    let (inputs, _) = traffic(&fused_stages(), p);
    BackwardMemory { stored_bytes: h, store_traffic: 2 * h, recompute_traffic: inputs }
}

/// How the states fit on chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OnChip {
    /// Bytes of one channel's state h (N values in f32).
    pub state_per_channel: u64,
    /// Bytes of every channel's state at once (B·D channels).
    pub state_total: u64,
    /// All SRAM of the GPU: SMs × SRAM per SM.
    pub sram_total: u64,
    /// How many channels' states one SM's SRAM holds.
    pub channels_per_sm: u64,
}

/// The fused kernel's on-chip needs on `gpu`.
pub fn on_chip(p: &IoProblem, gpu: &GpuSpec) -> OnChip {
    let state_per_channel = p.n * STATE_BYTES;
    let per_sm = u64::from(gpu.sram_per_sm_kib) * 1024;
    OnChip {
        state_per_channel,
        state_total: p.batch * p.d * state_per_channel,
        sram_total: u64::from(gpu.sms) * per_sm,
        channels_per_sm: per_sm / state_per_channel.max(1),
    }
}

/// A GPU as its maker's published specifications describe it (not measured here).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GpuSpec {
    /// The product name.
    pub name: &'static str,
    /// The kind of off-chip memory.
    pub memory: &'static str,
    /// Published peak memory bandwidth, GB/s (10⁹ bytes per second).
    pub bandwidth_gb_s: f64,
    /// Streaming multiprocessors (NVIDIA) or compute units (AMD).
    pub sms: u32,
    /// The most shared memory (on-chip SRAM) one SM or CU offers to a kernel, KiB.
    pub sram_per_sm_kib: u32,
}

/// Published specifications of a few GPUs (vendor data sheets and architecture white papers).
pub const PUBLISHED_GPUS: [GpuSpec; 6] = [
    GpuSpec {
        name: "NVIDIA V100 SXM2",
        memory: "HBM2",
        bandwidth_gb_s: 900.0,
        sms: 80,
        sram_per_sm_kib: 96,
    },
    GpuSpec {
        name: "NVIDIA A100 80GB SXM",
        memory: "HBM2e",
        bandwidth_gb_s: 2039.0,
        sms: 108,
        sram_per_sm_kib: 164,
    },
    GpuSpec {
        name: "NVIDIA H100 SXM5",
        memory: "HBM3",
        bandwidth_gb_s: 3350.0,
        sms: 132,
        sram_per_sm_kib: 228,
    },
    GpuSpec {
        name: "NVIDIA H200 SXM",
        memory: "HBM3e",
        bandwidth_gb_s: 4800.0,
        sms: 132,
        sram_per_sm_kib: 228,
    },
    GpuSpec {
        name: "AMD Instinct MI300X",
        memory: "HBM3",
        bandwidth_gb_s: 5300.0,
        sms: 304,
        sram_per_sm_kib: 64,
    },
    GpuSpec {
        name: "NVIDIA GeForce RTX 4090",
        memory: "GDDR6X",
        bandwidth_gb_s: 1008.0,
        sms: 128,
        sram_per_sm_kib: 100,
    },
];

/// The selective scan computed the naive way on the CPU: Ā and B̄u for every (channel, state,
/// step) written to memory, then every state h, then y — three passes over D·N·L arrays.
/// Same arithmetic as [`scan_fused`], so the two differ only in the memory they touch.
pub fn scan_materialized(input: &SelectiveScanInput, rule: BRule) -> Result<SelectiveScanOutput> {
    match rule {
        BRule::Euler => materialized::<EulerB>(input),
        BRule::Zoh => materialized::<ZohB>(input),
    }
}

/// The selective scan computed the fused way on the CPU: one pass along L per channel with the
/// N states in a small local array, writing only y.
pub fn scan_fused(input: &SelectiveScanInput, rule: BRule) -> Result<SelectiveScanOutput> {
    match rule {
        BRule::Euler => fused::<EulerB>(input),
        BRule::Zoh => fused::<ZohB>(input),
    }
}

fn materialized<R: Discretize>(input: &SelectiveScanInput) -> Result<SelectiveScanOutput> {
    let dims = input.validate()?;
    let (d, n, l) = (dims.d, dims.n, dims.l);
    if d * n * l > MAX_MATERIALIZED {
        return Err(SsmError::TooLarge(format!(
            "materializing D·N·L = {} values three times; at most {MAX_MATERIALIZED}",
            d * n * l
        )));
    }
    let at = |di: usize, ni: usize, t: usize| (di * n + ni) * l + t;
    // Kernel 1: discretize every (channel, state, step) into memory.
    let mut abar = vec![0.0; d * n * l];
    let mut bbar_u = vec![0.0; d * n * l];
    for di in 0..d {
        let deltas: Vec<f64> = (0..l).map(|t| input.delta_at(di, t)).collect();
        for ni in 0..n {
            for (t, &delta) in deltas.iter().enumerate() {
                let (a, kappa) = R::coefficients(delta, input.a[(di, ni)]);
                abar[at(di, ni, t)] = a;
                bbar_u[at(di, ni, t)] = (kappa * input.u[(di, t)]) * input.b[(ni, t)];
            }
        }
    }
    // Kernel 2: the recurrence h_t = Ā_t·h_{t−1} + B̄_t·u_t, every state written.
    let mut h = vec![0.0; d * n * l];
    for row in 0..d * n {
        let mut prev = 0.0;
        for t in 0..l {
            prev = abar[row * l + t] * prev + bbar_u[row * l + t];
            h[row * l + t] = prev;
        }
    }
    // Kernel 3: y_t = Σₙ h_{n,t}·C_{n,t}, then the skip and the gate.
    let y = DMatrix::from_fn(d, l, |di, t| {
        let ssm = (0..n).fold(0.0, |acc, ni| acc + h[at(di, ni, t)] * input.c[(ni, t)]);
        input.finish(ssm, di, t)
    });
    let last_state = DMatrix::from_fn(d, n, |di, ni| h[at(di, ni, l - 1)]);
    finite(SelectiveScanOutput { y, last_state })
}

fn fused<R: Discretize>(input: &SelectiveScanInput) -> Result<SelectiveScanOutput> {
    let dims = input.validate()?;
    let (d, n, l) = (dims.d, dims.n, dims.l);
    let mut y = DMatrix::zeros(d, l);
    let mut last_state = DMatrix::zeros(d, n);
    let mut h = vec![0.0; n];
    for di in 0..d {
        h.fill(0.0);
        for t in 0..l {
            let (delta, u) = (input.delta_at(di, t), input.u[(di, t)]);
            let mut ssm = 0.0;
            for (ni, hn) in h.iter_mut().enumerate() {
                let (a, kappa) = R::coefficients(delta, input.a[(di, ni)]);
                *hn = a * *hn + (kappa * u) * input.b[(ni, t)];
                ssm += *hn * input.c[(ni, t)];
            }
            y[(di, t)] = input.finish(ssm, di, t);
        }
        for (ni, hn) in h.iter().enumerate() {
            last_state[(di, ni)] = *hn;
        }
    }
    finite(SelectiveScanOutput { y, last_state })
}

/// The channels `rows` of a selective scan input (u, Δ, z, A, D and the Δ bias cut to those
/// rows; B and C are shared by all channels): the same problem, a few channels at a time, so
/// that a long CPU run can give the browser a turn between pieces.
pub fn channel_slice(
    input: &SelectiveScanInput,
    rows: std::ops::Range<usize>,
) -> Result<SelectiveScanInput> {
    let d = input.u.nrows();
    if rows.start >= rows.end || rows.end > d {
        return Err(SsmError::Domain(format!("channels {rows:?} of D = {d} is not a slice")));
    }
    let (first, count) = (rows.start, rows.end - rows.start);
    Ok(SelectiveScanInput {
        u: input.u.rows(first, count).into_owned(),
        delta: input.delta.rows(first, count).into_owned(),
        a: input.a.rows(first, count).into_owned(),
        b: input.b.clone(),
        c: input.c.clone(),
        d: input.d.as_ref().map(|v| v.rows(first, count).into_owned()),
        z: input.z.as_ref().map(|z| z.rows(first, count).into_owned()),
        delta_bias: input.delta_bias.as_ref().map(|v| v.rows(first, count).into_owned()),
        delta_softplus: input.delta_softplus,
    })
}

fn finite(out: SelectiveScanOutput) -> Result<SelectiveScanOutput> {
    if out.y.iter().chain(out.last_state.iter()).all(|x| x.is_finite()) {
        Ok(out)
    } else {
        Err(SsmError::Numerical("the selective scan overflowed".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::{Rng, ScanAlgorithm, ScanDims, selective_scan};

    const P: IoProblem = IoProblem { batch: 2, d: 16, n: 8, l: 100, elem_bytes: 2 };

    #[test]
    fn naive_traffic_counts_every_tensor_it_moves() {
        let (read, written) = traffic(&naive_stages(), &P);
        let dnl = 2 * 16 * 8 * 100 * 2;
        let (dl, nl) = (2 * 16 * 100 * 2, 2 * 8 * 100 * 2);
        // Reads: Δ, A, B, u | Ā, B̄u | h, C, u, D.
        assert_eq!(read, dl + 16 * 8 * 2 + nl + dl + 2 * dnl + dnl + nl + dl + 16 * 2);
        // Writes: Ā, B̄u | h | y.
        assert_eq!(written, 2 * dnl + dnl + dl);
    }

    #[test]
    fn the_fused_kernel_moves_about_n_times_less() {
        let (r, w) = traffic(&fused_stages(), &P);
        assert_eq!(r, 2 * (2 * 16 * 100) * 2 + 16 * 8 * 2 + 2 * (2 * 8 * 100) * 2 + 16 * 2);
        assert_eq!(w, 2 * 16 * 100 * 2);
        let big = IoProblem { batch: 1, d: 1024, n: 16, l: 4096, elem_bytes: 2 };
        let (nr, nw) = traffic(&naive_stages(), &big);
        let (fr, fw) = traffic(&fused_stages(), &big);
        let ratio = (nr + nw) as f64 / (fr + fw) as f64;
        assert!((15.0..40.0).contains(&ratio), "{ratio}");
        assert!((transfer_ms(2_000_000_000, 2000.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn recomputing_stores_nothing_and_reads_the_inputs_again() {
        let m = backward_memory(&P);
        assert_eq!(m.stored_bytes, IoTensor::H.bytes(&P));
        assert_eq!(m.store_traffic, 2 * m.stored_bytes);
        assert_eq!(m.recompute_traffic, traffic(&fused_stages(), &P).0);
        assert!(m.recompute_traffic < m.store_traffic);
    }

    #[test]
    fn states_on_chip() {
        let h100 = PUBLISHED_GPUS[2];
        let c = on_chip(&P, &h100);
        assert_eq!(c.state_per_channel, 32);
        assert_eq!(c.state_total, 2 * 16 * 32);
        assert_eq!(c.sram_total, 132 * 228 * 1024);
        assert_eq!(c.channels_per_sm, 228 * 1024 / 32);
        assert!(PUBLISHED_GPUS.iter().all(|g| g.bandwidth_gb_s > 100.0 && g.sms > 0));
    }

    #[test]
    fn both_cpu_kernels_agree_with_the_core() {
        let mut rng = Rng::new(4);
        let input = SelectiveScanInput::random(ScanDims { d: 3, n: 5, l: 37 }, &mut rng);
        for rule in [BRule::Euler, BRule::Zoh] {
            let reference = selective_scan(&input, rule, ScanAlgorithm::Sequential).unwrap();
            for out in [scan_materialized(&input, rule).unwrap(), scan_fused(&input, rule).unwrap()]
            {
                let dy = (&out.y - &reference.y).abs().max();
                let dh = (&out.last_state - &reference.last_state).abs().max();
                assert!(dy < 1e-12 && dh < 1e-12, "{rule:?}: {dy} {dh}");
            }
        }
        // Channel by channel, the same result.
        let reference = selective_scan(&input, BRule::Euler, ScanAlgorithm::Sequential).unwrap();
        for d in 0..3 {
            let one = channel_slice(&input, d..d + 1).unwrap();
            let out = selective_scan(&one, BRule::Euler, ScanAlgorithm::Sequential).unwrap();
            assert_eq!(out.y.row(0), reference.y.row(d));
        }
        assert!(channel_slice(&input, 2..5).is_err() && channel_slice(&input, 1..1).is_err());
        let huge = SelectiveScanInput::random(ScanDims { d: 64, n: 64, l: 4096 }, &mut rng);
        assert!(matches!(scan_materialized(&huge, BRule::Euler), Err(SsmError::TooLarge(_))));
    }
}
