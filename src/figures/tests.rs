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

#[test]
fn every_figure_has_data_and_a_summary_in_both_languages() {
    let empty: Vec<String> = ids()
        .into_iter()
        .filter(|id| describe::data(id, "", Lang::En).is_ok_and(|d| d.0.rows.is_empty()))
        .collect();
    // Only the figures of timings measured in the page are empty until something is measured.
    assert_eq!(empty, ["compare/time", "compare/memory", "scan/bench"], "figures without data");
    for id in ids() {
        for lang in [Lang::En, Lang::Ko] {
            let (data, text) =
                describe::data(&id, "", lang).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(
                data.rows
                    .iter()
                    .all(|r| r.len() + usize::from(!data.labels.is_empty()) == data.columns.len()),
                "{id}"
            );
            assert!(empty.contains(&id) || !data.rows.is_empty(), "{id}");
            assert!(text.chars().any(|c| c.is_ascii_digit()), "{id}: {text}");
            assert!(!text.contains("NaN") && !text.contains("inf"), "{id}: {text}");
        }
    }
    // The summary follows the state.
    let a = describe::data("discretize/hold", "d=0.5", Lang::En).unwrap();
    let b = describe::data("discretize/hold", "d=1.5", Lang::En).unwrap();
    assert_ne!((a.0, a.1), (b.0, b.1));
}

#[test]
fn a_summary_reads_off_ranges_last_values_and_named_items() {
    use crate::plot::FigureData;
    let series =
        FigureData::columns(vec!["t (s)".into(), "y".into()], &[&[0.0, 10.0], &[1.0, 0.42]]);
    assert_eq!(
        describe::summary(&series, Lang::En),
        "2 data rows. t (s): 0 to 10; y: 0.42 to 1, last 0.42."
    );
    let bars = FigureData::named("", vec!["ms".into()], vec![("scan".into(), vec![3.25])]);
    assert_eq!(describe::summary(&bars, Lang::En), "1 data rows. scan: ms 3.25.");
}

#[test]
fn named_items_are_read_one_by_one() {
    use crate::plot::FigureData;
    let rows = vec![("CPU".into(), vec![1024.0, 0.5]), ("GPU".into(), vec![1024.0, 2.25])];
    let d = FigureData::named("", vec!["L".into(), "ms".into()], rows);
    assert_eq!(
        describe::summary(&d, Lang::En),
        "2 data rows. CPU: L 1024, ms 0.5; GPU: L 1024, ms 2.25."
    );
}
