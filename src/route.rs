//! Hash routes (`#/<lesson>[/<sub>][?key=value&…]`) and the lesson state kept in their query.
//!
//! Hash routing works from any static host. The query after the route holds a lesson's state so
//! that reloading or sharing the address restores it; [`Query`] reads it back tolerantly: a
//! missing, malformed or out-of-range value falls back to the default or is clamped.

use crate::course::Lesson;

/// Where the address points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/` (or no hash): the learning path.
    Home,
    /// `#/<slug>` or `#/<slug>/<sub>`: a lesson, or a panel inside it (e.g. `#/scan/bench`).
    Lesson(Lesson, Option<String>),
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
            None => Route::NotFound(format!("#/{path}")),
        }
    }

    /// The hash that leads here, e.g. `#/views`.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".to_owned(),
            Route::Lesson(lesson, None) => format!("#/{}", lesson.slug()),
            Route::Lesson(lesson, Some(sub)) => format!("#/{}/{sub}", lesson.slug()),
            Route::NotFound(path) => path.clone(),
        }
    }
}

/// The key–value pairs after `?` in a hash, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// The query part of a location hash (`#/views?l=64&play=1`).
    pub fn from_hash(hash: &str) -> Query {
        let Some((_, query)) = hash.split_once('?') else { return Query::default() };
        Query(
            query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (decode(k), decode(v))
                })
                .collect(),
        )
    }

    /// The raw text under `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// A number under `key`, clamped to `[min, max]`; `default` if absent or not a finite number.
    pub fn f64_in(&self, key: &str, default: f64, min: f64, max: f64) -> f64 {
        match self.get(key).and_then(|v| v.parse::<f64>().ok()) {
            Some(x) if x.is_finite() => x.clamp(min, max),
            _ => default,
        }
    }

    /// A whole number under `key`, clamped to `[min, max]`; `default` if absent or malformed.
    pub fn usize_in(&self, key: &str, default: usize, min: usize, max: usize) -> usize {
        self.get(key).and_then(|v| v.parse::<usize>().ok()).map_or(default, |n| n.clamp(min, max))
    }

    /// A flag: `1`/`true` is on, `0`/`false` off, anything else `default`.
    pub fn flag(&self, key: &str, default: bool) -> bool {
        match self.get(key) {
            Some("1" | "true") => true,
            Some("0" | "false") => false,
            _ => default,
        }
    }

    /// The value under `key` if it is one of `choices`, else `default`.
    pub fn choice<'a>(&self, key: &str, choices: &[&'a str], default: &'a str) -> &'a str {
        self.get(key).and_then(|v| choices.iter().find(|c| **c == v).copied()).unwrap_or(default)
    }

    /// Adds a pair (builder style).
    pub fn with(mut self, key: &str, value: impl ToString) -> Query {
        self.0.push((key.to_owned(), value.to_string()));
        self
    }

    /// The query text without the leading `?` (empty if there are no pairs).
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// A lesson state that lives in the address: written to and read back from a [`Query`].
pub trait UrlState: Sized {
    /// The state as query pairs (only what differs from the default need be written).
    fn to_query(&self) -> Query;
    /// The state from query pairs; never fails: bad or missing values give defaults.
    fn from_query(query: &Query) -> Self;
}

/// The hash of a route with a state: `#/views?l=64`.
pub fn href_with(route: &Route, query: &Query) -> String {
    let q = query.encode();
    if q.is_empty() { route.href() } else { format!("{}?{q}", route.href()) }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|&c| (c as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        for (hash, route) in cases {
            assert_eq!(Route::parse(hash), route, "{hash}");
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn query_round_trips_text_and_clamps_numbers() {
        let q = Query::default().with("text", "state & 상태 = 1+1").with("a", -2.5).with("n", 99);
        let back = Query::from_hash(&href_with(&Route::Lesson(Lesson::Selection, None), &q));
        assert_eq!(back.get("text"), Some("state & 상태 = 1+1"));
        assert_eq!(back.f64_in("a", 0.0, -1.0, 1.0), -1.0);
        assert_eq!(back.usize_in("n", 4, 1, 64), 64);
        assert_eq!(back.f64_in("missing", 0.5, 0.0, 1.0), 0.5);
        let bad = Query::from_hash("#/x?a=NaN&n=-3&f=maybe&c=zoh");
        assert_eq!(bad.f64_in("a", 0.5, 0.0, 1.0), 0.5);
        assert_eq!(bad.usize_in("n", 4, 1, 64), 4);
        assert!(bad.flag("f", true));
        assert_eq!(bad.choice("c", &["zoh", "euler"], "euler"), "zoh");
        assert_eq!(bad.choice("z", &["zoh", "euler"], "euler"), "euler");
    }
}
