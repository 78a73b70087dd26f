//! The text catalogues: every string the app shows, in English and in Korean.
//!
//! Each language is one catalogue made of the files under `i18n/<lang>/`: `shell.txt` for the
//! app's frame; `present.txt` (classroom mode: tours, presenter, speaker view, decks),
//! `figure.txt` (a figure's tools: downloads, links, QR), `access.txt` (small screens, keyboard,
//! screen readers, offline) and `theme.txt` (light, dark, projector); and one file per lesson,
//! named by the lesson's slug. A line is `key = text`;
//! blank lines and lines starting with `#` are ignored. Keys in a lesson's file start with the
//! lesson's slug. `{name}` in a text is a placeholder filled by [`fill`].

use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The code used in `?lang=` and in the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's name in itself, as the switch shows it whatever the current language.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// The language of a code such as `ko`, `ko-KR` or `en-US`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// The catalogue files of one language, as (file name, contents).
type Files = [(&'static str, &'static str)];

/// The catalogue of each language: the shell's file and one per lesson of the registry.
macro_rules! catalogues {
    ($($(#[$doc:meta])* $variant:ident = $slug:literal [$($item:literal),+] $module:ident::$view:ident,)+) => {
        const EN: &Files = &[
            ("shell", include_str!("en/shell.txt")),
            ("present", include_str!("en/present.txt")),
            ("figure", include_str!("en/figure.txt")),
            ("access", include_str!("en/access.txt")),
            ("theme", include_str!("en/theme.txt")),
            $(($slug, include_str!(concat!("en/", $slug, ".txt"))),)+
        ];
        const KO: &Files = &[
            ("shell", include_str!("ko/shell.txt")),
            ("present", include_str!("ko/present.txt")),
            ("figure", include_str!("ko/figure.txt")),
            ("access", include_str!("ko/access.txt")),
            ("theme", include_str!("ko/theme.txt")),
            $(($slug, include_str!(concat!("ko/", $slug, ".txt"))),)+
        ];
    };
}

crate::course::lessons!(catalogues);

/// The catalogue files of a language.
pub fn files(lang: Lang) -> &'static Files {
    match lang {
        Lang::En => EN,
        Lang::Ko => KO,
    }
}

/// One `key = text` entry of a catalogue file, with its line number (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The key, e.g. `state.title`.
    pub key: &'static str,
    /// The text.
    pub text: &'static str,
    /// The line it stands on.
    pub line: usize,
}

/// Parses one catalogue file; a line that is neither blank, a comment nor `key = text` is
/// returned as an error with its line number.
pub fn parse(contents: &'static str) -> Result<Vec<Entry>, usize> {
    let mut entries = Vec::new();
    for (i, raw) in contents.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, text) = line.split_once(" = ").ok_or(i + 1)?;
        entries.push(Entry { key: key.trim(), text: text.trim(), line: i + 1 });
    }
    Ok(entries)
}

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static TABLES: [OnceLock<HashMap<&'static str, &'static str>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    TABLES[lang as usize].get_or_init(|| {
        files(lang)
            .iter()
            .flat_map(|(_, contents)| parse(contents).unwrap_or_default())
            .map(|e| (e.key, e.text))
            .collect()
    })
}

/// The text of `key` in `lang`, if the catalogue has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    table(lang).get(key).copied()
}

/// Shown in place of a text the catalogue lacks (the tests make sure none is missing).
pub const MISSING: &str = "⟦missing text⟧";

