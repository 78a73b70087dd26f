//! Checkpoints as safetensors under the official names (f32, little-endian): written from a
//! model, and read back against the model the reader expects, so a file of another size or
//! kind is refused with a message naming the first mismatch and nothing is replaced.

use super::params::{LayerKind, LmConfig, LmError, Params};
use crate::ssm::StateDict;

/// The weights of `p` as the bytes of a `.safetensors` file.
pub fn encode(p: &Params<f32>) -> Result<Vec<u8>, LmError> {
    use safetensors::{Dtype, tensor::TensorView};
    let shapes = p.config.shapes();
    let bytes: Vec<Vec<u8>> =
        p.tensors.iter().map(|t| t.iter().flat_map(|v| v.to_le_bytes()).collect()).collect();
    let views = shapes
        .iter()
        .zip(&bytes)
        .map(|((name, shape), b)| {
            TensorView::new(Dtype::F32, shape.clone(), b).map(|v| (name.clone(), v))
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| LmError(format!("cannot build the checkpoint: {e}")))?;
    safetensors::serialize(views, None).map_err(|e| LmError(format!("cannot serialize: {e}")))
}

/// The weights in `bytes`, which must be exactly those of a model of `expected`'s sizes and kind:
/// the same names, each with its shape, and finite values.
pub fn decode(bytes: &[u8], expected: &LmConfig) -> Result<Params<f32>, LmError> {
    let dict = StateDict::from_safetensors(bytes).map_err(|e| LmError(e.to_string()))?;
    let mut p: Params<f32> = Params::from_state_dict(&dict, expected.kind, expected.gate)?;
    if expected.kind == LayerKind::S4 {
        // The S4 twin has no Δ projection, so its file cannot tell dt_rank; it is unused.
        p.config.dt_rank = expected.dt_rank;
    }
    if p.config != *expected {
        return Err(LmError(format!(
            "the file holds a model of other sizes (d_model {}, {} layers, N {}, vocabulary {}) \
             than this one (d_model {}, {} layers, N {}, vocabulary {})",
            p.config.d_model,
            p.config.layers,
            p.config.d_state,
            p.config.vocab,
            expected.d_model,
            expected.layers,
            expected.d_state,
            expected.vocab
        )));
    }
    if p.tensors.iter().flatten().any(|v| !v.is_finite()) {
        return Err(LmError("the file holds values that are not finite numbers".into()));
    }
    Ok(p)
}
