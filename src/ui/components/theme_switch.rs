//! The dark-theme switch in the header: a toggle button, pressed when the page is dark.

use crate::i18n::{Lang, t};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) lang: Lang,
    /// Whether the page is dark now (chosen or from the system).
    pub(crate) dark: bool,
    /// Called with the new choice (`true`: dark).
    pub(crate) on_change: Callback<bool>,
}

#[function_component(ThemeSwitch)]
pub(crate) fn theme_switch(p: &Props) -> Html {
    let (dark, on_change) = (p.dark, p.on_change.clone());
    html! {
        <button type="button" class="theme-button" aria-pressed={dark.to_string()}
                title={t(p.lang, "theme.hint")}
                onclick={Callback::from(move |_| on_change.emit(!dark))}>
            <span aria-hidden="true">{ if dark { "☾ " } else { "☀ " } }</span>
            { t(p.lang, "theme.dark") }
        </button>
    }
}
