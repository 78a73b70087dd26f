//! Lesson 6, `#/hippo`: S4 and HiPPO memory. The LegS matrix as a heat-map; a signal (a preset
//! or drawn by hand) streamed into N numbers and the whole past rebuilt from them, against a
//! diagonal or random A read back by least squares; why fixed A, B, C make S4 a convolution,
//! with the kernel of the fixed-step LegS memory and the time-varying HiPPO step as a foil.

use crate::format::three_decimals as short;
use crate::course::Lesson;
use crate::course::hippo::{HippoLesson, MAX_N};
use crate::explain::hippo::Precision;
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, text};
use crate::plot::PlotError;
use crate::figures::hippo::system_key;
use crate::route::Route;
use crate::ssm::SsmError;
use crate::ui::components::{Banner, BannerKind, Prose, Question, Slider, TryThis};
use crate::ui::hooks::{on, use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use yew::prelude::*;

mod impulses;
mod kernel;
mod matrix;
mod memory;

use impulses::ImpulsePanel;
use kernel::KernelPanel;
use matrix::MatrixPanel;
use memory::MemoryPanel;

/// A change to the lesson's state.
type Edit = crate::ui::hooks::Edit<HippoLesson>;

#[function_component(HippoLessonView)]
pub(crate) fn hippo_lesson() -> Html {
    let lang = use_lang();
    let lesson = use_lesson::<HippoLesson>(Route::Lesson(Lesson::Hippo, None));
    let (s, edit) = (lesson.state, lesson.edit);
    use_update_measure("hippo", &*s);
    // The edit callback is stable and applies every change to the newest state, so the panels'
    // props stay equal (and their figures untouched) when an unrelated part of the state changes.
    // The hovered time step, marked in both figures over time k (linked views).
    let hover = use_state_eq(|| None::<f64>);
    let on_hover = {
        let hover = hover.clone();
        use_callback((), move |k: Option<f64>, _| hover.set(k.map(f64::round)))
    };
    html! {
        <>
            <Prose keys={vec!["hippo.intro1", "hippo.intro2"]} />
            <h2>{ t(lang, "hippo.h_matrix") }</h2>
            <Prose keys={vec!["hippo.matrix1", "hippo.matrix2"]} />
            <MatrixPanel n={s.n} matrix={s.matrix} edit={edit.clone()} />
            <h2>{ t(lang, "hippo.h_memory") }</h2>
            <Prose keys={vec!["hippo.memory1", "hippo.memory2"]} />
            <MemoryPanel n={s.n} signal={s.signal.clone()} t={s.t} compare={s.compare}
                         precision={s.precision} hover={*hover} on_hover={on_hover.clone()} edit={edit.clone()} />
            <Prose keys={vec!["hippo.how1", "hippo.how2", "hippo.how3"]} />
            <h2>{ t(lang, "hippo.h_s4") }</h2>
            <Prose keys={vec!["hippo.s4_1", "hippo.s4_2"]} />
            <KernelPanel n={s.n} delta={s.delta} delay={s.delay} signal={s.signal.clone()}
                         hover={*hover} on_hover={on_hover} edit={edit.clone()} />
            <Question question="hippo.q">
                <ImpulsePanel n={s.n} delta={s.delta} delay={s.delay} scaled={s.scaled} edit={edit} />
            </Question>
            <TryThis keys={vec!["hippo.try1", "hippo.try2", "hippo.try3", "hippo.try4", "hippo.try5"]} />
        </>
    }
}

/// A core error as a drawing error (the figure then logs it instead of drawing).
fn plot_failure(e: &SsmError) -> PlotError {
    PlotError(e.to_string())
}

/// A warning that a computation failed (it should not; the core says why if it does).
fn failed(lang: Lang, e: &dyn std::fmt::Display) -> Html {
    html! { <Banner kind={BannerKind::Warning} text={fill(lang, "hippo.failed", &[("e", &e.to_string())])} /> }
}

/// The N slider (it stands in two panels, with different ids).
fn n_slider(lang: Lang, id: &'static str, n: usize, edit: &Callback<Edit>) -> Html {
    html! {
        <Slider id={id} label={t(lang, "hippo.n")} value={n as f64} min={1.0} max={MAX_N as f64} step={1.0}
                digits={0} on_change={on(edit, |s: &mut HippoLesson, v: f64| s.n = v as usize)} />
    }
}

/// Select options from (value, catalogue key) pairs.
fn options(lang: Lang, pairs: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    pairs.iter().map(|&(v, k)| (AttrValue::from(v), AttrValue::from(t(lang, k)))).collect()
}

fn precision_key(p: Precision) -> &'static str {
    match p {
        Precision::F64 => "hippo.prec_f64",
        Precision::F32 => "hippo.prec_f32",
        Precision::Bf16 => "hippo.prec_bf16",
    }
}

/// A wide space between the parts of an equation.
fn mspace() -> Math {
    text("\u{2003}")
}
