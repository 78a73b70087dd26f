//! Play / pause / step / back / reset buttons for a [`Player`], with keyboard control while
//! focus is inside: Space plays or pauses, → steps, ← steps back.

use crate::i18n::t;
use crate::ui::hooks::Player;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) player: Player,
    /// Where the animation is, e.g. "step 3 / 8".
    #[prop_or_default]
    pub(crate) position: AttrValue,
}

#[function_component(PlayControls)]
pub(crate) fn play_controls(p: &Props) -> Html {
    let lang = use_lang();
    let player = &p.player;
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="play" role="group" data-keys="" onkeydown={player.on_key.clone()} aria-label={t(lang, "controls.keys")}>
            <button type="button" class="primary" onclick={click(&player.toggle)} aria-pressed={player.playing.to_string()}>
                { if player.playing { t(lang, "controls.pause") } else { t(lang, "controls.play") } }
            </button>
            <button type="button" onclick={click(&player.back)}>{ t(lang, "controls.back") }</button>
            <button type="button" onclick={click(&player.forward)}>{ t(lang, "controls.step") }</button>
            <button type="button" onclick={click(&player.reset)}>{ t(lang, "controls.reset") }</button>
            <span class="play-position" aria-live="polite">{ p.position.clone() }</span>
        </div>
    }
}
