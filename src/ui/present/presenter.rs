//! The audience window's bar in presenter mode: the scene's caption in large type, the scene
//! counter and a thin progress bar, and buttons for back, next, "Reset scene", "Add to deck",
//! the speaker view and leaving. The keys a clicker sends step through the tour.

use super::channel::{Message, use_channel};
use super::deck::AddToDeck;
use crate::course::tour::Stop;
use crate::i18n::{fill, t};
use crate::ui::dom;
use crate::ui::lang::use_lang;
use yew::prelude::*;

/// What a key press does in presenter mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyAction {
    Next,
    Prev,
    Leave,
}

/// The action of a key press, if it is presenter mode's: →, PageDown and Space go on, ←
/// and PageUp back, Esc leaves. Controls that use a key keep it (a focused slider keeps the
/// arrows; a focused button keeps Space), but clickers' PageUp/PageDown always step.
pub(crate) fn presenter_key(e: &web_sys::KeyboardEvent) -> Option<KeyAction> {
    if e.default_prevented() || e.alt_key() || e.ctrl_key() || e.meta_key() {
        return None;
    }
    let focused = dom::document().active_element().map(|el| el.tag_name()).unwrap_or_default();
    let typing = matches!(focused.as_str(), "INPUT" | "SELECT" | "TEXTAREA");
    let button = focused == "BUTTON" || focused == "A";
    match e.key().as_str() {
        "PageDown" => Some(KeyAction::Next),
        "PageUp" => Some(KeyAction::Prev),
        "ArrowRight" if !typing => Some(KeyAction::Next),
        "ArrowLeft" if !typing => Some(KeyAction::Prev),
        " " if !typing && !button => Some(KeyAction::Next),
        "Escape" => Some(KeyAction::Leave),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) stop: Stop,
    /// Go to a stop (a button, a key, or the speaker view).
    pub(crate) on_go: Callback<Stop>,
    pub(crate) on_leave: Callback<()>,
}

#[function_component(PresenterBar)]
pub(crate) fn presenter_bar(p: &Props) -> Html {
    let lang = use_lang();
    let stop = p.stop;
    let channel = {
        let (on_go, stop_now) = (p.on_go.clone(), use_mut_ref(|| stop));
        *stop_now.borrow_mut() = stop;
        let answer = use_mut_ref(|| None::<super::channel::Sender>);
        let sender = use_channel({
            let answer = answer.clone();
            Callback::from(move |m: Message| match m {
                Message::At(s) if s != *stop_now.borrow() => on_go.emit(s),
                Message::At(_) => {}
                Message::Hello => {
                    if let Some(a) = answer.borrow().as_ref() {
                        a.send(Message::At(*stop_now.borrow()));
                    }
                }
            })
        });
        *answer.borrow_mut() = Some(sender.clone());
        sender
    };
    use_effect_with(stop, move |stop| channel.send(Message::At(*stop)));

    let total = stop.lesson.tour().len();
    let go = |target: Option<Stop>| {
        let on_go = p.on_go.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = target {
                on_go.emit(s);
            }
        })
    };
    let reset = go(Some(stop));
    let leave = {
        let on_leave = p.on_leave.clone();
        Callback::from(move |_: MouseEvent| on_leave.emit(()))
    };
    let speaker = Callback::from(move |_: MouseEvent| {
        let location = dom::window().location();
        let url = format!(
            "{}?present=speaker&scene={}{}",
            location.pathname().unwrap_or_default(),
            stop.scene + 1,
            dom::hash()
        );
        let _ = dom::window().open_with_url_and_target(&url, "mx-speaker");
    });
    let counter = fill(
        lang,
        "present.counter",
        &[
            ("lesson", t(lang, &format!("{}.title", stop.lesson.slug()))),
            ("n", &(stop.scene + 1).to_string()),
            ("total", &total.to_string()),
        ],
    );
    html! {
        <div class="present-bar" role="region" aria-label={t(lang, "present.bar_label")}>
            <p class="present-caption" aria-live="polite">{ t(lang, &stop.key("caption")) }</p>
            <div class="present-meta">
                <span class="present-counter">{ counter }</span>
                <span class="present-buttons">
                    <button type="button" onclick={go(stop.prev())} disabled={stop.prev().is_none()}
                            aria-label={t(lang, "present.prev")}>{ "◀" }</button>
                    <button type="button" class="present-next" onclick={go(stop.next())} disabled={stop.next().is_none()}
                            aria-label={t(lang, "present.next")}>{ "▶" }</button>
                    <button type="button" class="present-reset" onclick={reset}>{ t(lang, "present.reset") }</button>
                    <AddToDeck stop={stop} />
                    <button type="button" class="present-speaker" onclick={speaker}>{ t(lang, "present.speaker") }</button>
                    <button type="button" class="present-leave" onclick={leave}>{ t(lang, "present.off") }</button>
                </span>
            </div>
            <progress class="present-progress" max={total.to_string()} value={(stop.scene + 1).to_string()}
                      aria-label={t(lang, "present.progress")}></progress>
        </div>
    }
}
