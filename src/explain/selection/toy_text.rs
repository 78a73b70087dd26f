//! A sentence through a tiny selective SSM whose projections are set by hand, so that the
//! learner can see which token gets which Δ, B and C, and why.
//!
//! ## From text to the scan's inputs
//!
//! 1. [`tokenize`]: words (runs of letters and digits) and single punctuation marks, at most
//!    [`MAX_TOKENS`].
//! 2. [`embed`]: each token becomes [`FEATURES`] numbers e_t, the same for the same word
//!    (letters compared in lower case): e₀ its length (`(letters − 4)/3`, a Hangul syllable
//!    counting two letters since it packs two or three), e₁ = 1 for punctuation, and e₂…e₄ three
//!    "identity" numbers drawn from N(0, ¼) with the word's FNV-1a hash as the seed — what a
//!    trained model would learn, here random but fixed.
//! 3. The projections, as Mamba's `x_proj` and `dt_proj` but set by hand:
//!    - Δ_t = s · softplus(W_Δ e_t + b_Δ), one row per channel ([`CHANNELS`] = 4):
//!      channel 0 grows with the word's length (long words get attention), channel 1 opens on
//!      punctuation (a full stop wipes the memory), channel 2 has W = 0 (the same Δ for every
//!      token, as in S4), channel 3 follows the first identity number. s is the learner's scale.
//!    - x_t = W_x e_t (the channel inputs), B_t = W_B e_t and C_t = W_C e_t ([`STATE`] = 8
//!      numbers each): fixed random matrices drawn from N(0, 1/FEATURES) with [`PROJECTION_SEED`].
//!    - A_{d,n} = −(n + 1), as Mamba's initialisation (S4D-real).
//!
//! With `frozen`, Δ, B and C are replaced by their averages over the sentence: the same model
//! made time-invariant, for comparison.

use crate::ssm::selective::softplus;
use crate::ssm::{Result, Rng, SelectiveScanInput, SsmError};
use nalgebra::{DMatrix, DVector};

/// Most tokens taken from the text.
pub const MAX_TOKENS: usize = 24;
/// Numbers in a token's embedding.
pub const FEATURES: usize = 5;
/// Channels D.
pub const CHANNELS: usize = 4;
/// State size N of each channel.
pub const STATE: usize = 8;
/// Seed of the random projections W_x, W_B, W_C.
pub const PROJECTION_SEED: u64 = 20_231_201;

/// The hand-set Δ projection: W_Δ (CHANNELS × FEATURES) and b_Δ (CHANNELS).
pub fn delta_projection() -> (DMatrix<f64>, DVector<f64>) {
    #[rustfmt::skip]
    let w = DMatrix::from_row_slice(CHANNELS, FEATURES, &[
        // length, punctuation, identity 1, 2, 3
        1.5, 0.0, 0.0, 0.0, 0.0, // long words
        0.0, 5.0, 0.0, 0.0, 0.0, // punctuation
        0.0, 0.0, 0.0, 0.0, 0.0, // no selection (S4-like)
        0.0, 0.0, 3.0, 0.0, 0.0, // word identity
    ]);
    let b = DVector::from_row_slice(&[-2.0, -4.0, -2.0, -2.0]);
    (w, b)
}

/// The words and punctuation marks of `text`, in order, at most [`MAX_TOKENS`]; the flag says
/// whether tokens were dropped.
pub fn tokenize(text: &str) -> (Vec<String>, bool) {
    let mut tokens = Vec::new();
    let mut word = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            word.push(ch);
            continue;
        }
        if !word.is_empty() {
            tokens.push(std::mem::take(&mut word));
        }
        if !ch.is_whitespace() && !ch.is_control() {
            tokens.push(ch.to_string());
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    let dropped = tokens.len() > MAX_TOKENS;
    tokens.truncate(MAX_TOKENS);
    (tokens, dropped)
}

/// FNV-1a, 64 bits: a fixed, well-spread hash of the bytes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A token's embedding (module doc, step 2).
pub fn embed(token: &str) -> [f64; FEATURES] {
    let hangul = |c: char| ('\u{AC00}'..='\u{D7A3}').contains(&c);
    let letters: usize =
        token.chars().filter(|c| c.is_alphanumeric()).map(|c| if hangul(c) { 2 } else { 1 }).sum();
    let punctuation = letters == 0;
    let mut rng = Rng::new(fnv1a(token.to_lowercase().as_bytes()));
    let mut e = [0.0; FEATURES];
    e[0] = (letters.min(12) as f64 - 4.0) / 3.0;
    e[1] = f64::from(u8::from(punctuation));
    for x in &mut e[2..] {
        *x = 0.5 * rng.normal();
    }
    e
}

/// A sentence made ready for the selective scan.
#[derive(Debug, Clone, PartialEq)]
pub struct TextModel {
    /// The tokens, as typed.
    pub tokens: Vec<String>,
    /// Whether the text had more than [`MAX_TOKENS`] tokens (the rest is dropped).
    pub truncated: bool,
    /// The embeddings, one column per token, (FEATURES, L).
    pub embeddings: DMatrix<f64>,
    /// The scan's input: u = x (D, L); Δ (D, L) already scaled (no bias, no softplus in the
    /// scan); A (D, N); B and C (N, L).
    pub input: SelectiveScanInput,
}

/// The three fixed random projections (W_x, W_B, W_C).
fn random_projections() -> (DMatrix<f64>, DMatrix<f64>, DMatrix<f64>) {
    let mut rng = Rng::new(PROJECTION_SEED);
    let scale = 1.0 / (FEATURES as f64).sqrt();
    let mut draw = |rows| DMatrix::from_fn(rows, FEATURES, |_, _| scale * rng.normal());
    let w_x = draw(CHANNELS);
    let w_b = draw(STATE);
    let w_c = draw(STATE);
    (w_x, w_b, w_c)
}

