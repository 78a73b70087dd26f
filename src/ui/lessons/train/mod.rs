//! Lesson `#/train`: train it yourself. An S4-layer model and a Mamba (S6) model with the same
//! block, data and seed learn selective copying (or induction heads) in two Web Workers, while
//! the page draws their loss and held-out accuracy, their answers on a held-out example, the
//! learned Δ over it and the learned decay rates; the shipped checkpoints show the end first.
//!
//! | file          | part                                                             |
//! |---------------|------------------------------------------------------------------|
//! | `driver.rs`   | the two workers and the training loop (chunks, checkpoints, pause) |
//! | `runs.rs`     | what the page knows of the runs (curves, snapshots, status, table) |
//! | `controls.rs` | the settings bar and the run bar                                   |
//! | `figures.rs`  | curves, Δ heat maps, A spectra                                     |
//! | `panels.rs`   | the held-out example's answers and Table 1 at toy scale            |
//! | `files.rs`    | download and load of safetensors weights                           |
//! | `speed.rs`    | the page's steps per second beside native code's                   |

mod controls;
mod driver;
mod figures;
mod files;
mod panels;
mod runs;
mod speed;

use crate::course::Lesson;
use crate::course::train::{TaskChoice, TrainLesson};
use crate::i18n::t;
use crate::route::Route;
use crate::ui::components::{Prose, Question, TryThis};
use crate::ui::hooks::{use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use controls::{RunBar, SettingsBar};
use driver::use_training;
use figures::{Curves, Learned};
use panels::{ExampleView, Table1};
use yew::prelude::*;

#[function_component(TrainLessonView)]
pub(crate) fn train_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<TrainLesson>(Route::Lesson(Lesson::Train, None));
    let s = lesson.state.clone();
    use_update_measure("train", &*s);
    let generation = use_state(|| 0_u32);
    let (runs, training) = use_training(&s, *generation);
    let on_restart = {
        let generation = generation.clone();
        Callback::from(move |_: MouseEvent| generation.set(*generation + 1))
    };
    let task = s.task();
    let copying = s.task == TaskChoice::SelectiveCopying;
    let chance = 1.0 / task.colors as f64;
    let snapshots = [runs.models[0].snapshot.clone(), runs.models[1].snapshot.clone()];
    let selection = Route::Lesson(Lesson::Selection, None).href();
    html! {
        <div class="lesson-train">
            <Prose keys={vec!["train.intro1", "train.intro2"]} />
            <p>{ t(lang, "train.from_selection") }{ " " }<a href={selection}>{ t(lang, "train.to_selection") }</a></p>
            <section class="panel">
                <SettingsBar lesson={lesson.clone()} />
                <RunBar runs={runs.clone()} training={training} on_restart={on_restart} />
                <Curves runs={runs.clone()} chance={chance} />
            </section>
            <Prose keys={vec!["train.example_intro"]} />
            <section class="panel">
                <ExampleView snapshots={snapshots.clone()} top={task.vocab() - 1} copying={copying} />
            </section>
            <Prose keys={vec!["train.delta_intro"]} />
            <section class="panel">
                <Learned snapshots={snapshots} state={s.state} />
            </section>
            <Question question="train.q">
                <Prose keys={vec!["train.answer1", "train.answer2"]} />
                <Table1 rows={runs.table.clone()} />
                <Prose keys={vec!["train.table_note"]} />
            </Question>
            <TryThis keys={vec!["train.try1", "train.try2", "train.try3", "train.try4"]} />
        </div>
    }
}
