//! The measuring panel of `#/compare`: the settings, run / cancel with progress, and time and
//! memory per token against the context length.

use super::{Snapshot, Status, arch_name, color, curve};
use crate::ui::errors::error_text;
use crate::course::compare::{Arch, CompareLesson, D_CHOICES, L_CHOICES, Point, REPEAT_CHOICES};
use crate::i18n::{fill, t};
use crate::plot::{ScalingChart, ScalingSeries, scaling_chart};
use crate::ui::components::{DrawFn, Figure, Select, Toggle};
use crate::ui::hooks::LessonState;
use crate::ui::lang::use_lang;
use crate::format::{fixed, grouped};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct RunProps {
    pub(super) lesson: LessonState<CompareLesson>,
    pub(super) snap: Option<Snapshot>,
    pub(super) running: bool,
    pub(super) rerun: Callback<MouseEvent>,
    pub(super) cancel: Callback<MouseEvent>,
}

#[function_component(RunPanel)]
pub(super) fn run_panel(p: &RunProps) -> Html {
    let lang = use_lang();
    let (lesson, s, snap, running) = (&p.lesson, &p.lesson.state, &p.snap, p.running);
    let (rerun, cancel) = (p.rerun.clone(), p.cancel.clone());
    let points: Vec<Point> = snap.as_ref().map(|x| x.points.clone()).unwrap_or_default();
    let done = snap.as_ref().map_or(0.0, |x| x.done);
    let status_text = match snap.as_ref().map(|x| &x.status) {
        None | Some(Status::Running) => {
            fill(lang, "compare.status_running", &[("p", &format!("{:.0}", done * 100.0))])
        }
        Some(Status::Done { seconds }) => fill(
            lang,
            "compare.status_done",
            &[("n", &points.len().to_string()), ("s", &fixed(*seconds, 1))],
        ),
        Some(Status::Cancelled) => {
            fill(lang, "compare.status_cancelled", &[("p", &format!("{:.0}", done * 100.0))])
        }
        Some(Status::Failed(e)) => {
            fill(lang, "compare.status_failed", &[("e", &error_text(lang, e))])
        }
    };
    let l_max = snap.as_ref().map_or(s.l_max, |x| x.settings.l_max);
    let chart = |memory: bool| -> DrawFn {
        let names = Arch::ALL.map(|a| arch_name(lang, a));
        let curves = Arch::ALL.map(|a| curve(&points, a, memory));
        let (x_label, y_label) = (
            t(lang, "compare.axis_context"),
            t(lang, if memory { "compare.axis_memory" } else { "compare.axis_time" }),
        );
        let (log_y, waiting) = (s.log_y, t(lang, "compare.waiting"));
        Rc::new(move |area, theme| {
            let series = Arch::ALL
                .iter()
                .zip(names)
                .zip(curves.clone())
                .map(|((&a, label), points)| ScalingSeries { label, color: color(a), points })
                .collect();
            let chart = ScalingChart {
                x_label,
                y_label,
                series,
                x_range: (8.0, l_max as f64),
                log_y,
                empty_note: waiting,
            };
            scaling_chart(area, &chart, theme).map(|_| None)
        })
    };

    let params = snap.as_ref().map(|x| x.params).unwrap_or([0; 3]);
    let d = snap.as_ref().map_or(s.d_model, |x| x.settings.d_model);
    let sizes = fill(
        lang,
        "compare.sizes",
        &[
            ("d", &d.to_string()),
            ("di", &(2 * d).to_string()),
            ("h", &(2 * d).to_string()),
            ("pa", &grouped(params[0])),
            ("pm", &grouped(params[1])),
            ("pr", &grouped(params[2])),
        ],
    );
    let select = |f: fn(&mut CompareLesson, usize)| lesson.parsed(f);
    let options = |choices: &[usize]| -> Vec<(AttrValue, AttrValue)> {
        choices.iter().map(|c| (c.to_string().into(), grouped(*c).into())).collect()
    };
    html! {
    <section class="panel">
        <div class="controls">
            <Select id="compare-d" label={t(lang, "compare.d")} options={options(&D_CHOICES)}
                    selected={AttrValue::from(s.d_model.to_string())} on_change={select(|s, v| s.d_model = v)} />
            <Select id="compare-lmax" label={t(lang, "compare.lmax")} options={options(&L_CHOICES)}
                    selected={AttrValue::from(s.l_max.to_string())} on_change={select(|s, v| s.l_max = v)} />
            <Select id="compare-r" label={t(lang, "compare.repeats")} options={options(&REPEAT_CHOICES)}
                    selected={AttrValue::from(s.repeats.to_string())} on_change={select(|s, v| s.repeats = v)} />
            <Toggle id="compare-log" label={t(lang, "compare.log")} checked={s.log_y}
                    on_change={lesson.on(|s, log_y| s.log_y = log_y)} />
        </div>
        <div class="controls run">
            <button type="button" id="compare-run" class="primary" onclick={rerun} disabled={running}>{ t(lang, "compare.run") }</button>
            <button type="button" id="compare-cancel" onclick={cancel} disabled={!running}>{ t(lang, "compare.cancel") }</button>
            <label for="compare-progress" class="visually-hidden">{ t(lang, "compare.progress") }</label>
            <progress id="compare-progress" max="1" value={done.to_string()}></progress>
            <span class="status" role="status" aria-live="polite">{ status_text }</span>
        </div>
        <p class="hint">{ sizes }</p>
        <div class="row charts">
            <Figure id="compare/time" draw={chart(false)} label={t(lang, "compare.time_label")} aspect={0.72} />
            <Figure id="compare/memory" draw={chart(true)} label={t(lang, "compare.memory_label")} aspect={0.72} />
        </div>
    </section>
    }
}
