//! Play / pause / step / back / reset for an animation, with keyboard control while focus is
//! inside: Space plays or pauses, → steps, ← steps back.

use crate::i18n::t;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) playing: bool,
    pub(crate) on_toggle: Callback<()>,
    pub(crate) on_step: Callback<()>,
    #[prop_or_default]
    pub(crate) on_back: Option<Callback<()>>,
    pub(crate) on_reset: Callback<()>,
    /// Where the animation is, e.g. "step 3 / 8".
    #[prop_or_default]
    pub(crate) position: AttrValue,
}

#[function_component(PlayControls)]
pub(crate) fn play_controls(p: &Props) -> Html {
    let lang = use_lang();
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_key = {
        let (toggle, step, back) = (p.on_toggle.clone(), p.on_step.clone(), p.on_back.clone());
        Callback::from(move |e: KeyboardEvent| {
            let handled = match e.key().as_str() {
                " " => {
                    toggle.emit(());
                    true
                }
                "ArrowRight" => {
                    step.emit(());
                    true
                }
                "ArrowLeft" => back.as_ref().map(|b| b.emit(())).is_some(),
                _ => false,
            };
            if handled {
                e.prevent_default();
            }
        })
    };
    html! {
        <div class="play" role="group" data-keys="" onkeydown={on_key} aria-label={t(lang, "controls.keys")}>
            <button type="button" class="primary" onclick={click(&p.on_toggle)} aria-pressed={p.playing.to_string()}>
                { if p.playing { t(lang, "controls.pause") } else { t(lang, "controls.play") } }
            </button>
            if let Some(back) = &p.on_back {
                <button type="button" onclick={click(back)}>{ t(lang, "controls.back") }</button>
            }
            <button type="button" onclick={click(&p.on_step)}>{ t(lang, "controls.step") }</button>
            <button type="button" onclick={click(&p.on_reset)}>{ t(lang, "controls.reset") }</button>
            <span class="play-position" aria-live="polite">{ p.position.clone() }</span>
        </div>
    }
}
