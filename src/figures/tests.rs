//! The catalogue's contract: ids are unique and well formed, every figure draws in both
//! languages from the default state, and bad ids and queries are refused before drawing.

use super::*;
use crate::plot::Theme;

/// A small SVG of `id`, or the error.
fn small(id: &str, query: &str, lang: Lang) -> Result<String, FigureError> {
    svg(id, query, lang, &Theme::default(), 480, None)
}

#[test]
fn ids_are_unique_and_name_a_lesson_and_a_figure() {
    let ids = ids();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "duplicate ids");
    for id in &ids {
        let (lesson, entry) = find(id).expect(id);
        assert_eq!(format!("{}/{}", lesson.slug(), entry.name), *id);
        assert!(entry.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{id}");
        assert!(entry.aspect > 0.1 && entry.aspect < 2.0, "{id}");
    }
    // Every lesson has figures (but the training lesson, whose figures show weights learned in
    // the page), and the LTI lessons their three time plots.
    for l in Lesson::ALL.into_iter().filter(|l| *l != Lesson::Train) {
        assert!(!figures_of(l).is_empty(), "{l:?}");
    }
    for id in ["continuous/input", "continuous/state", "continuous/output", "origins/output"] {
        assert!(ids.iter().any(|i| i == id), "{id}");
    }
}

#[test]
fn every_figure_draws_text_in_both_languages() {
    for id in ids() {
        let en = small(&id, "", Lang::En).unwrap_or_else(|e| panic!("{id}: {e}"));
        let ko = small(&id, "", Lang::Ko).unwrap_or_else(|e| panic!("{id}: {e}"));
        for doc in [&en, &ko] {
            assert!(doc.starts_with("<svg") && doc.trim_end().ends_with("</svg>"), "{id}");
            assert!(doc.contains("<text"), "{id} has no text");
            assert!(!doc.contains("NaN"), "{id} draws NaN");
        }
        // Korean figures carry Hangul (axis names, legends) unless the figure has no words.
        let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
        assert!(hangul(&ko) || !hangul(&en), "{id}");
        assert_ne!(en, ko, "{id} does not change with the language");
    }
}

#[test]
fn the_state_changes_the_figure() {
    let a = small("discretize/hold", "d=0.5&m=zoh", Lang::En).unwrap();
    let b = small("discretize/hold", "d=1.5&m=euler", Lang::En).unwrap();
    assert_ne!(a, b);
    // A whole address works too, and frame keys are ignored.
    let c = small("discretize/hold", "#/discretize?d=1.5&m=euler&present=1", Lang::En).unwrap();
    assert_eq!(b, c);
}

#[test]
fn unknown_ids_and_bad_queries_are_refused() {
    for id in ["", "discretize", "discretize/", "nope/hold", "discretize/nope", "state/grid/x"] {
        assert!(matches!(small(id, "", Lang::En), Err(FigureError::UnknownId(_))), "{id:?}");
    }
    for query in ["zz=1", "d=50", "d=abc", "m=rk4", "sys=moon"] {
        let e = small("discretize/hold", query, Lang::En);
        assert!(matches!(e, Err(FigureError::BadQuery(_))), "{query}: {e:?}");
    }
    // The scan's bench page reads its own settings.
    assert!(small("scan/bench", "d=4&n=8", Lang::En).is_ok());
    assert!(matches!(small("scan/bench", "d=3", Lang::En), Err(FigureError::BadQuery(_))));
}

#[test]
fn a_query_is_kept_as_given_or_refused() {
    let q = query_of("d=0.50&m=euler&k=7");
    let s: crate::course::discretize::DiscretizeLesson = parse_state(&q).unwrap();
    assert_eq!((s.delta, s.order), (0.5, 7));
    assert!(same_value("1", "true") && same_value("0.50", "0.5") && !same_value("1", "2"));
}
