//! Why the ZOH formulas are what they are: Bbar as the integral ∫₀^Δ exp(As) ds · B by
//! quadrature (and as an area, for the lesson's picture), and exp(ΔA) as the limit of n Euler
//! sub-steps (I + ΔA/n)^n (and their path in the state plane).

use crate::ssm::lti::relative_error;
use crate::ssm::validate::{elements, finite_slice, length, no_overflow, work};
use crate::ssm::{Continuous, Method, Result, SsmError, Step, discretize, expm};
use nalgebra::{DMatrix, DVector};

/// One quadrature estimate of the ZOH Bbar.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadratureEstimate {
    /// The number of quadrature nodes n.
    pub nodes: usize,
    /// The midpoint-rule estimate of ∫₀^Δ exp(As) ds · B (N×M).
    pub b_bar: DMatrix<f64>,
    /// Its relative error (Frobenius norm) against the exact ZOH Bbar.
    pub relative_error: f64,
}

/// Bbar as an integral: the input held for one step is carried by the system's own motion
/// for the rest of the step, so each instant s contributes exp(As) B.
///
/// Eqn: Bbar = ∫₀^Δ exp(As) ds · B ≈ h Σ_{i<n} exp(A (i + ½) h) B with h = Δ/n (midpoint
/// rule, error O(h²)). exp(A(i+½)h) = exp(Ah/2) exp(Ah)^i, so each n needs two exponentials.
/// Errors: an empty list of node counts, a node count of 0, or more work than the limit.
pub fn b_bar_quadrature(
    sys: &Continuous,
    step: Step,
    nodes: &[usize],
) -> Result<Vec<QuadratureEstimate>> {
    length("the list of node counts", nodes.len())?;
    let (n, m) = (sys.state_size(), sys.inputs());
    let total: u64 = nodes.iter().map(|&k| k as u64).fold(0, u64::saturating_add);
    work("the quadrature", total.saturating_mul((n * n * m) as u64))?;
    let exact = discretize(sys, step, Method::Zoh)?.b_bar().clone();
    nodes
        .iter()
        .map(|&count| {
            let mut sum = DMatrix::zeros(n, m);
            let width = midpoint_strips(sys, step, count, |_, v| sum += v)?;
            let b_bar = sum * width;
            no_overflow("the quadrature of Bbar", b_bar.as_slice())?;
            let relative_error = relative_error(b_bar.as_slice(), exact.as_slice());
            Ok(QuadratureEstimate { nodes: count, b_bar, relative_error })
        })
        .collect()
}

/// Visits the midpoint rule's nodes for ∫₀^Δ exp(As) ds · B with `count` strips: for each
/// strip i, its midpoint s_i = (i + ½) h and the integrand exp(A s_i) B. Returns the strip
/// width h = Δ/count. exp(A s_i) = exp(Ah/2) exp(Ah)^i, so the nodes need two exponentials.
fn midpoint_strips(
    sys: &Continuous,
    step: Step,
    count: usize,
    mut visit: impl FnMut(f64, &DMatrix<f64>),
) -> Result<f64> {
    if count == 0 {
        return Err(SsmError::Domain("a quadrature needs at least 1 node".into()));
    }
    let h = step.get() / count as f64;
    let whole = expm(&(sys.a() * h))?;
    // The first node sits at s = h/2.
    let mut carried = expm(&(sys.a() * (h / 2.0)))? * sys.b();
    for i in 0..count {
        visit((i as f64 + 0.5) * h, &carried);
        carried = &whole * carried;
    }
    Ok(h)
}

