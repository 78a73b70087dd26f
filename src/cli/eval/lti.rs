//! `eval` ops for the LTI core: expm, discretize, kernel, simulate, hippo.
//!
//! Each handler reads its operands into one typed struct (unknown keys refused), and leaves every check of shapes and values to the `ssm` constructors, whose messages name the
//! operand. Matrices are row-major nested arrays both ways.

use super::Handler;
use crate::cli::budget::{Cost, expm_operations, f64_bytes, product};
use crate::cli::json::{Response, put_matrix, put_vector};
use crate::cli::operands::Request;
use crate::cli::operands::{Count, Matrix, Number, Text, Vector};
use crate::ssm;
use crate::ssm::lti::kernel_cost;
use crate::ssm::{Continuous, Discretized, Hippo, HippoKind, Method, Step, View};
use nalgebra::DMatrix;
use serde::Deserialize;
use serde_json::Map;

/// The ops this file answers.
pub(super) const OPS: &[(&str, Handler)] = &[
    ("expm", expm),
    ("discretize", discretize),
    ("kernel", kernel),
    ("simulate", simulate),
    ("hippo", hippo),
];

/// Turns a core error into the message of `{"error": ...}`.
fn core<T>(result: ssm::Result<T>) -> Result<T, String> {
    result.map_err(|e| e.to_string())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpmRequest {
    #[serde(rename = "M")]
    m: Matrix,
}

/// `{"M"}` → `{"expm"}`.
fn expm(req: &Request) -> Response {
    let ExpmRequest { m: Matrix(m) } = req.typed()?;
    let n = m.nrows();
    Cost::new(product(&[n, n]), f64_bytes(product(&[n, n, 12])), expm_operations(n)).check()?;
    let mut out = Map::new();
    put_matrix(&mut out, "expm", &core(ssm::expm(&m))?)?;
    Ok(out)
}

/// The step and method shared by discretize, kernel and simulate.
fn step_and_method(delta: &Number, method: &Text) -> Result<(Step, Method), String> {
    let step = core(Step::new(delta.0))?;
    let method = core(method.0.parse::<Method>())?;
    Ok((step, method))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscretizeRequest {
    #[serde(rename = "A")]
    a: Matrix,
    #[serde(rename = "B")]
    b: Matrix,
    delta: Number,
    method: Text,
}

/// `{"A", "B", "delta", "method"}` → `{"A_bar", "B_bar"}` (B may have several columns).
fn discretize(req: &Request) -> Response {
    let DiscretizeRequest { a: Matrix(a), b: Matrix(b), delta, method } = req.typed()?;
    let (n, m) = (a.nrows(), b.ncols());
    let side = n.saturating_add(m);
    let numbers = product(&[n, n]).saturating_add(product(&[n, m]));
    Cost::new(numbers, f64_bytes(product(&[side, side, 12])), expm_operations(side)).check()?;
    let sys = core(Continuous::with_state_output(a, b))?;
    let (step, method) = step_and_method(&delta, &method)?;
    let d = core(ssm::discretize(&sys, step, method))?;
    let mut out = Map::new();
    put_matrix(&mut out, "A_bar", d.a_bar())?;
    put_matrix(&mut out, "B_bar", d.b_bar())?;
    Ok(out)
}

/// The SISO system shared by kernel and simulate (simulate also takes D, defaulting to 0).
struct Siso {
    a: Matrix,
    b: Matrix,
    c: Matrix,
    delta: Number,
    method: Text,
}

/// The discretized SISO system of a kernel or simulate request.
fn siso_system(siso: Siso, d: f64) -> Result<Discretized, String> {
    let Siso { a: Matrix(a), b: Matrix(b), c: Matrix(c), delta, method } = siso;
    // One input and one output: say so plainly rather than as a mismatch with A.
    if b.ncols() != 1 {
        return Err(format!("\"B\" must be one column (N×1), got {}×{}", b.nrows(), b.ncols()));
    }
    if c.nrows() != 1 {
        return Err(format!("\"C\" must be one row (1×N), got {}×{}", c.nrows(), c.ncols()));
    }
    let sys = core(Continuous::new(a, b, c, DMatrix::from_element(1, 1, d)))?;
    let (step, method) = step_and_method(&delta, &method)?;
    core(ssm::discretize(&sys, step, method))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KernelRequest {
    #[serde(rename = "A")]
    a: Matrix,
    #[serde(rename = "B")]
    b: Matrix,
    #[serde(rename = "C")]
    c: Matrix,
    delta: Number,
    method: Text,
    length: Count,
}

/// `{"A", "B": N×1, "C": 1×N, "delta", "method", "length"}` → `{"kernel": [L]}`.
fn kernel(req: &Request) -> Response {
    let KernelRequest { a, b, c, delta, method, length: Count(len) } = req.typed()?;
    let n = a.0.nrows();
    let ops = kernel_operations(n, len).saturating_add(expm_operations(n + 1));
    Cost::new(len as u64, f64_bytes(product(&[len, 3])), ops).check()?;
    let sys = siso_system(Siso { a, b, c, delta, method }, 0.0)?;
    let mut out = Map::new();
    put_vector(&mut out, "kernel", &core(ssm::kernel(&sys, len))?)?;
    Ok(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SimulateRequest {
    #[serde(rename = "A")]
    a: Matrix,
    #[serde(rename = "B")]
    b: Matrix,
    #[serde(rename = "C")]
    c: Matrix,
    delta: Number,
    method: Text,
    #[serde(rename = "D")]
    d: Option<Number>,
    x: Vector,
    mode: Text,
}

/// `{"A", "B": N×1, "C": 1×N, "D"?, "delta", "method", "x": [L], "mode"}` → `{"y": [L]}`, and
/// in recurrent mode also `{"states": L×N}` (row k is h_k).
fn simulate(req: &Request) -> Response {
    let SimulateRequest { a, b, c, d, delta, method, x: Vector(x), mode } = req.typed()?;
    let view = core(mode.0.parse::<View>())?;
    simulate_cost(a.0.nrows(), x.len(), view).check()?;
    let sys = siso_system(Siso { a, b, c, delta, method }, d.map_or(0.0, |d| d.0))?;
    let mut out = Map::new();
    if view == View::Recurrent {
        let run = core(ssm::recurrence(&sys, &DMatrix::from_row_slice(1, x.len(), &x)))?;
        let y: Vec<f64> = run.outputs.row(0).iter().copied().collect();
        put_vector(&mut out, "y", &y)?;
        put_matrix(&mut out, "states", &run.states.transpose())?;
    } else {
        put_vector(&mut out, "y", &core(ssm::simulate(&sys, &x, view))?)?;
    }
    Ok(out)
}

/// The kernel's operations as the budget counts them: its matrix–vector powers were measured
/// ~5× slower per operation than the budget's rate, so they count 5 times (4 more besides
/// the count `View::cost` already holds).
fn kernel_operations(n: usize, len: usize) -> u64 {
    kernel_cost(n, len).operations().saturating_mul(5)
}

/// What simulating L steps of an N-state system by `view` takes: the recurrence keeps (and
/// answers) every state; the FFT holds a few complex arrays of twice the length.
fn simulate_cost(n: usize, len: usize, view: View) -> Cost {
    // The direct convolution was measured ~20× slower per operation than the other paths
    // (one long serial sum per output, no vectorisation): it counts 20 times.
    let weight = if view == View::Convolution { 20 } else { 1 };
    let mut ops = view.cost(n, len).operations().saturating_mul(weight);
    if view != View::Recurrent {
        ops = ops.saturating_add(kernel_operations(n, len));
    }
    let ops = ops.saturating_add(expm_operations(n + 1));
    let (response, working) = match view {
        View::Recurrent => {
            let states = product(&[len, n]);
            (states.saturating_add(len as u64), f64_bytes(states.saturating_mul(3)))
        }
        View::Convolution => (len as u64, f64_bytes(product(&[len, 4]))),
        View::Fft => (len as u64, f64_bytes(product(&[len, 24]))),
    };
    Cost::new(response, working, ops)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HippoRequest {
    kind: Text,
    n: Count,
}

/// `{"kind", "n"}` → `{"A": N×N, "B": N×1}`, plus `{"A_imag": N×N}` for the complex s4d-lin.
fn hippo(req: &Request) -> Response {
    let HippoRequest { kind, n: Count(n) } = req.typed()?;
    let kind = core(kind.0.parse::<HippoKind>())?;
    let square = product(&[n, n]);
    Cost::new(
        square.saturating_mul(2),
        f64_bytes(square.saturating_mul(4)),
        square.saturating_mul(10),
    )
    .check()?;
    let h = core(Hippo::new(kind, n))?;
    let mut out = Map::new();
    put_matrix(&mut out, "A", &h.a)?;
    if let Some(imag) = &h.a_imag {
        put_matrix(&mut out, "A_imag", imag)?;
    }
    put_matrix(&mut out, "B", &DMatrix::from_column_slice(h.b.len(), 1, h.b.as_slice()))?;
    Ok(out)
}
