//! Lesson 4, `#/views`: one LTI system computed two ways side by side. The recurrence steps
//! through the tokens with its state moving (play / pause / step); the kernel K = (C B̄, C Ā B̄,
//! …) slides over the input; the FFT computes every output at once. The outputs agree to
//! rounding, and cost counters show why training uses the convolution and generation the
//! recurrence.
//!
//! | file         | panel                                                               |
//! |--------------|---------------------------------------------------------------------|
//! | `side.rs`    | the two views side by side, played step by step, and their outputs   |
//! | `columns.rs` | the recurrence's and the convolution's column at step k              |
//! | `spectra.rs` | the FFT's spectra                                                   |
//! | `cost.rs`    | the cost of each view against L, for training and for generation     |

mod columns;
mod cost;
mod side;
mod spectra;

use crate::ui::errors::error_text;
use crate::course::Lesson;
use crate::course::views::{DELTA_RANGE, LEN_RANGE, ViewsLesson};
use crate::explain::examples::{Example, Tokens};
use crate::figures;
pub(super) use crate::figures::views::view_name;
use crate::i18n::t;
use crate::mathml::{Math, bar, mi, mo, number_text, row, sub};
use crate::route::Route;
use crate::ssm::{Discretized, SsmError};
use crate::ui::components::{Banner, BannerKind, Prose, Select, Slider, StickyControls, TryThis};
use crate::ui::hooks::{LessonState, use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// The recurrence's steps, the three views' outputs and the FFT's spectra of one run.
type Runs = Result<figures::views::Runs, SsmError>;

/// What every panel gets: the lesson's state and edits, the discretized system and its run.
#[derive(Properties, PartialEq)]
struct PanelProps {
    lesson: LessonState<ViewsLesson>,
    system: Rc<Result<Discretized, SsmError>>,
    runs: Rc<Runs>,
}

#[function_component(ViewsLessonView)]
pub(crate) fn views_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<ViewsLesson>(Route::Lesson(Lesson::Views, None));
    let s = lesson.state.clone();
    use_update_measure("views", &*s);
    let x = s.input();
    let system = use_memo((s.example, s.delta), |_| figures::views::system(&s));
    let runs = use_memo((s.example, s.delta, s.tokens, s.len), {
        let (system, x) = (system.clone(), x.clone());
        move |_| {
            figures::views::runs((*system).as_ref().map_err(Clone::clone)?, &x)
        }
    });
    let controls = html! { <Controls lesson={lesson.clone()} /> };
    if let Err(e) = &*runs {
        return html! {
            <div class="lesson-views">
                <Prose keys={vec!["views.intro1", "views.intro2"]} />
                { controls }
                <Banner kind={BannerKind::Warning} text={error_text(lang, e)} />
            </div>
        };
    }
    html! {
        <div class="lesson-views">
            <Prose keys={vec!["views.intro1", "views.intro2"]} />
            { controls }
            <side::SidePanel lesson={lesson.clone()} system={system.clone()} runs={runs.clone()} />
            <Prose keys={vec!["views.fft1", "views.fft2"]} />
            <spectra::SpectraPanel lesson={lesson.clone()} system={system.clone()} runs={runs} />
            <Prose keys={vec!["views.cost1", "views.cost2"]} />
            <cost::CostPanel lesson={lesson} />
            <TryThis keys={vec!["views.try1", "views.try2", "views.try3", "views.try4", "views.try5"]} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ControlsProps {
    lesson: LessonState<ViewsLesson>,
}

/// The system, Δ, the tokens and L, kept in view while scrolling.
#[function_component(Controls)]
fn controls(p: &ControlsProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    let options = |items: Vec<(&'static str, String)>| -> Vec<(AttrValue, AttrValue)> {
        items.into_iter().map(|(v, k)| (AttrValue::from(v), AttrValue::from(t(lang, &k)))).collect()
    };
    let systems = options(
        Example::ALL.iter().map(|e| (e.name(), format!("discretize.sys_{}", e.name()))).collect(),
    );
    let patterns = options(
        Tokens::ALL.iter().map(|p| (p.name(), format!("discretize.tokens_{}", p.name()))).collect(),
    );
    html! {
        <StickyControls label={t(lang, "views.controls_label")}>
            <div class="controls">
                <Select id="views-system" label={t(lang, "discretize.system")} options={systems} selected={s.example.name()}
                        on_change={lesson.on(|s, v: String| s.example = Example::from_name(&v).unwrap_or_default())} />
                <Slider id="views-delta" label={t(lang, "discretize.delta")} value={s.delta} min={DELTA_RANGE.0} max={DELTA_RANGE.1}
                        step={0.01} digits={2} on_change={lesson.on(|s, v| s.delta = v)} />
                <Select id="views-tokens" label={t(lang, "discretize.tokens")} options={patterns} selected={s.tokens.name()}
                        on_change={lesson.on(|s, v: String| s.tokens = Tokens::from_name(&v).unwrap_or_default())} />
                <Slider id="views-len" label={t(lang, "views.len")} value={s.len as f64} min={LEN_RANGE.0 as f64} max={LEN_RANGE.1 as f64}
                        step={1.0} digits={0} on_change={lesson.on(|s, v: f64| *s = s.with_len(v.round() as usize))} />
            </div>
        </StickyControls>
    }
}

/// A count for running text: exact up to a million, then 3 significant digits.
pub(super) fn count(n: u64) -> String {
    if n < 1_000_000 { n.to_string() } else { number_text(n as f64, 3) }
}

/// The identifier with a bar, Ā or B̄.
pub(super) fn barred(name: &str) -> Math {
    bar(mi(name))
}

/// `name` with the subscript `k`, `k − 1`, … as given.
pub(super) fn at(name: &str, index: Math) -> Math {
    sub(mi(name), index)
}

/// The index k − j.
pub(super) fn k_minus(j: Math) -> Math {
    row([mi("k"), mo("−"), j])
}
