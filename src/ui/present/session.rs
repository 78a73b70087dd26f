//! `use_session`: presenter mode's state for the shell. It reads the mode and scene from the
//! address, works out what is on the stage (a tour's scene, or a deck's view), and gives the
//! callbacks that step, reset and leave, and the key handler.

use super::deck;
use super::nav::{self, Mode};
use super::presenter::{KeyAction, PresenterBar, presenter_key};
use super::stage::StageContext;
use crate::course::Lesson;
use crate::course::tour::{Deck, Scene, Stop};
use crate::i18n::{Lang, fill, t};
use crate::route::Route;
use crate::ui::dom;
use std::rc::Rc;
use yew::prelude::*;

/// Presenter mode as the shell sees it.
#[derive(Clone)]
pub(crate) struct Session {
    pub(crate) mode: Mode,
    /// The tour's stop at the lesson shown (tours and the speaker view).
    pub(crate) stop: Option<Stop>,
    /// Goes to a tour's stop.
    pub(crate) go: Callback<Stop>,
    /// Steps: +1 next, −1 back, 0 restores the scene's state.
    pub(crate) step: Callback<isize>,
    pub(crate) leave: Callback<()>,
    /// The header's button: enters presenter mode at the lesson's first scene, or leaves.
    pub(crate) toggle: Callback<MouseEvent>,
    deck: Rc<Deck>,
    index: usize,
    lesson: Option<Lesson>,
}

/// The deck view shown at `index`: its lesson, its state and the tour scene whose figures it
/// shows (the scene with the same state, else the lesson's first).
fn deck_view(deck: &Deck, index: usize) -> Option<(Lesson, String, &'static Scene)> {
    let v = deck.views.get(index)?;
    let tour = v.lesson.tour();
    let scene = tour.iter().find(|s| s.query == v.query).unwrap_or(&tour[0]);
    Some((v.lesson, v.query.clone(), scene))
}

fn go_deck(deck: &Deck, index: usize) {
    if let Some((lesson, query, _)) = deck_view(deck, index) {
        nav::set_search(Mode::Deck, index);
        let href = Route::Lesson(lesson, None).href();
        dom::navigate(&if query.is_empty() { href } else { format!("{href}?{query}") });
    }
}

impl Session {
    /// The scene on the stage, if the window shows one.
    pub(crate) fn on_stage(&self) -> Option<&'static Scene> {
        match self.mode {
            Mode::Audience => self.stop.map(|s| s.scene()),
            Mode::Deck => deck_view(&self.deck, self.index)
                .filter(|(l, _, _)| Some(*l) == self.lesson)
                .map(|(_, _, scene)| scene),
            Mode::Off | Mode::Speaker => None,
        }
    }

    /// What the page is marked with for present.css: presenting, staged, figures on stage.
    fn marks(&self) -> (bool, bool, usize) {
        let scene = self.on_stage();
        let presenting = matches!(self.mode, Mode::Audience | Mode::Deck);
        (presenting, scene.is_some(), scene.map_or(0, |s| s.figures.len()))
    }

    /// The stage's context for the page.
    pub(crate) fn stage(&self) -> StageContext {
        StageContext(self.on_stage())
    }

    /// Handles a key press of presenter mode; true if it was one.
    pub(crate) fn key(&self, e: &web_sys::KeyboardEvent) -> bool {
        if self.mode == Mode::Off || self.stop.is_none() {
            return false;
        }
        match presenter_key(e) {
            Some(KeyAction::Next) => self.step.emit(1),
            Some(KeyAction::Prev) => self.step.emit(-1),
            Some(KeyAction::Leave) if self.mode != Mode::Speaker => self.leave.emit(()),
            _ => return false,
        }
        e.prevent_default();
        true
    }

    /// The bar over the stage (nothing when no scene is shown).
    pub(crate) fn bar(&self, lang: Lang) -> Html {
        let Some(scene_stop) = self.stop.filter(|_| self.on_stage().is_some()) else {
            return html! {};
        };
        let (caption, counter, n, total, tour) = match self.mode {
            Mode::Deck => {
                let v = &self.deck.views[self.index];
                let total = self.deck.views.len();
                let counter = fill(
                    lang,
                    "present.counter",
                    &[
                        ("lesson", &self.deck.title),
                        ("n", &(self.index + 1).to_string()),
                        ("total", &total.to_string()),
                    ],
                );
                (v.caption.clone(), counter, self.index, total, None)
            }
            _ => {
                let s = scene_stop;
                let total = s.lesson.tour().len();
                let counter = fill(
                    lang,
                    "present.counter",
                    &[
                        ("lesson", t(lang, &format!("{}.title", s.lesson.slug()))),
                        ("n", &(s.scene + 1).to_string()),
                        ("total", &total.to_string()),
                    ],
                );
                (t(lang, &s.key("caption")).to_owned(), counter, s.scene, total, Some(s))
            }
        };
        let has_next = match tour {
            Some(s) => s.next().is_some(),
            None => n + 1 < total,
        };
        let has_prev = tour.map_or(n > 0, |s| s.prev().is_some());
        html! {
            <PresenterBar caption={caption} counter={counter} n={n} total={total}
                          has_prev={has_prev} has_next={has_next} stop={tour}
                          on_step={self.step.clone()} on_go={self.go.clone()} on_leave={self.leave.clone()} />
        }
    }
}

