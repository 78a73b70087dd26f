//! The HiPPO lesson's readings of the LegS memory of `ssm::hippo`: the error by memory size, the
//! recall after rounding, HiPPO's scaled step against S4's fixed step, impulse responses, kernel
//! views and a delay readout.

use super::precision::Precision;
use crate::ssm::hippo::{legendre_series, legs_states, scaled_legendre};
use crate::ssm::validate::{finite_scalar, finite_slice, length};
use crate::ssm::{
    Discretized, Hippo, HippoKind, Method, Result, SsmError, Step, View, discretize, kernel,
    simulate,
};
use nalgebra::{DMatrix, DVector};

/// The root-mean-square error of the history `history` (samples f_1 … f_t) as rebuilt from the
/// first M coefficients of a LegS state, for every M = 1 … N (N = `coefficients.len()`).
///
/// Eqn: e_M = √( (1/t) Σ_k (Σ_{n<M} c_n √(2n+1) P_n(2k/t − 1) − f_k)² ); the partial sums
/// over n are shared, so all N errors cost one pass.
/// Errors: an empty history, non-finite values, or no coefficients.
pub fn legs_errors_by_size(coefficients: &[f64], history: &[f64]) -> Result<Vec<f64>> {
    length("the history", history.len())?;
    finite_slice("the history", history)?;
    finite_slice("the coefficients", coefficients)?;
    let n = coefficients.len();
    if n == 0 {
        return Err(SsmError::Domain("a LegS state needs at least one coefficient".into()));
    }
    let t = history.len() as f64;
    let mut squared = vec![0.0; n];
    for (k, &f) in history.iter().enumerate() {
        let p = scaled_legendre(n, 2.0 * (k + 1) as f64 / t - 1.0);
        let mut partial = 0.0;
        for m in 0..n {
            partial += coefficients[m] * p[m];
            squared[m] += (partial - f).powi(2);
        }
    }
    Ok(squared.iter().map(|s| (s / t).sqrt()).collect())
}

/// What a LegS memory holds at step t, read back with its Legendre polynomials.
#[derive(Debug, Clone, PartialEq)]
pub struct LegsRecall {
    /// The first N coefficients c_t, rounded to the format.
    pub coefficients: Vec<f64>,
    /// The history f_1 … f_t rebuilt from them.
    pub history: Vec<f64>,
    /// The root-mean-square difference between the rebuilt history and the real one.
    pub error: f64,
}

/// Checks that `states` (from [`legs_states`]) reach step t = `seen.len()` with N ≥ `n` rows.
fn check_states(states: &DMatrix<f64>, n: usize, seen: &[f64]) -> Result<()> {
    length("the history", seen.len())?;
    finite_slice("the history", seen)?;
    if n == 0 || n > states.nrows() || seen.len() > states.ncols() {
        return Err(SsmError::Shape(format!(
            "the LegS states ({}×{}) do not hold N = {n} coefficients after t = {} steps",
            states.nrows(),
            states.ncols(),
            seen.len()
        )));
    }
    Ok(())
}

/// The LegS memory of the first N coefficients after the samples `seen` (f_1 … f_t), rounded
/// to `precision` and read back at the sample times k/t.
/// Errors: `states` too small for N or t, or an empty or non-finite history.
pub fn legs_recall(
    states: &DMatrix<f64>,
    n: usize,
    seen: &[f64],
    precision: Precision,
) -> Result<LegsRecall> {
    check_states(states, n, seen)?;
    let t = seen.len();
    let coefficients: Vec<f64> =
        states.column(t - 1).rows(0, n).iter().map(|&c| precision.round(c)).collect();
    let fractions: Vec<f64> = (1..=t).map(|k| k as f64 / t as f64).collect();
    let history = legendre_series(&coefficients, &fractions)?;
    let error =
        (history.iter().zip(seen).map(|(r, f)| (r - f).powi(2)).sum::<f64>() / t as f64).sqrt();
    Ok(LegsRecall { coefficients, history, error })
}

