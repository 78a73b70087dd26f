//! Weights of the Mamba mixer: named tensors as in the official state dict (read from JSON nested
//! arrays or from safetensors), their typed and validated form, and the official initialisation.
//!
//! The names and shapes are those of `mamba_ssm`'s `Mamba` module (mamba_simple.py), with
//! d_inner = expand·d_model and dt_rank = ⌈d_model/16⌉ by default:
//!
//! | name | shape |
//! |---|---|
//! | `in_proj.weight`  | (2·d_inner, d_model) — no bias |
//! | `conv1d.weight`   | (d_inner, 1, d_conv) — depthwise |
//! | `conv1d.bias`     | (d_inner) |
//! | `x_proj.weight`   | (dt_rank + 2·N, d_inner) — no bias |
//! | `dt_proj.weight`  | (d_inner, dt_rank) |
//! | `dt_proj.bias`    | (d_inner) |
//! | `A_log`           | (d_inner, N) |
//! | `D`               | (d_inner) |
//! | `out_proj.weight` | (d_model, d_inner) — no bias |

use crate::ssm::selective::{inverse_softplus, sample_dt};
use crate::ssm::{MAX_ELEMENTS, MAX_STATE, Result, Rng, SsmError};
use nalgebra::{DMatrix, DVector};
use serde_json::Value;
use std::collections::BTreeMap;

/// A dense tensor of f64 in row-major order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    shape: Vec<usize>,
    data: Vec<f64>,
}

/// Tensors of more dimensions than this are refused (the mixer needs at most 3).
const MAX_RANK: usize = 4;

impl Tensor {
    /// A tensor of the given shape from row-major data; checks the size and that every value is
    /// finite (`name` is used in the messages).
    pub fn new(name: &str, shape: Vec<usize>, data: Vec<f64>) -> Result<Tensor> {
        let size = shape.iter().try_fold(1usize, |acc, &s| acc.checked_mul(s));
        if size != Some(data.len()) {
            return Err(SsmError::Shape(format!(
                "weight {name:?}: shape {shape:?} does not hold {} values",
                data.len()
            )));
        }
        if let Some(i) = data.iter().position(|x| !x.is_finite()) {
            return Err(SsmError::NonFinite(format!(
                "weight {name:?} holds {} at flat index {i}",
                data[i]
            )));
        }
        Ok(Tensor { shape, data })
    }

    /// The shape, outermost dimension first.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The values in row-major order.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// A tensor from nested JSON arrays of numbers (a number alone is a 0-d tensor). The shape
    /// is read along the first entries, and every array must match it.
    pub fn from_json(name: &str, value: &Value) -> Result<Tensor> {
        let mut shape = Vec::new();
        let mut probe = value;
        while let Value::Array(items) = probe {
            if shape.len() == MAX_RANK {
                return Err(SsmError::Shape(format!(
                    "weight {name:?} is nested deeper than {MAX_RANK} levels"
                )));
            }
            shape.push(items.len());
            match items.first() {
                Some(first) => probe = first,
                None => {
                    return Err(SsmError::Shape(format!("weight {name:?} has an empty dimension")));
                }
            }
        }
        let size = shape.iter().try_fold(1usize, |acc, &s| acc.checked_mul(s));
        if size.is_none_or(|s| s > MAX_ELEMENTS) {
            return Err(SsmError::TooLarge(format!("weight {name:?} with shape {shape:?}")));
        }
        let mut data = Vec::with_capacity(size.unwrap_or(0));
        flatten(name, value, &shape, &mut data)?;
        Tensor::new(name, shape, data)
    }

    /// The tensor as nested JSON arrays (the inverse of [`Tensor::from_json`]).
    pub fn to_json(&self) -> Value {
        fn nest(shape: &[usize], data: &[f64]) -> Value {
            match shape.split_first() {
                None => Value::from(data[0]),
                Some((&n, inner)) => {
                    let chunk = data.len() / n.max(1);
                    Value::Array((0..n).map(|i| nest(inner, &data[i * chunk..][..chunk])).collect())
                }
            }
        }
        nest(&self.shape, &self.data)
    }

