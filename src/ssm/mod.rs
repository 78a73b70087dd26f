//! The numerical core: state space models from the continuous system to the Mamba block.
//!
//! Pure Rust on nalgebra (and rustfft), f64 throughout, no I/O, no web, no GPU. Every function
//! that can receive a bad shape or value returns [`Result`]; nothing here panics on user input.
//!
//! | file | contents |
//! |---|---|
//! | `error`  | [`SsmError`] and the size limits checked before any allocation |
//! | `validate` | shared input checks: finiteness, sizes, the work limit [`MAX_WORK`] |
//! | `continuous` | [`Continuous`] (A, B, C, D), eigenvalues, [`Stability`] |
//! | `expm` | [`expm`] (Padé scaling and squaring), [`taylor_partial_sums`] |
//! | `discretize` | [`Step`], [`Method`] (ZOH, bilinear, Euler), [`Discretized`], [`discretize`] |
//! | `zoh` | the lesson views of ZOH: [`b_bar_quadrature`], [`b_bar_integral`], [`euler_substeps`], [`euler_path`] |
//! | `rules` | ZOH, bilinear and Euler side by side: [`compare_rules`], [`eigenvalue_locus`], [`euler_step_limit`] |
//! | `kernel` | [`kernel`] K_k = C Abar^k Bbar, [`convolve_direct`], [`convolve_fft`], [`convolve_fft_spectra`] |
//! | `simulate` | [`recurrence`] with all states, [`simulate`] by [`View`], [`held_response`] |
//! | `cost` | [`OpCount`] of each view, for the cost counters |
//! | `views` | the two-views lesson: [`recurrence_steps`], [`convolution_terms`], [`three_views`], [`view_cost`] |
//! | `hippo` | [`Hippo`] LegS, LegT, S4D-Lin, S4D-Real |
//! | `memory` | [`LegsMemory`]: stream a signal, reconstruct its history; [`legs_states`], [`LegsStep`] (HiPPO's 1/k or S4's fixed Δ), [`legs_delay_readout`] |
//! | `recall` | [`LtiMemory`]: what an LTI state remembers, read back by ridge regression after rounding to a [`Precision`]; the compared [`MemorySystem`]s |
//! | `curves` | [`CurveKind`] preset signals and hand-drawn curves from knots |
//! | `physical` | [`mass_spring_damper`], [`rlc_series`] |
//! | `signals` | input signals for the continuous lessons: [`Signal`] (step, impulse, sine, square, tokens), [`SampledInput`] |
//! | `response` | [`respond`]: exact continuous response to a sampled input, or with a tanh in the update ([`Update`]); [`superposition`], [`convolution_check`] |
//! | `phase` | the phase plane: [`rate`] h' = Ah + Bx, [`vector_field`], [`equilibrium`], [`euler_walk`] |
//! | `presets` | [`Preset`]: the named 2-state systems of the continuous lesson |
//! | `character` | [`character`] (natural frequency, damping ratio, [`Regime`]) and [`memory_time`] of a 2-state system |
//! | `rng`    | [`Rng`]: a seeded xoshiro256** generator (uniform, normal, shuffle) |
//! | `scan`   | [`Monoid`], [`Sum`], [`SsmPair`]; sequential, Hillis–Steele and Blelloch scans with traces |
//! | `scan_explain` | the scan lesson's checks: the [`Word`] each node holds, [`check_trace`] against the sequential folds, [`combine_at`], [`Swapped`], its two examples |
//! | `hardware` | lesson 11: the HBM traffic model (naive vs fused), backward-pass memory, [`PUBLISHED_GPUS`], materialized and fused CPU kernels |
//! | `selective` | the selective scan (S6) as the official `selective_scan_ref`, ZOH or Euler B, channel traces |
//! | `sweep`  | the CPU kernels of the selective scan (blocked SIMD-friendly sweep, scan-based paths) |
//! | `lanes`  | a vectorizable `exp`/`expm1` for the kernels |
//! | `parallel` | rayon natively, a plain loop on wasm32: with `weights`' safetensors reader, the only target-dependent code here |
//! | `tracking` | lesson 1's examples: a grid-world state vector, a Kalman filter on noisy positions |
//! | `weights` | [`Tensor`], [`StateDict`] (JSON, safetensors), [`MixerWeights`] with the official names, [`MixerInit`] |
//! | `block`  | [`Mixer`] (the Mamba block's mixer, with [`MixerTrace`] of every tensor), [`RmsNorm`], [`ResidualBlock`] |
//! | `recurrent` | the Mamba block in recurrent mode: [`MixerState`], `Mixer::step`, `ResidualBlock::step`, [`step_stack`] |
//! | `attention` | single-head causal [`Attention`], full and step-by-step with a [`KvCache`] |
//! | `rnn` | an Elman [`RnnCell`] |
//! | `decode` | [`Decoder`]: one-token generation for the three; [`inference_values`] of a hybrid stack |
//! | `toy` | the block lesson's seeded character embedding and block stack |
//! | `tasks`  | seeded selective-copying and induction-heads examples |
//! | `mixing` | the selective scan as weights: of each input in the last state, the mixing matrix y = α u, [`footprint`] against attention |
//! | `toy_text` | the text box: [`tokenize`], a seeded [`embed`]ding, hand-set Δ and random B, C projections |
//! | `copying` | selective copying by a fixed-Δ and a hand-set selective model, read by a fitted linear readout |

