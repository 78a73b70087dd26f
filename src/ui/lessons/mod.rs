//! The lessons, one file each, registered here by slug. A lesson that is not written yet has no
//! view, and its page says so plainly.

mod block;
mod compare;
mod numbers;
mod state;

use crate::course::Lesson;
use yew::prelude::*;

/// The body of `lesson` (or of its panel `sub`, e.g. `#/scan/bench`), if it is written.
pub(crate) fn view(lesson: Lesson, sub: Option<&str>) -> Option<Html> {
    let _ = sub;
    match lesson {
        Lesson::State => Some(html! { <state::StateLessonView /> }),
        Lesson::Block => Some(html! { <block::BlockLessonView /> }),
        Lesson::Compare => Some(html! { <compare::CompareLessonView /> }),
        Lesson::Continuous
        | Lesson::Discretize
        | Lesson::Views
        | Lesson::Hippo
        | Lesson::Selection
        | Lesson::Scan
        | Lesson::Hardware
        | Lesson::Origins => None,
    }
}
