//! A single-head causal self-attention layer, the Transformer's mixer:
//! the full forward pass over a sequence (every position at once, as in training) and the
//! one-token step with a key–value cache (as in generation).
//!
//! Shapes: x is (L, d_model), one token per row. W_q, W_k, W_v are (d_head, d_model) and W_o is
//! (d_model, d_head), as `nn.Linear` without bias.
//!
//! - q_t = W_q x_t, k_t = W_k x_t, v_t = W_v x_t.
//! - s_{t,j} = q_t·k_j / √d_head for j ≤ t (causal: a token never sees the future).
//! - p_{t,·} = softmax(s_{t,·}); o_t = Σ_{j≤t} p_{t,j} v_j; y_t = W_o o_t.
//!
//! Generating token t needs k_j and v_j of every earlier token: the cache keeps them, so it grows
//! by 2·d_head numbers per token and the step costs O(t·d_head). (No positional encoding: the
//! costs measured here do not depend on it.)

use crate::ssm::validate::finite_matrix;
use crate::ssm::{MAX_LEN, MAX_STATE, Result, Rng, SsmError};
use nalgebra::{DMatrix, DVector};

/// A single-head causal attention layer with validated weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention {
    w_q: DMatrix<f64>,
    w_k: DMatrix<f64>,
    w_v: DMatrix<f64>,
    w_o: DMatrix<f64>,
}

/// The keys and values of every token seen so far, row-major (len, d_head) each.
#[derive(Debug, Clone, PartialEq)]
pub struct KvCache {
    d_head: usize,
    keys: Vec<f64>,
    values: Vec<f64>,
}

impl KvCache {
    /// How many tokens the cache holds.
    pub fn len(&self) -> usize {
        self.keys.len() / self.d_head
    }

    /// Whether no token has been seen yet.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The numbers a cache of `len` tokens holds: 2·len·d_head (a key and a value per token),
    /// counted in u64 so that long contexts of wide layers do not overflow a 32-bit usize.
    pub fn values_for(d_head: usize, len: usize) -> u64 {
        2 * len as u64 * d_head as u64
    }

    /// The bytes of f64 the cache's keys and values hold (their lengths, not their capacity).
    pub fn bytes(&self) -> usize {
        (self.keys.len() + self.values.len()) * size_of::<f64>()
    }

    /// Forgets every token after the first `len`.
    pub fn truncate(&mut self, len: usize) {
        self.keys.truncate(len * self.d_head);
        self.values.truncate(len * self.d_head);
    }
}

impl Attention {
    /// A layer from W_q, W_k, W_v (d_head, d_model) and W_o (d_model, d_head), after checking the
    /// shapes agree and the values are finite.
    pub fn new(
        w_q: DMatrix<f64>,
        w_k: DMatrix<f64>,
        w_v: DMatrix<f64>,
        w_o: DMatrix<f64>,
    ) -> Result<Attention> {
        let (d_head, d_model) = w_q.shape();
        if d_head == 0 || d_model == 0 || d_head > MAX_STATE || d_model > MAX_STATE {
            return Err(SsmError::Shape(format!(
                "W_q must be (d_head, d_model) with sizes from 1 to {MAX_STATE}, got {:?}",
                w_q.shape()
            )));
        }
        for (name, m, want) in [
            ("W_k", &w_k, (d_head, d_model)),
            ("W_v", &w_v, (d_head, d_model)),
            ("W_o", &w_o, (d_model, d_head)),
        ] {
            if m.shape() != want {
                return Err(SsmError::Shape(format!(
                    "{name} must be {want:?} like W_q implies, got {:?}",
                    m.shape()
                )));
            }
        }
        for (name, m) in [("W_q", &w_q), ("W_k", &w_k), ("W_v", &w_v), ("W_o", &w_o)] {
            finite_matrix(name, m)?;
        }
        Ok(Attention { w_q, w_k, w_v, w_o })
    }

