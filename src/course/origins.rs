//! The state of lesson 11 (`#/origins`) as kept in the address: which physical system (a
//! mass–spring–damper or a series RLC circuit), its physical parameters, the input and the
//! animation time.
//!
//! The parameter ranges are chosen so that the motion is slow enough to watch and so that every
//! A, B, C they give fits the sliders of `#/continuous` (entries of A within ±3, of B and C
//! within ±2), which the lesson links to with the same system.

use super::continuous::{ContinuousLesson, short};
use crate::explain::continuous::{
    SampledInput, Signal, SignalKind, mass_spring_damper, rlc_series,
};
use crate::route::{Query, UrlState};
use crate::ssm::{Continuous, Result};

/// The simulated time span, in seconds.
pub const DURATION: f64 = 20.0;
/// Samples over the span (dt = 0.025 s).
pub const SAMPLES: usize = 800;
/// Mass m, kg.
pub const MASS: (f64, f64) = (0.5, 5.0);
/// Stiffness k, N/m.
pub const STIFFNESS: (f64, f64) = (0.1, 1.5);
/// Damping c, N·s/m.
pub const DAMPING: (f64, f64) = (0.0, 1.5);
/// Resistance R, Ω.
pub const RESISTANCE: (f64, f64) = (0.0, 1.5);
/// Inductance L, H.
pub const INDUCTANCE: (f64, f64) = (0.5, 5.0);
/// Capacitance C, F.
pub const CAPACITANCE: (f64, f64) = (0.7, 5.0);
/// The input's period (token length), s.
pub const PERIOD: (f64, f64) = (1.0, 10.0);

/// Which physical system is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Machine {
    /// A mass on a spring with a damper, pushed by a force.
    Spring,
    /// A series RLC circuit driven by a source voltage.
    Circuit,
}

impl Machine {
    /// Both, in menu order.
    pub const ALL: [Machine; 2] = [Machine::Spring, Machine::Circuit];

    /// The name in the address.
    pub fn name(self) -> &'static str {
        match self {
            Machine::Spring => "spring",
            Machine::Circuit => "circuit",
        }
    }
}

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginsLesson {
    /// The system shown.
    pub machine: Machine,
    /// m (kg).
    pub mass: f64,
    /// k (N/m).
    pub stiffness: f64,
    /// c (N·s/m).
    pub damping: f64,
    /// R (Ω).
    pub resistance: f64,
    /// L (H).
    pub inductance: f64,
    /// C (F).
    pub capacitance: f64,
    /// The input's shape (a force in N, or a voltage in V; amplitude 1).
    pub input: SignalKind,
    /// Its period, or token length.
    pub period: f64,
    /// The animation's current time, s.
    pub t: f64,
}

impl Default for OriginsLesson {
    fn default() -> Self {
        OriginsLesson {
            machine: Machine::Spring,
            mass: 1.0,
            stiffness: 1.0,
            damping: 0.2,
            resistance: 0.2,
            inductance: 1.0,
            capacitance: 1.0,
            input: SignalKind::Impulse,
            period: 4.0,
            t: 4.0,
        }
    }
}

impl UrlState for OriginsLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("sys", self.machine.name())
            .with("m", short(self.mass))
            .with("k", short(self.stiffness))
            .with("c", short(self.damping))
            .with("r", short(self.resistance))
            .with("l", short(self.inductance))
            .with("cap", short(self.capacitance))
            .with("x", self.input.name())
            .with("p", short(self.period))
            .with("t", short(self.t))
    }

    fn from_query(q: &Query) -> Self {
        let d = OriginsLesson::default();
        let within = |key: &str, default: f64, (lo, hi): (f64, f64)| q.f64_in(key, default, lo, hi);
        let machine = match q.choice("sys", &["spring", "circuit"], d.machine.name()) {
            "circuit" => Machine::Circuit,
            _ => Machine::Spring,
        };
        let signals = SignalKind::ALL.map(SignalKind::name);
        OriginsLesson {
            machine,
            mass: within("m", d.mass, MASS),
            stiffness: within("k", d.stiffness, STIFFNESS),
            damping: within("c", d.damping, DAMPING),
            resistance: within("r", d.resistance, RESISTANCE),
            inductance: within("l", d.inductance, INDUCTANCE),
            capacitance: within("cap", d.capacitance, CAPACITANCE),
            input: q.choice("x", &signals, d.input.name()).parse().unwrap_or(d.input),
            period: within("p", d.period, PERIOD),
            t: within("t", d.t, (0.0, DURATION)),
        }
    }
}

