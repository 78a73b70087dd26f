//! Lesson 6, `#/hippo`: S4 and HiPPO memory. The LegS matrix as a heat-map; a signal (a preset
//! or drawn by hand) streamed into N numbers and the whole past rebuilt from them, against a
//! diagonal or random A read back by least squares; why fixed A, B, C make S4 a convolution,
//! with the kernel of the fixed-step LegS memory and the time-varying HiPPO step as a foil.

use crate::course::Lesson;
use crate::course::hippo::{
    HippoLesson, KNOTS, LEN, MAX_N, MatrixChoice, RANGE, SIZES, SignalChoice, knot_at,
};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{
    Math, bar, cases, column, equals, frac, matrix, mi, mo, num, paren, row, sqrt, sub, sup, text,
};
use crate::plot::{
    BarChart, CellMap, ErrorChart, ErrorSeries, Frame, Heatmap, LineChart, MemoryLabels,
    MemoryScene, PlotError, Series, SeriesStyle, bar_chart, error_chart, heatmap, line_chart,
    memory_chart, palette,
};
use crate::route::Route;
use crate::ssm::{
    CurveKind, LegsStep, LtiMemory, MemoryComparison, MemorySystem, Precision, SsmError, Step,
    legs_delay_readout, legs_fixed_views, legs_impulse_responses, legs_recall, legs_recall_errors,
    legs_states, response_spread,
};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, PlayControls, Prose, Question, Select, Slider,
    Toggle, TryThis,
};
use crate::ui::hooks::{use_interval, use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use nalgebra::DMatrix;
use plotters::style::RGBColor;
use std::rc::Rc;
use yew::prelude::*;

/// A change to the lesson's state.
type Edit = Rc<dyn Fn(&mut HippoLesson)>;

/// Impulses of the question's panel arrive at these steps …
const ARRIVALS: [usize; 3] = [4, 24, 48];
/// … and are followed for this many steps.
const SPAN: usize = 80;
/// Milliseconds per step while the signal streams in.
const TICK_MS: u32 = 60;

#[function_component(HippoLessonView)]
pub(crate) fn hippo_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<HippoLesson>(Route::Lesson(Lesson::Hippo, None));
    use_update_measure("hippo", &*s);
    // One stable callback applies every change to the newest state, so the panels' props stay
    // equal (and their figures untouched) when an unrelated part of the state changes.
    let latest = use_mut_ref(|| (s.clone(), set.clone()));
    *latest.borrow_mut() = (s.clone(), set);
    let edit = use_callback((), move |f: Edit, _| {
        let (current, set) = latest.borrow().clone();
        let mut next = (*current).clone();
        f(&mut next);
        if next != *current {
            latest.borrow_mut().0 = Rc::new(next.clone());
            set.emit(next);
        }
    });
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

/// A callback that sets one field of the state from a slider's value.
fn on_value(edit: &Callback<Edit>, f: fn(&mut HippoLesson, f64)) -> Callback<f64> {
    let edit = edit.clone();
    Callback::from(move |v: f64| edit.emit(Rc::new(move |s: &mut HippoLesson| f(s, v))))
}

/// The N slider (it stands in two panels, with different ids).
fn n_slider(lang: Lang, id: &'static str, n: usize, edit: &Callback<Edit>) -> Html {
    html! {
        <Slider id={id} label={t(lang, "hippo.n")} value={n as f64} min={1.0} max={MAX_N as f64} step={1.0}
                digits={0} on_change={on_value(edit, |s, v| s.n = v as usize)} />
    }
}

/// Select options from (value, catalogue key) pairs.
fn options(lang: Lang, pairs: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    pairs.iter().map(|&(v, k)| (AttrValue::from(v), AttrValue::from(t(lang, k)))).collect()
}

fn system_key(system: MemorySystem) -> &'static str {
    match system {
        MemorySystem::LegsFixed => "hippo.sys_legs_fixed",
        MemorySystem::S4dReal => "hippo.sys_s4d",
        MemorySystem::Random => "hippo.sys_random",
    }
}

/// The colour of a compared system, the same in every figure.
fn system_color(system: MemorySystem) -> RGBColor {
    match system {
        MemorySystem::LegsFixed => palette::ORANGE,
        MemorySystem::S4dReal => palette::GREEN,
        MemorySystem::Random => palette::PURPLE,
    }
}

fn precision_key(p: Precision) -> &'static str {
    match p {
        Precision::F64 => "hippo.prec_f64",
        Precision::F32 => "hippo.prec_f32",
        Precision::Bf16 => "hippo.prec_bf16",
    }
}

