//! Input signals x(t) for the continuous-time lessons (`#/continuous`, `#/origins`): a step, an
//! impulse, a sine, a square wave and "tokens" (a piecewise-constant sequence, the way text
//! enters an SSM), and their sampling into values held over a fine time grid, which the exact
//! simulation in `response` consumes.

use crate::ssm::validate::{by_name, finite_scalar, length};
use crate::ssm::{Result, SsmError};
use std::str::FromStr;

/// The shape of an input signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum SignalKind {
    /// x(t) = a for t ≥ 0: a constant push switched on at t = 0.
    Step,
    /// x(t) = a·δ(t): a kick of weight a at t = 0 and nothing after; it sets h(0⁺) = B·a.
    Impulse,
    /// x(t) = a·sin(2πt / P).
    Sine,
    /// x(t) = a for the first half of each period P, −a for the second.
    Square,
    /// x(t) = a·v_k for t in [kP, (k+1)P): the token values [`TOKEN_VALUES`] each held for P.
    Tokens,
}

/// The values of the "tokens" signal, repeated: a fixed, varied sequence so that a learner can
/// recognise it from one visit to the next.
pub const TOKEN_VALUES: [f64; 12] =
    [0.8, -0.4, 1.0, 0.2, -0.9, 0.5, 0.0, -0.6, 0.9, -0.2, 0.4, -1.0];

impl SignalKind {
    /// Every kind, in the order the lessons list them.
    pub const ALL: [SignalKind; 5] = [
        SignalKind::Step,
        SignalKind::Impulse,
        SignalKind::Sine,
        SignalKind::Square,
        SignalKind::Tokens,
    ];

    /// The kind's name in URLs: `step`, `impulse`, `sine`, `square`, `tokens`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Whether the period P shapes the signal (sine, square, tokens).
    pub fn uses_period(self) -> bool {
        matches!(self, SignalKind::Sine | SignalKind::Square | SignalKind::Tokens)
    }
}

impl FromStr for SignalKind {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<SignalKind> {
        by_name("signal", &SignalKind::ALL, s)
    }
}

/// An input signal: a kind, an amplitude a and a period P (the token length for tokens).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    kind: SignalKind,
    amplitude: f64,
    period: f64,
}

impl Signal {
    /// Checks that the amplitude is finite and the period finite and positive.
    pub fn new(kind: SignalKind, amplitude: f64, period: f64) -> Result<Signal> {
        finite_scalar("the amplitude", amplitude)?;
        finite_scalar("the period", period)?;
        if period <= 0.0 {
            return Err(SsmError::Domain(format!("the period must be positive, got {period}")));
        }
        Ok(Signal { kind, amplitude, period })
    }

    /// The kind.
    pub fn kind(&self) -> SignalKind {
        self.kind
    }

    /// The regular part of x(t), right-continuous at jumps (0 for t < 0, and 0 everywhere for an
    /// impulse, whose whole weight sits at t = 0: see [`Signal::impulse`]).
    pub fn value(&self, t: f64) -> f64 {
        if t < 0.0 || !t.is_finite() {
            return 0.0;
        }
        let cycles = t / self.period;
        let a = self.amplitude;
        match self.kind {
            SignalKind::Step => a,
            SignalKind::Impulse => 0.0,
            SignalKind::Sine => a * (std::f64::consts::TAU * cycles).sin(),
            SignalKind::Square => {
                if cycles.fract() < 0.5 {
                    a
                } else {
                    -a
                }
            }
            SignalKind::Tokens => a * TOKEN_VALUES[(cycles.floor() as usize) % TOKEN_VALUES.len()],
        }
    }

    /// The weight of the Dirac impulse at t = 0: the amplitude for an impulse, 0 otherwise.
    pub fn impulse(&self) -> f64 {
        if self.kind == SignalKind::Impulse { self.amplitude } else { 0.0 }
    }

    /// The signal on `samples` steps of dt = duration / samples: step j holds the value at its
    /// midpoint over (j·dt, (j+1)·dt], which is exact for step, square and tokens when their
    /// jumps fall on the grid, and second-order accurate for the sine.
    /// Errors: a duration that is not finite and positive, or no samples / too many.
    pub fn sample(&self, duration: f64, samples: usize) -> Result<SampledInput> {
        finite_scalar("the duration", duration)?;
        if duration <= 0.0 {
            return Err(SsmError::Domain(format!("the duration must be positive, got {duration}")));
        }
        length("the sampled input", samples)?;
        let dt = duration / samples as f64;
        let held = (0..samples).map(|j| self.value((j as f64 + 0.5) * dt)).collect();
        Ok(SampledInput { dt, held, impulse: self.impulse() })
    }
}

/// An input ready for simulation: values held over steps of dt, plus an impulse at t = 0.
#[derive(Debug, Clone, PartialEq)]
pub struct SampledInput {
    /// The step dt > 0.
    pub dt: f64,
    /// x_j, held over (j·dt, (j+1)·dt].
    pub held: Vec<f64>,
    /// The weight of a Dirac impulse at t = 0 (0 for none).
    pub impulse: f64,
}

