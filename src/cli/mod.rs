//! The native command line: `eval` answers one JSON request, `bench` times the core. Only this
//! module may print to stdout.

#![allow(clippy::print_stdout)]

mod bench;
mod eval;
mod gpu;
mod json;
mod train;

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage: mamba-explainer <command>

commands:
  eval      read one JSON request on stdin, write one JSON object on stdout (see README)
  bench     bench selective-scan --d D --n N --l L [--algorithm A] [--repeat R] [--threads T]:
            time the core (A = gpu: the WGSL kernel, with upload, compute and readback times),
            print one JSON line
            bench train-step [train's flags] [--repeat R]: median seconds per optimizer step
  train     train --task selective-copying|induction-heads --layer s6|s4 [--gate on|off] ...:
            train the small Mamba LM, print JSON lines (see README)
";

/// Runs the command named by the first argument and returns the process exit code:
/// 0 on success, 2 on a bad request or bad arguments.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("eval") => {
            let mut input = String::new();
            let (body, code) = match std::io::stdin().read_to_string(&mut input) {
                Ok(_) => eval::answer(&input),
                Err(e) => (eval::error_body(&format!("cannot read stdin: {e}")), 2),
            };
            let mut out = std::io::stdout().lock();
            // A closed stdout leaves nothing more to report.
            let _ = writeln!(out, "{body}");
            ExitCode::from(code)
        }
        Some("bench") => {
            let (line, code) = bench::run(&args[1..]);
            let _ = writeln!(std::io::stdout().lock(), "{line}");
            ExitCode::from(code)
        }
        Some("train") => ExitCode::from(train::run(&args[1..])),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprint!("unknown command {other:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
