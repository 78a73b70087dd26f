//! Lesson 9, `#/compare`: attention with a KV cache, a Mamba block in recurrent mode and an RNN
//! cell, measured in the page. The measurement ([`Bench`]) runs in slices on an interval, so the
//! page stays responsive; it shows its progress and can be cancelled. Time comes from
//! `performance.now()`; memory from the sizes of the models' state structures.

use crate::course::Lesson;
use crate::course::compare::{
    Arch, Bench, CompareLesson, D_CHOICES, L_CHOICES, Point, REPEAT_CHOICES, TARGET_MS, WARMUP_MS,
    timer_resolution,
};
use crate::i18n::{Lang, fill, t};
use crate::plot::{ScalingChart, ScalingPoint, ScalingSeries, palette, scaling_chart};
use crate::route::Route;
use crate::ui::components::{DrawFn, Figure, Prose, Question, Select, Toggle, TryThis};
use crate::ui::dom;
use crate::ui::hooks::{use_interval, use_lesson, use_update_measure};
use crate::ui::lang::use_lang;
use crate::ui::lessons::numbers::{bytes, fixed, grouped};
use plotters::style::RGBColor;
use std::rc::Rc;
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
enum Status {
    Running,
    Done { seconds: f64 },
    Cancelled,
    Failed(String),
}

/// A copy of the measurement's results for rendering.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
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

fn color(arch: Arch) -> RGBColor {
    match arch {
        Arch::Attention => palette::RED,
        Arch::Mamba => palette::GREEN,
        Arch::Rnn => palette::BLUE,
    }
}

fn arch_name(lang: Lang, arch: Arch) -> &'static str {
    t(lang, &format!("compare.arch_{}", arch.slug()))
}

