//! The HiPPO lesson's memory panel: a signal streamed into N numbers and the past rebuilt.
//!
//! | file           | part                                                   |
//! |----------------|--------------------------------------------------------|
//! | `controls.rs`  | N, the signal, the compared system, the precision       |
//! | `readouts.rs`  | the errors so far and the values at the hovered step    |
//! | `equations.rs` | the LegS update, the reconstruction, the live c_t        |
//! | `pad.rs`       | drawing the signal with the pointer or the keys         |

mod controls;
mod equations;
mod pad;
mod readouts;

use crate::explain::hippo::{
    LtiMemory, MemoryComparison, MemorySystem, Precision, legs_recall, legs_recall_errors,
};
use crate::ssm::hippo::legs_states;
use controls::MemoryControls;
use equations::MemoryEquations;
use pad::use_draw_pad;
use readouts::MemoryReadouts;

use super::{Edit, failed, plot_failure, precision_key};
use crate::course::hippo::{HippoLesson, LEN, MAX_N, SIZES, SignalChoice};
use crate::i18n::{fill, t};
use crate::figures::{self, hippo::Memory};
use crate::plot::Frame;
use crate::ssm::SsmError;
use crate::ui::components::{Banner, BannerKind, DrawFn, Figure, PlayControls};
use crate::ui::hooks::{Track, on, use_player};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds per step while the signal streams in.
const TICK_MS: u32 = 60;

#[derive(Properties, PartialEq)]
pub(super) struct MemoryProps {
    pub(super) n: usize,
    pub(super) signal: SignalChoice,
    pub(super) t: usize,
    pub(super) compare: Option<MemorySystem>,
    pub(super) precision: Precision,
    pub(super) hover: Option<f64>,
    pub(super) on_hover: Callback<Option<f64>>,
    pub(super) edit: Callback<Edit>,
}

