//! The page's training speed beside native code's: steps per second of each worker against the
//! one-thread `bench train-step` times recorded when the shipped checkpoints were made.

use super::runs::Runs;
use crate::format::fixed;
use crate::i18n::fill;
use crate::lm::shipped::native_step_seconds;
use crate::ui::lang::use_lang;
use yew::prelude::*;

/// Props of [`NativeSpeed`].
#[derive(Properties, PartialEq)]
pub(super) struct SpeedProps {
    /// The runs (their measured speeds).
    pub(super) runs: UseReducerHandle<Runs>,
}

/// "Native, one core: S4 a · S6 b steps/s", and once the page has measured its own speed, "here
/// a step of S6 takes k× as long".
#[function_component(NativeSpeed)]
pub(super) fn native_speed(p: &SpeedProps) -> Html {
    let lang = use_lang();
    let Some(native) = native_step_seconds() else { return Html::default() };
    let rates = native.map(|s| 1.0 / s);
    let text = format!("S4 {} · S6 {}", fixed(rates[0], 1), fixed(rates[1], 1));
    // How many times longer a step takes here than natively (S6, the model the lesson is about).
    let ratio = p.runs.models[1].speed().map(|v| rates[1] / v);
    let ratio_text = ratio.map(|r| fill(lang, "train.native_ratio", &[("r", &fixed(r, 1))]));
    html! {
        <p id="train-native" class="readout" data-native-s6={rates[1].to_string()}
           data-ratio={ratio.map_or(String::new(), |r| r.to_string())}>
            { fill(lang, "train.native", &[("v", &text)]) }{ ratio_text.unwrap_or_default() }
        </p>
    }
}
