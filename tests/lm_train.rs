//! `mamba-explainer train` through the built binary: JSON lines, the final line, the checkpoint
//! (safetensors + JSON config) that `lm_grad` reads back, and refused flags.

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mamba-explainer");

fn train(args: &[&str]) -> (i32, Vec<Value>) {
    let out = Command::new(BIN).arg("train").args(args).output().expect("the binary starts");
    let lines = String::from_utf8(out.stdout).unwrap();
    let values = lines.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    (out.status.code().unwrap_or(-1), values)
}

#[test]
fn train_prints_steps_and_a_final_line_and_writes_a_checkpoint_lm_grad_reads() {
    let dir = std::env::temp_dir().join(format!("lm_train_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("m.safetensors");
    let small = ["--context", "8", "--memorize", "2", "--colors", "3", "--d-model", "8"];
    let mut args = small.to_vec();
    let p = path.to_str().unwrap();
    args.extend([
        "--layers", "1", "--state", "4", "--steps", "3", "--every", "1", "--batch", "4", "--out", p,
    ]);
    let (code, lines) = train(&args);
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(lines.len(), 4);
    for (i, line) in lines[..3].iter().enumerate() {
        assert_eq!(line["step"], json!(i + 1));
        assert!(line["loss"].as_f64().unwrap() > 0.0 && line["elapsed_s"].as_f64().is_some());
    }
    let last = &lines[3];
    assert_eq!(last["final"], json!(true));
    assert_eq!(last["steps"], json!(3));
    assert!((0.0..=1.0).contains(&last["accuracy"].as_f64().unwrap()));
    let config: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("m.json")).unwrap()).unwrap();
    assert_eq!(config["config"]["vocab"], json!(5));
    // The checkpoint's weights answer an lm_grad request.
    let dict =
        mamba_explainer::ssm::StateDict::from_safetensors(&std::fs::read(&path).unwrap()).unwrap();
    let weights: serde_json::Map<String, Value> =
        dict.names().map(|n| (n.to_owned(), dict.get(n).unwrap().to_json())).collect();
    assert_eq!(weights.len() as u64, 2 + 10);
    let request =
        json!({"op": "lm_grad", "weights": weights, "tokens": [0, 1, 4], "targets": [-100, 2, 3]});
    let mut child =
        Command::new(BIN).arg("eval").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{answer}");
    assert_eq!(answer["logits"].as_array().unwrap().len(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn train_refuses_bad_flags_with_exit_2() {
    for (args, needle) in [
        (vec!["--layer", "s5"], "--layer"),
        (vec!["--task", "copying"], "--task"),
        (vec!["--gate", "maybe"], "--gate"),
        (vec!["--steps", "x"], "--steps"),
        (vec!["--bogus", "1"], "--bogus"),
        (vec!["--memorize", "9", "--context", "4"], "data"),
        (vec!["--d-model", "100000"], "sizes"),
    ] {
        let (code, lines) = train(&args);
        assert_eq!(code, 2, "{args:?}");
        let message = lines[0]["error"].as_str().unwrap();
        assert!(message.contains(needle), "{message:?} does not mention {needle:?}");
    }
}
