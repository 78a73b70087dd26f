//! The page's theme as the figures see it: dark or light (the reader's choice, remembered in
//! `localStorage`, else the system's `prefers-color-scheme`) and projector (presenter mode on,
//! read from the class `presenting` on `<html>`, whoever sets it). The colours themselves are
//! CSS variables generated from [`crate::plot::theme`]; this only chooses the variant.

use super::dom;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Where the reader's choice is kept: `dark` or `light`.
const KEY: &str = "mx-theme";
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// The variant figures draw in, provided as a context by the app.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct PageTheme {
    /// The dark variant.
    pub(crate) dark: bool,
    /// Presenter mode: figures drawn for a room.
    pub(crate) projector: bool,
}

fn stored() -> Option<bool> {
    match dom::storage_get(KEY).as_deref() {
        Some("dark") => Some(true),
        Some("light") => Some(false),
        _ => None,
    }
}

fn system_dark() -> bool {
    dom::window().match_media(DARK_QUERY).ok().flatten().is_some_and(|m| m.matches())
}

fn presenting() -> bool {
    dom::document().document_element().is_some_and(|h| h.class_list().contains("presenting"))
}

/// The current theme and a callback that sets the reader's choice (`true`: dark). The choice
/// goes on `<html data-theme>`, which the stylesheet reads; the system's preference and
/// presenter mode are followed as they change.
#[hook]
pub(crate) fn use_page_theme() -> (PageTheme, Callback<bool>) {
    let choice = use_state(stored);
    let system = use_state(system_dark);
    let projector = use_state(presenting);
    {
        let setter = system.setter();
        use_effect_with((), move |_| {
            let query = dom::window().match_media(DARK_QUERY).ok().flatten();
            let listener = Closure::<dyn Fn()>::new(move || setter.set(system_dark()));
            if let Some(q) = &query {
                let _ =
                    q.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(q) = &query {
                    let _ = q.remove_event_listener_with_callback(
                        "change",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    {
        let setter = projector.setter();
        use_effect_with((), move |_| {
            // The class may have been set before this effect ran (`?present=1` on load).
            setter.set(presenting());
            let callback = Closure::<dyn Fn()>::new(move || setter.set(presenting()));
            let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(html)) = (&observer, dom::document().document_element()) {
                let options = web_sys::MutationObserverInit::new();
                options.set_attributes(true);
                options.set_attribute_filter(&js_sys::Array::of1(&"class".into()));
                let _ = o.observe_with_options(&html, &options);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
    use_effect_with(*choice, |choice| {
        if let (Some(dark), Some(html)) = (choice, dom::document().document_element()) {
            let _ = html.set_attribute("data-theme", if *dark { "dark" } else { "light" });
        }
    });
    let set = {
        let choice = choice.setter();
        Callback::from(move |dark: bool| {
            dom::storage_set(KEY, if dark { "dark" } else { "light" });
            choice.set(Some(dark));
        })
    };
    (PageTheme { dark: choice.unwrap_or(*system), projector: *projector }, set)
}
