//! The response of a continuous SISO system to a sampled input, for the continuous-time lessons:
//! exactly (ZOH on the input's fine grid, exact for a held input), or with a tanh inserted into
//! the update, h'(t) = tanh(A h(t) + B x(t)), the nonlinear twin that shows what linearity buys.
//! On top of it, the two laws the lesson checks live: superposition, and the convolution view
//! (the output as the input convolved with the response to one unit pulse).

use super::signals::SampledInput;
use crate::ssm::validate::{finite_slice, length, no_overflow, work};
use crate::ssm::{Continuous, Method, Result, SsmError, Step, convolve_direct, discretize};
use nalgebra::{DMatrix, DVector};

/// How the state moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Update {
    /// The SSM: h'(t) = A h(t) + B x(t), solved exactly for the held input.
    Linear,
    /// The same update through a tanh, like an RNN cell: h'(t) = tanh(A h(t) + B x(t)),
    /// integrated by fourth-order Runge–Kutta on the input's grid.
    Tanh,
}

/// A simulated run, sampled at t_j = j·dt for j = 0 … L.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The sample times t_0 = 0 … t_L.
    pub times: Vec<f64>,
    /// h(t_j) as the columns of an N×(L+1) matrix; h(0) = B·(impulse weight), otherwise 0.
    pub states: DMatrix<f64>,
    /// y(t_j) = C h(t_j) + D x(t_j⁻): the input held over the step that ends at t_j (and 0
    /// before t = 0, so y(0) = C h(0); the D·δ(t) of an impulse is not a sampled value).
    pub outputs: Vec<f64>,
}

impl Response {
    /// The state at sample j as (h₁, h₂, …).
    pub fn state(&self, j: usize) -> Vec<f64> {
        self.states.column(j.min(self.states.ncols() - 1)).iter().copied().collect()
    }

    /// The sample nearest to time t (clamped to the run).
    pub fn index_at(&self, t: f64) -> usize {
        let last = self.times.len() - 1;
        let dt = if last == 0 { 1.0 } else { self.times[last] / last as f64 };
        if !t.is_finite() || t <= 0.0 { 0 } else { ((t / dt).round() as usize).min(last) }
    }
}

/// Refuses a system with more than one input or output.
fn require_siso(sys: &Continuous) -> Result<()> {
    if sys.inputs() == 1 && sys.outputs() == 1 {
        Ok(())
    } else {
        Err(SsmError::Shape(format!(
            "the response needs one input and one output, got B: {}×{}, C: {}×{}",
            sys.state_size(),
            sys.inputs(),
            sys.outputs(),
            sys.state_size()
        )))
    }
}

