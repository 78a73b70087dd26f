//! Operation counts of the two views, for cost counters and for refusing requests
//! that would run for hours. The model: a dot product of length n costs n multiplies and n − 1
//! adds; an FFT of size P costs (P/2) log₂P radix-2 butterflies of 4 multiplies and 6 adds.

use std::ops::Add;

/// How much arithmetic a computation takes, and how much of it must happen in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpCount {
    /// Real multiplications.
    pub multiplies: u64,
    /// Real additions.
    pub adds: u64,
    /// Stages that must run one after another, each needing the previous one's result, if
    /// everything independent ran at once: L for the recurrence, 1 for a direct convolution.
    pub sequential_steps: u64,
}

impl Add for OpCount {
    type Output = OpCount;

    /// Two computations run one after the other.
    fn add(self, rhs: OpCount) -> OpCount {
        OpCount {
            multiplies: self.multiplies.saturating_add(rhs.multiplies),
            adds: self.adds.saturating_add(rhs.adds),
            sequential_steps: self.sequential_steps.saturating_add(rhs.sequential_steps),
        }
    }
}

impl OpCount {
    /// Multiplies and adds together: the arithmetic operations counted.
    pub fn operations(self) -> u64 {
        self.multiplies.saturating_add(self.adds)
    }

    /// The same computation repeated `times` times, one after another.
    fn times(self, times: u64) -> OpCount {
        OpCount {
            multiplies: self.multiplies.saturating_mul(times),
            adds: self.adds.saturating_mul(times),
            sequential_steps: self.sequential_steps.saturating_mul(times),
        }
    }

    /// A (rows×cols) matrix times a vector, as one parallel stage.
    fn mat_vec(rows: usize, cols: usize) -> OpCount {
        let (r, c) = (rows as u64, cols as u64);
        OpCount {
            multiplies: r.saturating_mul(c),
            adds: r.saturating_mul(c.saturating_sub(1)),
            sequential_steps: 0,
        }
    }
}

/// The recurrence over L steps with N states, M inputs and P outputs.
///
/// Eqn: per step, Abar h (N×N), Bbar x (N×M), their sum (N adds), C h (P×N), D x (P×M) and
/// the sum of those (P adds); each step waits for the previous state.
pub fn recurrence_cost(n: usize, m: usize, p: usize, len: usize) -> OpCount {
    let sums = OpCount { adds: (n + p) as u64, sequential_steps: 1, ..OpCount::default() };
    let step = OpCount::mat_vec(n, n)
        + OpCount::mat_vec(n, m)
        + OpCount::mat_vec(p, n)
        + OpCount::mat_vec(p, m)
        + sums;
    step.times(len as u64)
}

/// The SISO kernel K_0 … K_{L−1} with N states: L − 1 products v ← Abar v, one after another,
/// and L dot products C v.
pub fn kernel_cost(n: usize, len: usize) -> OpCount {
    let power = OpCount { sequential_steps: 1, ..OpCount::mat_vec(n, n) };
    power.times(len.saturating_sub(1) as u64) + OpCount::mat_vec(len, n)
}

/// The direct causal convolution of a length-L kernel with a length-L input.
///
/// Eqn: y_k = Σ_{j≤k} K_j x_{k−j} takes k + 1 multiplies and k adds. Every y_k is independent:
/// with enough hands all products take one step, and each sum a tree of ⌈log₂ L⌉ adds.
pub fn direct_convolution_cost(len: usize) -> OpCount {
    let l = len as u64;
    OpCount {
        multiplies: l.saturating_mul(l.saturating_add(1)) / 2,
        adds: l.saturating_mul(l.saturating_sub(1)) / 2,
        sequential_steps: 1 + sum_depth(len),
    }
}

/// The steps of a tree that adds `terms` numbers, two at a time: ⌈log₂ terms⌉.
pub(crate) fn sum_depth(terms: usize) -> u64 {
    u64::from(terms.max(1).next_power_of_two().ilog2())
}

/// The causal convolution by FFT, zero-padded to P = [`fft_len`]\(L) points.
///
/// Eqn: y = IFFT(FFT(K) · FFT(x)) / P: three FFTs (the two forward ones side by side), P complex
/// products and L scalings. Each FFT is log₂P stages of P/2 butterflies.
pub fn fft_convolution_cost(len: usize) -> OpCount {
    let p = fft_len(len) as u64;
    let stages = u64::from(p.max(2).ilog2());
    let butterflies = (p / 2).saturating_mul(stages);
    let fft = OpCount {
        multiplies: butterflies.saturating_mul(4),
        adds: butterflies.saturating_mul(6),
        sequential_steps: stages,
    };
    let product =
        OpCount { multiplies: p.saturating_mul(4), adds: p.saturating_mul(2), sequential_steps: 1 };
    let scale = OpCount { multiplies: len as u64, sequential_steps: 1, ..OpCount::default() };
    // The forward transforms of K and x run side by side: their work adds, their depth does not.
    let forward = OpCount { sequential_steps: stages, ..fft.times(2) };
    forward + product + fft + scale
}

/// The FFT size for a causal convolution of length L: the smallest power of two ≥ 2L − 1, so
/// that the circular convolution it computes has no wrap-around in the first L outputs.
/// (Saturates at `usize::MAX` for lengths far beyond the limits.)
pub fn fft_len(len: usize) -> usize {
    (len.max(1).saturating_mul(2) - 1).checked_next_power_of_two().unwrap_or(usize::MAX)
}
