//! The lessons, one file each, registered here by slug. A lesson that is not written yet has no
//! view, and its page says so plainly.

mod continuous;
mod lti;
mod origins;
mod discretize;
mod hippo;
mod selection;
mod state;
mod views;

use crate::course::Lesson;
use yew::prelude::*;

/// The body of `lesson` (or of its panel `sub`, e.g. `#/scan/bench`), if it is written.
pub(crate) fn view(lesson: Lesson, sub: Option<&str>) -> Option<Html> {
    let _ = sub;
    match lesson {
        Lesson::State => Some(html! { <state::StateLessonView /> }),
        Lesson::Continuous => Some(html! { <continuous::ContinuousLessonView /> }),
        Lesson::Discretize
        | Lesson::Views
        Lesson::Discretize => Some(html! { <discretize::DiscretizeLessonView /> }),
        Lesson::Views => Some(html! { <views::ViewsLessonView /> }),
        Lesson::Continuous
        | Lesson::Hippo
        Lesson::Hippo => Some(html! { <hippo::HippoLessonView /> }),
        Lesson::Continuous
        | Lesson::Discretize
        | Lesson::Views
        | Lesson::Selection
        Lesson::Selection => Some(html! { <selection::SelectionLessonView /> }),
        Lesson::Continuous
        | Lesson::Discretize
        | Lesson::Views
        | Lesson::Hippo
        | Lesson::Compare
        | Lesson::Scan
        | Lesson::Hardware
        | Lesson::Block => None,
        Lesson::Origins => Some(html! { <origins::OriginsLessonView /> }),
    }
}
