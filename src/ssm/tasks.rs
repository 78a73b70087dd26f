//! The two synthetic tasks of the Mamba paper (§3.1, §4.1) that need selection, as seeded data
//! seeded, to draw or to train on: selective copying and induction heads.
//!
//! Tokens are small integers. Selective copying: 0 is noise, 1…colors are the coloured data
//! tokens, colors + 1 is the marker that asks for the next answer. Induction heads: 1…vocab−1 are
//! ordinary tokens and `vocab` is the trigger.

use super::error::{MAX_LEN, Result, SsmError};
use super::rng::Rng;
use serde::Serialize;

/// The noise token of selective copying.
pub const NOISE: usize = 0;

/// One selective-copying example: data tokens scattered among noise, then one marker per data
/// token; the answer is the data tokens in order (a time-invariant model cannot skip the noise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelectiveCopying {
    /// The input: `len` tokens of noise and data, then `targets.len()` markers.
    pub tokens: Vec<usize>,
    /// Where the data tokens are in `tokens`, increasing.
    pub positions: Vec<usize>,
    /// The data tokens in order: what the model must output at the markers.
    pub targets: Vec<usize>,
    /// The marker token (colors + 1).
    pub marker: usize,
    /// Number of distinct tokens (noise, colours and marker).
    pub vocab_size: usize,
}

/// A selective-copying example with `data` tokens drawn from `colors` colours, placed at
/// distinct random positions of a context of `len` tokens.
pub fn selective_copying(
    len: usize,
    data: usize,
    colors: usize,
    rng: &mut Rng,
) -> Result<SelectiveCopying> {
    if data == 0 || colors == 0 || data > len {
        return Err(SsmError::Domain(format!(
            "selective copying needs 1 ≤ data ≤ len and colors ≥ 1; got len {len}, data {data}, \
             colors {colors}"
        )));
    }
    if len + data > MAX_LEN {
        return Err(SsmError::TooLarge(format!("{} tokens: at most {MAX_LEN}", len + data)));
    }
    // Choose the positions by a partial Fisher–Yates shuffle of 0..len, then sort them.
    let mut slots: Vec<usize> = (0..len).collect();
    for i in 0..data {
        let j = i + rng.below(len - i);
        slots.swap(i, j);
    }
    let mut positions = slots[..data].to_vec();
    positions.sort_unstable();
    let targets: Vec<usize> = (0..data).map(|_| 1 + rng.below(colors)).collect();
    let marker = colors + 1;
    let mut tokens = vec![NOISE; len + data];
    for (&p, &t) in positions.iter().zip(&targets) {
        tokens[p] = t;
    }
    tokens[len..].fill(marker);
    Ok(SelectiveCopying { tokens, positions, targets, marker, vocab_size: colors + 2 })
}

/// One induction-heads example: a trigger token followed by a value appears once in a random
/// sequence; the sequence ends with the trigger again, and the answer is that value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InductionHeads {
    /// The input; its last token is the trigger.
    pub tokens: Vec<usize>,
    /// The trigger token (= vocab), which appears exactly twice.
    pub trigger: usize,
    /// Where the trigger first appears; the value follows it.
    pub trigger_position: usize,
    /// The answer: the token after the first trigger.
    pub target: usize,
}

/// An induction-heads example of `len` tokens over ordinary tokens 1…vocab−1 and the trigger.
pub fn induction_heads(len: usize, vocab: usize, rng: &mut Rng) -> Result<InductionHeads> {
    if len < 3 || vocab < 2 {
        return Err(SsmError::Domain(format!(
            "induction heads needs len ≥ 3 (trigger, value, trigger) and vocab ≥ 2; got len \
             {len}, vocab {vocab}"
        )));
    }
    if len > MAX_LEN {
        return Err(SsmError::TooLarge(format!("{len} tokens: at most {MAX_LEN}")));
    }
    let trigger = vocab;
    let mut tokens: Vec<usize> = (0..len).map(|_| 1 + rng.below(vocab - 1)).collect();
    // The first trigger goes anywhere that leaves room for its value before the final trigger.
    let trigger_position = rng.below(len - 2);
    tokens[trigger_position] = trigger;
    tokens[len - 1] = trigger;
    let target = tokens[trigger_position + 1];
    Ok(InductionHeads { tokens, trigger, trigger_position, target })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selective_copying_hides_the_targets_in_order_among_noise() {
        let mut rng = Rng::new(5);
        for (len, data, colors) in [(1, 1, 1), (12, 4, 3), (100, 16, 8), (16, 16, 2)] {
            let ex = selective_copying(len, data, colors, &mut rng).unwrap();
            assert_eq!(ex.tokens.len(), len + data);
            assert!(ex.positions.windows(2).all(|w| w[0] < w[1]));
            let data_tokens: Vec<usize> =
                ex.tokens[..len].iter().copied().filter(|&t| t != NOISE).collect();
            assert_eq!(data_tokens, ex.targets);
            assert!(ex.targets.iter().all(|&t| (1..=colors).contains(&t)));
            assert!(ex.tokens[len..].iter().all(|&t| t == ex.marker));
            assert_eq!(ex.vocab_size, colors + 2);
        }
        assert_eq!(
            selective_copying(50, 5, 4, &mut Rng::new(9)),
            selective_copying(50, 5, 4, &mut Rng::new(9))
        );
        assert!(selective_copying(3, 4, 2, &mut rng).is_err());
        assert!(selective_copying(3, 0, 2, &mut rng).is_err());
    }

    #[test]
    fn induction_heads_answer_is_the_token_after_the_first_trigger() {
        let mut rng = Rng::new(6);
        for (len, vocab) in [(3, 2), (10, 5), (256, 16)] {
            for _ in 0..20 {
                let ex = induction_heads(len, vocab, &mut rng).unwrap();
                assert_eq!(ex.tokens.len(), len);
                assert_eq!(*ex.tokens.last().unwrap(), ex.trigger);
                assert_eq!(ex.tokens.iter().filter(|&&t| t == ex.trigger).count(), 2);
                assert_eq!(ex.tokens[ex.trigger_position], ex.trigger);
                assert_eq!(ex.tokens[ex.trigger_position + 1], ex.target);
                assert_ne!(ex.target, ex.trigger);
            }
        }
        assert!(induction_heads(2, 5, &mut rng).is_err());
        assert!(induction_heads(10, 1, &mut rng).is_err());
    }
}
