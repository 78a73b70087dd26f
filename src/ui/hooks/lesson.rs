//! `use_lesson`: a lesson's state, read from the address's query and written back to it on every
//! edit, with the callbacks that edit it. Every lesson changes its state this one way.

use crate::route::{Route, href_with};
use crate::ui::dom;
use crate::url::{Query, UrlState};
use std::rc::Rc;
use std::str::FromStr;
use yew::prelude::*;

/// The location hash as shared by the shell, so lessons see address edits and Back/Forward.
#[derive(Clone, PartialEq)]
pub(crate) struct HashContext(pub(crate) String);

/// A change to a lesson's state. It is applied to the newest state, not to the one the
/// callback saw when it was made, so callbacks can be made once and kept.
pub(crate) type Edit<S> = Rc<dyn Fn(&mut S)>;

/// What happens to a lesson's state.
enum Action<S> {
    /// A control changed it: the address is rewritten.
    Edit(Edit<S>),
    /// The address changed from outside (an edited URL, Back/Forward): the state is read again.
    Load(S),
}

/// The state with the address it is shown at and the last hash written for it.
struct Held<S> {
    state: Rc<S>,
    route: Route,
    written: Option<String>,
}

impl<S: UrlState + Clone + PartialEq> Reducible for Held<S> {
    type Action = Action<S>;

    fn reduce(self: Rc<Self>, action: Action<S>) -> Rc<Self> {
        match action {
            Action::Edit(f) => {
                let mut next = (*self.state).clone();
                f(&mut next);
                if next == *self.state {
                    return self;
                }
                // Written here, not in an effect, so the address is right as soon as the edit is.
                let href = href_with(&self.route, &next.to_query());
                dom::replace_hash(&href);
                super::memory::remember(&self.route, &href);
                Rc::new(Held {
                    state: Rc::new(next),
                    route: self.route.clone(),
                    written: Some(href),
                })
            }
            Action::Load(state) => Rc::new(Held {
                state: Rc::new(state),
                route: self.route.clone(),
                written: self.written.clone(),
            }),
        }
    }
}

/// A lesson's state and the one callback that edits it; the helpers below make the callbacks
/// a control needs from it. Panels take it whole as a prop.
pub(crate) struct LessonState<S: 'static> {
    pub(crate) state: Rc<S>,
    /// Applies an edit to the newest state. It keeps its identity across renders, so a panel
    /// given it as a prop is not re-rendered for it.
    pub(crate) edit: Callback<Edit<S>>,
}

impl<S> Clone for LessonState<S> {
    fn clone(&self) -> Self {
        LessonState { state: self.state.clone(), edit: self.edit.clone() }
    }
}

/// Equal when the states are equal (the edit callback is the same for a lesson's life).
impl<S: PartialEq> PartialEq for LessonState<S> {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && self.edit == other.edit
    }
}

impl<S: 'static> LessonState<S> {
    /// A callback that applies `f` to the newest state (a button's action).
    pub(crate) fn action<E: 'static>(&self, f: impl Fn(&mut S) + 'static) -> Callback<E> {
        let (edit, f): (_, Edit<S>) = (self.edit.clone(), Rc::new(f));
        Callback::from(move |_: E| edit.emit(f.clone()))
    }

    /// A callback that sets a part of the state from its value (a slider's number, a toggle's
    /// flag, a step picked on a chart).
    pub(crate) fn on<V: Clone + 'static>(&self, f: impl Fn(&mut S, V) + 'static) -> Callback<V> {
        on(&self.edit, f)
    }

    /// A callback that sets a part of the state from a select's text, ignoring text that does
    /// not parse.
    pub(crate) fn parsed<V: FromStr + Clone + 'static>(
        &self,
        f: impl Fn(&mut S, V) + 'static,
    ) -> Callback<String> {
        let on = self.on(f);
        Callback::from(move |text: String| {
            if let Ok(v) = text.parse() {
                on.emit(v);
            }
        })
    }
}

/// A callback that sets a part of the state from its value through `edit` (for panels given
/// the edit callback alone, so that their props stay equal when other parts change).
pub(crate) fn on<S: 'static, V: Clone + 'static>(
    edit: &Callback<Edit<S>>,
    f: impl Fn(&mut S, V) + 'static,
) -> Callback<V> {
    let (edit, f) = (edit.clone(), Rc::new(f));
    Callback::from(move |v: V| {
        let f = f.clone();
        edit.emit(Rc::new(move |s: &mut S| f(s, v.clone())));
    })
}

/// The state of the lesson shown at `route`, read from the address's query. Edits write it
/// back (without adding history entries); if the address changes from outside, the state is
/// read again.
#[hook]
pub(crate) fn use_lesson<S>(route: Route) -> LessonState<S>
where
    S: UrlState + Clone + PartialEq + 'static,
{
    let hash = use_context::<HashContext>().map(|h| h.0).unwrap_or_else(dom::hash);
    let held = use_reducer(|| Held {
        state: Rc::new(S::from_query(&Query::from_hash(&hash))),
        route,
        written: None,
    });
    let seen_hash = use_mut_ref(|| hash.clone());
    if *seen_hash.borrow() != hash {
        *seen_hash.borrow_mut() = hash.clone();
        if held.written.as_deref() != Some(hash.as_str()) {
            held.dispatch(Action::Load(S::from_query(&Query::from_hash(&hash))));
        }
    }
    let dispatcher = held.dispatcher();
    let edit = use_memo((), move |_| {
        Callback::from(move |f: Edit<S>| dispatcher.dispatch(Action::Edit(f)))
    });
    LessonState { state: held.state.clone(), edit: (*edit).clone() }
}
