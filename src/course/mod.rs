//! The course: its lessons in the order of the learning path (shared/curriculum.md), listed
//! once in the [`registry`](registry) file, and each lesson's state as kept in the address (one
//! file per lesson, natively testable).

pub mod block;
pub mod compare;
pub mod compute;
pub mod continuous;
pub mod discretize;
pub mod hardware;
pub mod hippo;
pub mod origins;
mod registry;
pub mod scan;
pub mod selection;
pub mod state;
pub mod tour;
pub mod train;
pub mod views;

use registry::define_lessons;
pub(crate) use registry::lessons;

registry::lessons!(define_lessons);

impl Lesson {
    /// The lesson whose slug this is.
    pub fn from_slug(slug: &str) -> Option<Lesson> {
        Lesson::ALL.into_iter().find(|l| l.slug() == slug)
    }

    /// Position in the course, from 0.
    pub fn index(self) -> usize {
        Lesson::ALL.iter().position(|&l| l == self).unwrap_or(0)
    }

    /// The lesson before this one, if any.
    pub fn prev(self) -> Option<Lesson> {
        self.index().checked_sub(1).map(|i| Lesson::ALL[i])
    }

    /// The lesson after this one, if any.
    pub fn next(self) -> Option<Lesson> {
        Lesson::ALL.get(self.index() + 1).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_cover_the_curriculum_in_order() {
        for l in Lesson::ALL {
            assert_eq!(Lesson::from_slug(l.slug()), Some(l));
        }
        let items: Vec<u8> =
            Lesson::ALL.iter().flat_map(|l| l.curriculum_items()).copied().collect();
        // The notes' items 1–13 in order; 14 (training in the page) sits after selection.
        let notes: Vec<u8> = items.iter().copied().filter(|&i| i <= 13).collect();
        assert_eq!(notes, (1..=13).collect::<Vec<u8>>());
        assert_eq!(Lesson::Train.curriculum_items(), [14]);
        assert_eq!(Lesson::Selection.next(), Some(Lesson::Train));
        assert_eq!(Lesson::State.prev(), None);
        assert_eq!(Lesson::Origins.next(), None);
        assert_eq!(Lesson::Views.next(), Some(Lesson::Hippo));
    }
}
