//! The selective scan against golden values from PyTorch (tests/golden/gen_selective.py): every
//! option, both input rules, odd lengths, and every scan algorithm.

use mamba_explainer::ssm::{
    BRule, ScanAlgorithm, SelectiveScanInput, SsmError, selective_scan, trace_channel,
};
use nalgebra::{DMatrix, DVector};
use serde_json::Value;

fn golden() -> Value {
    let text = include_str!("golden/selective_scan.json");
    serde_json::from_str(text).expect("golden file parses")
}

fn matrix(v: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).expect("a matrix");
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

fn vector(v: &Value) -> DVector<f64> {
    let xs: Vec<f64> = serde_json::from_value(v.clone()).expect("a vector");
    DVector::from_vec(xs)
}

fn input(case: &Value) -> SelectiveScanInput {
    let r = &case["input"];
    SelectiveScanInput {
        u: matrix(&r["u"]),
        delta: matrix(&r["delta"]),
        a: matrix(&r["A"]),
        b: matrix(&r["B"]),
        c: matrix(&r["C"]),
        d: r.get("D").map(vector),
        z: r.get("z").map(matrix),
        delta_bias: r.get("delta_bias").map(vector),
        delta_softplus: r["delta_softplus"].as_bool().unwrap(),
    }
}

fn rule(case: &Value) -> BRule {
    match case["rule"].as_str().unwrap() {
        "euler" => BRule::Euler,
        "zoh" => BRule::Zoh,
        other => panic!("unknown rule {other}"),
    }
}

/// max |got − want| / max |want|: the error relative to the size of the result.
fn rel_err(got: &DMatrix<f64>, want: &DMatrix<f64>) -> f64 {
    assert_eq!(got.shape(), want.shape());
    let scale = want.amax().max(f64::MIN_POSITIVE);
    (got - want).amax() / scale
}

#[test]
fn every_case_every_algorithm_matches_torch() {
    let golden = golden();
    let cases = golden["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    let mut worst: f64 = 0.0;
    for case in cases {
        let input = input(case);
        let (y, last) = (matrix(&case["y"]), matrix(&case["last_state"]));
        for algorithm in ScanAlgorithm::ALL {
            let out = selective_scan(&input, rule(case), algorithm).unwrap();
            let err = rel_err(&out.y, &y).max(rel_err(&out.last_state, &last));
            assert!(err < 1e-12, "{} / {algorithm:?}: relative error {err:e}", case["name"]);
            worst = worst.max(err);
        }
    }
    eprintln!("worst relative error against torch float64: {worst:e}");
}

#[test]
fn the_rules_differ_where_delta_times_a_is_not_small() {
    let golden = golden();
    let case = golden["cases"].as_array().unwrap().iter().find(|c| c["name"] == "plain_odd");
    let input = input(case.unwrap());
    let euler = selective_scan(&input, BRule::Euler, ScanAlgorithm::Sequential).unwrap();
    let zoh = selective_scan(&input, BRule::Zoh, ScanAlgorithm::Sequential).unwrap();
    assert!(rel_err(&euler.y, &zoh.y) > 1e-3);
}

#[test]
fn a_channel_trace_retells_the_scan() {
    let golden = golden();
    for case in golden["cases"].as_array().unwrap() {
        let input = input(case);
        let out = selective_scan(&input, rule(case), ScanAlgorithm::Sequential).unwrap();
        let delta = input.effective_delta();
        for d in [0, input.u.nrows() - 1] {
            let trace = trace_channel(&input, rule(case), d).unwrap();
            assert_eq!(trace.steps.len(), input.u.ncols());
            for (t, step) in trace.steps.iter().enumerate() {
                assert_eq!(step.y, out.y[(d, t)], "{}: y[{d},{t}]", case["name"]);
                assert_eq!(step.delta, delta[(d, t)]);
                for n in 0..input.a.ncols() {
                    let abar = (step.delta * input.a[(d, n)]).exp();
                    assert!((step.abar[n] - abar).abs() <= 1e-15 * abar.max(1.0));
                }
            }
            let last = &trace.steps.last().unwrap().h;
            assert_eq!(last.as_slice(), out.last_state.row(d).iter().copied().collect::<Vec<_>>());
        }
    }
}

#[test]
fn bad_inputs_are_refused_with_the_operand_named() {
    let golden = golden();
    let good = input(&golden["cases"][1]);
    let run = |input: &SelectiveScanInput| {
        selective_scan(input, BRule::Euler, ScanAlgorithm::Sequential).unwrap_err()
    };
    let mut bad = good.clone();
    bad.b = DMatrix::zeros(bad.b.nrows() + 1, bad.b.ncols());
    assert!(matches!(run(&bad), SsmError::Shape(m) if m.contains('B')));
    let mut bad = good.clone();
    bad.delta_bias = Some(DVector::zeros(1));
    assert!(matches!(run(&bad), SsmError::Shape(m) if m.contains("delta_bias")));
    let mut bad = good.clone();
    bad.z = Some(DMatrix::zeros(1, 1));
    assert!(matches!(run(&bad), SsmError::Shape(m) if m.contains('z')));
    let mut bad = good.clone();
    bad.c[(0, 0)] = f64::NAN;
    assert!(matches!(run(&bad), SsmError::NonFinite(m) if m.contains('C')));
    let mut bad = good.clone();
    bad.u = DMatrix::zeros(3, 0);
    bad.delta = DMatrix::zeros(3, 0);
    assert!(matches!(run(&bad), SsmError::Domain(_)));
    // Positive A with a large Δ overflows exp(ΔA): reported, not returned as ∞.
    let mut bad = good.clone();
    bad.a.fill(50.0);
    bad.delta.fill(20.0);
    assert!(matches!(run(&bad), SsmError::Numerical(_)));
    assert!(trace_channel(&good, BRule::Euler, 99).is_err());
}

#[test]
fn wide_inputs_agree_across_chunks_threads_and_algorithms() {
    use mamba_explainer::ssm::{Rng, ScanDims};
    // D from one lane block to many chunks of several lane blocks, with a ragged last block.
    for (d, n, l) in [(100, 5, 37), (203, 3, 9), (1000, 2, 5)] {
        let mut input = SelectiveScanInput::random(ScanDims { d, n, l }, &mut Rng::new(d as u64));
        input.a = input.a.map(|a| a * 0.3);
        for rule in [BRule::Euler, BRule::Zoh] {
            let fast = selective_scan(&input, rule, ScanAlgorithm::Sequential).unwrap();
            let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
            let serial = one_thread
                .install(|| selective_scan(&input, rule, ScanAlgorithm::Sequential))
                .unwrap();
            assert_eq!(fast, serial, "D = {d}: threads change the result");
            for algorithm in [ScanAlgorithm::Blelloch, ScanAlgorithm::HillisSteele] {
                let other = selective_scan(&input, rule, algorithm).unwrap();
                let err =
                    rel_err(&other.y, &fast.y).max(rel_err(&other.last_state, &fast.last_state));
                assert!(err < 1e-12, "D = {d}, {rule:?}, {algorithm:?}: {err:e}");
            }
            for channel in [0, d / 2, d - 1] {
                let trace = trace_channel(&input, rule, channel).unwrap();
                for (t, step) in trace.steps.iter().enumerate() {
                    assert_eq!(step.y, fast.y[(channel, t)], "D = {d}, channel {channel}, t = {t}");
                }
            }
        }
    }
}