/// The errors of [`legs_recall`] after the samples `seen` for every N = 1 … (rows of `states`).
/// Errors: as [`legs_recall`].
pub fn legs_recall_errors(
    states: &DMatrix<f64>,
    seen: &[f64],
    precision: Precision,
) -> Result<Vec<f64>> {
    check_states(states, states.nrows(), seen)?;
    let rounded: Vec<f64> =
        states.column(seen.len() - 1).iter().map(|&c| precision.round(c)).collect();
    legs_errors_by_size(&rounded, seen)
}

/// The step rule of a LegS memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegsStep {
    /// HiPPO's rule: the step at sample k is 1/k, so the memory stretches over the whole past.
    /// The update changes with k: the system is time-varying and has no single kernel.
    Scaled,
    /// S4's rule: one fixed step Δ for every sample, discretized by the bilinear rule. The
    /// update is the same at every step (time-invariant), so the output is a convolution.
    Fixed(Step),
}

/// LegS with a fixed step Δ as S4 uses it: (A, B) from `transition('legs')`, the readout C
/// (one row of N entries), D = 0, discretized by the bilinear rule.
/// Errors: C empty, too long or non-finite.
pub fn legs_fixed(step: Step, c: &[f64]) -> Result<Discretized> {
    let sys = Hippo::new(HippoKind::LegS, c.len())?.with_output(c)?;
    discretize(&sys, step, Method::Bilinear)
}

/// The output y_k = C c_k of a LegS memory read by C (N = `c.len()`) while `signal` streams in,
/// under either step rule.
/// Errors: as [`legs_states`] and [`legs_fixed`].
pub fn legs_output(rule: LegsStep, c: &[f64], signal: &[f64]) -> Result<Vec<f64>> {
    finite_slice("the readout C", c)?;
    match rule {
        LegsStep::Fixed(step) => simulate(&legs_fixed(step, c)?, signal, View::Recurrent),
        LegsStep::Scaled => {
            let states = legs_states(c.len(), signal)?;
            let c = DVector::from_column_slice(c);
            Ok(states.column_iter().map(|h| c.dot(&h)).collect())
        }
    }
}

/// The responses of a LegS memory read by C to a unit impulse arriving at each of `arrivals`
/// (steps from 1), aligned on the arrival: entry a of a response is the output a steps after
/// its impulse, for a = 0 … `span` − 1. With a fixed step they are all the kernel K; with the
/// scaled step each arrival gets its own response.
/// Errors: no arrivals, an arrival of 0, `span` = 0, or as [`legs_output`].
pub fn legs_impulse_responses(
    rule: LegsStep,
    c: &[f64],
    arrivals: &[usize],
    span: usize,
) -> Result<Vec<Vec<f64>>> {
    length("the arrivals", arrivals.len())?;
    length("the span", span)?;
    if arrivals.contains(&0) {
        return Err(SsmError::Domain("impulses arrive at steps counted from 1".into()));
    }
    // A fixed step is discretized once: the same system meets every impulse.
    let fixed = match rule {
        LegsStep::Fixed(step) => Some(legs_fixed(step, c)?),
        LegsStep::Scaled => None,
    };
    arrivals
        .iter()
        .map(|&arrival| {
            let len = arrival.checked_add(span - 1).ok_or_else(|| {
                SsmError::TooLarge(format!("an impulse at step {arrival} is too late"))
            })?;
            let mut x = vec![0.0; len];
            x[arrival - 1] = 1.0;
            let mut y = match &fixed {
                Some(sys) => simulate(sys, &x, View::Recurrent)?,
                None => legs_output(LegsStep::Scaled, c, &x)?,
            };
            Ok(y.split_off(arrival - 1))
        })
        .collect()
}

/// The largest gap between the first response and each of the others, entry by entry: zero
/// (to rounding) exactly when one kernel describes them all.
pub fn response_spread(responses: &[Vec<f64>]) -> f64 {
    let Some((first, rest)) = responses.split_first() else { return 0.0 };
    rest.iter().flat_map(|r| r.iter().zip(first).map(|(a, b)| (a - b).abs())).fold(0.0, f64::max)
}

