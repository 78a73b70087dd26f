//! The lesson on the two views of one LTI system: the recurrence taken apart step by step, the
//! terms the convolution adds up at one step, the three outputs side by side with how far they
//! differ, and what each view costs for a whole sequence and for one more token.

use crate::ssm::lti::{
    OpCount, direct_convolution_cost, fft_convolution_cost, kernel_cost, recurrence_cost,
    require_siso, sum_depth,
};
use crate::ssm::validate::{elements, finite_slice, length, no_overflow, work};
use crate::ssm::{Discretized, Result, SsmError, View, kernel, simulate};
use nalgebra::DVector;

/// One step of the recurrence, split into what the state carries over and what the input adds.
#[derive(Debug, Clone, PartialEq)]
pub struct RecurrenceStep {
    /// Abar h_{k−1}: the previous state carried through one step (zero at k = 0).
    pub carried: DVector<f64>,
    /// Bbar x_k: what the token adds.
    pub added: DVector<f64>,
    /// h_k = carried + added.
    pub state: DVector<f64>,
    /// y_k = C h_k + D x_k.
    pub output: f64,
}

/// Runs the SISO recurrence over `x`, keeping each step's two parts.
///
/// Eqn: h_{−1} = 0, h_k = Abar h_{k−1} + Bbar x_k, y_k = C h_k + D x_k.
/// Errors: not SISO, x empty, non-finite or too long for the limits, or states that overflow.
pub fn recurrence_steps(sys: &Discretized, x: &[f64]) -> Result<Vec<RecurrenceStep>> {
    require_siso(sys, "the recurrence's steps")?;
    length("the input x", x.len())?;
    finite_slice("x", x)?;
    let n = sys.state_size();
    elements("the recurrence's steps", &[3, n, x.len()])?;
    work("the recurrence", recurrence_cost(n, 1, 1, x.len()).multiplies)?;
    let (c, d) = (sys.c().row(0).transpose(), sys.d()[(0, 0)]);
    let b_bar = sys.b_bar().column(0).into_owned();
    let mut h = DVector::zeros(n);
    let mut steps = Vec::with_capacity(x.len());
    for &x_k in x {
        // Eqn: h_k = Abar h_{k−1} + Bbar x_k.
        let carried = sys.a_bar() * &h;
        let added = &b_bar * x_k;
        h = &carried + &added;
        no_overflow("the state (Abar is unstable and the input is long)", h.as_slice())?;
        // Eqn: y_k = C h_k + D x_k.
        let output = c.dot(&h) + d * x_k;
        steps.push(RecurrenceStep { carried, added, state: h.clone(), output });
    }
    Ok(steps)
}

/// The terms K_{k−i} x_i, i = 0 … k, whose sum is the convolution's y_k (without D x_k): the
/// kernel flipped and slid so that K_0 sits under x_k.
///
/// Errors: an empty or non-finite kernel or x, or k beyond the end of x.
pub fn convolution_terms(kernel: &[f64], x: &[f64], k: usize) -> Result<Vec<f64>> {
    length("the kernel", kernel.len())?;
    length("the input x", x.len())?;
    finite_slice("the kernel", kernel)?;
    finite_slice("x", x)?;
    if k >= x.len() {
        return Err(SsmError::Domain(format!(
            "the step k = {k} is beyond the input's {} steps",
            x.len()
        )));
    }
    // Eqn: y_k = Σ_{i=0}^{k} K_{k−i} x_i (kernel entries beyond its length count as 0).
    Ok((0..=k).map(|i| kernel.get(k - i).map_or(0.0, |kk| kk * x[i])).collect())
}

/// One system's output computed the three ways, and how far they differ.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreeViews {
    /// The kernel K_0 … K_{L−1}.
    pub kernel: Vec<f64>,
    /// y by the recurrence.
    pub recurrent: Vec<f64>,
    /// y by the direct convolution with K.
    pub convolution: Vec<f64>,
    /// y by the FFT convolution with K.
    pub fft: Vec<f64>,
    /// max_k |y_conv − y_rec|.
    pub convolution_difference: f64,
    /// max_k |y_fft − y_rec|.
    pub fft_difference: f64,
    /// max_k |y_rec|, the size the differences are rounding errors of.
    pub scale: f64,
}

