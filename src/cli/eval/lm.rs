//! `eval` op `lm_grad`: the loss, logits and every weight's gradient of a Mamba language model
//! (official state-dict names) on one sequence, computed in f64 by [`crate::lm`].

use super::super::json::Response;
use super::super::operands::Request;
use crate::lm::{LayerKind, Params, model};
use crate::ssm::StateDict;
use crate::ssm::block::Tensor;
use serde::Deserialize;
use serde_json::{Map, Value};

pub(super) const OPS: &[(&str, super::Handler)] = &[("lm_grad", lm_grad)];

/// The most tokens in one request.
const MAX_TOKENS: usize = 4096;
/// A cap on L·(parameters + layers·d_inner·N): the work and the memory of one pass (~0.3 GB).
const MAX_WORK: usize = 1 << 25;

/// `{"weights": {name: nested arrays}, "tokens": [L ids], "targets": [L ids or −100]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LmGradRequest {
    weights: Value,
    tokens: Vec<i64>,
    targets: Vec<i64>,
}

fn lm_grad(req: &Request) -> Response {
    respond(&req.typed::<LmGradRequest>()?)
}

fn respond(req: &LmGradRequest) -> Response {
    let dict = StateDict::from_json(&req.weights).map_err(|e| e.to_string())?;
    let p = Params::<f64>::from_state_dict(&dict, LayerKind::S6, true).map_err(|e| e.0)?;
    let cfg = p.config;
    let len = req.tokens.len();
    if len == 0 {
        return Err("\"tokens\" is empty: the model needs at least one token".into());
    }
    if req.targets.len() != len {
        return Err(format!(
            "\"targets\" has {} entries but \"tokens\" has {len}",
            req.targets.len()
        ));
    }
    let per_token = cfg.parameter_count() + cfg.layers * cfg.d_inner * cfg.d_state + cfg.vocab;
    if len > MAX_TOKENS || len.saturating_mul(per_token) > MAX_WORK {
        return Err(format!(
            "too large: {len} tokens × {per_token} values per token; at most {MAX_TOKENS} tokens \
             and {MAX_WORK} in all"
        ));
    }
    let vocab = cfg.vocab as i64;
    if let Some(i) = req.tokens.iter().position(|&t| !(0..vocab).contains(&t)) {
        return Err(format!(
            "tokens[{i}] = {} is outside the vocabulary 0..{vocab}",
            req.tokens[i]
        ));
    }
    if let Some(i) = req.targets.iter().position(|&t| t != -100 && !(0..vocab).contains(&t)) {
        return Err(format!(
            "targets[{i}] = {} is outside the vocabulary 0..{vocab} (and not −100, ignored)",
            req.targets[i]
        ));
    }
    if req.targets.iter().all(|&t| t == -100) {
        return Err("no kept target: every entry of \"targets\" is −100".into());
    }
    let tokens: Vec<usize> = req.tokens.iter().map(|&t| t as usize).collect();
    let mut grads = Params::zeros(cfg);
    let (loss, kept, cache) = model::sequence_grad(&p, &tokens, &req.targets, 1.0, &mut grads);
    let loss = loss / kept as f64;
    let tensor = |name: &str, shape: Vec<usize>, data: &[f64]| {
        Tensor::new(name, shape, data.to_vec())
            .map(|t| t.to_json())
            .map_err(|_| format!("{name} overflowed (not finite)"))
    };
    let mut out = Map::new();
    if !loss.is_finite() {
        return Err("the loss overflowed (not finite)".into());
    }
    out.insert("loss".into(), Value::from(loss));
    out.insert("logits".into(), tensor("logits", vec![len, cfg.vocab], &cache.logits)?);
    let mut g = Map::new();
    for ((name, shape), data) in cfg.shapes().into_iter().zip(&grads.tensors) {
        let v = tensor(&name, shape, data)?;
        g.insert(name, v);
    }
    out.insert("grads".into(), Value::Object(g));
    Ok(out)
}
