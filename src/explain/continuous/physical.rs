//! Physical systems as state space models, for the lesson on where SSMs come from: a
//! mass–spring–damper and a series RLC circuit.

use crate::ssm::{Continuous, Result, SsmError};
use nalgebra::DMatrix;

/// Requires a finite parameter that is positive (or, when `zero_ok`, not negative).
fn parameter(name: &str, value: f64, zero_ok: bool) -> Result<f64> {
    if !value.is_finite() {
        Err(SsmError::NonFinite(format!("the {name} is {value}")))
    } else if value > 0.0 || (zero_ok && value == 0.0) {
        Ok(value)
    } else {
        let wanted = if zero_ok { "zero or positive" } else { "positive" };
        Err(SsmError::Domain(format!("the {name} must be {wanted}, got {value}")))
    }
}

/// A mass m on a spring of stiffness k with viscous damping c, driven by a force x(t); the
/// output is the position. The state is (position, velocity).
///
/// Eqn: m p'' = −k p − c p' + x, so A = [[0, 1], [−k/m, −c/m]], B = [0, 1/m]ᵀ, C = [1, 0], D = 0.
/// Errors: m or k not positive, c negative (c = 0 is the undamped oscillator), or non-finite.
pub fn mass_spring_damper(mass: f64, stiffness: f64, damping: f64) -> Result<Continuous> {
    let m = parameter("mass", mass, false)?;
    let k = parameter("stiffness", stiffness, false)?;
    let c = parameter("damping", damping, true)?;
    let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -k / m, -c / m]);
    Continuous::siso(a, &[0.0, 1.0 / m], &[1.0, 0.0], 0.0)
}

/// A series RLC circuit driven by a source voltage x(t); the output is the capacitor voltage.
/// The state is (capacitor charge q, loop current i).
///
/// Eqn: q' = i and L i' = x − R i − q/C, so A = [[0, 1], [−1/(LC), −R/L]], B = [0, 1/L]ᵀ,
/// C = [1/C, 0], D = 0 — the mass–spring–damper with m = L, c = R, k = 1/C.
/// Errors: L or C not positive, R negative (R = 0 is the lossless LC circuit), or non-finite.
pub fn rlc_series(resistance: f64, inductance: f64, capacitance: f64) -> Result<Continuous> {
    let r = parameter("resistance", resistance, true)?;
    let l = parameter("inductance", inductance, false)?;
    let c = parameter("capacitance", capacitance, false)?;
    let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -1.0 / (l * c), -r / l]);
    Continuous::siso(a, &[0.0, 1.0 / l], &[1.0 / c, 0.0], 0.0)
}
