//! A panic shows a readable error panel (in the current language) with a reload button and the
//! technical message, instead of leaving a dead page. The message also goes to the console.

use super::dom;
use crate::i18n::{Lang, t};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Tells the panel which language to speak.
pub(crate) fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

pub(crate) fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        dom::console_error(&format!("Mamba Explainer stopped: {message}"));
        show(&message);
    }));
}

pub(crate) fn show(message: &str) {
    let doc = dom::document();
    let Some(panel) = doc.get_element_by_id("panic") else { return };
    let lang = LANG.with(Cell::get);
    let element = |tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        panel.append_child(&e).ok()?;
        Some(e)
    };
    panel.set_text_content(None);
    element("h2", t(lang, "panic.title"));
    element("p", t(lang, "panic.body"));
    if let Some(button) = element("button", t(lang, "panic.reload")) {
        let reload = Closure::<dyn Fn()>::new(|| {
            let _ = dom::window().location().reload();
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        // The page is stopping: the listener must outlive this function.
        reload.forget();
    }
    element("pre", message);
    panel.remove_attribute("hidden").ok();
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("aria-hidden", "true");
    }
}
