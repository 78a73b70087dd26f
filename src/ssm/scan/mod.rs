//! Scans as an algebra: the [`Monoid`] trait, its instances for sums and for SSM pairs, and three
//! prefix-scan algorithms — sequential, Hillis–Steele and Blelloch — that record their steps.
//!
//! ## Conventions
//!
//! For values x₀ … x_{n−1} and an associative operator ∘ with identity e:
//! - the **inclusive** scan is out\[i\] = x₀ ∘ x₁ ∘ … ∘ xᵢ (sequential and Hillis–Steele);
//! - the **exclusive** scan is out\[0\] = e, out\[i\] = x₀ ∘ … ∘ x_{i−1} (Blelloch).
//!
//! Operands keep their order: `a.combine(&b)` is a ∘ b with `a` the *earlier* element. For the
//! SSM pair, (a₁,b₁)∘(a₂,b₂) = (a₁a₂, a₂b₁ + b₂) means "run step 1, then step 2" on the linear
//! recurrence h ← a·h + b, which is associative but not commutative.
//!
//! ## Steps and costs
//!
//! A parallel scan proceeds in *steps*; in one step every listed pair is combined at once. Each
//! [`ScanStep`] records its [`Phase`], its level, the index pairs `(l, r)` it combined and the
//! whole array after the step:
//!
//! - Hillis–Steele, level k = 0, 1, …, ⌈log₂ n⌉−1 (phase `sweep`): offset s = 2ᵏ, pairs
//!   (r−s, r) for r = s … n−1, and x\[r\] ← x\[r−s\] ∘ x\[r\] using the values before the step.
//!   No padding; ⌈log₂ n⌉ steps and Σₖ (n − 2ᵏ) combines.
//! - Blelloch on the input padded with the identity to p = 2^m ≥ n:
//!   - up-sweep, level k = 0 … m−1: pairs (r − 2ᵏ, r) for r = 2ᵏ⁺¹−1, 2·2ᵏ⁺¹−1, … < p, and
//!     x\[r\] ← x\[l\] ∘ x\[r\] (the right node becomes the reduction of its subtree);
//!   - clear, level m: the root x\[p−1\] ← e (no pairs, no combine);
//!   - down-sweep, level k = m−1 … 0: the same pairs as the up-sweep at level k, and
//!     (x\[l\], x\[r\]) ← (x\[r\], x\[r\] ∘ x\[l\]): the left child inherits the prefix before
//!     the subtree, the right child appends the left subtree's reduction *after* it.
//!
//!   So a trace has 2m + 1 steps (m up, 1 clear, m down) and each sweep does p − 1 combines.
//!
//! [`ScanCost`] counts work (combines) and depth (steps that combine; the clear step is a single
//! write and is not counted). The trace's steps and the formulas in [`cost`] are tested equal.
//!
//! | file | contents |
//! |---|---|
//! | `monoid` | [`Monoid`] and its instances [`Sum`] and [`SsmPair`] |
//! | `algorithms` | [`ScanAlgorithm`], the three scans, [`inclusive_scan`], [`cost`] |
//! | `traces` | [`ScanTrace`]: Hillis–Steele and Blelloch with every [`ScanStep`] recorded |

mod algorithms;
mod monoid;
mod traces;

pub use algorithms::{
    Phase, ScanAlgorithm, ScanCost, cost, inclusive_scan, scan_blelloch, scan_hillis_steele,
    scan_sequential,
};
pub use monoid::{Monoid, SsmPair, Sum};
pub use traces::{MAX_TRACE_LEN, ScanStep, ScanTrace, trace_blelloch, trace_hillis_steele};
