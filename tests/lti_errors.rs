//! Bad requests to the LTI ops of `mamba-explainer eval`: each must exit with code 2 and print
//! one JSON object `{"error": "<message>"}` naming the problem, and never panic.

mod lti_support;

use lti_support::{eval, eval_raw};
use serde_json::{Value, json};

/// Checks that `request` is refused with a message containing `expect` (case-insensitive).
fn check(request: Value, expect: &str) {
    check_answer(&request.to_string(), eval(&request), expect);
}

fn check_answer(shown: &str, answer: lti_support::Answer, expect: &str) {
    assert_eq!(answer.code, 2, "{shown}: exit code, body {}", answer.body);
    assert!(!answer.stderr.contains("panicked"), "{shown}: panicked: {}", answer.stderr);
    let object = answer.body.as_object().expect("a JSON object");
    assert_eq!(object.len(), 1, "{shown}: only the error key, got {}", answer.body);
    let message = object["error"].as_str().expect("the error is a string");
    assert!(
        message.to_lowercase().contains(&expect.to_lowercase()),
        "{shown}: message {message:?} does not mention {expect:?}"
    );
}

/// `base` with the given keys replaced (a `null` removes the key).
fn changed(base: Value, changes: Value) -> Value {
    let mut request = base;
    let object = request.as_object_mut().unwrap();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            object.remove(k);
        } else {
            object.insert(k.clone(), v.clone());
        }
    }
    request
}

/// A small valid SISO request for `op`, with the given keys replaced.
fn with(op: &str, changes: Value) -> Value {
    let base = json!({"op": op, "A": [[-1.0, 0.5], [0.0, -2.0]], "B": [[1.0], [1.0]],
                      "C": [[1.0, -1.0]], "delta": 0.1, "method": "zoh"});
    changed(base, changes)
}

#[test]
fn malformed_requests_are_refused() {
    for (input, expect) in [
        ("", "malformed"),
        ("{\"op\": \"expm\", \"M\": [[1]]", "malformed"),
        ("[1, 2]", "object"),
        ("\"expm\"", "object"),
        ("{\"M\": [[1]]}", "missing \"op\""),
        ("{\"op\": 3}", "string"),
        ("{\"op\": \"exmp\"}", "unknown op"),
        ("{\"op\": \"expm\", \"M\": [[NaN]]}", "malformed"),
        ("{\"op\": \"expm\", \"M\": [[1e309]]}", "out of range"),
    ] {
        check_answer(input, eval_raw(input.as_bytes()), expect);
    }
}

#[test]
fn expm_refuses_bad_matrices() {
    check(json!({"op": "expm"}), "missing \"M\"");
    check(json!({"op": "expm", "M": [[1.0, 2.0]]}), "square");
    check(json!({"op": "expm", "M": []}), "at least one row");
    check(json!({"op": "expm", "M": [[]]}), "at least one column");
    check(json!({"op": "expm", "M": [[1.0], [2.0, 3.0]]}), "rectangular");
    check(json!({"op": "expm", "M": [[1.0, "x"], [2.0, 3.0]]}), "number");
    check(json!({"op": "expm", "M": [1.0, 2.0]}), "not an array");
    check(json!({"op": "expm", "M": [[1e308, 1e308], [1e308, 1e308]]}), "overflow");
    check(json!({"op": "expm", "M": [[1000.0]]}), "overflow");
    check(json!({"op": "expm", "M": [[1.0]], "N": 3}), "no key \"N\"");
}

