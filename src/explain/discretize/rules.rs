//! The three discretization rules side by side, for the lesson on zero-order hold: each rule's
//! samples against the exact response to the held input, where each rule puts the eigenvalues
//! of Abar as Δ grows, and the largest step forward Euler can take before it turns unstable.

use crate::ssm::lti::{HeldResponse, held_response};
use crate::ssm::validate::{finite_slice, length, work};
use crate::ssm::{Continuous, Method, Result, SsmError, Step, discretize, recurrence};
use nalgebra::DMatrix;
use num_complex::Complex64;

/// One rule's outputs against the exact ones.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSamples {
    /// The rule.
    pub method: Method,
    /// y_k from the rule's recurrence, the output at the end of step k, t = (k + 1)Δ.
    pub outputs: Vec<f64>,
    /// |y_k − y((k + 1)Δ)| against the exact continuous response.
    pub errors: Vec<f64>,
    /// max |λ(Abar)| of the rule's Abar.
    pub spectral_radius: f64,
}

/// The exact response to a held input and every rule's samples of it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleComparison {
    /// The exact continuous response, `per_step` samples per step, from t = 0.
    pub exact: HeldResponse,
    /// One entry per rule, in the order of [`Method::ALL`].
    pub rules: Vec<RuleSamples>,
}

