//! Lesson 3, `#/discretize`: zero-order hold. Tokens held for Δ drive the continuous system;
//! ZOH samples it exactly, bilinear and Euler approximately. The notes' three questions are
//! answered with something to drag: the Taylor series of exp(ΔA) term by term (and what it does
//! to the unit square), Euler sub-steps converging to exp(ΔA)·h, and Bbar as an area.
//!
//! Each panel is a component of its own; its figures' draw functions are memoized on exactly
//! what they show, so a slider redraws only the figures it changes.
//!
//! | file          | panel                                                  |
//! |---------------|--------------------------------------------------------|
//! | `hold.rs`     | the held tokens, the exact output and the rules' errors |
//! | `rules.rs`    | the three rules' equations with live numbers            |
//! | `taylor.rs`   | the Taylor series of exp(ΔA)                             |
//! | `euler.rs`    | Euler sub-steps converging to exp(ΔA)·h                  |
//! | `integral.rs` | B̄ as an area                                           |

mod euler;
mod hold;
mod integral;
mod rules;
mod taylor;

use euler::EulerPanel;
use hold::HoldPanel;
use integral::IntegralPanel;
use rules::RulesPanel;
use taylor::TaylorPanel;

use crate::ui::errors::error_text;
use crate::course::Lesson;
use crate::course::discretize::{DELTA_RANGE, DiscretizeLesson};
use crate::explain::examples::{Example, Tokens};
use crate::i18n::{Lang, t};
use crate::mathml::{Math, bar, mi, row};
use crate::route::Route;
use crate::ssm::{Method, SsmError};
use crate::ui::components::{Banner, BannerKind, Prose, Question, Select, Slider, StickyControls, TryThis};
use crate::ui::hooks::{LessonState, use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use yew::prelude::*;

use crate::figures::discretize::{rule_name, step_of};

/// The identifier with a bar, Ā or B̄.
fn barred(name: &str) -> Math {
    bar(mi(name))
}

/// Δ·A written out.
fn delta_a() -> Math {
    row([mi("Δ"), mi("A")])
}

/// A warning banner with an error's sentence in the reader's language.
fn failed(lang: Lang, e: &SsmError) -> Html {
    html! { <Banner kind={BannerKind::Warning} text={error_text(lang, e)} /> }
}

/// What every panel gets: the lesson state and the way to change it.
#[derive(Properties, PartialEq)]
struct PanelProps {
    lesson: LessonState<DiscretizeLesson>,
}

#[function_component(DiscretizeLessonView)]
pub(crate) fn discretize_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<DiscretizeLesson>(Route::Lesson(Lesson::Discretize, None));
    let s = lesson.state.clone();
    use_update_measure("discretize", &*s);

    let options = |items: Vec<(&'static str, String)>| -> Vec<(AttrValue, AttrValue)> {
        items.into_iter().map(|(v, k)| (AttrValue::from(v), AttrValue::from(t(lang, &k)))).collect()
    };
    let systems = options(
        Example::ALL.iter().map(|e| (e.name(), format!("discretize.sys_{}", e.name()))).collect(),
    );
    let patterns = options(
        Tokens::ALL.iter().map(|p| (p.name(), format!("discretize.tokens_{}", p.name()))).collect(),
    );
    let methods: Vec<(AttrValue, AttrValue)> = Method::ALL
        .iter()
        .map(|&m| (AttrValue::from(m.name()), AttrValue::from(rule_name(lang, m))))
        .collect();

    html! {
        <div class="lesson-discretize">
            <Prose keys={vec!["discretize.intro1", "discretize.intro2"]} />
            <StickyControls label={t(lang, "discretize.controls_label")}>
                <div class="controls">
                    <Select id="disc-system" label={t(lang, "discretize.system")} options={systems}
                            selected={s.example.name()}
                            on_change={lesson.on(|s, v: String| s.example = Example::from_name(&v).unwrap_or_default())} />
                    <Slider id="disc-delta" label={t(lang, "discretize.delta")} value={s.delta}
                            min={DELTA_RANGE.0} max={DELTA_RANGE.1} step={0.01} digits={2}
                            on_change={lesson.on(|s, v| s.delta = v)} />
                    <Select id="disc-tokens" label={t(lang, "discretize.tokens")} options={patterns}
                            selected={s.tokens.name()}
                            on_change={lesson.on(|s, v: String| s.tokens = Tokens::from_name(&v).unwrap_or_default())} />
                    <Select id="disc-method" label={t(lang, "discretize.method")} options={methods}
                            selected={s.method.name()}
                            on_change={lesson.on(|s, v: String| s.method = v.parse().unwrap_or(Method::Zoh))} />
                </div>
            </StickyControls>
            <HoldPanel lesson={lesson.clone()} />
            <Prose keys={vec!["discretize.equations1"]} />
            <RulesPanel lesson={lesson.clone()} />
            <Question question="discretize.q_exp">
                <Prose keys={vec!["discretize.a_exp1", "discretize.a_exp2"]} />
                <TaylorPanel lesson={lesson.clone()} />
            </Question>
            <Question question="discretize.q_real">
                <Prose keys={vec!["discretize.a_real1", "discretize.a_real2"]} />
                <EulerPanel lesson={lesson.clone()} />
            </Question>
            <Question question="discretize.q_bbar">
                <Prose keys={vec!["discretize.a_bbar1", "discretize.a_bbar2"]} />
                <IntegralPanel lesson={lesson.clone()} />
            </Question>
            <TryThis keys={vec!["discretize.try1", "discretize.try2", "discretize.try3", "discretize.try4", "discretize.try5"]} />
        </div>
    }
}
