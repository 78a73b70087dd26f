//! The scalar pieces of the selective scan: Δ through softplus, the input rule [`BRule`] and its
//! coefficients (Ā, κ) per (channel, state, step), SiLU for the gate, and the official dt draw.

use super::lanes::{exp_expm1, ln_1p};
use crate::ssm::Rng;
use serde::Serialize;

/// How the input enters the state over one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BRule {
    /// B̄·u = Δ·B·u, the official Mamba rule (Euler for B, zero-order hold for A).
    Euler,
    /// B̄·u = (exp(Δ·A) − 1)/A·B·u, the exact zero-order hold of the diagonal system.
    Zoh,
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
