//! The lesson registry: every lesson once, in the order of the learning path, with its slug, the
//! curriculum items it covers and its view. Everything else that lists the lessons derives from
//! this one table: the [`Lesson`](super::Lesson) enum and its order, slugs and items (`course`),
//! the text catalogue files (`i18n`), the lesson views (`ui::lessons`), and through them the
//! navigation and the home page's map, which the end-to-end suite reads its routes from.
//!
//! A row is `Variant = "slug" [items] module::Component`: the slug is the route (`#/<slug>`),
//! the i18n key prefix and the catalogue file name (`i18n/<lang>/<slug>.txt`); the items are those
//! of shared/curriculum.md; `module::Component` is the lesson's view in `ui::lessons`.

/// Calls the macro `$then` with every row of the registry (see the module's documentation).
macro_rules! lessons {
    ($then:ident) => {
        $then! {
            /// 1. State as a vector.
            State = "state" [1] state::StateLessonView,
            /// 2–3. The continuous SSM, and why linear matters.
            Continuous = "continuous" [2, 3] continuous::ContinuousLessonView,
            /// 4. Discretization by zero-order hold.
            Discretize = "discretize" [4] discretize::DiscretizeLessonView,
            /// 5. Two views of one LTI system: recurrence and convolution.
            Views = "views" [5] views::ViewsLessonView,
            /// 6. S4 and HiPPO memory.
            Hippo = "hippo" [6] hippo::HippoLessonView,
            /// 7–8. What S4 cannot do, and selection.
            Selection = "selection" [7, 8] selection::SelectionLessonView,
            /// 8½. Train it yourself: S4 and S6 learn selective copying in the page.
            Train = "train" [14] train::TrainLessonView,
            /// 9. Between RNN and Transformer.
            Compare = "compare" [9] compare::CompareLessonView,
            /// 10. The parallel scan.
            Scan = "scan" [10] scan::ScanLessonView,
            /// 11. Hardware-aware computation.
            Hardware = "hardware" [11] hardware::HardwareLessonView,
            /// 12. The Mamba block and beyond.
            Block = "block" [12] block::BlockLessonView,
            /// 13. Where SSMs come from.
            Origins = "origins" [13] origins::OriginsLessonView,
        }
    };
}

pub(crate) use lessons;

/// Defines [`Lesson`](super::Lesson) from the registry's rows.
macro_rules! define_lessons {
    ($($(#[$doc:meta])* $variant:ident = $slug:literal [$($item:literal),+] $module:ident::$view:ident,)+) => {
        /// One lesson of the course; its slug is its route (`#/<slug>`) and its i18n key prefix.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Lesson {
            $($(#[$doc])* $variant,)+
        }

        impl Lesson {
            /// Every lesson, in the order of the learning path.
            pub const ALL: [Lesson; [$($slug),+].len()] = [$(Lesson::$variant),+];

            /// The route segment and i18n key prefix, e.g. `"state"`.
            pub fn slug(self) -> &'static str {
                match self {
                    $(Lesson::$variant => $slug,)+
                }
            }

            /// The items of shared/curriculum.md this lesson covers.
            pub fn curriculum_items(self) -> &'static [u8] {
                match self {
                    $(Lesson::$variant => &[$($item),+],)+
                }
            }
        }
    };
}

pub(super) use define_lessons;
