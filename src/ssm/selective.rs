//! The selective scan (S6) of Mamba as the official `selective_scan_ref` computes it (without the
//! batch dimension), the exact zero-order-hold input rule for comparison, and a step-by-step trace
//! of one channel for the visualizations.
//!
//! ## The computation
//!
//! Shapes are (rows, columns): u, Δ, z and y are (D, L); A is (D, N); B and C are (N, L); D and
//! delta_bias have D entries. For channel d, state index n and time t:
//!
//! 1. Δ_{d,t} = delta_{d,t} + delta_bias_d, then softplus(Δ) if `delta_softplus`
//!    (softplus(x) = ln(1 + eˣ), and x itself for x > 20, as `torch.nn.functional.softplus`).
//! 2. Ā_{d,n,t} = exp(Δ_{d,t}·A_{d,n}) — zero-order hold for A (Mamba paper, eqn 4).
//! 3. B̄_{d,n,t}·u_{d,t} = Δ_{d,t}·B_{n,t}·u_{d,t} — the official Euler rule ([`BRule::Euler`]);
//!    or the exact zero-order hold (exp(Δ·A) − 1)/A·B_{n,t}·u_{d,t} ([`BRule::Zoh`]), which
//!    tends to Δ·B·u as A → 0 (computed with expm1, so it stays accurate there).
//! 4. h_{d,n,t} = Ā_{d,n,t}·h_{d,n,t−1} + B̄_{d,n,t}·u_{d,t}, with h_{d,n,−1} = 0.
//! 5. y_{d,t} = Σₙ h_{d,n,t}·C_{n,t} + D_d·u_{d,t}; then y_{d,t}·SiLU(z_{d,t}) if z is given,
//!    with SiLU(z) = z·σ(z).
//!
//! The last state h_{·,·,L−1} is returned as a (D, N) matrix. The recurrence in step 4 is the scan
//! of the pairs (Ā_t, B̄_t·u_t) under [`SsmPair`](super::SsmPair) composition; [`selective_scan`]
//! runs it sequentially (the fast path) or by Blelloch or Hillis–Steele (see `sweep`).

use super::Rng;
use super::lanes::{exp_expm1, ln_1p};
use super::scan::ScanAlgorithm;
use super::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError, sweep};
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// The inputs of one selective scan (one batch element).
#[derive(Debug, Clone, PartialEq)]
pub struct SelectiveScanInput {
    /// The input sequence u, (D, L).
    pub u: DMatrix<f64>,
    /// The raw step sizes Δ, (D, L), before `delta_bias` and softplus.
    pub delta: DMatrix<f64>,
    /// The diagonal state matrices, one row per channel, (D, N).
    pub a: DMatrix<f64>,
    /// The input-dependent input matrix, (N, L).
    pub b: DMatrix<f64>,
    /// The input-dependent output matrix, (N, L).
    pub c: DMatrix<f64>,
    /// The skip connection D, D entries.
    pub d: Option<DVector<f64>>,
    /// The gate z, (D, L): the output is multiplied by SiLU(z).
    pub z: Option<DMatrix<f64>>,
    /// Added to Δ before softplus, D entries.
    pub delta_bias: Option<DVector<f64>>,
    /// Whether Δ passes through softplus.
    pub delta_softplus: bool,
}

/// How the input enters the state over one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BRule {
    /// B̄·u = Δ·B·u, the official Mamba rule (Euler for B, zero-order hold for A).
    Euler,
    /// B̄·u = (exp(Δ·A) − 1)/A·B·u, the exact zero-order hold of the diagonal system.
    Zoh,
}

/// The result of a selective scan.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectiveScanOutput {
    /// The output sequence y, (D, L).
    pub y: DMatrix<f64>,
    /// The state after the last step, (D, N).
    pub last_state: DMatrix<f64>,
}

/// The sizes of a selective scan: channels D, state size N, length L.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanDims {
    /// Channels D (rows of u).
    pub d: usize,
    /// State size N per channel (columns of A).
    pub n: usize,
    /// Sequence length L (columns of u).
    pub l: usize,
}

