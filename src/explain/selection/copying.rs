//! Selective copying (Mamba paper §3.1) with two small diagonal SSMs whose weights are set by
//! hand, so that the reason one succeeds and the other fails can be read off the numbers.
//!
//! ## The models
//!
//! A [`SelectiveCopying`] example is `len` context tokens: noise (0) and `data` coloured tokens
//! (1…colors) at random places. Each colour has its own channel: u_{d,t} = 1 when token t has
//! colour d + 1, else 0 (noise writes nothing). Every channel has the same diagonal state of
//! size N with A_n = −(n + 1) and B_{n,t} = 1, and the step of token t is
//!
//! Δ_t = softplus(w · c_t + b),  c_t = Σ_d u_{d,t} (1 on a coloured token, 0 on noise),
//!
//! a projection of the token's embedding through softplus, as in Mamba (`dt_proj` and its bias).
//! [`StepRule::Fixed`] sets w = 0: every token gets the same Δ, the model is time-invariant (S4),
//! its weights depend on positions only. [`StepRule::Selective`] sets w and b by hand so that a
//! coloured token gets a chosen Δ and noise a tiny one: on noise Ā = exp(ΔA) ≈ 1 and B̄ ≈ 0, so the
//! state neither decays nor writes, and a coloured token's weight in the final state depends only
//! on how many coloured tokens follow it, not on where they are.
//!
//! ## The readout
//!
//! Both models are read the same way: for answer slot k, a fixed linear readout r_k (N numbers)
//! scores each colour d by r_k · h_d (h_d the final state of channel d) and the best score wins.
//! The readouts are the least-squares fit over `train` seeded examples (the best fixed linear
//! readout of each model's state); accuracy is measured on `test` other seeded examples.

use super::mixing::{final_state_weights, step_coefficients};
use crate::ssm::selective::{inverse_softplus, softplus};
use crate::ssm::tasks::{NOISE, SelectiveCopying, selective_copying};
use crate::ssm::{
    BRule, MAX_STATE, Result, Rng, ScanAlgorithm, SelectiveScanInput, SsmError, selective_scan,
};
use nalgebra::DMatrix;

/// Seed of the examples the readouts are fitted on.
pub const TRAIN_SEED: u64 = 0x5e1e_c7ed;
/// Seed of the examples the accuracy is measured on.
pub const TEST_SEED: u64 = 0x7e57_0001;

/// The size of the copying task and of the models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyingTask {
    /// Context tokens (noise and data) before the answers.
    pub len: usize,
    /// Coloured tokens to copy (answer slots).
    pub data: usize,
    /// Distinct colours, one channel each.
    pub colors: usize,
    /// State size N of each channel.
    pub state: usize,
    /// Examples the readout is fitted on.
    pub train: usize,
    /// Examples the accuracy is measured on.
    pub test: usize,
}

impl CopyingTask {
    fn check(&self) -> Result<()> {
        let ok = self.data >= 1
            && self.data <= self.len
            && self.colors >= 1
            && self.state >= 1
            && self.train >= 1
            && self.test >= 1;
        if !ok {
            return Err(SsmError::Domain(format!(
                "a copying task needs 1 ≤ data ≤ len and at least one colour, state, training and test example; got {self:?}"
            )));
        }
        if self.len > 4096 || self.colors > MAX_STATE || self.state > 64 {
            return Err(SsmError::TooLarge(format!(
                "a copying task of len {} with {} colours and state {}: at most 4096, {MAX_STATE}, 64",
                self.len, self.colors, self.state
            )));
        }
        Ok(())
    }
}

/// How each token's step Δ_t is chosen (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StepRule {
    /// The same Δ for every token: a time-invariant model.
    Fixed(f64),
    /// Δ = `colored` on a coloured token and `noise` on noise.
    Selective {
        /// Δ of a coloured token.
        colored: f64,
        /// Δ of a noise token.
        noise: f64,
    },
}

/// The hand-set projection Δ_t = softplus(weight · c_t + bias).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepProjection {
    /// w: how much being coloured raises the pre-activation.
    pub weight: f64,
    /// b: the pre-activation of a noise token.
    pub bias: f64,
}

impl StepProjection {
    /// Δ of a token, coloured or not.
    pub fn delta(&self, colored: bool) -> f64 {
        softplus(self.weight * f64::from(u8::from(colored)) + self.bias)
    }
}

