//! Each lesson remembers its last state for the rest of the session (sessionStorage, one entry
//! per lesson page): coming back to a lesson by a bare link (`#/views`, from the navigation, the
//! pager or the arrow keys) shows it as it was left. An address with a state keeps that state.

use crate::route::Route;
use crate::ui::dom;
use yew::prelude::*;

/// The storage key of a lesson page: its path without the state (`#/scan/bench`).
fn key(route: &Route) -> Option<String> {
    matches!(route, Route::Lesson(..)).then(|| format!("mx:state:{}", route.href()))
}

/// Records `href` (a lesson's address with its state) as the last state of `route`'s page.
pub(crate) fn remember(route: &Route, href: &str) {
    if let Some(key) = key(route) {
        dom::session_set(&key, href);
    }
}

/// The hash to show for the address's `hash`: the remembered one for a bare lesson address,
/// else `hash` itself. The address is brought in line (without a history entry) after render.
#[hook]
pub(crate) fn use_recalled(hash: String) -> String {
    let route = Route::parse(&hash);
    let bare = !hash.contains('?');
    let shown = key(&route)
        .filter(|_| bare)
        .and_then(|k| dom::session_get(&k))
        .filter(|h| Route::parse(h) == route)
        .unwrap_or(hash);
    use_effect_with(shown.clone(), |shown| {
        if shown.contains('?') {
            remember(&Route::parse(shown), shown);
            if dom::hash() != *shown {
                dom::replace_hash(shown);
            }
        }
    });
    shown
}