/// Computes the output of a SISO system for `x` by each [`View`] (through [`simulate`]) and
/// the largest differences from the recurrence: rounding only, about 1e-16 times the size of y.
/// Errors: as [`simulate`].
pub fn three_views(sys: &Discretized, x: &[f64]) -> Result<ThreeViews> {
    let recurrent = simulate(sys, x, View::Recurrent)?;
    let convolution = simulate(sys, x, View::Convolution)?;
    let fft = simulate(sys, x, View::Fft)?;
    let difference =
        |ys: &[f64]| ys.iter().zip(&recurrent).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    Ok(ThreeViews {
        kernel: kernel(sys, x.len())?,
        convolution_difference: difference(&convolution),
        fft_difference: difference(&fft),
        scale: recurrent.iter().fold(0.0, |m: f64, y| m.max(y.abs())),
        recurrent,
        convolution,
        fft,
    })
}

/// What one view costs a SISO system with N states on L tokens, split the way training and
/// generation see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewCost {
    /// The kernel K_0 … K_{L−1}: it depends only on Abar, Bbar and C, so it is computed once
    /// and shared by every sequence of a batch (nothing for the recurrence).
    pub kernel: OpCount,
    /// All L outputs of one sequence, given the kernel.
    pub sequence: OpCount,
    /// One more output, y_L, when the tokens come one at a time (generation), given everything
    /// computed so far (the state, or the past inputs and the kernel).
    pub next_token: OpCount,
}

impl ViewCost {
    /// Kernel and sequence together: the view's whole cost for one sequence, as [`View::cost`].
    pub fn total(&self) -> OpCount {
        self.kernel + self.sequence
    }
}

/// The costs of `view` for N = `n` states and L = `len` tokens, by the model of `cost`.
///
/// The recurrence costs the same for every new token and keeps only h; the direct convolution
/// needs L + 1 products for y_L (one per past input); the FFT has to be redone for L + 1 tokens.
pub fn view_cost(view: View, n: usize, len: usize) -> ViewCost {
    let feedthrough =
        |l: usize| OpCount { multiplies: l as u64, adds: l as u64, sequential_steps: 1 };
    match view {
        View::Recurrent => ViewCost {
            kernel: OpCount::default(),
            sequence: recurrence_cost(n, 1, 1, len),
            next_token: recurrence_cost(n, 1, 1, 1),
        },
        View::Convolution => {
            let next = len as u64 + 1;
            ViewCost {
                kernel: kernel_cost(n, len),
                sequence: direct_convolution_cost(len) + feedthrough(len),
                // Eqn: y_L = Σ_{j=0}^{L} K_j x_{L−j} + D x_L, with K_L one more step of the kernel.
                next_token: OpCount {
                    multiplies: next,
                    adds: next - 1,
                    sequential_steps: 1 + sum_depth(len + 1),
                } + feedthrough(1)
                    + kernel_extension(n, len),
            }
        }
        View::Fft => ViewCost {
            kernel: kernel_cost(n, len),
            sequence: fft_convolution_cost(len) + feedthrough(len),
            next_token: fft_convolution_cost(len + 1)
                + feedthrough(len + 1)
                + kernel_extension(n, len),
        },
    }
}

