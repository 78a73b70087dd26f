//! Lesson 9, `#/compare`: attention with a KV cache, a Mamba block in recurrent mode and an RNN
//! cell, measured in the page. The measurement ([`Bench`]) runs in slices on an interval, so the
//! page stays responsive; it shows its progress and can be cancelled. Time comes from
//! `performance.now()`; memory from the sizes of the models' state structures.
//!
//! | file        | part                                                    |
//! |-------------|---------------------------------------------------------|
//! | `bench.rs`  | the measurement as a hook                                |
//! | `run.rs`    | the settings, run / cancel and the two charts            |
//! | `tables.rs` | the growth (the notes' question), the facts, the points   |

mod bench;
mod run;
mod tables;

use bench::use_measurement;
use run::RunPanel;
use tables::{FactsPanel, GrowthAnswer, MeasuredPanel};

use crate::course::Lesson;
use crate::course::compare::{Arch, CompareLesson, Point, TARGET_MS, WARMUP_MS};
use crate::i18n::{fill, t};
use crate::figures::compare::arch_name;
use crate::route::Route;
use crate::ui::components::{Prose, TryThis};
use crate::ui::dom;
use crate::ui::hooks::{use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use crate::format::fixed;
use yew::prelude::*;

/// The models' weights and inputs are drawn from this seed.
const SEED: u64 = 7;
/// Work per interval tick before the page gets control back (ms).
const TICK_MS: f64 = 8.0;
/// The figures and tables are brought up to date at most this often while measuring (ms).
const SHOW_EVERY_MS: f64 = 150.0;

/// The page's clock: `performance.now()` in milliseconds.
fn now() -> f64 {
    dom::window().performance().map_or(0.0, |p| p.now())
}

/// Where the measurement stands, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Status {
    Running,
    Done { seconds: f64 },
    Cancelled,
    Failed(crate::ssm::SsmError),
}

/// A copy of the measurement's results for rendering.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Snapshot {
    points: Vec<Point>,
    done: f64,
    status: Status,
    started: f64,
    /// When the page last showed the results.
    shown: f64,
    params: [usize; 3],
    /// The settings this measurement runs with.
    settings: CompareLesson,
}

/// The median time per token (µs) of `arch` at `context`, if measured.
fn median_us(points: &[Point], arch: Arch, context: usize) -> Option<f64> {
    points
        .iter()
        .find(|p| p.arch == arch && p.context == context)
        .and_then(Point::summary)
        .map(|s| s.median * 1e3)
}

fn bytes_at(points: &[Point], arch: Arch, context: usize) -> Option<usize> {
    points.iter().find(|p| p.arch == arch && p.context == context).map(|p| p.bytes)
}

#[function_component(CompareLessonView)]
pub(crate) fn compare_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<CompareLesson>(Route::Lesson(Lesson::Compare, None));
    let s = lesson.state.clone();
    use_update_measure("compare", &*s);
    let m = use_measurement(s.clone());
    let points: Vec<Point> = m.snap.as_ref().map(|x| x.points.clone()).unwrap_or_default();
    let resolution_text = if m.resolution.is_finite() {
        format!("{} µs", fixed(m.resolution * 1e3, 1))
    } else {
        "—".to_owned()
    };
    let repeats = m.snap.as_ref().map_or(s.repeats, |x| x.settings.repeats);
    html! {
        <>
            <Prose keys={vec!["compare.intro1", "compare.intro2"]} />
            <RunPanel lesson={lesson} snap={m.snap.clone()} running={m.running} rerun={m.rerun} cancel={m.cancel} />
            <GrowthAnswer points={points.clone()} running={m.running} />
            <h2>{ t(lang, "compare.facts_h") }</h2>
            <FactsPanel points={points.clone()} />
            <h2>{ t(lang, "compare.table_h") }</h2>
            <MeasuredPanel points={points} />
            <h2>{ t(lang, "compare.how_h") }</h2>
            <div class="prose">
                <p>{ fill(lang, "compare.how1", &[("res", &resolution_text), ("target", &fixed(TARGET_MS, 0))]) }</p>
                <p>{ fill(lang, "compare.how2", &[("r", &repeats.to_string()), ("w", &fixed(WARMUP_MS, 0))]) }</p>
                <p>{ t(lang, "compare.how3") }</p>
            </div>
            <TryThis keys={vec!["compare.try1", "compare.try2", "compare.try3"]} />
        </>
    }
}
