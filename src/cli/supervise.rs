//! The last line of defence behind the budget: the command runs in a child process (this same
//! binary, marked by an environment variable), and if that child aborts (an allocation failure
//! aborts on stable Rust), is killed, or panics, the parent answers `{"error": ...}` and exit
//! code 2 instead. stdin and stdout pass straight through; the worker's stderr is dropped for
//! `eval`, whose whole answer is on stdout.

use std::process::{Command, ExitCode, Stdio};

/// Set in the worker's environment: run the command instead of supervising it.
const WORKER: &str = "MAMBA_EXPLAINER_WORKER";

/// Runs `command` in a supervised worker and returns its exit code (0 or 2).
pub(super) fn supervised(command: fn() -> ExitCode) -> ExitCode {
    if std::env::var_os(WORKER).is_some() {
        // A panic is reported as JSON by the caller or by the parent, never as a backtrace.
        std::panic::set_hook(Box::new(|_| {}));
        return command();
    }
    let quiet = std::env::args().nth(1).is_some_and(|c| c == "eval");
    let child = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(WORKER, "1")
            .stderr(if quiet { Stdio::null() } else { Stdio::inherit() })
            .status()
    });
    let status = match child {
        Ok(status) => status,
        // No room for a second process (a tight ulimit): run unsupervised rather than not at all.
        Err(_) => return command(),
    };
    match status.code() {
        Some(code @ (0 | 2)) => ExitCode::from(code as u8),
        other => {
            let how = match other {
                Some(code) => format!("exited with code {code}"),
                None => signal(&status),
            };
            let message = format!(
                "the request could not be completed: the computation {how} \
                 (out of memory, or a bug: please report this request)"
            );
            println!("{}", super::error_body(&message));
            ExitCode::from(2)
        }
    }
}

#[cfg(unix)]
fn signal(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(6) => "aborted (signal 6)".into(),
        Some(s) => format!("was stopped by signal {s}"),
        None => "stopped".into(),
    }
}

#[cfg(not(unix))]
fn signal(_: &std::process::ExitStatus) -> String {
    "stopped".into()
}
