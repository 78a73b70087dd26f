//! Lesson 7, `#/selection`: why S4 is not enough, and what selection does. Selective copying
//! with a fixed-Δ and a hand-set selective model; a typed sentence whose tokens choose their own
//! Δ, B and C, with its mixing matrix to answer the notes' question; the two rules for B̄.
//!
//! | file          | panel                                                        |
//! |---------------|--------------------------------------------------------------|
//! | `copying.rs`  | selective copying, fixed Δ against selective Δ                |
//! | `sentence.rs` | the typed sentence: Δ, B, C and the state of one channel       |
//! | `question.rs` | the notes' question: the mixing matrix, state against KV cache |
//! | `rules.rs`    | the two rules for B̄                                          |
//! | `figures.rs`  | the text part's figures                                      |

mod copying;
mod figures;
mod question;
mod rules;
mod sentence;

use crate::explain::selection::{CHANNELS, text_model};
use crate::figures::selection::{TextView, text_view};
use copying::CopyingPanel;
use figures::{draw_kappa, draw_maps, draw_mixing, draw_outputs};
use question::MixingQuestion;
use rules::RulesPanel;
use sentence::SentencePanel;

use crate::course::Lesson;
use crate::course::selection::SelectionLesson;
use crate::i18n::{Lang, t};
use crate::plot::{PlotError, Theme, XAxisMap, column_at};
use crate::route::Route;
use crate::ssm::{BRule, SsmError};
use crate::ui::canvas::PageBackend;
use crate::ui::components::{DrawFn, LogSlider, Prose, TryThis};
use crate::ui::hooks::{LessonState, use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use std::rc::Rc;
use yew::prelude::*;

/// The space between two formulas on one line (an em space: MathML trims plain spaces).
const GAP: &str = "\u{2003}";

/// A step Δ as the sliders show it: three significant digits.
fn show_step(x: f64) -> String {
    match x {
        x if x < 0.01 => format!("{x:.4}"),
        x if x < 0.1 => format!("{x:.3}"),
        x if x < 10.0 => format!("{x:.2}"),
        x => format!("{x:.1}"),
    }
}

/// A percentage without decimals.
fn percent(fraction: f64) -> String {
    format!("{:.0}", 100.0 * fraction)
}

/// A whole number with thousands separators: 100,000.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share as a percentage that stays readable when it is tiny: "12", "0.35", "< 0.01".
fn small_percent(fraction: f64) -> String {
    match 100.0 * fraction {
        p if p >= 1.0 => format!("{p:.0}"),
        p if p >= 0.01 => format!("{p:.2}"),
        _ => "< 0.01".to_owned(),
    }
}

/// A slider along log₁₀ of a positive value in `range`, stopping at round values.
fn log_slider(
    id: &'static str,
    label: &str,
    value: f64,
    range: (f64, f64),
    on_change: Callback<f64>,
) -> Html {
    html! {
        <LogSlider id={id} label={label.to_owned()} value={value} range={range}
                   shown={AttrValue::from(show_step(value))} on_change={on_change} />
    }
}

/// The name of a copying token: its colour, or noise.
fn token_name(lang: Lang, token: usize) -> &'static str {
    const KEYS: [&str; 5] = [
        "selection.noise_token",
        "selection.color1",
        "selection.color2",
        "selection.color3",
        "selection.color4",
    ];
    t(lang, KEYS[token.min(KEYS.len() - 1)])
}

/// A coloured chip naming a token.
fn chip(lang: Lang, token: usize) -> Html {
    html! { <span class={classes!("chip", format!("tok-{token}"))}>{ token_name(lang, token) }</span> }
}

/// The short names of the text model's channels.
const CHANNEL_KEYS: [&str; CHANNELS] =
    ["selection.ch0", "selection.ch1", "selection.ch2", "selection.ch3"];

