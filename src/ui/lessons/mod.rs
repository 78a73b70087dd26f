//! The lessons, one file each, registered here by slug. A lesson that is not written yet has no
//! view, and its page says so plainly.

mod block;
mod compare;
mod continuous;
mod discretize;
mod hardware;
mod hippo;
mod lti;
mod numbers;
mod origins;
mod scan;
mod scan_bench;
mod scan_tree;
mod selection;
mod state;
mod views;

use crate::course::Lesson;
use yew::prelude::*;

/// The body of `lesson` (or of its panel `sub`, e.g. `#/scan/bench`), if it is written.
pub(crate) fn view(lesson: Lesson, sub: Option<&str>) -> Option<Html> {
    match lesson {
        Lesson::State => Some(html! { <state::StateLessonView /> }),
        Lesson::Continuous => Some(html! { <continuous::ContinuousLessonView /> }),
        Lesson::Discretize => Some(html! { <discretize::DiscretizeLessonView /> }),
        Lesson::Views => Some(html! { <views::ViewsLessonView /> }),
        Lesson::Hippo => Some(html! { <hippo::HippoLessonView /> }),
        Lesson::Selection => Some(html! { <selection::SelectionLessonView /> }),
        Lesson::Compare => Some(html! { <compare::CompareLessonView /> }),
        Lesson::Scan if sub == Some("bench") => Some(html! { <scan_bench::ScanBenchView /> }),
        Lesson::Scan => Some(html! { <scan::ScanLessonView /> }),
        Lesson::Hardware => Some(html! { <hardware::HardwareLessonView /> }),
        Lesson::Block => Some(html! { <block::BlockLessonView /> }),
        Lesson::Origins => Some(html! { <origins::OriginsLessonView /> }),
    }
}
