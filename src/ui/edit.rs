//! Callbacks that change one field of a lesson's state: a slider's number, or a select's value
//! parsed from its text. The state is copied, changed by `f`, and handed to `set` (as
//! `use_url_state` returns them), so a lesson writes `field(&s, &set, |s, v| s.n = v as usize)`.

use std::rc::Rc;
use std::str::FromStr;
use yew::Callback;

/// A callback that sets a field from a number (a slider's value).
pub(crate) fn field<S: Clone + 'static>(
    state: &Rc<S>,
    set: &Callback<S>,
    f: fn(&mut S, f64),
) -> Callback<f64> {
    let (state, set) = (Rc::clone(state), set.clone());
    Callback::from(move |v: f64| {
        let mut next = (*state).clone();
        f(&mut next, v);
        set.emit(next);
    })
}

/// A callback that sets a field from a select's text, ignoring text that does not parse.
pub(crate) fn parsed<S: Clone + 'static, V: FromStr + 'static>(
    state: &Rc<S>,
    set: &Callback<S>,
    f: fn(&mut S, V),
) -> Callback<String> {
    let (state, set) = (Rc::clone(state), set.clone());
    Callback::from(move |text: String| {
        if let Ok(v) = text.parse() {
            let mut next = (*state).clone();
            f(&mut next, v);
            set.emit(next);
        }
    })
}