    /// Checks the shape against `expected` (`None` entries are free) and names the weight and
    /// the meaning of the dimensions if it differs.
    fn expect(&self, name: &str, expected: &[Option<usize>], meaning: &str) -> Result<()> {
        let fits = self.shape.len() == expected.len()
            && self.shape.iter().zip(expected).all(|(&s, e)| e.is_none_or(|e| e == s));
        if fits {
            return Ok(());
        }
        Err(SsmError::Shape(format!(
            "weight {name:?} must have shape {meaning}, got {:?}",
            self.shape
        )))
    }

    fn matrix(&self) -> DMatrix<f64> {
        DMatrix::from_row_slice(self.shape[0], self.shape[1], &self.data)
    }

    fn vector(&self) -> DVector<f64> {
        DVector::from_column_slice(&self.data)
    }

    fn from_matrix(m: &DMatrix<f64>) -> Tensor {
        let data = m.transpose().as_slice().to_vec();
        Tensor { shape: vec![m.nrows(), m.ncols()], data }
    }

    fn from_vector(v: &DVector<f64>) -> Tensor {
        Tensor { shape: vec![v.len()], data: v.as_slice().to_vec() }
    }
}

/// Appends the numbers of `value` in row-major order, checking it has exactly `shape`.
fn flatten(name: &str, value: &Value, shape: &[usize], out: &mut Vec<f64>) -> Result<()> {
    match (shape.split_first(), value) {
        (None, Value::Number(x)) => {
            out.push(x.as_f64().unwrap_or(f64::NAN));
            Ok(())
        }
        (Some((&n, inner)), Value::Array(items)) if items.len() == n => {
            items.iter().try_for_each(|item| flatten(name, item, inner, out))
        }
        _ => Err(SsmError::Shape(format!(
            "weight {name:?} is not a rectangular array of numbers (expected nested arrays of \
             shape {shape:?} below its first entry)"
        ))),
    }
}

/// Named tensors, like a PyTorch state dict.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StateDict {
    tensors: BTreeMap<String, Tensor>,
}

impl StateDict {
    /// An empty state dict.
    pub fn new() -> StateDict {
        StateDict::default()
    }

    /// Adds or replaces a tensor.
    pub fn insert(&mut self, name: &str, tensor: Tensor) {
        self.tensors.insert(name.to_owned(), tensor);
    }

    /// The tensor called `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Tensor> {
        self.tensors.get(name)
    }

    /// All names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tensors.keys().map(String::as_str)
    }

    /// A state dict from a JSON object mapping names to nested arrays of numbers.
    pub fn from_json(value: &Value) -> Result<StateDict> {
        let Value::Object(fields) = value else {
            return Err(SsmError::Shape(
                "the weights must be an object mapping names to nested arrays".into(),
            ));
        };
        let mut dict = StateDict::new();
        for (name, tensor) in fields {
            dict.insert(name, Tensor::from_json(name, tensor)?);
        }
        Ok(dict)
    }

    /// The tensor called `prefix + name`, or an error naming it.
    fn require(&self, prefix: &str, name: &str) -> Result<&Tensor> {
        let full = format!("{prefix}{name}");
        self.get(&full).ok_or_else(|| SsmError::Shape(format!("missing weight {full:?}")))
    }
}

