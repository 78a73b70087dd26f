//! `eval` ops for the selective core: selective_scan, scan, mamba_block.
//!
//! Each handler refuses unknown keys, reads its operands with the typed getters of `json`, and
//! leaves the checks of shapes and values to `ssm`, whose messages name the operand. Matrices are
//! row-major nested arrays both ways.

use super::Handler;
use crate::cli::json::{Request, Response, put_matrix};
use crate::ssm;
use crate::ssm::{
    BRule, Mixer, MixerWeights, Monoid, ScanAlgorithm, ScanTrace, SelectiveScanInput,
    SelectiveScanOutput, SsmPair, StateDict, Sum,
};
use nalgebra::DVector;
use serde::Serialize;
use serde_json::{Map, Value};

/// The ops this file answers.
pub(super) const OPS: &[(&str, Handler)] =
    &[("selective_scan", selective_scan), ("scan", scan), ("mamba_block", mamba_block)];

/// Turns a core error into the message of `{"error": ...}`.
fn core<T>(result: ssm::Result<T>) -> Result<T, String> {
    result.map_err(|e| e.to_string())
}

/// Runs the official (Euler) selective scan by the algorithm named in a request or on the
/// command line. Another implementation (a GPU kernel, say) is one more arm here.
pub(in crate::cli) fn selective_by_name(
    input: &SelectiveScanInput,
    algorithm: &str,
) -> Result<SelectiveScanOutput, String> {
    let cpu = |algorithm| core(ssm::selective_scan(input, BRule::Euler, algorithm));
    match algorithm {
        "sequential" => cpu(ScanAlgorithm::Sequential),
        "blelloch" => cpu(ScanAlgorithm::Blelloch),
        "hillis_steele" => cpu(ScanAlgorithm::HillisSteele),
        "gpu" => crate::cli::gpu::selective_scan(input),
        other => Err(format!(
            "unknown \"algorithm\" {other:?}; known: sequential, blelloch, hillis_steele, gpu"
        )),
    }
}

/// `{"u","delta","A","B","C", opt "D","z","delta_bias","delta_softplus","algorithm"}`
/// → `{"y": D×L, "last_state": D×N}`.
fn selective_scan(req: &Request) -> Response {
    req.allow_only(&[
        "u",
        "delta",
        "A",
        "B",
        "C",
        "D",
        "z",
        "delta_bias",
        "delta_softplus",
        "algorithm",
    ])?;
    let input = SelectiveScanInput {
        u: req.matrix("u")?,
        delta: req.matrix("delta")?,
        a: req.matrix("A")?,
        b: req.matrix("B")?,
        c: req.matrix("C")?,
        d: req.opt_vector("D")?.map(DVector::from_vec),
        z: req.opt_matrix("z")?,
        delta_bias: req.opt_vector("delta_bias")?.map(DVector::from_vec),
        delta_softplus: req.opt_bool("delta_softplus")?.unwrap_or(false),
    };
    let algorithm = req.opt_string("algorithm")?.unwrap_or("sequential");
    let out = selective_by_name(&input, algorithm)?;
    let mut response = Map::new();
    put_matrix(&mut response, "y", &out.y)?;
    put_matrix(&mut response, "last_state", &out.last_state)?;
    Ok(response)
}

/// The values of a scan request as monoid elements: numbers for `add`, `[a, b]` for `ssm`.
fn scan_values<T: Monoid>(
    req: &Request,
    parse: impl Fn(&Value, usize) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let items = req.value("values")?.as_array().ok_or("\"values\" must be an array")?;
    if items.is_empty() {
        return Err("\"values\" is empty: a scan needs at least one value".into());
    }
    if items.len() > ssm::scan::MAX_TRACE_LEN {
        return Err(format!(
            "\"values\" has {} entries; a traced scan takes at most {}",
            items.len(),
            ssm::scan::MAX_TRACE_LEN
        ));
    }
    items.iter().enumerate().map(|(i, v)| parse(v, i)).collect()
}

fn sum_value(v: &Value, i: usize) -> Result<Sum, String> {
    crate::cli::json::number(v, &format!("values[{i}]")).map(Sum)
}

fn pair_value(v: &Value, i: usize) -> Result<SsmPair, String> {
    match crate::cli::json::vector(v, &format!("values[{i}]"))?.as_slice() {
        &[a, b] => Ok(SsmPair { a, b }),
        _ => Err(format!("values[{i}] must be a pair [a, b] for \"combine\": \"ssm\"")),
    }
}

/// Serializes a result, refusing one that overflowed (serde_json would write ±∞ as null).
fn finite_json<S: Serialize>(what: &str, x: &S) -> Result<Value, String> {
    fn has_null(v: &Value) -> bool {
        match v {
            Value::Null => true,
            Value::Array(items) => items.iter().any(has_null),
            Value::Object(fields) => fields.values().any(has_null),
            _ => false,
        }
    }
    let value = serde_json::to_value(x).map_err(|e| e.to_string())?;
    if has_null(&value) {
        return Err(format!("the result {what:?} overflowed to a non-finite value"));
    }
    Ok(value)
}

/// Runs the traced scan of `kind` and serializes its result and steps.
fn traced<T: Monoid + Serialize>(kind: &str, values: &[T]) -> Response {
    let trace: ScanTrace<T> = match kind {
        "blelloch" => core(ssm::trace_blelloch(values))?,
        "hillis_steele" => core(ssm::trace_hillis_steele(values))?,
        other => {
            return Err(format!("unknown \"kind\" {other:?}; known: blelloch, hillis_steele"));
        }
    };
    let mut response = Map::new();
    response.insert("result".into(), finite_json("result", &trace.result)?);
    response.insert("steps".into(), finite_json("steps", &trace.steps)?);
    response.insert("work".into(), trace.cost.work.into());
    response.insert("depth".into(), trace.cost.depth.into());
    response.insert("padded_len".into(), trace.padded_len.into());
    Ok(response)
}

/// `{"kind": "blelloch"|"hillis_steele", "combine": "add"|"ssm", "values"}`
/// → `{"result", "steps", "work", "depth", "padded_len"}` (see the README for the step format).
fn scan(req: &Request) -> Response {
    req.allow_only(&["kind", "combine", "values"])?;
    let kind = req.string("kind")?;
    match req.string("combine")? {
        "add" => traced(kind, &scan_values(req, sum_value)?),
        "ssm" => traced(kind, &scan_values(req, pair_value)?),
        other => Err(format!("unknown \"combine\" {other:?}; known: add, ssm")),
    }
}

/// `{"weights": {state-dict name: nested arrays}, "x": L×d_model}` → `{"y": L×d_model}`: the
/// mixer alone (no norm, no residual); the sizes are read off the weights.
fn mamba_block(req: &Request) -> Response {
    req.allow_only(&["weights", "x"])?;
    let dict = core(StateDict::from_json(req.value("weights")?))?;
    if let Some(extra) = dict.names().find(|name| !MixerWeights::NAMES.contains(name)) {
        return Err(format!(
            "unexpected weight {extra:?}; the mixer's weights are: {}",
            MixerWeights::NAMES.join(", ")
        ));
    }
    let mixer = core(Mixer::from_state_dict(&dict, ""))?;
    let x = req.matrix("x")?;
    let mut response = Map::new();
    put_matrix(&mut response, "y", &core(mixer.forward(&x))?)?;
    Ok(response)
}