/// Simulates `sys` from rest under `input` with the chosen update.
///
/// Linear: with the ZOH system of step dt, h(t_{j+1}) = Abar h(t_j) + Bbar x_j is exact for the
/// held input (not an approximation); an impulse of weight w at t = 0 starts the state at
/// h(0⁺) = B w. Tanh: RK4 steps of h' = tanh(A h + B x_j); an impulse is refused, because a
/// rate bounded by tanh cannot move the state in no time.
/// Errors: not SISO, an empty or non-finite input, a state that overflows f64.
pub fn respond(sys: &Continuous, input: &SampledInput, update: Update) -> Result<Response> {
    require_siso(sys)?;
    let len = input.held.len();
    length("the input", len)?;
    finite_slice("the input", &input.held)?;
    let n = sys.state_size();
    work("the response", (len as u64).saturating_mul((4 * n * n) as u64))?;
    let step = Step::new(input.dt)?;
    let (c, d) = (sys.c().row(0).transpose(), sys.d()[(0, 0)]);
    let b = sys.b().column(0).into_owned();
    let mut states = DMatrix::zeros(n, len + 1);
    let mut outputs = vec![0.0; len + 1];
    let mut h: DVector<f64> = &b * input.impulse;
    let mut record = |j: usize, h: &DVector<f64>, x_before: f64| {
        states.set_column(j, h);
        outputs[j] = c.dot(h) + d * x_before;
    };
    record(0, &h, 0.0);
    match update {
        Update::Linear => {
            let fine = discretize(sys, step, Method::Zoh)?;
            let b_bar = fine.b_bar().column(0).into_owned();
            // Two state vectors reused for the whole run (no allocation per step).
            let mut next = DVector::zeros(n);
            for (j, &x) in input.held.iter().enumerate() {
                // Eqn: h(t_{j+1}) = Abar h(t_j) + Bbar x_j, exact for x held over the step.
                next.gemv(1.0, fine.a_bar(), &h, 0.0);
                next.axpy(x, &b_bar, 1.0);
                std::mem::swap(&mut h, &mut next);
                record(j + 1, &h, x);
            }
        }
        Update::Tanh => {
            if input.impulse != 0.0 {
                return Err(SsmError::Domain(
                    "a tanh update has a bounded rate: an impulse cannot move its state".into(),
                ));
            }
            let a = sys.a();
            let dt = input.dt;
            for (j, &x) in input.held.iter().enumerate() {
                let rate = |h: &DVector<f64>| (a * h + &b * x).map(f64::tanh);
                // RK4 for h' = tanh(A h + B x_j) over one step.
                let k1 = rate(&h);
                let k2 = rate(&(&h + &k1 * (dt / 2.0)));
                let k3 = rate(&(&h + &k2 * (dt / 2.0)));
                let k4 = rate(&(&h + &k3 * dt));
                h += (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (dt / 6.0);
                record(j + 1, &h, x);
            }
        }
    }
    let why = "the response (the system is unstable and grew beyond f64)";
    no_overflow(why, states.as_slice())?;
    no_overflow(why, &outputs)?;
    Ok(Response { times: input.times(), states, outputs })
}

/// The superposition test: the response to x₁ + x₂ against the sum of the responses.
#[derive(Debug, Clone, PartialEq)]
pub struct Superposition {
    /// The sample times t_0 … t_L.
    pub times: Vec<f64>,
    /// y for x₁ alone.
    pub first: Vec<f64>,
    /// y for x₂ alone.
    pub second: Vec<f64>,
    /// y\[x₁\] + y\[x₂\].
    pub sum_of_responses: Vec<f64>,
    /// y\[x₁ + x₂\].
    pub response_to_sum: Vec<f64>,
    /// max_j |y\[x₁ + x₂\] − (y\[x₁\] + y\[x₂\])|: rounding (about 1e-15) for the linear update.
    pub max_gap: f64,
}

/// Runs x₁, x₂ and x₁ + x₂ through the system with the chosen update.
///
/// Eqn (superposition): y\[x₁ + x₂\] = y\[x₁\] + y\[x₂\] for every linear system from rest; a tanh in
/// the update breaks it, because tanh(u + v) ≠ tanh(u) + tanh(v).
/// Errors: as [`respond`], or inputs on different grids.
pub fn superposition(
    sys: &Continuous,
    x1: &SampledInput,
    x2: &SampledInput,
    update: Update,
) -> Result<Superposition> {
    let both = x1.plus(x2)?;
    let first = respond(sys, x1, update)?.outputs;
    let second = respond(sys, x2, update)?.outputs;
    let response_to_sum = respond(sys, &both, update)?.outputs;
    let sum_of_responses: Vec<f64> = first.iter().zip(&second).map(|(a, b)| a + b).collect();
    let max_gap = max_gap(&response_to_sum, &sum_of_responses);
    Ok(Superposition {
        times: both.times(),
        first,
        second,
        sum_of_responses,
        response_to_sum,
        max_gap,
    })
}

/// The convolution test: the output computed by stepping the update, against the input
/// convolved with the measured response to one unit pulse.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvolutionCheck {
    /// The times t_1 … t_L at which the outputs are compared (the end of each held step).
    pub times: Vec<f64>,
    /// The response to a unit pulse over the first step: K_k + D δ_k with K_k = C Abar^k Bbar
    /// (for the linear update).
    pub kernel: Vec<f64>,
    /// y(t_{k+1}) by stepping the update.
    pub stepped: Vec<f64>,
    /// Σ_j kernel_j x_{k−j}: what the convolution view predicts.
    pub convolved: Vec<f64>,
    /// max_k |stepped − convolved|: rounding for the linear update.
    pub max_gap: f64,
}

/// Measures the pulse response and checks whether convolving it with the input gives the output.
///
/// Eqn: y_k = Σ_{j≤k} P_j x_{k−j} with P the response to x = (1, 0, 0, …). This holds exactly
/// when responses add and shift (a linear, time-invariant update) and fails otherwise.
/// Errors: as [`respond`]; an input with an impulse (only held inputs are convolved here).
pub fn convolution_check(
    sys: &Continuous,
    input: &SampledInput,
    update: Update,
) -> Result<ConvolutionCheck> {
    if input.impulse != 0.0 {
        return Err(SsmError::Domain(
            "the convolution check takes a held input without an impulse".into(),
        ));
    }
    let pulse = SampledInput::unit_pulse(input.dt, input.held.len())?;
    let kernel = respond(sys, &pulse, update)?.outputs.split_off(1);
    let stepped = respond(sys, input, update)?.outputs.split_off(1);
    let convolved = convolve_direct(&kernel, &input.held)?;
    no_overflow("the convolution", &convolved)?;
    let max_gap = max_gap(&stepped, &convolved);
    Ok(ConvolutionCheck { times: input.times().split_off(1), kernel, stepped, convolved, max_gap })
}