impl StateDict {
    /// A state dict from the bytes of a `.safetensors` file; f32 and f64 tensors are read
    /// (as f64), other dtypes are refused by name.
    pub fn from_safetensors(bytes: &[u8]) -> Result<StateDict> {
        use safetensors::{Dtype, SafeTensors};
        let file = SafeTensors::deserialize(bytes)
            .map_err(|e| SsmError::Shape(format!("not a valid safetensors file: {e}")))?;
        let mut dict = StateDict::new();
        for (name, view) in file.tensors() {
            let raw = view.data();
            let data: Vec<f64> = match view.dtype() {
                Dtype::F64 => raw
                    .chunks_exact(8)
                    .map(|b| f64::from_le_bytes(b.try_into().unwrap_or_default()))
                    .collect(),
                Dtype::F32 => raw
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes(b.try_into().unwrap_or_default()).into())
                    .collect(),
                other => {
                    return Err(SsmError::Domain(format!(
                        "weight {name:?} has dtype {other:?}; only F32 and F64 are read"
                    )));
                }
            };
            dict.insert(&name, Tensor::new(&name, view.shape().to_vec(), data)?);
        }
        Ok(dict)
    }
}

/// The sizes of a Mamba mixer, as read off its weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MixerDims {
    /// Width of the residual stream (columns of the input x).
    pub d_model: usize,
    /// Channels of the inner sequence (expand·d_model officially).
    pub d_inner: usize,
    /// State size N per channel.
    pub d_state: usize,
    /// Width of the causal depthwise convolution.
    pub d_conv: usize,
    /// Rank of the low-rank projection of Δ.
    pub dt_rank: usize,
}

