//! The lesson list in the order of the learning path; the current lesson is marked.

use crate::course::Lesson;
use crate::i18n::t;
use crate::route::Route;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) current: Option<Lesson>,
}

#[function_component(LessonNav)]
pub(crate) fn lesson_nav(props: &Props) -> Html {
    let lang = use_lang();
    let items = Lesson::ALL.iter().map(|&lesson| {
        let here = props.current == Some(lesson);
        html! {
            <li>
                <a href={Route::Lesson(lesson, None).href()} class={classes!(here.then_some("current"))}
                   aria-current={here.then_some("page")}>
                    <span class="nav-number">{ lesson.index() + 1 }</span>
                    <span class="nav-title">{ t(lang, &format!("{}.title", lesson.slug())) }</span>
                </a>
            </li>
        }
    });
    html! {
        <nav class="side" aria-label={t(lang, "nav.label")}>
            <a class={classes!("nav-home", props.current.is_none().then_some("current"))} href="#/">
                { t(lang, "nav.home") }
            </a>
            <ol>{ for items }</ol>
        </nav>
    }
}
