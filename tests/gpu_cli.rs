//! `"algorithm": "gpu"` in `eval` and `--algorithm gpu` in `bench`, through the built binary:
//! the same answers as the CPU's sequential scan (within 1e-4), the phase times in the bench line,
//! and exit code 2 with a JSON error when no adapter can be found.

#![cfg(not(target_arch = "wasm32"))]

use mamba_explainer::ssm::Rng;
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mamba-explainer");

/// Runs the binary with `args`, `stdin` and extra environment: (exit code, stdout as JSON).
fn run(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> (i32, Value) {
    let mut child = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("the binary ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {stdout:?}"));
    (out.status.code().unwrap_or(-1), value)
}

fn matrix(rng: &mut Rng, rows: usize, cols: usize, lo: f64, hi: f64) -> Value {
    (0..rows).map(|_| (0..cols).map(|_| rng.uniform_in(lo, hi)).collect::<Vec<_>>()).collect()
}

/// A Mamba-like request: softplus with a bias, skip D, gate z.
fn request(d: usize, n: usize, l: usize, seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let a: Vec<Vec<f64>> = (0..d)
        .map(|_| (0..n).map(|j| -(j as f64 + 1.0) * rng.uniform_in(0.5, 1.5)).collect())
        .collect();
    let vector = |rng: &mut Rng, lo, hi| (0..d).map(|_| rng.uniform_in(lo, hi)).collect::<Vec<_>>();
    json!({
        "op": "selective_scan",
        "u": matrix(&mut rng, d, l, -1.0, 1.0),
        "delta": matrix(&mut rng, d, l, -3.0, 1.0),
        "A": a,
        "B": matrix(&mut rng, n, l, -1.0, 1.0),
        "C": matrix(&mut rng, n, l, -1.0, 1.0),
        "D": vector(&mut rng, -1.0, 1.0),
        "z": matrix(&mut rng, d, l, -2.0, 2.0),
        "delta_bias": vector(&mut rng, -0.5, 0.5),
        "delta_softplus": true,
    })
}

/// max |gpu − cpu| / max(1, |cpu|) over every number of two nested arrays.
fn error(gpu: &Value, cpu: &Value) -> f64 {
    fn flat(v: &Value, out: &mut Vec<f64>) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| flat(i, out)),
            other => out.push(other.as_f64().expect("a number")),
        }
    }
    let (mut g, mut c) = (Vec::new(), Vec::new());
    flat(gpu, &mut g);
    flat(cpu, &mut c);
    assert_eq!(g.len(), c.len());
    g.iter().zip(&c).map(|(g, c)| (g - c).abs() / c.abs().max(1.0)).fold(0.0, f64::max)
}

fn is_no_adapter(answer: &Value) -> bool {
    answer["error"].as_str().is_some_and(|m| m.contains("no GPU adapter"))
}

#[test]
fn eval_gpu_answers_like_the_sequential_scan() {
    let mut worst = 0.0f64;
    for (i, &(d, n, l)) in [(1, 1, 1), (2, 3, 7), (3, 4, 1000), (2, 2, 4097)].iter().enumerate() {
        let mut req = request(d, n, l, i as u64);
        let (code, cpu) = run(&["eval"], &req.to_string(), &[]);
        assert_eq!(code, 0, "{cpu}");
        req["algorithm"] = json!("gpu");
        let (code, gpu) = run(&["eval"], &req.to_string(), &[]);
        if is_no_adapter(&gpu) {
            eprintln!("SKIPPED: {}", gpu["error"]);
            return;
        }
        assert_eq!(code, 0, "{gpu}");
        let err = error(&gpu["y"], &cpu["y"]).max(error(&gpu["last_state"], &cpu["last_state"]));
        assert!(err <= 1e-4, "D={d} N={n} L={l}: error {err:e}");
        worst = worst.max(err);
    }
    eprintln!("eval gpu vs sequential: worst error {worst:e}");
}

#[test]
fn eval_gpu_refuses_bad_input_and_a_missing_adapter_with_exit_2() {
    let mut bad = request(2, 2, 5, 9);
    bad["algorithm"] = json!("gpu");
    bad["C"] = json!([[1.0, 2.0]]);
    let (code, answer) = run(&["eval"], &bad.to_string(), &[]);
    assert_eq!(code, 2, "{answer}");
    assert!(answer["error"].as_str().expect("an error").contains('C'), "{answer}");

    // No backend that exists on this platform: as on a machine without any GPU driver.
    let mut good = request(2, 2, 5, 9);
    good["algorithm"] = json!("gpu");
    let (code, answer) = run(&["eval"], &good.to_string(), &[("WGPU_BACKEND", "metal")]);
    if code == 0 {
        eprintln!("SKIPPED: this platform has Metal");
        return;
    }
    assert_eq!(code, 2, "{answer}");
    assert!(is_no_adapter(&answer), "{answer}");
    let args =
        ["bench", "selective-scan", "--d", "2", "--n", "2", "--l", "8", "--algorithm", "gpu"];
    let (code, answer) = run(&args, "", &[("WGPU_BACKEND", "metal")]);
    assert_eq!(code, 2, "{answer}");
    assert!(is_no_adapter(&answer), "{answer}");
}

#[test]
fn bench_gpu_reports_upload_compute_and_readback() {
    let args = [
        "bench",
        "selective-scan",
        "--d",
        "3",
        "--n",
        "4",
        "--l",
        "5000",
        "--algorithm",
        "gpu",
        "--repeat",
        "3",
    ];
    let (code, line) = run(&args, "", &[]);
    if is_no_adapter(&line) {
        eprintln!("SKIPPED: {}", line["error"]);
        return;
    }
    assert_eq!(code, 0, "{line}");
    assert_eq!(line["algorithm"], "gpu");
    let seconds = |key: &str| line[key].as_f64().unwrap_or_else(|| panic!("no {key}: {line}"));
    for key in ["upload_s", "compute_s", "readback_s", "median_s"] {
        assert!(seconds(key) > 0.0, "{key}: {line}");
    }
    assert!(line["adapter"].is_string() && line["software_adapter"].is_boolean(), "{line}");
    eprintln!("bench line: {line}");
}