impl MixerDims {
    /// The shape of each weight under its state-dict name, in the order of
    /// [`MixerWeights::NAMES`]: in_proj (2·d_inner, d_model), conv1d (d_inner, 1, d_conv) and
    /// (d_inner), x_proj (dt_rank + 2N, d_inner), dt_proj (d_inner, dt_rank) and (d_inner), A_log
    /// (d_inner, N), D (d_inner), out_proj (d_model, d_inner).
    pub fn shapes(self) -> [(&'static str, Vec<usize>); 9] {
        let MixerDims { d_model, d_inner, d_state, d_conv, dt_rank } = self;
        let shapes = [
            vec![2 * d_inner, d_model],
            vec![d_inner, 1, d_conv],
            vec![d_inner],
            vec![dt_rank + 2 * d_state, d_inner],
            vec![d_inner, dt_rank],
            vec![d_inner],
            vec![d_inner, d_state],
            vec![d_inner],
            vec![d_model, d_inner],
        ];
        let mut names = MixerWeights::NAMES.into_iter();
        shapes.map(|shape| (names.next().unwrap_or_default(), shape))
    }

    /// The number of parameters in each weight, in the order of [`MixerWeights::NAMES`].
    pub fn parameters(self) -> [(&'static str, usize); 9] {
        self.shapes().map(|(name, shape)| (name, shape.iter().product()))
    }

    /// All the mixer's parameters.
    pub fn parameter_count(self) -> usize {
        self.parameters().iter().map(|(_, n)| n).sum()
    }
}

/// The weights of one Mamba mixer, typed. Matrices are (out, in) as in `nn.Linear`.
#[derive(Debug, Clone, PartialEq)]
pub struct MixerWeights {
    /// `in_proj.weight`, (2·d_inner, d_model): rows 0…d_inner−1 make x, the rest make z.
    pub in_proj: DMatrix<f64>,
    /// `conv1d.weight` without its middle axis, (d_inner, d_conv).
    pub conv_weight: DMatrix<f64>,
    /// `conv1d.bias`, d_inner entries.
    pub conv_bias: DVector<f64>,
    /// `x_proj.weight`, (dt_rank + 2N, d_inner): rows for Δ_r, then B, then C.
    pub x_proj: DMatrix<f64>,
    /// `dt_proj.weight`, (d_inner, dt_rank).
    pub dt_proj_weight: DMatrix<f64>,
    /// `dt_proj.bias`, d_inner entries: the scan's delta_bias.
    pub dt_proj_bias: DVector<f64>,
    /// `A_log`, (d_inner, N): A = −exp(A_log).
    pub a_log: DMatrix<f64>,
    /// `D`, d_inner entries: the skip connection.
    pub d: DVector<f64>,
    /// `out_proj.weight`, (d_model, d_inner).
    pub out_proj: DMatrix<f64>,
}

impl MixerWeights {
    /// The state-dict names of a mixer's weights.
    pub const NAMES: [&'static str; 9] = [
        "in_proj.weight",
        "conv1d.weight",
        "conv1d.bias",
        "x_proj.weight",
        "dt_proj.weight",
        "dt_proj.bias",
        "A_log",
        "D",
        "out_proj.weight",
    ];

    /// Reads the nine weights called `prefix + name` (e.g. prefix `"layers.0.mixer."`), checking
    /// that each is present and that all shapes agree; other names in `dict` are ignored.
    pub fn from_state_dict(dict: &StateDict, prefix: &str) -> Result<MixerWeights> {
        let get = |name: &str| dict.require(prefix, name);
        let full = |name: &str| format!("{prefix}{name}");
        let in_proj = get("in_proj.weight")?;
        in_proj.expect(&full("in_proj.weight"), &[None, None], "(2·d_inner, d_model)")?;
        let (rows, d_model) = (in_proj.shape[0], in_proj.shape[1]);
        if rows % 2 != 0 {
            return Err(SsmError::Shape(format!(
                "weight {:?} must have 2·d_inner rows (x and z), got {rows}",
                full("in_proj.weight")
            )));
        }
        let d_inner = rows / 2;
        let a_log = get("A_log")?;
        a_log.expect(&full("A_log"), &[Some(d_inner), None], "(d_inner, N)")?;
        let d_state = a_log.shape[1];
        let conv = get("conv1d.weight")?;
        conv.expect(
            &full("conv1d.weight"),
            &[Some(d_inner), Some(1), None],
            "(d_inner, 1, d_conv)",
        )?;
        let d_conv = conv.shape[2];
        let x_proj = get("x_proj.weight")?;
        x_proj.expect(
            &full("x_proj.weight"),
            &[None, Some(d_inner)],
            "(dt_rank + 2·N, d_inner)",
        )?;
        let dt_rank =
            x_proj.shape[0].checked_sub(2 * d_state).filter(|&r| r > 0).ok_or_else(|| {
                SsmError::Shape(format!(
                    "weight {:?} has {} rows: at least 2·N + 1 = {} are needed (dt_rank ≥ 1)",
                    full("x_proj.weight"),
                    x_proj.shape[0],
                    2 * d_state + 1
                ))
            })?;
        let vector = |name: &str| -> Result<DVector<f64>> {
            let t = get(name)?;
            t.expect(&full(name), &[Some(d_inner)], "(d_inner)")?;
            Ok(t.vector())
        };
        let dt_proj = get("dt_proj.weight")?;
        dt_proj.expect(
            &full("dt_proj.weight"),
            &[Some(d_inner), Some(dt_rank)],
            "(d_inner, dt_rank)",
        )?;
        let out_proj = get("out_proj.weight")?;
        out_proj.expect(
            &full("out_proj.weight"),
            &[Some(d_model), Some(d_inner)],
            "(d_model, d_inner)",
        )?;
        let weights = MixerWeights {
            in_proj: in_proj.matrix(),
            conv_weight: DMatrix::from_row_slice(d_inner, d_conv, &conv.data),
            conv_bias: vector("conv1d.bias")?,
            x_proj: x_proj.matrix(),
            dt_proj_weight: dt_proj.matrix(),
            dt_proj_bias: vector("dt_proj.bias")?,
            a_log: a_log.matrix(),
            d: vector("D")?,
            out_proj: out_proj.matrix(),
        };
        weights.dims()?;
        Ok(weights)
    }

    /// The weights under their state-dict names (`conv1d.weight` with its middle axis of 1).
    pub fn to_state_dict(&self, prefix: &str) -> StateDict {
        let mut dict = StateDict::new();
        let (d_inner, d_conv) = self.conv_weight.shape();
        let mut conv = Tensor::from_matrix(&self.conv_weight);
        conv.shape = vec![d_inner, 1, d_conv];
        let tensors = [
            Tensor::from_matrix(&self.in_proj),
            conv,
            Tensor::from_vector(&self.conv_bias),
            Tensor::from_matrix(&self.x_proj),
            Tensor::from_matrix(&self.dt_proj_weight),
            Tensor::from_vector(&self.dt_proj_bias),
            Tensor::from_matrix(&self.a_log),
            Tensor::from_vector(&self.d),
            Tensor::from_matrix(&self.out_proj),
        ];
        for (name, tensor) in Self::NAMES.into_iter().zip(tensors) {
            dict.insert(&format!("{prefix}{name}"), tensor);
        }
        dict
    }

    /// The sizes, after checking that all nine shapes agree, that N ≤ [`MAX_STATE`] and that
    /// every value is finite.
    pub fn dims(&self) -> Result<MixerDims> {
        let (rows, d_model) = self.in_proj.shape();
        let d_inner = rows / 2;
        let (d_state, d_conv) = (self.a_log.ncols(), self.conv_weight.ncols());
        let dt_rank = self.dt_proj_weight.ncols();
        let dims = MixerDims { d_model, d_inner, d_state, d_conv, dt_rank };
        // Each weight: its shape here (vectors as (len, 1)) and values, and the shape the other
        // weights imply.
        fn matrix(m: &DMatrix<f64>) -> ((usize, usize), &[f64]) {
            (m.shape(), m.as_slice())
        }
        fn vector(v: &DVector<f64>) -> ((usize, usize), &[f64]) {
            ((v.len(), 1), v.as_slice())
        }
        let checks = [
            ("in_proj.weight", matrix(&self.in_proj), (2 * d_inner, d_model)),
            ("conv1d.weight", matrix(&self.conv_weight), (d_inner, d_conv)),
            ("conv1d.bias", vector(&self.conv_bias), (d_inner, 1)),
            ("x_proj.weight", matrix(&self.x_proj), (dt_rank + 2 * d_state, d_inner)),
            ("dt_proj.weight", matrix(&self.dt_proj_weight), (d_inner, dt_rank)),
            ("dt_proj.bias", vector(&self.dt_proj_bias), (d_inner, 1)),
            ("A_log", matrix(&self.a_log), (d_inner, d_state)),
            ("D", vector(&self.d), (d_inner, 1)),
            ("out_proj.weight", matrix(&self.out_proj), (d_model, d_inner)),
        ];
        for (name, (got, values), want) in checks {
            if got != want {
                return Err(SsmError::Shape(format!(
                    "weight {name:?} has shape {got:?} but the other weights imply {want:?} \
                     ({dims:?})"
                )));
            }
            if values.iter().any(|x| !x.is_finite()) {
                return Err(SsmError::NonFinite(format!("weight {name:?}")));
            }
        }
        if [d_model, d_inner, d_state, d_conv, dt_rank].contains(&0) || rows % 2 != 0 {
            return Err(SsmError::Shape(format!("every mixer size must be ≥ 1: {dims:?}")));
        }
        if [d_model, d_inner, d_state, d_conv, dt_rank].iter().any(|&s| s > MAX_STATE) {
            return Err(SsmError::TooLarge(format!("mixer sizes above {MAX_STATE}: {dims:?}")));
        }
        Ok(dims)
    }
}

/// The hyperparameters of the official `Mamba.__init__` that shape the initial weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MixerInit {
    /// Width of the residual stream.
    pub d_model: usize,
    /// State size N (official default 16).
    pub d_state: usize,
    /// Convolution width (official default 4).
    pub d_conv: usize,
    /// d_inner = expand·d_model (official default 2).
    pub expand: usize,
    /// Rank of Δ's projection (official "auto": ⌈d_model/16⌉).
    pub dt_rank: usize,
    /// Smallest initial step size (0.001).
    pub dt_min: f64,
    /// Largest initial step size (0.1).
    pub dt_max: f64,
    /// Floor of the initial step size (1e-4).
    pub dt_init_floor: f64,
    /// Scale of dt_proj's weights (1.0).
    pub dt_scale: f64,
}

impl MixerInit {
    /// The official defaults for a model of width `d_model`.
    pub fn new(d_model: usize) -> MixerInit {
        MixerInit {
            d_model,
            d_state: 16,
            d_conv: 4,
            expand: 2,
            dt_rank: d_model.div_ceil(16),
            dt_min: 0.001,
            dt_max: 0.1,
            dt_init_floor: 1e-4,
            dt_scale: 1.0,
        }
    }

