//! Shared hooks: the location hash as state, window key presses and resizes, intervals, and
//! the `mx:update:<lesson>` performance measure. A lesson's state and its animations have their
//! own files:
//!
//! | file        | hook                                                                  |
//! |-------------|-----------------------------------------------------------------------|
//! | `lesson.rs` | `use_lesson`: the lesson's state, kept in the address, and its edits   |
//! | `player.rs` | `use_player`: play / pause / step / back / reset along a track          |
//! | `memory.rs` | `use_recalled`: each lesson's last state, for the rest of the session     |
//! | `draw.rs`   | `use_draw`: a figure's draw closure, rebuilt only when its inputs change |
//! | `size.rs`   | `use_client_size`: an element's size from a `ResizeObserver`, never a forced layout |

mod draw;
mod lesson;
mod memory;
mod player;
mod size;

pub(crate) use draw::{Same, use_draw};
pub(crate) use lesson::{Edit, HashContext, LessonState, on, use_lesson};
pub(crate) use memory::use_recalled;
pub(crate) use player::{Player, Track, use_player};
pub(crate) use size::use_client_size;

use super::dom;
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
