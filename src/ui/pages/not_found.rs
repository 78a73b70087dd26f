//! Any unknown route: a friendly page with the way back, never a blank.

use crate::i18n::{fill, t};
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) path: String,
}

#[function_component(NotFound)]
pub(crate) fn not_found(props: &Props) -> Html {
    let lang = use_lang();
    html! {
        <section class="not-found">
            <h1>{ t(lang, "notfound.title") }</h1>
            <p>{ fill(lang, "notfound.body", &[("route", &props.path)]) }</p>
            <p><a class="button primary" href="#/">{ t(lang, "notfound.home") }</a></p>
        </section>
    }
}