/// A number for a sentence: exactly 0, three decimals, or scientific notation when tiny.
fn short(x: f64) -> String {
    let text = if x == 0.0 {
        "0".to_owned()
    } else if x.abs() < 1e-3 {
        format!("{x:.1e}")
    } else {
        format!("{x:.3}")
    };
    text.replace('-', "−")
}

#[derive(Properties, PartialEq)]
struct MatrixProps {
    n: usize,
    matrix: MatrixChoice,
    edit: Callback<Edit>,
}

/// The heat-map of A with the N slider, the definition and a live corner of A and B.
#[function_component(MatrixPanel)]
fn matrix_panel(p: &MatrixProps) -> Html {
    let lang = use_lang();
    let picked = use_state(|| None::<(usize, usize)>);
    let cells = use_mut_ref(|| None::<CellMap>);
    let system = use_memo((p.matrix, p.n), |&(m, n)| m.system().continuous(n));
    let picked_cell = (*picked).filter(|&(i, j)| i < p.n && j < p.n);
    let draw = {
        let (system, cells) = (system.clone(), cells.clone());
        use_memo((p.matrix, p.n, picked_cell, lang), move |&(_, _, highlight, lang)| -> DrawFn {
            Rc::new(move |area, theme| {
                let sys = (*system).as_ref().map_err(plot_failure)?;
                let chart = Heatmap {
                    values: sys.a(),
                    x_label: t(lang, "hippo.heat_x"),
                    y_label: t(lang, "hippo.heat_y"),
                    value_label: t(lang, "hippo.heat_value"),
                    range: None,
                    highlight,
                };
                *cells.borrow_mut() = Some(heatmap(area, &chart, theme)?);
                Ok(None)
            })
        })
    };
    let on_press = {
        let picked = picked.clone();
        use_callback((), move |f: (f64, f64), _| {
            if let Some(cell) = cells.borrow().and_then(|m| m.cell_at(f)) {
                picked.set(Some(cell));
            }
        })
    };
    // The keyboard picks cells too: the arrows move the outlined cell.
    let on_key = {
        let (picked, n) = (picked.clone(), p.n);
        Callback::from(move |e: KeyboardEvent| {
            let (i, j) = picked.filter(|&(i, j)| i < n && j < n).unwrap_or((0, 0));
            let next = match e.key().as_str() {
                "ArrowUp" => (i.saturating_sub(1), j),
                "ArrowDown" => ((i + 1).min(n - 1), j),
                "ArrowLeft" => (i, j.saturating_sub(1)),
                "ArrowRight" => (i, (j + 1).min(n - 1)),
                _ => return,
            };
            e.prevent_default();
            picked.set(Some(if picked.is_some() { next } else { (i, j) }));
        })
    };
    let sys = match &*system {
        Ok(sys) => sys,
        Err(e) => return failed(lang, e),
    };
    let on_matrix = {
        let edit = p.edit.clone();
        Callback::from(move |name: String| {
            if let Some(m) = MatrixChoice::ALL.into_iter().find(|m| m.name() == name) {
                edit.emit(Rc::new(move |s: &mut HippoLesson| s.matrix = m));
            }
        })
    };
    let corner = p.n.min(5);
    let a_corner = sys.a().view((0, 0), (corner, corner)).into_owned();
    let b_corner: Vec<f64> = sys.b().column(0).iter().take(corner).copied().collect();
    let definition = match p.matrix {
        MatrixChoice::Legs => legs_definition(),
        MatrixChoice::S4dReal => row([
            mi("A"),
            mo("="),
            mi("diag"),
            paren(row([
                mo("−"),
                num(1.0, 1),
                mo(","),
                mo("−"),
                num(2.0, 1),
                mo(","),
                mo("…"),
                mo(","),
                mo("−"),
                mi("N"),
            ])),
            mo(","),
            mspace(),
            sub(mi("B"), mi("n")),
            mo("="),
            num(1.0, 1),
        ]),
        MatrixChoice::Random => row([
            mi("A"),
            mo("="),
            frac(mi("N"), num(2.0, 1)),
            mo("·"),
            frac(mi("G"), sqrt(mi("N"))),
            mo("−"),
            paren(row([frac(mi("N"), num(2.0, 1)), mo("+"), num(1.0, 1)])),
            mi("I"),
            mo(","),
            mspace(),
            sub(mi("G"), row([mi("i"), mi("j")])),
            mo(","),
            sub(mi("B"), mi("n")),
            mo("∼"),
            mi("𝒩"),
            paren(row([num(0.0, 1), mo(","), num(1.0, 1)])),
        ]),
    };
    let more = |dots: &str| if p.n > corner { mo(dots) } else { row([]) };
    let live = row([mi("A"), mo("="), matrix(&a_corner, 3), more("⋯")]);
    let live_b = row([mi("B"), mo("="), column(&b_corner, 3), more("⋮")]);
    let options = options(
        lang,
        &[("legs", "hippo.m_legs"), ("s4d-real", "hippo.m_s4d"), ("random", "hippo.m_random")],
    );
    html! {
        <section class="panel">
            <div class="controls">
                { n_slider(lang, "hippo-n", p.n, &p.edit) }
                <Select id="hippo-matrix" label={t(lang, "hippo.matrix_shown")} options={options}
                        selected={p.matrix.name()} on_change={on_matrix} />
            </div>
            <div class="row">
                <div class="heat" tabindex="0" data-keys="" onkeydown={on_key} aria-label={t(lang, "hippo.cell_hint")}>
                    <Figure draw={(*draw).clone()} label={t(lang, "hippo.heat_label")} aspect={0.82} on_press={on_press} />
                </div>
                <div class="matrix-notes">
                    <Equation mathml={definition.block()} caption={t(lang, "hippo.definition_caption")} />
                    <div class="live-corner">
                        <Equation mathml={live.block()} />
                        <Equation mathml={live_b.block()} />
                    </div>
                    <p class="equation-caption">{ fill(lang, "hippo.corner_caption", &[("k", &corner.to_string()), ("n", &p.n.to_string())]) }</p>
                    <p class="readout" aria-live="polite">{
                        match picked_cell {
                            Some((i, j)) => fill(lang, "hippo.cell", &[("n", &i.to_string()), ("k", &j.to_string()), ("v", &short(sys.a()[(i, j)]))]),
                            None => t(lang, "hippo.cell_hint").to_owned(),
                        }
                    }</p>
                </div>
            </div>
        </section>
    }
}

