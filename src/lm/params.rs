//! The model's sizes ([`LmConfig`]) and weights ([`Params`]) under the official state-dict names,
//! the official initialisation from a seed, and conversion to and from a [`StateDict`].

use super::Real;
use crate::ssm::block::Tensor;
use crate::ssm::{MixerInit, Rng, StateDict};
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// The largest size of any one dimension the model accepts (vocabulary, widths, state).
pub const MAX_DIM: usize = 512;
/// The most layers.
pub const MAX_LAYERS: usize = 8;

/// A refused model or request, with a message naming the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LmError(pub String);

impl std::fmt::Display for LmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LmError {}

/// `Err(LmError(format!(...)))`.
macro_rules! bail {
    ($($t:tt)*) => { return Err(LmError(format!($($t)*))) };
}

/// The SSM inside each block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LayerKind {
    /// Mamba's selective SSM: Δ, B and C computed from the input by `x_proj` and `dt_proj`.
    S6,
    /// The time-invariant twin: Δ_c = softplus(dt_proj.bias_c) per channel, and B, C learned per
    /// (channel, state) as `mixer.B` and `mixer.C`, (d_inner, N) — none depends on the input, so
    /// there is no `x_proj` or `dt_proj.weight`. A, D, the convolution and the gate are as in S6.
    S4,
}

/// The sizes and variant of a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LmConfig {
    /// Vocabulary size V.
    pub vocab: usize,
    /// Width of the residual stream.
    pub d_model: usize,
    /// Number of blocks.
    pub layers: usize,
    /// Channels inside the mixer (expand·d_model, officially 2·d_model).
    pub d_inner: usize,
    /// State size N.
    pub d_state: usize,
    /// Convolution width.
    pub d_conv: usize,
    /// Rank of Δ's projection (S6 only).
    pub dt_rank: usize,
    /// The SSM kind.
    pub kind: LayerKind,
    /// Whether y is multiplied by SiLU(z) (the Mamba block); without it in_proj has d_inner rows.
    pub gate: bool,
    /// Whether the LM head is the embedding (no `lm_head.weight`).
    pub tied: bool,
}

impl LmConfig {
    /// Checks that every size is between 1 and its cap.
    pub fn check(&self) -> Result<(), LmError> {
        let dims =
            [self.vocab, self.d_model, self.d_inner, self.d_state, self.d_conv, self.dt_rank];
        if dims.iter().any(|&d| d == 0 || d > MAX_DIM)
            || self.layers == 0
            || self.layers > MAX_LAYERS
        {
            bail!("model sizes must be from 1 to {MAX_DIM} and 1 to {MAX_LAYERS} layers: {self:?}");
        }
        Ok(())
    }

    /// The names and shapes of every weight, in a fixed order.
    pub fn shapes(&self) -> Vec<(String, Vec<usize>)> {
        let &LmConfig { vocab, d_model, d_inner: e, d_state: n, d_conv, dt_rank, .. } = self;
        let mut out = vec![("backbone.embedding.weight".to_owned(), vec![vocab, d_model])];
        for i in 0..self.layers {
            let p = format!("backbone.layers.{i}.");
            let mut put = |name: &str, shape: Vec<usize>| out.push((format!("{p}{name}"), shape));
            put("norm.weight", vec![d_model]);
            put("mixer.in_proj.weight", vec![if self.gate { 2 * e } else { e }, d_model]);
            put("mixer.conv1d.weight", vec![e, 1, d_conv]);
            put("mixer.conv1d.bias", vec![e]);
            if self.kind == LayerKind::S6 {
                put("mixer.x_proj.weight", vec![dt_rank + 2 * n, e]);
                put("mixer.dt_proj.weight", vec![e, dt_rank]);
            }
            put("mixer.dt_proj.bias", vec![e]);
            put("mixer.A_log", vec![e, n]);
            if self.kind == LayerKind::S4 {
                put("mixer.B", vec![e, n]);
                put("mixer.C", vec![e, n]);
            }
            put("mixer.D", vec![e]);
            put("mixer.out_proj.weight", vec![d_model, e]);
        }
        out.push(("backbone.norm_f.weight".to_owned(), vec![d_model]));
        if !self.tied {
            out.push(("lm_head.weight".to_owned(), vec![vocab, d_model]));
        }
        out
    }

