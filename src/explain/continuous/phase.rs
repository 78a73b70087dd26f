//! The phase plane of a continuous system, for `#/continuous` and `#/origins`: the rate
//! h'(t) = A h + B x at any state (the arrow the state follows), the vector field on a grid,
//! the equilibrium the field points to for a constant input, and forward-Euler paths that
//! follow the arrows in steps of Δt — the answer to "how is h'(t) used to move the state?".

use super::response::{Update, respond};
use super::signals::Signal;
use crate::ssm::validate::{dimension, finite_scalar, finite_slice, length, no_overflow, work};
use crate::ssm::{Continuous, Result, SsmError, Step};
use nalgebra::{DMatrix, DVector};

/// Checks that the system has one input and `h` has N entries, all finite.
fn check_state(sys: &Continuous, h: &[f64]) -> Result<()> {
    if sys.inputs() != 1 {
        return Err(SsmError::Shape(format!("the rate needs one input, got {}", sys.inputs())));
    }
    if h.len() != sys.state_size() {
        return Err(SsmError::Shape(format!(
            "the state must have N = {} entries, got {}",
            sys.state_size(),
            h.len()
        )));
    }
    finite_slice("the state", h)
}

/// The rate of change of the state: where it is heading, and how fast.
///
/// Eqn (state equation): h'(t) = A h(t) + B x(t).
/// Errors: more than one input, a state of the wrong length, non-finite values.
pub fn rate(sys: &Continuous, h: &[f64], x: f64) -> Result<Vec<f64>> {
    check_state(sys, h)?;
    finite_scalar("the input x", x)?;
    let out = sys.a() * DVector::from_column_slice(h) + sys.b().column(0) * x;
    Ok(out.iter().copied().collect())
}

/// One arrow of a vector field: the rate at a point of the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldArrow {
    /// The point (h₁, h₂).
    pub at: (f64, f64),
    /// The rate (h₁', h₂') there.
    pub rate: (f64, f64),
}

/// The vector field h' = A h + B x of a 2-state system on an n×n grid of points spread
/// evenly inside the rectangle `h1` × `h2` (half a cell in from its edges), for a constant x.
/// Errors: N ≠ 2, n = 0 or beyond the limits, a degenerate or non-finite rectangle.
pub fn vector_field(
    sys: &Continuous,
    x: f64,
    h1: (f64, f64),
    h2: (f64, f64),
    n: usize,
) -> Result<Vec<FieldArrow>> {
    if sys.state_size() != 2 {
        return Err(SsmError::Shape(format!(
            "a phase plane needs N = 2 states, got {}",
            sys.state_size()
        )));
    }
    dimension("the grid size", n)?;
    for (name, v) in [("h1 from", h1.0), ("h1 to", h1.1), ("h2 from", h2.0), ("h2 to", h2.1)] {
        finite_scalar(name, v)?;
    }
    if h1.0 >= h1.1 || h2.0 >= h2.1 {
        return Err(SsmError::Domain(format!("the rectangle {h1:?} × {h2:?} is empty")));
    }
    work("the vector field", (n * n * 6) as u64)?;
    let at = |(lo, hi): (f64, f64), i: usize| lo + (hi - lo) * (i as f64 + 0.5) / n as f64;
    let mut arrows = Vec::with_capacity(n * n);
    for i in 0..n {
        for j in 0..n {
            let p = [at(h1, i), at(h2, j)];
            let r = rate(sys, &p, x)?;
            arrows.push(FieldArrow { at: (p[0], p[1]), rate: (r[0], r[1]) });
        }
    }
    Ok(arrows)
}

/// The state where the field vanishes for a constant input x: h* = −A⁻¹ B x. `None` when A
/// is singular (an integrator has no single resting state) or the result is not finite.
pub fn equilibrium(sys: &Continuous, x: f64) -> Option<Vec<f64>> {
    if sys.inputs() != 1 || !x.is_finite() {
        return None;
    }
    let rhs = sys.b().column(0) * (-x);
    let h = sys.a().clone().lu().solve(&rhs)?;
    h.iter().all(|v| v.is_finite()).then(|| h.iter().copied().collect())
}

/// Forward Euler next to the exact solution, step by step.
#[derive(Debug, Clone, PartialEq)]
pub struct EulerWalk {
    /// The step Δt.
    pub step: f64,
    /// The times t_k = k Δt, k = 0 … K.
    pub times: Vec<f64>,
    /// The Euler states h_k as the columns of an N×(K+1) matrix.
    pub states: DMatrix<f64>,
    /// The rate h'(t_k) = A h_k + B x(t_k) used for the step out of h_k (N×(K+1)).
    pub rates: DMatrix<f64>,
    /// The exact h(t_k) (N×(K+1)).
    pub exact: DMatrix<f64>,
}

impl EulerWalk {
    /// |h_k − h(t_k)|, the Euclidean distance between the Euler and the exact state.
    pub fn error(&self, k: usize) -> f64 {
        let k = k.min(self.states.ncols() - 1);
        (self.states.column(k) - self.exact.column(k)).norm()
    }
}

/// Sub-steps per Euler step in the exact reference (the input is held over each sub-step).
const EXACT_SUBSTEPS: usize = 32;

