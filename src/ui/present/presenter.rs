//! The audience window's bar in presenter mode: the scene's caption in large type, the scene
//! counter and a thin progress bar, and buttons for back, next, "Reset scene", "Add to deck",
//! the speaker view and leaving. The keys a clicker sends step through the tour.

use super::channel::{Message, use_channel};
use super::deck::AddToDeck;
use crate::course::tour::Stop;
use crate::i18n::t;
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
    pub(crate) caption: AttrValue,
    /// "<lesson or deck> · scene n of total".
    pub(crate) counter: AttrValue,
    /// The scene shown (from 0) and how many there are.
    pub(crate) n: usize,
    pub(crate) total: usize,
    pub(crate) has_prev: bool,
    pub(crate) has_next: bool,
    /// The tour's stop (a deck has none): it is shared with the speaker view and can be added
    /// to the deck.
    pub(crate) stop: Option<Stop>,
    /// +1 next, −1 back, 0 reset the scene.
    pub(crate) on_step: Callback<isize>,
    /// Go to a stop the speaker view asks for.
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
            Callback::from(move |m: Message| match (m, *stop_now.borrow()) {
                (Message::At(s), Some(now)) if s != now => on_go.emit(s),
                (Message::Hello, Some(now)) => {
                    if let Some(a) = answer.borrow().as_ref() {
                        a.send(Message::At(now));
                    }
                }
                _ => {}
            })
        });
        *answer.borrow_mut() = Some(sender.clone());
        sender
    };
    // Moves are announced; the first stop is not (a window that opens adopts, it does not lead).
    let shown = use_mut_ref(|| false);
    use_effect_with(stop, move |stop| {
        if let (true, Some(s)) = (std::mem::replace(&mut *shown.borrow_mut(), true), stop) {
            channel.send(Message::At(*s));
        }
    });

    let step = |by: isize| {
        let on_step = p.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(by))
    };
    let leave = {
        let on_leave = p.on_leave.clone();
        Callback::from(move |_: MouseEvent| on_leave.emit(()))
    };
    let speaker = stop.map(|stop| {
        Callback::from(move |_: MouseEvent| {
            let location = dom::window().location();
            let url = format!(
                "{}?present=speaker&scene={}{}",
                location.pathname().unwrap_or_default(),
                stop.scene + 1,
                dom::hash()
            );
            let _ = dom::window().open_with_url_and_target(&url, "mx-speaker");
        })
    });
    html! {
        <div class="present-bar" role="region" aria-label={t(lang, "present.bar_label")}>
            <p class="present-caption" aria-live="polite">{ p.caption.clone() }</p>
            <div class="present-meta">
                <span class="present-counter">{ p.counter.clone() }</span>
                <span class="present-buttons">
                    <button type="button" onclick={step(-1)} disabled={!p.has_prev}
                            aria-label={t(lang, "present.prev")}>{ "◀" }</button>
                    <button type="button" class="present-next" onclick={step(1)} disabled={!p.has_next}
                            aria-label={t(lang, "present.next")}>{ "▶" }</button>
                    <button type="button" class="present-reset" onclick={step(0)}>{ t(lang, "present.reset") }</button>
                    if let Some(s) = stop { <AddToDeck stop={s} /> }
                    if let Some(open) = speaker {
                        <button type="button" class="present-speaker" onclick={open}>{ t(lang, "present.speaker") }</button>
                    }
                    <button type="button" class="present-leave" onclick={leave}>{ t(lang, "present.off") }</button>
                </span>
            </div>
            <progress class="present-progress" max={p.total.to_string()} value={(p.n + 1).to_string()}
                      aria-label={t(lang, "present.progress")}></progress>
        </div>
    }
}