    /// Initial weights drawn from `rng` as the official code draws them:
    /// - linear layers and the convolution like torch's default (kaiming-uniform with a = √5):
    ///   U(−1/√fan_in, 1/√fan_in), with fan_in = d_model, d_inner, or d_conv for the convolution
    ///   (whose bias has the same bound);
    /// - `dt_proj.weight` ~ U(−σ, σ) with σ = dt_rank^(−1/2)·dt_scale;
    /// - `dt_proj.bias` = softplus⁻¹(dt), dt log-uniform in [dt_min, dt_max], floored at
    ///   dt_init_floor, so that softplus(bias) starts as dt;
    /// - `A_log` = log(1, 2, …, N) in every row (S4D-real), `D` = 1.
    pub fn weights(&self, rng: &mut Rng) -> Result<MixerWeights> {
        let &MixerInit { d_model, d_state, d_conv, expand, dt_rank, .. } = self;
        let d_inner = d_model.saturating_mul(expand);
        let sizes = [d_model, d_state, d_conv, dt_rank, d_inner];
        if sizes.contains(&0) || sizes.iter().any(|&s| s > MAX_STATE) {
            return Err(SsmError::Domain(format!(
                "mixer sizes must be from 1 to {MAX_STATE}: {self:?}"
            )));
        }
        let dt_ok = 0.0 < self.dt_init_floor && 0.0 < self.dt_min && self.dt_min <= self.dt_max;
        if !dt_ok || !self.dt_scale.is_finite() || !self.dt_max.is_finite() {
            return Err(SsmError::Domain(format!(
                "need 0 < dt_min ≤ dt_max, dt_init_floor > 0 and a finite dt_scale: {self:?}"
            )));
        }
        let mut uniform = |rows, cols, bound: f64| {
            DMatrix::from_fn(rows, cols, |_, _| rng.uniform_in(-bound, bound))
        };
        let fan = |n: usize| 1.0 / (n as f64).sqrt();
        let in_proj = uniform(2 * d_inner, d_model, fan(d_model));
        let conv_weight = uniform(d_inner, d_conv, fan(d_conv));
        let conv_bias = uniform(d_inner, 1, fan(d_conv)).column(0).into_owned();
        let x_proj = uniform(dt_rank + 2 * d_state, d_inner, fan(d_inner));
        let dt_proj_weight = uniform(d_inner, dt_rank, fan(dt_rank) * self.dt_scale);
        let out_proj = uniform(d_model, d_inner, fan(d_inner));
        let dt_proj_bias = DVector::from_fn(d_inner, |_, _| {
            inverse_softplus(sample_dt(rng, self.dt_min, self.dt_max, self.dt_init_floor))
        });
        Ok(MixerWeights {
            in_proj,
            conv_weight,
            conv_bias,
            x_proj,
            dt_proj_weight,
            dt_proj_bias,
            a_log: DMatrix::from_fn(d_inner, d_state, |_, n| ((n + 1) as f64).ln()),
            d: DVector::from_element(d_inner, 1.0),
            out_proj,
        })
    }
}
