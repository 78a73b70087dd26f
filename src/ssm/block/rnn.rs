//! An Elman recurrent cell, the classic RNN, to compare with the Mamba mixer:
//!
//! h_t = tanh(W_x x_t + W_h h_{t−1} + b), y_t = W_o h_t, with h₋₁ = 0.
//!
//! Shapes: W_x (hidden, d_model), W_h (hidden, hidden), b (hidden), W_o (d_model, hidden). Like
//! an SSM it keeps a fixed-size state; unlike one, the update is nonlinear in h (the tanh), so
//! h_t cannot be composed from pairs by a parallel scan: training runs token after token.

use crate::ssm::validate::{finite_matrix, finite_slice};
use crate::ssm::{MAX_STATE, Result, Rng, SsmError};
use nalgebra::{DMatrix, DVector};

/// An Elman RNN cell with an output projection.
#[derive(Debug, Clone, PartialEq)]
pub struct RnnCell {
    w_x: DMatrix<f64>,
    w_h: DMatrix<f64>,
    b: DVector<f64>,
    w_o: DMatrix<f64>,
}

impl RnnCell {
    /// A cell from its weights, after checking the shapes agree and the values are finite.
    pub fn new(
        w_x: DMatrix<f64>,
        w_h: DMatrix<f64>,
        b: DVector<f64>,
        w_o: DMatrix<f64>,
    ) -> Result<RnnCell> {
        let (hidden, d_model) = w_x.shape();
        if hidden == 0 || d_model == 0 || hidden > MAX_STATE || d_model > MAX_STATE {
            return Err(SsmError::Shape(format!(
                "W_x must be (hidden, d_model) with sizes from 1 to {MAX_STATE}, got {:?}",
                w_x.shape()
            )));
        }
        if w_h.shape() != (hidden, hidden) || b.len() != hidden || w_o.shape() != (d_model, hidden)
        {
            return Err(SsmError::Shape(format!(
                "with W_x {:?}, W_h must be ({hidden}, {hidden}), b {hidden} entries and W_o \
                 ({d_model}, {hidden}); got {:?}, {} and {:?}",
                w_x.shape(),
                w_h.shape(),
                b.len(),
                w_o.shape()
            )));
        }
        finite_matrix("W_x", &w_x)?;
        finite_matrix("W_h", &w_h)?;
        finite_slice("b", b.as_slice())?;
        finite_matrix("W_o", &w_o)?;
        Ok(RnnCell { w_x, w_h, b, w_o })
    }

    /// Seeded weights as torch's `nn.RNN` draws them: every entry U(−1/√hidden, 1/√hidden).
    pub fn init(d_model: usize, hidden: usize, rng: &mut Rng) -> Result<RnnCell> {
        if d_model == 0 || hidden == 0 || d_model > MAX_STATE || hidden > MAX_STATE {
            return Err(SsmError::Domain(format!(
                "d_model = {d_model} and hidden = {hidden} must be from 1 to {MAX_STATE}"
            )));
        }
        let bound = 1.0 / (hidden as f64).sqrt();
        let mut uniform =
            |rows, cols| DMatrix::from_fn(rows, cols, |_, _| rng.uniform_in(-bound, bound));
        let (w_x, w_h) = (uniform(hidden, d_model), uniform(hidden, hidden));
        let b = uniform(hidden, 1).column(0).into_owned();
        RnnCell::new(w_x, w_h, b, uniform(d_model, hidden))
    }

    /// Width of the tokens.
    pub fn d_model(&self) -> usize {
        self.w_x.ncols()
    }

    /// Size of the hidden state h.
    pub fn hidden(&self) -> usize {
        self.w_x.nrows()
    }

    /// The parameters: W_x, W_h, b and W_o.
    pub fn parameter_count(&self) -> usize {
        let (h, d) = (self.hidden(), self.d_model());
        h * d + h * h + h + d * h
    }

    /// The state before the first token, h₋₁ = 0.
    pub fn start_state(&self) -> DVector<f64> {
        DVector::zeros(self.hidden())
    }

    /// One step: h ← tanh(W_x x + W_h h + b), returns W_o h.
    pub fn step(&self, h: &mut DVector<f64>, x: &DVector<f64>) -> Result<DVector<f64>> {
        if x.len() != self.d_model() || h.len() != self.hidden() {
            return Err(SsmError::Shape(format!(
                "a token must have d_model = {} entries and the state hidden = {}, got {} and {}",
                self.d_model(),
                self.hidden(),
                x.len(),
                h.len()
            )));
        }
        finite_slice("the token", x.as_slice())?;
        let pre = &self.w_x * x + &self.w_h * &*h + &self.b;
        *h = pre.map(f64::tanh);
        Ok(&self.w_o * &*h)
    }

    /// The whole sequence, (L, d_model) → (L, d_model). The input projections of all tokens
    /// come at once; the recurrence itself must run token after token.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        if x.ncols() != self.d_model() || x.nrows() == 0 {
            return Err(SsmError::Shape(format!(
                "x must be L×d_model = L×{} with L ≥ 1, got {}×{}",
                self.d_model(),
                x.nrows(),
                x.ncols()
            )));
        }
        finite_matrix("x", x)?;
        let projected = &self.w_x * x.transpose();
        let mut states = DMatrix::zeros(self.hidden(), x.nrows());
        let mut h = self.start_state();
        for t in 0..x.nrows() {
            h = (projected.column(t) + &self.w_h * &h + &self.b).map(f64::tanh);
            states.set_column(t, &h);
        }
        Ok((&self.w_o * states).transpose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_dimensional_cell_by_hand() {
        let m = |v: f64| DMatrix::from_element(1, 1, v);
        let cell = RnnCell::new(m(0.5), m(0.8), DVector::from_element(1, 0.1), m(2.0)).unwrap();
        let h1 = (0.5f64 + 0.1).tanh();
        let h2 = (-0.5 + 0.8 * h1 + 0.1).tanh();
        let y = cell.forward(&DMatrix::from_column_slice(2, 1, &[1.0, -1.0])).unwrap();
        assert!((y[(0, 0)] - 2.0 * h1).abs() < 1e-15 && (y[(1, 0)] - 2.0 * h2).abs() < 1e-15);
    }

    #[test]
    fn stepping_equals_the_forward_pass_and_the_state_stays_bounded() {
        let mut rng = Rng::new(8);
        let cell = RnnCell::init(5, 7, &mut rng).unwrap();
        let x = DMatrix::from_fn(30, 5, |_, _| rng.normal() * 3.0);
        let full = cell.forward(&x).unwrap();
        let mut h = cell.start_state();
        for t in 0..30 {
            let y = cell.step(&mut h, &x.row(t).transpose()).unwrap();
            assert!((y - full.row(t).transpose()).amax() < 1e-12, "token {t}");
            assert!(h.amax() < 1.0);
        }
        assert_eq!(cell.parameter_count(), 7 * 5 + 49 + 7 + 5 * 7);
        assert!(matches!(cell.step(&mut h, &DVector::zeros(4)), Err(SsmError::Shape(_))));
        assert!(RnnCell::init(5, 0, &mut rng).is_err());
    }
}