/// The cost of K_L given K_0 … K_{L−1}: the kernel's cost model at L + 1 minus at L.
fn kernel_extension(n: usize, len: usize) -> OpCount {
    let (longer, now) = (kernel_cost(n, len + 1), kernel_cost(n, len));
    OpCount {
        multiplies: longer.multiplies - now.multiplies,
        adds: longer.adds - now.adds,
        sequential_steps: longer.sequential_steps - now.sequential_steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssm::{Continuous, Method, Step, discretize};
    use nalgebra::DMatrix;

    fn system() -> Discretized {
        let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -4.0, -0.8]);
        let sys = Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.5], 0.25).unwrap();
        discretize(&sys, Step::new(0.4).unwrap(), Method::Zoh).unwrap()
    }

    const X: [f64; 7] = [1.0, -0.5, 0.25, 0.0, 0.8, -1.0, 0.3];

    #[test]
    fn the_steps_add_up_to_the_recurrence() {
        let sys = system();
        let steps = recurrence_steps(&sys, &X).unwrap();
        let y = simulate(&sys, &X, View::Recurrent).unwrap();
        assert_eq!(steps.len(), X.len());
        assert_eq!(steps[0].carried, DVector::zeros(2));
        for (k, s) in steps.iter().enumerate() {
            assert!((s.output - y[k]).abs() < 1e-15);
            assert!((&s.carried + &s.added - &s.state).amax() < 1e-15);
            if k > 0 {
                assert!((sys.a_bar() * &steps[k - 1].state - &s.carried).amax() < 1e-15);
            }
        }
    }

    #[test]
    fn the_terms_at_step_k_sum_to_the_convolution() {
        let sys = system();
        let views = three_views(&sys, &X).unwrap();
        let d = sys.d()[(0, 0)];
        for k in 0..X.len() {
            let terms = convolution_terms(&views.kernel, &X, k).unwrap();
            assert_eq!(terms.len(), k + 1);
            assert_eq!(terms[k], views.kernel[0] * X[k]);
            let sum: f64 = terms.iter().sum();
            assert!((sum + d * X[k] - views.convolution[k]).abs() < 1e-14);
        }
        assert!(convolution_terms(&views.kernel, &X, X.len()).is_err());
        // A short kernel: missing entries count as zero.
        assert_eq!(convolution_terms(&[2.0], &[1.0, 3.0], 1).unwrap(), vec![0.0, 6.0]);
    }

    #[test]
    fn the_three_views_agree_to_rounding() {
        let views = three_views(&system(), &X).unwrap();
        assert!(views.convolution_difference < 1e-14, "{:e}", views.convolution_difference);
        assert!(views.fft_difference < 1e-14, "{:e}", views.fft_difference);
        assert!(
            views.scale > 0.1
                && views.scale == views.recurrent.iter().fold(0.0, |m: f64, y| m.max(y.abs()))
        );
        // An impulse's output is the kernel (plus D at step 0).
        let mut impulse = [0.0; 7];
        impulse[0] = 1.0;
        let y = three_views(&system(), &impulse).unwrap();
        assert!((y.recurrent[3] - y.kernel[3]).abs() < 1e-15);
    }

    #[test]
    fn costs_split_as_training_and_generation_see_them() {
        for view in View::ALL {
            for len in [1, 7, 64, 1000] {
                assert_eq!(view_cost(view, 4, len).total(), view.cost(4, len), "{view} {len}");
            }
        }
        let rec = view_cost(View::Recurrent, 4, 1000);
        let conv = view_cost(View::Convolution, 4, 1000);
        let fft = view_cost(View::Fft, 4, 1000);
        // Training: given the kernel, the convolution has no chain of L steps: one step of
        // products, a tree of ⌈log₂ 1000⌉ = 10 adds, and the feedthrough.
        assert_eq!(rec.sequence.sequential_steps, 1000);
        assert_eq!(conv.sequence.sequential_steps, 12);
        assert!(fft.sequence.sequential_steps < 40);
        // Generation: the recurrence's next token costs the same at any length; the others grow.
        assert_eq!(view_cost(View::Recurrent, 4, 10).next_token, rec.next_token);
        assert!(conv.next_token.multiplies > 1000 && conv.next_token.multiplies < 1100);
        assert!(fft.next_token.multiplies > 10 * rec.next_token.multiplies);
        assert!(rec.next_token.multiplies < 30);
        assert_eq!(rec.sequence.operations(), rec.sequence.multiplies + rec.sequence.adds);
    }
}