    /// The number of trained values.
    pub fn parameter_count(&self) -> usize {
        self.shapes().iter().map(|(_, s)| s.iter().product::<usize>()).sum()
    }
}

/// Every weight of a model, flat and row-major, in the order of [`LmConfig::shapes`].
#[derive(Debug, Clone, PartialEq)]
pub struct Params<F> {
    /// The sizes.
    pub config: LmConfig,
    /// The tensors, one per entry of `config.shapes()`.
    pub tensors: Vec<Vec<F>>,
}

impl<F: Real> Params<F> {
    /// All-zero weights (the shape of a gradient).
    pub fn zeros(config: LmConfig) -> Params<F> {
        let tensors =
            config.shapes().iter().map(|(_, s)| vec![F::default(); s.iter().product()]).collect();
        Params { config, tensors }
    }

    /// The official initialisation from a seed: the mixer as [`MixerInit`] draws it (torch's
    /// default linear init, dt log-uniform in [1e-3, 0.1] through the inverse softplus into
    /// `dt_proj.bias`, A_log = log(1..N), D = 1); the embedding ~ N(0, 0.02²); out_proj divided
    /// by √layers (`rescale_prenorm_residual`); norms 1. The S4 twin's B = 1 and C ~ N(0, 1)
    /// (S4D's real initialisation); an untied head ~ torch's default linear init.
    pub fn init(config: LmConfig, seed: u64) -> Result<Params<F>, LmError> {
        config.check()?;
        let mut rng = Rng::new(seed);
        let mut p = Params::zeros(config);
        let mut init = MixerInit::new(config.d_model);
        init.d_state = config.d_state;
        init.d_conv = config.d_conv;
        init.dt_rank = config.dt_rank;
        init.expand = config.d_inner / config.d_model;
        let emb: Vec<F> =
            (0..config.vocab * config.d_model).map(|_| F::of(0.02 * rng.normal())).collect();
        p.set("backbone.embedding.weight", emb);
        for i in 0..config.layers {
            // MixerInit needs d_inner = expand·d_model; other widths draw their own matrices.
            let w = init.weights(&mut rng).map_err(|e| LmError(e.to_string()))?;
            let pre = format!("backbone.layers.{i}.mixer.");
            let e = config.d_inner;
            let rows = |m: &DMatrix<f64>, from: usize, count: usize| -> Vec<F> {
                (from..from + count)
                    .flat_map(|r| (0..m.ncols()).map(move |c| F::of(m[(r, c)])))
                    .collect()
            };
            let in_rows = if config.gate { 2 * e } else { e };
            p.set(&format!("{pre}in_proj.weight"), rows(&w.in_proj, 0, in_rows));
            p.set(&format!("{pre}conv1d.weight"), rows(&w.conv_weight, 0, e));
            p.set(&format!("{pre}conv1d.bias"), w.conv_bias.iter().map(|&v| F::of(v)).collect());
            if config.kind == LayerKind::S6 {
                p.set(&format!("{pre}x_proj.weight"), rows(&w.x_proj, 0, w.x_proj.nrows()));
                p.set(&format!("{pre}dt_proj.weight"), rows(&w.dt_proj_weight, 0, e));
            } else {
                p.set(&format!("{pre}B"), vec![F::of(1.0); e * config.d_state]);
                let c = (0..e * config.d_state).map(|_| F::of(rng.normal())).collect();
                p.set(&format!("{pre}C"), c);
            }
            p.set(
                &format!("{pre}dt_proj.bias"),
                w.dt_proj_bias.iter().map(|&v| F::of(v)).collect(),
            );
            p.set(&format!("{pre}A_log"), rows(&w.a_log, 0, e));
            p.set(&format!("{pre}D"), vec![F::of(1.0); e]);
            let scale = 1.0 / (config.layers as f64).sqrt();
            let out: Vec<F> =
                rows(&w.out_proj, 0, config.d_model).iter().map(|&v| v * F::of(scale)).collect();
            p.set(&format!("{pre}out_proj.weight"), out);
            p.set(&format!("backbone.layers.{i}.norm.weight"), vec![F::of(1.0); config.d_model]);
        }
        p.set("backbone.norm_f.weight", vec![F::of(1.0); config.d_model]);
        if !config.tied {
            let bound = 1.0 / (config.d_model as f64).sqrt();
            let head = (0..config.vocab * config.d_model)
                .map(|_| F::of(rng.uniform_in(-bound, bound)))
                .collect();
            p.set("lm_head.weight", head);
        }
        Ok(p)
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.config.shapes().iter().position(|(n, _)| n == name)
    }