impl StepRule {
    /// The projection that gives this rule's steps; refuses a step that is not finite and > 0.
    pub fn projection(self) -> Result<StepProjection> {
        let (colored, noise) = match self {
            StepRule::Fixed(delta) => (delta, delta),
            StepRule::Selective { colored, noise } => (colored, noise),
        };
        for delta in [colored, noise] {
            if !(delta.is_finite() && delta > 0.0 && delta <= 20.0) {
                return Err(SsmError::Domain(format!("a step Δ must be in (0, 20], got {delta}")));
            }
        }
        let bias = inverse_softplus(noise);
        let weight = match self {
            StepRule::Fixed(_) => 0.0,
            StepRule::Selective { .. } => inverse_softplus(colored) - bias,
        };
        Ok(StepProjection { weight, bias })
    }
}

/// The selective-scan input of the context of `example` under `rule` (module doc): u one-hot
/// by colour (colors × len), Δ through the projection, A = −(1…N), B = C = 1.
pub fn copying_input(
    task: &CopyingTask,
    example: &SelectiveCopying,
    rule: StepRule,
) -> Result<SelectiveScanInput> {
    task.check()?;
    let p = rule.projection()?;
    let context = example.tokens.get(..task.len).ok_or_else(|| {
        SsmError::Shape(format!("the example has fewer than len = {} tokens", task.len))
    })?;
    let (c, n, l) = (task.colors, task.state, task.len);
    let u = DMatrix::from_fn(c, l, |d, t| f64::from(u8::from(context[t] == d + 1)));
    // Eqn: the pre-activation w · Σ_d u_{d,t}; the bias is added by the scan.
    let delta = DMatrix::from_fn(c, l, |_, t| p.weight * u.column(t).sum());
    Ok(SelectiveScanInput {
        u,
        delta,
        a: DMatrix::from_fn(c, n, |_, k| -((k + 1) as f64)),
        b: DMatrix::from_element(n, l, 1.0),
        c: DMatrix::from_element(n, l, 1.0),
        d: None,
        z: None,
        delta_bias: Some(nalgebra::DVector::from_element(c, p.bias)),
        delta_softplus: true,
    })
}

/// (Ā_n, κ_n) of a noise token and of a coloured token under `rule`, for n = 0…N−1.
type TokenCoefficients = [Vec<(f64, f64)>; 2];

fn token_coefficients(
    task: &CopyingTask,
    rule: StepRule,
    b_rule: BRule,
) -> Result<TokenCoefficients> {
    let p = rule.projection()?;
    let of = |colored: bool| {
        (0..task.state)
            .map(|n| step_coefficients(b_rule, p.delta(colored), -((n + 1) as f64)))
            .collect()
    };
    Ok([of(false), of(true)])
}

/// The final state of every colour channel, (colors, N), of the context `tokens`: the unrolled
/// recurrence h_{d,n} = Σ_{p has colour d+1} κ_{n,p} Π_{t>p} Ā_{n,t} (B = 1, u = 1 there), walked
/// backwards. The tests check it against the selective scan; it needs no allocation per step,
/// which matters for the hundreds of examples a readout takes.
fn final_state(
    task: &CopyingTask,
    tokens: &[usize],
    coefficients: &TokenCoefficients,
) -> DMatrix<f64> {
    let mut h = DMatrix::zeros(task.colors, task.state);
    let mut carry = vec![1.0; task.state];
    for &token in tokens[..task.len].iter().rev() {
        let step = &coefficients[usize::from(token != NOISE)];
        for (n, (c, &(abar, kappa))) in carry.iter_mut().zip(step).enumerate() {
            if token != NOISE {
                h[(token - 1, n)] += *c * kappa;
            }
            *c *= abar;
        }
    }
    h
}

/// A fixed linear readout of the final state: one row r_k (N numbers) per answer slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    /// (slots, N).
    pub weights: DMatrix<f64>,
}

impl Readout {
    /// The least-squares readout mapping each channel's state h_d to the indicator "slot k has
    /// colour d + 1", over the given (final state, answer) pairs.
    pub fn fit(examples: &[(DMatrix<f64>, Vec<usize>)], slots: usize) -> Result<Readout> {
        let Some((first, _)) = examples.first() else {
            return Err(SsmError::Domain("a readout needs at least one example".into()));
        };
        let (c, n) = first.shape();
        let rows = examples.len() * c;
        let mut x = DMatrix::zeros(rows, n);
        let mut y = DMatrix::zeros(rows, slots);
        for (e, (state, targets)) in examples.iter().enumerate() {
            if state.shape() != (c, n) || targets.len() != slots {
                return Err(SsmError::Shape(format!(
                    "example {e}: state {}×{} and {} answers, expected {c}×{n} and {slots}",
                    state.nrows(),
                    state.ncols(),
                    targets.len()
                )));
            }
            for d in 0..c {
                x.row_mut(e * c + d).copy_from(&state.row(d));
                for (k, &target) in targets.iter().enumerate() {
                    y[(e * c + d, k)] = f64::from(u8::from(target == d + 1));
                }
            }
        }
        let svd = x.svd(true, true);
        let largest = svd.singular_values.max();
        // Directions a billion times weaker than the strongest are treated as absent.
        let solution = svd.solve(&y, largest * 1e-9).map_err(|e| SsmError::Numerical(e.into()))?;
        Ok(Readout { weights: solution.transpose() })
    }

