//! Shared hooks: the location hash as state, a lesson's state kept in the address, intervals
//! for animations, window key presses, and the `mx:update:<lesson>` performance measure.

use super::dom;
use crate::route::{Route, href_with};
use crate::url::{Query, UrlState};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Listens to `event` on the window while the component lives, always calling the latest
/// `handler` (so the listener need not be re-registered when the handler changes).
#[hook]
fn use_window_listener<E: JsCast + 'static>(event: &'static str, handler: Callback<E>) {
    let latest = use_mut_ref(|| handler.clone());
    *latest.borrow_mut() = handler;
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            if let Ok(e) = e.dyn_into::<E>() {
                latest.borrow().emit(e);
            }
        });
        let window = dom::window();
        let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        move || {
            let _ = window
                .remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
    });
}

/// The location hash, re-rendering on every `hashchange`.
#[hook]
pub(crate) fn use_hash() -> String {
    let hash = use_state(dom::hash);
    let setter = hash.setter();
    use_window_listener::<web_sys::Event>(
        "hashchange",
        Callback::from(move |_| setter.set(dom::hash())),
    );
    (*hash).clone()
}

/// Key presses anywhere in the window.
#[hook]
pub(crate) fn use_window_keydown(handler: Callback<web_sys::KeyboardEvent>) {
    use_window_listener("keydown", handler);
}

/// Window resizes (figures redraw at the new width).
#[hook]
pub(crate) fn use_window_resize(handler: Callback<web_sys::Event>) {
    use_window_listener("resize", handler);
}

/// The location hash as shared by the shell, so lessons see address edits and Back/Forward.
#[derive(Clone, PartialEq)]
pub(crate) struct HashContext(pub(crate) String);

/// A lesson's state, read from the address's query and written back to it on every change
/// (without adding history entries). If the address changes from outside (an edited URL,
/// Back/Forward), the state is read again.
#[hook]
pub(crate) fn use_url_state<S>(route: Route) -> (Rc<S>, Callback<S>)
where
    S: UrlState + PartialEq + 'static,
{
    let hash = use_context::<HashContext>().map(|h| h.0).unwrap_or_else(dom::hash);
    let state = use_state(|| Rc::new(S::from_query(&Query::from_hash(&hash))));
    let seen_hash = use_mut_ref(|| hash.clone());
    let written: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    if *seen_hash.borrow() != hash {
        *seen_hash.borrow_mut() = hash.clone();
        if written.borrow().as_deref() != Some(hash.as_str()) {
            state.set(Rc::new(S::from_query(&Query::from_hash(&hash))));
        }
    }
    let set = {
        let state = state.clone();
        Callback::from(move |next: S| {
            let href = href_with(&route, &next.to_query());
            dom::replace_hash(&href);
            *written.borrow_mut() = Some(href);
            state.set(Rc::new(next));
        })
    };
    ((*state).clone(), set)
}

/// Calls `on_tick` every `period_ms` while `period_ms` is `Some` (animations: play/pause).
#[hook]
pub(crate) fn use_interval(period_ms: Option<u32>, on_tick: Callback<()>) {
    let latest = use_mut_ref(|| on_tick.clone());
    *latest.borrow_mut() = on_tick;
    use_effect_with(period_ms, move |period| {
        let handle = period.map(|ms| {
            let tick = Closure::<dyn Fn()>::new(move || latest.borrow().emit(()));
            let id = dom::window()
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    ms as i32,
                )
                .unwrap_or(0);
            (id, tick)
        });
        move || {
            if let Some((id, _tick)) = handle {
                dom::window().clear_interval_with_handle(id);
            }
        }
    });
}

/// Measures one lesson update as `mx:update:<slug>`: from the render that sees a new `key`
/// (the lesson's state) to the end of the effects that redraw its figures. Call it first in the
/// lesson component; its effect runs after the figures' effects, which are its children's.
#[hook]
pub(crate) fn use_update_measure<K: PartialEq + Clone + 'static>(slug: &'static str, key: &K) {
    let start = format!("mx:update:{slug}:start");
    let last = use_mut_ref(|| None::<K>);
    if last.borrow().as_ref() != Some(key) {
        dom::mark(&start);
        *last.borrow_mut() = Some(key.clone());
    }
    use_effect_with(key.clone(), move |_| {
        dom::measure(&format!("mx:update:{slug}"), &start);
    });
}