#![warn(missing_docs)]

mod attention;
mod block;
mod character;
mod continuous;
mod copying;
mod cost;
mod curves;
mod decode;
mod discretize;
mod error;
mod expm;
mod hardware;
mod hippo;
mod kernel;
mod lanes;
mod memory;
mod mixing;
pub(crate) mod parallel;
mod phase;
mod physical;
mod presets;
mod recall;
mod recurrent;
mod response;
mod rng;
mod rnn;
mod rules;
mod scan;
mod scan_explain;
mod selective;
mod signals;
mod simulate;
mod sweep;
mod tasks;
mod toy;
mod toy_text;
mod tracking;
mod validate;
mod views;
mod weights;
mod zoh;

pub use attention::{Attention, KvCache};
pub use block::{BlockTrace, Mixer, MixerTrace, ResidualBlock, RmsNorm, run_stack, trace_stack};
pub use character::{Character, Regime, character, memory_time};
pub use continuous::{Continuous, Stability};
pub use copying::{
    CopyingReport, CopyingTask, Readout, StepProjection, StepRule, TEST_SEED, TRAIN_SEED,
    copying_input, run_copying,
};
pub use cost::{
    OpCount, direct_convolution_cost, fft_convolution_cost, kernel_cost, recurrence_cost,
};
pub use curves::{CurveKind, knot_step, knots_to_samples, samples_to_knots};
pub use decode::{Decoder, LayerKind, inference_values};
pub use discretize::{Discretized, Method, Step, discretize};
pub use error::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError};
pub use expm::{TaylorPartialSum, expm, taylor_partial_sums};
pub use hardware::{
    BackwardMemory, GpuSpec, IoProblem, IoStage, IoTensor, MAX_MATERIALIZED, OnChip,
    PUBLISHED_GPUS, STATE_BYTES, StageIo, backward_memory, channel_slice, fused_stages,
    naive_stages, on_chip, scan_fused, scan_materialized, traffic, transfer_ms,
};
pub use hippo::{Hippo, HippoKind};
pub use kernel::{
    FftConvolution, convolve_direct, convolve_fft, convolve_fft_spectra, fft_len, kernel,
};
pub use memory::{
    KernelViews, LegsMemory, LegsRecall, LegsStep, legendre_series, legs_delay_readout,
    legs_errors_by_size, legs_fixed, legs_fixed_views, legs_impulse_responses, legs_output,
    legs_recall, legs_recall_errors, legs_states, response_spread, scaled_legendre,
};
pub use mixing::{
    BRuleComparison, Footprint, compare_b_rules, final_state_weights, footprint, mixing_matrix,
    output_shares, step_coefficients,
};
pub use phase::{EulerWalk, FieldArrow, equilibrium, euler_walk, rate, vector_field};
pub use physical::{mass_spring_damper, rlc_series};
pub use presets::Preset;
pub use recall::{LtiMemory, MemoryComparison, MemorySystem, Precision, Recall, random_stable};
pub use recurrent::{MixerState, step_stack};
pub use response::{
    ConvolutionCheck, Response, Superposition, Update, convolution_check, respond, superposition,
};
pub use rng::Rng;
pub use rnn::RnnCell;
pub use rules::{
    LocusPoint, RuleComparison, RuleSamples, compare_rules, eigenvalue_locus, euler_step_limit,
};
pub use scan::{
    MAX_TRACE_LEN, Monoid, Phase, ScanAlgorithm, ScanCost, ScanStep, ScanTrace, SsmPair, Sum, cost,
    inclusive_scan, scan_blelloch, scan_hillis_steele, scan_sequential, trace_blelloch,
    trace_hillis_steele,
};
pub use scan_explain::{
    CombineAt, MAX_CHECK_LEN, MAX_EXAMPLE_LEN, Measured, NodeCheck, PairExample, StepCheck,
    Swapped, Word, array_before, check_result, check_trace, combine_at, digits, finishing_combine,
    fold_word, inclusive_result, max_scaled_difference, sequential_states, ssm_pairs, word_trace,
};
pub use selective::{
    BRule, ChannelStep, ChannelTrace, ScanDims, SelectiveScanInput, SelectiveScanOutput,
    inverse_softplus, sample_dt, selective_scan, silu, softplus, trace_channel,
};
pub use signals::{SampledInput, Signal, SignalKind, TOKEN_VALUES};
pub use simulate::{HeldResponse, Trajectory, View, held_response, recurrence, simulate};
pub use tasks::{InductionHeads, NOISE, SelectiveCopying, induction_heads, selective_copying};
pub use toy::{embed_chars, seeded_stack};
pub use toy_text::{
    CHANNELS, FEATURES, MAX_TOKENS, PROJECTION_SEED, STATE, TextModel, delta_projection, embed,
    text_model, tokenize,
};
pub use tracking::{GridWorld, Move, TrackStep, Tracking, prediction_errors};
pub use validate::MAX_WORK;
pub use views::{
    RecurrenceStep, ThreeViews, ViewCost, convolution_terms, recurrence_steps, three_views,
    view_cost,
};
pub use weights::{MixerDims, MixerInit, MixerWeights, StateDict, Tensor};
pub use zoh::{
    BBarIntegral, EulerEstimate, EulerPath, QuadratureEstimate, b_bar_integral, b_bar_quadrature,
    euler_path, euler_substeps,
};
