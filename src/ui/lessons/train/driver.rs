//! The training loop seen from the page: two workers (S4 and S6) with the same settings and seed,
//! kept busy one chunk of steps at a time while running, a held-out checkpoint every
//! [`CHECK_EVERY`] steps, pause when the tab is hidden, and the buttons' actions.

use super::runs::{KINDS, RunMsg, Runs, Status};
use crate::course::train::{BATCH, TrainLesson};
use crate::lm::protocol::{Reply, Request, Settings};
use crate::lm::shipped::SHIPPED_STEPS;
use crate::ui::dom;
use crate::ui::worker::TrainWorker;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Steps a worker takes per request: small, so Pause answers within a chunk.
const CHUNK: usize = 5;
/// Steps between held-out checkpoints.
pub(crate) const CHECK_EVERY: usize = 50;
/// Steps a run from scratch trains for (as the shipped checkpoints were).
pub(crate) const TARGET: usize = SHIPPED_STEPS;

/// The loop's own bookkeeping, shared with the workers' handlers.
#[derive(Default)]
struct Control {
    running: bool,
    /// Pause was pressed and steps are still in flight.
    pausing: bool,
    /// Step requests in flight, per model.
    in_flight: [usize; 2],
    /// Steps per model, as last reported.
    step: [usize; 2],
    /// The next checkpoint, per model.
    next_check: [usize; 2],
    settings: Option<[Settings; 2]>,
}

/// The workers and the loop's state.
#[derive(Clone)]
pub(crate) struct Training {
    workers: Rc<RefCell<Vec<TrainWorker>>>,
    control: Rc<RefCell<Control>>,
    runs: UseReducerDispatcher<Runs>,
}

impl PartialEq for Training {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.control, &other.control)
    }
}

fn settings(s: &TrainLesson) -> [Settings; 2] {
    KINDS.map(|kind| Settings {
        task: s.task(),
        config: s.config(kind),
        batch: BATCH,
        lr: s.lr,
        seed: s.seed as u64,
    })
}

impl Training {
    fn post(&self, k: usize, request: Request) {
        if let Request::Step { .. } = request {
            self.control.borrow_mut().in_flight[k] += 1;
        }
        if let Some(w) = self.workers.borrow().get(k) {
            w.post(&request);
        }
    }

    /// Starts both workers for `lesson`'s settings (the shipped models when they exist).
    fn spawn(&self, lesson: &TrainLesson) {
        self.workers.borrow_mut().clear();
        *self.control.borrow_mut() =
            Control { settings: Some(settings(lesson)), ..Control::default() };
        self.runs.dispatch(RunMsg::Restart(lesson.gate));
        let shipped = lesson.is_default();
        for k in 0..2 {
            let (this, fail) = (self.clone(), self.runs.clone());
            let on_reply = Callback::from(move |r: Reply| this.on_reply(k, r, shipped));
            let on_fail = Callback::from(move |m: String| fail.dispatch(RunMsg::Status(Status::Failed(m))));
            match TrainWorker::start(on_reply, on_fail) {
                Ok(w) => self.workers.borrow_mut().push(w),
                Err(m) => self.runs.dispatch(RunMsg::Status(Status::Failed(m))),
            }
        }
    }

    fn init(&self, k: usize, shipped: bool) {
        let Some(s) = self.control.borrow().settings else { return };
        self.post(k, Request::Init { settings: s[k], shipped });
    }

    fn on_reply(&self, k: usize, reply: Reply, shipped: bool) {
        let now = dom::now();
        match &reply {
            Reply::Started => self.init(k, shipped),
            Reply::Ready { step, .. } => {
                let mut c = self.control.borrow_mut();
                c.step[k] = *step;
                c.next_check[k] = step + CHECK_EVERY;
                drop(c);
                self.post(k, Request::Checkpoint);
                self.next(k);
            }
            Reply::Progress { step, .. } => {
                let mut c = self.control.borrow_mut();
                c.in_flight[k] = c.in_flight[k].saturating_sub(1);
                c.step[k] = *step;
                let check = *step >= c.next_check[k] || !c.running;
                if check {
                    c.next_check[k] = step - step % CHECK_EVERY + CHECK_EVERY;
                }
                drop(c);
                if check {
                    self.post(k, Request::Checkpoint);
                }
                self.next(k);
            }
            Reply::Weights { bytes } => super::files::download(KINDS[k], bytes),
            _ => {}
        }
        self.runs.dispatch(RunMsg::Reply(k, reply, now));
        self.settle();
    }