impl ScanDims {
    /// Checks the sizes against the core's limits, before anything of that size is allocated.
    pub fn check(self) -> Result<ScanDims> {
        let ScanDims { d, n, l } = self;
        if d == 0 || n == 0 || l == 0 {
            return Err(SsmError::Domain(format!(
                "the selective scan needs D, N, L ≥ 1 (an empty sequence has nothing to scan); \
                 got D={d}, N={n}, L={l}"
            )));
        }
        if d > MAX_STATE || n > MAX_STATE || l > MAX_LEN {
            return Err(SsmError::TooLarge(format!(
                "D={d}, N={n}, L={l}: at most D, N ≤ {MAX_STATE} and L ≤ {MAX_LEN}"
            )));
        }
        if d * l > MAX_ELEMENTS || n * l > MAX_ELEMENTS {
            return Err(SsmError::TooLarge(format!(
                "D·L = {} and N·L = {} values: at most {MAX_ELEMENTS} each",
                d * l,
                n * l
            )));
        }
        Ok(self)
    }
}

/// Checks `m` is rows×cols; `meaning` names the dimensions, e.g. "D×L".
fn expect_shape(
    name: &str,
    m: &DMatrix<f64>,
    meaning: &str,
    rows: usize,
    cols: usize,
) -> Result<()> {
    if m.shape() == (rows, cols) {
        return Ok(());
    }
    Err(SsmError::Shape(format!(
        "{name} must be {meaning} = {rows}×{cols} (D and L from u, N from A's columns), got {}×{}",
        m.nrows(),
        m.ncols()
    )))
}

fn expect_len(name: &str, v: &DVector<f64>, len: usize) -> Result<()> {
    if v.len() == len {
        return Ok(());
    }
    Err(SsmError::Shape(format!("{name} must have D = {len} entries, got {}", v.len())))
}

fn expect_finite(name: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|x| !x.is_finite()) {
        None => Ok(()),
        Some(i) => {
            Err(SsmError::NonFinite(format!("{name} holds {} at flat index {i}", values[i])))
        }
    }
}

impl SelectiveScanInput {
    /// Checks every shape against u (D×L) and A (D×N), the size limits, and that every value is
    /// finite; returns the sizes.
    pub fn validate(&self) -> Result<ScanDims> {
        let dims = ScanDims { d: self.u.nrows(), n: self.a.ncols(), l: self.u.ncols() }.check()?;
        let ScanDims { d, n, l } = dims;
        expect_shape("delta", &self.delta, "D×L", d, l)?;
        expect_shape("A", &self.a, "D×N", d, n)?;
        expect_shape("B", &self.b, "N×L", n, l)?;
        expect_shape("C", &self.c, "N×L", n, l)?;
        if let Some(z) = &self.z {
            expect_shape("z", z, "D×L", d, l)?;
        }
        if let Some(v) = &self.d {
            expect_len("D", v, d)?;
        }
        if let Some(v) = &self.delta_bias {
            expect_len("delta_bias", v, d)?;
        }
        let matrices = [("u", &self.u), ("delta", &self.delta), ("A", &self.a)];
        for (name, m) in matrices.into_iter().chain([("B", &self.b), ("C", &self.c)]) {
            expect_finite(name, m.as_slice())?;
        }
        if let Some(z) = &self.z {
            expect_finite("z", z.as_slice())?;
        }
        for (name, v) in [("D", &self.d), ("delta_bias", &self.delta_bias)] {
            if let Some(v) = v {
                expect_finite(name, v.as_slice())?;
            }
        }
        Ok(dims)
    }

    /// Δ as the scan uses it: delta + delta_bias, through softplus if asked; (D, L).
    pub fn effective_delta(&self) -> DMatrix<f64> {
        DMatrix::from_fn(self.delta.nrows(), self.delta.ncols(), |d, t| self.delta_at(d, t))
    }

    /// Step 1 of the module doc for one entry.
    pub(crate) fn delta_at(&self, d: usize, t: usize) -> f64 {
        let bias = self.delta_bias.as_ref().map_or(0.0, |b| b[d]);
        effective_delta(self.delta[(d, t)], bias, self.delta_softplus)
    }

    /// Step 5 of the module doc: the readout Σₙ h·C (`ssm`) plus the skip and the gate.
    pub(crate) fn finish(&self, ssm: f64, d: usize, t: usize) -> f64 {
        let skip = self.d.as_ref().map_or(0.0, |skip| skip[d]);
        let gate = self.z.as_ref().map_or(1.0, |z| silu(z[(d, t)]));
        output(ssm, self.u[(d, t)], skip, gate)
    }
}

