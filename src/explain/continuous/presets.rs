//! Named 2-state systems for the preset menu of `#/continuous`: each shows one behaviour of
//! h'(t) = A h(t) + B x(t) that a learner should recognise in the phase plane and the
//! eigenvalues (two decays, a circle, a spiral in, a spiral out, a parabola, a real spring).

use super::physical::mass_spring_damper;
use crate::ssm::validate::by_name;
use crate::ssm::{Continuous, Result, SsmError};
use nalgebra::DMatrix;
use std::str::FromStr;

/// A preset system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum Preset {
    /// Two independent decays at different rates: real eigenvalues −0.5 and −2.
    Decay,
    /// An undamped oscillator at 2 rad/s: eigenvalues ±2i, circles in the phase plane.
    Oscillator,
    /// The oscillator with damping: eigenvalues −0.3 ± 2i, a spiral into the equilibrium.
    #[strum(serialize = "damped")]
    DampedOscillator,
    /// A spiral out: eigenvalues 0.25 ± 2i, the state grows like e^{0.25 t}.
    Unstable,
    /// Position and velocity driven by an acceleration: A = [[0, 1], [0, 0]], a double
    /// eigenvalue 0; a constant push makes the position grow like t².
    #[strum(serialize = "double")]
    DoubleIntegrator,
    /// A mass–spring–damper with m = 1 kg, k = 2 N/m, c = 0.5 N·s/m (see `physical`).
    #[strum(serialize = "spring")]
    MassSpring,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 6] = [
        Preset::Decay,
        Preset::Oscillator,
        Preset::DampedOscillator,
        Preset::Unstable,
        Preset::DoubleIntegrator,
        Preset::MassSpring,
    ];

    /// The preset's name in URLs: `decay`, `oscillator`, `damped`, `unstable`, `double`, `spring`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The system: A, B, C and D.
    pub fn system(self) -> Result<Continuous> {
        let siso = |a, b, c| two_state(a, b, c, 0.0);
        match self {
            Preset::Decay => siso([-0.5, 0.0, 0.0, -2.0], [1.0, 1.0], [0.5, 0.5]),
            Preset::Oscillator => siso([0.0, 2.0, -2.0, 0.0], [0.0, 1.0], [1.0, 0.0]),
            Preset::DampedOscillator => siso([-0.3, 2.0, -2.0, -0.3], [0.0, 1.0], [1.0, 0.0]),
            Preset::Unstable => siso([0.25, 2.0, -2.0, 0.25], [0.0, 1.0], [1.0, 0.0]),
            Preset::DoubleIntegrator => siso([0.0, 1.0, 0.0, 0.0], [0.0, 1.0], [1.0, 0.0]),
            Preset::MassSpring => mass_spring_damper(1.0, 2.0, 0.5),
        }
    }
}

/// The SISO system with a 2×2 A given row by row, B, C and D: the shape of every example system
/// of the course (these presets and the discrete lessons' [`Example`](crate::explain::examples::Example)s).
pub fn two_state(a: [f64; 4], b: [f64; 2], c: [f64; 2], d: f64) -> Result<Continuous> {
    Continuous::siso(DMatrix::from_row_slice(2, 2, &a), &b, &c, d)
}

impl FromStr for Preset {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<Preset> {
        by_name("preset", &Preset::ALL, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::Stability;

    #[test]
    fn each_preset_has_the_behaviour_it_is_named_for() {
        let verdict = |p: Preset| p.system().unwrap().stability().unwrap();
        let eig = |p: Preset| p.system().unwrap().eigenvalues().unwrap();
        assert_eq!(verdict(Preset::Decay), Stability::Stable);
        assert!(eig(Preset::Decay).iter().all(|l| l.im == 0.0));
        assert_eq!(verdict(Preset::Oscillator), Stability::Marginal);
        assert!(eig(Preset::Oscillator).iter().all(|l| (l.im.abs() - 2.0).abs() < 1e-12));
        assert_eq!(verdict(Preset::DampedOscillator), Stability::Stable);
        assert_eq!(verdict(Preset::Unstable), Stability::Unstable);
        assert_eq!(verdict(Preset::DoubleIntegrator), Stability::Marginal);
        assert_eq!(verdict(Preset::MassSpring), Stability::Stable);
        assert_eq!(Preset::MassSpring.system().unwrap().a()[(1, 0)], -2.0);
        for p in Preset::ALL {
            assert_eq!(p.name().parse::<Preset>(), Ok(p));
            let sys = p.system().unwrap();
            assert_eq!((sys.state_size(), sys.inputs(), sys.outputs()), (2, 1, 1));
        }
        assert!("chaos".parse::<Preset>().is_err());
    }
}