    /// Seeded weights as torch's `nn.Linear` draws them: U(−1/√fan_in, 1/√fan_in).
    pub fn init(d_model: usize, d_head: usize, rng: &mut Rng) -> Result<Attention> {
        if d_model == 0 || d_head == 0 || d_model > MAX_STATE || d_head > MAX_STATE {
            return Err(SsmError::Domain(format!(
                "d_model = {d_model} and d_head = {d_head} must be from 1 to {MAX_STATE}"
            )));
        }
        let mut uniform = |rows: usize, cols: usize| {
            let bound = 1.0 / (cols as f64).sqrt();
            DMatrix::from_fn(rows, cols, |_, _| rng.uniform_in(-bound, bound))
        };
        let (w_q, w_k, w_v) =
            (uniform(d_head, d_model), uniform(d_head, d_model), uniform(d_head, d_model));
        Attention::new(w_q, w_k, w_v, uniform(d_model, d_head))
    }

    /// Width of the tokens.
    pub fn d_model(&self) -> usize {
        self.w_q.ncols()
    }

    /// Width of the queries, keys and values.
    pub fn d_head(&self) -> usize {
        self.w_q.nrows()
    }

    /// The parameters: 4·d_head·d_model.
    pub fn parameter_count(&self) -> usize {
        4 * self.d_head() * self.d_model()
    }

    /// An empty cache for this layer.
    pub fn empty_cache(&self) -> KvCache {
        KvCache { d_head: self.d_head(), keys: Vec::new(), values: Vec::new() }
    }

    fn check_token(&self, x: &DVector<f64>) -> Result<()> {
        if x.len() != self.d_model() {
            return Err(SsmError::Shape(format!(
                "a token must have d_model = {} entries, got {}",
                self.d_model(),
                x.len()
            )));
        }
        match x.iter().all(|v| v.is_finite()) {
            true => Ok(()),
            false => Err(SsmError::NonFinite("the token holds a non-finite value".into())),
        }
    }