    /// The score of colour d + 1 for slot k, (colors, slots): r_k · h_d.
    pub fn scores(&self, state: &DMatrix<f64>) -> DMatrix<f64> {
        state * self.weights.transpose()
    }

    /// The colour (1…colors) with the best score in each slot.
    pub fn decode(&self, state: &DMatrix<f64>) -> Vec<usize> {
        let scores = self.scores(state);
        (0..scores.ncols()).map(|k| scores.column(k).argmax().0 + 1).collect()
    }
}

/// One model on the copying task: the shown example in detail and the accuracy over the test set.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyingReport {
    /// The shown example.
    pub example: SelectiveCopying,
    /// The hand-set projection behind Δ.
    pub projection: StepProjection,
    /// Δ_t of each context token of the example.
    pub delta: Vec<f64>,
    /// The weight of each context token in each state index at the end, (N, len)
    /// (the same in every colour channel).
    pub weights: DMatrix<f64>,
    /// The final state of the example, (colors, N).
    pub state: DMatrix<f64>,
    /// The fitted readout.
    pub readout: Readout,
    /// The colours the readout gives for the example, one per slot.
    pub decoded: Vec<usize>,
    /// Fraction of test slots answered correctly.
    pub accuracy: f64,
    /// Fraction correct for each slot over the test set.
    pub slot_accuracy: Vec<f64>,
}

