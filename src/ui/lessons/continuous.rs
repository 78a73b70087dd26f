//! Lesson 2, `#/continuous`: the continuous SSM h'(t) = A h(t) + B x(t), y(t) = C h(t) + D x(t).
//! Sliders for every entry of A, B, C, D and a preset menu; the phase plane with the vector
//! field and the state moving along it; linked time plots of x, h₁, h₂, y; the eigenvalues of A
//! against the stability region; the notes' questions answered by interaction: Euler steps that
//! follow the rate arrow ("how is h'(t) used?"), and superposition with a tanh toggle ("why is
//! the SSM linear, and what would break if not?").

use super::lti::{
    ARROW_SPAN, EigenTexts, PhaseTexts, Run, TimePlots, TimeTexts, editor, eigen_draw, eigen_list,
    error_banner, field_arrows, output_equation, phase_draw, signal_chooser, signal_options,
    state_equation, thin, until_off_chart, use_clock,
};
use crate::course::Lesson;
use crate::course::continuous::{
    A_RANGE, AMPLITUDE_RANGE, ContinuousLesson, DURATION, EULER_RANGE, GAIN_RANGE, PERIOD_RANGE,
    VIEW_LIMIT, euler_steps, view_limit,
};
use crate::course::readout::{complex_text, decimal, scientific};
use crate::explain::continuous::{
    ConvolutionCheck, EulerWalk, Preset, SignalKind, Superposition, Update, convolution_check,
    euler_walk, rate, superposition,
};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{column, dot, equals, matrix, mi, mo, num, paren, row, sub};
use crate::plot::{
    LegendEntry, LineChart, PhaseScene, Series, SeriesStyle, Swatch, line_chart, palette,
    phase_portrait, phase_view,
};
use crate::route::Route;
use crate::ssm::{Continuous, SsmError, Stability, Step};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, PlayControls, Prose, Question, Select, Slider,
    Toggle, TryThis,
};
use crate::ui::hooks::{use_interval, use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use nalgebra::DMatrix;
use num_complex::Complex64;
use plotters::style::RGBColor;
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

/// The symbols of the sliders: mathematical notation, the same in every language.
const A_SYMBOLS: [&str; 4] = ["a₁₁", "a₁₂", "a₂₁", "a₂₂"];
const B_SYMBOLS: [&str; 2] = ["b₁", "b₂"];
const C_SYMBOLS: [&str; 2] = ["c₁", "c₂"];

fn preset_key(p: Preset) -> &'static str {
    match p {
        Preset::Decay => "continuous.preset_decay",
        Preset::Oscillator => "continuous.preset_oscillator",
        Preset::DampedOscillator => "continuous.preset_damped",
        Preset::Unstable => "continuous.preset_unstable",
        Preset::DoubleIntegrator => "continuous.preset_double",
        Preset::MassSpring => "continuous.preset_spring",
    }
}

/// The texts of the time plots.
fn time_texts(lang: Lang) -> Rc<TimeTexts> {
    Rc::new(TimeTexts {
        time_axis: t(lang, "continuous.axis_time"),
        input_axis: t(lang, "continuous.axis_input"),
        input_legend: t(lang, "continuous.legend_input"),
        impulse_legend: t(lang, "continuous.legend_impulse"),
        state_axis: t(lang, "continuous.axis_state"),
        h1_legend: t(lang, "continuous.legend_h1"),
        h2_legend: t(lang, "continuous.legend_h2"),
        output_axis: t(lang, "continuous.axis_output"),
        input_label: t(lang, "continuous.fig_input"),
        state_label: t(lang, "continuous.fig_state"),
        output_label: t(lang, "continuous.fig_output"),
    })
}

fn phase_texts(lang: Lang) -> PhaseTexts {
    PhaseTexts {
        axes: (t(lang, "continuous.phase_axis_h1"), t(lang, "continuous.phase_axis_h2")),
        path: t(lang, "continuous.phase_path"),
        now: t(lang, "continuous.phase_now"),
        rate: t(lang, "continuous.phase_rate"),
        equilibrium: t(lang, "continuous.phase_equilibrium"),
    }
}

