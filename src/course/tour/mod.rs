//! Tours: each lesson's story told in 4–10 scenes for a classroom. A scene is a lesson state
//! (the query after the lesson's route), the figures it puts on the stage, the controls the
//! teacher may need during it, and optionally one of the live equations; its caption and speaker
//! notes are catalogue texts `<slug>.tour.<n>.caption` and `<slug>.tour.<n>.notes` (n from 1) in
//! the lesson's own file. Tours are data: the presenter only steps through them.

mod deck;
mod scenes;
#[cfg(test)]
mod tests;

pub use deck::{Deck, DeckView};

use super::Lesson;

/// One scene of a tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scene {
    /// The lesson's state, as the query after `#/<slug>?` (keys of the lesson's state type).
    pub query: &'static str,
    /// The figure ids (`<slug>/<name>`, as in `data-figure`) shown large.
    pub figures: &'static [&'static str],
    /// The ids of the controls left on the stage.
    pub controls: &'static [&'static str],
    /// The live equation shown under the figures: the n-th (from 0) equation of the panel
    /// that holds the first figure.
    pub equation: Option<usize>,
}

impl Lesson {
    /// The lesson's tour, in order (never empty).
    pub fn tour(self) -> &'static [Scene] {
        scenes::of(self)
    }
}

/// A place in the course's tours: a lesson and a scene index (from 0) in its tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    /// The lesson.
    pub lesson: Lesson,
    /// The scene, from 0.
    pub scene: usize,
}

impl Stop {
    /// The stop `scene` of `lesson`, clamped into its tour.
    pub fn new(lesson: Lesson, scene: usize) -> Stop {
        Stop { lesson, scene: scene.min(lesson.tour().len() - 1) }
    }

    /// The scene shown at this stop.
    pub fn scene(self) -> &'static Scene {
        &self.lesson.tour()[self.scene]
    }

    /// The catalogue key of this stop's caption or notes (`part` is `caption` or `notes`).
    pub fn key(self, part: &str) -> String {
        format!("{}.tour.{}.{part}", self.lesson.slug(), self.scene + 1)
    }

    /// The next stop: the next scene, or the next lesson's first one; `None` at the end.
    pub fn next(self) -> Option<Stop> {
        if self.scene + 1 < self.lesson.tour().len() {
            Some(Stop { scene: self.scene + 1, ..self })
        } else {
            self.lesson.next().map(|l| Stop { lesson: l, scene: 0 })
        }
    }

    /// The previous stop: the previous scene, or the previous lesson's last one.
    pub fn prev(self) -> Option<Stop> {
        match self.scene.checked_sub(1) {
            Some(scene) => Some(Stop { scene, ..self }),
            None => self.lesson.prev().map(|l| Stop { lesson: l, scene: l.tour().len() - 1 }),
        }
    }

    /// The hash that shows this stop's state: `#/<slug>?<query>`.
    pub fn href(self) -> String {
        let q = self.scene().query;
        if q.is_empty() {
            format!("#/{}", self.lesson.slug())
        } else {
            format!("#/{}?{q}", self.lesson.slug())
        }
    }
}
