//! Lesson 11, `#/origins`: where state space models come from. A mass–spring–damper and a series
//! RLC circuit, animated from their state space models, with physical sliders mapped live to
//! A, B, C; the same equations as `#/continuous` (and a link there with the same system); the
//! notes' question "where does the SSM come from, and why does Mamba use it?" answered with the
//! system's memory (damping = forgetting) and a short, sourced history.
//!
//! | file         | part                                                      |
//! |--------------|-----------------------------------------------------------|
//! | `model.rs`   | its law and state-space form, and the spring–circuit table  |

mod model;

use super::lti::{
    Run, TimePlots, clock, eigen_draw, eigen_list, error_banner, phase_draw, signal_options,
};
use crate::figures::{
    self,
    origins::{eigen_texts, key, phase_texts, time_texts},
};
use crate::url::Named;
use crate::course::Lesson;
use crate::course::origins::{
    CAPACITANCE, DAMPING, DURATION, INDUCTANCE, MASS, Machine, OriginsLesson, PERIOD, RESISTANCE,
    STIFFNESS,
};
use crate::format::decimal;
use crate::explain::continuous::{Character, Regime, SignalKind, character, memory_time};
use crate::i18n::{Lang, fill, t};
use crate::route::{Route, href_with};
use crate::url::UrlState;
use crate::ssm::{Continuous, SsmError};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Figure, PlayControls, Prose, Question, Select, Slider, TryThis,
};
use crate::ui::hooks::{use_lesson, use_player, use_update_measure};
use crate::ui::lang::use_lang;
use model::{AnalogyTable, ModelPanel};
use num_complex::Complex64;
use std::rc::Rc;
use yew::prelude::*;

/// A physical slider: id, label key, value, range, unit, and the field it sets.
type Field =
    (&'static str, &'static str, f64, (f64, f64), &'static str, fn(&mut OriginsLesson, f64));

/// The three physical sliders of the machine in `s`.
fn physical_fields(s: &OriginsLesson) -> [Field; 3] {
    match s.machine {
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
    }
}

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
    let lesson = use_lesson::<OriginsLesson>(Route::Lesson(Lesson::Origins, None));
    let s = lesson.state.clone();
    use_update_measure("origins", &*s);
    let hover = use_state(|| None::<f64>);
    let params = [s.mass, s.stiffness, s.damping, s.resistance, s.inductance, s.capacitance];
    let model =
        use_memo((s.machine, params.map(f64::to_bits), s.input, s.period.to_bits()), |_| model(&s));
    let edit = |f: fn(&mut OriginsLesson, f64)| lesson.on(f);
    let set_t = lesson.on(|s, v| *s = s.at_time(v));
    let clock = use_player(s.t, clock(DURATION), set_t.clone());
    // Every hook runs before the early return below.
    let eigenvalues = model.as_ref().as_ref().ok().map(|m| m.eigenvalues.clone());
    let eigen_fig = use_memo((eigenvalues, lang), |(eigenvalues, lang)| {
        eigenvalues.clone().map(|e| eigen_draw(e, eigen_texts(*lang)))
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
    let on_machine = lesson.on(|s, name: String| {
        s.machine = if name == "circuit" { Machine::Circuit } else { Machine::Spring };
    });
    let on_input = lesson.parsed(|s, k: SignalKind| s.input = k);
    let fields = physical_fields(&s);
    let sliders = fields.iter().map(|&(id, label, value, (lo, hi), unit, f)| {
        html! {
            <Slider id={id} label={t(lang, label)} value={value} min={lo} max={hi} step={0.05}
                    unit={unit} on_change={edit(f)} />
        }
    });

    // The picture of the machine at time t.
    let picture: DrawFn = {
        let (state, run) = ((*s).clone(), m.run.clone());
        Rc::new(move |area, theme| figures::origins::picture(area, theme, lang, &state, &run))
    };
    let phase = phase_draw(
        m.sys.clone(),
        m.run.clone(),
        s.t,
        *hover,
        phase_texts(lang, machine),
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
                    <Figure id="origins/picture" draw={picture} label={k("picture_label")} aspect={0.36} />
                </div>
                <div class="controls">
                    <PlayControls player={clock.clone()}
                        position={fill(lang, "origins.position", &[("t", &format!("{:.2}", s.t)), ("n", &decimal(DURATION))])} />
                    <Slider id="origins-t" label={t(lang, "origins.time")} value={s.t} min={0.0} max={DURATION}
                            step={0.025} unit={t(lang, "unit.seconds")} on_change={set_t} />
                </div>
                <Banner kind={BannerKind::Info} text={regime_text(lang, &m.character)} />
                <div class="row">
                    <div class="phase-box" tabindex="0" data-keys="" onkeydown={clock.on_key.clone()}
                         aria-label={t(lang, "origins.keys_hint")}>
                        <Figure id="origins/phase" draw={phase} label={k("phase_label")} aspect={0.9} />
                    </div>
                    <TimePlots lesson="origins" run={m.run.clone()} marker={(*hover).or(Some(s.t))} on_hover={on_hover}
                               texts={Rc::new(time_texts(lang, machine))} limit={None::<(f64, f64)>} />
                </div>
                <p class="hint">{ t(lang, "origins.hover_hint") }</p>
            </section>
            <Prose keys={vec![if machine == Machine::Spring { "origins.model_spring" } else { "origins.model_circuit" }]} />
            <ModelPanel machine={machine} sys={m.sys.clone()} link={link.ok()} />
            <Prose keys={vec!["origins.analogy"]} />
            <AnalogyTable />
            <Question question="origins.q">
                <div class="memory-panel">
                    <Prose keys={vec!["origins.answer1"]} />
                    <div class="row">
                        <Figure id="origins/eigen" draw={eigen_fig} label={t(lang, "origins.eig_label")} aspect={0.75}
                    summary={eigen_list(&m.eigenvalues)} />
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
