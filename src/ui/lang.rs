//! Which language the app speaks: `?lang=ko|en` in the address, else the one remembered in
//! local storage, else the browser's; switching rewrites `?lang=` and keeps the route.

use super::dom;
use crate::i18n::Lang;
use yew::prelude::*;

const STORAGE_KEY: &str = "mamba-explainer.lang";

/// The language to start in.
pub(crate) fn initial() -> Lang {
    dom::search_param("lang")
        .and_then(|c| Lang::from_code(&c))
        .or_else(|| dom::storage_get(STORAGE_KEY).and_then(|c| Lang::from_code(&c)))
        .or_else(|| dom::window().navigator().language().and_then(|c| Lang::from_code(&c)))
        .unwrap_or_default()
}

/// Remembers `lang`, writes it into the address (keeping path and hash) and the `<html lang>`.
pub(crate) fn apply(lang: Lang) {
    dom::storage_set(STORAGE_KEY, lang.code());
    let location = dom::window().location();
    // Other parameters (presenter mode's `present` and `scene`) are kept.
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        dom::search_with(&[("lang", Some(lang.code()))]),
        location.hash().unwrap_or_default()
    );
    if dom::search_param("lang").as_deref() != Some(lang.code()) {
        dom::replace_url(&url);
    }
    if let Some(html) = dom::document().document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    super::panic::set_lang(lang);
}

/// The current language, provided by the shell.
#[hook]
pub(crate) fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
