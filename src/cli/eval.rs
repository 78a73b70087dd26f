//! `mamba-explainer eval`: one JSON request in, one JSON object out.
//!
//! The request is an object with an `"op"` key; each op's handler lives in a submodule and
//! registers itself in its `OPS` table. Any invalid request, or one over the budget, yields
//! `{"error": "..."}` and exit code 2; a panic inside a handler is caught and reported the same
//! way, never as a backtrace.

mod lm;
mod lti;
pub(super) mod selective;

use super::budget::MAX_REQUEST_BYTES;
use super::error_body;
use super::json::{Response, parse_strict};
use super::operands::Request;
use serde_json::Value;
use std::io::Read;

/// `eval`: no flags; the request comes on stdin.
#[derive(clap::Args)]
#[command(long_about = "Reads one JSON request on stdin and writes one JSON object on stdout.\n\n\
    The request is an object with an \"op\" key: expm, discretize, kernel, simulate, hippo, \
    selective_scan, scan or mamba_block (their keys are in the README). An invalid request, or \
    one over the size limits, answers {\"error\": \"...\"} with exit code 2.")]
pub(super) struct EvalArgs {}

impl EvalArgs {
    /// Reads stdin (at most [`MAX_REQUEST_BYTES`]) and answers it.
    pub(super) fn run(self) -> (String, u8) {
        let mut input = Vec::new();
        let limit = MAX_REQUEST_BYTES as u64 + 1;
        match std::io::stdin().lock().take(limit).read_to_end(&mut input) {
            Ok(read) if read > MAX_REQUEST_BYTES => {
                let message =
                    format!("the request is over the limit of {} MB", MAX_REQUEST_BYTES >> 20);
                (error_body(&message), 2)
            }
            Ok(_) => answer(&input),
            Err(e) => (error_body(&format!("cannot read stdin: {e}")), 2),
        }
    }
}

/// One op's handler: the request object (with `"op"` removed) to the response object.
pub(super) type Handler = fn(&Request) -> Response;

fn handler(op: &str) -> Option<Handler> {
    lti::OPS
        .iter()
        .chain(selective::OPS)
        .chain(lm::OPS)
        .find(|(name, _)| *name == op)
        .map(|(_, h)| *h)
}

fn known_ops() -> String {
    let names: Vec<&str> =
        lti::OPS.iter().chain(selective::OPS).chain(lm::OPS).map(|(n, _)| *n).collect();
    names.join(", ")
}

/// Answers one request: the response text and the exit code (0 or 2).
fn answer(input: &[u8]) -> (String, u8) {
    match respond(input) {
        Ok(v) => (v.to_string(), 0),
        Err(message) => (error_body(&message), 2),
    }
}

fn respond(input: &[u8]) -> Result<Value, String> {
    // A byte-order mark is no part of JSON, but some editors write one.
    let input = input.strip_prefix("\u{feff}".as_bytes()).unwrap_or(input);
    let value = parse_strict(input).map_err(|e| format!("malformed JSON request: {e}"))?;
    let Value::Object(mut object) = value else {
        return Err("the request must be a JSON object with an \"op\" key".into());
    };
    let op = match object.remove("op") {
        Some(Value::String(op)) => op,
        Some(_) => return Err("\"op\" must be a string".into()),
        None => return Err(format!("missing \"op\"; known ops: {}", known_ops())),
    };
    let Some(handle) = handler(&op) else {
        return Err(format!("unknown op {op:?}; known ops: {}", known_ops()));
    };
    let request = Request::new(&op, object);
    // Handlers validate everything; catching a panic (the supervisor silenced the hook) is a
    // line of defence so that a bug still answers with JSON and exit code 2.
    let result = std::panic::catch_unwind(|| handle(&request));
    match result {
        Ok(response) => response.map(Value::Object),
        Err(_) => {
            Err(format!("internal error while computing {op:?} (please report this request)"))
        }
    }
}
