//! The measurement of `#/compare` as a hook: it starts whenever the settings that shape it
//! change, works in slices on an interval so the page stays responsive, and can be cancelled.

use super::{SEED, SHOW_EVERY_MS, Snapshot, Status, TICK_MS, now};
use crate::course::compare::{Arch, Bench, CompareLesson, TARGET_MS, timer_resolution};
use crate::ui::hooks::use_interval;
use std::rc::Rc;
use yew::prelude::*;

/// The measurement as the page sees it, with the buttons' actions.
pub(super) struct Measurement {
    pub(super) snap: Option<Snapshot>,
    pub(super) running: bool,
    pub(super) rerun: Callback<MouseEvent>,
    pub(super) cancel: Callback<MouseEvent>,
    /// The timer's resolution (ms), measured once.
    pub(super) resolution: f64,
}

/// Measures the three models with the settings in `s`.
#[hook]
pub(super) fn use_measurement(s: Rc<CompareLesson>) -> Measurement {
    let bench = use_mut_ref(|| None::<Bench>);
    let snap = use_state(|| None::<Snapshot>);
    let resolution = use_state(|| timer_resolution(&mut now));

    let start = {
        let (bench, snap, s) = (bench.clone(), snap.clone(), s.clone());
        Callback::from(move |_: ()| match Bench::new(&s, SEED, TARGET_MS) {
            Ok(b) => {
                let params = Arch::ALL.map(|a| b.parameters(a));
                *bench.borrow_mut() = Some(b);
                snap.set(Some(Snapshot {
                    points: Vec::new(),
                    done: 0.0,
                    status: Status::Running,
                    started: now(),
                    shown: now(),
                    params,
                    settings: (*s).clone(),
                }));
            }
            Err(e) => {
                *bench.borrow_mut() = None;
                snap.set(Some(Snapshot {
                    points: Vec::new(),
                    done: 0.0,
                    status: Status::Failed(e),
                    started: now(),
                    shown: now(),
                    params: [0; 3],
                    settings: (*s).clone(),
                }));
            }
        })
    };
    {
        // A new measurement whenever the settings that shape it change (and on arrival).
        let start = start.clone();
        use_effect_with((s.d_model, s.l_max, s.repeats), move |_| start.emit(()));
    }
    let running = matches!(snap.as_ref().map(|x| &x.status), Some(Status::Running));
    {
        let (bench, snap) = (bench.clone(), snap.clone());
        use_interval(
            running.then_some(1),
            Callback::from(move |_| {
                let Some(current) = (*snap).clone() else { return };
                let mut guard = bench.borrow_mut();
                let Some(b) = guard.as_mut() else { return };
                let next = match b.work(&mut now, TICK_MS) {
                    // Rendering costs time too: show progress only every so often.
                    Ok(p) if !p.finished && now() - current.shown < SHOW_EVERY_MS => return,
                    Ok(p) => Snapshot {
                        points: b.points().to_vec(),
                        done: p.done,
                        status: if p.finished {
                            Status::Done { seconds: (now() - current.started) / 1e3 }
                        } else {
                            Status::Running
                        },
                        shown: now(),
                        ..current
                    },
                    Err(e) => Snapshot { status: Status::Failed(e), ..current },
                };
                snap.set(Some(next));
            }),
        );
    }
    let cancel = {
        let snap = snap.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(current) = (*snap).clone() {
                snap.set(Some(Snapshot { status: Status::Cancelled, ..current }));
            }
        })
    };
    let rerun = {
        let start = start.clone();
        Callback::from(move |_: MouseEvent| start.emit(()))
    };
    Measurement { snap: (*snap).clone(), running, rerun, cancel, resolution: *resolution }
}
