//! Labelled form controls: a slider with its live value and − / + buttons, a select, a toggle,
//! a line of text. Each is reachable by keyboard (they are native inputs) and labelled for
//! screen readers.

use crate::i18n::fill;
use crate::ui::lang::use_lang;
use crate::ui::present::use_control_stage;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn input_of(e: &Event) -> Option<HtmlInputElement> {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
}

#[derive(Properties, PartialEq)]
pub(crate) struct SliderProps {
    /// Unique id in the page (the label points at it; tests find the control by it).
    pub(crate) id: AttrValue,
    pub(crate) label: AttrValue,
    pub(crate) value: f64,
    pub(crate) min: f64,
    pub(crate) max: f64,
    pub(crate) step: f64,
    /// Digits after the point in the shown value.
    #[prop_or(2)]
    pub(crate) digits: usize,
    /// Unit shown after the value, if any.
    #[prop_or_default]
    pub(crate) unit: AttrValue,
    /// Text shown (and read to screen readers) instead of the value, e.g. the real value of a
    /// slider that moves along a logarithmic scale.
    #[prop_or_default]
    pub(crate) shown: Option<AttrValue>,
    pub(crate) on_change: Callback<f64>,
}

#[function_component(Slider)]
pub(crate) fn slider(p: &SliderProps) -> Html {
    let stage = use_control_stage(&p.id);
    let on_input = {
        let on_change = p.on_change.clone();
        let (min, max) = (p.min, p.max);
        Callback::from(move |e: InputEvent| {
            let value = input_of(&e).and_then(|i| i.value().parse::<f64>().ok());
            if let Some(v) = value.filter(|v| v.is_finite()) {
                on_change.emit(v.clamp(min, max));
            }
        })
    };
    // − and + move one step, on the slider's grid (a fine step where 200 steps share a few
    // centimetres of a phone). They are for fingers and pointers: the keyboard has the arrows.
    let nudge = |dir: f64| {
        let (on_change, (min, max, step, value)) =
            (p.on_change.clone(), (p.min, p.max, p.step, p.value));
        Callback::from(move |_: MouseEvent| {
            let steps = ((value - min) / step).round() + dir;
            on_change.emit((min + steps * step).clamp(min, max));
        })
    };
    let lang = use_lang();
    let named = |key: &str| fill(lang, key, &[("label", &p.label)]);
    let shown = match &p.shown {
        Some(text) => text.to_string(),
        None => crate::format::fixed(p.value, p.digits),
    };
    html! {
        <div class="control slider" data-stage={stage}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <button type="button" class="nudge" tabindex="-1" aria-label={named("access.less")}
                    disabled={p.value <= p.min} onclick={nudge(-1.0)}>{ "−" }</button>
            <input type="range" id={p.id.clone()} min={p.min.to_string()} max={p.max.to_string()}
                   step={p.step.to_string()} value={p.value.to_string()} oninput={on_input}
                   aria-valuetext={p.shown.clone()} />
            <output for={p.id.clone()}>{ shown }{ if p.unit.is_empty() { String::new() } else { format!(" {}", p.unit) } }</output>
            <button type="button" class="nudge" tabindex="-1" aria-label={named("access.more")}
                    disabled={p.value >= p.max} onclick={nudge(1.0)}>{ "+" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct LogSliderProps {
    pub(crate) id: AttrValue,
    pub(crate) label: AttrValue,
    /// The value (> 0).
    pub(crate) value: f64,
    /// The positive range (lo, hi).
    pub(crate) range: (f64, f64),
    /// The value as shown.
    pub(crate) shown: AttrValue,
    pub(crate) on_change: Callback<f64>,
}

/// A [`Slider`] along log₁₀ of a positive value that stops at round values
/// ([`crate::format::log_stops`]): moving it lands on 0.5, never on 0.501.
#[function_component(LogSlider)]
pub(crate) fn log_slider(p: &LogSliderProps) -> Html {
    let (lo, hi) = p.range;
    let stops = use_memo((lo.to_bits(), hi.to_bits()), move |_| crate::format::log_stops(lo, hi));
    let to_value = {
        let (on_change, current) = (p.on_change.clone(), p.value);
        Callback::from(move |position: f64| {
            on_change.emit(crate::format::snap_to_stop(&stops, 10f64.powf(position), current));
        })
    };
    html! {
        <Slider id={p.id.clone()} label={p.label.clone()} value={p.value.log10()} min={lo.log10()}
                max={hi.log10()} step={0.01} shown={Some(p.shown.clone())} on_change={to_value} />
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct SelectProps {
    pub(crate) id: AttrValue,
    pub(crate) label: AttrValue,
    /// (value, shown text) pairs.
    pub(crate) options: Vec<(AttrValue, AttrValue)>,
    pub(crate) selected: AttrValue,
    pub(crate) on_change: Callback<String>,
}

#[function_component(Select)]
pub(crate) fn select(p: &SelectProps) -> Html {
    let stage = use_control_stage(&p.id);
    let on_change = {
        let cb = p.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                cb.emit(s.value());
            }
        })
    };
    let options = p.options.iter().map(|(value, text)| {
        html! { <option value={value.clone()} selected={*value == p.selected}>{ text.clone() }</option> }
    });
    html! {
        <div class="control select" data-stage={stage}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <select id={p.id.clone()} onchange={on_change}>{ for options }</select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct ToggleProps {
    pub(crate) id: AttrValue,
    pub(crate) label: AttrValue,
    pub(crate) checked: bool,
    pub(crate) on_change: Callback<bool>,
}

#[function_component(Toggle)]
pub(crate) fn toggle(p: &ToggleProps) -> Html {
    let stage = use_control_stage(&p.id);
    let on_change = {
        let cb = p.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = input_of(&e) {
                cb.emit(i.checked());
            }
        })
    };
    html! {
        <div class="control toggle" data-stage={stage}>
            <input type="checkbox" id={p.id.clone()} checked={p.checked} onchange={on_change} />
            <label for={p.id.clone()}>{ p.label.clone() }</label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct TextFieldProps {
    pub(crate) id: AttrValue,
    pub(crate) label: AttrValue,
    pub(crate) value: AttrValue,
    /// Most characters the field accepts.
    pub(crate) max_length: usize,
    /// Called with the text after each edit. (Yew writes `value` back only when it differs
    /// from the field's, so an input method's composition, as in Korean, is not disturbed.)
    pub(crate) on_change: Callback<String>,
}

#[function_component(TextField)]
pub(crate) fn text_field(p: &TextFieldProps) -> Html {
    let stage = use_control_stage(&p.id);
    let on_input = {
        let cb = p.on_change.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = input_of(&e) {
                cb.emit(i.value());
            }
        })
    };
    html! {
        <div class="control text" data-stage={stage}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <input type="text" id={p.id.clone()} value={p.value.clone()} maxlength={p.max_length.to_string()}
                   spellcheck="false" autocomplete="off" oninput={on_input} />
        </div>
    }
}
