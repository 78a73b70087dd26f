//! The selective ops of `mamba-explainer eval` and the `bench` command, through the built
//! binary: golden answers, every refusal (exit 2, a JSON error, never a panic), and the bench line.

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mamba-explainer");

/// Runs the binary with `args` and `stdin`: (exit code, stdout as JSON, stderr).
fn run(args: &[&str], stdin: &str) -> (i32, Value, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {stdout:?}"));
    (out.status.code().unwrap_or(-1), value, String::from_utf8(out.stderr).unwrap())
}

fn eval(request: &Value) -> (i32, Value) {
    let (code, value, stderr) = run(&["eval"], &request.to_string());
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, value)
}

/// The request must be refused with exit code 2 and an error mentioning `needle`.
fn refused(request: Value, needle: &str) {
    let (code, value) = eval(&request);
    assert_eq!(code, 2, "accepted: {request}");
    let message = value["error"].as_str().unwrap_or_else(|| panic!("no error: {value}"));
    assert!(
        message.to_lowercase().contains(&needle.to_lowercase()),
        "{message:?} does not mention {needle:?}"
    );
}

fn max_rel_err(got: &Value, want: &Value) -> f64 {
    fn flat(v: &Value, out: &mut Vec<f64>) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| flat(i, out)),
            other => out.push(other.as_f64().unwrap()),
        }
    }
    let (mut g, mut w) = (Vec::new(), Vec::new());
    flat(got, &mut g);
    flat(want, &mut w);
    assert_eq!(g.len(), w.len());
    let scale = w.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    g.iter().zip(&w).fold(0.0, |m, (a, b)| m.max((a - b).abs() / scale))
}

