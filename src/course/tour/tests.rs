//! Every scene's state parses with its lesson's own state type and reads back unchanged, every
//! figure it names is on the lesson's page, and both languages have its caption and notes.

use super::{Deck, DeckView, Stop};
use crate::course::{self, Lesson};
use crate::i18n::{Lang, lookup};
use crate::url::{Query, UrlState};
use std::collections::BTreeSet;

/// The scene's query read by the lesson's state type and written back.
fn reencoded(lesson: Lesson, q: &Query) -> Query {
    fn via<S: UrlState>(q: &Query) -> Query {
        S::from_query(q).to_query()
    }
    match lesson {
        Lesson::State => via::<course::state::StateLesson>(q),
        Lesson::Continuous => via::<course::continuous::ContinuousLesson>(q),
        Lesson::Discretize => via::<course::discretize::DiscretizeLesson>(q),
        Lesson::Views => via::<course::views::ViewsLesson>(q),
        Lesson::Hippo => via::<course::hippo::HippoLesson>(q),
        Lesson::Selection => via::<course::selection::SelectionLesson>(q),
        Lesson::Train => via::<course::train::TrainLesson>(q),
        Lesson::Compare => via::<course::compare::CompareLesson>(q),
        Lesson::Scan => via::<course::scan::ScanLesson>(q),
        Lesson::Hardware => via::<course::hardware::HardwareLesson>(q),
        Lesson::Block => via::<course::block::BlockLesson>(q),
        Lesson::Origins => via::<course::origins::OriginsLesson>(q),
    }
}

fn same_value(a: &str, b: &str) -> bool {
    a == b || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y)
}

#[test]
fn every_tour_has_4_to_10_scenes_whose_states_read_back_unchanged() {
    for lesson in Lesson::ALL {
        let tour = lesson.tour();
        assert!((4..=10).contains(&tour.len()), "{} has {} scenes", lesson.slug(), tour.len());
        for (i, scene) in tour.iter().enumerate() {
            let q = Query::from_hash(&Stop { lesson, scene: i }.href());
            let back = reencoded(lesson, &q);
            for pair in scene.query.split('&').filter(|p| !p.is_empty()) {
                let key = pair.split('=').next().unwrap_or("");
                let (given, read) = (q.get(key).unwrap_or(""), back.get(key));
                assert!(
                    read.is_some_and(|r| same_value(given, r)),
                    "{} scene {}: {key}={given:?} reads back as {read:?}",
                    lesson.slug(),
                    i + 1
                );
            }
            assert!(!scene.figures.is_empty(), "{} scene {} shows no figure", lesson.slug(), i + 1);
        }
    }
}

/// The figure ids the lesson views give their figures (`<Figure id="…"`), and the time plots'
/// `<lesson>/input|state|output` where a lesson shows them.
fn page_figures() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui"))];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for part in text.split("<Figure id=\"").skip(1) {
            ids.insert(part.split('"').next().unwrap_or("").to_owned());
        }
        for part in text.split("<TimePlots ").skip(1) {
            let tag = part.split("/>").next().unwrap_or("");
            let lesson =
                Lesson::ALL.into_iter().find(|l| tag.contains(&format!("lesson=\"{}\"", l.slug())));
            if let Some(l) = lesson {
                for name in ["input", "state", "output"] {
                    ids.insert(format!("{}/{name}", l.slug()));
                }
            }
        }
    }
    ids
}

#[test]
fn every_scene_shows_figures_of_its_own_lesson() {
    let ids = page_figures();
    assert!(ids.contains("continuous/state") && ids.contains("views/spectra"), "{ids:?}");
    for lesson in Lesson::ALL {
        for (i, scene) in lesson.tour().iter().enumerate() {
            for id in scene.figures {
                assert!(
                    id.starts_with(&format!("{}/", lesson.slug())) && ids.contains(*id),
                    "{} scene {}: no figure {id} on the page",
                    lesson.slug(),
                    i + 1
                );
            }
        }
    }
}

#[test]
fn both_languages_have_every_caption_and_notes_and_no_others() {
    for lesson in Lesson::ALL {
        let n = lesson.tour().len();
        for lang in Lang::ALL {
            for scene in 0..n {
                for part in ["caption", "notes"] {
                    let key = Stop { lesson, scene }.key(part);
                    assert!(lookup(lang, &key).is_some(), "{} lacks {key}", lang.code());
                }
            }
            let extra = Stop { lesson, scene: n }.key("caption");
            assert!(lookup(lang, &extra).is_none(), "{} has {extra} beyond the tour", lang.code());
        }
    }
}

#[test]
fn stops_cross_into_the_neighbouring_lessons_at_the_ends() {
    let last = Lesson::State.tour().len() - 1;
    let end = Stop::new(Lesson::State, 99);
    assert_eq!(end, Stop { lesson: Lesson::State, scene: last });
    assert_eq!(end.next(), Some(Stop { lesson: Lesson::Continuous, scene: 0 }));
    assert_eq!(Stop::new(Lesson::Continuous, 0).prev(), Some(end));
    assert_eq!(Stop::new(Lesson::State, 0).prev(), None);
    assert_eq!(Stop::new(Lesson::Origins, 99).next(), None);
    assert_eq!(
        Stop::new(Lesson::Views, 0).href(),
        format!("#/views?{}", Lesson::Views.tour()[0].query)
    );
}

#[test]
fn a_deck_round_trips_through_its_address_and_reorders() {
    let deck = Deck {
        title: "Week 3 & 4: 상태 = state".to_owned(),
        views: vec![
            DeckView {
                lesson: Lesson::Views,
                query: "x=impulse&k=8".to_owned(),
                caption: "K is y".to_owned(),
            },
            DeckView { lesson: Lesson::Scan, query: String::new(), caption: "a\nb".to_owned() },
        ],
    };
    let back = Deck::from_query(&Query::from_hash(&format!("#/deck?{}", deck.to_query().encode())));
    assert_eq!(back.title, deck.title);
    assert_eq!(back.views[0], deck.views[0]);
    assert_eq!(back.views[1].caption, "a b");
    let moved = back.clone().moved(1, -1);
    assert_eq!(moved.views[0].lesson, Lesson::Scan);
    assert_eq!(back.clone().moved(1, 1), back, "moving past the end changes nothing");
    let bad = Deck::from_query(&Query::from_hash("#/deck?v1=nope%0Ax&v2=scan"));
    assert_eq!(bad.views.len(), 1);
}
