//! Decks in the page: "Add to deck" stores the view shown (lesson, state, caption) in local
//! storage; `#/deck` lists the views (reorder, remove, rename, title), presents them like a
//! tour (`?present=deck&scene=N`, see `session`), and gives the deck as one shareable address
//! (`#/deck?title=…&v1=…`, see `course::tour::deck`), which opens this page with that deck.

use crate::course::Lesson;
use crate::course::tour::{Deck, DeckView, Stop};
use crate::i18n::t;
use crate::route::Route;
use crate::ui::components::TextField;
use crate::ui::dom;
use crate::ui::hooks::HashContext;
use crate::ui::lang::use_lang;
use crate::url::Query;
use yew::prelude::*;

const KEY: &str = "mx-deck";

/// The deck kept in local storage (empty if none).
pub(super) fn stored() -> Deck {
    dom::storage_get(KEY)
        .map(|text| Deck::from_query(&Query::from_hash(&format!("?{text}"))))
        .unwrap_or_default()
}

fn store(deck: &Deck) {
    dom::storage_set(KEY, &deck.to_query().encode());
}

/// The address that presents the stored deck from its view `i` (a fresh load: the mode is read
/// from the search).
fn present_href(i: usize, v: &DeckView) -> String {
    format!("?present=deck&scene={}#/{}?{}", i + 1, v.lesson.slug(), v.query)
}

#[derive(Properties, PartialEq)]
pub(crate) struct AddProps {
    /// The scene shown, in presenter mode (its caption becomes the view's).
    #[prop_or_default]
    pub(crate) stop: Option<Stop>,
    /// The lesson shown, on a normal page.
    #[prop_or_default]
    pub(crate) lesson: Option<Lesson>,
}

/// "Add to deck": stores the view shown now, with the current state from the address.
#[function_component(AddToDeck)]
pub(crate) fn add_to_deck(p: &AddProps) -> Html {
    let lang = use_lang();
    let added = use_state(|| false);
    let (stop, lesson) = (p.stop, p.lesson.or(p.stop.map(|s| s.lesson)));
    let onclick = {
        let added = added.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(lesson) = lesson else { return };
            let hash = dom::hash();
            let query = hash.split_once('?').map(|(_, q)| q).unwrap_or("");
            let caption = match stop {
                Some(s) => t(lang, &s.key("caption")),
                None => t(lang, &format!("{}.title", lesson.slug())),
            };
            let state = Query::from_hash(&format!("?{query}"));
            let mut deck = stored();
            deck.views.push(DeckView {
                lesson,
                query: state.encode(),
                caption: caption.to_owned(),
            });
            store(&deck);
            added.set(true);
        })
    };
    html! {
        <button type="button" class="add-to-deck" onclick={onclick} aria-live="polite">
            { t(lang, if *added { "present.added" } else { "present.add" }) }
        </button>
    }
}

/// `#/deck`: the deck from the address if it carries one (then kept locally), else the stored one.
#[function_component(DeckPage)]
pub(crate) fn deck_page() -> Html {
    let lang = use_lang();
    let hash = use_context::<HashContext>().map(|h| h.0).unwrap_or_else(dom::hash);
    let deck = use_state(|| {
        let shared = Deck::from_query(&Query::from_hash(&hash));
        if shared.views.is_empty() && shared.title.is_empty() {
            stored()
        } else {
            // A shared deck becomes this browser's deck, so that it can be presented.
            store(&shared);
            shared
        }
    });
    let update = {
        let deck = deck.clone();
        move |f: Box<dyn Fn(Deck) -> Deck>| {
            let next = f((*deck).clone());
            store(&next);
            deck.set(next);
        }
    };
    let on_title = {
        let update = update.clone();
        Callback::from(move |title: String| {
            update(Box::new(move |d| Deck { title: title.clone(), ..d }))
        })
    };
    let link = {
        let location = dom::window().location();
        format!(
            "{}{}#/deck?{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            deck.to_query().encode()
        )
    };
    let rows = deck.views.iter().enumerate().map(|(i, v)| {
        let act = |f: Box<dyn Fn(Deck) -> Deck>| {
            let (update, f) = (update.clone(), std::rc::Rc::new(f));
            Callback::from(move |_: MouseEvent| {
                let f = f.clone();
                update(Box::new(move |d| f(d)))
            })
        };
        let rename = {
            let update = update.clone();
            Callback::from(move |caption: String| {
                update(Box::new(move |mut d: Deck| {
                    if let Some(v) = d.views.get_mut(i) {
                        v.caption = caption.clone();
                    }
                    d
                }))
            })
        };
        let href = present_href(i, v);
        html! {
            <li class="deck-view">
                <a href={href}>{ t(lang, &format!("{}.title", v.lesson.slug())) }</a>
                <TextField id={format!("deck-caption-{i}")} label={t(lang, "present.caption")}
                           value={v.caption.clone()} max_length={200} on_change={rename} />
                <button type="button" onclick={act(Box::new(move |d: Deck| d.moved(i, -1)))}
                        aria-label={t(lang, "present.up")}>{ "↑" }</button>
                <button type="button" onclick={act(Box::new(move |d: Deck| d.moved(i, 1)))}
                        aria-label={t(lang, "present.down")}>{ "↓" }</button>
                <button type="button" onclick={act(Box::new(move |mut d: Deck| { if i < d.views.len() { d.views.remove(i); } d }))}>
                    { t(lang, "present.remove") }</button>
            </li>
        }
    });
    html! {
        <article class="deck">
            <h1>{ t(lang, "present.deck") }</h1>
            <TextField id="deck-title" label={t(lang, "present.deck_title")} value={deck.title.clone()}
                       max_length={120} on_change={on_title} />
            if deck.views.is_empty() {
                <p class="hint">{ t(lang, "present.deck_empty") }</p>
            }
            <ol class="deck-views">{ for rows }</ol>
            if let Some(first) = deck.views.first() {
                <p><a class="button primary deck-present" href={present_href(0, first)}>{ t(lang, "present.present_deck") }</a></p>
            }
            <p class="deck-share">
                <label for="deck-link">{ t(lang, "present.share") }</label>
                <input id="deck-link" type="text" readonly=true value={link} />
            </p>
            <p><a href={Route::Home.href()}>{ t(lang, "notfound.home") }</a></p>
        </article>
    }
}