/// Runs a SISO system on the tokens `x`, each held for Δ, exactly (sampled `per_step` times per
/// step) and by each rule's recurrence, and measures each rule's error at the step ends.
///
/// Eqn: y_k = C h_k + D x_k with h_k = Abar h_{k−1} + Bbar x_k, against y(t) at t = (k + 1)Δ,
/// where x(t) = x_k on (kΔ, (k + 1)Δ]. ZOH's error is rounding only: it is exact for held inputs.
/// Errors: not SISO, x empty or non-finite, sizes beyond the limits, or a rule whose Abar or
/// outputs overflow (an unstable rule run for long).
pub fn compare_rules(
    sys: &Continuous,
    x: &[f64],
    step: Step,
    per_step: usize,
) -> Result<RuleComparison> {
    if sys.inputs() != 1 || sys.outputs() != 1 {
        return Err(SsmError::Shape(format!(
            "comparing the rules needs one input and one output, got {} and {}",
            sys.inputs(),
            sys.outputs()
        )));
    }
    length("the tokens x", x.len())?;
    finite_slice("x", x)?;
    let input = DMatrix::from_row_slice(1, x.len(), x);
    let exact = held_response(sys, &input, step, per_step)?;
    let rules = Method::ALL
        .into_iter()
        .map(|method| {
            let discrete = discretize(sys, step, method)?;
            let outputs: Vec<f64> =
                recurrence(&discrete, &input)?.outputs.iter().copied().collect();
            let errors = outputs
                .iter()
                .enumerate()
                .map(|(k, y)| (y - exact.outputs[(0, (k + 1) * per_step)]).abs())
                .collect();
            Ok(RuleSamples {
                method,
                outputs,
                errors,
                spectral_radius: discrete.spectral_radius()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(RuleComparison { exact, rules })
}

/// The eigenvalues of one rule's Abar at one step.
#[derive(Debug, Clone, PartialEq)]
pub struct LocusPoint {
    /// The step Δ.
    pub step: f64,
    /// The eigenvalues of Abar at that step.
    pub eigenvalues: Vec<Complex64>,
}

/// Where `method` puts the eigenvalues of Abar for each step in `steps`: the path they follow
/// as Δ grows. A step at which the rule has no Abar (bilinear with I − Δ/2·A singular, or an
/// overflow) is left out.
///
/// For an eigenvalue λ of A: ZOH gives e^{Δλ}, inside the unit circle whenever Re λ < 0;
/// bilinear gives (1 + Δλ/2)/(1 − Δλ/2), also inside; Euler gives 1 + Δλ, a straight line from 1
/// that leaves the circle once Δ passes [`euler_step_limit`].
/// Errors: a step that is not positive and finite, too many steps, or an eigenvalue iteration
/// that does not converge.
pub fn eigenvalue_locus(
    sys: &Continuous,
    method: Method,
    steps: &[f64],
) -> Result<Vec<LocusPoint>> {
    length("the steps", steps.len())?;
    let n = sys.state_size() as u64;
    work("the eigenvalue locus", (steps.len() as u64).saturating_mul(n.pow(3).saturating_mul(30)))?;
    let mut points = Vec::with_capacity(steps.len());
    for &delta in steps {
        let discrete = match discretize(sys, Step::new(delta)?, method) {
            Ok(d) => d,
            Err(SsmError::Numerical(_)) => continue,
            Err(e) => return Err(e),
        };
        points.push(LocusPoint { step: delta, eigenvalues: discrete.eigenvalues()? });
    }
    Ok(points)
}

/// The largest step for which forward Euler keeps every mode of a stable A from growing, or
/// `None` when A has an eigenvalue with Re λ ≥ 0 (no step makes Euler decay then).
///
/// Eqn: |1 + Δλ| ≤ 1 ⇔ Δ ≤ −2 Re λ / |λ|², for each eigenvalue λ of A.
pub fn euler_step_limit(sys: &Continuous) -> Result<Option<f64>> {
    let lambdas = sys.eigenvalues()?;
    if lambdas.iter().any(|l| l.re >= 0.0) {
        return Ok(None);
    }
    Ok(Some(lambdas.iter().map(|l| -2.0 * l.re / l.norm_sqr()).fold(f64::INFINITY, f64::min)))
}

/// What the recurrence h_k = Abar h_{k−1} does to a state in the long run, without input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongRun {
    /// Every mode shrinks: the largest |λ(Abar)| is below 1.
    Decays,
    /// The largest |λ| is 1 and Abar's powers stay bounded (e.g. a rotation).
    Stays,
    /// The largest |λ| is 1 but an eigenvalue on the circle has a Jordan block: Abarᵏ grows
    /// like k (the double integrator's position under a constant velocity).
    GrowsLinearly,
    /// Some |λ| exceeds 1: growth like |λ|ᵏ.
    Grows,
}

/// The long-run behaviour of Abar: its spectral radius, and on the unit circle whether its
/// powers stay bounded (Abar^2048 no larger than Abar^1024) or grow like k.
pub fn long_run(a_bar: &DMatrix<f64>) -> Result<LongRun> {
    finite_slice("Abar", a_bar.as_slice())?;
    let rho = a_bar.complex_eigenvalues().iter().map(|l| l.norm()).fold(0.0, f64::max);
    if rho > 1.0 + 1e-10 {
        return Ok(LongRun::Grows);
    }
    if rho < 1.0 - 1e-10 {
        return Ok(LongRun::Decays);
    }
    // Ten squarings give Abar^1024, one more Abar^2048: bounded powers barely change, a
    // Jordan block's doubles.
    let mut power = a_bar.clone();
    for _ in 0..10 {
        power = &power * &power;
    }
    let next = &power * &power;
    Ok(if next.amax() > 1.5 * power.amax() { LongRun::GrowsLinearly } else { LongRun::Stays })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damped() -> Continuous {
        let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -4.0, -0.8]);
        Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap()
    }

    #[test]
    fn zoh_is_exact_on_held_tokens_and_the_others_are_not() {
        let x = [1.0, 0.4, -0.6, 0.9, 0.0, -1.0];
        let got = compare_rules(&damped(), &x, Step::new(0.5).unwrap(), 20).unwrap();
        assert_eq!(got.exact.times.len(), 6 * 20 + 1);
        let worst = |m: Method| {
            let r = got.rules.iter().find(|r| r.method == m).unwrap();
            r.errors.iter().copied().fold(0.0, f64::max)
        };
        assert!(worst(Method::Zoh) < 1e-13, "zoh {:e}", worst(Method::Zoh));
        assert!(worst(Method::Bilinear) > 1e-4 && worst(Method::Bilinear) < 0.1);
        assert!(worst(Method::Euler) > worst(Method::Bilinear));
        let zoh = &got.rules[0];
        assert_eq!(zoh.method, Method::Zoh);
        assert_eq!(zoh.outputs.len(), 6);
        // Δ = 0.5 is past Euler's limit for this A (0.2), so Euler's Abar grows.
        assert!(got.rules[2].spectral_radius > 1.0 && zoh.spectral_radius < 1.0);
        assert!(compare_rules(&damped(), &[], Step::new(0.5).unwrap(), 4).is_err());
        assert!(compare_rules(&damped(), &[f64::NAN], Step::new(0.5).unwrap(), 4).is_err());
    }

    #[test]
    fn each_rule_maps_an_eigenvalue_as_its_formula_says() {
        let sys = damped();
        let lambda = sys.eigenvalues().unwrap().into_iter().find(|l| l.im > 0.0).unwrap();
        let delta = 0.7;
        let expect = [
            (Method::Zoh, (lambda * delta).exp()),
            (Method::Bilinear, (1.0 + lambda * delta / 2.0) / (1.0 - lambda * delta / 2.0)),
            (Method::Euler, 1.0 + lambda * delta),
        ];
        for (method, mu) in expect {
            let locus = eigenvalue_locus(&sys, method, &[0.1, delta]).unwrap();
            assert_eq!(locus.len(), 2);
            let nearest =
                locus[1].eigenvalues.iter().map(|e| (e - mu).norm()).fold(f64::INFINITY, f64::min);
            assert!(nearest < 1e-12, "{method}: {nearest:e}");
        }
        assert!(eigenvalue_locus(&sys, Method::Zoh, &[0.0]).is_err());
    }

    #[test]
    fn bilinear_steps_without_an_abar_are_left_out() {
        // λ = 4: I − Δ/2·A is singular at Δ = 0.5.
        let sys = Continuous::siso(DMatrix::from_element(1, 1, 4.0), &[1.0], &[1.0], 0.0).unwrap();
        let locus = eigenvalue_locus(&sys, Method::Bilinear, &[0.25, 0.5, 1.0]).unwrap();
        assert_eq!(locus.iter().map(|p| p.step).collect::<Vec<_>>(), vec![0.25, 1.0]);
    }

    #[test]
    fn a_jordan_block_on_the_circle_grows_linearly_and_a_rotation_stays() {
        let double = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 0.0, 0.0]);
        let sys = Continuous::siso(double, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
        let step = Step::new(0.5).unwrap();
        let zoh = discretize(&sys, step, Method::Zoh).unwrap();
        assert_eq!(long_run(zoh.a_bar()).unwrap(), LongRun::GrowsLinearly);
        let spin = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -1.0, 0.0]);
        let sys = Continuous::siso(spin, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
        let bilinear = discretize(&sys, step, Method::Bilinear).unwrap();
        assert_eq!(long_run(bilinear.a_bar()).unwrap(), LongRun::Stays);
        assert_eq!(
            long_run(discretize(&sys, step, Method::Euler).unwrap().a_bar()).unwrap(),
            LongRun::Grows
        );
        let damped = discretize(&damped(), step, Method::Zoh).unwrap();
        assert_eq!(long_run(damped.a_bar()).unwrap(), LongRun::Decays);
    }

    #[test]
    fn euler_is_stable_exactly_below_its_limit() {
        let sys = damped();
        let limit = euler_step_limit(&sys).unwrap().unwrap();
        // λ = −0.4 ± i√3.84: −2 Re λ / |λ|² = 0.8 / 4 = 0.2.
        assert!((limit - 0.2).abs() < 1e-12, "{limit}");
        for (delta, below) in [(limit * 0.99, true), (limit * 1.01, false)] {
            let rho = discretize(&sys, Step::new(delta).unwrap(), Method::Euler)
                .unwrap()
                .spectral_radius()
                .unwrap();
            assert_eq!(rho < 1.0, below, "Δ = {delta}: ρ = {rho}");
        }
        let undamped = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -4.0, 0.0]);
        let undamped = Continuous::siso(undamped, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
        assert_eq!(euler_step_limit(&undamped).unwrap(), None);
    }
}
