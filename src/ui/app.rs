//! The shell: header with the course title and the language switch, the lesson navigation, the
//! routed page, and the footer. Left/right arrow keys move between lessons unless the focused
//! control uses them (sliders, selects, text) or a lesson already handled the key.

use super::components::{LangSwitch, LessonNav, ThemeSwitch};
use super::hooks::{HashContext, use_hash, use_recalled, use_window_keydown};
use super::pages::{Home, LessonPage, NotFound};
use super::present::{DeckPage, Mode, SpeakerView, StageContext, use_session};
use super::theme::{PageTheme, use_page_theme};
use super::{dom, lang};
use crate::course::Lesson;
use crate::i18n::{Lang, t};
use crate::route::Route;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[function_component(App)]
pub(crate) fn app() -> Html {
    let lang = use_state(lang::initial);
    let (theme, set_dark) = use_page_theme();
    let address = use_hash();
    let hash = use_recalled(address);
    let route = Route::parse(&hash);
    let current = match &route {
        Route::Lesson(l, _) => Some(*l),
        _ => None,
    };
    let session = use_session(&route, &hash);

    use_effect_with(*lang, |lang| lang::apply(*lang));
    {
        let title = match &route {
            Route::Lesson(l, _) => {
                format!("{} — {}", t(*lang, &format!("{}.title", l.slug())), t(*lang, "app.title"))
            }
            Route::Home => t(*lang, "app.title").to_owned(),
            Route::Deck => format!("{} — {}", t(*lang, "present.deck"), t(*lang, "app.title")),
            Route::NotFound(_) => {
                format!("{} — {}", t(*lang, "notfound.title"), t(*lang, "app.title"))
            }
        };
        use_effect_with(title, |title| dom::document().set_title(title));
    }

    let keys = session.clone();
    use_window_keydown(Callback::from(move |e: web_sys::KeyboardEvent| {
        if keys.key(&e) {
            return;
        }
        if let Some(target) = arrow_target(&e, current) {
            e.prevent_default();
            dom::navigate(&Route::Lesson(target, None).href());
        }
    }));

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| lang.set(l))
    };
    let focus_main = Callback::from(|_: MouseEvent| {
        if let Some(Ok(main)) =
            dom::document().get_element_by_id("main").map(|m| m.dyn_into::<web_sys::HtmlElement>())
        {
            let _ = main.focus();
        }
    });

    let page = match &route {
        Route::Home => html! { <Home /> },
        Route::Lesson(lesson, sub) => html! {
            <LessonPage key={lesson.slug()} lesson={*lesson} sub={sub.clone()} />
        },
        Route::Deck => html! { <DeckPage /> },
        Route::NotFound(path) => html! { <NotFound path={path.clone()} /> },
    };
    if let (Mode::Speaker, Some(stop)) = (session.mode, session.stop) {
        return html! {
            <ContextProvider<Lang> context={*lang}>
                <SpeakerView stop={stop} on_go={session.go.clone()} />
            </ContextProvider<Lang>>
        };
    }
    let presenting = matches!(session.mode, Mode::Audience | Mode::Deck);

    html! {
        <ContextProvider<Lang> context={*lang}>
        <ContextProvider<PageTheme> context={theme}>
        <ContextProvider<HashContext> context={HashContext(hash.clone())}>
            <div class="shell">
                <button class="skip" onclick={focus_main}>{ t(*lang, "app.skip") }</button>
                <header class="top">
                    <a class="brand" href="#/">
                        <span class="brand-mark" aria-hidden="true">{ "∿" }</span>
                        <span class="brand-title">{ t(*lang, "app.title") }</span>
                    </a>
                    <span class="tagline">{ t(*lang, "app.tagline") }</span>
                    <button type="button" class="present-button" aria-pressed={presenting.to_string()}
                            onclick={session.toggle.clone()}>
                        { t(*lang, if presenting { "present.off" } else { "present.on" }) }
                    </button>
                    <ThemeSwitch lang={*lang} dark={theme.dark} on_change={set_dark} />
                    <LangSwitch current={*lang} on_change={on_lang} />
                </header>
                <LessonNav current={current} />
                { session.bar(*lang) }
                <ContextProvider<StageContext> context={session.stage()}>
                    <main id="main" tabindex="-1">{ page }</main>
                </ContextProvider<StageContext>>
                <footer class="bottom">
                    <span>{ t(*lang, "footer.local") }</span>
                    <span>{ t(*lang, "nav.keys") }</span>
                </footer>
            </div>
        </ContextProvider<HashContext>>
        </ContextProvider<PageTheme>>
        </ContextProvider<Lang>>
    }
}

/// The lesson an arrow key should lead to, if this key press is ours to handle.
fn arrow_target(e: &web_sys::KeyboardEvent, current: Option<Lesson>) -> Option<Lesson> {
    if e.default_prevented() || e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
        return None;
    }
    // Controls that use the arrow keys themselves keep them, and so does a figure the learner
    // clicked or tabbed to (a figure box takes focus on a click).
    let focused = dom::document().active_element();
    let busy = focused.is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "CANVAS")
            || el.has_attribute("contenteditable")
            || el.closest("[data-keys], .figure").ok().flatten().is_some()
    });
    if busy {
        return None;
    }
    match (e.key().as_str(), current) {
        ("ArrowRight", None) => Some(Lesson::ALL[0]),
        ("ArrowRight", Some(l)) => l.next(),
        ("ArrowLeft", Some(l)) => l.prev(),
        _ => None,
    }
}