/// ∫₀^Δ exp(As) ds · B taken apart for the lesson's picture: the integrand as a curve, the
/// integral accumulated from 0 to each s, and a midpoint rule's strips with their running sum.
#[derive(Debug, Clone, PartialEq)]
pub struct BBarIntegral {
    /// (s_j, exp(A s_j) B) for s_j = jΔ/samples, j = 0 … samples: the rate at which an input
    /// held since s_j before the end of the step still reaches the state (N×M each).
    pub integrand: Vec<(f64, DMatrix<f64>)>,
    /// (s_j, ∫₀^{s_j} exp(Au) du · B) at the same s_j: what has accumulated by s_j. The last
    /// one is the ZOH Bbar.
    pub accumulated: Vec<(f64, DMatrix<f64>)>,
    /// The strip width h = Δ / strips.
    pub width: f64,
    /// The strips' midpoints s_i and integrand values exp(A s_i) B.
    pub strips: Vec<(f64, DMatrix<f64>)>,
    /// h Σ_{l ≤ i} exp(A s_l) B after each strip i; the last is the midpoint estimate of Bbar.
    pub running: Vec<DMatrix<f64>>,
    /// The ZOH Bbar, from the exponential of the block matrix.
    pub exact: DMatrix<f64>,
    /// ‖estimate − Bbar‖ / ‖Bbar‖ of the midpoint estimate.
    pub relative_error: f64,
}

/// Bbar = ∫₀^Δ exp(As) ds · B as an area: the integrand sampled at `samples` + 1 points, the
/// accumulated integral at the same points, and the midpoint rule with `strips` strips.
///
/// Eqn: F(s + h) = F(s) + exp(As) G with G = ∫₀^h exp(Au) du · B (the ZOH Bbar of step h), so
/// the accumulated curve is exact at every sample and ends at the ZOH Bbar.
/// Errors: `samples` or `strips` of 0, either beyond `MAX_LEN`, or more work than the limit.
pub fn b_bar_integral(
    sys: &Continuous,
    step: Step,
    strips: usize,
    samples: usize,
) -> Result<BBarIntegral> {
    length("the samples of the integrand", samples)?;
    length("the strips", strips)?;
    let (n, m) = (sys.state_size(), sys.inputs());
    let total = (samples as u64).saturating_add(strips as u64);
    work("the integral of Bbar", total.saturating_mul((n * n * m) as u64))?;
    elements("the samples of the integrand", &[2, samples + 1, n, m])?;
    elements("the strips", &[2, strips, n, m])?;
    let exact = discretize(sys, step, Method::Zoh)?.b_bar().clone();
    let h = Step::new(step.get() / samples as f64)?;
    let whole = expm(&(sys.a() * h.get()))?;
    let piece = discretize(sys, h, Method::Zoh)?.b_bar().clone();
    let mut integrand = Vec::with_capacity(samples + 1);
    let mut accumulated = Vec::with_capacity(samples + 1);
    let (mut rate, mut sum) = (sys.b().clone(), DMatrix::zeros(n, m));
    let mut power = DMatrix::<f64>::identity(n, n);
    for j in 0..=samples {
        let s = j as f64 * h.get();
        integrand.push((s, rate.clone()));
        accumulated.push((s, sum.clone()));
        // Eqn: F(s + h) = F(s) + exp(As) G, and exp(A(s + h)) B = exp(Ah) exp(As) B.
        sum += &power * &piece;
        power = &whole * power;
        rate = &whole * rate;
    }
    let mut nodes = Vec::with_capacity(strips);
    let width = midpoint_strips(sys, step, strips, |s, v| nodes.push((s, v.clone())))?;
    let running: Vec<DMatrix<f64>> = nodes
        .iter()
        .scan(DMatrix::zeros(n, m), |sum, (_, v)| {
            *sum += v * width;
            Some(sum.clone())
        })
        .collect();
    let estimate = running.last().cloned().unwrap_or_else(|| DMatrix::zeros(n, m));
    for (_, v) in integrand.iter().chain(&accumulated) {
        no_overflow("the integral of Bbar (Δ‖A‖ is too large)", v.as_slice())?;
    }
    no_overflow("the quadrature of Bbar", estimate.as_slice())?;
    let relative_error = relative_error(estimate.as_slice(), exact.as_slice());
    Ok(BBarIntegral {
        integrand,
        accumulated,
        width,
        strips: nodes,
        running,
        exact,
        relative_error,
    })
}

