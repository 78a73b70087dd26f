//! The lessons, one file each, registered here by slug. A lesson that is not written yet has no
//! view, and its page says so plainly.

mod continuous;
mod lti;
mod origins;
mod discretize;
mod hippo;
mod selection;
mod format;
mod hardware;
mod scan;
mod scan_bench;
mod scan_tree;
mod block;
mod compare;
mod numbers;
mod state;
mod views;

use crate::course::Lesson;
use yew::prelude::*;

/// The body of `lesson` (or of its panel `sub`, e.g. `#/scan/bench`), if it is written.
pub(crate) fn view(lesson: Lesson, sub: Option<&str>) -> Option<Html> {
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
        Lesson::Scan if sub == Some("bench") => Some(html! { <scan_bench::ScanBenchView /> }),
        Lesson::Scan => Some(html! { <scan::ScanLessonView /> }),
        Lesson::Hardware => Some(html! { <hardware::HardwareLessonView /> }),
        Lesson::Block => Some(html! { <block::BlockLessonView /> }),
        Lesson::Compare => Some(html! { <compare::CompareLessonView /> }),
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
        | Lesson::Block
        | Lesson::Scan
        | Lesson::Hardware
        | Lesson::Origins => None,
    }
}