impl SampledInput {
    /// A single pulse of height 1 over the first step and nothing after: the discrete "kick"
    /// whose response is the convolution kernel.
    pub fn unit_pulse(dt: f64, samples: usize) -> Result<SampledInput> {
        finite_scalar("the step dt", dt)?;
        if dt <= 0.0 {
            return Err(SsmError::Domain(format!("the step dt must be positive, got {dt}")));
        }
        length("the pulse", samples)?;
        let mut held = vec![0.0; samples];
        held[0] = 1.0;
        Ok(SampledInput { dt, held, impulse: 0.0 })
    }

    /// The sum x₁ + x₂ of two inputs on the same grid (superposition's left-hand side).
    /// Errors: different steps or lengths.
    pub fn plus(&self, other: &SampledInput) -> Result<SampledInput> {
        if self.dt != other.dt || self.held.len() != other.held.len() {
            return Err(SsmError::Shape(format!(
                "inputs on different grids cannot be added: {} steps of {} and {} steps of {}",
                self.held.len(),
                self.dt,
                other.held.len(),
                other.dt
            )));
        }
        let held = self.held.iter().zip(&other.held).map(|(a, b)| a + b).collect();
        Ok(SampledInput { dt: self.dt, held, impulse: self.impulse + other.impulse })
    }

    /// The sample times t_j = j·dt for j = 0 … L.
    pub fn times(&self) -> Vec<f64> {
        (0..=self.held.len()).map(|j| j as f64 * self.dt).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signal(kind: SignalKind) -> Signal {
        Signal::new(kind, 2.0, 4.0).unwrap()
    }

    #[test]
    fn values_follow_each_shape() {
        assert_eq!(signal(SignalKind::Step).value(3.0), 2.0);
        assert_eq!(signal(SignalKind::Step).value(-0.1), 0.0);
        assert_eq!(signal(SignalKind::Impulse).value(0.0), 0.0);
        assert_eq!(signal(SignalKind::Impulse).impulse(), 2.0);
        assert_eq!(signal(SignalKind::Step).impulse(), 0.0);
        assert!((signal(SignalKind::Sine).value(1.0) - 2.0).abs() < 1e-12);
        assert!(signal(SignalKind::Sine).value(2.0).abs() < 1e-12);
        // Square: +a on [0, P/2), −a on [P/2, P), right-continuous at the jump.
        assert_eq!(signal(SignalKind::Square).value(1.9), 2.0);
        assert_eq!(signal(SignalKind::Square).value(2.0), -2.0);
        assert_eq!(signal(SignalKind::Square).value(4.0), 2.0);
        // Tokens: value k held on [kP, (k+1)P), the sequence repeating.
        let tokens = signal(SignalKind::Tokens);
        assert_eq!(tokens.value(0.0), 2.0 * TOKEN_VALUES[0]);
        assert_eq!(tokens.value(4.0), 2.0 * TOKEN_VALUES[1]);
        assert_eq!(tokens.value(4.0 * 12.0 + 1.0), 2.0 * TOKEN_VALUES[0]);
    }

    #[test]
    fn sampling_holds_midpoints_on_a_grid() {
        let s = signal(SignalKind::Square).sample(8.0, 16).unwrap();
        assert_eq!(s.dt, 0.5);
        assert_eq!(s.held.len(), 16);
        assert_eq!(&s.held[..5], &[2.0, 2.0, 2.0, 2.0, -2.0]);
        assert_eq!(s.times().len(), 17);
        assert_eq!(s.times()[16], 8.0);
        let imp = signal(SignalKind::Impulse).sample(1.0, 4).unwrap();
        assert_eq!((imp.held.clone(), imp.impulse), (vec![0.0; 4], 2.0));
    }

    #[test]
    fn sums_and_pulses() {
        let a = signal(SignalKind::Step).sample(1.0, 4).unwrap();
        let b = signal(SignalKind::Impulse).sample(1.0, 4).unwrap();
        let sum = a.plus(&b).unwrap();
        assert_eq!((sum.held, sum.impulse), (vec![2.0; 4], 2.0));
        assert!(a.plus(&signal(SignalKind::Step).sample(1.0, 5).unwrap()).is_err());
        assert_eq!(SampledInput::unit_pulse(0.1, 3).unwrap().held, vec![1.0, 0.0, 0.0]);
        assert!(SampledInput::unit_pulse(0.0, 3).is_err());
    }

    #[test]
    fn bad_parameters_are_refused_and_names_round_trip() {
        assert!(Signal::new(SignalKind::Sine, 1.0, 0.0).is_err());
        assert!(Signal::new(SignalKind::Sine, f64::NAN, 1.0).is_err());
        assert!(signal(SignalKind::Step).sample(0.0, 4).is_err());
        assert!(signal(SignalKind::Step).sample(1.0, 0).is_err());
        for k in SignalKind::ALL {
            assert_eq!(k.name().parse::<SignalKind>(), Ok(k));
        }
        assert!("ramp".parse::<SignalKind>().is_err());
    }
}
