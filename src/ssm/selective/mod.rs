//! The selective scan (S6) of Mamba as the official `selective_scan_ref` computes it (without the
//! batch dimension), the exact zero-order-hold input rule for comparison, and a step-by-step trace
//! of one channel.
//!
//! ## The computation
//!
//! Shapes are (rows, columns): u, Δ, z and y are (D, L); A is (D, N); B and C are (N, L); D and
//! delta_bias have D entries. For channel d, state index n and time t:
//!
//! 1. Δ_{d,t} = delta_{d,t} + delta_bias_d, then softplus(Δ) if `delta_softplus`
//!    (softplus(x) = ln(1 + eˣ), and x itself for x > 20, as `torch.nn.functional.softplus`).
//! 2. Ā_{d,n,t} = exp(Δ_{d,t}·A_{d,n}) — zero-order hold for A (Mamba paper, eqn 4).
//! 3. B̄_{d,n,t}·u_{d,t} = Δ_{d,t}·B_{n,t}·u_{d,t} — the official Euler rule ([`BRule::Euler`]);
//!    or the exact zero-order hold (exp(Δ·A) − 1)/A·B_{n,t}·u_{d,t} ([`BRule::Zoh`]), which
//!    tends to Δ·B·u as A → 0 (computed with expm1, so it stays accurate there).
//! 4. h_{d,n,t} = Ā_{d,n,t}·h_{d,n,t−1} + B̄_{d,n,t}·u_{d,t}, with h_{d,n,−1} = 0.
//! 5. y_{d,t} = Σₙ h_{d,n,t}·C_{n,t} + D_d·u_{d,t}; then y_{d,t}·SiLU(z_{d,t}) if z is given,
//!    with SiLU(z) = z·σ(z).
//!
//! The last state h_{·,·,L−1} is returned as a (D, N) matrix. The recurrence in step 4 is the scan
//! of the pairs (Ā_t, B̄_t·u_t) under [`SsmPair`](crate::ssm::SsmPair) composition; [`selective_scan`]
//! runs it sequentially (the fast path) or by Blelloch or Hillis–Steele (see `sweep`).
//!
//! | file | contents |
//! |---|---|
//! | `dims` | [`ScanDims`] D, N, L and their limits |
//! | `input` | [`SelectiveScanInput`], its checks, random inputs shaped like a Mamba layer's |
//! | `discretize` | steps 1–3: softplus, [`BRule`] and the coefficients (Ā, κ), [`silu`], [`sample_dt`] |
//! | `output` | [`SelectiveScanOutput`] and its overflow check |
//! | `sweep` | [`selective_scan`] and its CPU kernels (blocked SIMD-friendly sweep, scan-based paths) |
//! | `lanes` | a vectorizable `exp`/`expm1` and `ln_1p` for the kernels |
//! | `trace` | [`trace_channel`]: every step of one channel, as [`ChannelTrace`] |

mod dims;
mod discretize;
mod input;
mod lanes;
mod output;
mod sweep;
mod trace;

pub use dims::ScanDims;
pub use discretize::{BRule, inverse_softplus, sample_dt, silu, softplus};
pub(crate) use discretize::{Discretize, EulerB, ZohB};
pub use input::SelectiveScanInput;
pub use output::SelectiveScanOutput;
pub use sweep::selective_scan;
pub use trace::{ChannelStep, ChannelTrace, trace_channel};
