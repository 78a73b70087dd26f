//! The selective scan seen from outside: for one channel, how much of each input ends up in the
//! state and in each output, and what the recurrence keeps in memory compared with attention.
//!
//! Unrolling the recurrence h_t = Ā_t h_{t−1} + B̄_t u_t (module doc of `selective`) from
//! h_{−1} = 0 gives, for state index n,
//!
//! h_{n,t} = Σ_{j ≤ t} (Π_{s=j+1}^{t} Ā_{n,s}) · κ_{n,j} B_{n,j} · u_j,
//!
//! with κ = Δ (Euler) or (exp(ΔA) − 1)/A (ZOH). The factor in front of u_j is the **weight** of
//! input j in the state at time t ([`final_state_weights`] gives it for the last step). Reading
//! out y_t = Σₙ C_{n,t} h_{n,t} makes the output a weighted sum of the inputs,
//! y_t = Σ_{j ≤ t} α_{t,j} u_j, with the lower-triangular **mixing matrix** ([`mixing_matrix`])
//!
//! α_{t,j} = Σₙ C_{n,t} (Π_{s=j+1}^{t} Ā_{n,s}) κ_{n,j} B_{n,j}.
//!
//! For fixed Δ, B, C (an LTI system) α_{t,j} depends on t − j only: it is the convolution kernel
//! K_{t−j}, the same weight for every position whatever the content. With input-dependent Δ, B, C
//! the weights follow the content, as attention's do, but they are products of decays: the
//! recurrence keeps only N numbers per channel however long the input ([`footprint`]).

use crate::ssm::selective::{Discretize, EulerB, ZohB};
use crate::ssm::validate::elements;
use crate::ssm::{BRule, Result, SelectiveScanInput, SsmError, trace_channel};
use nalgebra::DMatrix;

/// Ā and the input factor κ (B̄ = κ·B) of one diagonal entry A for step size Δ, under `rule`:
/// Ā = exp(ΔA); κ = Δ (Euler, the official rule) or (exp(ΔA) − 1)/A (exact zero-order hold).
/// The same numbers the selective scan uses.
pub fn step_coefficients(rule: BRule, delta: f64, a: f64) -> (f64, f64) {
    match rule {
        BRule::Euler => EulerB::coefficients(delta, a),
        BRule::Zoh => ZohB::coefficients(delta, a),
    }
}

/// Validates `input` and channel `d`; returns (N, L).
fn channel_dims(input: &SelectiveScanInput, d: usize) -> Result<(usize, usize)> {
    let dims = input.validate()?;
    if d >= dims.d {
        return Err(SsmError::Domain(format!("channel {d} does not exist: D = {}", dims.d)));
    }
    Ok((dims.n, dims.l))
}

/// The (Ā, κ·B) of channel `d` at every step, laid out [t][n].
fn coefficients(input: &SelectiveScanInput, rule: BRule, d: usize, n: usize, l: usize) -> Steps {
    let mut abar = Vec::with_capacity(l);
    let mut write = Vec::with_capacity(l);
    for t in 0..l {
        let delta = input.delta_at(d, t);
        let (a_t, w_t): (Vec<f64>, Vec<f64>) = (0..n)
            .map(|k| {
                let (abar, kappa) = step_coefficients(rule, delta, input.a[(d, k)]);
                (abar, kappa * input.b[(k, t)])
            })
            .unzip();
        abar.push(a_t);
        write.push(w_t);
    }
    Steps { abar, write }
}

/// Per-step coefficients of one channel: Ā_t and B̄_t = κ_t·B_t, each [t][n].
struct Steps {
    abar: Vec<Vec<f64>>,
    write: Vec<Vec<f64>>,
}