/// The points of one model as chart points: time (µs) or memory (KiB).
fn curve(points: &[Point], arch: Arch, memory: bool) -> Vec<ScalingPoint> {
    points
        .iter()
        .filter(|p| p.arch == arch)
        .filter_map(|p| {
            let x = p.context as f64;
            if memory {
                let kib = p.bytes as f64 / 1024.0;
                return Some(ScalingPoint { x, y: kib, lo: kib, hi: kib });
            }
            let s = p.summary()?;
            Some(ScalingPoint { x, y: s.median * 1e3, lo: s.min * 1e3, hi: s.max * 1e3 })
        })
        .collect()
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
                    status: Status::Failed(e.to_string()),
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
                    Err(e) => Snapshot { status: Status::Failed(e.to_string()), ..current },
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
        Some(Status::Failed(e)) => fill(lang, "compare.status_failed", &[("e", e)]),
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

    // The measured table, at the powers of two.
    let contexts: Vec<usize> = {
        let mut c: Vec<usize> = points
            .iter()
            .filter(|p| p.arch == Arch::Attention && p.context.is_power_of_two())
            .map(|p| p.context)
            .collect();
        c.dedup();
        c
    };
    let cell_us = |arch, l| {
        median_us(&points, arch, l)
            .map_or_else(|| t(lang, "compare.no_data").to_owned(), |v| fixed(v, 1))
    };
    let rows = contexts.iter().map(|&l| {
        html! {
            <tr>
                <th scope="row">{ grouped(l) }</th>
                { for Arch::ALL.iter().map(|&a| html! { <td>{ cell_us(a, l) }</td> }) }
                { for Arch::ALL.iter().map(|&a| html! { <td>{ bytes_at(&points, a, l).map(bytes).unwrap_or_default() }</td> }) }
            </tr>
        }
    });

    // The growth factors for the question: from the first to the last measured context.
    let measured: Vec<usize> = {
        let mut c: Vec<usize> = points
            .iter()
            .filter(|p| p.arch == Arch::Rnn && p.summary().is_some())
            .map(|p| p.context)
            .collect();
        c.dedup();
        c
    };
    let growth = match (measured.first(), measured.last()) {
        (Some(&l0), Some(&l1)) if l1 >= 4 * l0 => {
            let ratio = |a| {
                let (t0, t1) = (median_us(&points, a, l0), median_us(&points, a, l1));
                t0.zip(t1).map_or_else(String::new, |(t0, t1)| fixed(t1 / t0, 1))
            };
            let kv = bytes_at(&points, Arch::Attention, l1).unwrap_or(0) as f64
                / bytes_at(&points, Arch::Attention, l0).unwrap_or(1).max(1) as f64;
            Some((
                l0,
                l1,
                ratio(Arch::Attention),
                ratio(Arch::Mamba),
                ratio(Arch::Rnn),
                fixed(kv, 0),
            ))
        }
        _ => None,
    };
    let growth_text = match &growth {
        Some((l0, l1, a, m, r, ka)) => fill(
            lang,
            "compare.q_growth",
            &[
                ("l0", &grouped(*l0)),
                ("l1", &grouped(*l1)),
                ("a", a),
                ("m", m),
                ("r", r),
                ("ka", ka),
            ],
        ),
        None => t(lang, "compare.q_wait").to_owned(),
    };

    // The side-by-side table, with the live numbers where measured.
    let (first, last) = (measured.first().copied(), measured.last().copied());
    let measured_row = Arch::ALL.map(|a| match (first, last) {
        (Some(l0), Some(l1)) => format!("{} → {} µs", cell_us(a, l0), cell_us(a, l1)),
        _ => t(lang, "compare.no_data").to_owned(),
    });
    let last_bytes =
        last.map(|l| Arch::ALL.map(|a| bytes_at(&points, a, l).map(bytes).unwrap_or_default()));
    let fact = |row: &str| {
        let cells = [Arch::Rnn, Arch::Attention, Arch::Mamba]
            .map(|a| html! { <td>{ t(lang, &format!("compare.fact_{row}_{}", a.slug())) }</td> });
        html! {
            <tr><th scope="row">{ t(lang, &format!("compare.fact_row_{row}")) }</th>{ for cells }</tr>
        }
    };
    let order = [Arch::Rnn, Arch::Attention, Arch::Mamba];

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
    let resolution_text = if resolution.is_finite() {
        format!("{} µs", fixed(*resolution * 1e3, 1))
    } else {
        "—".to_owned()
    };
    let repeats = snap.as_ref().map_or(s.repeats, |x| x.settings.repeats);

    html! {
        <>
            <Prose keys={vec!["compare.intro1", "compare.intro2"]} />
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
                    <Figure draw={chart(false)} label={t(lang, "compare.time_label")} aspect={0.72} />
                    <Figure draw={chart(true)} label={t(lang, "compare.memory_label")} aspect={0.72} />
                </div>
            </section>
            <Question question="compare.q">
                <p class="readout growth">{ growth_text }</p>
                <p>{ t(lang, "compare.q_answer1") }</p>
                <p>{ t(lang, "compare.q_answer2") }</p>
            </Question>
            <h2>{ t(lang, "compare.facts_h") }</h2>
            <section class="panel">
                <table class="data facts">
                    <thead><tr>
                        <th scope="col"></th>
                        { for order.iter().map(|&a| html! { <th scope="col">{ arch_name(lang, a) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { fact("train") }
                        { fact("step") }
                        { fact("memory") }
                        { fact("recall") }
                        <tr class="live">
                            <th scope="row">{ match (first, last) {
                                (Some(l0), Some(l1)) => fill(lang, "compare.fact_row_measured", &[("l0", &grouped(l0)), ("l1", &grouped(l1))]),
                                _ => t(lang, "compare.fact_row_measured_pending").to_owned(),
                            } }</th>
                            { for order.iter().map(|&a| html! { <td>{ measured_row[a.index()].clone() }</td> }) }
                        </tr>
                        <tr class="live">
                            <th scope="row">{ match last {
                                Some(l) => fill(lang, "compare.fact_row_bytes", &[("l", &grouped(l))]),
                                None => t(lang, "compare.fact_row_bytes_pending").to_owned(),
                            } }</th>
                            { for order.iter().map(|&a| html! { <td>{ last_bytes.as_ref().map_or_else(|| t(lang, "compare.no_data").to_owned(), |b| b[a.index()].clone()) }</td> }) }
                        </tr>
                    </tbody>
                </table>
            </section>
            <h2>{ t(lang, "compare.table_h") }</h2>
            <section class="panel">
                <table class="data measured">
                    <thead><tr>
                        <th scope="col">{ t(lang, "compare.col_context") }</th>
                        { for Arch::ALL.iter().map(|&a| html! { <th scope="col">{ fill(lang, "compare.col_time", &[("arch", arch_name(lang, a))]) }</th> }) }
                        { for Arch::ALL.iter().map(|&a| html! { <th scope="col">{ fill(lang, "compare.col_bytes", &[("arch", arch_name(lang, a))]) }</th> }) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </section>
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