/// A thin space between parts of an equation.
fn mspace() -> Math {
    text("\u{2003}")
}

/// LegS's A and B: A_nk = −√(2n+1)√(2k+1) (n > k), −(n+1) (n = k), 0 (n < k); B_n = √(2n+1).
fn legs_definition() -> Math {
    let root = |v: &str| sqrt(row([num(2.0, 1), mi(v), mo("+"), num(1.0, 1)]));
    let when = |a: &str, rel: &str, b: &str| row([mi(a), mo(rel), mi(b)]);
    row([
        sub(mi("A"), row([mi("n"), mi("k")])),
        mo("="),
        cases([
            (row([mo("−"), root("n"), root("k")]), when("n", ">", "k")),
            (row([mo("−"), paren(row([mi("n"), mo("+"), num(1.0, 1)]))]), when("n", "=", "k")),
            (num(0.0, 1), when("n", "<", "k")),
        ]),
        mo(","),
        mspace(),
        sub(mi("B"), mi("n")),
        mo("="),
        root("n"),
    ])
}

#[derive(Properties, PartialEq)]
struct MemoryProps {
    n: usize,
    signal: SignalChoice,
    t: usize,
    compare: Option<MemorySystem>,
    precision: Precision,
    hover: Option<f64>,
    on_hover: Callback<Option<f64>>,
    edit: Callback<Edit>,
}

