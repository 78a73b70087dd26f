//! The scenes of every lesson's tour (their captions and notes are in the lesson's catalogue
//! file, `<slug>.tour.<n>.caption` / `.notes`).

use super::Scene;
use crate::course::Lesson;

const fn s(
    query: &'static str,
    figures: &'static [&'static str],
    controls: &'static [&'static str],
    equation: Option<usize>,
) -> Scene {
    Scene { query, figures, controls, equation }
}

/// The tour of `lesson`.
pub(super) fn of(lesson: Lesson) -> &'static [Scene] {
    match lesson {
        Lesson::State => STATE,
        Lesson::Continuous => CONTINUOUS,
        Lesson::Discretize => DISCRETIZE,
        Lesson::Views => VIEWS,
        Lesson::Hippo => HIPPO,
        Lesson::Selection => SELECTION,
        Lesson::Train => TRAIN,
        Lesson::Compare => COMPARE,
        Lesson::Scan => SCAN,
        Lesson::Hardware => HARDWARE,
        Lesson::Block => BLOCK,
        Lesson::Origins => ORIGINS,
    }
}

// 8½. Train it yourself: the shipped models first, then what each learned.
const TRAIN: &[Scene] = &[
    s("", &["train/accuracy"], &[], None),
    s("", &["train/loss"], &[], None),
    s("", &["train/spectra"], &[], None),
    s("gate=0", &["train/accuracy"], &["train-gate"], None),
];

// 1. A state is what you must know to predict what comes next.
const STATE: &[Scene] = &[
    s("moves=", &["state/grid"], &[], None),
    s("moves=RRU", &["state/grid"], &[], None),
    s("moves=RRUURRUU", &["state/grid"], &[], None),
    s("k=25&truth=1", &["state/track"], &["state-k"], None),
    s("k=25&noise=1.5&truth=1", &["state/track"], &["state-noise"], None),
];

// 2–3. The continuous SSM: how h′ moves the state, and why linearity matters.
const CONTINUOUS: &[Scene] = &[
    s("x=step", &["continuous/phase"], &["continuous-t"], Some(0)),
    s("x=step", &["continuous/input", "continuous/state", "continuous/output"], &[], None),
    s("x=impulse", &["continuous/phase"], &["continuous-input"], None),
    s("edt=0.5", &["continuous/euler"], &["continuous-euler-dt"], None),
    s("edt=0.05", &["continuous/euler"], &["continuous-euler-dt"], None),
    s("tanh=0", &["continuous/superposition"], &["continuous-x1", "continuous-x2"], None),
    s("tanh=1&x1=2&x2=2", &["continuous/superposition"], &["continuous-tanh"], None),
    s("", &["continuous/convolution"], &[], None),
];

// 4. Zero-order hold: Ā = exp(ΔA) and B̄.
const DISCRETIZE: &[Scene] = &[
    s("d=0.5&x=mixed", &["discretize/hold"], &["disc-delta"], None),
    s("d=0.1&x=impulse", &["discretize/hold"], &["disc-delta"], None),
    s("d=2&x=impulse", &["discretize/hold"], &["disc-delta"], None),
    s("d=1&k=3", &["discretize/square", "discretize/taylor-error"], &["disc-order"], Some(2)),
    s("d=1&n=8", &["discretize/euler", "discretize/euler-error"], &["disc-substeps"], Some(0)),
    s("d=1&q=8", &["discretize/integral"], &["disc-strips"], Some(0)),
    s("sys=oscillator&d=0.5", &["discretize/eigen"], &["disc-delta", "disc-method"], None),
];

// 5. Two views of one LTI system.
const VIEWS: &[Scene] = &[
    s("x=impulse&k=8", &["views/outputs"], &["views-k"], None),
    s("x=mixed&k=6", &["views/state", "views/slide"], &["views-k"], Some(0)),
    s("x=mixed&k=20", &["views/outputs"], &["views-k"], None),
    s("x=mixed", &["views/spectra"], &[], None),
    s("n=64", &["views/work", "views/sequential"], &["views-states"], None),
    s("n=64", &["views/next"], &["views-states"], None),
];

// 6. S4 and HiPPO memory.
const HIPPO: &[Scene] = &[
    s("A=legs&n=16", &["hippo/heat"], &[], None),
    s("A=legs&n=4&sig=waves", &["hippo/memory"], &[], None),
    s("A=legs&n=32&sig=waves", &["hippo/memory", "hippo/errors"], &[], None),
    s("A=legs&n=16&sig=chirp", &["hippo/memory", "hippo/state"], &[], None),
    s("A=legs&n=16", &["hippo/impulse"], &[], None),
    s("A=legs&n=16&d=30", &["hippo/kernel", "hippo/outputs"], &["hippo-delay"], Some(2)),
];

// 7–8. What S4 cannot do, and selection.
const SELECTION: &[Scene] = &[
    s("seed=1", &["selection/copy"], &[], None),
    s("seed=2&noise=1", &["selection/copy"], &["selection-len"], None),
    s("text=the cat saw the dog", &["selection/maps"], &["selection-channel"], None),
    s("text=the cat saw the dog&frozen=1", &["selection/maps"], &["selection-frozen"], None),
    s("scale=1", &["selection/rules", "selection/kappa"], &["selection-rule"], None),
    s("text=the cat saw the dog", &["selection/mix"], &["selection-token"], None),
];

// 9. Between RNN and Transformer.
const COMPARE: &[Scene] = &[
    s("log=0", &["compare/time"], &["compare-log"], None),
    s("log=1", &["compare/time"], &["compare-log"], None),
    s("log=0", &["compare/memory"], &["compare-d"], None),
    s("log=1", &["compare/time", "compare/memory"], &[], None),
];

// 10. The parallel scan.
const SCAN: &[Scene] = &[
    s("ex=pairs", &["scan/question"], &["scan-h0"], None),
    s("ex=pairs&h0=1.5", &["scan/question"], &["scan-h0"], Some(1)),
    s("cost=5", &["scan/cost"], &["scan-cost"], None),
    s("cost=20", &["scan/cost"], &["scan-cost"], None),
];

// 11. Hardware-aware computation.
const HARDWARE: &[Scene] = &[
    s("n=16", &["hardware/io"], &["hardware-n"], None),
    s("n=64", &["hardware/io"], &["hardware-n"], None),
    s("n=16&bytes=4", &["hardware/io"], &["hardware-bytes"], None),
    s("n=16&l=20", &["hardware/io"], &["hardware-l"], None),
];

// 12. The Mamba block and beyond.
const BLOCK: &[Scene] = &[
    s("part=in_proj", &["block/map"], &["block-token"], None),
    s("text=aaaaaaab&part=conv", &["block/map"], &[], None),
    s("text=aaaaaaab&part=ssm&view=y", &["block/map"], &[], None),
    s("part=ssm&view=delta", &["block/map"], &["block-view"], None),
    s("two=1", &["block/stream"], &["block-two"], None),
    s("attn=1", &["block/hybrid"], &["block-attn"], None),
];

// 13. Where SSMs come from.
const ORIGINS: &[Scene] = &[
    s("sys=spring&x=step", &["origins/picture"], &["origins-t"], None),
    s("sys=spring&x=step", &["origins/phase", "origins/eigen"], &[], None),
    s("sys=spring&c=0", &["origins/phase", "origins/eigen"], &[], None),
    s("sys=circuit&x=step", &["origins/picture"], &["origins-t"], None),
    s(
        "sys=spring&x=tokens",
        &["origins/input", "origins/state", "origins/output"],
        &["origins-input"],
        None,
    ),
];
