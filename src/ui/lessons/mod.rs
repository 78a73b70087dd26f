//! The lessons, one module each (named in the course registry, `course/registry.rs`), and the
//! dispatch from a route to its lesson's view.

mod lti;
mod scan_bench;
mod scan_tree;

use crate::course::Lesson;
use yew::prelude::*;

/// Declares each lesson's module and `view`, the body of a lesson, from the registry's rows.
macro_rules! lesson_views {
    ($($(#[$doc:meta])* $variant:ident = $slug:literal [$($item:literal),+] $module:ident::$view:ident,)+) => {
        $(mod $module;)+

        /// The body of `lesson` (or of its panel `sub`, e.g. `#/scan/bench`).
        pub(crate) fn view(lesson: Lesson, sub: Option<&str>) -> Html {
            if lesson == Lesson::Scan && sub == Some("bench") {
                return html! { <scan_bench::ScanBenchView /> };
            }
            match lesson {
                $(Lesson::$variant => html! { <$module::$view /> },)+
            }
        }
    };
}

crate::course::lessons!(lesson_views);
