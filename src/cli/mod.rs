//! The native command line: `eval` answers one JSON request, `bench` times the core, `train`
//! trains the small Mamba LM. Only this
//! module may print to stdout.
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | the [`Command`] enum (one variant per subcommand) and the exit-code contract |
//! | `supervise.rs` | runs the command in a child worker, so that even an abort answers JSON |
//! | `budget.rs` | the one budget every request is checked against before it allocates |
//! | `json.rs` | strict JSON reading (duplicate keys, BOM), the request, the checks of numbers and matrices |
//! | `operands.rs` | typed operands: one `Deserialize` struct per op, messages naming the key |
//! | `eval.rs`, `eval/*.rs` | `eval`: the op table and one file per family of ops |
//! | `bench.rs` | `bench`: timing the core |
//! | `train.rs` | `train` and `bench train-step`: the small Mamba LM of [`crate::lm`] |
//! | `figure.rs` | `figure`: one figure of [`crate::figures`] as SVG or PNG, or `--list` |
//! | `gpu.rs` | the `"gpu"` algorithm shared by `eval` and `bench` |
//!
//! Adding a subcommand is one variant of [`Command`] (its doc comment is the `--help` line) with
//! an args struct in its own file that returns `(stdout line, exit code)`. Adding an op to `eval`
//! is one row of the op table in `eval.rs` and its handler in one file under `eval/`, which
//! estimates its [`budget::Cost`] and checks it before computing.

#![allow(clippy::print_stdout)]

mod bench;
mod budget;
mod eval;
mod figure;
mod gpu;
mod json;
mod operands;
mod supervise;
mod train;

use clap::{Parser, Subcommand, error::ErrorKind};
use std::io::Write;
use std::process::ExitCode;

/// An interactive course and lab on state space models and Mamba: the native command line.
#[derive(Parser)]
#[command(name = "mamba-explainer", version, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands; each answers one line on stdout and exits 0, or 2 with `{"error": ...}`.
#[derive(Subcommand)]
enum Command {
    /// Read one JSON request on stdin, write one JSON object on stdout (ops in the README).
    Eval(eval::EvalArgs),
    /// Time the core on seeded random inputs and print one JSON line.
    Bench(bench::BenchArgs),
    /// Train the small Mamba language model on a seeded task: JSON lines as it goes, a final
    /// line with the held-out accuracy (flags in `train --help`).
    Train(train::TrainFlags),
    /// Draw one figure of a lesson for a state, as SVG or PNG (`figure --list` lists the ids).
    /// Writes the file (or stdout) and nothing else; on failure the message goes to stderr.
    Figure(figure::FigureArgs),
}

impl Command {
    fn run(self) -> (String, u8) {
        match self {
            Command::Eval(args) => args.run(),
            Command::Bench(args) => args.run(),
            Command::Train(flags) => flags.run(),
            // Its output is the figure itself, written by the command (see `run`).
            Command::Figure(_) => (String::new(), 2),
        }
    }
}

/// Runs the command named by the arguments and returns the process exit code: 0 on success,
/// 2 on a bad request or bad arguments (with `{"error": ...}` on stdout), whatever happens.
pub fn main() -> ExitCode {
    supervise::supervised(run)
}

/// The command itself, in the worker process.
fn run() -> ExitCode {
    let (line, code) = match Cli::try_parse() {
        Ok(Cli { command: Command::Figure(args) }) => {
            return match args.run() {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            };
        }
        Ok(cli) => cli.command.run(),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => (error_body(&argument_error(&e)), 2),
    };
    // A closed stdout leaves nothing more to report.
    let _ = writeln!(std::io::stdout().lock(), "{line}");
    ExitCode::from(code)
}

/// A command-line error as one sentence for `{"error": ...}`, without clap's colours.
fn argument_error(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let text = text.trim().trim_start_matches("error: ");
    let text = text.replace('\n', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    if e.kind() == ErrorKind::ArgumentConflict && text.contains("multiple times") {
        return format!("{text} (the flag is given twice)");
    }
    text
}

/// The JSON text of an error response.
fn error_body(message: &str) -> String {
    serde_json::json!({ "error": message }).to_string()
}
