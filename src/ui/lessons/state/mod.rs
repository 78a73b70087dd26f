//! Lesson 1, `#/state`: a state is what you must know to predict what comes next. A grid-world
//! agent with its state vector (x, y, d), then an object seen only through noisy positions,
//! where the last position alone predicts badly and (position, velocity) predicts well.
//!
//! | file       | panel                                                  |
//! |------------|--------------------------------------------------------|
//! | `grid.rs`  | the grid world, moved by keys, buttons or a click       |
//! | `track.rs` | the tracked object, played step by step                 |

mod grid;
mod track;

use crate::course::Lesson;
use crate::course::state::StateLesson;
use crate::route::Route;
use crate::ui::components::{Prose, TryThis};
use crate::ui::hooks::{use_lesson, use_update_measure};
use grid::GridPanel;
use track::TrackPanel;
use yew::prelude::*;

#[function_component(StateLessonView)]
pub(crate) fn state_lesson() -> Html {
    let lesson = use_lesson::<StateLesson>(Route::Lesson(Lesson::State, None));
    use_update_measure("state", &*lesson.state);
    html! {
        <>
            <Prose keys={vec!["state.intro1", "state.intro2"]} />
            <GridPanel lesson={lesson.clone()} />
            <Prose keys={vec!["state.hidden1", "state.hidden2"]} />
            <TrackPanel lesson={lesson} />
            <TryThis keys={vec!["state.try1", "state.try2", "state.try3"]} />
        </>
    }
}

/// The props of every panel: the lesson's state and its edits.
#[derive(Properties, PartialEq)]
struct PanelProps {
    lesson: crate::ui::hooks::LessonState<StateLesson>,
}