#[test]
fn discretize_refuses_bad_steps_methods_and_shapes() {
    let change = |changes: Value| {
        let base = json!({"op": "discretize", "A": [[-1.0]], "B": [[1.0]], "delta": 0.1,
                          "method": "zoh"});
        changed(base, changes)
    };
    check(change(json!({"delta": 0.0})), "positive");
    check(change(json!({"delta": -0.5})), "positive");
    check(change(json!({"delta": "0.1"})), "number");
    check(change(json!({"delta": null})), "missing \"delta\"");
    check(change(json!({"method": "rk4"})), "unknown discretization method");
    check(change(json!({"method": 1})), "string");
    check(change(json!({"method": null})), "missing \"method\"");
    check(change(json!({"A": [[1.0, 2.0]]})), "square");
    check(change(json!({"B": [[1.0], [2.0]]})), "B must be 1×1");
    check(change(json!({"C": [[1.0]]})), "no key \"C\"");
    // Δ·A itself overflows, or exp(ΔA) = e^1000 does.
    check(change(json!({"A": [[2.0]], "delta": 1e308})), "too large");
    check(change(json!({"A": [[1.0]], "delta": 1000.0})), "overflow");
    // 2/Δ = 2 is an eigenvalue of A: I − Δ/2·A is singular.
    check(change(json!({"A": [[2.0]], "delta": 1.0, "method": "bilinear"})), "singular");
}

#[test]
fn kernel_refuses_bad_lengths_and_shapes() {
    check(with("kernel", json!({"length": 0})), "must not be empty");
    check(with("kernel", json!({"length": -3})), "negative");
    check(with("kernel", json!({"length": 2.5})), "whole number");
    check(with("kernel", json!({"length": 100_000_001u64})), "limit");
    check(with("kernel", json!({"length": 1e30})), "too large");
    check(with("kernel", json!({"length": Value::Null})), "missing \"length\"");
    check(with("kernel", json!({"length": 5, "B": [[1.0, 0.0], [1.0, 0.0]]})), "one column");
    check(with("kernel", json!({"length": 5, "C": [[1.0], [1.0]]})), "one row");
    check(with("kernel", json!({"length": 5, "C": [[1.0, 2.0, 3.0]]})), "C must be 1×2");
    check(with("kernel", json!({"length": 5, "D": 1.0})), "no key \"D\"");
    check(with("kernel", json!({"length": 5, "delta": 0})), "positive");
}

#[test]
fn simulate_refuses_bad_inputs_and_modes() {
    check(with("simulate", json!({"x": [], "mode": "fft"})), "must not be empty");
    check(with("simulate", json!({"x": [1.0, "a"], "mode": "fft"})), "x[1]");
    check(with("simulate", json!({"x": 1.0, "mode": "fft"})), "array");
    check(with("simulate", json!({"x": [1.0], "mode": "parallel"})), "unknown mode");
    check(with("simulate", json!({"x": [1.0]})), "missing \"mode\"");
    check(with("simulate", json!({"x": [1.0], "mode": "fft", "D": [[1.0]]})), "number");
    check(with("simulate", json!({"x": [1.0], "mode": "fft", "A": [[1.0, 0.0]]})), "square");
    check(with("simulate", json!({"x": [1.0], "mode": "fft", "extra": true})), "no key \"extra\"");
    // An unstable system run for long overflows; the answer says so instead of printing inf.
    let mut unstable = with("simulate", json!({"A": [[50.0]], "B": [[1.0]], "C": [[1.0]]}));
    unstable["x"] = json!(vec![1.0; 300]);
    unstable["mode"] = json!("recurrent");
    check(unstable, "overflow");
}

#[test]
fn hippo_refuses_unknown_kinds_and_absurd_sizes() {
    check(json!({"op": "hippo", "kind": "legx", "n": 4}), "unknown hippo kind");
    check(json!({"op": "hippo", "kind": "legs", "n": 0}), "at least 1");
    check(json!({"op": "hippo", "kind": "legs", "n": 4097}), "limit");
    check(json!({"op": "hippo", "kind": "legs", "n": 1e12}), "too large");
    check(json!({"op": "hippo", "kind": "legs"}), "missing \"n\"");
    check(json!({"op": "hippo", "n": 3}), "missing \"kind\"");
    check(json!({"op": "hippo", "kind": "legs", "n": 3, "measure": "legs"}), "no key");
}
