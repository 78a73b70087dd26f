//! Lesson 11, `#/origins`: where state space models come from. A mass–spring–damper and a series
//! RLC circuit, animated from their state space models, with physical sliders mapped live to
//! A, B, C; the same equations as `#/continuous` (and a link there with the same system); the
//! notes' question "where does the SSM come from, and why does Mamba use it?" answered with the
//! system's memory (damping = forgetting) and a short, sourced history.

use super::lti::{
    EigenTexts, PhaseTexts, Run, TimePlots, TimeTexts, editor, eigen_draw, eigen_list,
    error_banner, output_equation, phase_draw, signal_chooser, signal_options, state_equation,
    use_clock,
};
use crate::course::Lesson;
use crate::course::origins::{
    CAPACITANCE, DAMPING, DURATION, INDUCTANCE, MASS, Machine, OriginsLesson, PERIOD, RESISTANCE,
    STIFFNESS,
};
use crate::course::readout::decimal;
use crate::explain::continuous::{Character, Regime, SignalKind, character, memory_time};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, dot, frac, mi, mo, row};
use crate::plot::{CircuitScene, SpringScene, circuit_picture, spring_picture};
use crate::route::{Route, UrlState, href_with};
use crate::ssm::{Continuous, SsmError};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, PlayControls, Prose, Question, Select, Slider,
    TryThis,
};
use crate::ui::hooks::{use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use num_complex::Complex64;
use std::rc::Rc;
use yew::prelude::*;

/// Everything computed from the physical system and its input.
#[derive(Clone, PartialEq)]
struct Model {
    sys: Rc<Continuous>,
    run: Rc<Run>,
    eigenvalues: Vec<Complex64>,
    character: Character,
    /// Seconds until a kick has faded to 1 %; `None` if it never fades.
    memory: Option<f64>,
}

fn model(s: &OriginsLesson) -> Result<Model, SsmError> {
    let sys = s.system()?;
    let run = Run::new(&sys, s.sampled()?)?;
    Ok(Model {
        eigenvalues: sys.eigenvalues()?,
        character: character(&sys)?,
        memory: memory_time(&sys, 0.01)?,
        sys: Rc::new(sys),
        run: Rc::new(run),
    })
}

/// The catalogue key of a text that differs between the spring and the circuit.
fn key(machine: Machine, name: &str) -> String {
    format!("origins.{}_{name}", machine.name())
}

fn time_texts(lang: Lang, machine: Machine) -> Rc<TimeTexts> {
    let k = |name: &str| t(lang, &key(machine, name));
    Rc::new(TimeTexts {
        time_axis: t(lang, "origins.axis_time"),
        input_axis: k("axis_input"),
        input_legend: k("legend_input"),
        impulse_legend: t(lang, "origins.legend_impulse"),
        state_axis: k("axis_state"),
        h1_legend: k("legend_h1"),
        h2_legend: k("legend_h2"),
        output_axis: k("axis_output"),
        input_label: k("fig_input"),
        state_label: k("fig_state"),
        output_label: k("fig_output"),
    })
}

/// The symbolic state space form of the physical law, e.g. A = [[0, 1], [−k/m, −c/m]].
fn symbolic_form(machine: Machine) -> Math {
    let (h1, h2, mass, spring, damper) = match machine {
        Machine::Spring => ("p", "v", mi("m"), mi("k"), mi("c")),
        Machine::Circuit => ("q", "i", mi("L"), row([mo("1"), mo("/"), mi("C")]), mi("R")),
    };
    let neg_frac = |num: Math, den: Math| row([mo("−"), frac(num, den)]);
    let a = Math::Table(vec![
        vec![Math::Number("0".into()), Math::Number("1".into())],
        vec![neg_frac(spring, mass.clone()), neg_frac(damper, mass.clone())],
    ]);
    let b = Math::Table(vec![
        vec![Math::Number("0".into())],
        vec![frac(Math::Number("1".into()), mass)],
    ]);
    let state = Math::Table(vec![vec![mi(h1)], vec![mi(h2)]]);
    let rates = Math::Table(vec![vec![dot(mi(h1))], vec![dot(mi(h2))]]);
    row([rates, mo("="), a, state, mo("+"), b, mi("x")])
}

/// The physical law as written in physics: m p̈ = −k p − c ṗ + x, or L q̈ = −q/C − R q̇ + x.
fn physical_law(machine: Machine) -> Math {
    let second = |v: &str| Math::Over(Box::new(mi(v)), "¨".into());
    match machine {
        Machine::Spring => row([
            mi("m"),
            second("p"),
            mo("="),
            mo("−"),
            mi("k"),
            mi("p"),
            mo("−"),
            mi("c"),
            dot(mi("p")),
            mo("+"),
            mi("x"),
        ]),
        Machine::Circuit => row([
            mi("L"),
            second("q"),
            mo("="),
            mo("−"),
            frac(mi("q"), mi("C")),
            mo("−"),
            mi("R"),
            dot(mi("q")),
            mo("+"),
            mi("x"),
        ]),
    }
}

/// The info banner naming the regime.
fn regime_text(lang: Lang, ch: &Character) -> String {
    let z = ch.damping_ratio.map(decimal).unwrap_or_default();
    let w = ch.natural_frequency.map(decimal).unwrap_or_default();
    let key = match ch.regime {
        Regime::Underdamped => "origins.regime_under",
        Regime::CriticallyDamped => "origins.regime_critical",
        Regime::Overdamped => "origins.regime_over",
        Regime::Undamped => "origins.regime_undamped",
        Regime::Marginal | Regime::Unstable => "origins.regime_other",
    };
    fill(lang, key, &[("z", &z), ("w", &w)])
}

#[function_component(OriginsLessonView)]
pub(crate) fn origins_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<OriginsLesson>(Route::Lesson(Lesson::Origins, None));
    use_update_measure("origins", &*s);
    let hover = use_state(|| None::<f64>);
    let params = [s.mass, s.stiffness, s.damping, s.resistance, s.inductance, s.capacitance];
    let model =
        use_memo((s.machine, params.map(f64::to_bits), s.input, s.period.to_bits()), |_| model(&s));
    let edit = |f: fn(&mut OriginsLesson, f64)| editor(&s, &set, f);
    let set_t = edit(|s, v| *s = s.at_time(v));
    let clock = use_clock(s.t, DURATION, set_t.clone());
    // Every hook runs before the early return below.
    let eigenvalues = model.as_ref().as_ref().ok().map(|m| m.eigenvalues.clone());
    let eigen_fig = use_memo((eigenvalues, lang), |(eigenvalues, lang)| {
        let texts = EigenTexts {
            axes: (t(*lang, "origins.eig_axis_re"), t(*lang, "origins.eig_axis_im")),
            regions: (t(*lang, "origins.region_stable"), t(*lang, "origins.region_unstable")),
        };
        eigenvalues.clone().map(|e| eigen_draw(e, texts))
    });
    let (m, eigen_fig) = match (&*model, &*eigen_fig) {
        (Ok(m), Some(fig)) => (m.clone(), fig.clone()),
        (Err(e), _) => return error_banner(lang, "origins.error", e),
        (Ok(_), None) => return html! {},
    };
    let machine = s.machine;
    let k = |name: &str| t(lang, &key(machine, name));

    // Controls.
    let machines: Vec<(AttrValue, AttrValue)> = Machine::ALL
        .iter()
        .map(|m| (AttrValue::from(m.name()), AttrValue::from(t(lang, &key(*m, "name")))))
        .collect();
    let on_machine = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |name: String| {
            let machine = if name == "circuit" { Machine::Circuit } else { Machine::Spring };
            set.emit(OriginsLesson { machine, ..(*s).clone() });
        })
    };
    let on_input = signal_chooser(&s, &set, |s, k| s.input = k);
    type Field =
        (&'static str, &'static str, f64, (f64, f64), &'static str, fn(&mut OriginsLesson, f64));
    let fields: [Field; 3] = match machine {
        Machine::Spring => [
            ("origins-mass", "origins.mass", s.mass, MASS, "kg", |s, v| s.mass = v),
            ("origins-stiffness", "origins.stiffness", s.stiffness, STIFFNESS, "N/m", |s, v| {
                s.stiffness = v
            }),
            ("origins-damping", "origins.damping", s.damping, DAMPING, "N·s/m", |s, v| {
                s.damping = v
            }),
        ],
        Machine::Circuit => [
            ("origins-inductance", "origins.inductance", s.inductance, INDUCTANCE, "H", |s, v| {
                s.inductance = v
            }),
            ("origins-resistance", "origins.resistance", s.resistance, RESISTANCE, "Ω", |s, v| {
                s.resistance = v
            }),
            (
                "origins-capacitance",
                "origins.capacitance",
                s.capacitance,
                CAPACITANCE,
                "F",
                |s, v| s.capacitance = v,
            ),
        ],
    };
    let sliders = fields.iter().map(|&(id, label, value, (lo, hi), unit, f)| {
        html! {
            <Slider id={id} label={t(lang, label)} value={value} min={lo} max={hi} step={0.05}
                    unit={unit} on_change={edit(f)} />
        }
    });

    // The picture of the machine at time t.
    let j = m.run.response.index_at(s.t);
    let (h, x) = (m.run.point(j), m.run.input_at(s.t));
    let picture: DrawFn = {
        let run = m.run.clone();
        let values = [s.mass, s.stiffness, s.damping, s.inductance, s.resistance, s.capacitance];
        let labels: Vec<String> = match machine {
            Machine::Spring => vec![
                fill(lang, "origins.label_mass", &[("v", &decimal(values[0]))]),
                fill(lang, "origins.label_stiffness", &[("v", &decimal(values[1]))]),
                fill(lang, "origins.label_damping", &[("v", &decimal(values[2]))]),
                fill(lang, "origins.label_force", &[("v", &decimal(x))]),
            ],
            Machine::Circuit => vec![
                fill(lang, "origins.label_source", &[("v", &decimal(x))]),
                fill(lang, "origins.label_resistance", &[("v", &decimal(values[4]))]),
                fill(lang, "origins.label_inductance", &[("v", &decimal(values[3]))]),
                fill(lang, "origins.label_capacitance", &[("v", &decimal(values[5]))]),
                fill(lang, "origins.label_current", &[("v", &decimal(h.1))]),
            ],
        };
        let (axis, rest) = (t(lang, "origins.spring_axis_position"), t(lang, "origins.rest"));
        Rc::new(move |area, theme| {
            let points = run.points();
            let extent = |f: fn(&(f64, f64)) -> f64| {
                points
                    .iter()
                    .map(f)
                    .filter(|v| v.is_finite())
                    .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
            };
            match machine {
                Machine::Spring => {
                    let scene = SpringScene {
                        position: h.0,
                        force: x,
                        range: extent(|p| p.0),
                        axis,
                        labels: [
                            labels[0].as_str(),
                            labels[1].as_str(),
                            labels[2].as_str(),
                            labels[3].as_str(),
                        ],
                        rest,
                    };
                    spring_picture(area, &scene, theme).map(|_| None)
                }
                Machine::Circuit => {
                    let (q, i) = (extent(|p| p.0), extent(|p| p.1));
                    let scene = CircuitScene {
                        charge: h.0,
                        current: h.1,
                        source: x,
                        scale: (q.0.abs().max(q.1.abs()), i.0.abs().max(i.1.abs())),
                        labels: [
                            labels[0].as_str(),
                            labels[1].as_str(),
                            labels[2].as_str(),
                            labels[3].as_str(),
                        ],
                        current_label: labels[4].as_str(),
                    };
                    circuit_picture(area, &scene, theme).map(|_| None)
                }
            }
        })
    };
    let phase = phase_draw(
        m.sys.clone(),
        m.run.clone(),
        s.t,
        *hover,
        PhaseTexts {
            axes: (k("phase_h1"), k("phase_h2")),
            path: t(lang, "origins.phase_path"),
            now: t(lang, "origins.phase_now"),
            rate: t(lang, "origins.phase_rate"),
            equilibrium: t(lang, "origins.phase_equilibrium"),
        },
        f64::INFINITY,
    );
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |v: Option<f64>| hover.set(v))
    };
    let memory = match m.memory {
        Some(seconds) => fill(lang, "origins.memory", &[("s", &decimal(seconds))]),
        None => t(lang, "origins.memory_forever").to_owned(),
    };
    let link = s
        .in_continuous_lesson()
        .map(|c| href_with(&Route::Lesson(Lesson::Continuous, None), &c.to_query()));
    let state_vector = match machine {
        Machine::Spring => column_of(&["p", "v"]),
        Machine::Circuit => column_of(&["q", "i"]),
    };

    html! {
        <>
            <Prose keys={vec!["origins.intro1", "origins.intro2"]} />
            <section class="panel">
                <div class="controls">
                    <Select id="origins-system" label={t(lang, "origins.system")} options={machines}
                            selected={machine.name()} on_change={on_machine} />
                    <Select id="origins-input" label={k("input")} options={signal_options(lang, "origins")}
                            selected={s.input.name()} on_change={on_input} />
                    if s.input.uses_period() {
                        <Slider id="origins-period" label={t(lang, if s.input == SignalKind::Tokens { "origins.token_length" } else { "origins.period" })}
                                value={s.period} min={PERIOD.0} max={PERIOD.1} step={0.25} unit={t(lang, "unit.seconds")}
                                on_change={edit(|s, v| s.period = v)} />
                    }
                </div>
                <fieldset class="physical">
                    <legend>{ k("parameters") }</legend>
                    { for sliders }
                </fieldset>
                <div class="machine-box" tabindex="0" data-keys="" onkeydown={clock.on_key.clone()}
                     aria-label={t(lang, "origins.keys_hint")}>
                    <Figure draw={picture} label={k("picture_label")} aspect={0.36} />
                </div>
                <div class="controls">
                    <PlayControls playing={clock.playing} on_toggle={clock.toggle.clone()} on_step={clock.forward.clone()}
                        on_back={Some(clock.back.clone())} on_reset={clock.reset.clone()}
                        position={fill(lang, "origins.position", &[("t", &format!("{:.2}", s.t)), ("n", &decimal(DURATION))])} />
                    <Slider id="origins-t" label={t(lang, "origins.time")} value={s.t} min={0.0} max={DURATION}
                            step={0.025} unit={t(lang, "unit.seconds")} on_change={set_t} />
                </div>
                <Banner kind={BannerKind::Info} text={regime_text(lang, &m.character)} />
                <div class="row">
                    <div class="phase-box" tabindex="0" data-keys="" onkeydown={clock.on_key.clone()}
                         aria-label={t(lang, "origins.keys_hint")}>
                        <Figure draw={phase} label={k("phase_label")} aspect={0.9} />
                    </div>
                    <TimePlots run={m.run.clone()} marker={(*hover).or(Some(s.t))} on_hover={on_hover}
                               texts={time_texts(lang, machine)} limit={None::<(f64, f64)>} />
                </div>
                <p class="hint">{ t(lang, "origins.hover_hint") }</p>
            </section>
            <Prose keys={vec![if machine == Machine::Spring { "origins.model_spring" } else { "origins.model_circuit" }]} />
            <section class="panel">
                <Equation mathml={physical_law(machine).block()} caption={k("law_caption")} />
                <Equation mathml={row([mi("h"), mo("="), state_vector]).block()} caption={k("state_caption")} />
                <Equation mathml={symbolic_form(machine).block()} caption={t(lang, "origins.symbolic_caption")} />
                <Equation mathml={state_equation(&m.sys).block()} caption={t(lang, "origins.live_caption")} />
                <Equation mathml={output_equation(&m.sys).block()} caption={k("output_caption")} />
                if let Ok(href) = link {
                    <p><a href={href} class="button">{ t(lang, "origins.open_continuous") }</a></p>
                }
            </section>
            <Prose keys={vec!["origins.analogy"]} />
            <table class="data analogy">
                <thead><tr><th>{ t(lang, "origins.table_role") }</th><th>{ t(lang, "origins.spring_name") }</th><th>{ t(lang, "origins.circuit_name") }</th></tr></thead>
                <tbody>
                    { for ["state1", "state2", "input", "inertia", "friction", "stiffness"].iter().map(|row_key| html! {
                        <tr>
                            <td>{ t(lang, &format!("origins.table_{row_key}")) }</td>
                            <td>{ t(lang, &format!("origins.table_{row_key}_spring")) }</td>
                            <td>{ t(lang, &format!("origins.table_{row_key}_circuit")) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <Question question="origins.q">
                <div class="memory-panel">
                    <Prose keys={vec!["origins.answer1"]} />
                    <div class="row">
                        <Figure draw={eigen_fig} label={t(lang, "origins.eig_label")} aspect={0.75} />
                        <div class="eigen-readout">
                            <p class="readout">{ eigen_list(&m.eigenvalues) }</p>
                            <p class="readout">{ memory }</p>
                            <p>{ t(lang, "origins.memory_hint") }</p>
                        </div>
                    </div>
                    <Prose keys={vec!["origins.answer2", "origins.answer3", "origins.answer4"]} />
                </div>
            </Question>
            <section class="history">
                <h2>{ t(lang, "origins.history_title") }</h2>
                <dl>
                    { for (1..=7).map(|i| html! {
                        <>
                            <dt>{ t(lang, &format!("origins.history{i}_when")) }</dt>
                            <dd>{ t(lang, &format!("origins.history{i}")) }</dd>
                        </>
                    }) }
                </dl>
            </section>
            <TryThis keys={vec!["origins.try1", "origins.try2", "origins.try3", "origins.try4"]} />
        </>
    }
}

/// A column of symbols, e.g. (p, v).
fn column_of(names: &[&str]) -> Math {
    Math::Table(names.iter().map(|n| vec![mi(n)]).collect())
}