/// One Euler estimate of exp(ΔA) h₀.
#[derive(Debug, Clone, PartialEq)]
pub struct EulerEstimate {
    /// The number of sub-steps n.
    pub substeps: usize,
    /// (I + ΔA/n)^n h₀, the state after n forward-Euler sub-steps of size Δ/n.
    pub state: DVector<f64>,
    /// Its relative error against exp(ΔA) h₀.
    pub relative_error: f64,
}

/// exp(ΔA) as "the real change over Δ given the rate A": follow h' = Ah with ever smaller
/// Euler steps and the result approaches exp(ΔA) h₀.
///
/// Eqn: (I + ΔA/n)^n h₀ → exp(ΔA) h₀ as n → ∞, with error O(1/n).
/// Errors: h₀ of the wrong length or non-finite, a count of 0, or more work than the limit.
pub fn euler_substeps(
    sys: &Continuous,
    step: Step,
    h0: &[f64],
    substeps: &[usize],
) -> Result<Vec<EulerEstimate>> {
    let n = sys.state_size();
    if h0.len() != n {
        return Err(SsmError::Shape(format!(
            "the initial state h0 must have N = {n} entries, got {}",
            h0.len()
        )));
    }
    finite_slice("h0", h0)?;
    length("the list of sub-step counts", substeps.len())?;
    let total: u64 = substeps.iter().map(|&k| k as u64).fold(0, u64::saturating_add);
    work("the Euler sub-steps", total.saturating_mul((n * n) as u64))?;
    let h0 = DVector::from_column_slice(h0);
    let exact = expm(&(sys.a() * step.get()))? * &h0;
    substeps
        .iter()
        .map(|&count| {
            let state = euler_states(sys, step, &h0, count)?.pop().unwrap_or(h0.clone());
            no_overflow("the Euler sub-steps (ΔA/n is far too large)", state.as_slice())?;
            let relative_error = relative_error(state.as_slice(), exact.as_slice());
            Ok(EulerEstimate { substeps: count, state, relative_error })
        })
        .collect()
}

/// The states h₀, h₁, …, h_n of n forward-Euler sub-steps of size Δ/n from h₀.
fn euler_states(
    sys: &Continuous,
    step: Step,
    h0: &DVector<f64>,
    count: usize,
) -> Result<Vec<DVector<f64>>> {
    if count == 0 {
        return Err(SsmError::Domain("Euler needs at least 1 sub-step".into()));
    }
    // Eqn: one sub-step is h ← h + (Δ/n) A h = (I + ΔA/n) h.
    let one = DMatrix::identity(h0.len(), h0.len()) + sys.a() * (step.get() / count as f64);
    let mut states = Vec::with_capacity(count + 1);
    states.push(h0.clone());
    for i in 0..count {
        states.push(&one * &states[i]);
    }
    Ok(states)
}

/// n Euler sub-steps drawn against the exact motion, for the lesson's state-plane picture.
#[derive(Debug, Clone, PartialEq)]
pub struct EulerPath {
    /// h₀, h₁, …, h_n: each sub-step follows the current rate A h for Δ/n.
    pub euler: Vec<DVector<f64>>,
    /// exp(A s_j) h₀ at s_j = jΔ/samples, j = 0 … samples: the exact path.
    pub exact: Vec<DVector<f64>>,
    /// exp(ΔA) h₀, where the exact path ends.
    pub target: DVector<f64>,
    /// ‖h_n − exp(ΔA) h₀‖ / ‖exp(ΔA) h₀‖.
    pub relative_error: f64,
}

