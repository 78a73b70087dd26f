//! Fuzzing `mamba-explainer eval` through the built binary: seeded mutations of a valid request of
//! every op (wrong types, shapes, NaN-like and huge numbers, ragged matrices, deep nesting, huge
//! sizes, duplicate keys, a BOM) must each answer exit 0 or 2 with one JSON object on stdout,
//! under `ulimit -v 4000000`, before a 20 s watchdog kills it (a hang fails the test).
//!
//! `cargo test --test cli_fuzz` runs `MX_FUZZ_CASES` cases (default 150); the README's longer run
//! sets it to 20000. Also here: a request that passes the budget but meets a tight `ulimit -v`
//! answers JSON and exit 2, never an abort.

#![cfg(unix)]

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mamba-explainer");

/// What one run answered.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `eval` on `input` under `ulimit -v <kb>`, killing it after `limit`.
fn eval_limited(input: &[u8], kb: u64, limit: Duration) -> Result<Outcome, String> {
    let script = format!("ulimit -v {kb}; exec \"$0\" eval");
    let mut child = Command::new("sh")
        .args(["-c", &script, BIN])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    // Writing and reading from threads: a refusal may close stdin early, and an answer larger
    // than the pipe's buffer must be drained while the child runs, or both sides wait forever.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout is piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr is piped")));
    let start = Instant::now();
    // The watchdog: poll the child until it exits or the time is up.
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited on") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no answer after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = writer.join();
    Ok(Outcome {
        code: status.code(),
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
    })
}