fn max_gap(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::continuous::{Signal, SignalKind};
    use crate::ssm::expm;

    fn oscillator() -> Continuous {
        let a = DMatrix::from_row_slice(2, 2, &[-0.3, 2.0, -2.0, -0.3]);
        Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.5], 0.25).unwrap()
    }

    fn input(kind: SignalKind, amplitude: f64) -> SampledInput {
        Signal::new(kind, amplitude, 2.0).unwrap().sample(6.0, 300).unwrap()
    }

    #[test]
    fn the_impulse_response_is_exp_of_a_times_b() {
        let sys = oscillator();
        let run = respond(&sys, &input(SignalKind::Impulse, 1.5), Update::Linear).unwrap();
        for j in [0, 100, 300] {
            let t = run.times[j];
            let want = expm(&(sys.a() * t)).unwrap() * sys.b() * 1.5;
            for i in 0..2 {
                assert!((run.states[(i, j)] - want[(i, 0)]).abs() < 1e-12, "t = {t}");
            }
        }
        assert_eq!(run.index_at(3.0), 150);
        assert_eq!(run.index_at(99.0), 300);
        assert_eq!(run.state(150).len(), 2);
    }

    #[test]
    fn a_step_settles_at_the_equilibrium() {
        // y(∞) = −C A⁻¹ B + D for a stable A and a unit step.
        let sys = oscillator();
        let long = Signal::new(SignalKind::Step, 1.0, 1.0).unwrap().sample(60.0, 3000).unwrap();
        let run = respond(&sys, &long, Update::Linear).unwrap();
        let a_inv = sys.a().clone().try_inverse().unwrap();
        let want = -(sys.c() * a_inv * sys.b())[(0, 0)] + 0.25;
        // The transient has decayed to e^{−0.3·60} ≈ 1.5e-8 of its size.
        assert!((run.outputs[3000] - want).abs() < 1e-6);
        assert_eq!(run.outputs[0], 0.0, "nothing has happened at t = 0");
    }

    #[test]
    fn superposition_holds_when_linear_and_breaks_with_tanh() {
        let sys = oscillator();
        let (x1, x2) = (input(SignalKind::Tokens, 1.0), input(SignalKind::Sine, 1.5));
        let linear = superposition(&sys, &x1, &x2, Update::Linear).unwrap();
        assert!(linear.max_gap < 1e-12, "linear gap {}", linear.max_gap);
        let tanh = superposition(&sys, &x1, &x2, Update::Tanh).unwrap();
        assert!(tanh.max_gap > 0.05, "tanh gap {}", tanh.max_gap);
        assert_eq!(tanh.times.len(), tanh.response_to_sum.len());
    }

    #[test]
    fn tanh_is_nearly_linear_for_small_signals() {
        let sys = oscillator();
        let (x1, x2) = (input(SignalKind::Tokens, 0.01), input(SignalKind::Sine, 0.01));
        let tanh = superposition(&sys, &x1, &x2, Update::Tanh).unwrap();
        let scale = tanh.response_to_sum.iter().map(|y| y.abs()).fold(0.0, f64::max);
        assert!(tanh.max_gap < 1e-3 * scale, "gap {} of {scale}", tanh.max_gap);
    }

    #[test]
    fn convolution_matches_stepping_only_when_linear() {
        let sys = oscillator();
        let x = input(SignalKind::Square, 1.0);
        let linear = convolution_check(&sys, &x, Update::Linear).unwrap();
        assert!(linear.max_gap < 1e-12, "linear gap {}", linear.max_gap);
        assert_eq!(linear.kernel.len(), 300);
        // The pulse response starts at C Bbar + D.
        let fine = discretize(&sys, Step::new(x.dt).unwrap(), Method::Zoh).unwrap();
        let k0 = (sys.c() * fine.b_bar())[(0, 0)] + 0.25;
        assert!((linear.kernel[0] - k0).abs() < 1e-15);
        let tanh = convolution_check(&sys, &x, Update::Tanh).unwrap();
        assert!(tanh.max_gap > 0.05, "tanh gap {}", tanh.max_gap);
    }

    #[test]
    fn refusals() {
        let sys = oscillator();
        let kick = input(SignalKind::Impulse, 1.0);
        assert!(respond(&sys, &kick, Update::Tanh).is_err());
        assert!(convolution_check(&sys, &kick, Update::Linear).is_err());
        let mimo = Continuous::with_state_output(sys.a().clone(), sys.b().clone()).unwrap();
        assert!(respond(&mimo, &input(SignalKind::Step, 1.0), Update::Linear).is_err());
        let bad = SampledInput { dt: 0.1, held: vec![f64::NAN], impulse: 0.0 };
        assert!(respond(&sys, &bad, Update::Linear).is_err());
    }

    #[test]
    fn an_unstable_system_grows_but_stays_finite() {
        let a = DMatrix::from_row_slice(2, 2, &[3.0, 3.0, 3.0, 3.0]);
        let sys = Continuous::siso(a, &[2.0, 2.0], &[2.0, 2.0], 2.0).unwrap();
        let x = Signal::new(SignalKind::Step, 1.0, 1.0).unwrap().sample(12.0, 600).unwrap();
        let run = respond(&sys, &x, Update::Linear).unwrap();
        assert!(run.outputs.iter().all(|y| y.is_finite()));
        assert!(run.outputs[600] > 1e30);
    }
}