/// How far the phase planes may reach: ±[`VIEW_LIMIT`] for a diverging system, else anywhere.
fn plane_limit(limit: Option<(f64, f64)>) -> f64 {
    limit.map_or(f64::INFINITY, |(_, hi)| hi)
}

/// The banner saying why a system diverges or does not settle, if it does not.
fn stability_banner(lang: Lang, m: &Model) -> Html {
    // The fastest-growing mode (of a conjugate pair, the one with Im λ ≥ 0).
    let worst = m
        .eigenvalues
        .iter()
        .copied()
        .max_by(|a, b| a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im)));
    match (m.stability, worst) {
        (Stability::Unstable, Some(l)) => {
            let text = fill(
                lang,
                "continuous.unstable",
                &[
                    ("lambda", &complex_text(l)),
                    ("re", &decimal(l.re)),
                    ("limit", &decimal(VIEW_LIMIT)),
                ],
            );
            html! { <Banner kind={BannerKind::Warning} text={text} /> }
        }
        (Stability::Marginal, _) => {
            html! { <Banner kind={BannerKind::Info} text={t(lang, "continuous.marginal")} /> }
        }
        _ => html! {},
    }
}

#[function_component(ContinuousLessonView)]
pub(crate) fn continuous_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<ContinuousLesson>(Route::Lesson(Lesson::Continuous, None));
    use_update_measure("continuous", &*s);
    let hover = use_state(|| None::<f64>);
    let bits = system_bits(&s);
    let model = use_memo((bits, s.input, s.period.to_bits()), |_| model(&s));

    let edit = |f: fn(&mut ContinuousLesson, f64)| editor(&s, &set, f);
    let set_t = edit(|s, v| *s = s.at_time(v));
    let clock = use_clock(s.t, DURATION, set_t.clone());
    // The eigenvalue plane depends on A alone. (Every hook runs before the early return below.)
    let eigen_fig = use_memo((bits[..4].to_vec(), lang, model.is_ok()), |_| {
        let m = model.as_ref().as_ref().ok()?;
        let texts = EigenTexts {
            axes: (t(lang, "continuous.eig_axis_re"), t(lang, "continuous.eig_axis_im")),
            regions: (t(lang, "continuous.region_stable"), t(lang, "continuous.region_unstable")),
        };
        Some(eigen_draw(m.eigenvalues.clone(), texts))
    });

    let (m, eigen_fig) = match (&*model, &*eigen_fig) {
        (Ok(m), Some(fig)) => (m.clone(), fig.clone()),
        (Err(e), _) => return error_banner(lang, "continuous.error", e),
        (Ok(_), None) => return html! {},
    };
    let limit = view_limit(Some(m.stability));

    // The controls of the system.
    let preset = s.preset();
    let mut preset_options: Vec<(AttrValue, AttrValue)> = Preset::ALL
        .iter()
        .map(|p| (AttrValue::from(p.name()), AttrValue::from(t(lang, preset_key(*p)))))
        .collect();
    if preset.is_none() {
        preset_options.push(("custom".into(), t(lang, "continuous.preset_custom").into()));
    }
    let on_preset = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |name: String| {
            if let Ok(p) = name.parse::<Preset>() {
                set.emit(s.with_preset(p));
            }
        })
    };
    let on_input = signal_chooser(&s, &set, |s, k| s.input = k);
    let slider = |id: String, label: &str, value: f64, range: (f64, f64), on: Callback<f64>| {
        html! {
            <Slider id={id} label={label.to_owned()} value={value} min={range.0} max={range.1}
                    step={0.05} on_change={on} />
        }
    };
    let a_sliders = (0..4).map(|i| {
        let on = editor(&s, &set, move |s, v| s.a[i] = v);
        slider(format!("continuous-a{}{}", i / 2 + 1, i % 2 + 1), A_SYMBOLS[i], s.a[i], A_RANGE, on)
    });
    let b_sliders = (0..2).map(|i| {
        let on = editor(&s, &set, move |s, v| s.b[i] = v);
        slider(format!("continuous-b{}", i + 1), B_SYMBOLS[i], s.b[i], GAIN_RANGE, on)
    });
    let c_sliders = (0..2).map(|i| {
        let on = editor(&s, &set, move |s, v| s.c[i] = v);
        slider(format!("continuous-c{}", i + 1), C_SYMBOLS[i], s.c[i], GAIN_RANGE, on)
    });
    let d_slider = slider("continuous-d".into(), "D", s.d, GAIN_RANGE, edit(|s, v| s.d = v));
    let period_label = if s.input == SignalKind::Tokens {
        t(lang, "continuous.token_length")
    } else {
        t(lang, "continuous.period")
    };

    // The animation: the phase plane and the linked time plots.
    let marker = (*hover).or(Some(s.t));
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |x: Option<f64>| hover.set(x))
    };
    let phase = phase_draw(
        m.sys.clone(),
        m.run.clone(),
        s.t,
        *hover,
        phase_texts(lang),
        plane_limit(limit),
    );
    let j = m.run.response.index_at(s.t);
    let (h_now, x_now) = (m.run.response.state(j), m.run.input_at(s.t));
    let rate_now = rate(&m.sys, &h_now, x_now).unwrap_or_default();
    let rate_equation = row([
        dot(mi("h")),
        paren(row([mi("t"), mo("="), num(s.t, 3)])),
        mo("="),
        matrix(&DMatrix::from_row_slice(2, 2, &s.a), 3),
        column(&h_now, 3),
        mo("+"),
        column(&s.b, 3),
        mo("·"),
        if x_now < 0.0 { paren(num(x_now, 3)) } else { num(x_now, 3) },
        mo("="),
        column(&rate_now, 3),
    ]);

    let verdict = match m.stability {
        Stability::Stable => t(lang, "continuous.verdict_stable").to_owned(),
        Stability::Marginal => t(lang, "continuous.verdict_marginal").to_owned(),
        Stability::Unstable => {
            let re = m.eigenvalues.iter().map(|l| l.re).fold(f64::NEG_INFINITY, f64::max);
            fill(lang, "continuous.verdict_unstable", &[("re", &decimal(re))])
        }
    };
    let turning = m.eigenvalues.iter().map(|l| l.im.abs()).fold(0.0, f64::max);
    let rotation = if turning > 1e-12 {
        fill(lang, "continuous.eig_complex", &[("w", &decimal(turning))])
    } else {
        t(lang, "continuous.eig_real").to_owned()
    };

    html! {
        <>
            <Prose keys={vec!["continuous.intro1", "continuous.intro2", "continuous.intro3"]} />
            <section class="panel">
                <div class="controls">
                    <Select id="continuous-preset" label={t(lang, "continuous.preset")} options={preset_options}
                            selected={preset.map_or("custom", Preset::name)} on_change={on_preset} />
                    <Select id="continuous-input" label={t(lang, "continuous.input")} options={signal_options(lang, "continuous")}
                            selected={s.input.name()} on_change={on_input} />
                    if s.input.uses_period() {
                        <Slider id="continuous-period" label={period_label} value={s.period}
                                min={PERIOD_RANGE.0} max={PERIOD_RANGE.1} step={0.25} unit={t(lang, "unit.seconds")}
                                on_change={edit(|s, v| s.period = v)} />
                    }
                </div>
                <div class="matrices">
                    <fieldset class="matrix-a">
                        <legend>{ t(lang, "continuous.matrix_a") }</legend>
                        { for a_sliders }
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "continuous.vector_b") }</legend>
                        { for b_sliders }
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "continuous.output_cd") }</legend>
                        { for c_sliders }
                        { d_slider }
                    </fieldset>
                </div>
                <Equation mathml={state_equation(&m.sys).block()} caption={t(lang, "continuous.state_eq_caption")} />
                <Equation mathml={output_equation(&m.sys).block()} caption={t(lang, "continuous.output_eq_caption")} />
            </section>
            <Prose keys={vec!["continuous.motion1"]} />
            <section class="panel">
                { stability_banner(lang, &m) }
                <div class="controls">
                    <PlayControls playing={clock.playing} on_toggle={clock.toggle.clone()} on_step={clock.forward.clone()}
                        on_back={Some(clock.back.clone())} on_reset={clock.reset.clone()}
                        position={fill(lang, "continuous.position", &[("t", &format!("{:.2}", s.t)), ("n", &decimal(DURATION))])} />
                    <Slider id="continuous-t" label={t(lang, "continuous.time")} value={s.t} min={0.0} max={DURATION}
                            step={0.05} unit={t(lang, "unit.seconds")} on_change={set_t.clone()} />
                </div>
                <div class="row">
                    <div class="phase-box" tabindex="0" data-keys="" onkeydown={clock.on_key.clone()}
                         aria-label={t(lang, "continuous.keys_hint")}>
                        <Figure draw={phase} label={t(lang, "continuous.phase_label")} aspect={0.9} />
                    </div>
                    <TimePlots run={m.run.clone()} marker={marker} on_hover={on_hover} texts={time_texts(lang)} limit={limit} />
                </div>
                <p class="hint">{ t(lang, "continuous.hover_hint") }</p>
                <Equation mathml={rate_equation.block()} caption={fill(lang, "continuous.rate_eq_caption", &[("span", &decimal(ARROW_SPAN))])} />
            </section>
            <Prose keys={vec!["continuous.eig1"]} />
            <section class="panel">
                <div class="row">
                    <Figure draw={eigen_fig} label={t(lang, "continuous.eig_label")} aspect={0.75} />
                    <div class="eigen-readout">
                        <p class="readout">{ eigen_list(&m.eigenvalues) }</p>
                        <p>{ verdict }</p>
                        <p>{ rotation }</p>
                    </div>
                </div>
            </section>
            <Question question="continuous.q_rate">
                <EulerPanel lesson={s.clone()} set={set.clone()} model={m.clone()} />
            </Question>
            <Question question="continuous.q_linear">
                <LinearityPanel lesson={s.clone()} set={set.clone()} model={m.clone()} />
            </Question>
            <TryThis keys={vec!["continuous.try1", "continuous.try2", "continuous.try3", "continuous.try4", "continuous.try5"]} />
        </>
    }
}