/// The weight of each input u_j in the last state of channel `d`: an (N, L) matrix W with
/// h_{n,L−1} = Σ_j W_{n,j} u_{d,j}, W_{n,j} = (Π_{s>j} Ā_{n,s}) κ_{n,j} B_{n,j}.
pub fn final_state_weights(
    input: &SelectiveScanInput,
    rule: BRule,
    d: usize,
) -> Result<DMatrix<f64>> {
    let (n, l) = channel_dims(input, d)?;
    let steps = coefficients(input, rule, d, n, l);
    let mut w = DMatrix::zeros(n, l);
    // Walk backwards, carrying the product of the Ā that come after step j.
    let mut carry = vec![1.0; n];
    for j in (0..l).rev() {
        for k in 0..n {
            w[(k, j)] = carry[k] * steps.write[j][k];
            carry[k] *= steps.abar[j][k];
        }
    }
    Ok(w)
}

/// The mixing matrix α (L×L, lower triangular) of channel `d`: y_t = Σ_j α_{t,j} u_{d,j} is the
/// readout Σₙ C_{n,t} h_{n,t} before the skip D·u and the gate (see the module doc).
/// Refuses L beyond 4096 (the matrix has L² entries).
pub fn mixing_matrix(input: &SelectiveScanInput, rule: BRule, d: usize) -> Result<DMatrix<f64>> {
    let (n, l) = channel_dims(input, d)?;
    if l > 4096 {
        return Err(SsmError::TooLarge(format!(
            "the mixing matrix of L = {l} steps: at most 4096 (it has L² entries)"
        )));
    }
    elements("the mixing matrix", &[l, l])?;
    let steps = coefficients(input, rule, d, n, l);
    let mut alpha = DMatrix::zeros(l, l);
    let mut carried = vec![0.0; n];
    for j in 0..l {
        // What input j put into the state, carried forward step by step.
        carried.copy_from_slice(&steps.write[j]);
        for t in j..l {
            if t > j {
                for (c, a) in carried.iter_mut().zip(&steps.abar[t]) {
                    *c *= a;
                }
            }
            alpha[(t, j)] = carried.iter().enumerate().map(|(k, c)| input.c[(k, t)] * c).sum();
        }
    }
    Ok(alpha)
}

/// Each input's share of output t's total weight: |α_{t,j}| / Σ_k |α_{t,k}| for j ≤ t (all
/// zeros when the row is zero, or t is beyond the matrix).
pub fn output_shares(alpha: &DMatrix<f64>, t: usize) -> Vec<f64> {
    if t >= alpha.nrows() {
        return Vec::new();
    }
    let row: Vec<f64> =
        (0..=t.min(alpha.ncols().saturating_sub(1))).map(|j| alpha[(t, j)].abs()).collect();
    let total: f64 = row.iter().sum();
    if total > 0.0 && total.is_finite() {
        row.iter().map(|w| w / total).collect()
    } else {
        vec![0.0; row.len()]
    }
}

/// Channel d's readout Σₙ C h under both rules for B̄, and how far apart they are.
#[derive(Debug, Clone, PartialEq)]
pub struct BRuleComparison {
    /// y_t with B̄ = Δ·B (the official rule).
    pub euler: Vec<f64>,
    /// y_t with the exact zero-order hold B̄ = (exp(ΔA) − 1)/A·B.
    pub zoh: Vec<f64>,
    /// max_t |euler_t − zoh_t|.
    pub max_difference: f64,
    /// `max_difference` over max_t max(|euler_t|, |zoh_t|) (0 when both are zero).
    pub relative: f64,
}

/// Runs channel `d` of `input` under both rules (readout before skip and gate).
pub fn compare_b_rules(input: &SelectiveScanInput, d: usize) -> Result<BRuleComparison> {
    let y = |rule| -> Result<Vec<f64>> {
        Ok(trace_channel(input, rule, d)?.steps.iter().map(|s| s.y_ssm).collect())
    };
    let (euler, zoh) = (y(BRule::Euler)?, y(BRule::Zoh)?);
    let max_difference = euler.iter().zip(&zoh).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    let largest = euler.iter().chain(&zoh).fold(0.0f64, |m, v| m.max(v.abs()));
    let relative = if largest > 0.0 { max_difference / largest } else { 0.0 };
    Ok(BRuleComparison { euler, zoh, max_difference, relative })
}