/// The page's drawing area, and what drawing a figure returns (its axis for hovering, if any).
type Area<'s> = DrawingArea<PageBackend<'s>, Shift>;
type Drawn = Result<Option<XAxisMap>, PlotError>;

/// A figure drawn from `D`.
type DrawWith<D> = fn(&D, &Area, &Theme) -> Drawn;

/// A figure's drawing function, rebuilt only when `deps` change: a figure whose inputs did not
/// change keeps its function and is not redrawn.
#[hook]
fn use_draw<D: PartialEq + Clone + 'static>(deps: D, draw: DrawWith<D>) -> DrawFn {
    (*use_memo(deps, move |deps| -> DrawFn {
        let deps = deps.clone();
        Rc::new(move |area, theme| draw(&deps, area, theme))
    }))
    .clone()
}

/// What the text figures are drawn from.
#[derive(Clone, PartialEq)]
struct TextDeps {
    view: Rc<Result<TextView, SsmError>>,
    focus: usize,
    lang: Lang,
    channel: usize,
    rule: BRule,
}

#[function_component(SelectionLessonView)]
pub(crate) fn selection_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<SelectionLesson>(Route::Lesson(Lesson::Selection, None));
    let s = lesson.state.clone();
    use_update_measure("selection", &*s);
    let text_hover = use_state(|| None::<usize>);
    let sample = t(lang, "selection.sample_text");
    let typed = s.text_or(sample).to_owned();
    let view = use_memo(
        (typed.clone(), s.scale, s.frozen, s.rule, s.channel),
        |(text, scale, frozen, rule, channel)| {
            text_model(text, *scale, *frozen).and_then(|m| text_view(m, *rule, *channel))
        },
    );
    let tokens_len = view.as_ref().as_ref().map_or(0, |v| v.model.tokens.len());
    let focus = (*text_hover).unwrap_or(s.token).min(tokens_len.saturating_sub(1));
    // The hover callback keeps its identity across renders, so that a figure whose drawing did
    // not change is not redrawn.
    let on_hover = {
        let set = text_hover.setter();
        use_callback(tokens_len, move |x: Option<f64>, len| {
            set.set(x.and_then(|x| column_at(x, *len)))
        })
    };
    let deps = TextDeps { view, focus, lang, channel: s.channel, rule: s.rule };
    let panel = PanelProps { lesson: lesson.clone(), deps, tokens_len, typed, on_hover };
    html! {
        <>
            <Prose keys={vec!["selection.intro1", "selection.intro2"]} />
            <h2>{ t(lang, "selection.copy_h") }</h2>
            <Prose keys={vec!["selection.copy_p1", "selection.copy_p2"]} />
            <CopyingPanel lesson={lesson} />
            <TryThis keys={vec!["selection.try_copy1", "selection.try_copy2", "selection.try_copy3", "selection.try_copy4"]} />
            <h2>{ t(lang, "selection.text_h") }</h2>
            <Prose keys={vec!["selection.text_p1", "selection.text_p2"]} />
            <SentencePanel ..panel.clone() />
            <TryThis keys={vec!["selection.try_text1", "selection.try_text2", "selection.try_text3", "selection.try_text4"]} />
            <MixingQuestion ..panel.clone() />
            <h2>{ t(lang, "selection.rules_h") }</h2>
            <Prose keys={vec!["selection.rules_p1", "selection.rules_p2"]} />
            <RulesPanel ..panel />
            <TryThis keys={vec!["selection.try_rules1", "selection.try_rules2"]} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LessonProps {
    lesson: LessonState<SelectionLesson>,
}

/// What the text panels get: the lesson, the sentence's model and the inspected token, and
/// the hover callback that picks a token on any of their figures.
#[derive(Properties, PartialEq, Clone)]
struct PanelProps {
    lesson: LessonState<SelectionLesson>,
    deps: TextDeps,
    tokens_len: usize,
    typed: String,
    on_hover: Callback<Option<f64>>,
}
