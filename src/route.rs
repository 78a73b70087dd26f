//! Hash routes (`#/<lesson>[/<sub>][?key=value&…]`); the query after the route is a
//! [`Query`] holding the lesson's state.
//!
//! Hash routing works from any static host.

use crate::course::Lesson;
use crate::url::Query;

/// Where the address points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/` (or no hash): the learning path.
    Home,
    /// `#/<slug>` or `#/<slug>/<sub>`: a lesson, or a panel inside it (e.g. `#/scan/bench`).
    Lesson(Lesson, Option<String>),
    /// `#/deck`: the teacher's deck of views (classroom mode).
    Deck,
    /// Anything else, kept as written so the page can show it.
    NotFound(String),
}

impl Route {
    /// The route of a location hash such as `#/scan/bench?n=16` (the query is ignored here).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').split('?').next().unwrap_or("");
        let path = path.trim_matches('/');
        if path.is_empty() {
            return Route::Home;
        }
        let (first, rest) = match path.split_once('/') {
            Some((first, rest)) => (first, Some(rest.to_owned())),
            None => (path, None),
        };
        match Lesson::from_slug(first) {
            Some(lesson) => Route::Lesson(lesson, rest),
            None if first == "deck" && rest.is_none() => Route::Deck,
            None => Route::NotFound(format!("#/{path}")),
        }
    }

    /// The hash that leads here, e.g. `#/views`.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".to_owned(),
            Route::Deck => "#/deck".to_owned(),
            Route::Lesson(lesson, None) => format!("#/{}", lesson.slug()),
            Route::Lesson(lesson, Some(sub)) => format!("#/{}/{sub}", lesson.slug()),
            Route::NotFound(path) => path.clone(),
        }
    }
}

/// The hash of a route with a state: `#/views?l=64`.
pub fn href_with(route: &Route, query: &Query) -> String {
    let q = query.encode();
    if q.is_empty() { route.href() } else { format!("{}?{q}", route.href()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_follows_its_route_after_a_question_mark() {
        let route = Route::Lesson(Lesson::Selection, None);
        assert_eq!(href_with(&route, &Query::default()), "#/selection");
        let q = Query::default().with("text", "a b");
        assert_eq!(href_with(&route, &q), "#/selection?text=a%20b");
        assert_eq!(Query::from_hash(&href_with(&route, &q)).get("text"), Some("a b"));
    }

    #[test]
    fn routes_parse_and_round_trip() {
        let cases = [
            ("", Route::Home),
            ("#", Route::Home),
            ("#/", Route::Home),
            ("#/views", Route::Lesson(Lesson::Views, None)),
            ("#/views/?l=3", Route::Lesson(Lesson::Views, None)),
            ("#/scan/bench?n=4", Route::Lesson(Lesson::Scan, Some("bench".into()))),
            ("#/nowhere", Route::NotFound("#/nowhere".into())),
            ("#/deck?title=x", Route::Deck),
        ];
        for (hash, route) in cases {
            assert_eq!(Route::parse(hash), route, "{hash}");
            assert_eq!(Route::parse(&route.href()), route);
        }
    }
}