/// A small deterministic generator (SplitMix64), so that a failure names a reproducible seed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One valid request of each op.
fn seeds() -> Vec<Value> {
    let mixer = std::fs::read_to_string(format!(
        "{}/tests/golden/mamba_block.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the mamba_block golden file");
    let mixer: Value = serde_json::from_str(&mixer).expect("golden JSON");
    let case = &mixer["cases"][0];
    vec![
        json!({"op": "expm", "M": [[0.0, 1.0], [-2.0, -3.0]]}),
        json!({"op": "discretize", "A": [[-1.0]], "B": [[1.0]], "delta": 0.1, "method": "zoh"}),
        json!({"op": "kernel", "A": [[-1.0, 0.5], [0.0, -2.0]], "B": [[1.0], [1.0]],
               "C": [[1.0, -1.0]], "delta": 0.1, "method": "bilinear", "length": 8}),
        json!({"op": "simulate", "A": [[-1.0]], "B": [[1.0]], "C": [[1.0]], "D": 0.5,
               "delta": 0.1, "method": "zoh", "x": [1.0, 0.0, -1.0], "mode": "fft"}),
        json!({"op": "hippo", "kind": "legs", "n": 4}),
        json!({"op": "selective_scan", "u": [[1.0, 2.0]], "delta": [[0.1, 0.2]],
               "A": [[-1.0, -2.0]], "B": [[1.0, 0.5], [0.0, 1.0]], "C": [[1.0, 1.0], [0.5, 0.5]],
               "D": [1.0], "z": [[0.3, -0.3]], "delta_bias": [0.1], "delta_softplus": true,
               "algorithm": "blelloch"}),
        json!({"op": "scan", "kind": "hillis_steele", "combine": "ssm",
               "values": [[0.5, 1.0], [2.0, -1.0]]}),
        json!({"op": "mamba_block", "weights": case["weights"], "x": case["x"]}),
    ]
}

/// Replacement values: wrong types, extreme numbers, ragged and huge shapes, deep nesting.
fn odd_value(g: &mut Gen) -> Value {
    let deep = (0..g.below(300)).fold(json!(1), |v, _| json!([v]));
    let choices = [
        json!(null),
        json!(true),
        json!("zoh"),
        json!(-1),
        json!(0),
        json!(2.5),
        json!(1e308),
        json!(-1e308),
        json!(5e-324),
        json!(4097),
        json!(100_000_000u64),
        json!(1e15),
        json!(u64::MAX),
        json!([]),
        json!([[]]),
        json!([[1.0], [1.0, 2.0]]),
        json!([[1e308, -1e308], [1e308, 1e308]]),
        json!(vec![vec![-1.0; 3]; 3]),
        json!({"a": 1}),
        deep,
        json!(vec![1.0; 70_000]),
        json!(vec![vec![0.5; 2]; 2000]),
    ];
    g.pick(&choices).clone()
}

/// A mutation of `seed`: keys replaced, removed, added or duplicated, or the text itself cut.
fn mutate(g: &mut Gen, seed: &Value) -> Vec<u8> {
    let mut request = seed.clone();
    let object = request.as_object_mut().expect("seeds are objects");
    let keys: Vec<String> = object.keys().cloned().collect();
    for _ in 0..=g.below(3) {
        let key = g.pick(&keys).clone();
        match g.below(6) {
            0 => {
                object.remove(&key);
            }
            1 => {
                object.insert("extra".into(), odd_value(g));
            }
            2 => {
                // A matrix or vector with one entry replaced.
                if let Some(Value::Array(rows)) = object.get_mut(&key)
                    && !rows.is_empty()
                {
                    let i = g.below(rows.len());
                    rows[i] = odd_value(g);
                }
            }
            _ => {
                object.insert(key, odd_value(g));
            }
        }
    }
    let mut text = request.to_string().into_bytes();
    match g.below(12) {
        // A key given twice, a BOM, a cut text, stray bytes.
        0 => {
            let at = text.len() - 1;
            text.splice(at..at, br#","op":"expm""#.iter().copied());
        }
        1 => text.splice(0..0, "\u{feff}".bytes()).for_each(drop),
        2 => text.truncate(g.below(text.len())),
        3 => {
            let at = g.below(text.len());
            text[at] = *g.pick(&[b'\0', b'{', b']', 0xff, b'"']);
        }
        _ => {}
    }
    text
}

/// Asserts the contract for one input; returns the exit code.
fn check(input: &[u8], what: &str) -> i32 {
    let outcome = eval_limited(input, 4_000_000, Duration::from_secs(20))
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let code = outcome.code.unwrap_or_else(|| panic!("{what}: killed by a signal"));
    assert!(code == 0 || code == 2, "{what}: exit {code}: {}", outcome.stdout);
    let body: Value = serde_json::from_str(&outcome.stdout)
        .unwrap_or_else(|e| panic!("{what}: stdout is not JSON ({e}): {:?}", outcome.stdout));
    assert!(body.is_object(), "{what}: {body}");
    if code == 2 {
        assert!(body["error"].is_string(), "{what}: {body}");
    }
    assert!(outcome.stderr.is_empty(), "{what}: stderr {:?}", outcome.stderr);
    code
}

#[test]
fn mutated_requests_answer_json_with_exit_0_or_2() {
    let cases: usize =
        std::env::var("MX_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(150);
    let seed: u64 = std::env::var("MX_FUZZ_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(16);
    let seeds = seeds();
    let mut g = Gen(seed);
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..cases {
        let request = g.pick(&seeds).clone();
        let input = mutate(&mut g, &request);
        let head: String = String::from_utf8_lossy(&input).chars().take(200).collect();
        let what =
            format!("case {case} (MX_FUZZ_SEED={seed}, op {}, request {head}…)", request["op"]);
        match check(&input, &what) {
            0 => accepted += 1,
            _ => refused += 1,
        }
    }
    eprintln!("fuzz: {cases} cases, {accepted} answered, {refused} refused");
    // Each seed itself is answered: the mutations, not the seeds, are what is refused.
    for request in &seeds {
        assert_eq!(check(request.to_string().as_bytes(), &request["op"].to_string()), 0);
    }
}

#[test]
fn oversized_requests_are_refused_by_the_budget() {
    for (request, needle) in [
        (
            json!({"op":"kernel","A":[[-1]],"B":[[1]],"C":[[1]],"delta":0.1,"method":"zoh",
                   "length":100_000_000u64}),
            "limit",
        ),
        (json!({"op": "expm", "M": vec![vec![0.5; 2000]; 2000]}), "limit"),
        (json!({"op": "hippo", "kind": "legs", "n": 1500}), "limit"),
    ] {
        let input = request.to_string();
        let outcome = eval_limited(input.as_bytes(), 4_000_000, Duration::from_secs(20)).unwrap();
        assert_eq!(outcome.code, Some(2), "{}", outcome.stdout);
        let body: Value = serde_json::from_str(&outcome.stdout).unwrap();
        assert!(body["error"].as_str().unwrap().contains(needle), "{body}");
    }
}

#[test]
fn running_out_of_memory_answers_json_not_an_abort() {
    // Within the budget (2·10⁶ numbers), but not within 40 MB of address space: the worker
    // aborts on an allocation failure, the supervisor answers.
    let request = json!({"op": "hippo", "kind": "legs", "n": 1000});
    let outcome =
        eval_limited(request.to_string().as_bytes(), 40_000, Duration::from_secs(20)).unwrap();
    assert_eq!(outcome.code, Some(2), "{} {}", outcome.stdout, outcome.stderr);
    let body: Value = serde_json::from_str(&outcome.stdout).expect("JSON on stdout");
    assert!(body["error"].as_str().unwrap().contains("memory"), "{body}");
    assert!(outcome.stderr.is_empty(), "{}", outcome.stderr);
}

#[test]
fn a_bom_is_accepted_and_duplicate_keys_are_named() {
    let mut input = "\u{feff}".as_bytes().to_vec();
    input.extend_from_slice(br#"{"op": "hippo", "kind": "legs", "n": 2}"#);
    assert_eq!(check(&input, "BOM"), 0);
    let input = br#"{"op": "hippo", "op": "expm", "M": [[1]]}"#;
    let outcome = eval_limited(input, 4_000_000, Duration::from_secs(20)).unwrap();
    assert_eq!(outcome.code, Some(2));
    assert!(outcome.stdout.contains("\\\"op\\\" is given twice"), "{}", outcome.stdout);
}