/// The path of n = `substeps` Euler sub-steps of h' = Ah from h₀ over one step Δ, and the exact
/// path exp(As) h₀ sampled at `samples` + 1 points: "the real change over Δ" is the limit of
/// ever more, ever shorter straight moves along the current rate.
///
/// Errors: as [`euler_substeps`], `samples` of 0 or beyond `MAX_LEN`.
pub fn euler_path(
    sys: &Continuous,
    step: Step,
    h0: &[f64],
    substeps: usize,
    samples: usize,
) -> Result<EulerPath> {
    let target = euler_substeps(sys, step, h0, &[substeps])?;
    length("the samples of the exact path", samples)?;
    let n = sys.state_size();
    work("the exact path", (samples as u64).saturating_mul((n * n) as u64))?;
    elements("the exact path", &[samples + 1, n])?;
    let h0 = DVector::from_column_slice(h0);
    let euler = euler_states(sys, step, &h0, substeps)?;
    for h in &euler {
        no_overflow("the Euler sub-steps (ΔA/n is far too large)", h.as_slice())?;
    }
    let whole = expm(&(sys.a() * (step.get() / samples as f64)))?;
    let mut exact = Vec::with_capacity(samples + 1);
    exact.push(h0);
    for j in 0..samples {
        exact.push(&whole * &exact[j]);
    }
    let target_state = expm(&(sys.a() * step.get()))? * &exact[0];
    no_overflow("the exact path", target_state.as_slice())?;
    Ok(EulerPath { euler, exact, target: target_state, relative_error: target[0].relative_error })
}

/// Whether A can be inverted, so that the textbook ZOH form Bbar = (ΔA)⁻¹(exp(ΔA) − I)ΔB
/// exists: its smallest singular value is not negligible against its largest (a zero A, or a
/// Jordan block such as the double integrator's [[0, 1], [0, 0]], is singular).
pub fn a_is_invertible(sys: &Continuous) -> bool {
    let sv = sys.a().clone().singular_values();
    let (lo, hi) = (sv.min(), sv.max());
    hi > 0.0 && lo > hi * 1e-12
}

