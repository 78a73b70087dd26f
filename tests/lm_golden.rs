//! `eval` op `lm_grad` through the built binary: loss, logits and every gradient against PyTorch
//! float64 autograd (tests/golden/lm_grad.json, from gen_lm.py) to 1e-9 relative, and every
//! refusal (exit 2 with an error naming the problem).

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mamba-explainer");

fn eval(request: &Value) -> (i32, Value) {
    let mut child = Command::new(BIN)
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON value");
    (out.status.code().unwrap_or(-1), value)
}

fn flat(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| flat(i, out)),
        other => out.push(other.as_f64().expect("a number")),
    }
}

/// The largest |got − want| / max|want| over a tensor (its scale as the floor for entries near 0).
fn rel_error(got: &Value, want: &Value) -> f64 {
    let (mut g, mut w) = (Vec::new(), Vec::new());
    flat(got, &mut g);
    flat(want, &mut w);
    assert_eq!(g.len(), w.len(), "sizes differ");
    let scale = w.iter().fold(f64::MIN_POSITIVE, |m, v| m.max(v.abs()));
    g.iter().zip(&w).map(|(a, b)| (a - b).abs() / scale.max(b.abs())).fold(0.0, f64::max)
}

fn golden() -> Vec<Value> {
    let text = include_str!("golden/lm_grad.json");
    let v: Value = serde_json::from_str(text).unwrap();
    v["cases"].as_array().unwrap().clone()
}

fn request(case: &Value) -> Value {
    json!({"op": "lm_grad", "weights": case["weights"], "tokens": case["tokens"], "targets": case["targets"]})
}

#[test]
fn lm_grad_agrees_with_pytorch_float64_autograd() {
    let mut worst = std::collections::BTreeMap::<String, f64>::new();
    for case in golden() {
        let (code, got) = eval(&request(&case));
        assert_eq!(code, 0, "{}: {got}", case["name"]);
        let mut check = |what: String, g: &Value, w: &Value| {
            let e = rel_error(g, w);
            assert!(e < 1e-9, "{}: {what} off by {e:e}", case["name"]);
            let key = what
                .split('.')
                .filter(|p| p.parse::<usize>().is_err())
                .collect::<Vec<_>>()
                .join(".");
            let slot = worst.entry(key).or_insert(0.0);
            *slot = slot.max(e);
        };
        check("loss".into(), &got["loss"], &case["loss"]);
        check("logits".into(), &got["logits"], &case["logits"]);
        let grads = case["grads"].as_object().unwrap();
        assert_eq!(got["grads"].as_object().unwrap().len(), grads.len(), "{}", case["name"]);
        for (name, want) in grads {
            check(name.clone(), &got["grads"][name], want);
        }
    }
    // The per-weight worst relative errors, for the report (`-- --nocapture`).
    for (name, e) in worst {
        eprintln!("{name}: {e:.1e}");
    }
}

/// The request must be refused with exit code 2 and an error mentioning `needle`.
fn refused(request: Value, needle: &str) {
    let (code, value) = eval(&request);
    assert_eq!(code, 2, "accepted: {request}");
    let message = value["error"].as_str().unwrap_or_else(|| panic!("no error: {value}"));
    assert!(message.contains(needle), "{message:?} does not mention {needle:?}");
}

#[test]
fn lm_grad_refuses_bad_input_by_name() {
    let case = &golden()[0];
    let with = |key: &str, v: Value| {
        let mut r = request(case);
        r[key] = v;
        r
    };
    let vocab = case["weights"]["backbone.embedding.weight"].as_array().unwrap().len();
    refused(with("tokens", json!([0, 1, vocab, 2, 3])), "tokens[2]");
    refused(with("tokens", json!([0, -1, 1, 2, 3])), "tokens[1]");
    refused(with("targets", json!([-100, -100, -100, -100, -100])), "no kept target");
    refused(with("targets", json!([0, 1, 2, 3, vocab])), "targets[4]");
    refused(with("targets", json!([0, 1])), "\"targets\" has 2");
    refused(with("tokens", json!([])), "empty");
    refused(with("targets", json!([0, 1, 2.5, 3, 4])), "lm_grad");
    let mut extra = request(case);
    extra["temperature"] = json!(1.0);
    refused(extra, "temperature");
    for name in
        ["backbone.layers.0.mixer.A_log", "backbone.norm_f.weight", "backbone.embedding.weight"]
    {
        let mut missing = request(case);
        missing["weights"].as_object_mut().unwrap().remove(name);
        refused(missing, name);
    }
    let mut misshapen = request(case);
    misshapen["weights"]["backbone.layers.0.mixer.D"] = json!([1.0, 2.0]);
    refused(misshapen, "backbone.layers.0.mixer.D");
    let mut unknown = request(case);
    unknown["weights"]["backbone.layers.0.mixer.bogus"] = json!([1.0]);
    refused(unknown, "bogus");
    let mut big = request(case);
    big["tokens"] = json!(vec![0; 5000]);
    big["targets"] = json!(vec![0; 5000]);
    refused(big, "too large");
}
