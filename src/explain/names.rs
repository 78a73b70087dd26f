//! The names the address and the `eval` interface use, written out once more: deriving them
//! (strum) must not change a single one, or shared links would stop working.

use crate::explain::continuous::{Preset, SignalKind};
use crate::explain::examples::{Example, Tokens};
use crate::explain::hippo::{CurveKind, MemorySystem, Precision};
use crate::ssm::{HippoKind, Method, ScanAlgorithm, SsmError, View};
use std::str::FromStr;

/// Checks every name of `all` in order, the round trip through `FromStr`, and `Display`.
fn check<T>(all: &[T], want: &[&str])
where
    T: Copy + PartialEq + std::fmt::Debug + std::fmt::Display + Into<&'static str> + FromStr,
    <T as FromStr>::Err: std::fmt::Debug,
{
    let names: Vec<&str> = all.iter().map(|&x| x.into()).collect();
    assert_eq!(names, want);
    for (&x, name) in all.iter().zip(want) {
        assert_eq!(x.to_string(), *name);
        assert_eq!(name.parse::<T>().unwrap(), x);
    }
}

#[test]
fn names_in_the_address_are_unchanged() {
    check(&Method::ALL, &["zoh", "bilinear", "euler"]);
    check(&View::ALL, &["recurrent", "convolution", "fft"]);
    check(&HippoKind::ALL, &["legs", "legt", "s4d-lin", "s4d-real"]);
    check(&Preset::ALL, &["decay", "oscillator", "damped", "unstable", "double", "spring"]);
    check(&SignalKind::ALL, &["step", "impulse", "sine", "square", "tokens"]);
    check(&MemorySystem::ALL, &["legs-fixed", "s4d-real", "random"]);
    check(&Precision::ALL, &["f64", "f32", "bf16"]);
    check(&CurveKind::ALL, &["waves", "steps", "spikes", "chirp", "noise"]);
    let scans: Vec<&str> = ScanAlgorithm::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(scans, ["sequential", "blelloch", "hillis_steele"]);
    let examples: Vec<&str> = Example::ALL.iter().map(|e| e.name()).collect();
    assert_eq!(examples, ["damped", "decay", "oscillator", "integrator", "unstable"]);
    let tokens: Vec<&str> = Tokens::ALL.iter().map(|t| t.name()).collect();
    assert_eq!(tokens, ["mixed", "impulse", "step", "alternating"]);
}

#[test]
fn unknown_names_are_refused_with_the_known_ones() {
    assert_eq!(
        "rk4".parse::<Method>(),
        Err(SsmError::Domain(
            "unknown discretization method \"rk4\"; known: zoh, bilinear, euler".into()
        ))
    );
    assert_eq!(
        ScanAlgorithm::from_name("bitonic"),
        Err(SsmError::Domain(
            "unknown scan algorithm \"bitonic\"; known: sequential, blelloch, hillis_steele".into()
        ))
    );
    assert_eq!(Example::from_name("chaos"), None);
}
