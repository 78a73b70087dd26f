//! The selection lesson's models: the selective scan read as weights, a text box through a
//! hand-set selective layer, and selective copying by fixed-Δ and selective models.
//!
//! | file | contents |
//! |---|---|
//! | `mixing` | the selective scan as weights: of each input in the last state, the mixing matrix y = α u, [`footprint`] against attention |
//! | `toy_text` | the text box: [`tokenize`], a seeded [`embed`]ding, hand-set Δ and random B, C projections |
//! | `copying` | selective copying by a fixed-Δ and a hand-set selective model, read by a fitted linear readout |

mod copying;
mod mixing;
mod toy_text;

pub use copying::{
    CopyingReport, CopyingTask, Readout, StepProjection, StepRule, TEST_SEED, TRAIN_SEED,
    copying_input, run_copying,
};
pub use mixing::{
    BRuleComparison, Footprint, compare_b_rules, final_state_weights, footprint, mixing_matrix,
    output_shares, step_coefficients,
};
pub use toy_text::{
    CHANNELS, FEATURES, MAX_TOKENS, PROJECTION_SEED, STATE, TextModel, delta_projection, embed,
    text_model, tokenize,
};