/// The signal streaming into the memory, the past rebuilt from N numbers, the state vector,
/// and the error against N for LegS and the compared systems.
#[function_component(MemoryPanel)]
pub(super) fn memory_panel(p: &MemoryProps) -> Html {
    let lang = use_lang();
    let cursor = use_state(|| None::<usize>);
    let frame = use_mut_ref(|| None::<Frame>);
    let samples = use_memo(p.signal.clone(), |signal| signal.samples());
    let states = {
        let samples = samples.clone();
        use_memo(p.signal.clone(), move |_| legs_states(MAX_N, &samples))
    };
    let bank = use_memo((), |_| MemoryComparison::new(&SIZES, LEN));
    let errors = {
        let (samples, states, bank) = (samples.clone(), states.clone(), bank.clone());
        use_memo((p.signal.clone(), p.precision), move |&(_, precision)| {
            let states = (*states).as_ref().map_err(Clone::clone)?;
            let bank = (*bank).as_ref().map_err(Clone::clone)?;
            Ok::<_, SsmError>((
                legs_recall_errors(states, &samples, precision)?,
                bank.errors(&samples, precision)?,
            ))
        })
    };
    let t_now = p.t.clamp(1, LEN);
    let recall = {
        let (samples, states) = (samples.clone(), states.clone());
        use_memo((p.signal.clone(), p.n, t_now, p.precision), move |&(_, n, t_now, precision)| {
            let states = (*states).as_ref().map_err(Clone::clone)?;
            legs_recall(states, n, &samples[..t_now], precision)
        })
    };
    // The compared system depends on N alone; its memory of the first t samples on t too.
    let compared_system = use_memo((p.compare, p.n), |&(compare, n)| {
        compare.map(|system| system.discretized(n, LEN)).transpose()
    });
    let compared = {
        let (samples, system) = (samples.clone(), compared_system.clone());
        use_memo(
            (p.signal.clone(), p.n, t_now, p.precision, p.compare),
            move |&(.., t_now, precision, _)| {
                let system = (*system).as_ref().map_err(Clone::clone)?;
                system
                    .as_ref()
                    .map(|sys| LtiMemory::new(sys, t_now)?.recall(&samples[..t_now], precision))
                    .transpose()
            },
        )
    };
    let scene_draw = {
        let (samples, recall, compared, frame) =
            (samples.clone(), recall.clone(), compared.clone(), frame.clone());
        let knots = (matches!(p.signal, SignalChoice::Drawn(_)) || cursor.is_some())
            .then(|| p.signal.knots());
        let key = (
            p.signal.clone(),
            p.n,
            t_now,
            p.precision,
            p.compare,
            *cursor,
            p.hover.map(f64::to_bits),
            lang,
        );
        use_memo(key, move |&(_, n, t_now, _, compare, cursor, hover, lang)| -> DrawFn {
            let knots = knots.unwrap_or_default();
            let (s, samples) = (HippoLesson { n, compare, ..HippoLesson::default() }, samples.clone());
            Rc::new(move |area, theme| {
                let recall = (*recall).as_ref().map_err(plot_failure)?;
                let compared = (*compared).as_ref().map_err(plot_failure)?;
                let memory = Memory { samples: &samples, t_now, recall, compared: compared.as_ref() };
                let hover = hover.map(f64::from_bits);
                let drawn = figures::hippo::memory_figure(area, theme, lang, &s, &memory, &knots, cursor, hover)?;
                *frame.borrow_mut() = Some(drawn);
                Ok(Some(drawn.x_axis()))
            })
        })
    };
    let bars_draw = {
        let (states, recall) = (states.clone(), recall.clone());
        use_memo((p.signal.clone(), p.n, t_now, p.precision, lang), move |&(_, n, .., lang)| {
            let (states, recall) = (states.clone(), recall.clone());
            let draw: DrawFn = Rc::new(move |area, theme| {
                let states = (*states).as_ref().map_err(plot_failure)?;
                let recall = (*recall).as_ref().map_err(plot_failure)?;
                figures::hippo::bars(area, theme, lang, n, states, recall)
            });
            draw
        })
    };
    let errors_draw = {
        let errors = errors.clone();
        use_memo((p.signal.clone(), p.precision, p.n, lang), move |&(_, _, n, lang)| {
            let errors = errors.clone();
            let draw: DrawFn = Rc::new(move |area, theme| {
                let errors = (*errors).as_ref().map_err(plot_failure)?;
                figures::hippo::errors_chart(area, theme, lang, n, errors)
            });
            draw
        })
    };
    let pad = use_draw_pad(p.edit.clone(), cursor.clone(), frame.clone());
    let seek = on(&p.edit, |s: &mut HippoLesson, t: f64| s.t = t as usize);
    let player = use_player(t_now as f64, Track::steps(1, LEN, TICK_MS), seek);
    let (recall, compared) = match (&*states, &*errors, &*recall, &*compared) {
        (Ok(_), Ok(_), Ok(r), Ok(c)) => (r, c),
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => {
            return failed(lang, e);
        }
    };
    html! {
        <section class="panel">
            <MemoryControls n={p.n} signal={p.signal.clone()} compare={p.compare} precision={p.precision} edit={p.edit.clone()} />
            <PlayControls player={player}
                position={fill(lang, "hippo.position", &[("t", &t_now.to_string()), ("len", &LEN.to_string())])} />
            <div class="draw-pad" tabindex="0" data-keys="" onkeydown={pad.on_key} onblur={pad.on_blur}
                 aria-label={t(lang, "hippo.draw_hint")}>
                <Figure id="hippo/memory" draw={(*scene_draw).clone()} label={t(lang, "hippo.memory_label")} aspect={0.42}
                        on_press={pad.on_press} on_hover={p.on_hover.clone()} />
            </div>
            <p class="hint">{ t(lang, "hippo.draw_hint") }</p>
            if p.precision == Precision::F64 {
                <Banner kind={BannerKind::Info} text={t(lang, "hippo.f64_note")} />
            }
            <MemoryReadouts n={p.n} t_now={t_now} compare={p.compare} precision={p.precision} hover={p.hover}
                            samples={samples.clone()} recall={recall.clone()} compared={compared.clone()} />
            <div class="row">
                <div>
                    <Figure id="hippo/state" draw={(*bars_draw).clone()} label={t(lang, "hippo.state_label")} aspect={0.6}
                    summary={fill(lang, "hippo.state_caption", &[("t", &t_now.to_string())])} />
                    <p class="hint">{ fill(lang, "hippo.state_caption", &[("t", &t_now.to_string())]) }</p>
                </div>
                <div>
                    <Figure id="hippo/errors" draw={(*errors_draw).clone()} label={t(lang, "hippo.errors_label")} aspect={0.6} />
                    <p class="hint">{ fill(lang, "hippo.errors_caption", &[("len", &LEN.to_string()), ("prec", t(lang, precision_key(p.precision)))]) }</p>
                </div>
            </div>
            <MemoryEquations coefficients={recall.coefficients.clone()} />
        </section>
    }
}