/// Bbar by its series, valid for every A, singular ones included:
/// Eqn: Bbar = ∫₀^Δ exp(As) ds · B = Σ_{k≥0} Δ^{k+1} A^k / (k+1)! · B,
/// summed until a term no longer changes the sum (at most `max_terms` terms).
/// Errors: a sum that overflows or has not settled after `max_terms` terms.
pub fn b_bar_series(sys: &Continuous, step: Step, max_terms: usize) -> Result<DMatrix<f64>> {
    let delta = step.get();
    // term_k = Δ^{k+1} A^k B / (k+1)!, and term_{k+1} = term_k · ΔA / (k+2) (A acting on the left).
    let mut term = sys.b() * delta;
    let mut sum = term.clone();
    for k in 0..max_terms {
        term = sys.a() * &term * (delta / (k as f64 + 2.0));
        sum += &term;
        no_overflow("the series of Bbar", sum.as_slice())?;
        if term.amax() <= sum.amax() * f64::EPSILON * 0.5 {
            return Ok(sum);
        }
    }
    Err(SsmError::Numerical(format!("the series of Bbar did not settle in {max_terms} terms")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oscillator() -> Continuous {
        let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -4.0, -0.8]);
        Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap()
    }

    #[test]
    fn the_accumulated_integral_ends_at_the_zoh_b_bar_and_the_strips_converge() {
        let sys = oscillator();
        let step = Step::new(1.3).unwrap();
        let exact = discretize(&sys, step, Method::Zoh).unwrap().b_bar().clone();
        let coarse = b_bar_integral(&sys, step, 4, 50).unwrap();
        let fine = b_bar_integral(&sys, step, 8, 50).unwrap();
        let (s_end, last) = coarse.accumulated.last().unwrap();
        assert!((s_end - 1.3).abs() < 1e-12);
        assert!((last - &exact).amax() < 1e-12, "{last} vs {exact}");
        assert_eq!(coarse.integrand[0].1, *sys.b());
        assert_eq!(coarse.accumulated[0].1, DMatrix::zeros(2, 1));
        assert_eq!((coarse.strips.len(), coarse.running.len()), (4, 4));
        assert!((coarse.width - 1.3 / 4.0).abs() < 1e-15);
        assert!((coarse.strips[0].0 - 1.3 / 8.0).abs() < 1e-15);
        // The midpoint rule is second order: twice the strips, about a quarter of the error.
        let ratio = fine.relative_error / coarse.relative_error;
        assert!((0.2..0.3).contains(&ratio), "ratio {ratio}");
        // The running sum's last entry is the quadrature estimate.
        let q = b_bar_quadrature(&sys, step, &[4]).unwrap();
        assert!((coarse.running.last().unwrap() - &q[0].b_bar).amax() < 1e-14);
        assert!(b_bar_integral(&sys, step, 0, 10).is_err());
        assert!(b_bar_integral(&sys, step, 3, 0).is_err());
    }

    #[test]
    fn the_integral_of_the_double_integrator_is_the_textbook_one() {
        // A = [[0, 1], [0, 0]] is singular: Bbar = (Δ²/2, Δ) for B = (0, 1).
        let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 0.0, 0.0]);
        let sys = Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
        let got = b_bar_integral(&sys, Step::new(2.0).unwrap(), 1, 8).unwrap();
        let (_, last) = got.accumulated.last().unwrap();
        assert!((last[(0, 0)] - 2.0).abs() < 1e-12 && (last[(1, 0)] - 2.0).abs() < 1e-12);
        // The integrand (s, 1) is linear, so one midpoint strip is already exact.
        assert!(got.relative_error < 1e-14, "{}", got.relative_error);
    }

    #[test]
    fn the_series_of_b_bar_agrees_with_the_block_exponential_for_singular_and_regular_a() {
        let double = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 0.0, 0.0]);
        let half = DMatrix::from_row_slice(2, 2, &[-1.0, 0.0, 0.0, 0.0]);
        for (a, regular) in [(double, false), (half, false), (oscillator().a().clone(), true)] {
            let sys = Continuous::siso(a, &[0.3, 1.0], &[1.0, 0.0], 0.0).unwrap();
            assert_eq!(a_is_invertible(&sys), regular);
            for delta in [0.1, 0.7, 2.5] {
                let step = Step::new(delta).unwrap();
                let exact = discretize(&sys, step, Method::Zoh).unwrap().b_bar().clone();
                let series = b_bar_series(&sys, step, 200).unwrap();
                assert!(
                    (&series - &exact).amax() < 1e-12 * exact.amax().max(1.0),
                    "{series} vs {exact}"
                );
            }
        }
        // The double integrator with B = (0, 1): Bbar = (Δ²/2, Δ).
        let sys = Continuous::siso(
            DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 0.0, 0.0]),
            &[0.0, 1.0],
            &[1.0, 0.0],
            0.0,
        )
        .unwrap();
        let got = b_bar_series(&sys, Step::new(0.5).unwrap(), 200).unwrap();
        assert_eq!((got[(0, 0)], got[(1, 0)]), (0.125, 0.5));
        assert!(b_bar_series(&oscillator(), Step::new(50.0).unwrap(), 3).is_err());
    }

    #[test]
    fn euler_paths_approach_the_exact_path_at_first_order() {
        let sys = oscillator();
        let step = Step::new(1.0).unwrap();
        let path = euler_path(&sys, step, &[1.0, 0.0], 16, 40).unwrap();
        assert_eq!((path.euler.len(), path.exact.len()), (17, 41));
        assert_eq!(path.euler[0], DVector::from_vec(vec![1.0, 0.0]));
        assert!((path.exact.last().unwrap() - &path.target).amax() < 1e-12);
        let expected = expm(&(sys.a() * 1.0)).unwrap() * DVector::from_vec(vec![1.0, 0.0]);
        assert!((&path.target - expected).amax() < 1e-14);
        let double = euler_path(&sys, step, &[1.0, 0.0], 32, 40).unwrap();
        let ratio = double.relative_error / path.relative_error;
        assert!((0.4..0.6).contains(&ratio), "ratio {ratio}");
        // One sub-step is the tangent: h₀ + Δ A h₀.
        let one = euler_path(&sys, step, &[1.0, 0.0], 1, 4).unwrap();
        assert_eq!(one.euler[1], DVector::from_vec(vec![1.0, -4.0]));
        assert!(euler_path(&sys, step, &[1.0], 4, 4).is_err());
        assert!(euler_path(&sys, step, &[1.0, 0.0], 4, 0).is_err());
    }
}
