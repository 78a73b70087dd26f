//! `eval` ops for the LTI core: expm, discretize, kernel, simulate, hippo.
//!
//! Each handler refuses unknown keys, reads its operands with the typed getters of `json`, and
//! leaves every check of shapes and values to the `ssm` constructors, whose messages name the
//! operand. Matrices are row-major nested arrays both ways.

use super::Handler;
use crate::cli::budget::{Cost, expm_operations, f64_bytes, product};
use crate::cli::json::{Request, Response, put_matrix, put_vector};
use crate::ssm;
use crate::ssm::lti::kernel_cost;
use crate::ssm::{Continuous, Discretized, Hippo, HippoKind, Method, Step, View};
use nalgebra::DMatrix;
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

/// `{"M"}` → `{"expm"}`.
fn expm(req: &Request) -> Response {
    req.allow_only(&["M"])?;
    let m = req.matrix("M")?;
    let n = m.nrows();
    Cost::new(product(&[n, n]), f64_bytes(product(&[n, n, 12])), expm_operations(n)).check()?;
    let mut out = Map::new();
    put_matrix(&mut out, "expm", &core(ssm::expm(&m))?)?;
    Ok(out)
}

/// The step and method shared by discretize, kernel and simulate.
fn step_and_method(req: &Request) -> Result<(Step, Method), String> {
    let step = core(Step::new(req.number("delta")?))?;
    let method = core(req.string("method")?.parse::<Method>())?;
    Ok((step, method))
}

/// `{"A", "B", "delta", "method"}` → `{"A_bar", "B_bar"}` (B may have several columns).
fn discretize(req: &Request) -> Response {
    req.allow_only(&["A", "B", "delta", "method"])?;
    let (a, b) = (req.matrix("A")?, req.matrix("B")?);
    let (n, m) = (a.nrows(), b.ncols());
    let side = n.saturating_add(m);
    let numbers = product(&[n, n]).saturating_add(product(&[n, m]));
    Cost::new(numbers, f64_bytes(product(&[side, side, 12])), expm_operations(side)).check()?;
    let sys = core(Continuous::with_state_output(a, b))?;
    let (step, method) = step_and_method(req)?;
    let d = core(ssm::discretize(&sys, step, method))?;
    let mut out = Map::new();
    put_matrix(&mut out, "A_bar", d.a_bar())?;
    put_matrix(&mut out, "B_bar", d.b_bar())?;
    Ok(out)
}

/// The discretized SISO system of a kernel or simulate request, D defaulting to 0.
fn siso_system(req: &Request) -> Result<Discretized, String> {
    let (a, b, c) = (req.matrix("A")?, req.matrix("B")?, req.matrix("C")?);
    // One input and one output: say so plainly rather than as a mismatch with A.
    if b.ncols() != 1 {
        return Err(format!("\"B\" must be one column (N×1), got {}×{}", b.nrows(), b.ncols()));
    }
    if c.nrows() != 1 {
        return Err(format!("\"C\" must be one row (1×N), got {}×{}", c.nrows(), c.ncols()));
    }
    let d = req.opt_number("D")?.unwrap_or(0.0);
    let sys = core(Continuous::new(a, b, c, DMatrix::from_element(1, 1, d)))?;
    let (step, method) = step_and_method(req)?;
    core(ssm::discretize(&sys, step, method))
}

/// `{"A", "B": N×1, "C": 1×N, "delta", "method", "length"}` → `{"kernel": [L]}`.
fn kernel(req: &Request) -> Response {
    req.allow_only(&["A", "B", "C", "delta", "method", "length"])?;
    let len = req.count("length")?;
    let n = req.matrix("A")?.nrows();
    let ops = kernel_operations(n, len).saturating_add(expm_operations(n + 1));
    Cost::new(len as u64, f64_bytes(product(&[len, 3])), ops).check()?;
    let sys = siso_system(req)?;
    let mut out = Map::new();
    put_vector(&mut out, "kernel", &core(ssm::kernel(&sys, len))?)?;
    Ok(out)
}

/// `{"A", "B": N×1, "C": 1×N, "D"?, "delta", "method", "x": [L], "mode"}` → `{"y": [L]}`, and
/// in recurrent mode also `{"states": L×N}` (row k is h_k).
fn simulate(req: &Request) -> Response {
    req.allow_only(&["A", "B", "C", "D", "delta", "method", "x", "mode"])?;
    let x = req.vector("x")?;
    let view = core(req.string("mode")?.parse::<View>())?;
    simulate_cost(req.matrix("A")?.nrows(), x.len(), view).check()?;
    let sys = siso_system(req)?;
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

/// `{"kind", "n"}` → `{"A": N×N, "B": N×1}`, plus `{"A_imag": N×N}` for the complex s4d-lin.
fn hippo(req: &Request) -> Response {
    req.allow_only(&["kind", "n"])?;
    let kind = core(req.string("kind")?.parse::<HippoKind>())?;
    let n = req.count("n")?;
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
