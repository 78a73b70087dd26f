//! The frame around every lesson: number, title, summary, the lesson itself, and previous/next
//! links.

use crate::course::Lesson;
use crate::i18n::{fill, t};
use crate::route::Route;
use crate::ui::lang::use_lang;
use crate::ui::lessons;
use crate::ui::present::AddToDeck;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) lesson: Lesson,
    pub(crate) sub: Option<String>,
}

#[function_component(LessonPage)]
pub(crate) fn lesson_page(props: &Props) -> Html {
    let lang = use_lang();
    let lesson = props.lesson;
    let slug = lesson.slug();
    let body = lessons::view(lesson, props.sub.as_deref());
    let link = |target: Option<Lesson>, key: &str, class: &str| match target {
        Some(l) => html! {
            <a class={classes!("pager-link", class.to_owned())} href={Route::Lesson(l, None).href()}
               rel={if class == "prev" { "prev" } else { "next" }}>
                <span class="pager-dir">{ t(lang, key) }</span>
                <span class="pager-title">{ t(lang, &format!("{}.title", l.slug())) }</span>
            </a>
        },
        None => html! { <span class={classes!("pager-link", "empty", class.to_owned())}></span> },
    };
    html! {
        <article class={classes!("lesson", format!("lesson-{slug}"))}>
            <header class="lesson-head">
                <p class="kicker">{ fill(lang, "nav.lesson_n", &[("n", &(lesson.index() + 1).to_string())]) }</p>
                <h1>{ t(lang, &format!("{slug}.title")) }</h1>
                <p class="lead">{ t(lang, &format!("{slug}.summary")) }</p>
                <AddToDeck lesson={lesson} />
            </header>
            { body }
            <nav class="pager" aria-label={t(lang, "access.pager")}>
                { link(lesson.prev(), "nav.prev", "prev") }
                { link(lesson.next(), "nav.next", "next") }
            </nav>
        </article>
    }
}
