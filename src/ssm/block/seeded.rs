//! A small seeded language-model front end: text becomes tokens (one per character), tokens
//! become vectors through a seeded embedding table, and a stack of residual Mamba blocks with
//! the official initialisation runs over them. Nothing is trained: the numbers show how tensors
//! flow and what shapes they have, not what a trained model would compute.

use super::mixer::{Mixer, ResidualBlock, RmsNorm};
use super::weights::MixerInit;
use crate::ssm::{MAX_STATE, Result, Rng, SsmError};
use nalgebra::{DMatrix, DVector};

/// The embedding of each character of `chars`, (L, d_model): every distinct character has its
/// own N(0, 1) vector, drawn from a generator seeded by `seed` and the character's code point,
/// so the same character gets the same row wherever it appears.
pub fn embed_chars(chars: &[char], d_model: usize, seed: u64) -> Result<DMatrix<f64>> {
    if chars.is_empty() || chars.len() > MAX_STATE {
        return Err(SsmError::Domain(format!(
            "the text must have from 1 to {MAX_STATE} characters, got {}",
            chars.len()
        )));
    }
    if d_model == 0 || d_model > MAX_STATE {
        return Err(SsmError::Domain(format!("d_model = {d_model} must be from 1 to {MAX_STATE}")));
    }
    let mut x = DMatrix::zeros(chars.len(), d_model);
    for (t, &ch) in chars.iter().enumerate() {
        let mut rng = Rng::new(seed.rotate_left(32) ^ u64::from(ch));
        for v in x.row_mut(t).iter_mut() {
            *v = rng.normal();
        }
    }
    Ok(x)
}

/// `layers` residual blocks drawn by the official recipe ([`MixerInit::weights`]) from one
/// generator seeded by `seed`, each with an RMSNorm of weight 1 (its initial value).
pub fn seeded_stack(init: MixerInit, layers: usize, seed: u64) -> Result<Vec<ResidualBlock>> {
    if layers == 0 || layers > 64 {
        return Err(SsmError::Domain(format!("a stack has 1 to 64 blocks, got {layers}")));
    }
    let mut rng = Rng::new(seed);
    (0..layers)
        .map(|_| {
            let mixer = Mixer::new(init.weights(&mut rng)?)?;
            let norm = RmsNorm::new(DVector::from_element(init.d_model, 1.0))?;
            Ok(ResidualBlock { norm, mixer })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_character_gets_the_same_vector() {
        let chars: Vec<char> = "abca상".chars().collect();
        let x = embed_chars(&chars, 6, 1).unwrap();
        assert_eq!(x.shape(), (5, 6));
        assert_eq!(x.row(0), x.row(3));
        assert_ne!(x.row(0), x.row(1));
        assert_ne!(x.row(4), x.row(2));
        assert_ne!(embed_chars(&chars, 6, 2).unwrap(), x);
        assert_eq!(embed_chars(&chars, 6, 1).unwrap(), x);
        assert!(embed_chars(&[], 6, 1).is_err());
        assert!(embed_chars(&chars, 0, 1).is_err());
    }

    #[test]
    fn a_seeded_stack_has_distinct_blocks_and_is_reproducible() {
        let init = MixerInit { d_state: 4, ..MixerInit::new(8) };
        let stack = seeded_stack(init, 2, 7).unwrap();
        assert_eq!(stack.len(), 2);
        assert_ne!(stack[0].mixer, stack[1].mixer);
        assert_eq!(stack[1].mixer.dims().d_state, 4);
        assert_eq!(seeded_stack(init, 2, 7).unwrap(), stack);
        assert_ne!(seeded_stack(init, 2, 8).unwrap(), stack);
        assert!(seeded_stack(init, 0, 7).is_err());
    }
}
