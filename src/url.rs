//! The query of an address (`?key=value&…`) and the lesson states kept in it; depends on
//! nothing else in the crate.
//!
//! The query after a route holds a lesson's state so that reloading or sharing the address
//! restores it; [`Query`] reads it back tolerantly: a missing, malformed or out-of-range value
//! falls back to the default or is clamped. Enum values are written by name ([`Named`]).

use std::str::FromStr;

/// An enum whose variants have fixed names in the address and in catalogue keys. The names come
/// from `strum`'s derives (`IntoStaticStr` and `EnumString`, both with the same spelling), so each
/// name is written once, on its variant.
pub trait Named: Copy + Into<&'static str> + FromStr {
    /// The variant's name, e.g. `"s4d-real"`.
    fn name(self) -> &'static str {
        self.into()
    }

    /// The variant of this name, if any.
    fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }
}

impl<T: Copy + Into<&'static str> + FromStr> Named for T {}

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

    /// Every pair, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
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

    /// The named value under `key` (an enum variant by its [`Named`] name), else `default`.
    pub fn named<E: Named>(&self, key: &str, default: E) -> E {
        self.get(key).and_then(E::from_name).unwrap_or(default)
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

    #[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::EnumString)]
    #[strum(serialize_all = "snake_case")]
    enum Rule {
        Zoh,
        HillisSteele,
    }

    #[test]
    fn query_round_trips_text_and_clamps_numbers() {
        let q = Query::default().with("text", "state & 상태 = 1+1").with("a", -2.5).with("n", 99);
        let back = Query::from_hash(&format!("#/selection?{}", q.encode()));
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

    #[test]
    fn named_values_read_back_by_name_and_fall_back_to_the_default() {
        assert_eq!(Rule::HillisSteele.name(), "hillis_steele");
        let q = Query::default().with("a", Rule::HillisSteele.name()).with("b", "nope");
        let back = Query::from_hash(&format!("#/scan?{}", q.encode()));
        assert_eq!(back.named("a", Rule::Zoh), Rule::HillisSteele);
        assert_eq!(back.named("b", Rule::HillisSteele), Rule::HillisSteele);
        assert_eq!(back.named("missing", Rule::Zoh), Rule::Zoh);
    }
}
