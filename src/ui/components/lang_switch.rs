//! The language switch: each language named in itself, the current one marked.

use crate::i18n::{Lang, t};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) current: Lang,
    pub(crate) on_change: Callback<Lang>,
}

#[function_component(LangSwitch)]
pub(crate) fn lang_switch(props: &Props) -> Html {
    let lang = props.current;
    let buttons = Lang::ALL.iter().map(|&l| {
        let on_change = props.on_change.clone();
        html! {
            <button type="button" lang={l.code()} aria-pressed={(l == lang).to_string()}
                    class={classes!("lang-button", (l == lang).then_some("active"))}
                    onclick={Callback::from(move |_| on_change.emit(l))}>
                { l.endonym() }
            </button>
        }
    });
    html! {
        <div class="lang-switch" role="group" aria-label={t(lang, "lang.label")}>{ for buttons }</div>
    }
}
