//! # Mamba Explainer
//!
//! An interactive course and lab on state space models (SSMs) and Mamba. The numbers every lesson
//! shows are computed by [`ssm`]; the web app in `ui` only arranges, draws and animates them.
//!
//! ## Module map
//!
//! | module | what it is | targets |
//! |---|---|---|
//! | [`lm`] | a small Mamba language model with hand-written backward, AdamW, tasks and the training loop | all |
//! | [`ssm`]  | the pure numerical core: continuous systems, `expm`, discretization, kernels, simulation, HiPPO, the selective scan (S6), parallel scans with traces, the Mamba block, toy tasks | all |
//! | [`explain`] | the lessons' models on top of [`ssm`]: worked examples, catalogues (presets, signals, example systems), checks each lesson shows | all |
//! | [`gpu`]  | wgpu compute: the selective scan and a prefix sum in WGSL, checked against [`ssm`] | all |
//! | [`figures`] | the figure catalogue: every figure by id (`<lesson>/<figure>`), drawn from a lesson's URL state on any plotters backend, for the page, its downloads and `figure` | all |
//! | [`plot`] | plotters figures, generic over `DrawingBackend` (canvas in the page, SVG natively) | all |
//! | [`course`] | the lessons: the registry (`course/registry.rs`, every lesson once, in learning-path order) and each lesson's state as kept in the address | all |
//! | [`i18n`] | the English and Korean text catalogues (one file per lesson of the registry) | all |
//! | [`qr`] | QR codes of links (a view's address for students' phones), as modules and an SVG path | all |
//! | [`url`]  | the address's query: [`url::Query`], [`url::UrlState`], names of enum values ([`url::Named`]) | all |
//! | [`route`] | hash routes (`#/<lesson>[/<panel>]`) | all |
//! | [`format`] | how numbers are written: true minus, grouping, scientific, units, 만/억 | all |
//! | [`mathml`] | equations as MathML markup, with live numbers substituted | all |
//! | `ui`     | the Yew app: shell, hash router, MathML helper, components, lessons | wasm32 |
//! | `cli`    | the command line: `eval` (JSON in, JSON out), `bench` | native |
//!
//! ## Invariants
//!
//! - Conventions: f64 on the CPU, f32 on the GPU. Shapes are written (rows, columns); sequences
//!   are (D, L) with channels in rows and time in columns; the state of one channel has N entries.
//! - [`ssm`] imports no `wgpu`, `web_sys`, `yew` or `plotters`; it does no I/O, and returns
//!   [`ssm::SsmError`] for every invalid shape or value instead of panicking.
//! - [`explain`] is pure like [`ssm`] (no `wgpu`, `web_sys`, `yew`, `plotters`, no I/O) and depends
//!   on [`ssm`] alone; it may know the lessons, [`ssm`] mentions no lesson, menu or URL.
//! - Dependencies point one way: `ui → figures, plot, gpu, course, i18n → explain → ssm`;
//!   `figures → plot, course, i18n, explain`; `cli → figures, ssm, gpu`; `route → course → url` (and `i18n → course` for its file list); `url`
//!   and `format` depend on nothing else in the crate; `plot`, `mathml`, `course` and `ui` write
//!   numbers through `format`.
//! - `cfg(target_arch = "wasm32")` appears only in entry points (this file, `main.rs`,
//!   `bin/app.rs`), in `ui`, in `ssm::parallel` (threads natively, a loop in the page), in
//!   `ssm::lti::kernel` (the page builds its power-of-two FFT directly instead of linking rustfft's
//!   whole planner; tested bit for bit against it), on `lm`'s four hot loops (SIMD128 in the
//!   page through `#[target_feature]`) and in the Cargo target tables.
//! - Each lesson has one serializable state type, used by the URL, presenter mode and tests.

pub mod course;
pub mod explain;
pub mod figures;
pub mod format;
pub mod gpu;
pub mod i18n;
pub mod lm;
pub mod mathml;
pub mod plot;
pub mod qr;
pub mod route;
pub mod ssm;
pub mod url;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod ui;