impl SelectiveScanInput {
    /// Random inputs shaped like those of a Mamba layer, for benchmarks and examples:
    /// u, B, C, z and the raw Δ drawn from N(0, 1); softplus on, with `delta_bias` from the
    /// official dt initialisation ([`sample_dt`] in [0.001, 0.1], then softplus⁻¹);
    /// A = −(1, 2, …, N) in every row (A_log = log(1…N)); D = 1.
    /// The sizes are not checked here: call [`ScanDims::check`] first.
    pub fn random(dims: ScanDims, rng: &mut Rng) -> SelectiveScanInput {
        let ScanDims { d, n, l } = dims;
        let mut normal = |rows, cols| DMatrix::from_fn(rows, cols, |_, _| rng.normal());
        let (u, delta, b, c, z) =
            (normal(d, l), normal(d, l), normal(n, l), normal(n, l), normal(d, l));
        SelectiveScanInput {
            u,
            delta,
            a: DMatrix::from_fn(d, n, |_, j| -((j + 1) as f64)),
            b,
            c,
            d: Some(DVector::from_element(d, 1.0)),
            z: Some(z),
            delta_bias: Some(DVector::from_fn(d, |_, _| {
                inverse_softplus(sample_dt(rng, 0.001, 0.1, 1e-4))
            })),
            delta_softplus: true,
        }
    }
}

/// A step size as the official Mamba initialisation draws it: log-uniform in [dt_min, dt_max],
/// then raised to at least `floor` (dt_init_floor).
pub fn sample_dt(rng: &mut Rng, dt_min: f64, dt_max: f64, floor: f64) -> f64 {
    rng.uniform_in(dt_min.ln(), dt_max.ln()).exp().max(floor)
}

/// The inverse of softplus for y > 0: y + ln(−expm1(−y)), so that softplus(x) = y.
pub fn inverse_softplus(y: f64) -> f64 {
    y + (-(-y).exp_m1()).ln()
}

/// softplus(x) = ln(1 + eˣ), returning x itself for x > 20 like `torch.nn.functional.softplus`.
/// (Branch-free with `lanes`' functions, so that the kernel's loops over channels vectorize.)
#[inline(always)]
pub fn softplus(x: f64) -> f64 {
    let soft = ln_1p(exp_expm1(x).0);
    if x > 20.0 { x } else { soft }
}

/// SiLU(x) = x·σ(x) = x / (1 + e⁻ˣ).
#[inline(always)]
pub fn silu(x: f64) -> f64 {
    x / (1.0 + exp_expm1(-x).0)
}

/// Step 5 of the module doc for one entry: (readout + D·u)·gate, with D = 0 and gate = 1 when
/// they are absent (exact: adding 0·u and multiplying by 1 change nothing).
#[inline(always)]
pub(crate) fn output(ssm: f64, u: f64, skip: f64, gate: f64) -> f64 {
    (ssm + skip * u) * gate
}

/// Step 1 of the module doc: raw Δ plus its bias, through softplus if asked.
#[inline(always)]
pub(crate) fn effective_delta(raw: f64, bias: f64, softplus_on: bool) -> f64 {
    let delta = raw + bias;
    if softplus_on { softplus(delta) } else { delta }
}

/// The discretization coefficients of one (channel, state, step): Ā and the factor κ with
/// B̄ = κ·B. Implemented by zero-sized types so each rule compiles to its own loop.
pub(crate) trait Discretize {
    /// The rule this type implements.
    const RULE: BRule;
    /// (Ā, κ) for step size Δ and diagonal entry A.
    fn coefficients(delta: f64, a: f64) -> (f64, f64);
}

/// [`BRule::Euler`]: Ā = exp(ΔA), κ = Δ.
pub(crate) struct EulerB;
/// [`BRule::Zoh`]: Ā = exp(ΔA), κ = (exp(ΔA) − 1)/A.
pub(crate) struct ZohB;

impl Discretize for EulerB {
    const RULE: BRule = BRule::Euler;
    #[inline(always)]
    fn coefficients(delta: f64, a: f64) -> (f64, f64) {
        (exp_expm1(delta * a).0, delta)
    }
}