    /// Keeps model `k` busy while running and short of the target.
    fn next(&self, k: usize) {
        let c = self.control.borrow();
        let go = c.running && c.in_flight[k] == 0 && c.step[k] < TARGET;
        drop(c);
        if go {
            self.post(k, Request::Step { n: CHUNK });
        }
    }

    /// Moves Pausing to Paused once nothing is in flight, and Running to Done at the target.
    fn settle(&self) {
        let c = self.control.borrow();
        let idle = c.in_flight == [0, 0];
        let done = c.step.iter().all(|&s| s >= TARGET);
        let (running, pausing) = (c.running, c.pausing);
        drop(c);
        if running && done && idle {
            self.control.borrow_mut().running = false;
            self.runs.dispatch(RunMsg::Status(Status::Done));
        } else if pausing && idle {
            self.control.borrow_mut().pausing = false;
            self.runs.dispatch(RunMsg::Status(Status::Paused));
        }
    }

    /// Start: from scratch (the shipped or finished models are replaced by fresh ones).
    pub(crate) fn start(&self, fresh: bool) {
        let mut c = self.control.borrow_mut();
        (c.running, c.pausing) = (true, false);
        if fresh {
            // The old models' steps must not count as done while the fresh ones start.
            c.step = [0, 0];
        }
        drop(c);
        self.runs.dispatch(RunMsg::Status(Status::Running));
        for k in 0..2 {
            if fresh { self.init(k, false) } else { self.next(k) }
        }
    }

    /// Pause: no new steps are asked for; those in flight finish.
    pub(crate) fn pause(&self) {
        let mut c = self.control.borrow_mut();
        (c.running, c.pausing) = (false, true);
        drop(c);
        self.runs.dispatch(RunMsg::Status(Status::Pausing));
        self.settle();
    }

    /// One optimizer step of each model.
    pub(crate) fn step_once(&self) {
        for k in 0..2 {
            self.post(k, Request::Step { n: 1 });
        }
    }

    /// Reset: fresh models from the seed, not training.
    pub(crate) fn reset(&self) {
        let mut c = self.control.borrow_mut();
        (c.running, c.pausing) = (false, false);
        drop(c);
        self.runs.dispatch(RunMsg::Status(Status::Idle));
        for k in 0..2 {
            self.init(k, false);
        }
    }

    /// Asks model `k` for its weights (downloaded when they arrive).
    pub(crate) fn export(&self, k: usize) {
        self.post(k, Request::Export);
    }

    /// Offers a checkpoint file's bytes to model `k`.
    pub(crate) fn load(&self, k: usize, bytes: Vec<u8>) {
        self.runs.dispatch(RunMsg::ClearError);
        self.post(k, Request::Load { bytes });
    }
}

/// The runs and the loop, with new workers whenever `lesson`'s settings or `generation` (the
/// Restart button) change; training pauses when the tab is hidden.
#[hook]
pub(crate) fn use_training(lesson: &TrainLesson, generation: u32) -> (UseReducerHandle<Runs>, Training) {
    let runs = use_reducer(Runs::default);
    let training = {
        let dispatcher = runs.dispatcher();
        (*use_memo((), move |_| Training {
            workers: Rc::default(),
            control: Rc::default(),
            runs: dispatcher,
        }))
        .clone()
    };
    {
        let training = training.clone();
        use_effect_with((lesson.settings_only(), generation), move |(lesson, _)| {
            training.spawn(lesson);
            let workers = training.workers.clone();
            move || workers.borrow_mut().clear()
        });
    }
    {
        let training = training.clone();
        use_effect_with((), move |_| {
            let doc = dom::document();
            let on_hide = Closure::<dyn FnMut()>::new(move || {
                if dom::document().hidden() && training.control.borrow().running {
                    training.pause();
                }
            });
            let f = on_hide.as_ref().unchecked_ref::<js_sys::Function>().clone();
            let _ = doc.add_event_listener_with_callback("visibilitychange", &f);
            move || {
                let _ = doc.remove_event_listener_with_callback("visibilitychange", &f);
                drop(on_hide);
            }
        });
    }
    (runs, training)
}
