//! Drawing the signal on the memory figure: a press sets the nearest knot (presses in quick
//! succession are one stroke, so every knot between them follows the line); with the keys,
//! ← → move a cursor over the knots and ↑ ↓ nudge the knot under it (Shift: by five).

use super::super::Edit;
use crate::course::hippo::{HippoLesson, KNOTS, knot_at};
use crate::plot::Frame;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The pad's event handlers.
pub(super) struct Pad {
    pub(super) on_press: Callback<(f64, f64)>,
    pub(super) on_key: Callback<KeyboardEvent>,
    pub(super) on_blur: Callback<FocusEvent>,
}

/// The handlers of the drawing pad over the figure last drawn in `frame`; `cursor` is the knot
/// the keys move.
#[hook]
pub(super) fn use_draw_pad(
    edit: Callback<Edit>,
    cursor: UseStateHandle<Option<usize>>,
    frame: Rc<RefCell<Option<Frame>>>,
) -> Pad {
    let stroke = use_mut_ref(|| None::<(f64, usize, f64)>);
    let on_press = {
        let (edit, cursor) = (edit.clone(), cursor.clone());
        use_callback((), move |f: (f64, f64), _| {
            let Some(frame) = *frame.borrow() else { return };
            let (k, v) = frame.data_at(f);
            let i = knot_at(k);
            let now = js_sys::Date::now();
            let from = stroke.borrow().filter(|&(t0, ..)| now - t0 < 150.0).map(|(_, j, w)| (j, w));
            *stroke.borrow_mut() = Some((now, i, v));
            cursor.set(None);
            edit.emit(Rc::new(move |s: &mut HippoLesson| *s = s.with_stroke(from, i, v)));
        })
    };
    let on_key = {
        let (edit, cursor) = (edit.clone(), cursor.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = cursor.unwrap_or(KNOTS / 2);
            let by = if e.shift_key() { 5 } else { 1 };
            match e.key().as_str() {
                "ArrowLeft" => cursor.set(Some(at.saturating_sub(by))),
                "ArrowRight" => cursor.set(Some((at + by).min(KNOTS - 1))),
                "ArrowUp" | "ArrowDown" => {
                    let steps = if e.key() == "ArrowUp" { by as i32 } else { -(by as i32) };
                    cursor.set(Some(at));
                    edit.emit(Rc::new(move |s: &mut HippoLesson| {
                        *s = s.with_knot_nudged(at, steps)
                    }));
                }
                _ => return,
            }
            e.prevent_default();
        })
    };
    let on_blur = {
        let cursor = cursor.clone();
        Callback::from(move |_: FocusEvent| cursor.set(None))
    };

    Pad { on_press, on_key, on_blur }
}