impl Discretize for ZohB {
    const RULE: BRule = BRule::Zoh;
    #[inline(always)]
    fn coefficients(delta: f64, a: f64) -> (f64, f64) {
        let x = delta * a;
        let (abar, expm1) = exp_expm1(x);
        // (e^{ΔA} − 1)/A → Δ as ΔA → 0; below 1e-300 the quotient would lose its digits.
        let kappa = if x.abs() < 1e-300 { delta } else { expm1 / a };
        (abar, kappa)
    }
}

fn check_output(out: SelectiveScanOutput) -> Result<SelectiveScanOutput> {
    if out.y.iter().chain(out.last_state.iter()).all(|x| x.is_finite()) {
        Ok(out)
    } else {
        Err(SsmError::Numerical(
            "the selective scan overflowed (exp(Δ·A) or the state grew beyond f64)".into(),
        ))
    }
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
        BRule::Euler => sweep::run::<EulerB>(input, dims, algorithm),
        BRule::Zoh => sweep::run::<ZohB>(input, dims, algorithm),
    };
    check_output(out)
}

/// One time step of one channel, with every quantity the lessons draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelStep {
    /// Δ_t after bias and softplus.
    pub delta: f64,
    /// u_t, the channel's input.
    pub u: f64,
    /// Ā_t = exp(Δ_t·A_n) for each state index n.
    pub abar: Vec<f64>,
    /// B̄_t = κ·B_{n,t} for each n (κ = Δ_t for Euler, (Ā−1)/A_n for ZOH).
    pub bbar: Vec<f64>,
    /// B̄_t·u_t for each n: what the input adds to the state.
    pub bbar_u: Vec<f64>,
    /// The state h_t after the step.
    pub h: Vec<f64>,
    /// Σₙ h_{n,t}·C_{n,t}, the readout before the skip and the gate.
    pub y_ssm: f64,
    /// The output y_t after the skip D·u and the gate.
    pub y: f64,
}

/// Every step of one channel of a selective scan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelTrace {
    /// The channel d.
    pub channel: usize,
    /// The input rule used.
    pub rule: BRule,
    /// One entry per time step t = 0 … L−1.
    pub steps: Vec<ChannelStep>,
}

fn trace_with<R: Discretize>(input: &SelectiveScanInput, dims: ScanDims, d: usize) -> ChannelTrace {
    let mut h = vec![0.0; dims.n];
    let mut steps = Vec::with_capacity(dims.l);
    for t in 0..dims.l {
        let (delta, u) = (input.delta_at(d, t), input.u[(d, t)]);
        let mut step = ChannelStep {
            delta,
            u,
            abar: Vec::with_capacity(dims.n),
            bbar: Vec::with_capacity(dims.n),
            bbar_u: Vec::with_capacity(dims.n),
            h: Vec::new(),
            y_ssm: 0.0,
            y: 0.0,
        };
        for (n, hn) in h.iter_mut().enumerate() {
            let (abar, kappa) = R::coefficients(delta, input.a[(d, n)]);
            let b = input.b[(n, t)];
            // The same expression as the fast kernel, so the trace matches it bit for bit.
            let bbar_u = (kappa * u) * b;
            *hn = abar * *hn + bbar_u;
            step.y_ssm += *hn * input.c[(n, t)];
            step.abar.push(abar);
            step.bbar.push(kappa * b);
            step.bbar_u.push(bbar_u);
        }
        step.h = h.clone();
        step.y = input.finish(step.y_ssm, d, t);
        steps.push(step);
    }
    ChannelTrace { channel: d, rule: R::RULE, steps }
}

/// Every step of channel `d`: Δ_t, Ā_t, B̄_t, B̄_t·u_t, h_t and y_t, for the lessons to draw.
pub fn trace_channel(input: &SelectiveScanInput, rule: BRule, d: usize) -> Result<ChannelTrace> {
    let dims = input.validate()?;
    if d >= dims.d {
        return Err(SsmError::Domain(format!("channel {d} does not exist: D = {}", dims.d)));
    }
    let trace = match rule {
        BRule::Euler => trace_with::<EulerB>(input, dims, d),
        BRule::Zoh => trace_with::<ZohB>(input, dims, d),
    };
    let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
    if trace
        .steps
        .iter()
        .all(|s| finite(&s.abar) && finite(&s.bbar) && finite(&s.h) && s.y.is_finite())
    {
        Ok(trace)
    } else {
        Err(SsmError::Numerical(format!("channel {d} overflowed (exp(Δ·A) or the state)")))
    }
}