    /// The whole sequence at once, (L, d_model) → (L, d_model): the scores as one matrix
    /// Q·Kᵀ/√d_head with the future masked, as in training.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        if x.ncols() != self.d_model() || x.nrows() == 0 || x.nrows() > MAX_STATE {
            return Err(SsmError::Shape(format!(
                "x must be L×d_model = L×{} with 1 ≤ L ≤ {MAX_STATE}, got {}×{}",
                self.d_model(),
                x.nrows(),
                x.ncols()
            )));
        }
        finite_matrix("x", x)?;
        let (q, k, v) =
            (x * self.w_q.transpose(), x * self.w_k.transpose(), x * self.w_v.transpose());
        let scale = 1.0 / (self.d_head() as f64).sqrt();
        let mut p = (&q * k.transpose()) * scale;
        for (t, mut row) in p.row_iter_mut().enumerate() {
            let max = row.columns(0, t + 1).max();
            let mut total = 0.0;
            for (j, s) in row.iter_mut().enumerate() {
                *s = if j <= t { (*s - max).exp() } else { 0.0 };
                total += *s;
            }
            row /= total;
        }
        Ok((p * v) * self.w_o.transpose())
    }

    /// One generation step: appends token `x`'s key and value to the cache, then attends over
    /// every cached token.
    pub fn step(&self, cache: &mut KvCache, x: &DVector<f64>) -> Result<DVector<f64>> {
        self.check_token(x)?;
        let d = self.d_head();
        if cache.d_head != d {
            return Err(SsmError::Shape(format!(
                "the cache holds keys of {} entries, this layer's have d_head = {d}",
                cache.d_head
            )));
        }
        if cache.len() >= MAX_LEN {
            return Err(SsmError::TooLarge(format!("the cache is full ({MAX_LEN} tokens)")));
        }
        let q = &self.w_q * x;
        cache.keys.extend((&self.w_k * x).iter());
        cache.values.extend((&self.w_v * x).iter());
        let scale = 1.0 / (d as f64).sqrt();
        let mut scores: Vec<f64> = cache
            .keys
            .chunks_exact(d)
            .map(|k| q.iter().zip(k).map(|(a, b)| a * b).sum::<f64>() * scale)
            .collect();
        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut total = 0.0;
        for s in &mut scores {
            *s = (*s - max).exp();
            total += *s;
        }
        let mut o = DVector::zeros(d);
        for (p, v) in scores.iter().zip(cache.values.chunks_exact(d)) {
            for (o, v) in o.iter_mut().zip(v) {
                *o += p * v;
            }
        }
        Ok(&self.w_o * (o / total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ones() -> Attention {
        let one = || DMatrix::from_element(1, 1, 1.0);
        Attention::new(one(), one(), one(), one()).unwrap()
    }

    #[test]
    fn two_tokens_by_hand() {
        // q = k = v = x: token 0 sees only itself; token 1 weighs 1 and 2 by e^(1·2) and e^(2·2).
        let a = ones();
        let x = DMatrix::from_column_slice(2, 1, &[1.0, 2.0]);
        let y = a.forward(&x).unwrap();
        let (e2, e4) = (2f64.exp(), 4f64.exp());
        let want = (e2 + 2.0 * e4) / (e2 + e4);
        assert!((y[(0, 0)] - 1.0).abs() < 1e-15);
        assert!((y[(1, 0)] - want).abs() < 1e-14, "{} vs {want}", y[(1, 0)]);
        let mut cache = a.empty_cache();
        assert_eq!(a.step(&mut cache, &DVector::from_element(1, 1.0)).unwrap()[0], 1.0);
        assert!(
            (a.step(&mut cache, &DVector::from_element(1, 2.0)).unwrap()[0] - want).abs() < 1e-14
        );
    }

    #[test]
    fn the_cached_step_equals_full_attention_and_the_cache_grows() {
        let mut rng = Rng::new(4);
        let a = Attention::init(6, 4, &mut rng).unwrap();
        let x = DMatrix::from_fn(20, 6, |_, _| rng.normal() * 2.0);
        let full = a.forward(&x).unwrap();
        let mut cache = a.empty_cache();
        for t in 0..20 {
            let y = a.step(&mut cache, &x.row(t).transpose()).unwrap();
            assert!((y - full.row(t).transpose()).amax() < 1e-12, "token {t}");
            assert_eq!(cache.len(), t + 1);
            assert_eq!(cache.bytes() as u64, KvCache::values_for(4, t + 1) * 8);
        }
        // Later tokens change nothing before them (causality), and truncating rewinds the cache.
        let mut shorter = x.clone();
        shorter.row_mut(19).fill(7.0);
        let again = a.forward(&shorter).unwrap();
        assert_eq!(again.rows(0, 19), full.rows(0, 19));
        cache.truncate(10);
        let y = a.step(&mut cache, &x.row(10).transpose()).unwrap();
        assert!((y - full.row(10).transpose()).amax() < 1e-12);
        assert_eq!(a.parameter_count(), 4 * 4 * 6);
    }

    #[test]
    fn shapes_and_values_are_checked() {
        let a = Attention::init(3, 2, &mut Rng::new(1)).unwrap();
        let mut cache = a.empty_cache();
        assert!(matches!(a.step(&mut cache, &DVector::zeros(2)), Err(SsmError::Shape(_))));
        let nan = DVector::from_element(3, f64::NAN);
        assert!(matches!(a.step(&mut cache, &nan), Err(SsmError::NonFinite(_))));
        assert!(cache.is_empty());
        let mut other = Attention::init(3, 5, &mut Rng::new(1)).unwrap().empty_cache();
        assert!(matches!(a.step(&mut other, &DVector::zeros(3)), Err(SsmError::Shape(_))));
        assert!(matches!(a.forward(&DMatrix::zeros(0, 3)), Err(SsmError::Shape(_))));
        let bad = DMatrix::zeros(3, 2);
        assert!(Attention::new(DMatrix::zeros(2, 3), bad.clone(), bad.clone(), bad).is_err());
        assert!(Attention::init(0, 2, &mut Rng::new(1)).is_err());
    }
}
