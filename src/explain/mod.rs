//! The lessons' models: the worked examples, catalogues and checks each lesson shows, built on
//! the numerical core [`crate::ssm`]. This layer may know the lessons (their menus, their names
//! in the address); the core does not.
//!
//! **Invariant:** like `ssm`, `explain` is pure: it imports no `yew`, `web_sys`, `wgpu` or
//! `plotters`, does no I/O, and returns [`crate::ssm::SsmError`] for every invalid shape or value.
//! It depends on `ssm` only (never on `course`, `ui`, `plot`, `gpu` or `cli`).
//!
//! | module | lesson | contents |
//! |---|---|---|
//! | [`tracking`] | what a state is | a grid-world state vector, a Kalman filter on noisy positions |
//! | [`continuous`] | continuous, origins | preset systems, physical systems, signals, exact response, phase plane, character |
//! | [`examples`] | discretize, views | the example systems and token patterns of the discrete lessons |
//! | [`discretize`] | discretize | ZOH by hand, the three rules side by side |
//! | [`views`] | two views | recurrence steps, convolution terms, the three views and their cost |
//! | [`hippo`] | HiPPO | the LegS memory, what an LTI state remembers, curves to remember |
//! | [`scan`] | parallel scan | what each node of a scan holds, trace checks, the operand-order pitfall |
//! | [`selection`] | selection | the scan as weights, the text box, selective copying |
//! | [`hardware`] | hardware | the HBM traffic model, backward-pass memory, published GPUs, CPU kernels |

#![warn(missing_docs)]

pub mod continuous;
pub mod discretize;
pub mod examples;
pub mod hardware;
pub mod hippo;
pub mod scan;
pub mod selection;
pub mod tracking;
pub mod views;

#[cfg(test)]
mod names;
