//! The state of lesson 2 (`#/continuous`) as kept in the address: the system (A, B, C, D), the
//! input signal, the animation time, the Euler panel (how h'(t) moves the state) and the
//! superposition panel (why linearity matters).

use crate::explain::continuous::{Preset, SampledInput, Signal, SignalKind};
use crate::route::{Query, UrlState};
use crate::ssm::{Continuous, Result, Stability};
use nalgebra::DMatrix;

/// The simulated time span, in seconds.
pub const DURATION: f64 = 12.0;
/// Samples over the span (dt = 0.02 s).
pub const SAMPLES: usize = 600;
/// The range of each entry of A.
pub const A_RANGE: (f64, f64) = (-3.0, 3.0);
/// The range of each entry of B, C and of D.
pub const GAIN_RANGE: (f64, f64) = (-2.0, 2.0);
/// The range of the input's period (the token length for tokens), in seconds.
pub const PERIOD_RANGE: (f64, f64) = (0.5, 8.0);
/// The range of the Euler step Δt, in seconds.
pub const EULER_RANGE: (f64, f64) = (0.05, 1.0);
/// The range of the superposition amplitudes a₁, a₂.
pub const AMPLITUDE_RANGE: (f64, f64) = (-2.0, 2.0);
/// Figures never show states or outputs beyond ± this (a diverging system leaves the view).
pub const VIEW_LIMIT: f64 = 20.0;
/// The superposition panel's first input: tokens with this token length (s).
pub const TOKENS_PERIOD: f64 = 1.5;
/// The superposition panel's second input: a sine with this period (s).
pub const SINE_PERIOD: f64 = 3.0;

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct ContinuousLesson {
    /// A in row order: a₁₁, a₁₂, a₂₁, a₂₂.
    pub a: [f64; 4],
    /// B = (b₁, b₂).
    pub b: [f64; 2],
    /// C = (c₁, c₂).
    pub c: [f64; 2],
    /// D.
    pub d: f64,
    /// The input signal's shape (amplitude 1).
    pub input: SignalKind,
    /// Its period, or token length.
    pub period: f64,
    /// The animation's current time, in seconds.
    pub t: f64,
    /// The Euler step Δt.
    pub euler_dt: f64,
    /// Euler steps taken so far.
    pub euler_k: usize,
    /// Amplitude of x₁ (tokens) in the superposition panel.
    pub amp1: f64,
    /// Amplitude of x₂ (a sine) in the superposition panel.
    pub amp2: f64,
    /// Whether the superposition panel inserts a tanh into the update.
    pub tanh: bool,
}

impl Default for ContinuousLesson {
    fn default() -> Self {
        ContinuousLesson {
            a: [-0.3, 2.0, -2.0, -0.3],
            b: [0.0, 1.0],
            c: [1.0, 0.0],
            d: 0.0,
            input: SignalKind::Step,
            period: 4.0,
            t: 3.0,
            euler_dt: 0.25,
            euler_k: 6,
            amp1: 1.0,
            amp2: 1.0,
            tanh: false,
        }
    }
}

