//! `#/continuous`'s system panel: the preset and input menus, a slider for every entry of A, B,
//! C, D, and the state and output equations with the current numbers.

use super::PanelProps;
use crate::course::continuous::{A_RANGE, GAIN_RANGE, PERIOD_RANGE};
use crate::explain::continuous::{Preset, SignalKind};
use crate::i18n::t;
use crate::ui::components::{Equation, Select, Slider};
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::{output_equation, signal_options, state_equation};
use yew::prelude::*;

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

#[function_component(SystemPanel)]
pub(super) fn system_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let lesson = &p.lesson;
    let s = &lesson.state;
    let preset = s.preset();
    let mut preset_options: Vec<(AttrValue, AttrValue)> = Preset::ALL
        .iter()
        .map(|p| (AttrValue::from(p.name()), AttrValue::from(t(lang, preset_key(*p)))))
        .collect();
    if preset.is_none() {
        preset_options.push(("custom".into(), t(lang, "continuous.preset_custom").into()));
    }
    let on_preset = lesson.parsed(|s, p: Preset| *s = s.with_preset(p));
    let on_input = lesson.parsed(|s, k: SignalKind| s.input = k);
    let slider = |id: String, label: &str, value: f64, range: (f64, f64), on: Callback<f64>| {
        html! {
            <Slider id={id} label={label.to_owned()} value={value} min={range.0} max={range.1}
                    step={0.05} on_change={on} />
        }
    };
    let a_sliders = (0..4).map(|i| {
        let on = lesson.on(move |s, v| s.a[i] = v);
        slider(format!("continuous-a{}{}", i / 2 + 1, i % 2 + 1), A_SYMBOLS[i], s.a[i], A_RANGE, on)
    });
    let b_sliders = (0..2).map(|i| {
        let on = lesson.on(move |s, v| s.b[i] = v);
        slider(format!("continuous-b{}", i + 1), B_SYMBOLS[i], s.b[i], GAIN_RANGE, on)
    });
    let c_sliders = (0..2).map(|i| {
        let on = lesson.on(move |s, v| s.c[i] = v);
        slider(format!("continuous-c{}", i + 1), C_SYMBOLS[i], s.c[i], GAIN_RANGE, on)
    });
    let d_slider = slider("continuous-d".into(), "D", s.d, GAIN_RANGE, lesson.on(|s, v| s.d = v));
    let period_label = if s.input == SignalKind::Tokens {
        t(lang, "continuous.token_length")
    } else {
        t(lang, "continuous.period")
    };
    let sys = &p.model.sys;
    html! {
        <section class="panel">
            <div class="controls">
                <Select id="continuous-preset" label={t(lang, "continuous.preset")} options={preset_options}
                        selected={preset.map_or("custom", Preset::name)} on_change={on_preset} />
                <Select id="continuous-input" label={t(lang, "continuous.input")} options={signal_options(lang, "continuous")}
                        selected={s.input.name()} on_change={on_input} />
                if s.input.uses_period() {
                    <Slider id="continuous-period" label={period_label} value={s.period}
                            min={PERIOD_RANGE.0} max={PERIOD_RANGE.1} step={0.25} unit={t(lang, "unit.seconds")}
                            on_change={lesson.on(|s, v| s.period = v)} />
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
            <Equation mathml={state_equation(sys).block()} caption={t(lang, "continuous.state_eq_caption")} />
            <Equation mathml={output_equation(sys).block()} caption={t(lang, "continuous.output_eq_caption")} />
        </section>
    }
}
