//! The lesson list in the order of the learning path; the current lesson is marked. On a phone
//! the list is a drawer behind a button that names the current lesson; it closes on arrival.

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
    let open = use_state(|| false);
    {
        let open = open.clone();
        use_effect_with(props.current, move |_| open.set(false));
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let here = match props.current {
        Some(l) => format!("{} {}", l.index() + 1, t(lang, &format!("{}.title", l.slug()))),
        None => t(lang, "nav.home").to_owned(),
    };
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
        <nav class={classes!("side", open.then_some("open"))} aria-label={t(lang, "nav.label")}>
            <button type="button" class="drawer-toggle" aria-expanded={open.to_string()} onclick={toggle}>
                <span class="drawer-icon" aria-hidden="true">{ "☰" }</span>
                <span class="drawer-label">{ t(lang, "nav.label") }</span>
                <span class="drawer-here">{ here }</span>
            </button>
            <a class={classes!("nav-home", props.current.is_none().then_some("current"))} href="#/">
                { t(lang, "nav.home") }
            </a>
            <ol>{ for items }</ol>
        </nav>
    }
}
