//! Lesson 10, `#/scan`: the parallel scan step by step. A Blelloch (or Hillis–Steele) scan of
//! digits under + and then of the (a, b) pairs of a selective SSM, stepped through as a tree,
//! each step checked against the sequential loop; why it works (the pairs compose associatively,
//! not commutatively: a step is an affine map, and affine maps compose into affine maps); work
//! and depth as n grows; and the same scan run on the GPU. The bench page is `scan_bench`.
//!
//! | file          | panel                                                   |
//! |---------------|---------------------------------------------------------|
//! | `stepper.rs`  | the tree of combines at the current stage, the pairs      |
//! | `question.rs` | the notes' question: composing two steps                  |
//! | `cost.rs`     | work and depth of each algorithm against n                |
//! | `gpu.rs`      | the same scan on WebGPU against the CPU, and a long scan  |

mod cost;
mod gpu;
mod question;
mod stepper;

use crate::ui::errors::error_text;
use crate::url::Named;
use crate::explain::scan::{PairExample, check_result, check_trace, digits, ssm_pairs};
use cost::{CostSection, cost_draw};
use gpu::GpuSection;
use question::{QuestionSection, composition_draw};
use stepper::{PairTable, stepper_body};

use super::scan_tree::{Shown, Traced, TreeModel, stage_text, tree_model};
use crate::course::Lesson;
use crate::course::scan::{Example, N_RANGE, ScanLesson, positions};
use crate::i18n::{Lang, fill, t};
use crate::route::Route;
use crate::ssm::{
    Result as SsmResult, ScanAlgorithm, SsmPair, Sum, trace_blelloch, trace_hillis_steele,
};
use crate::ui::components::{Banner, BannerKind, PlayControls, Prose, Select, Slider, TryThis};
use crate::ui::hooks::{Track, on, use_lesson, use_player, use_update_measure};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// Runs the traced scan of `input` and checks every step and the result.
fn traced<T: Shown>(input: &[T], algorithm: ScanAlgorithm) -> SsmResult<Traced<T>> {
    let trace = match algorithm {
        ScanAlgorithm::HillisSteele => trace_hillis_steele(input)?,
        _ => trace_blelloch(input)?,
    };
    let checks = check_trace(&trace, 1e-12)?;
    let result = check_result(&trace, 1e-12);
    Ok(Traced { trace, checks, result })
}

/// Milliseconds per stage while the stepper plays.
const TICK_MS: u32 = 900;

/// A change to the lesson's state, applied to the latest state by the stable `update`
/// callback (so that sections whose inputs did not change are not drawn again).
type Edit = crate::ui::hooks::Edit<ScanLesson>;

/// Both examples of the current settings, traced.
struct Examples {
    sums: Traced<Sum>,
    pairs: Traced<SsmPair>,
    pair_example: PairExample,
    sums_tree: Rc<TreeModel>,
    pairs_tree: Rc<TreeModel>,
}

fn examples(lang: Lang, algorithm: ScanAlgorithm, n: usize, seed: u64) -> SsmResult<Examples> {
    let pair_example = ssm_pairs(n, seed)?;
    let sums = traced(&digits(n, seed), algorithm)?;
    let pairs = traced(&pair_example.pairs, algorithm)?;
    Ok(Examples {
        sums_tree: Rc::new(tree_model(lang, &sums)),
        pairs_tree: Rc::new(tree_model(lang, &pairs)),
        sums,
        pairs,
        pair_example,
    })
}

