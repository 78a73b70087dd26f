//! Shared helpers of the `lti_*` tests: running `mamba-explainer eval` on one request.

// Each test binary that includes this module uses a different part of it.
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// What the binary answered: its exit code, its stdout parsed as JSON, and its stderr.
pub(crate) struct Answer {
    pub(crate) code: i32,
    pub(crate) body: Value,
    pub(crate) stderr: String,
}

/// Runs `mamba-explainer eval` with `input` on stdin.
pub(crate) fn eval_raw(input: &[u8]) -> Answer {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mamba-explainer"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // A request refused early may close stdin before all of it is written; that is fine.
    let _ = child.stdin.take().expect("stdin is piped").write_all(input);
    let out = child.wait_with_output().expect("the binary finishes");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let body = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {stdout:?}"));
    Answer {
        code: out.status.code().expect("the binary exits with a code"),
        body,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `mamba-explainer eval` on a JSON request.
pub(crate) fn eval(request: &Value) -> Answer {
    eval_raw(request.to_string().as_bytes())
}