/// A chart of outputs against time for the linearity panel: (legend key, values, colour, style).
fn outputs_chart(
    lang: Lang,
    times: &[f64],
    lines: Vec<(&'static str, &[f64], RGBColor, SeriesStyle)>,
    limit: Option<(f64, f64)>,
) -> DrawFn {
    let series: Vec<Series<'static>> = lines
        .into_iter()
        .map(|(key, ys, color, style)| Series {
            label: t(lang, key),
            points: thin(until_off_chart(
                times.iter().copied().zip(ys.iter().copied()).collect(),
                limit,
            )),
            color,
            style,
        })
        .collect();
    Rc::new(move |area, theme| {
        let chart = LineChart {
            x_label: t(lang, "continuous.axis_time"),
            y_label: t(lang, "continuous.axis_output"),
            series: series.clone(),
            y_limit: limit,
            x_range: Some((0.0, DURATION * 1.03)),
            ..LineChart::default()
        };
        line_chart(area, &chart, theme).map(|_| None)
    })
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    lesson: Rc<ContinuousLesson>,
    set: Callback<ContinuousLesson>,
    model: Model,
}

/// The Euler figure: the exact path and state at t_k, the Euler steps up to k, and the next
/// step Δt·h'(t_k) as the red arrow, over the field for the input at t_k.
fn euler_draw(
    lang: Lang,
    run: Rc<Run>,
    sys: Rc<Continuous>,
    path: Rc<EulerWalk>,
    k: usize,
    limit: Option<(f64, f64)>,
) -> DrawFn {
    let texts = [
        t(lang, "continuous.legend_exact"),
        t(lang, "continuous.legend_exact_now"),
        t(lang, "continuous.legend_euler"),
        t(lang, "continuous.legend_next"),
    ];
    let axes = (t(lang, "continuous.phase_axis_h1"), t(lang, "continuous.phase_axis_h2"));
    Rc::new(move |area, theme| {
        let at = |m: &DMatrix<f64>, i: usize| (m[(0, i)], m[(1, i)]);
        let steps: Vec<(f64, f64)> = (0..=k).map(|i| at(&path.states, i)).collect();
        // The view holds the exact path; Euler points may stray to twice its size (a diverging
        // Euler path leaves the picture instead of shrinking it).
        let exact = run.points();
        let reach = exact.iter().map(|p| p.0.abs().max(p.1.abs())).fold(1.0, f64::max);
        let view = phase_view(
            exact.into_iter().chain(steps.iter().copied()),
            0.5,
            (2.0 * reach).min(plane_limit(limit)),
        );
        let time = path.times[k];
        let j = run.response.index_at(time);
        let rate = at(&path.rates, k);
        let entry = |label, color, swatch| LegendEntry { label, color, swatch };
        let scene = PhaseScene {
            axes,
            view,
            field: field_arrows(&sys, run.input_at(time), view),
            path: run.points(),
            travelled: j + 1,
            now: Some(run.point(j)),
            arrow: Some((at(&path.states, k), (rate.0 * path.step, rate.1 * path.step))),
            steps,
            legend: vec![
                entry(texts[0], palette::GREEN, Swatch::Line),
                entry(texts[1], palette::BLUE, Swatch::Dot),
                entry(texts[2], palette::PURPLE, Swatch::Line),
                entry(texts[3], palette::RED, Swatch::Line),
            ],
            ..PhaseScene::default()
        };
        phase_portrait(area, &scene, theme).map(|_| None)
    })
}

/// "How is h'(t) used to move the state forward?": forward-Euler steps that follow the rate
/// arrow, next to the exact path, with Δt and the step count under the learner's hand.
#[function_component(EulerPanel)]
fn euler_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson;
    let m = &p.model;
    let playing = use_state(|| false);
    let path =
        use_memo((system_bits(s), s.input, s.period.to_bits(), s.euler_dt.to_bits()), |_| {
            let signal = s.signal()?;
            euler_walk(&m.sys, &signal, Step::new(s.euler_dt)?, euler_steps(s.euler_dt))
        });
    let last = path.as_ref().as_ref().map_or(0, |p| p.times.len() - 1);
    let k = s.euler_k.min(last);
    let limit = view_limit(Some(m.stability));
    let set_k = {
        let (s, set) = (s.clone(), p.set.clone());
        Callback::from(move |k: usize| {
            set.emit(ContinuousLesson { euler_k: k.min(last), ..(*s).clone() })
        })
    };
    {
        let (set_k, at_end) = (set_k.clone(), k >= last);
        use_interval(
            (*playing && !at_end).then_some(350),
            Callback::from(move |_| set_k.emit(k + 1)),
        );
        if *playing && at_end {
            playing.set(false);
        }
    }
    let on_dt = {
        let (s, set) = (s.clone(), p.set.clone());
        Callback::from(move |v: f64| {
            // Keep the same time in view: k steps of the old Δt ≈ k' steps of the new one.
            let time = s.euler_k as f64 * s.euler_dt;
            let k = ((time / v).round() as usize).min(euler_steps(v));
            set.emit(ContinuousLesson { euler_dt: v, euler_k: k, ..(*s).clone() })
        })
    };
    // The figure changes with the path and the step shown, not with the lesson's clock.
    let draw = use_memo(
        (path.clone(), k, lang, m.run.clone(), m.sys.clone()),
        |(path, k, lang, run, sys)| {
            let path = path.as_ref().as_ref().ok()?;
            Some(euler_draw(*lang, run.clone(), sys.clone(), Rc::new(path.clone()), *k, limit))
        },
    );
    let (path, draw) = match (&*path, &*draw) {
        (Ok(path), Some(draw)) => (path, draw.clone()),
        (Err(e), _) => return error_banner(lang, "continuous.error", e),
        (Ok(_), None) => return html! {},
    };
    let column_of =
        |m: &DMatrix<f64>, k: usize| -> Vec<f64> { m.column(k).iter().copied().collect() };
    let (h_k, r_k) = (column_of(&path.states, k), column_of(&path.rates, k));
    let dt = path.step;
    let hk = |k: &str| sub(mi("h"), mi(k));
    let mut step_eq = vec![
        equals([
            sub(mi("h"), row([mi("k"), mo("+"), mi("1")])),
            row([hk("k"), mo("+"), mi("Δt"), mo("·"), dot(mi("h")), paren(sub(mi("t"), mi("k")))]),
        ]),
        mo(":"),
        column(&h_k, 3),
        mo("+"),
        num(dt, 3),
        mo("·"),
        column(&r_k, 3),
    ];
    if k < last {
        step_eq.extend([mo("="), column(&column_of(&path.states, k + 1), 3)]);
    }
    let error = fill(
        lang,
        "continuous.euler_error",
        &[("k", &k.to_string()), ("t", &decimal(path.times[k])), ("e", &scientific(path.error(k)))],
    );
    html! {
        <div class="euler-panel">
            <Prose keys={vec!["continuous.euler1", "continuous.euler2"]} />
            <div class="controls">
                <Slider id="continuous-euler-dt" label={t(lang, "continuous.euler_dt")} value={s.euler_dt}
                        min={EULER_RANGE.0} max={EULER_RANGE.1} step={0.05} unit={t(lang, "unit.seconds")} on_change={on_dt} />
                <PlayControls playing={*playing}
                    on_toggle={{ let (p, set_k) = (playing.clone(), set_k.clone()); Callback::from(move |_| {
                        if !*p && k >= last { set_k.emit(0); }
                        p.set(!*p);
                    }) }}
                    on_step={{ let set_k = set_k.clone(); Callback::from(move |_| set_k.emit(k + 1)) }}
                    on_back={Some({ let set_k = set_k.clone(); Callback::from(move |_| set_k.emit(k.saturating_sub(1))) })}
                    on_reset={{ let (p, set_k) = (playing.clone(), set_k.clone()); Callback::from(move |_| { p.set(false); set_k.emit(0) }) }}
                    position={fill(lang, "continuous.euler_position", &[("k", &k.to_string()), ("n", &last.to_string())])} />
            </div>
            <Figure draw={draw} label={t(lang, "continuous.euler_label")} aspect={0.7} />
            <Equation mathml={row(step_eq).block()} caption={t(lang, "continuous.euler_eq_caption")} />
            <p class="readout">{ error }</p>
        </div>
    }
}

