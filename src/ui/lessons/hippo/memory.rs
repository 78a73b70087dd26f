//! The HiPPO lesson's memory panel: a signal streamed into N numbers and the past rebuilt.

use super::{
    Edit, failed, n_slider, options, plot_failure, precision_key, short, system_color, system_key,
};
use crate::course::hippo::{HippoLesson, KNOTS, LEN, MAX_N, RANGE, SIZES, SignalChoice, knot_at};
use crate::explain::hippo::{
    CurveKind, LtiMemory, MemoryComparison, MemorySystem, Precision, legs_recall,
    legs_recall_errors,
};
use crate::i18n::{fill, t};
use crate::mathml::{equals, frac, matrix, mi, mo, num, paren, row, sqrt, sub, sup};
use crate::plot::{
    BarChart, ErrorChart, ErrorSeries, Frame, MemoryLabels, MemoryScene, bar_chart, error_chart,
    memory_chart, palette,
};
use crate::ssm::SsmError;
use crate::ssm::hippo::legs_states;
use crate::ui::components::{Banner, BannerKind, DrawFn, Equation, Figure, PlayControls, Select};
use crate::ui::hooks::use_interval;
use crate::ui::lang::use_lang;
use nalgebra::DMatrix;
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