/// Replaces each row of `m` by its average over the columns.
fn row_means(m: &DMatrix<f64>) -> DMatrix<f64> {
    let l = m.ncols() as f64;
    DMatrix::from_fn(m.nrows(), m.ncols(), |i, _| m.row(i).sum() / l)
}

/// The model of `text` with Δ scaled by `scale` (module doc); `frozen` makes it time-invariant.
/// Refuses a text without tokens and a scale outside (0, 100].
pub fn text_model(text: &str, scale: f64, frozen: bool) -> Result<TextModel> {
    if !(scale.is_finite() && scale > 0.0 && scale <= 100.0) {
        return Err(SsmError::Domain(format!("the Δ scale must be in (0, 100], got {scale}")));
    }
    let (tokens, truncated) = tokenize(text);
    if tokens.is_empty() {
        return Err(SsmError::Domain("the text has no words or punctuation to scan".into()));
    }
    let l = tokens.len();
    let embeddings = DMatrix::from_fn(FEATURES, l, |i, t| embed(&tokens[t])[i]);
    let (w_delta, b_delta) = delta_projection();
    let (w_x, w_b, w_c) = random_projections();
    // Eqn: Δ_t = s · softplus(W_Δ e_t + b_Δ).
    let pre = &w_delta * &embeddings;
    let mut delta =
        DMatrix::from_fn(CHANNELS, l, |d, t| scale * softplus(pre[(d, t)] + b_delta[d]));
    let mut b = &w_b * &embeddings;
    let mut c = &w_c * &embeddings;
    if frozen {
        delta = row_means(&delta);
        b = row_means(&b);
        c = row_means(&c);
    }
    let input = SelectiveScanInput {
        u: &w_x * &embeddings,
        delta,
        a: DMatrix::from_fn(CHANNELS, STATE, |_, n| -((n + 1) as f64)),
        b,
        c,
        d: None,
        z: None,
        delta_bias: None,
        delta_softplus: false,
    };
    input.validate()?;
    Ok(TextModel { tokens, truncated, embeddings, input })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::selection::mixing_matrix;
    use crate::ssm::BRule;

    #[test]
    fn tokens_are_words_and_punctuation() {
        let (t, cut) = tokenize("The cat, 2 cats... 고양이가 잔다!");
        assert_eq!(t, ["The", "cat", ",", "2", "cats", ".", ".", ".", "고양이가", "잔다", "!"]);
        assert!(!cut);
        let (long, cut) = tokenize(&"a ".repeat(40));
        assert_eq!(long.len(), MAX_TOKENS);
        assert!(cut);
        assert!(tokenize("   ").0.is_empty());
    }

    #[test]
    fn the_same_word_gets_the_same_embedding_and_others_differ() {
        assert_eq!(embed("Mamba"), embed("mamba"));
        assert_ne!(embed("mamba"), embed("python"));
        let dot = embed(".");
        assert_eq!((dot[0], dot[1]), (-4.0 / 3.0, 1.0));
        // Length: a Hangul syllable counts as two letters.
        assert_eq!(embed("학교")[0], embed("abcd")[0]);
        assert!(embed("extraordinary")[0] > embed("cat")[0]);
    }

    #[test]
    fn the_hand_set_steps_do_what_the_doc_says() {
        let m = text_model("the extraordinary cat sat . the", 1.0, false).unwrap();
        let delta = &m.input.delta;
        // Channel 0: the long word gets a larger Δ than "the".
        assert!(delta[(0, 1)] > 5.0 * delta[(0, 0)]);
        // Channel 1: the full stop opens the gate.
        assert!(delta[(1, 4)] > 20.0 * delta[(1, 3)]);
        // Channel 2: no selection, the same Δ everywhere.
        assert!(delta.row(2).iter().all(|&x| (x - delta[(2, 0)]).abs() < 1e-15));
        // Repeated words get identical Δ, B, C.
        for d in 0..CHANNELS {
            assert_eq!(delta[(d, 0)], delta[(d, 5)]);
        }
        assert_eq!(m.input.b.column(0), m.input.b.column(5));
        // Scaling multiplies every Δ.
        let scaled = text_model("the extraordinary cat sat . the", 4.0, false).unwrap();
        assert!(((&scaled.input.delta - delta * 4.0).abs().max()) < 1e-12);
    }

    #[test]
    fn frozen_parameters_give_a_time_invariant_mixing_matrix() {
        let m = text_model("a long sentence, with several different words.", 1.0, true).unwrap();
        let alpha = mixing_matrix(&m.input, BRule::Euler, 0).unwrap();
        let l = m.tokens.len();
        for t in 1..l {
            assert!((alpha[(t, t - 1)] - alpha[(1, 0)]).abs() < 1e-12);
        }
        let live =
            text_model("a long sentence, with several different words.", 1.0, false).unwrap();
        let alpha = mixing_matrix(&live.input, BRule::Euler, 0).unwrap();
        assert!((1..l).any(|t| (alpha[(t, t - 1)] - alpha[(1, 0)]).abs() > 1e-3));
    }

    #[test]
    fn empty_text_and_bad_scales_are_refused() {
        assert!(text_model(" \n ", 1.0, false).is_err());
        assert!(text_model("ok", 0.0, false).is_err());
        assert!(text_model("ok", f64::NAN, false).is_err());
    }
}
