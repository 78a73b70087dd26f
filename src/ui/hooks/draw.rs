//! `use_draw`: a figure's draw closure, built again only when what it draws from changes.
//!
//! A `Figure` redraws when its closure is a new one; a closure built in every render would redraw
//! every figure of a lesson whenever any control moves.

use std::rc::Rc;
use yew::prelude::*;

/// The closure `make(&deps)`, kept while `deps` stay equal: pass exactly what the figure draws
/// from (the lesson's fields or computed results it reads, the language, a hover position).
#[hook]
pub(crate) fn use_draw<D, T, F>(deps: D, make: F) -> T
where
    D: PartialEq + 'static,
    T: Clone + 'static,
    F: FnOnce(&D) -> T,
{
    (*use_memo(deps, make)).clone()
}

/// A computed result as a `use_draw` dependency, equal only to itself (the same `Rc`): a memo
/// keeps its `Rc` while its own inputs stay equal, so comparing the pointer is enough.
pub(crate) struct Same<T>(pub(crate) Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
