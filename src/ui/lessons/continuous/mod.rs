//! Lesson 2, `#/continuous`: the continuous SSM h'(t) = A h(t) + B x(t), y(t) = C h(t) + D x(t).
//! Sliders for every entry of A, B, C, D and a preset menu; the phase plane with the vector
//! field and the state moving along it; linked time plots of x, h₁, h₂, y; the eigenvalues of A
//! against the stability region; the notes' questions answered by interaction: Euler steps that
//! follow the rate arrow ("how is h'(t) used?"), and superposition with a tanh toggle ("why is
//! the SSM linear, and what would break if not?").
//!
//! Each panel is a component of its own, given the lesson state and the model computed from it:
//!
//! | file           | panel                                                        |
//! |----------------|--------------------------------------------------------------|
//! | `system.rs`    | presets, input, the sliders of A, B, C, D and the equations  |
//! | `motion.rs`    | the phase plane, the linked time plots and h'(t) at the clock |
//! | `eigen.rs`     | the eigenvalues of A against the stability region             |
//! | `euler.rs`     | Euler steps following the rate arrow                          |
//! | `linearity.rs` | superposition and convolution, with and without tanh          |

mod eigen;
mod euler;
mod linearity;
mod motion;
mod system;

use eigen::EigenPanel;
use euler::EulerPanel;
use linearity::LinearityPanel;
use motion::MotionPanel;
use system::SystemPanel;

use super::lti::{Run, clock, error_banner};
use crate::course::Lesson;
use crate::course::continuous::{ContinuousLesson, DURATION};
use crate::route::Route;
use crate::ssm::{Continuous, SsmError, Stability};
use crate::ui::components::{Prose, Question, TryThis};
use crate::ui::hooks::{LessonState, use_lesson, use_player, use_update_measure};
use crate::ui::lang::use_lang;
use num_complex::Complex64;
use std::rc::Rc;
use yew::prelude::*;

/// Everything computed from the system and its input.
#[derive(Clone, PartialEq)]
struct Model {
    sys: Rc<Continuous>,
    run: Rc<Run>,
    eigenvalues: Vec<Complex64>,
    stability: Stability,
}

fn model(s: &ContinuousLesson) -> Result<Model, SsmError> {
    let sys = s.system()?;
    let run = Run::new(&sys, s.sampled()?)?;
    Ok(Model {
        eigenvalues: sys.eigenvalues()?,
        stability: sys.stability()?,
        sys: Rc::new(sys),
        run: Rc::new(run),
    })
}

/// The system's numbers as memo keys (f64 is not `Eq`; its bits are).
fn system_bits(s: &ContinuousLesson) -> [u64; 9] {
    let v = [s.a[0], s.a[1], s.a[2], s.a[3], s.b[0], s.b[1], s.c[0], s.c[1], s.d];
    v.map(f64::to_bits)
}

/// What every panel gets: the lesson state and the model computed from it.
#[derive(Properties, PartialEq)]
struct PanelProps {
    lesson: LessonState<ContinuousLesson>,
    model: Model,
}

#[function_component(ContinuousLessonView)]
pub(crate) fn continuous_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<ContinuousLesson>(Route::Lesson(Lesson::Continuous, None));
    let s = lesson.state.clone();
    use_update_measure("continuous", &*s);
    let model = use_memo((system_bits(&s), s.input, s.period.to_bits()), |_| model(&s));
    // The clock lives here, before the early return, so an invalid system does not reset it.
    let clock = use_player(s.t, clock(DURATION), lesson.on(|s, v| *s = s.at_time(v)));
    let m = match &*model {
        Ok(m) => m.clone(),
        Err(e) => return error_banner(lang, "continuous.error", e),
    };
    html! {
        <>
            <Prose keys={vec!["continuous.intro1", "continuous.intro2", "continuous.intro3"]} />
            <SystemPanel lesson={lesson.clone()} model={m.clone()} />
            <Prose keys={vec!["continuous.motion1"]} />
            <MotionPanel lesson={lesson.clone()} model={m.clone()} clock={clock} />
            <Prose keys={vec!["continuous.eig1"]} />
            <EigenPanel lesson={lesson.clone()} model={m.clone()} />
            <Question question="continuous.q_rate">
                <EulerPanel lesson={lesson.clone()} model={m.clone()} />
            </Question>
            <Question question="continuous.q_linear">
                <LinearityPanel lesson={lesson.clone()} model={m.clone()} />
            </Question>
            <TryThis keys={vec!["continuous.try1", "continuous.try2", "continuous.try3", "continuous.try4", "continuous.try5"]} />
        </>
    }
}