/// A number as written in the address: at most six decimals (enough for any slider and for
/// the quotients of physical parameters), no trailing zeros.
pub(crate) fn short(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

const A_KEYS: [&str; 4] = ["a11", "a12", "a21", "a22"];
const SIGNALS: [&str; 5] = ["step", "impulse", "sine", "square", "tokens"];

impl UrlState for ContinuousLesson {
    fn to_query(&self) -> Query {
        let mut q = Query::default();
        for (key, v) in A_KEYS.iter().zip(self.a) {
            q = q.with(key, short(v));
        }
        q.with("b1", short(self.b[0]))
            .with("b2", short(self.b[1]))
            .with("c1", short(self.c[0]))
            .with("c2", short(self.c[1]))
            .with("d", short(self.d))
            .with("x", self.input.name())
            .with("p", short(self.period))
            .with("t", short(self.t))
            .with("edt", short(self.euler_dt))
            .with("ek", self.euler_k)
            .with("x1", short(self.amp1))
            .with("x2", short(self.amp2))
            .with("tanh", u8::from(self.tanh))
    }

    fn from_query(q: &Query) -> Self {
        let d = ContinuousLesson::default();
        let entry = |key: &str, default: f64| q.f64_in(key, default, A_RANGE.0, A_RANGE.1);
        let gain = |key: &str, default: f64| q.f64_in(key, default, GAIN_RANGE.0, GAIN_RANGE.1);
        let amp =
            |key: &str, default: f64| q.f64_in(key, default, AMPLITUDE_RANGE.0, AMPLITUDE_RANGE.1);
        let euler_dt = q.f64_in("edt", d.euler_dt, EULER_RANGE.0, EULER_RANGE.1);
        let input = q.choice("x", &SIGNALS, d.input.name()).parse().unwrap_or(d.input);
        ContinuousLesson {
            a: [0, 1, 2, 3].map(|i| entry(A_KEYS[i], d.a[i])),
            b: [gain("b1", d.b[0]), gain("b2", d.b[1])],
            c: [gain("c1", d.c[0]), gain("c2", d.c[1])],
            d: gain("d", d.d),
            input,
            period: q.f64_in("p", d.period, PERIOD_RANGE.0, PERIOD_RANGE.1),
            t: q.f64_in("t", d.t, 0.0, DURATION),
            euler_dt,
            euler_k: q.usize_in("ek", d.euler_k, 0, euler_steps(euler_dt)),
            amp1: amp("x1", d.amp1),
            amp2: amp("x2", d.amp2),
            tanh: q.flag("tanh", d.tanh),
        }
    }
}

/// The number of Euler steps of size `dt` that fit in the simulated span.
pub fn euler_steps(dt: f64) -> usize {
    ((DURATION / dt).floor() as usize).max(1)
}

impl ContinuousLesson {
    /// The system h' = A h + B x, y = C h + D x.
    pub fn system(&self) -> Result<Continuous> {
        Continuous::siso(DMatrix::from_row_slice(2, 2, &self.a), &self.b, &self.c, self.d)
    }

    /// The input signal (amplitude 1).
    pub fn signal(&self) -> Result<Signal> {
        Signal::new(self.input, 1.0, self.period)
    }

    /// The input sampled for the simulation.
    pub fn sampled(&self) -> Result<SampledInput> {
        self.signal()?.sample(DURATION, SAMPLES)
    }

    /// The two inputs of the superposition panel: x₁ = a₁·tokens and x₂ = a₂·sine.
    pub fn superposition_inputs(&self) -> Result<(SampledInput, SampledInput)> {
        let x1 = Signal::new(SignalKind::Tokens, self.amp1, TOKENS_PERIOD)?;
        let x2 = Signal::new(SignalKind::Sine, self.amp2, SINE_PERIOD)?;
        Ok((x1.sample(DURATION, SAMPLES)?, x2.sample(DURATION, SAMPLES)?))
    }

    /// The preset whose system this is, if any.
    pub fn preset(&self) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| self.with_preset(*p).same_system(self))
    }

    /// This state with the system of `preset` (everything else kept).
    pub fn with_preset(&self, preset: Preset) -> ContinuousLesson {
        match preset.system() {
            Ok(sys) => self.with_system(&sys),
            Err(_) => self.clone(),
        }
    }

    /// This state with A, B, C, D taken from a 2-state SISO system (clamped to the sliders).
    pub fn with_system(&self, sys: &Continuous) -> ContinuousLesson {
        let (a, b, c) = (sys.a(), sys.b(), sys.c());
        if (sys.state_size(), sys.inputs(), sys.outputs()) != (2, 1, 1) {
            return self.clone();
        }
        let entry = |v: f64| v.clamp(A_RANGE.0, A_RANGE.1);
        let gain = |v: f64| v.clamp(GAIN_RANGE.0, GAIN_RANGE.1);
        ContinuousLesson {
            a: [entry(a[(0, 0)]), entry(a[(0, 1)]), entry(a[(1, 0)]), entry(a[(1, 1)])],
            b: [gain(b[(0, 0)]), gain(b[(1, 0)])],
            c: [gain(c[(0, 0)]), gain(c[(0, 1)])],
            d: gain(sys.d()[(0, 0)]),
            ..self.clone()
        }
    }

    fn same_system(&self, other: &ContinuousLesson) -> bool {
        let close = |x: &[f64], y: &[f64]| x.iter().zip(y).all(|(p, q)| (p - q).abs() < 1e-9);
        close(&self.a, &other.a)
            && close(&self.b, &other.b)
            && close(&self.c, &other.c)
            && close(&[self.d], &[other.d])
    }

    /// This state at time `t`, clamped to the span.
    pub fn at_time(&self, t: f64) -> ContinuousLesson {
        ContinuousLesson { t: t.clamp(0.0, DURATION), ..self.clone() }
    }
}