/// The presenter session of the shell showing `route` at `hash`.
#[hook]
pub(crate) fn use_session(route: &Route, hash: &str) -> Session {
    let mode = use_state(Mode::from_address);
    let scene = use_state(nav::scene_param);
    let deck =
        use_memo(*mode, |mode| if *mode == Mode::Deck { deck::stored() } else { Deck::default() });
    let lesson = match route {
        Route::Lesson(l, None) => Some(*l),
        _ => None,
    };
    let index = (*scene).min(deck.views.len().saturating_sub(1));
    let stop = lesson.map(|l| Stop::new(l, *scene));
    {
        // Entering a scene whose state the address does not hold yet shows the scene's state.
        let first = use_mut_ref(|| true);
        let entering = std::mem::take(&mut *first.borrow_mut()) && *mode != Mode::Off;
        if let (true, Some(s)) = (entering && !hash.contains('?') && *mode != Mode::Deck, stop) {
            dom::replace_hash(&s.href());
        }
    }
    let go = {
        let (mode, scene) = (mode.clone(), scene.clone());
        Callback::from(move |s: Stop| {
            nav::go(*mode, s);
            scene.set(s.scene);
        })
    };
    let step = {
        let (mode, scene, go, deck) = (mode.clone(), scene.clone(), go.clone(), deck.clone());
        Callback::from(move |by: isize| match (*mode, stop) {
            (Mode::Deck, _) => {
                if let Some(i) = index.checked_add_signed(by).filter(|&i| i < deck.views.len()) {
                    go_deck(&deck, i);
                    scene.set(i);
                }
            }
            (_, Some(s)) => {
                let target = match by {
                    1 => s.next(),
                    -1 => s.prev(),
                    _ => Some(s),
                };
                if let Some(t) = target {
                    go.emit(t);
                }
            }
            _ => {}
        })
    };
    let leave = {
        let mode = mode.clone();
        Callback::from(move |_| {
            nav::leave();
            mode.set(Mode::Off);
        })
    };
    let toggle = {
        let (mode, scene, leave) = (mode.clone(), scene.clone(), leave.clone());
        Callback::from(move |_: MouseEvent| match *mode {
            Mode::Off => {
                let s = stop.unwrap_or(Stop::new(Lesson::ALL[0], 0));
                mode.set(Mode::Audience);
                scene.set(s.scene);
                nav::go(Mode::Audience, s);
            }
            _ => leave.emit(()),
        })
    };
    let session = Session { mode: *mode, stop, go, step, leave, toggle, deck, index, lesson };
    // Marked while rendering, before the figures measure their boxes in their effects; and only
    // when the marks change, so the page's other users of the class (the theme) are not undone.
    let marked = use_mut_ref(|| None::<(bool, bool, usize)>);
    let marks = session.marks();
    if *marked.borrow() != Some(marks) {
        *marked.borrow_mut() = Some(marks);
        mark_document(marks);
    }
    session
}

/// Sets the `presenting` and `staged` classes and `data-stage-figures` on the root element.
fn mark_document((presenting, staged, figures): (bool, bool, usize)) {
    if let Some(html) = dom::document().document_element() {
        let _ = html.class_list().toggle_with_force("presenting", presenting);
        let _ = html.class_list().toggle_with_force("staged", staged);
        let _ = html.set_attribute("data-stage-figures", &figures.to_string());
    }
}
