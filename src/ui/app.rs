//! The shell: header with the course title and the language switch, the lesson navigation, the
//! routed page, and the footer. Left/right arrow keys move between lessons unless the focused
//! control uses them (sliders, selects, text) or a lesson already handled the key.

use super::components::{LangSwitch, LessonNav};
use super::hooks::{HashContext, use_hash, use_window_keydown};
use super::pages::{Home, LessonPage, NotFound};
use super::present::{self, DeckPage, Mode, PresenterBar, SpeakerView, StageContext};
use super::{dom, lang};
use crate::course::Lesson;
use crate::course::tour::Stop;
use crate::i18n::{Lang, t};
use crate::route::Route;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[function_component(App)]
pub(crate) fn app() -> Html {
    let lang = use_state(lang::initial);
    let mode = use_state(Mode::from_address);
    let scene = use_state(present::scene_param);
    let hash = use_hash();
    let route = Route::parse(&hash);
    let current = match &route {
        Route::Lesson(l, None) => Some(*l),
        _ => None,
    };
    let stop = current.map(|l| Stop::new(l, *scene));
    let staged = *mode == Mode::Audience && stop.is_some();
    // Set while rendering, before the figures' effects measure their boxes for the stage.
    if let Some(html) = dom::document().document_element() {
        let _ = html.class_list().toggle_with_force("presenting", *mode == Mode::Audience);
        let _ = html.class_list().toggle_with_force("staged", staged);
        let figures = stop.filter(|_| staged).map_or(0, |s| s.scene().figures.len());
        let _ = html.set_attribute("data-stage-figures", &figures.to_string());
    }
    {
        // Entering a scene whose state the address does not hold yet shows the scene's state.
        let first = use_mut_ref(|| true);
        let entering = std::mem::take(&mut *first.borrow_mut()) && *mode != Mode::Off;
        if let (true, Some(s)) = (entering && !hash.contains('?'), stop) {
            dom::replace_hash(&s.href());
        }
    }
    let go = {
        let (mode, scene) = (mode.clone(), scene.clone());
        Callback::from(move |s: Stop| {
            present::go(*mode, s);
            scene.set(s.scene);
        })
    };
    let leave = {
        let mode = mode.clone();
        Callback::from(move |_| {
            present::leave();
            mode.set(Mode::Off);
        })
    };

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

    let keys = (go.clone(), leave.clone(), *mode);
    use_window_keydown(Callback::from(move |e: web_sys::KeyboardEvent| {
        let (go, leave, mode) = &keys;
        if let (Mode::Audience | Mode::Speaker, Some(stop)) = (mode, stop) {
            let target = match present::presenter_key(&e) {
                Some(present::KeyAction::Next) => stop.next(),
                Some(present::KeyAction::Prev) => stop.prev(),
                Some(present::KeyAction::Leave) if *mode == Mode::Audience => {
                    leave.emit(());
                    None
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(s) = target {
                go.emit(s);
            }
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
    if let (Mode::Speaker, Some(stop)) = (*mode, stop) {
        return html! {
            <ContextProvider<Lang> context={*lang}>
                <SpeakerView stop={stop} on_go={go} />
            </ContextProvider<Lang>>
        };
    }
    let toggle = {
        let (mode, scene, leave) = (mode.clone(), scene.clone(), leave.clone());
        Callback::from(move |_: MouseEvent| match *mode {
            Mode::Off => {
                let s = stop.unwrap_or(Stop::new(Lesson::ALL[0], 0));
                mode.set(Mode::Audience);
                scene.set(s.scene);
                present::go(Mode::Audience, s);
            }
            _ => leave.emit(()),
        })
    };
    let bar = match stop.filter(|_| staged) {
        Some(s) => html! { <PresenterBar stop={s} on_go={go.clone()} on_leave={leave.clone()} /> },
        None => html! {},
    };
    let on_stage = StageContext(stop.filter(|_| staged).map(|s| s.scene()));

    html! {
        <ContextProvider<Lang> context={*lang}>
        <ContextProvider<HashContext> context={HashContext(hash.clone())}>
            <div class="shell">
                <button class="skip" onclick={focus_main}>{ t(*lang, "app.skip") }</button>
                <header class="top">
                    <a class="brand" href="#/">
                        <span class="brand-mark" aria-hidden="true">{ "∿" }</span>
                        <span class="brand-title">{ t(*lang, "app.title") }</span>
                    </a>
                    <span class="tagline">{ t(*lang, "app.tagline") }</span>
                    <button type="button" class="present-button" aria-pressed={(*mode == Mode::Audience).to_string()}
                            onclick={toggle}>
                        { t(*lang, if *mode == Mode::Audience { "present.off" } else { "present.on" }) }
                    </button>
                    <LangSwitch current={*lang} on_change={on_lang} />
                </header>
                <LessonNav current={current} />
                { bar }
                <ContextProvider<StageContext> context={on_stage}>
                    <main id="main" tabindex="-1">{ page }</main>
                </ContextProvider<StageContext>>
                <footer class="bottom">
                    <span>{ t(*lang, "footer.local") }</span>
                    <span>{ t(*lang, "nav.keys") }</span>
                </footer>
            </div>
        </ContextProvider<HashContext>>
        </ContextProvider<Lang>>
    }
}

/// The lesson an arrow key should lead to, if this key press is ours to handle.
fn arrow_target(e: &web_sys::KeyboardEvent, current: Option<Lesson>) -> Option<Lesson> {
    if e.default_prevented() || e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
        return None;
    }
    // Controls that use the arrow keys themselves keep them.
    let focused = dom::document().active_element();
    let busy = focused.is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "CANVAS")
            || el.has_attribute("contenteditable")
            || el.closest("[data-keys]").ok().flatten().is_some()
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