/// Follows the arrows: K forward-Euler steps of size Δt from h(0⁺) = B·(impulse weight), and
/// the exact solution at the same times for comparison.
///
/// Eqn: h_{k+1} = h_k + Δt·h'(t_k) = h_k + Δt (A h_k + B x(t_k)). As Δt → 0 the path converges to
/// the exact h(t) with an error proportional to Δt (first order).
/// Errors: not one input and one output, K = 0 or beyond the limits, an overflowing path.
pub fn euler_walk(
    sys: &Continuous,
    signal: &Signal,
    step: Step,
    steps: usize,
) -> Result<EulerWalk> {
    length("the Euler path", steps)?;
    let fine = steps
        .checked_mul(EXACT_SUBSTEPS)
        .ok_or_else(|| SsmError::TooLarge(format!("{steps} Euler steps are too many")))?;
    let n = sys.state_size();
    work("the Euler path", (fine as u64).saturating_mul((4 * n * n) as u64))?;
    let dt = step.get();
    let duration = dt * steps as f64;
    let reference = respond(sys, &signal.sample(duration, fine)?, Update::Linear)?;
    let mut states = DMatrix::zeros(n, steps + 1);
    let mut rates = DMatrix::zeros(n, steps + 1);
    let mut h: Vec<f64> = sys.b().column(0).iter().map(|b| b * signal.impulse()).collect();
    for k in 0..=steps {
        let r = rate(sys, &h, signal.value(k as f64 * dt))?;
        states.set_column(k, &DVector::from_column_slice(&h));
        rates.set_column(k, &DVector::from_column_slice(&r));
        // Eqn: h_{k+1} = h_k + Δt h'(t_k).
        h = h.iter().zip(&r).map(|(h, r)| h + dt * r).collect();
    }
    no_overflow("the Euler path (the system is unstable or Δt far too large)", states.as_slice())?;
    no_overflow("the Euler rates", rates.as_slice())?;
    let exact = DMatrix::from_fn(n, steps + 1, |i, k| reference.states[(i, k * EXACT_SUBSTEPS)]);
    let times = (0..=steps).map(|k| k as f64 * dt).collect();
    Ok(EulerWalk { step: dt, times, states, rates, exact })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::continuous::SignalKind;

    fn damped() -> Continuous {
        let a = DMatrix::from_row_slice(2, 2, &[-0.3, 2.0, -2.0, -0.3]);
        Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap()
    }

    #[test]
    fn the_rate_is_a_h_plus_b_x() {
        let r = rate(&damped(), &[1.0, 2.0], 3.0).unwrap();
        assert_eq!(r, vec![-0.3 + 4.0, -2.0 - 0.6 + 3.0]);
        assert!(rate(&damped(), &[1.0], 0.0).is_err());
        assert!(rate(&damped(), &[1.0, f64::NAN], 0.0).is_err());
    }

    #[test]
    fn the_field_covers_the_grid_and_vanishes_at_the_equilibrium() {
        let sys = damped();
        let field = vector_field(&sys, 1.0, (-1.0, 1.0), (-2.0, 2.0), 4).unwrap();
        assert_eq!(field.len(), 16);
        assert_eq!(field[0].at, (-0.75, -1.5));
        assert_eq!(field[15].at, (0.75, 1.5));
        let eq = equilibrium(&sys, 1.0).unwrap();
        let r = rate(&sys, &eq, 1.0).unwrap();
        assert!(r.iter().all(|v| v.abs() < 1e-12));
        assert!(vector_field(&sys, 1.0, (1.0, 1.0), (0.0, 1.0), 4).is_err());
        let integrator = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 0.0, 0.0]);
        let di = Continuous::siso(integrator, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
        assert_eq!(equilibrium(&di, 1.0), None);
    }

    #[test]
    fn euler_converges_to_the_exact_path_at_first_order() {
        let sys = damped();
        let signal = Signal::new(SignalKind::Sine, 1.0, 3.0).unwrap();
        // Over the same span t ≤ 4, halving Δt roughly halves the largest error.
        let coarse = euler_walk(&sys, &signal, Step::new(0.1).unwrap(), 40).unwrap();
        let fine = euler_walk(&sys, &signal, Step::new(0.05).unwrap(), 80).unwrap();
        let worst = |p: &EulerWalk| (0..p.times.len()).map(|k| p.error(k)).fold(0.0, f64::max);
        let (e1, e2) = (worst(&coarse), worst(&fine));
        assert!(e1 > 0.01, "a coarse Euler path must visibly drift, error {e1}");
        let ratio = e1 / e2;
        assert!((1.6..2.4).contains(&ratio), "first order: ratio {ratio}");
        assert_eq!(coarse.error(0), 0.0);
        assert!((coarse.times[40] - 4.0).abs() < 1e-12);
        // The first step follows the first arrow.
        let r0 = coarse.rates.column(0);
        let h1 = coarse.states.column(1);
        assert!((h1 - coarse.states.column(0) - r0 * 0.1).norm() < 1e-15);
    }

    #[test]
    fn an_impulse_starts_the_path_at_b() {
        let signal = Signal::new(SignalKind::Impulse, 2.0, 1.0).unwrap();
        let path = euler_walk(&damped(), &signal, Step::new(0.05).unwrap(), 10).unwrap();
        assert_eq!(path.states.column(0).iter().copied().collect::<Vec<_>>(), vec![0.0, 2.0]);
        assert!(path.error(0) < 1e-15);
        assert!(euler_walk(&damped(), &signal, Step::new(0.05).unwrap(), 0).is_err());
    }
}