    fn set(&mut self, name: &str, data: Vec<F>) {
        if let Some(i) = self.index(name) {
            self.tensors[i] = data;
        }
    }

    /// The weights as a state dict of f64 tensors under the official names.
    pub fn to_state_dict(&self) -> StateDict {
        let mut dict = StateDict::new();
        for ((name, shape), data) in self.config.shapes().into_iter().zip(&self.tensors) {
            let values = data.iter().map(|v| v.f64()).collect();
            if let Ok(t) = Tensor::new(&name, shape, values) {
                dict.insert(&name, t);
            }
        }
        dict
    }

    /// Weights from a state dict. The sizes are read off the shapes (V and d_model from the
    /// embedding, the layers from the `norm.weight` names, d_inner, N, d_conv and dt_rank from
    /// the first mixer) and every weight must then have exactly its expected shape; unknown names
    /// are refused. `lm_head.weight` present means an untied head.
    pub fn from_state_dict(
        dict: &StateDict,
        kind: LayerKind,
        gate: bool,
    ) -> Result<Params<F>, LmError> {
        let dim = |name: &str, axis: usize| -> Result<usize, LmError> {
            let t = dict.get(name).ok_or_else(|| LmError(format!("missing weight {name:?}")))?;
            match t.shape().get(axis) {
                Some(&d) => Ok(d),
                None => bail!("weight {name:?} has shape {:?}: too few dimensions", t.shape()),
            }
        };
        let layers = (0..=MAX_LAYERS)
            .take_while(|i| dict.get(&format!("backbone.layers.{i}.norm.weight")).is_some())
            .count();
        if layers == 0 {
            bail!(
                "missing weight \"backbone.layers.0.norm.weight\": the model needs at least one layer"
            );
        }
        let m = "backbone.layers.0.mixer.";
        let rows = dim(&format!("{m}in_proj.weight"), 0)?;
        let d_inner = if gate { rows / 2 } else { rows };
        let config = LmConfig {
            vocab: dim("backbone.embedding.weight", 0)?,
            d_model: dim("backbone.embedding.weight", 1)?,
            layers,
            d_inner,
            d_state: dim(&format!("{m}A_log"), 1)?,
            d_conv: dim(&format!("{m}conv1d.weight"), 2)?,
            dt_rank: if kind == LayerKind::S6 { dim(&format!("{m}dt_proj.weight"), 1)? } else { 1 },
            kind,
            gate,
            tied: dict.get("lm_head.weight").is_none(),
        };
        config.check()?;
        let shapes = config.shapes();
        if let Some(extra) = dict.names().find(|n| !shapes.iter().any(|(s, _)| s == n)) {
            bail!("unexpected weight {extra:?} (layers 0..{layers}, {kind:?}, gate {gate})");
        }
        let mut tensors = Vec::with_capacity(shapes.len());
        for (name, shape) in &shapes {
            let t = dict.get(name).ok_or_else(|| LmError(format!("missing weight {name:?}")))?;
            if t.shape() != shape.as_slice() {
                bail!(
                    "weight {name:?} has shape {:?} but the other weights imply {shape:?}",
                    t.shape()
                );
            }
            tensors.push(t.data().iter().map(|&v| F::of(v)).collect());
        }
        Ok(Params { config, tensors })
    }
}