/// The text of `key` in `lang`, or [`MISSING`].
pub fn t(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or(MISSING)
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn fill(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(t(lang, key).to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    fn keys(lang: Lang) -> BTreeSet<&'static str> {
        files(lang).iter().flat_map(|(_, c)| parse(c).unwrap()).map(|e| e.key).collect()
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}'))
            .map(|(n, _)| n.to_owned())
            .collect()
    }

    #[test]
    fn every_file_parses_and_has_no_duplicate_or_empty_entry() {
        for lang in Lang::ALL {
            let mut seen = HashSet::new();
            for (name, contents) in files(lang) {
                let entries = parse(contents).unwrap_or_else(|line| {
                    panic!("{}/{name}.txt line {line} is not `key = text`", lang.code())
                });
                for e in entries {
                    assert!(seen.insert(e.key), "{}: key {} appears twice", lang.code(), e.key);
                    assert!(
                        !e.text.is_empty(),
                        "{}/{name}.txt line {}: empty text",
                        lang.code(),
                        e.line
                    );
                    if *name != "shell" {
                        assert!(
                            e.key.starts_with(&format!("{name}.")),
                            "{}/{name}.txt line {}: key {} must start with {name}.",
                            lang.code(),
                            e.line,
                            e.key
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        let (en, ko) = (keys(Lang::En), keys(Lang::Ko));
        let only_en: Vec<_> = en.difference(&ko).collect();
        let only_ko: Vec<_> = ko.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in Korean: {only_en:?}");
        assert!(only_ko.is_empty(), "missing in English: {only_ko:?}");
        for key in &en {
            assert_eq!(
                placeholders(t(Lang::En, key)),
                placeholders(t(Lang::Ko, key)),
                "placeholders differ for {key}"
            );
        }
    }

    /// Korean text must be Korean: any entry with Latin words must also contain Hangul, unless
    /// it is a proper name or formula kept as is (listed here on purpose).
    #[test]
    fn korean_entries_are_written_in_korean() {
        const KEPT_AS_IS: &[&str] = &["app.title"];
        let hangul = |c: char| ('\u{AC00}'..='\u{D7A3}').contains(&c);
        for key in keys(Lang::Ko) {
            let text = t(Lang::Ko, key);
            let has_letters = text.chars().any(|c| c.is_ascii_alphabetic());
            if has_letters && !KEPT_AS_IS.contains(&key) {
                assert!(text.chars().any(hangul), "ko {key} has no Korean: {text:?}");
            }
        }
    }

    #[test]
    fn every_lesson_has_a_title_and_a_summary() {
        for lesson in crate::course::Lesson::ALL {
            for part in ["title", "summary"] {
                let key = format!("{}.{part}", lesson.slug());
                for lang in Lang::ALL {
                    assert!(lookup(lang, &key).is_some(), "{} lacks {key}", lang.code());
                }
            }
        }
    }

    /// Every key the UI names exists in both catalogues. Any string literal in `src/ui` shaped
    /// like a key (`namespace.name`, where the namespace is one the catalogues use, e.g. `nav`
    /// or a lesson slug) is taken for one, whether it is passed to `t` or to a component.
    #[test]
    fn every_key_used_in_the_ui_exists() {
        let all = keys(Lang::En);
        let namespaces: HashSet<&str> = all.iter().filter_map(|k| k.split('.').next()).collect();
        let looks_like_key = |s: &str| {
            s.split_once('.').is_some_and(|(ns, rest)| {
                namespaces.contains(ns)
                    && !rest.is_empty()
                    && s.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'
                    })
            })
        };
        let mut missing = Vec::new();
        let mut found = 0;
        let mut stack =
            vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui"))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                // The odd pieces between quotes are the string literals.
                for literal in source.split('"').skip(1).step_by(2).filter(|s| looks_like_key(s)) {
                    found += 1;
                    if lookup(Lang::En, literal).is_none() || lookup(Lang::Ko, literal).is_none() {
                        missing.push(format!("{}: {literal}", path.display()));
                    }
                }
            }
        }
        assert!(found > 10, "the scan found only {found} keys: is the pattern still right?");
        assert!(missing.is_empty(), "keys used but not in both catalogues: {missing:#?}");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert!(fill(Lang::En, "notfound.body", &[("route", "#/x")]).contains("#/x"));
    }
}