impl OriginsLesson {
    /// The state space model of the chosen physical system.
    pub fn system(&self) -> Result<Continuous> {
        match self.machine {
            Machine::Spring => mass_spring_damper(self.mass, self.stiffness, self.damping),
            Machine::Circuit => rlc_series(self.resistance, self.inductance, self.capacitance),
        }
    }

    /// The input signal (1 N or 1 V).
    pub fn signal(&self) -> Result<Signal> {
        Signal::new(self.input, 1.0, self.period)
    }

    /// The input sampled for the simulation.
    pub fn sampled(&self) -> Result<SampledInput> {
        self.signal()?.sample(DURATION, SAMPLES)
    }

    /// The same system and input in the continuous lesson, at its start.
    pub fn in_continuous_lesson(&self) -> Result<ContinuousLesson> {
        let base = ContinuousLesson {
            input: self.input,
            period: self
                .period
                .clamp(super::continuous::PERIOD_RANGE.0, super::continuous::PERIOD_RANGE.1),
            t: 0.0,
            ..ContinuousLesson::default()
        };
        Ok(base.with_system(&self.system()?))
    }

    /// This state at time `t`, clamped to the span.
    pub fn at_time(&self, t: f64) -> OriginsLesson {
        OriginsLesson { t: t.clamp(0.0, DURATION), ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let s = OriginsLesson {
            machine: Machine::Circuit,
            mass: 2.5,
            stiffness: 0.35,
            damping: 0.0,
            resistance: 1.2,
            inductance: 0.75,
            capacitance: 3.1,
            input: SignalKind::Square,
            period: 6.5,
            t: 12.25,
        };
        assert_eq!(OriginsLesson::from_query(&s.to_query()), s);
        let junk = OriginsLesson::from_query(&Query::from_hash("#/origins?sys=pump&m=-1&x=no"));
        assert_eq!(junk.machine, Machine::Spring);
        assert_eq!(junk.mass, MASS.0);
        assert_eq!(junk.input, OriginsLesson::default().input);
    }

    /// At every corner of the parameter ranges the system fits the continuous lesson's sliders,
    /// so the link there shows exactly the same A, B, C, D.
    #[test]
    fn every_physical_system_fits_the_continuous_lesson() {
        let corners = |(lo, hi): (f64, f64)| [lo, hi];
        let d = OriginsLesson::default();
        let mut systems = Vec::new();
        for (p, q, r) in corners(MASS)
            .into_iter()
            .flat_map(|p| corners(STIFFNESS).map(move |q| (p, q)))
            .flat_map(|(p, q)| corners(DAMPING).map(move |r| (p, q, r)))
        {
            systems.push(OriginsLesson { mass: p, stiffness: q, damping: r, ..d.clone() });
        }
        for (l, c, r) in corners(INDUCTANCE)
            .into_iter()
            .flat_map(|l| corners(CAPACITANCE).map(move |c| (l, c)))
            .flat_map(|(l, c)| corners(RESISTANCE).map(move |r| (l, c, r)))
        {
            systems.push(OriginsLesson {
                machine: Machine::Circuit,
                inductance: l,
                capacitance: c,
                resistance: r,
                ..d.clone()
            });
        }
        assert_eq!(systems.len(), 16);
        for s in systems {
            let there = s.in_continuous_lesson().unwrap();
            assert_eq!(there.system().unwrap(), s.system().unwrap(), "{s:?}");
        }
    }
}
