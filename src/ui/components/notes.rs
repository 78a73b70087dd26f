//! Blocks of lesson text: narrative paragraphs, the notes' open question with its interactive
//! answer, "try this" prompts, and banners (e.g. "this system diverges").

use crate::i18n::t;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct ProseProps {
    /// Catalogue keys, one paragraph each.
    pub(crate) keys: Vec<&'static str>,
}

#[function_component(Prose)]
pub(crate) fn prose(p: &ProseProps) -> Html {
    let lang = use_lang();
    html! { <div class="prose">{ for p.keys.iter().map(|k| html! { <p>{ t(lang, k) }</p> }) }</div> }
}

#[derive(Properties, PartialEq)]
pub(crate) struct QuestionProps {
    /// The question, quoted from the notes (a catalogue key).
    pub(crate) question: &'static str,
    /// The interactive answer.
    pub(crate) children: Html,
}

#[function_component(Question)]
pub(crate) fn question(p: &QuestionProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="question">
            <p class="question-label">{ t(lang, "lesson.question") }</p>
            <blockquote>{ t(lang, p.question) }</blockquote>
            { p.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct TryThisProps {
    /// Catalogue keys, one prompt each.
    pub(crate) keys: Vec<&'static str>,
}

#[function_component(TryThis)]
pub(crate) fn try_this(p: &TryThisProps) -> Html {
    let lang = use_lang();
    html! {
        <aside class="try-this">
            <p class="try-label">{ t(lang, "lesson.try") }</p>
            <ul>{ for p.keys.iter().map(|k| html! { <li>{ t(lang, k) }</li> }) }</ul>
        </aside>
    }
}

/// How serious a banner is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum BannerKind {
    /// Background information.
    Info,
    /// Something the learner should notice (a diverging system, a fallback).
    Warning,
}

#[derive(Properties, PartialEq)]
pub(crate) struct BannerProps {
    pub(crate) kind: BannerKind,
    pub(crate) text: AttrValue,
}

#[function_component(Banner)]
pub(crate) fn banner(p: &BannerProps) -> Html {
    let (class, role) = match p.kind {
        BannerKind::Info => ("banner info", "status"),
        BannerKind::Warning => ("banner warning", "alert"),
    };
    html! { <p class={class} role={role}>{ p.text.clone() }</p> }
}
