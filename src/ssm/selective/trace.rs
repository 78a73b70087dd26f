//! A step-by-step trace of one channel of the selective scan: Δ_t, Ā_t, B̄_t, h_t and y_t, with
//! the same arithmetic as the fast kernel.

use super::dims::ScanDims;
use super::discretize::{BRule, Discretize, EulerB, ZohB};
use super::input::SelectiveScanInput;
use crate::ssm::{Result, SsmError};
use serde::Serialize;

/// One time step of one channel, with every intermediate quantity.
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

/// Every step of channel `d`: Δ_t, Ā_t, B̄_t, B̄_t·u_t, h_t and y_t.
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
