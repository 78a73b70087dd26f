//! `mamba-explainer eval`: one JSON request in, one JSON object out.
//!
//! The request is an object with an `"op"` key; each op's handler lives in a submodule and
//! registers itself in its `OPS` table. Any invalid request yields `{"error": "..."}` and exit
//! code 2; a panic inside a handler is caught and reported the same way, never as a backtrace.

mod lm;
mod lti;
pub(super) mod selective;

use super::json::{Request, Response};
use serde_json::{Map, Value};

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

/// The JSON text of an error response.
pub(super) fn error_body(message: &str) -> String {
    let mut m = Map::new();
    m.insert("error".into(), Value::String(message.to_owned()));
    Value::Object(m).to_string()
}

/// Answers one request: the response text and the exit code (0 or 2).
pub(super) fn answer(input: &str) -> (String, u8) {
    match respond(input) {
        Ok(v) => (v.to_string(), 0),
        Err(message) => (error_body(&message), 2),
    }
}

fn respond(input: &str) -> Result<Value, String> {
    let value: Value =
        serde_json::from_str(input).map_err(|e| format!("malformed JSON request: {e}"))?;
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
    // Handlers validate everything; catching a panic is the last line of defence so that a
    // bug still answers with JSON and exit code 2 rather than a backtrace.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| handle(&request));
    std::panic::set_hook(previous_hook);
    match result {
        Ok(response) => response.map(Value::Object),
        Err(_) => {
            Err(format!("internal error while computing {op:?} (please report this request)"))
        }
    }
}
