//! AdamW with torch's defaults (β = (0.9, 0.999), ε = 1e-8) and decoupled weight decay.
//!
//! Weight decay (default 0.01, torch's) applies to every weight except `A_log` and `D`, which the
//! official Mamba marks `_no_weight_decay`.

use super::{Params, Real};

/// The optimizer's state: first and second moments per weight, and the step count.
#[derive(Debug, Clone)]
pub struct AdamW<F> {
    /// Learning rate.
    pub lr: f64,
    /// Decoupled weight decay.
    pub weight_decay: f64,
    m: Vec<Vec<F>>,
    v: Vec<Vec<F>>,
    decay: Vec<bool>,
    step: i32,
}

impl<F: Real> AdamW<F> {
    /// A fresh optimizer for `p` with learning rate `lr` and weight decay 0.01.
    pub fn new(p: &Params<F>, lr: f64) -> AdamW<F> {
        let zeros: Vec<Vec<F>> = p.tensors.iter().map(|t| vec![F::default(); t.len()]).collect();
        let decay = p
            .config
            .shapes()
            .iter()
            .map(|(n, _)| !n.ends_with("A_log") && !n.ends_with(".D"))
            .collect();
        AdamW { lr, weight_decay: 0.01, m: zeros.clone(), v: zeros, decay, step: 0 }
    }

    /// One update of `p` from the gradient `g`:
    /// w ← w·(1 − lr·wd); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − lr·m̂/(√v̂ + ε).
    pub fn step(&mut self, p: &mut Params<F>, g: &Params<F>) {
        let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
        self.step += 1;
        let bc1 = 1.0 - b1.powi(self.step);
        let bc2 = 1.0 - b2.powi(self.step);
        let step_size = F::of(self.lr / bc1);
        let (b1f, b2f, eps) = (F::of(b1), F::of(b2), F::of(eps));
        let sqrt_bc2 = F::of(bc2.sqrt());
        for (i, (w, gr)) in p.tensors.iter_mut().zip(&g.tensors).enumerate() {
            let shrink = F::of(if self.decay[i] { 1.0 - self.lr * self.weight_decay } else { 1.0 });
            let (m, v) = (&mut self.m[i], &mut self.v[i]);
            for (((w, &g), m), v) in w.iter_mut().zip(gr).zip(m.iter_mut()).zip(v.iter_mut()) {
                *m = b1f * *m + (F::of(1.0) - b1f) * g;
                *v = b2f * *v + (F::of(1.0) - b2f) * g * g;
                *w = *w * shrink - step_size * *m / (v.sqrt() / sqrt_bc2 + eps);
            }
        }
    }
}
