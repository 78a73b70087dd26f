//! The [`Monoid`] trait: an associative combine with an identity, and its two instances, running
//! sums ([`Sum`]) and the steps of a linear recurrence ([`SsmPair`]).

use serde::Serialize;

/// An associative operation with an identity: `combine` must satisfy
/// (a∘b)∘c = a∘(b∘c) and e∘a = a∘e = a. It need not be commutative.
pub trait Monoid: Clone {
    /// The identity element e.
    fn identity() -> Self;
    /// `self ∘ rhs`, with `self` the earlier operand.
    fn combine(&self, rhs: &Self) -> Self;
}

/// Real numbers under addition: the scan is the running sum (identity 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Sum(pub f64);

impl Monoid for Sum {
    fn identity() -> Self {
        Sum(0.0)
    }

    fn combine(&self, rhs: &Self) -> Self {
        Sum(self.0 + rhs.0)
    }
}

/// One step h ← a·h + b of a scalar linear recurrence; serialized as `[a, b]`.
///
/// Composition: (a₁,b₁)∘(a₂,b₂) = (a₁a₂, a₂b₁ + b₂), identity (1, 0). Scanning the pairs
/// (Ā_t, B̄_t·x_t) gives in the second component the state h_t started from h₋₁ = 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(into = "[f64; 2]")]
pub struct SsmPair {
    /// The multiplier Ā_t of the previous state.
    pub a: f64,
    /// The additive input term B̄_t·x_t.
    pub b: f64,
}

impl From<SsmPair> for [f64; 2] {
    fn from(p: SsmPair) -> [f64; 2] {
        [p.a, p.b]
    }
}

impl Monoid for SsmPair {
    fn identity() -> Self {
        SsmPair { a: 1.0, b: 0.0 }
    }

    // Applying h ↦ a₁h + b₁ and then h ↦ a₂h + b₂ gives h ↦ a₂a₁h + (a₂b₁ + b₂).
    fn combine(&self, rhs: &Self) -> Self {
        SsmPair { a: self.a * rhs.a, b: rhs.a * self.b + rhs.b }
    }
}