/// The two views of a fixed-step LegS memory read by C over one signal.
#[derive(Debug, Clone, PartialEq)]
pub struct KernelViews {
    /// The kernel K_0 … K_{L−1}, K_k = C Abar^k Bbar.
    pub kernel: Vec<f64>,
    /// The output y_1 … y_L of the recurrence, one step at a time.
    pub recurrent: Vec<f64>,
    /// The same output as the causal convolution of the kernel with the signal, by FFT.
    pub convolved: Vec<f64>,
    /// max_k |recurrent_k − convolved_k|: rounding only, because the system is time-invariant.
    pub max_difference: f64,
}

/// S4's two ways to one output: the recurrence, and the convolution with the kernel (FFT).
/// Errors: as [`legs_fixed`], or an empty or non-finite signal.
pub fn legs_fixed_views(step: Step, c: &[f64], signal: &[f64]) -> Result<KernelViews> {
    let sys = legs_fixed(step, c)?;
    let recurrent = simulate(&sys, signal, View::Recurrent)?;
    let convolved = simulate(&sys, signal, View::Fft)?;
    let kernel = kernel(&sys, signal.len())?;
    let max_difference =
        recurrent.iter().zip(&convolved).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    Ok(KernelViews { kernel, recurrent, convolved, max_difference })
}

