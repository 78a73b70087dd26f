//! `eval` ops for the selective core: selective_scan, scan, mamba_block.
//!
//! Each handler refuses unknown keys, reads its operands with the typed getters of `json`, and
//! leaves the checks of shapes and values to `ssm`, whose messages name the operand. Matrices are
//! row-major nested arrays both ways.

use super::Handler;
use crate::cli::budget::{Cost, f64_bytes, product};
use crate::cli::json::{Response, put_matrix};
use crate::cli::operands::Request;
use crate::cli::operands::{Flag, Items, Matrix, Text, Vector};
use crate::ssm;
use crate::ssm::{
    BRule, Mixer, MixerDims, MixerWeights, Monoid, ScanAlgorithm, ScanTrace, SelectiveScanInput,
    SelectiveScanOutput, SsmError, SsmPair, StateDict, Sum,
};
use nalgebra::DVector;
use serde::Deserialize;
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

/// What a selective scan of D channels, N states and L steps takes: ~10 operations per state
/// update (discretize, update, read out), twice that for Blelloch's two sweeps and log₂L + 1
/// times for Hillis–Steele (the GPU kernel is counted like it: it may run on a software device).
/// Each rayon worker holds one lane's L pairs; the answer is y (D×L) and the last state (D×N).
pub(crate) fn scan_cost(d: usize, n: usize, l: usize, algorithm: &str) -> Cost {
    let updates = product(&[d, n, l]).saturating_mul(10);
    let passes = match algorithm {
        "blelloch" => 2,
        "hillis_steele" | "gpu" => u64::from(l.max(1).next_power_of_two().ilog2()) + 1,
        _ => 1,
    };
    let response = product(&[d, l]).saturating_add(product(&[d, n]));
    let working = f64_bytes(response.saturating_mul(2).saturating_add(product(&[l, 2 * 4])));
    Cost::new(response, working, updates.saturating_mul(passes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SelectiveScanRequest {
    u: Matrix,
    delta: Matrix,
    #[serde(rename = "A")]
    a: Matrix,
    #[serde(rename = "B")]
    b: Matrix,
    #[serde(rename = "C")]
    c: Matrix,
    #[serde(rename = "D")]
    d: Option<Vector>,
    z: Option<Matrix>,
    delta_bias: Option<Vector>,
    delta_softplus: Option<Flag>,
    algorithm: Option<Text>,
}

/// `{"u","delta","A","B","C", opt "D","z","delta_bias","delta_softplus","algorithm"}`
/// → `{"y": D×L, "last_state": D×N}`.
fn selective_scan(req: &Request) -> Response {
    let r: SelectiveScanRequest = req.typed()?;
    let input = SelectiveScanInput {
        u: r.u.0,
        delta: r.delta.0,
        a: r.a.0,
        b: r.b.0,
        c: r.c.0,
        d: r.d.map(|v| DVector::from_vec(v.0)),
        z: r.z.map(|m| m.0),
        delta_bias: r.delta_bias.map(|v| DVector::from_vec(v.0)),
        delta_softplus: r.delta_softplus.is_some_and(|f| f.0),
    };
    let algorithm = r.algorithm.as_ref().map_or("sequential", |a| a.0.as_str());
    scan_cost(input.u.nrows(), input.a.ncols(), input.u.ncols(), algorithm).check()?;
    let out = selective_by_name(&input, algorithm)?;
    let mut response = Map::new();
    put_matrix(&mut response, "y", &out.y)?;
    put_matrix(&mut response, "last_state", &out.last_state)?;
    Ok(response)
}

/// The values of a scan request as monoid elements: numbers for `add`, `[a, b]` for `ssm`.
fn scan_values<T: Monoid>(
    items: &[Value],
    parse: impl Fn(&Value, usize) -> Result<T, String>,
) -> Result<Vec<T>, String> {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScanRequest {
    kind: Text,
    combine: Text,
    values: Items,
}

/// `{"kind": "blelloch"|"hillis_steele", "combine": "add"|"ssm", "values"}`
/// → `{"result", "steps", "work", "depth", "padded_len"}` (see the README for the step format).
fn scan(req: &Request) -> Response {
    let ScanRequest { kind: Text(kind), combine: Text(combine), values: Items(values) } =
        req.typed()?;
    match combine.as_str() {
        "add" => traced(&kind, &scan_values(&values, sum_value)?),
        "ssm" => traced(&kind, &scan_values(&values, pair_value)?),
        other => Err(format!("unknown \"combine\" {other:?}; known: add, ssm")),
    }
}

/// What the mixer's forward pass over L tokens takes: the projections in (d_model → 2·d_inner),
/// x_proj (d_inner → R + 2N), dt_proj (R → d_inner) and out (d_inner → d_model), the depthwise
/// convolution, and ~10 operations per state update; the trace keeps ~12 L×d_inner tensors.
fn block_cost(dims: MixerDims, l: usize) -> Cost {
    let MixerDims { d_model, d_inner, d_state, d_conv, dt_rank } = dims;
    let per_token = [
        product(&[d_model, 2 * d_inner, 2]),
        product(&[d_inner, d_conv, 2]),
        product(&[d_inner, dt_rank + 2 * d_state, 2]),
        product(&[dt_rank, d_inner, 2]),
        product(&[d_inner, d_state, 10]),
        product(&[d_inner, d_model, 2]),
    ]
    .iter()
    .fold(0u64, |acc, &x| acc.saturating_add(x));
    let width = d_inner.saturating_mul(12).saturating_add(dt_rank + 4 * d_state);
    let working = f64_bytes(product(&[l, width]).saturating_add(product(&[d_inner, d_state])));
    Cost::new(product(&[l, d_model]), working, per_token.saturating_mul(l as u64))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MambaBlockRequest {
    weights: Value,
    x: Matrix,
}

/// `{"weights": {state-dict name: nested arrays}, "x": L×d_model}` → `{"y": L×d_model}`: the
/// mixer alone (no norm, no residual); the sizes are read off the weights.
fn mamba_block(req: &Request) -> Response {
    let MambaBlockRequest { weights, x: Matrix(x) } = req.typed()?;
    let dict = core(StateDict::from_json(&weights))?;
    if let Some(extra) = dict.names().find(|name| !MixerWeights::NAMES.contains(name)) {
        return Err(format!(
            "unexpected weight {extra:?}; the mixer's weights are: {}",
            MixerWeights::NAMES.join(", ")
        ));
    }
    let mixer = core(Mixer::from_state_dict(&dict, ""))?;
    block_cost(mixer.dims(), x.nrows()).check()?;
    let mut response = Map::new();
    // x itself is finite (JSON has no NaN), so a non-finite value inside the mixer comes from
    // x and the weights overflowing: say so in the request's terms, not the scan's internal u.
    let y = mixer.forward(&x).map_err(|e| match e {
        SsmError::NonFinite(_) => "the mixer overflowed to a non-finite value for this \"x\" \
                                   (its entries are too large for the weights)"
            .to_string(),
        other => other.to_string(),
    })?;
    put_matrix(&mut response, "y", &y)?;
    Ok(response)
}
