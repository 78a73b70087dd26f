//! `#/`: the learning path as a map, one line per lesson, in the order of the notes.

use crate::course::Lesson;
use crate::i18n::{Lang, fill, t};
use crate::route::Route;
use crate::ui::lang::use_lang;
use yew::prelude::*;

/// "Notes, part 4" or "Notes, parts 2 and 3": which parts of the notes a lesson covers.
fn items_text(lang: Lang, items: &[String]) -> String {
    match items {
        [a, b] => fill(lang, "home.items_two", &[("a", a), ("b", b)]),
        _ => fill(lang, "home.items_one", &[("a", &items.join(", "))]),
    }
}

#[function_component(Home)]
pub(crate) fn home() -> Html {
    let lang = use_lang();
    let stops = Lesson::ALL.iter().map(|&lesson| {
        let slug = lesson.slug();
        let items: Vec<String> = lesson.curriculum_items().iter().map(u8::to_string).collect();
        html! {
            <li class="stop">
                <span class="stop-number" aria-hidden="true">{ lesson.index() + 1 }</span>
                <div class="stop-body">
                    <a class="stop-title" href={Route::Lesson(lesson, None).href()}>
                        { t(lang, &format!("{slug}.title")) }
                    </a>
                    <p class="stop-summary">{ t(lang, &format!("{slug}.summary")) }</p>
                    <p class="stop-items">{ items_text(lang, &items) }</p>
                </div>
            </li>
        }
    });
    html! {
        <section class="home">
            <h1>{ t(lang, "home.heading") }</h1>
            <p class="lead">{ t(lang, "home.intro") }</p>
            <p><a class="button primary" href={Route::Lesson(Lesson::ALL[0], None).href()}>{ t(lang, "home.start") }</a></p>
            <ol class="path">{ for stops }</ol>
        </section>
    }
}