/// "Why is the SSM linear, and what would break if not?": the response to x₁ + x₂ against the
/// sum of the responses, and the convolution view, with a tanh that can be inserted.
#[function_component(LinearityPanel)]
fn linearity_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson;
    let m = &p.model;
    let update = if s.tanh { Update::Tanh } else { Update::Linear };
    let checks = use_memo((system_bits(s), s.amp1.to_bits(), s.amp2.to_bits(), update), |_| {
        let (x1, x2) = s.superposition_inputs()?;
        let sup = superposition(&m.sys, &x1, &x2, update)?;
        let conv = convolution_check(&m.sys, &x1.plus(&x2)?, update)?;
        Ok::<(Superposition, ConvolutionCheck), SsmError>((sup, conv))
    });
    let limit = view_limit(Some(m.stability));
    // Both charts from the checks (every hook runs before the early return below).
    let charts =
        use_memo((checks.clone(), lang, limit.map(|l| l.0.to_bits())), |(checks, lang, _)| {
            let (sup, conv) = checks.as_ref().as_ref().ok()?;
            let sup_chart = outputs_chart(
                *lang,
                &sup.times,
                vec![
                    ("continuous.legend_y1", &sup.first, palette::SKY, SeriesStyle::Line),
                    ("continuous.legend_y2", &sup.second, palette::PURPLE, SeriesStyle::Line),
                    (
                        "continuous.legend_of_sum",
                        &sup.response_to_sum,
                        palette::RED,
                        SeriesStyle::Line,
                    ),
                    (
                        "continuous.legend_sum_of",
                        &sup.sum_of_responses,
                        palette::INK,
                        SeriesStyle::Dashed,
                    ),
                ],
                limit,
            );
            let conv_chart = outputs_chart(
                *lang,
                &conv.times,
                vec![
                    ("continuous.legend_stepped", &conv.stepped, palette::RED, SeriesStyle::Line),
                    (
                        "continuous.legend_convolved",
                        &conv.convolved,
                        palette::INK,
                        SeriesStyle::Dashed,
                    ),
                ],
                limit,
            );
            Some((sup_chart, conv_chart))
        });
    let ((sup, conv), (sup_draw, conv_draw)) = match (&*checks, &*charts) {
        (Ok(c), Some(d)) => (c.clone(), d.clone()),
        (Err(e), _) => return error_banner(lang, "continuous.error", e),
        (Ok(_), None) => return html! {},
    };
    let edit = |f: fn(&mut ContinuousLesson, f64)| editor(s, &p.set, f);
    let on_tanh = {
        let (s, set) = (s.clone(), p.set.clone());
        Callback::from(move |v: bool| set.emit(ContinuousLesson { tanh: v, ..(*s).clone() }))
    };
    let inner = row([mi("A"), mi("h"), mo("+"), mi("B"), mi("x")]);
    let rule = if s.tanh {
        row([dot(mi("h")), mo("="), mi("tanh"), paren(inner)])
    } else {
        row([dot(mi("h")), mo("="), inner])
    };
    // Rounding-level gaps (relative to the size of the response) count as "holds".
    let scale = sup.response_to_sum.iter().map(|y| y.abs()).fold(1.0, f64::max);
    let holds = |gap: f64| gap <= 1e-9 * scale;
    let verdict = |gap: f64, yes: &str, no: &str| {
        let key = if holds(gap) { yes } else { no };
        format!("{} {}", fill(lang, "continuous.gap", &[("e", &scientific(gap))]), t(lang, key))
    };
    html! {
        <div class="linearity-panel">
            <Prose keys={vec!["continuous.linear1", "continuous.linear2"]} />
            <div class="controls">
                <Slider id="continuous-x1" label={t(lang, "continuous.amp1")} value={s.amp1}
                        min={AMPLITUDE_RANGE.0} max={AMPLITUDE_RANGE.1} step={0.1} on_change={edit(|s, v| s.amp1 = v)} />
                <Slider id="continuous-x2" label={t(lang, "continuous.amp2")} value={s.amp2}
                        min={AMPLITUDE_RANGE.0} max={AMPLITUDE_RANGE.1} step={0.1} on_change={edit(|s, v| s.amp2 = v)} />
                <Toggle id="continuous-tanh" label={t(lang, "continuous.tanh_toggle")} checked={s.tanh} on_change={on_tanh} />
            </div>
            <Equation mathml={rule.block()} caption={t(lang, if s.tanh { "continuous.rule_tanh" } else { "continuous.rule_linear" })} />
            <Figure draw={sup_draw} label={t(lang, "continuous.sup_label")} aspect={0.42} />
            <p class={classes!("readout", if holds(sup.max_gap) { "holds" } else { "breaks" })}>
                { verdict(sup.max_gap, "continuous.sup_holds", "continuous.sup_breaks") }
            </p>
            <Prose keys={vec!["continuous.conv1"]} />
            <Figure draw={conv_draw} label={t(lang, "continuous.conv_label")} aspect={0.42} />
            <p class={classes!("readout", if holds(conv.max_gap) { "holds" } else { "breaks" })}>
                { verdict(conv.max_gap, "continuous.conv_holds", "continuous.conv_breaks") }
            </p>
            <Prose keys={vec!["continuous.linear3"]} />
        </div>
    }
}