/// What a layer keeps in memory and how much it multiplies to produce the next token, for a
/// recurrent selective SSM against one attention head with a KV cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    /// Numbers the selective SSM keeps between tokens: D·N, whatever the length.
    pub recurrent_state: usize,
    /// Numbers an attention head keeps after `len` tokens: a key and a value of width D each.
    pub kv_cache: usize,
    /// Multiplications of one recurrent step: Ā·h, B̄·u and C·h for each of the D·N states.
    pub recurrent_multiplies: usize,
    /// Multiplications of one attention step at this length: q·k and the weighted sum of
    /// values over `len` cached tokens (2·D·len; the projections are left out of both).
    pub attention_multiplies: usize,
}

/// The [`Footprint`] of width D (channels), state size N, after `len` tokens.
pub fn footprint(d: usize, n: usize, len: usize) -> Footprint {
    Footprint {
        recurrent_state: d.saturating_mul(n),
        kv_cache: 2usize.saturating_mul(d).saturating_mul(len),
        recurrent_multiplies: 3usize.saturating_mul(d).saturating_mul(n),
        attention_multiplies: 2usize.saturating_mul(d).saturating_mul(len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::{
        Continuous, Method, Rng, ScanAlgorithm, ScanDims, Step, discretize, kernel, selective_scan,
        trace_channel,
    };
    use nalgebra::DVector;

    fn random_input(seed: u64, d: usize, n: usize, l: usize) -> SelectiveScanInput {
        let mut input = SelectiveScanInput::random(ScanDims { d, n, l }, &mut Rng::new(seed));
        // The readout without skip or gate, so that y is exactly the mixed sum.
        input.d = None;
        input.z = None;
        input
    }

    #[test]
    fn the_mixing_matrix_reproduces_the_scan_output() {
        for rule in [BRule::Euler, BRule::Zoh] {
            let input = random_input(11, 3, 4, 17);
            let y = selective_scan(&input, rule, ScanAlgorithm::Sequential).unwrap().y;
            for d in 0..3 {
                let alpha = mixing_matrix(&input, rule, d).unwrap();
                let u = input.u.row(d).transpose();
                let mixed = &alpha * u;
                for t in 0..17 {
                    assert!((mixed[t] - y[(d, t)]).abs() < 1e-12, "{rule:?} d={d} t={t}");
                    for j in t + 1..17 {
                        assert_eq!(alpha[(t, j)], 0.0, "causal");
                    }
                }
            }
        }
    }

    #[test]
    fn final_weights_reproduce_the_last_state() {
        for rule in [BRule::Euler, BRule::Zoh] {
            let input = random_input(12, 2, 5, 9);
            let last = selective_scan(&input, rule, ScanAlgorithm::Sequential).unwrap().last_state;
            for d in 0..2 {
                let w = final_state_weights(&input, rule, d).unwrap();
                let h = &w * input.u.row(d).transpose();
                let trace = trace_channel(&input, rule, d).unwrap();
                for n in 0..5 {
                    assert!((h[n] - last[(d, n)]).abs() < 1e-12);
                    assert!((h[n] - trace.steps[8].h[n]).abs() < 1e-12);
                }
            }
        }
    }

    #[test]
    fn with_fixed_parameters_the_mixing_matrix_is_the_lti_kernel() {
        // Δ, B, C constant over time: α_{t,j} = K_{t−j} of the diagonal system, by ZOH.
        let (n, l, delta) = (3, 12, 0.3);
        let a = [-1.0, -2.0, -3.5];
        let (b, c) = ([0.5, -1.0, 2.0], [1.0, 0.3, -0.7]);
        let input = SelectiveScanInput {
            u: DMatrix::from_element(1, l, 1.0),
            delta: DMatrix::from_element(1, l, delta),
            a: DMatrix::from_row_slice(1, n, &a),
            b: DMatrix::from_fn(n, l, |k, _| b[k]),
            c: DMatrix::from_fn(n, l, |k, _| c[k]),
            d: None,
            z: None,
            delta_bias: None,
            delta_softplus: false,
        };
        let alpha = mixing_matrix(&input, BRule::Zoh, 0).unwrap();
        let sys = Continuous::new(
            DMatrix::from_diagonal(&DVector::from_row_slice(&a)),
            DMatrix::from_column_slice(n, 1, &b),
            DMatrix::from_row_slice(1, n, &c),
            DMatrix::zeros(1, 1),
        )
        .unwrap();
        let k =
            kernel(&discretize(&sys, Step::new(delta).unwrap(), Method::Zoh).unwrap(), l).unwrap();
        for t in 0..l {
            for j in 0..=t {
                assert!((alpha[(t, j)] - k[t - j]).abs() < 1e-12, "t={t} j={j}");
            }
        }
        // A Δ that changes at one step breaks the Toeplitz structure.
        let mut varying = input.clone();
        varying.delta[(0, 5)] = 2.0;
        let alpha2 = mixing_matrix(&varying, BRule::Zoh, 0).unwrap();
        assert!((alpha2[(7, 4)] - alpha2[(3, 0)]).abs() > 1e-3);
    }

    #[test]
    fn coefficients_follow_the_rules_and_agree_for_small_steps() {
        let (abar, kappa) = step_coefficients(BRule::Euler, 0.5, -2.0);
        assert!((abar - (-1.0f64).exp()).abs() < 1e-15 && kappa == 0.5);
        let (abar_z, kappa_z) = step_coefficients(BRule::Zoh, 0.5, -2.0);
        assert_eq!(abar, abar_z);
        assert!((kappa_z - (1.0 - (-1.0f64).exp()) / 2.0).abs() < 1e-15);
        let (_, small) = step_coefficients(BRule::Zoh, 1e-4, -2.0);
        assert!((small - 1e-4).abs() < 1e-8);
        // For large Δ the exact rule saturates at −1/A while Euler's κ = Δ keeps growing.
        let (_, big) = step_coefficients(BRule::Zoh, 30.0, -2.0);
        assert!((big - 0.5).abs() < 1e-12);
    }

    #[test]
    fn bad_channels_and_sizes_are_refused() {
        let input = random_input(1, 2, 2, 4);
        assert!(mixing_matrix(&input, BRule::Euler, 2).is_err());
        assert!(final_state_weights(&input, BRule::Euler, 5).is_err());
        let long = random_input(1, 1, 1, 5000);
        assert!(matches!(mixing_matrix(&long, BRule::Euler, 0), Err(SsmError::TooLarge(_))));
    }

    #[test]
    fn shares_sum_to_one_and_the_rules_agree_for_small_steps() {
        let input = random_input(4, 1, 3, 10);
        let alpha = mixing_matrix(&input, BRule::Euler, 0).unwrap();
        let shares = output_shares(&alpha, 9);
        assert_eq!(shares.len(), 10);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(output_shares(&alpha, 10).is_empty());
        assert_eq!(output_shares(&DMatrix::zeros(2, 2), 1), vec![0.0, 0.0]);
        let mut small = input.clone();
        small.delta_softplus = false;
        small.delta_bias = None;
        small.delta.fill(1e-4);
        let mut large = small.clone();
        large.delta.fill(3.0);
        let (s, l) = (compare_b_rules(&small, 0).unwrap(), compare_b_rules(&large, 0).unwrap());
        assert!(s.relative < 1e-3, "small steps: {}", s.relative);
        assert!(l.relative > 0.3, "large steps: {}", l.relative);
        assert_eq!(s.euler.len(), 10);
    }

    #[test]
    fn the_recurrent_state_stays_constant_while_the_cache_grows() {
        let short = footprint(4, 8, 10);
        let long = footprint(4, 8, 1000);
        assert_eq!(short.recurrent_state, long.recurrent_state);
        assert_eq!(short.recurrent_state, 32);
        assert_eq!(long.kv_cache, 100 * short.kv_cache);
        assert!(long.attention_multiplies > long.recurrent_multiplies);
    }
}
