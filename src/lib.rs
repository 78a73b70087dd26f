//! # Mamba Explainer
//!
//! An interactive course and lab on state space models (SSMs) and Mamba. The numbers every lesson
//! shows are computed by [`ssm`]; the web app in `ui` only arranges, draws and animates them.
//!
//! ## Module map
//!
//! | module | what it is | targets |
//! |---|---|---|
//! | [`ssm`]  | the pure numerical core: continuous systems, `expm`, discretization, kernels, simulation, HiPPO, the selective scan (S6), parallel scans with traces, the Mamba block, toy tasks | all |
//! | [`explain`] | the lessons' models on top of [`ssm`]: worked examples, catalogues (presets, signals, example systems), checks each lesson shows | all |
//! | [`gpu`]  | wgpu compute: the selective scan and a prefix sum in WGSL, checked against [`ssm`] | all |
//! | [`plot`] | plotters figures, generic over `DrawingBackend` (canvas in the page, SVG natively) | all |
//! | [`course`] | the lessons in the order of the learning path, and each lesson's state as kept in the address | all |
//! | [`i18n`] | the English and Korean text catalogues | all |
//! | [`route`] | hash routes and the lesson state kept in their query | all |
//! | [`mathml`] | equations as MathML markup, with live numbers substituted | all |
//! | `ui`     | the Yew app: shell, hash router, MathML helper, components, lessons | wasm32 |
//! | `cli`    | the command line: `eval` (JSON in, JSON out), `bench`, `figure` | native |
//!
//! ## Invariants
//!
//! - Conventions: f64 on the CPU, f32 on the GPU. Shapes are written (rows, columns); sequences
//!   are (D, L) with channels in rows and time in columns; the state of one channel has N entries.
//! - [`ssm`] imports no `wgpu`, `web_sys`, `yew` or `plotters`; it does no I/O, and returns
//!   [`ssm::SsmError`] for every invalid shape or value instead of panicking.
//! - [`explain`] is pure like [`ssm`] (no `wgpu`, `web_sys`, `yew`, `plotters`, no I/O) and depends
//!   on [`ssm`] alone; it may know the lessons, [`ssm`] mentions no lesson, menu or URL.
//! - Dependencies point one way: `ui → plot, gpu, i18n → ssm` and `cli → ssm, plot, gpu`.
//! - `cfg(target_arch = "wasm32")` appears only in entry points (this file, `main.rs`,
//!   `bin/app.rs`), in `ui`, in `ssm::parallel` (threads natively, a loop in the page), in
//!   `ssm::lti::kernel` (the page builds its power-of-two FFT directly instead of linking rustfft's
//!   whole planner; tested bit for bit against it) and in the Cargo target tables.
//! - Each lesson has one serializable state type, used by the URL, presenter mode and tests.

pub mod course;
pub mod explain;
pub mod gpu;
pub mod i18n;
pub mod mathml;
pub mod plot;
pub mod route;
pub mod ssm;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod ui;
