//! Golden values from scipy (tests/golden/gen_lti.py) run through the built `eval` binary:
//! every case's request must answer with exactly the expected keys, each value within
//! |ours − scipy| ≤ 1e-9 |scipy| + 1e-12 max|scipy| entry by entry.

mod lti_support;

use lti_support::eval;
use serde_json::Value;

const RTOL: f64 = 1e-9;
/// The absolute floor, relative to the largest entry of the expected value: entries that are
/// 1e-12 of the largest one are at the level of the rounding of their larger neighbours.
const FLOOR: f64 = 1e-12;

/// Flattens a number, a vector or a matrix into its numbers in row-major order, with the shape.
fn numbers(v: &Value) -> (Vec<usize>, Vec<f64>) {
    match v {
        Value::Number(n) => (vec![], vec![n.as_f64().expect("a finite number")]),
        Value::Array(items) => {
            let parts: Vec<_> = items.iter().map(numbers).collect();
            let inner = parts.first().map(|p| p.0.clone()).unwrap_or_default();
            assert!(parts.iter().all(|p| p.0 == inner), "ragged array");
            let mut shape = vec![items.len()];
            shape.extend(inner);
            (shape, parts.into_iter().flat_map(|p| p.1).collect())
        }
        other => panic!("not numeric: {other}"),
    }
}

/// Compares one case; returns the largest error relative to the largest expected entry.
fn check(case: &Value) -> f64 {
    let name = case["name"].as_str().expect("a name");
    let answer = eval(&case["request"]);
    assert_eq!(answer.code, 0, "{name}: {}", answer.body);
    let (got, expect) = (answer.body.as_object().unwrap(), case["expect"].as_object().unwrap());
    let mut got_keys: Vec<_> = got.keys().collect();
    let mut expect_keys: Vec<_> = expect.keys().collect();
    got_keys.sort();
    expect_keys.sort();
    assert_eq!(got_keys, expect_keys, "{name}: response keys");
    let mut worst = 0.0f64;
    for (key, want) in expect {
        let (want_shape, want) = numbers(want);
        let (got_shape, got) = numbers(&got[key]);
        assert_eq!(got_shape, want_shape, "{name}: shape of {key}");
        let scale = want.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            let error = (g - w).abs();
            assert!(
                error <= RTOL * w.abs() + FLOOR * scale,
                "{name}: {key} entry {i}: got {g:e}, scipy {w:e}, error {error:e}"
            );
            if scale > 0.0 {
                worst = worst.max(error / scale);
            }
        }
    }
    worst
}

fn check_file(text: &str) {
    let document: Value = serde_json::from_str(text).expect("golden JSON");
    let cases = document["cases"].as_array().expect("a list of cases");
    assert!(!cases.is_empty());
    let worst = cases.iter().map(check).fold(0.0, f64::max);
    eprintln!("{} cases, max |ours − scipy| / max|scipy| = {worst:.2e}", cases.len());
}

#[test]
fn expm_matches_scipy() {
    check_file(include_str!("golden/lti_expm.json"));
}

/// Against the 50-digit exponentials of mpmath, rounded to f64: the error, relative to the
/// largest entry, stays within a few hundred units of roundoff (the cases include stiff and
/// strongly non-normal matrices, whose exponentials are less well conditioned).
#[test]
fn expm_is_accurate_to_about_1e_14() {
    let document: Value = serde_json::from_str(include_str!("golden/lti_expm.json")).unwrap();
    let mut worst = (0.0f64, "");
    for case in document["cases"].as_array().unwrap() {
        let answer = eval(&case["request"]);
        let (_, got) = numbers(&answer.body["expm"]);
        let (_, exact) = numbers(&case["exact"]);
        let scale = exact.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let error = got.iter().zip(&exact).fold(0.0f64, |m, (g, e)| m.max((g - e).abs())) / scale;
        if error > worst.0 {
            worst = (error, case["name"].as_str().unwrap());
        }
    }
    eprintln!("max |ours − exact| / max|exact| = {:.2e} ({})", worst.0, worst.1);
    assert!(worst.0 < 1e-13, "{worst:?}");
}

#[test]
fn discretize_matches_scipy_cont2discrete() {
    check_file(include_str!("golden/lti_discretize.json"));
}

#[test]
fn kernel_matches_scipy_dlsim_impulse() {
    check_file(include_str!("golden/lti_kernel.json"));
}

#[test]
fn simulate_matches_scipy_dlsim_in_every_mode() {
    check_file(include_str!("golden/lti_simulate.json"));
}

#[test]
fn hippo_matches_the_s4_formulas() {
    check_file(include_str!("golden/lti_hippo.json"));
}