/// The y range a figure may show: unlimited unless the system diverges, when it is clamped to
/// ±[`VIEW_LIMIT`] so that the growth leaves the view instead of squashing everything.
pub fn view_limit(stability: Option<Stability>) -> Option<(f64, f64)> {
    match stability {
        Some(Stability::Stable | Stability::Marginal) => None,
        _ => Some((-VIEW_LIMIT, VIEW_LIMIT)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let s = ContinuousLesson {
            a: [0.25, -1.5, 3.0, -0.05],
            b: [1.0, -2.0],
            c: [0.5, 0.0],
            d: -0.75,
            input: SignalKind::Tokens,
            period: 1.25,
            t: 7.3,
            euler_dt: 0.4,
            euler_k: 12,
            amp1: -1.5,
            amp2: 0.3,
            tanh: true,
        };
        assert_eq!(ContinuousLesson::from_query(&s.to_query()), s);
        let d = ContinuousLesson::default();
        assert_eq!(ContinuousLesson::from_query(&d.to_query()), d);
    }

    #[test]
    fn garbage_gives_defaults_and_extremes_are_clamped() {
        let q = Query::from_hash("#/continuous?a11=NaN&a12=99&x=ramp&t=-4&ek=9999&edt=0&tanh=2");
        let s = ContinuousLesson::from_query(&q);
        let d = ContinuousLesson::default();
        assert_eq!(s.a[0], d.a[0]);
        assert_eq!(s.a[1], A_RANGE.1);
        assert_eq!(s.input, d.input);
        assert_eq!(s.t, 0.0);
        assert_eq!(s.euler_dt, EULER_RANGE.0);
        assert_eq!(s.euler_k, euler_steps(EULER_RANGE.0));
        assert_eq!(s.tanh, d.tanh);
    }

    #[test]
    fn presets_are_recognised_and_every_preset_fits_the_sliders() {
        let d = ContinuousLesson::default();
        assert_eq!(d.preset(), Some(Preset::DampedOscillator));
        for p in Preset::ALL {
            let s = d.with_preset(p);
            assert_eq!(s.preset(), Some(p));
            assert_eq!(s.system().unwrap(), p.system().unwrap(), "{p} does not fit the sliders");
            assert_eq!(ContinuousLesson::from_query(&s.to_query()).preset(), Some(p));
        }
        let custom = ContinuousLesson { d: 0.35, ..d };
        assert_eq!(custom.preset(), None);
    }

    #[test]
    fn addresses_are_short_and_unstable_views_are_clamped() {
        assert_eq!(short(0.1 + 0.2), "0.3");
        assert_eq!(short(-0.0), "0");
        assert_eq!(short(2.0), "2");
        assert_eq!(view_limit(Some(Stability::Stable)), None);
        assert_eq!(view_limit(Some(Stability::Unstable)), Some((-VIEW_LIMIT, VIEW_LIMIT)));
        let (x1, x2) = ContinuousLesson::default().superposition_inputs().unwrap();
        assert_eq!((x1.held.len(), x2.held.len()), (SAMPLES, SAMPLES));
    }
}
