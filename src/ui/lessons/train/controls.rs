//! The lesson's two control bars: the settings (kept in the address; new settings start new
//! workers) and the run (Start, Pause, Resume, Step, Reset, a progress bar with speed and time
//! left, download and load of weights).

use super::driver::{TARGET, Training};
use super::files::LoadFile;
use super::runs::{Runs, Status};
use super::speed::NativeSpeed;
use crate::course::train::{CONTEXT, D_MODEL, LAYERS, LR, MEMORIZE, SEED, STATE, TaskChoice, TrainLesson};
use crate::format::fixed;
use crate::i18n::{fill, t};
use crate::ui::components::{Banner, BannerKind, Select, Slider, Toggle};
use crate::ui::hooks::LessonState;
use crate::ui::lang::use_lang;
use crate::url::Named;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct SettingsProps {
    pub(super) lesson: LessonState<TrainLesson>,
}

/// The settings: task, sizes, learning rate, seed, gate.
#[function_component(SettingsBar)]
pub(super) fn settings_bar(p: &SettingsProps) -> Html {
    let lang = use_lang();
    let (l, s) = (&p.lesson, &p.lesson.state);
    let whole = |id: &'static str, key: &'static str, v: usize, (lo, hi): (usize, usize), f: fn(&mut TrainLesson, usize)| {
        html! {
            <Slider id={id} label={t(lang, key)} value={v as f64} min={lo as f64} max={hi as f64}
                    step={1.0} digits={0} on_change={l.on(move |s, x: f64| f(s, x.round() as usize))} />
        }
    };
    let tasks: Vec<(AttrValue, AttrValue)> = TaskChoice::ALL
        .iter()
        .map(|c| (AttrValue::from(c.name()), AttrValue::from(t(lang, &format!("train.task_{}", c.name())))))
        .collect();
    html! {
        <fieldset class="controls train-settings">
            <legend>{ t(lang, "train.settings") }</legend>
            <Select id="train-task" label={t(lang, "train.task")} options={tasks} selected={s.task.name()}
                    on_change={l.parsed(|s, c: TaskChoice| s.task = c)} />
            { whole("train-context", "train.context", s.context, CONTEXT, |s, v| s.context = v) }
            if s.task == TaskChoice::SelectiveCopying {
                { whole("train-memorize", "train.memorize", s.memorize, MEMORIZE, |s, v| s.memorize = v) }
            }
            { whole("train-d-model", "train.d_model", s.d_model, D_MODEL, |s, v| s.d_model = v) }
            { whole("train-layers", "train.layers", s.layers, LAYERS, |s, v| s.layers = v) }
            { whole("train-state", "train.state", s.state, STATE, |s, v| s.state = v) }
            <Slider id="train-lr" label={t(lang, "train.lr")} value={s.lr} min={LR.0} max={LR.1} step={1e-4}
                    digits={4} on_change={l.on(|s, v: f64| s.lr = v)} />
            { whole("train-seed", "train.seed", s.seed, SEED, |s, v| s.seed = v) }
            <Toggle id="train-gate" label={t(lang, "train.gate")} checked={s.gate} on_change={l.on(|s, v: bool| s.gate = v)} />
            { for s.out_of_bounds.iter().map(|(key, given, lo, hi)| html! {
                <Banner kind={BannerKind::Warning}
                        text={fill(lang, "train.out_of_bounds", &[("key", key), ("v", given), ("lo", lo), ("hi", hi)])} />
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct RunProps {
    pub(super) runs: UseReducerHandle<Runs>,
    pub(super) training: Training,
    /// Starts new workers (after a failure).
    pub(super) on_restart: Callback<MouseEvent>,
}

/// The status line's text.
fn status_text(lang: crate::i18n::Lang, runs: &Runs) -> String {
    match &runs.status {
        Status::Loading => t(lang, "train.status_loading").into(),
        Status::Idle if runs.models.iter().all(|m| m.shipped) => t(lang, "train.status_shipped").into(),
        Status::Idle => t(lang, "train.status_idle").into(),
        Status::Running => t(lang, "train.status_running").into(),
        Status::Pausing => t(lang, "train.status_pausing").into(),
        Status::Paused => t(lang, "train.status_paused").into(),
        Status::Done => t(lang, "train.status_done").into(),
        Status::Failed(m) => fill(lang, "train.status_failed", &[("m", m)]),
    }
}

/// The run's buttons, status, progress and files.
#[function_component(RunBar)]
pub(super) fn run_bar(p: &RunProps) -> Html {
    let lang = use_lang();
    let (runs, tr) = (&p.runs, &p.training);
    let step = runs.models.iter().map(|m| m.step).min().unwrap_or(0);
    let fresh = runs.models.iter().any(|m| m.shipped || m.step >= TARGET);
    let act = |f: fn(&Training)| {
        let tr = tr.clone();
        Callback::from(move |_: MouseEvent| f(&tr))
    };
    let start = {
        let tr = tr.clone();
        Callback::from(move |_: MouseEvent| tr.start(fresh))
    };
    let ready = !matches!(runs.status, Status::Loading | Status::Failed(_));
    let running = matches!(runs.status, Status::Running | Status::Pausing);
    let paused = runs.status == Status::Paused && step > 0 && !fresh;
    let speed = runs.models.iter().filter_map(|m| m.speed()).fold(None, |a: Option<f64>, v| Some(a.map_or(v, |a| a.min(v))));
    let speeds = ["S4", "S6"].iter().zip(&runs.models).map(|(n, m)| {
        format!("{n} {}", m.speed().map_or("–".into(), |v| fixed(v, 1)))
    }).collect::<Vec<_>>().join(" · ");
    let left = speed.filter(|_| running).map(|v| (TARGET.saturating_sub(step)) as f64 / v);
    let loads = (0..2).map(|k| {
        let tr = tr.clone();
        let (id, key) = if k == 0 { ("train-load-s4", "train.load_s4") } else { ("train-load-s6", "train.load_s6") };
        html! { <LoadFile id={id} label={t(lang, key)} on_load={Callback::from(move |b: Vec<u8>| tr.load(k, b))} /> }
    });
    let export = |k: usize| {
        let tr = tr.clone();
        Callback::from(move |_: MouseEvent| tr.export(k))
    };
    html! {
        <section class="train-run" aria-label={t(lang, "train.run")}>
            <div class="buttons">
                if running {
                    <button id="train-pause" onclick={act(Training::pause)}>{ t(lang, "train.pause") }</button>
                } else if paused {
                    <button id="train-resume" onclick={start.clone()} disabled={!ready}>{ t(lang, "train.resume") }</button>
                } else {
                    <button id="train-start" onclick={start} disabled={!ready}>{ t(lang, "train.start") }</button>
                }
                <button id="train-step" onclick={act(Training::step_once)} disabled={!ready || running}>{ t(lang, "train.step") }</button>
                <button id="train-reset" onclick={act(Training::reset)} disabled={!ready}>{ t(lang, "train.reset") }</button>
                if matches!(runs.status, Status::Failed(_)) {
                    <button id="train-restart" onclick={p.on_restart.clone()}>{ t(lang, "train.restart") }</button>
                }
            </div>
            <p class="train-status" role="status" data-status={status_key(&runs.status)}>{ status_text(lang, runs) }</p>
            <div class="train-progress">
                <progress id="train-progress" max={TARGET.to_string()} value={step.min(TARGET).to_string()}
                          aria-label={t(lang, "train.progress")}></progress>
                <span id="train-steps" data-step={step.to_string()}>
                    { fill(lang, "train.steps_of", &[("n", &step.to_string()), ("of", &TARGET.to_string())]) }
                </span>
                <span class="train-speed">{ fill(lang, "train.speed", &[("v", &speeds)]) }</span>
                if let Some(s) = left {
                    <span class="train-left">{ fill(lang, "train.time_left", &[("s", &fixed(s, 0))]) }</span>
                }
            </div>
            <LossLine runs={runs.clone()} />
            <NativeSpeed runs={runs.clone()} />
            if let Some(e) = &runs.error {
                <Banner kind={BannerKind::Warning} text={fill(lang, "train.load_error", &[("m", e)])} />
            }
            <div class="buttons files">
                <button id="train-download-s4" onclick={export(0)} disabled={!ready}>{ t(lang, "train.download_s4") }</button>
                <button id="train-download-s6" onclick={export(1)} disabled={!ready}>{ t(lang, "train.download_s6") }</button>
                { for loads }
            </div>
        </section>
    }
}

/// The status as a stable word for tests.
fn status_key(s: &Status) -> &'static str {
    match s {
        Status::Loading => "loading",
        Status::Idle => "idle",
        Status::Running => "running",
        Status::Pausing => "pausing",
        Status::Paused => "paused",
        Status::Done => "done",
        Status::Failed(_) => "failed",
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct LossProps {
    pub(super) runs: UseReducerHandle<Runs>,
}

/// The recent batch loss of both models (mean of the last ten steps); the first and recent S6
/// values and its last held-out accuracy are also in data attributes, for tests.
#[function_component(LossLine)]
fn loss_line(p: &LossProps) -> Html {
    let lang = use_lang();
    let m = &p.runs.models;
    let text = ["S4", "S6"]
        .iter()
        .zip(m.iter())
        .map(|(n, m)| format!("{n} {}", m.recent_loss(10).map_or("–".into(), |v| fixed(v, 3))))
        .collect::<Vec<_>>()
        .join(" · ");
    let attr = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    html! {
        <p id="train-loss" class="readout" data-first={attr(m[1].first_loss(10))}
           data-recent={attr(m[1].recent_loss(10))} data-held-out={attr(m[1].held_out.last().map(|p| p.1))}>
            { fill(lang, "train.recent_loss", &[("v", &text)]) }
        </p>
    }
}
