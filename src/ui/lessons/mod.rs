//! The lessons, one file each, registered here by slug. A lesson that is not written yet has no
//! view, and its page says so plainly.

mod format;
mod hardware;
mod scan;
mod scan_bench;
mod scan_tree;
mod state;

use crate::course::Lesson;
use yew::prelude::*;

/// The body of `lesson` (or of its panel `sub`, e.g. `#/scan/bench`), if it is written.
pub(crate) fn view(lesson: Lesson, sub: Option<&str>) -> Option<Html> {
    match lesson {
        Lesson::State => Some(html! { <state::StateLessonView /> }),
        Lesson::Scan if sub == Some("bench") => Some(html! { <scan_bench::ScanBenchView /> }),
        Lesson::Scan => Some(html! { <scan::ScanLessonView /> }),
        Lesson::Hardware => Some(html! { <hardware::HardwareLessonView /> }),
        Lesson::Continuous
        | Lesson::Discretize
        | Lesson::Views
        | Lesson::Hippo
        | Lesson::Selection
        | Lesson::Compare
        | Lesson::Block
        | Lesson::Origins => None,
    }
}