/// Runs `rule` on the task: fits the readout on the training examples, measures the accuracy
/// on the test examples, and details the example drawn from `example_seed`.
pub fn run_copying(
    task: &CopyingTask,
    rule: StepRule,
    b_rule: BRule,
    example_seed: u64,
) -> Result<CopyingReport> {
    task.check()?;
    let coefficients = token_coefficients(task, rule, b_rule)?;
    let examples = |seed: u64, count: usize| -> Result<Vec<(DMatrix<f64>, Vec<usize>)>> {
        let mut rng = Rng::new(seed);
        (0..count)
            .map(|_| {
                let ex = selective_copying(task.len, task.data, task.colors, &mut rng)?;
                Ok((final_state(task, &ex.tokens, &coefficients), ex.targets))
            })
            .collect()
    };
    let readout = Readout::fit(&examples(TRAIN_SEED, task.train)?, task.data)?;
    let mut right = vec![0usize; task.data];
    for (state, targets) in examples(TEST_SEED, task.test)? {
        for (k, (got, want)) in readout.decode(&state).iter().zip(&targets).enumerate() {
            right[k] += usize::from(got == want);
        }
    }
    let slot_accuracy: Vec<f64> = right.iter().map(|&r| r as f64 / task.test as f64).collect();
    let accuracy = slot_accuracy.iter().sum::<f64>() / task.data as f64;

    let example = selective_copying(task.len, task.data, task.colors, &mut Rng::new(example_seed))?;
    let input = copying_input(task, &example, rule)?;
    // The shown example goes through the selective scan itself.
    let state = selective_scan(&input, b_rule, ScanAlgorithm::Sequential)?.last_state;
    let delta = input.effective_delta().row(0).iter().copied().collect();
    Ok(CopyingReport {
        projection: rule.projection()?,
        delta,
        weights: final_state_weights(&input, b_rule, 0)?,
        decoded: readout.decode(&state),
        state,
        readout,
        accuracy,
        slot_accuracy,
        example,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TASK: CopyingTask =
        CopyingTask { len: 24, data: 4, colors: 4, state: 4, train: 200, test: 200 };
    const SELECTIVE: StepRule = StepRule::Selective { colored: 0.5, noise: 0.001 };

    #[test]
    fn the_projection_gives_the_chosen_steps() {
        let p = SELECTIVE.projection().unwrap();
        assert!((p.delta(true) - 0.5).abs() < 1e-12 && (p.delta(false) - 0.001).abs() < 1e-12);
        let f = StepRule::Fixed(0.3).projection().unwrap();
        assert_eq!(f.weight, 0.0);
        assert!((f.delta(true) - 0.3).abs() < 1e-12 && f.delta(true) == f.delta(false));
        assert!(StepRule::Fixed(0.0).projection().is_err());
        assert!(StepRule::Selective { colored: f64::NAN, noise: 0.1 }.projection().is_err());
    }

    #[test]
    fn the_selective_model_copies_every_coloured_token() {
        let report = run_copying(&TASK, SELECTIVE, BRule::Euler, 3).unwrap();
        assert!(report.accuracy > 0.99, "selective accuracy {}", report.accuracy);
        assert_eq!(report.decoded, report.example.targets);
    }

    #[test]
    fn no_fixed_step_lets_the_time_invariant_model_copy() {
        // Chance is 1/4. The fixed model beats it at the first and last slots (the first coloured
        // token tends to sit early, the last late) but guesses in the middle, whatever its Δ.
        for delta in [0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3.0] {
            let report = run_copying(&TASK, StepRule::Fixed(delta), BRule::Euler, 3).unwrap();
            assert!(report.accuracy < 0.8, "Δ = {delta}: accuracy {}", report.accuracy);
            let middle = report.slot_accuracy[1].min(report.slot_accuracy[2]);
            assert!(middle < 0.7, "Δ = {delta}: middle slots {:?}", report.slot_accuracy);
            assert!(report.accuracy > 0.3, "Δ = {delta}: below chance? {}", report.accuracy);
        }
    }

    #[test]
    fn a_state_smaller_than_the_data_loses_tokens_even_with_selection() {
        let small = CopyingTask { state: 2, ..TASK };
        let report = run_copying(&small, SELECTIVE, BRule::Euler, 3).unwrap();
        assert!(report.accuracy < 0.85, "4 tokens in 2 numbers: {}", report.accuracy);
        let roomy = CopyingTask { state: 6, ..TASK };
        assert!(run_copying(&roomy, SELECTIVE, BRule::Euler, 3).unwrap().accuracy > 0.99);
    }

    #[test]
    fn fixed_weights_depend_on_position_only_and_selective_ones_on_order_only() {
        let fixed = StepRule::Fixed(0.2);
        let mut rng = Rng::new(8);
        let a = selective_copying(TASK.len, TASK.data, TASK.colors, &mut rng).unwrap();
        let b = selective_copying(TASK.len, TASK.data, TASK.colors, &mut rng).unwrap();
        assert_ne!(a.positions, b.positions);
        // The fixed model weighs the same position the same way in every example.
        let weights = |ex: &SelectiveCopying, rule| {
            final_state_weights(&copying_input(&TASK, ex, rule).unwrap(), BRule::Euler, 0).unwrap()
        };
        assert_eq!(weights(&a, fixed), weights(&b, fixed));
        // The selective model weighs the k-th coloured token the same way wherever it is.
        let (wa, wb) = (weights(&a, SELECTIVE), weights(&b, SELECTIVE));
        for (&pa, &pb) in a.positions.iter().zip(&b.positions) {
            for n in 0..TASK.state {
                let (x, y) = (wa[(n, pa)], wb[(n, pb)]);
                assert!((x - y).abs() < 0.1 * x.max(y), "n={n}: {x} vs {y}");
            }
        }
        // ... and gives noise almost nothing.
        let noise = (0..TASK.len).find(|p| !a.positions.contains(p)).unwrap();
        assert!(wa[(0, noise)] < 0.01 * wa[(0, a.positions[0])]);
    }

    #[test]
    fn equal_steps_for_noise_and_colour_make_the_selective_model_time_invariant() {
        let same =
            run_copying(&TASK, StepRule::Selective { colored: 0.3, noise: 0.3 }, BRule::Zoh, 5)
                .unwrap();
        let fixed = run_copying(&TASK, StepRule::Fixed(0.3), BRule::Zoh, 5).unwrap();
        assert!((same.state.clone() - fixed.state.clone()).abs().max() < 1e-12);
        assert!((same.accuracy - fixed.accuracy).abs() < 1e-12);
    }

    #[test]
    fn the_shortcut_state_is_the_selective_scan_state() {
        let mut rng = Rng::new(21);
        for rule in [StepRule::Fixed(0.3), SELECTIVE] {
            for b_rule in [BRule::Euler, BRule::Zoh] {
                let ex = selective_copying(TASK.len, TASK.data, TASK.colors, &mut rng).unwrap();
                let input = copying_input(&TASK, &ex, rule).unwrap();
                let scan = selective_scan(&input, b_rule, ScanAlgorithm::Sequential).unwrap();
                let coefficients = token_coefficients(&TASK, rule, b_rule).unwrap();
                let shortcut = final_state(&TASK, &ex.tokens, &coefficients);
                assert!((scan.last_state - shortcut).abs().max() < 1e-12);
            }
        }
    }

    #[test]
    fn bad_tasks_are_refused() {
        let bad = CopyingTask { data: 30, ..TASK };
        assert!(run_copying(&bad, SELECTIVE, BRule::Euler, 1).is_err());
        let none = CopyingTask { test: 0, ..TASK };
        assert!(run_copying(&none, SELECTIVE, BRule::Euler, 1).is_err());
        assert!(Readout::fit(&[], 4).is_err());
    }
}