fn golden(file: &str) -> Value {
    let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn selective_scan_answers_the_torch_goldens_with_every_algorithm() {
    let golden = golden("selective_scan.json");
    for case in golden["cases"].as_array().unwrap().iter().filter(|c| c["rule"] == "euler") {
        for algorithm in ["sequential", "blelloch", "hillis_steele"] {
            let mut request = case["input"].clone();
            request["op"] = json!("selective_scan");
            request["algorithm"] = json!(algorithm);
            let (code, out) = eval(&request);
            assert_eq!(code, 0, "{}: {out}", case["name"]);
            let err = max_rel_err(&out["y"], &case["y"])
                .max(max_rel_err(&out["last_state"], &case["last_state"]));
            assert!(err < 1e-12, "{} {algorithm}: {err:e}", case["name"]);
        }
    }
}

#[test]
fn mamba_block_answers_the_torch_goldens() {
    let golden = golden("mamba_block.json");
    for case in golden["cases"].as_array().unwrap() {
        let request = json!({"op": "mamba_block", "weights": case["weights"], "x": case["x"]});
        let (code, out) = eval(&request);
        assert_eq!(code, 0, "{}: {out}", case["name"]);
        let err = max_rel_err(&out["y"], &case["y"]);
        assert!(err < 1e-12, "{}: {err:e}", case["name"]);
    }
}

#[test]
fn scan_returns_result_and_steps() {
    let (code, out) = eval(
        &json!({"op": "scan", "kind": "blelloch", "combine": "add", "values": [3, 1, 7, 0, 4]}),
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["result"], json!([0.0, 3.0, 4.0, 11.0, 11.0]));
    assert_eq!(out["steps"].as_array().unwrap().len(), 7);
    assert_eq!(out["steps"][3]["phase"], "clear");
    assert_eq!(out["padded_len"], 8);
    let (code, out) = eval(&json!({"op": "scan", "kind": "hillis_steele", "combine": "ssm",
        "values": [[0.5, 1.0], [2.0, -1.0], [1.0, 3.0]]}));
    assert_eq!(code, 0, "{out}");
    // h: 1, 2·1 − 1 = 1, 1 + 3 = 4; a: 0.5, 1, 1.
    assert_eq!(out["result"], json!([[0.5, 1.0], [1.0, 1.0], [1.0, 4.0]]));
    assert_eq!(out["steps"][0]["pairs"], json!([[0, 1], [1, 2]]));
    assert_eq!(out["steps"][0]["phase"], "sweep");
    assert_eq!((out["work"].as_u64(), out["depth"].as_u64()), (Some(3), Some(2)));
}

fn scan_request() -> Value {
    let golden = golden("selective_scan.json");
    let mut request = golden["cases"][7]["input"].clone();
    request["op"] = json!("selective_scan");
    request
}

#[test]
fn bad_selective_scan_requests_are_refused() {
    let good = scan_request();
    let with = |key: &str, value: Value| {
        let mut r = good.clone();
        r[key] = value;
        r
    };
    let without = |key: &str| {
        let mut r = good.clone();
        r.as_object_mut().unwrap().remove(key);
        r
    };
    for key in ["u", "delta", "A", "B", "C"] {
        refused(without(key), key);
    }
    refused(with("B", json!([[1.0, 2.0]])), "B");
    refused(with("C", json!([[1.0], [2.0]])), "C");
    refused(with("A", json!([[-1.0]])), "A must be D×N = 9×1");
    refused(with("D", json!([1.0])), "D");
    refused(with("delta_bias", json!([1.0, 2.0])), "delta_bias");
    refused(with("z", json!([[1.0]])), "z");
    refused(with("u", json!([])), "u");
    refused(with("u", json!([[]])), "u");
    refused(with("u", json!([[1.0, "x"]])), "u");
    refused(with("u", json!([[1.0, 2.0], [3.0]])), "rectangular");
    // 1e400 is not a finite f64: refused as the request is read.
    let raw =
        r#"{"op":"selective_scan","u":[[1e400]],"delta":[[1]],"A":[[-1]],"B":[[1]],"C":[[1]]}"#;
    let (code, out, stderr) = run(&["eval"], raw);
    assert!(code == 2 && out["error"].is_string() && !stderr.contains("panicked"), "{out}");
    refused(with("delta_softplus", json!("yes")), "delta_softplus");
    refused(with("algorithm", json!("bitonic")), "algorithm");
    refused(with("colour", json!(1)), "colour");
    refused(with("A", json!(vec![vec![50.0; 16]; 9])), "overflow");
    // Absurd sizes are refused by the size limits, not by running out of memory.
    let wide = json!([vec![0.5; 5000]]);
    refused(
        json!({"op": "selective_scan", "u": [[1.0]], "delta": [[1.0]], "A": wide, "B": vec![[1.0]; 5000], "C": vec![[1.0]; 5000]}),
        "too large",
    );
}

#[test]
fn bad_scan_and_block_requests_are_refused() {
    refused(json!({"op": "scan", "kind": "blelloch", "combine": "add", "values": []}), "empty");
    refused(json!({"op": "scan", "kind": "odd_even", "combine": "add", "values": [1]}), "kind");
    refused(json!({"op": "scan", "kind": "blelloch", "combine": "max", "values": [1]}), "combine");
    refused(
        json!({"op": "scan", "kind": "blelloch", "combine": "ssm", "values": [1]}),
        "values[0]",
    );
    refused(
        json!({"op": "scan", "kind": "blelloch", "combine": "ssm", "values": [[1, 2, 3]]}),
        "pair",
    );
    refused(
        json!({"op": "scan", "kind": "blelloch", "combine": "add", "values": [1, null]}),
        "values[1]",
    );
    refused(json!({"op": "scan", "kind": "blelloch", "combine": "add"}), "values");
    refused(
        json!({"op": "scan", "kind": "blelloch", "combine": "add", "values": [1], "x": 1}),
        "\"x\"",
    );
    let huge = vec![1.0; mamba_explainer::ssm::scan::MAX_TRACE_LEN + 1];
    refused(json!({"op": "scan", "kind": "blelloch", "combine": "add", "values": huge}), "at most");
    refused(
        json!({"op": "scan", "kind": "hillis_steele", "combine": "ssm", "values": [[1e300, 0], [1e300, 1]]}),
        "overflow",
    );

    let golden = golden("mamba_block.json");
    let case = &golden["cases"][0];
    let good = json!({"op": "mamba_block", "weights": case["weights"], "x": case["x"]});
    for name in ["in_proj.weight", "conv1d.weight", "dt_proj.bias", "A_log", "D", "out_proj.weight"]
    {
        let mut bad = good.clone();
        bad["weights"].as_object_mut().unwrap().remove(name);
        refused(bad, name);
    }
    let mut bad = good.clone();
    bad["weights"]["x_proj.weight"] = json!([[1.0, 2.0]]);
    refused(bad, "x_proj.weight");
    let mut bad = good.clone();
    bad["weights"]["in_proj.bias"] = json!([1.0]);
    refused(bad, "in_proj.bias");
    let mut bad = good.clone();
    bad["x"] = json!([[1.0, 2.0]]);
    refused(bad, "d_model");
    let mut bad = good.clone();
    bad["x"] = json!([]);
    refused(bad, "x");
    let mut bad = good.clone();
    bad["weights"] = json!([1, 2]);
    refused(bad, "object");
    let mut bad = good.clone();
    bad["weights"]["D"] = json!([[[[[1.0]]]]]);
    refused(bad, "deeper");
}

#[test]
fn bench_prints_one_json_line() {
    for algorithm in ["sequential", "blelloch"] {
        let (code, out, _) = run(
            &[
                "bench",
                "selective-scan",
                "--d",
                "9",
                "--n",
                "4",
                "--l",
                "33",
                "--algorithm",
                algorithm,
                "--repeat",
                "3",
                "--threads",
                "1",
            ],
            "",
        );
        assert_eq!(code, 0, "{out}");
        assert_eq!(out["op"], "selective_scan");
        assert_eq!(
            (out["d"].as_u64(), out["n"].as_u64(), out["l"].as_u64()),
            (Some(9), Some(4), Some(33))
        );
        assert_eq!(out["algorithm"], algorithm);
        assert_eq!(out["threads"], 1);
        let (median, rate) =
            (out["median_s"].as_f64().unwrap(), out["updates_per_s"].as_f64().unwrap());
        assert!(median > 0.0 && (rate * median - 9.0 * 4.0 * 33.0).abs() < 1e-6 * rate * median);
    }
}

#[test]
fn bench_refuses_bad_flags() {
    let size = ["--d", "4", "--n", "4", "--l", "8"];
    for (extra, needle) in [
        (&["--repeat", "-1"][..], "--repeat"),
        (&["--repeat", "0"][..], "--repeat"),
        (&["--algorithm", "nope"][..], "algorithm"),
        (&["--threads", "x"][..], "--threads"),
        (&["--speed", "3"][..], "--speed"),
        (&["--d", "5"][..], "twice"),
        (&["--repeat"][..], "value"),
        (&["extra"][..], "extra"),
    ] {
        let mut args = vec!["bench", "selective-scan"];
        args.extend(size);
        args.extend(extra);
        let (code, out, stderr) = run(&args, "");
        assert_eq!(code, 2, "{args:?} accepted: {out}");
        assert!(out["error"].as_str().unwrap().contains(needle), "{args:?}: {out}");
        assert!(!stderr.contains("panicked"));
    }
    for (args, needle) in [
        (&["bench"][..], "benchmark"),
        (&["bench", "fft"][..], "fft"),
        (&["bench", "selective-scan", "--n", "4", "--l", "8"][..], "--d"),
        (&["bench", "selective-scan", "--d", "0", "--n", "4", "--l", "8"][..], "--d"),
        (&["bench", "selective-scan", "--d", "5000", "--n", "4", "--l", "8"][..], "too large"),
    ] {
        let (code, out, _) = run(args, "");
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out["error"].as_str().unwrap().contains(needle), "{args:?}: {out}");
    }
}