/// A readout C that asks a fixed-step LegS memory for the input `delay` steps ago.
///
/// With a fixed step Δ, LegS describes the past in a warped time: the input `a` steps ago sits
/// at u = e^{−Δ·a} (the present at u = 1, the distant past near u = 0), where the scaled-step
/// memory would put it at u = 1 − a/t. Reading the Legendre series there:
/// Eqn: C_n = √(2n+1) P_n(2e^{−Δ·delay} − 1), n = 0 … N−1,
/// so the kernel K_k = C Abar^k Bbar is a bump near k = delay: a delay line made of memory.
/// Errors: N = 0 or beyond the limits, a negative or non-finite delay.
pub fn legs_delay_readout(n: usize, step: Step, delay: f64) -> Result<Vec<f64>> {
    Hippo::new(HippoKind::LegS, n)?;
    finite_scalar("the delay", delay)?;
    if delay < 0.0 {
        return Err(SsmError::Domain(format!("the delay must be at least 0, got {delay}")));
    }
    let u = (-step.get() * delay).exp();
    Ok(scaled_legendre(n, 2.0 * u - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::hippo::LegsMemory;

    fn wave(len: usize) -> Vec<f64> {
        (1..=len).map(|k| (k as f64 * 0.11).sin() + 0.3 * (k as f64 * 0.37).cos()).collect()
    }

    #[test]
    fn errors_by_size_match_a_direct_reconstruction_and_fall() {
        let x = wave(80);
        let memory = LegsMemory::from_signal(16, &x).unwrap();
        let errors = legs_errors_by_size(memory.state().as_slice(), &x).unwrap();
        for m in [1, 4, 16] {
            let rebuilt = LegsMemory::from_signal(m, &x).unwrap().reconstruct_history().unwrap();
            let direct = (rebuilt.iter().zip(&x).map(|(r, f)| (r - f).powi(2)).sum::<f64>()
                / x.len() as f64)
                .sqrt();
            assert!(
                (errors[m - 1] - direct).abs() < 1e-12,
                "M = {m}: {} vs {direct}",
                errors[m - 1]
            );
        }
        assert!(errors[15] < 0.2 * errors[0], "{errors:?}");
        assert!(legs_errors_by_size(&[], &x).is_err());
    }

    #[test]
    fn the_fixed_step_is_time_invariant_and_the_scaled_step_is_not() {
        let step = Step::new(0.05).unwrap();
        let c = legs_delay_readout(10, step, 12.0).unwrap();
        let spread = |rule| {
            let r = legs_impulse_responses(rule, &c, &[1, 9, 30], 40).unwrap();
            r[1..]
                .iter()
                .flat_map(|s| s.iter().zip(&r[0]).map(|(a, b)| (a - b).abs()))
                .fold(0.0, f64::max)
        };
        assert!(spread(LegsStep::Fixed(step)) < 1e-12);
        let responses = legs_impulse_responses(LegsStep::Scaled, &c, &[1, 9, 30], 40).unwrap();
        assert_eq!(response_spread(&responses), spread(LegsStep::Scaled));
        assert_eq!(response_spread(&responses[..1]), 0.0);
        assert!(spread(LegsStep::Scaled) > 0.05);
        // With a fixed step the aligned response is the kernel itself.
        let k = kernel(&legs_fixed(step, &c).unwrap(), 40).unwrap();
        let r = legs_impulse_responses(LegsStep::Fixed(step), &c, &[5], 40).unwrap();
        assert!(k.iter().zip(&r[0]).all(|(a, b)| (a - b).abs() < 1e-12));
        assert!(legs_impulse_responses(LegsStep::Scaled, &c, &[0], 5).is_err());
    }

    #[test]
    fn a_delay_readout_turns_the_kernel_into_a_bump_at_the_delay() {
        let step = Step::new(0.02).unwrap();
        for delay in [15.0, 35.0, 70.0] {
            let c = legs_delay_readout(32, step, delay).unwrap();
            let k = kernel(&legs_fixed(step, &c).unwrap(), 200).unwrap();
            let peak = (0..k.len()).max_by(|&a, &b| k[a].abs().total_cmp(&k[b].abs())).unwrap();
            assert!(
                (peak as f64 - delay).abs() <= 0.1 * delay + 2.0,
                "delay {delay}: peak at {peak}"
            );
            // The bump passes the input on: the kernel sums to about 1.
            let total: f64 = k.iter().sum();
            assert!((total - 1.0).abs() < 0.1, "delay {delay}: sum {total}");
        }
        assert!(legs_delay_readout(4, step, -1.0).is_err());
    }

    #[test]
    fn recurrence_and_convolution_agree_for_the_fixed_step() {
        let step = Step::new(0.03).unwrap();
        let c = legs_delay_readout(16, step, 20.0).unwrap();
        let x = wave(100);
        let views = legs_fixed_views(step, &c, &x).unwrap();
        assert!(views.max_difference < 1e-10, "{}", views.max_difference);
        assert_eq!(views.kernel.len(), 100);
        // The output is the input about 20 steps later, smoothed.
        let lagged: f64 = (40..100).map(|k| (views.recurrent[k] - x[k - 20]).powi(2)).sum::<f64>();
        let unlagged: f64 = (40..100).map(|k| (views.recurrent[k] - x[k]).powi(2)).sum::<f64>();
        assert!(lagged < 0.3 * unlagged, "{lagged} vs {unlagged}");
    }

    #[test]
    fn recall_reads_the_stored_states_and_rounding_shows_in_the_coefficients() {
        let x = wave(60);
        let states = legs_states(20, &x).unwrap();
        let exact = legs_recall(&states, 8, &x[..45], Precision::F64).unwrap();
        let streamed = LegsMemory::from_signal(8, &x[..45]).unwrap();
        assert_eq!(exact.coefficients, streamed.state().as_slice());
        let rebuilt = streamed.reconstruct_history().unwrap();
        assert!(exact.history.iter().zip(&rebuilt).all(|(a, b)| (a - b).abs() < 1e-12));
        let coarse = legs_recall(&states, 8, &x[..45], Precision::Bf16).unwrap();
        assert_ne!(coarse.coefficients, exact.coefficients);
        assert!((coarse.error - exact.error).abs() < 0.05);
        let errors = legs_recall_errors(&states, &x[..45], Precision::F64).unwrap();
        assert_eq!(errors.len(), 20);
        assert!((errors[7] - exact.error).abs() < 1e-12);
        assert!(legs_recall(&states, 21, &x[..45], Precision::F64).is_err());
        assert!(legs_recall(&states, 8, &wave(61), Precision::F64).is_err());
    }
}