/// The signal streaming into the memory, the past rebuilt from N numbers, the state vector,
/// and the error against N for LegS and the compared systems.
#[function_component(MemoryPanel)]
fn memory_panel(p: &MemoryProps) -> Html {
    let lang = use_lang();
    let playing = use_state(|| false);
    let cursor = use_state(|| None::<usize>);
    let frame = use_mut_ref(|| None::<Frame>);
    let stroke = use_mut_ref(|| None::<(f64, usize, f64)>);
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
            Ok::<_, crate::ssm::SsmError>((
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
            let recalled_label = fill(lang, "hippo.legend_recalled", &[("n", &n.to_string())]);
            let compared_label = compare.map_or(String::new(), |s| {
                fill(lang, "hippo.legend_compared", &[("system", t(lang, system_key(s)))])
            });
            let knots = knots.unwrap_or_default();
            Rc::new(move |area, theme| {
                let recall = (*recall).as_ref().map_err(plot_failure)?;
                let compared = (*compared).as_ref().map_err(plot_failure)?;
                let scene = MemoryScene {
                    signal: &samples,
                    seen: t_now,
                    recalled: &recall.history,
                    compared: compared
                        .as_ref()
                        .map(|r| r.history.as_slice())
                        .zip(compare.map(system_color)),
                    knots: &knots,
                    cursor,
                    marker: hover.map(f64::from_bits),
                    y_range: (-1.5 * RANGE, 1.5 * RANGE),
                    labels: MemoryLabels {
                        seen: t(lang, "hippo.legend_seen"),
                        unseen: t(lang, "hippo.legend_unseen"),
                        recalled: &recalled_label,
                        compared: &compared_label,
                        x_axis: t(lang, "hippo.axis_k"),
                        y_axis: t(lang, "hippo.axis_value"),
                    },
                };
                let drawn = memory_chart(area, &scene, theme)?;
                *frame.borrow_mut() = Some(drawn);
                Ok(Some(drawn.x_axis()))
            })
        })
    };
    let bars_draw = {
        let (states, recall) = (states.clone(), recall.clone());
        use_memo(
            (p.signal.clone(), p.n, t_now, p.precision, lang),
            move |&(_, n, .., lang)| -> DrawFn {
                Rc::new(move |area, theme| {
                    let states = (*states).as_ref().map_err(plot_failure)?;
                    let recall = (*recall).as_ref().map_err(plot_failure)?;
                    // One scale over the whole run, so the bars visibly move as the signal streams.
                    let peak = states.rows(0, n).iter().fold(1e-9_f64, |m, c| m.max(c.abs())) * 1.1;
                    let chart = BarChart {
                        values: &recall.coefficients,
                        x_label: t(lang, "hippo.axis_coef"),
                        y_label: t(lang, "hippo.axis_c"),
                        y_range: Some((-peak, peak)),
                        color: palette::RED,
                    };
                    bar_chart(area, &chart, theme).map(|f| Some(f.x_axis()))
                })
            },
        )
    };
    let errors_draw = {
        let errors = errors.clone();
        use_memo((p.signal.clone(), p.precision, p.n, lang), move |&(_, _, n, lang)| -> DrawFn {
            Rc::new(move |area, theme| {
                let (legs, others) = (*errors).as_ref().map_err(plot_failure)?;
                let mut series = vec![ErrorSeries {
                    label: t(lang, "hippo.err_legs"),
                    points: SIZES.iter().map(|&s| (s as f64, legs[s - 1])).collect(),
                    color: palette::RED,
                }];
                series.extend(others.iter().map(|(system, e)| ErrorSeries {
                    label: t(lang, system_key(*system)),
                    points: SIZES.iter().zip(e).map(|(&s, &e)| (s as f64, e)).collect(),
                    color: system_color(*system),
                }));
                let chart = ErrorChart {
                    series,
                    marker: Some(n as f64),
                    x_label: t(lang, "hippo.axis_n"),
                    y_label: t(lang, "hippo.axis_err"),
                };
                error_chart(area, &chart, theme).map(Some)
            })
        })
    };

    // Drawing with the pointer: a press sets the nearest knot; presses in quick succession
    // are one stroke, so every knot between them follows the line.
    let on_press = {
        let (edit, cursor) = (p.edit.clone(), cursor.clone());
        use_callback((), move |f: (f64, f64), _| {
            let Some(frame) = *frame.borrow() else { return };
            let (k, v) = frame.data_at(f);
            let i = knot_at(k);
            let now = js_sys::Date::now();
            let from = stroke.borrow().filter(|&(t0, ..)| now - t0 < 150.0).map(|(_, j, w)| (j, w));
            *stroke.borrow_mut() = Some((now, i, v));
            cursor.set(None);
            edit.emit(Rc::new(move |s: &mut HippoLesson| *s = s.with_stroke(from, i, v)));
        })
    };
    let on_key = {
        let (edit, cursor) = (p.edit.clone(), cursor.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = cursor.unwrap_or(KNOTS / 2);
            let by = if e.shift_key() { 5 } else { 1 };
            match e.key().as_str() {
                "ArrowLeft" => cursor.set(Some(at.saturating_sub(by))),
                "ArrowRight" => cursor.set(Some((at + by).min(KNOTS - 1))),
                "ArrowUp" | "ArrowDown" => {
                    let steps = if e.key() == "ArrowUp" { by as i32 } else { -(by as i32) };
                    cursor.set(Some(at));
                    edit.emit(Rc::new(move |s: &mut HippoLesson| {
                        *s = s.with_knot_nudged(at, steps)
                    }));
                }
                _ => return,
            }
            e.prevent_default();
        })
    };
    let on_blur = {
        let cursor = cursor.clone();
        Callback::from(move |_: FocusEvent| cursor.set(None))
    };

    let step = {
        let edit = p.edit.clone();
        Callback::from(move |delta: isize| {
            edit.emit(Rc::new(move |s: &mut HippoLesson| {
                s.t = (s.t as isize + delta).clamp(1, LEN as isize) as usize;
            }))
        })
    };
    {
        let (step, playing) = (step.clone(), playing.clone());
        let at_end = t_now >= LEN;
        use_interval(
            (*playing && !at_end).then_some(TICK_MS),
            Callback::from(move |_| step.emit(1)),
        );
        if *playing && at_end {
            playing.set(false);
        }
    }
    let edit_field = |f: Edit| {
        let edit = p.edit.clone();
        Callback::from(move |_| edit.emit(f.clone()))
    };
    let on_toggle = {
        let (playing, restart) =
            (playing.clone(), edit_field(Rc::new(|s: &mut HippoLesson| s.t = 1)));
        Callback::from(move |_| {
            if !*playing && t_now >= LEN {
                restart.emit(());
            }
            playing.set(!*playing);
        })
    };
    let on_reset = {
        let (playing, restart) =
            (playing.clone(), edit_field(Rc::new(|s: &mut HippoLesson| s.t = 1)));
        Callback::from(move |_| {
            playing.set(false);
            restart.emit(());
        })
    };
    let on_signal = {
        let edit = p.edit.clone();
        Callback::from(move |name: String| {
            if let Ok(kind) = name.parse::<CurveKind>() {
                edit.emit(Rc::new(move |s: &mut HippoLesson| {
                    s.signal = SignalChoice::Preset(kind)
                }));
            }
        })
    };
    let on_compare = {
        let edit = p.edit.clone();
        Callback::from(move |name: String| {
            let compare = name.parse::<MemorySystem>().ok();
            edit.emit(Rc::new(move |s: &mut HippoLesson| s.compare = compare));
        })
    };
    let on_precision = {
        let edit = p.edit.clone();
        Callback::from(move |name: String| {
            if let Ok(precision) = name.parse::<Precision>() {
                edit.emit(Rc::new(move |s: &mut HippoLesson| s.precision = precision));
            }
        })
    };

    let mut signal_options = options(
        lang,
        &[
            ("waves", "hippo.sig_waves"),
            ("steps", "hippo.sig_steps"),
            ("spikes", "hippo.sig_spikes"),
            ("chirp", "hippo.sig_chirp"),
            ("noise", "hippo.sig_noise"),
        ],
    );
    let selected_signal = match &p.signal {
        SignalChoice::Preset(kind) => kind.name(),
        SignalChoice::Drawn(_) => {
            signal_options.push(("drawn".into(), t(lang, "hippo.sig_drawn").into()));
            "drawn"
        }
    };
    let compare_options = options(
        lang,
        &[
            ("none", "hippo.cmp_none"),
            ("legs-fixed", "hippo.sys_legs_fixed"),
            ("s4d-real", "hippo.sys_s4d"),
            ("random", "hippo.sys_random"),
        ],
    );
    let precision_options = options(
        lang,
        &[("f64", "hippo.prec_f64"), ("f32", "hippo.prec_f32"), ("bf16", "hippo.prec_bf16")],
    );

    let (recall, compared) = match (&*states, &*errors, &*recall, &*compared) {
        (Ok(_), Ok(_), Ok(r), Ok(c)) => (r, c),
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => {
            return failed(lang, e);
        }
    };
    let legs_line = fill(
        lang,
        "hippo.readout_legs",
        &[("n", &p.n.to_string()), ("t", &t_now.to_string()), ("e", &short(recall.error))],
    );
    let compare_line = compared.as_ref().zip(p.compare).map(|(r, system)| {
        fill(
            lang,
            "hippo.readout_cmp",
            &[
                ("system", t(lang, system_key(system))),
                ("n", &p.n.to_string()),
                ("prec", t(lang, precision_key(p.precision))),
                ("e", &short(r.error)),
                ("held", &r.held.to_string()),
            ],
        )
    });
    // The first coefficients, to three decimals (the readout of a tiny c_0 as 4×10⁻¹⁷ would
    // only distract).
    let hover_line = p.hover.map(|k| k as usize).filter(|&k| (1..=LEN).contains(&k)).map(|k| {
        if k > t_now {
            let (k, x) = (k.to_string(), short(samples[k - 1]));
            return fill(lang, "hippo.hover_ahead", &[("k", &k), ("x", &x)]);
        }
        let compared = compared.as_ref().zip(p.compare).map_or(String::new(), |(r, system)| {
            fill(
                lang,
                "hippo.hover_compared",
                &[("system", t(lang, system_key(system))), ("v", &short(r.history[k - 1]))],
            )
        });
        fill(
            lang,
            "hippo.hover",
            &[
                ("k", &k.to_string()),
                ("x", &short(samples[k - 1])),
                ("r", &short(recall.history[k - 1])),
                ("compared", &compared),
            ],
        )
    });
    let shown = recall.coefficients.len().min(4);
    let c_row = DMatrix::from_fn(1, shown, |_, j| (recall.coefficients[j] * 1e3).round() / 1e3);
    let update = equals([
        sub(mi("c"), mi("k")),
        row([
            sup(
                paren(row([mi("I"), mo("−"), frac(mi("A"), row([num(2.0, 1), mi("k")]))])),
                row([mo("−"), num(1.0, 1)]),
            ),
            mo("["),
            paren(row([mi("I"), mo("+"), frac(mi("A"), row([num(2.0, 1), mi("k")]))])),
            sub(mi("c"), row([mi("k"), mo("−"), num(1.0, 1)])),
            mo("+"),
            frac(mi("B"), mi("k")),
            sub(mi("x"), mi("k")),
            mo("]"),
        ]),
    ]);
    let rebuild = row([
        mi("x"),
        paren(row([mi("u"), mi("t")])),
        mo("≈"),
        sub(mo("∑"), row([mi("n"), mo("<"), mi("N")])),
        sub(mi("c"), mi("n")),
        sqrt(row([num(2.0, 1), mi("n"), mo("+"), num(1.0, 1)])),
        sub(mi("P"), mi("n")),
        paren(row([num(2.0, 1), mi("u"), mo("−"), num(1.0, 1)])),
    ]);
    let live_c = row([
        sub(mi("c"), mi("t")),
        mo("="),
        matrix(&c_row, 3),
        if recall.coefficients.len() > shown { mo("…") } else { row([]) },
    ]);

    html! {
        <section class="panel">
            <div class="controls">
                { n_slider(lang, "hippo-n2", p.n, &p.edit) }
                <Select id="hippo-signal" label={t(lang, "hippo.signal")} options={signal_options}
                        selected={selected_signal} on_change={on_signal} />
                <Select id="hippo-compare" label={t(lang, "hippo.compare")} options={compare_options}
                        selected={p.compare.map_or("none", |s| s.name())} on_change={on_compare} />
                <Select id="hippo-precision" label={t(lang, "hippo.precision")} options={precision_options}
                        selected={p.precision.name()} on_change={on_precision} />
            </div>
            <PlayControls playing={*playing} on_toggle={on_toggle}
                on_step={{ let step = step.clone(); Callback::from(move |_| step.emit(1)) }}
                on_back={Some({ let step = step.clone(); Callback::from(move |_| step.emit(-1)) })}
                on_reset={on_reset}
                position={fill(lang, "hippo.position", &[("t", &t_now.to_string()), ("len", &LEN.to_string())])} />
            <div class="draw-pad" tabindex="0" data-keys="" onkeydown={on_key} onblur={on_blur}
                 aria-label={t(lang, "hippo.draw_hint")}>
                <Figure draw={(*scene_draw).clone()} label={t(lang, "hippo.memory_label")} aspect={0.42}
                        on_press={on_press} on_hover={p.on_hover.clone()} />
            </div>
            <p class="hint">{ t(lang, "hippo.draw_hint") }</p>
            if p.precision == Precision::F64 {
                <Banner kind={BannerKind::Info} text={t(lang, "hippo.f64_note")} />
            }
            <p class="readout legs" aria-live="polite">{ legs_line }</p>
            if let Some(line) = compare_line { <p class="readout compared">{ line }</p> }
            <p class="readout hovered">{ hover_line.unwrap_or_else(|| t(lang, "hippo.hover_hint").to_owned()) }</p>
            <div class="row">
                <div>
                    <Figure draw={(*bars_draw).clone()} label={t(lang, "hippo.state_label")} aspect={0.6} />
                    <p class="hint">{ fill(lang, "hippo.state_caption", &[("t", &t_now.to_string())]) }</p>
                </div>
                <div>
                    <Figure draw={(*errors_draw).clone()} label={t(lang, "hippo.errors_label")} aspect={0.6} />
                    <p class="hint">{ fill(lang, "hippo.errors_caption", &[("len", &LEN.to_string()), ("prec", t(lang, precision_key(p.precision)))]) }</p>
                </div>
            </div>
            <Equation mathml={update.block()} caption={t(lang, "hippo.update_caption")} />
            <Equation mathml={rebuild.block()} />
            <Equation mathml={live_c.block()} caption={t(lang, "hippo.rebuild_caption")} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct KernelProps {
    n: usize,
    delta: f64,
    delay: f64,
    signal: SignalChoice,
    hover: Option<f64>,
    on_hover: Callback<Option<f64>>,
    edit: Callback<Edit>,
}

/// S4's fixed-step LegS: the readout C that asks for the input `delay` steps ago, the kernel,
/// and the output by recurrence and by convolution side by side.
#[function_component(KernelPanel)]
fn kernel_panel(p: &KernelProps) -> Html {
    let lang = use_lang();
    let key = (p.n, p.delta.to_bits(), p.delay.to_bits(), p.signal.clone());
    let views = use_memo(key.clone(), |(n, delta, delay, signal)| {
        let step = Step::new(f64::from_bits(*delta))?;
        let c = legs_delay_readout(*n, step, f64::from_bits(*delay))?;
        let samples = signal.samples();
        legs_fixed_views(step, &c, &samples).map(|v| (c, samples, v))
    });
    let delay = p.delay;
    let kernel_draw = {
        let views = views.clone();
        use_memo((key.clone(), lang), move |(_, lang)| -> DrawFn {
            let lang = *lang;
            Rc::new(move |area, theme| {
                let (_, _, views) = (*views).as_ref().map_err(plot_failure)?;
                let chart = LineChart {
                    x_label: t(lang, "hippo.axis_lag"),
                    y_label: t(lang, "hippo.axis_kernel"),
                    series: vec![Series {
                        label: t(lang, "hippo.legend_kernel"),
                        points: views
                            .kernel
                            .iter()
                            .enumerate()
                            .map(|(j, &k)| (j as f64, k))
                            .collect(),
                        color: palette::RED,
                        style: SeriesStyle::Line,
                    }],
                    marker_x: Some(delay),
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            })
        })
    };
    let outputs_draw = {
        let views = views.clone();
        use_memo((key, p.hover.map(f64::to_bits), lang), move |(_, hover, lang)| -> DrawFn {
            let (lang, marker_x) = (*lang, hover.map(f64::from_bits));
            Rc::new(move |area, theme| {
                let (_, samples, views) = (*views).as_ref().map_err(plot_failure)?;
                let at_steps =
                    |v: &[f64]| v.iter().enumerate().map(|(k, &y)| ((k + 1) as f64, y)).collect();
                let chart = LineChart {
                    x_label: t(lang, "hippo.axis_k"),
                    y_label: t(lang, "hippo.axis_value"),
                    series: vec![
                        Series {
                            label: t(lang, "hippo.legend_input"),
                            points: at_steps(samples),
                            color: palette::BLUE,
                            style: SeriesStyle::Line,
                        },
                        Series {
                            label: t(lang, "hippo.legend_recurrent"),
                            points: at_steps(&views.recurrent),
                            color: palette::RED,
                            style: SeriesStyle::Line,
                        },
                        Series {
                            label: t(lang, "hippo.legend_convolved"),
                            points: at_steps(&views.convolved),
                            color: palette::ORANGE,
                            style: SeriesStyle::Dashed,
                        },
                    ],
                    y_limit: Some((-3.0, 3.0)),
                    marker_x,
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            })
        })
    };
    let (c, views) = match &*views {
        Ok((c, _, views)) => (c, views),
        Err(e) => return failed(lang, e),
    };
    let step_math = row([mi("Δ"), mo("/"), num(2.0, 1)]);
    let half = |sign: &str| paren(row([mi("I"), mo(sign), step_math.clone(), mo("·"), mi("A")]));
    let inverse = sup(half("−"), row([mo("−"), num(1.0, 1)]));
    let discrete = row([
        bar(mi("A")),
        mo("="),
        inverse.clone(),
        half("+"),
        mo(","),
        mspace(),
        bar(mi("B")),
        mo("="),
        inverse,
        mi("Δ"),
        mi("B"),
    ]);
    let first: Vec<Math> = views.kernel.iter().take(4).map(|&k| num(k, 3)).collect();
    let mut kernel_terms = vec![
        mi("K"),
        mo("="),
        paren(row([
            mi("C"),
            bar(mi("B")),
            mo(","),
            mi("C"),
            bar(mi("A")),
            bar(mi("B")),
            mo(","),
            mi("C"),
            sup(bar(mi("A")), num(2.0, 1)),
            bar(mi("B")),
            mo(","),
            mo("…"),
        ])),
        mo("="),
        mo("("),
    ];
    for (i, term) in first.into_iter().enumerate() {
        if i > 0 {
            kernel_terms.push(mo(","));
        }
        kernel_terms.push(term);
    }
    kernel_terms.extend([mo(","), mo("…"), mo(")")]);
    let u = (-p.delta * p.delay).exp();
    let readout = row([
        sub(mi("C"), mi("n")),
        mo("="),
        sqrt(row([num(2.0, 1), mi("n"), mo("+"), num(1.0, 1)])),
        sub(mi("P"), mi("n")),
        paren(row([num(2.0, 1), mi("u"), mo("−"), num(1.0, 1)])),
        mo(","),
        mspace(),
        mi("u"),
        mo("="),
        sup(mi("e"), row([mo("−"), mi("Δ"), mo("·"), mi("d")])),
        mo("="),
        num(u, 3),
        mo(","),
        mspace(),
        mi("C"),
        mo("="),
        Math::Table(vec![
            c.iter().take(5).map(|&v| num(v, 3)).chain((c.len() > 5).then(|| mo("…"))).collect(),
        ]),
    ]);
    html! {
        <section class="panel">
            <div class="controls">
                <Slider id="hippo-delta" label={t(lang, "hippo.delta")} value={p.delta} min={0.005} max={0.2} step={0.005}
                        digits={3} on_change={on_value(&p.edit, |s, v| s.delta = v)} />
                <Slider id="hippo-delay" label={t(lang, "hippo.delay")} value={p.delay} min={0.0} max={100.0} step={1.0}
                        digits={0} unit={t(lang, "hippo.steps_unit")} on_change={on_value(&p.edit, |s, v| s.delay = v)} />
            </div>
            <Equation mathml={readout.block()} caption={t(lang, "hippo.readout_caption")} />
            <div class="row">
                <Figure draw={(*kernel_draw).clone()} label={t(lang, "hippo.kernel_label")} aspect={0.6} />
                <Figure draw={(*outputs_draw).clone()} label={t(lang, "hippo.outputs_label")} aspect={0.6}
                        on_hover={p.on_hover.clone()} />
            </div>
            <p class="readout max-diff" data-value={views.max_difference.to_string()} aria-live="polite">{ fill(lang, "hippo.max_diff", &[("d", &short(views.max_difference))]) }</p>
            <Equation mathml={discrete.block()} caption={t(lang, "hippo.bilinear_caption")} />
            <Equation mathml={row(kernel_terms).block()} caption={t(lang, "hippo.kernel_caption")} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ImpulseProps {
    n: usize,
    delta: f64,
    delay: f64,
    scaled: bool,
    edit: Callback<Edit>,
}

/// The notes' claim tested: impulses at three times through the same A, B, C, with a fixed
/// step (one kernel) or HiPPO's 1/k step (no single kernel).
#[function_component(ImpulsePanel)]
fn impulse_panel(p: &ImpulseProps) -> Html {
    let lang = use_lang();
    let key = (p.n, p.delta.to_bits(), p.delay.to_bits(), p.scaled);
    let responses = use_memo(key, |&(n, delta, delay, scaled)| {
        let step = Step::new(f64::from_bits(delta))?;
        let c = legs_delay_readout(n, step, f64::from_bits(delay))?;
        let rule = if scaled { LegsStep::Scaled } else { LegsStep::Fixed(step) };
        legs_impulse_responses(rule, &c, &ARRIVALS, SPAN)
    });
    let draw = {
        let responses = responses.clone();
        use_memo((key, lang), move |&(.., lang)| -> DrawFn {
            let labels: Vec<String> = ARRIVALS
                .iter()
                .map(|k| fill(lang, "hippo.legend_arrival", &[("k", &k.to_string())]))
                .collect();
            Rc::new(move |area, theme| {
                let responses = (*responses).as_ref().map_err(plot_failure)?;
                let styles = [SeriesStyle::Line, SeriesStyle::Dashed, SeriesStyle::Points];
                let colors = [palette::BLUE, palette::RED, palette::GREEN];
                let series = responses
                    .iter()
                    .zip(&labels)
                    .zip(styles.iter().zip(colors))
                    .map(|((r, label), (&style, color))| Series {
                        label,
                        points: r.iter().enumerate().map(|(a, &y)| (a as f64, y)).collect(),
                        color,
                        style,
                    })
                    .collect();
                let chart = LineChart {
                    x_label: t(lang, "hippo.axis_since"),
                    y_label: t(lang, "hippo.axis_response"),
                    series,
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            })
        })
    };
    let on_scaled = {
        let edit = p.edit.clone();
        Callback::from(move |v: bool| edit.emit(Rc::new(move |s: &mut HippoLesson| s.scaled = v)))
    };
    let spread = match &*responses {
        Ok(r) => response_spread(r),
        Err(e) => return failed(lang, e),
    };
    let verdict = if p.scaled { "hippo.spread_scaled" } else { "hippo.spread_fixed" };
    html! {
        <div class="impulses">
            <Prose keys={vec!["hippo.q_intro"]} />
            <Toggle id="hippo-scaled" label={t(lang, "hippo.scaled")} checked={p.scaled} on_change={on_scaled} />
            <Figure draw={(*draw).clone()} label={t(lang, "hippo.impulse_label")} aspect={0.45} />
            <p class="readout" data-value={spread.to_string()} aria-live="polite">{ fill(lang, verdict, &[("d", &short(spread))]) }</p>
            <Prose keys={vec!["hippo.q_answer"]} />
        </div>
    }
}