#[function_component(ScanLessonView)]
pub(crate) fn scan_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<ScanLesson>(Route::Lesson(Lesson::Scan, None));
    let (s, update) = (lesson.state.clone(), lesson.edit.clone());
    use_update_measure("scan", &*s);

    let examples = use_memo((lang, s.algorithm, s.n, s.seed), |&(lang, algorithm, n, seed)| {
        examples(lang, algorithm, n, seed)
    });
    // Picking a combine edits the newest state, so the callback is made once and the tree's
    // rows that did not change are not drawn again.
    let on_pick = {
        let pick = lesson.on(|s, k: usize| s.pick = k);
        use_callback((), move |k: usize, _| pick.emit(k))
    };
    // The figures are rebuilt only when what they show changes, so that stepping the tree does
    // not redraw them (a figure given the same draw function is not drawn again).
    let composition =
        use_memo((lang, s.n, s.seed, s.at, s.h0.to_bits()), |&(lang, n, seed, at, h0)| {
            let (p, q, at) = crate::figures::scan::composed(n, seed, at);
            composition_draw(lang, p, q, at, f64::from_bits(h0))
        });
    let cost_figure = use_memo((lang, s.cost_k), |&(lang, k)| cost_draw(lang, 1 << k));
    let ex = match &*examples {
        Ok(ex) => ex,
        Err(e) => return html! { <Banner kind={BannerKind::Warning} text={error_text(lang, e)} /> },
    };
    let last = positions(&ex.pairs.trace) - 1;
    let pos = s.pos.min(last);

    let player = use_player(
        pos as f64,
        Track::steps(0, last, TICK_MS),
        lesson.on(move |s, to: f64| {
            s.pos = (to as usize).min(last);
            s.pick = 0;
        }),
    );
    // The tree takes the player's keys, and Home to go back to the start.
    let on_tree_key = {
        let (keys, reset) = (player.on_key.clone(), player.reset.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Home" {
                e.prevent_default();
                reset.emit(());
            } else {
                keys.emit(e);
            }
        })
    };

    // The stepper, for whichever example is chosen.
    let p = ex.pairs.trace.padded_len;
    let stepper = match s.example {
        Example::Sums => stepper_body(lang, &ex.sums, &ex.sums_tree, pos, s.pick, on_pick.clone()),
        Example::Pairs => {
            stepper_body(lang, &ex.pairs, &ex.pairs_tree, pos, s.pick, on_pick.clone())
        }
    };
    let (stage_title, stage_body) =
        stage_text(lang, crate::course::scan::stage_at(&ex.pairs.trace, pos), s.n, p);
    let example_button = |example: Example, key: &'static str| {
        let pressed = s.example == example;
        html! {
            <button type="button" class={classes!(pressed.then_some("primary"))} aria-pressed={pressed.to_string()}
                    id={format!("scan-example-{}", example.name())}
                    onclick={lesson.action(move |s| s.example = example)}>
                { t(lang, key) }
            </button>
        }
    };
    let algorithms = vec![
        (AttrValue::from("blelloch"), AttrValue::from(t(lang, "scan.algo_blelloch"))),
        (AttrValue::from("hillis_steele"), AttrValue::from(t(lang, "scan.algo_hillis"))),
    ];
    let on_algorithm = lesson.on(|s, name: String| {
        s.algorithm = ScanAlgorithm::from_name(&name).unwrap_or(ScanAlgorithm::Blelloch);
        s.pos = 0;
        s.pick = 0;
    });
    let shuffle = lesson.action(|s| s.seed = s.seed.wrapping_add(1));

    html! {
        <>
            <Prose keys={vec!["scan.intro1", "scan.intro2", "scan.intro3"]} />
            <section class="panel stepper">
                <div class="example-switch" role="group" aria-label={t(lang, "scan.example_label")}>
                    { example_button(Example::Sums, "scan.example_sums") }
                    { example_button(Example::Pairs, "scan.example_pairs") }
                </div>
                <div class="controls">
                    <Select id="scan-algorithm" label={t(lang, "scan.algorithm")} options={algorithms}
                            selected={s.algorithm.name()} on_change={on_algorithm} />
                    <Slider id="scan-n" label={t(lang, "scan.n")} value={s.n as f64} min={N_RANGE.0 as f64}
                            max={N_RANGE.1 as f64} step={1.0} digits={0}
                            on_change={on(&update, |s: &mut ScanLesson, v: f64| { s.n = v as usize; s.at = s.at.min(s.n - 3); })} />
                    <button type="button" id="scan-shuffle" onclick={shuffle}>{ t(lang, "scan.shuffle") }</button>
                </div>
                <PlayControls player={player}
                    position={fill(lang, "scan.position", &[("k", &pos.to_string()), ("n", &last.to_string())])} />
                <h2 class="stage-title" aria-live="polite">{ stage_title }</h2>
                <p class="stage-body">{ stage_body }</p>
                <div class="tree-box" role="group" tabindex="0" data-keys="" onkeydown={on_tree_key} aria-label={t(lang, "scan.tree_keys")}>
                    { stepper.tree }
                </div>
                <p class="hint">{ t(lang, "scan.tree_hint") }</p>
                { stepper.details }
                if s.example == Example::Pairs { <PairTable examples={examples.clone()} /> }
            </section>
            <Prose keys={vec!["scan.pairs_intro"]} />
            <QuestionSection examples={examples.clone()} at={s.at} h0={s.h0} draw={(*composition).clone()} update={update.clone()} />
            <CostSection cost_k={s.cost_k} draw={(*cost_figure).clone()} update={update.clone()} />
            <GpuSection example={s.example} n={s.n} seed={s.seed} long_k={s.long_k} update={update} />
            <TryThis keys={vec!["scan.try1", "scan.try2", "scan.try3", "scan.try4"]} />
        </>
    }
}
