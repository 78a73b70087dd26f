//! `use_client_size`: an element's size as layout last computed it, without asking for it.
//!
//! Reading `clientWidth` in an effect, after a render has changed the page, makes the browser lay
//! the whole page out there and then; with a figure's effect after another's (each writing its
//! canvas), a lesson update paid for one layout per figure. A `ResizeObserver` is told the size
//! after the browser's own layout instead.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

/// The (client width, client height) of the element behind `node` in CSS pixels, `None` until
/// first observed; the component re-renders when it changes.
#[hook]
pub(crate) fn use_client_size(node: NodeRef) -> Rc<Cell<Option<(i32, i32)>>> {
    let size = use_memo((), |_| Rc::new(Cell::new(None::<(i32, i32)>)));
    let force = use_force_update();
    {
        let size = (*size).clone();
        use_effect_with((), move |_| {
            let el = node.cast::<Element>();
            let watch = el.clone().and_then(|el| {
                let seen = Closure::<dyn Fn()>::new(move || {
                    let now = Some((el.client_width(), el.client_height()));
                    if size.get() != now {
                        size.set(now);
                        force.force_update();
                    }
                });
                ResizeObserver::new(seen.as_ref().unchecked_ref()).ok().map(|o| (o, seen))
            });
            if let (Some((observer, _)), Some(el)) = (&watch, &el) {
                observer.observe(el);
            }
            move || {
                if let Some((observer, _)) = watch {
                    observer.disconnect();
                }
            }
        });
    }
    (*size).clone()
}
