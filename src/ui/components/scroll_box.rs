//! A box for something that may be wider than a phone (a table, a diagram, an equation): it
//! scrolls sideways inside the page, and while it does it is a focusable, named group, so a
//! keyboard user can scroll it with the arrow keys and a screen reader says what it holds.

use crate::i18n::t;
use crate::ui::lang::use_lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    pub(crate) children: Html,
    /// What the box holds, read when it is focused; a generic name when empty.
    #[prop_or_default]
    pub(crate) label: AttrValue,
    #[prop_or_default]
    pub(crate) class: Classes,
}

#[function_component(ScrollBox)]
pub(crate) fn scroll_box(p: &Props) -> Html {
    let lang = use_lang();
    let node = use_node_ref();
    let label = if p.label.is_empty() { t(lang, "access.scroll").into() } else { p.label.clone() };
    use_scroll_focus(node.clone(), label);
    html! {
        <div ref={node} class={classes!("scroll", p.class.clone())}>
            <div class="scroll-inner">{ p.children.clone() }</div>
        </div>
    }
}

/// Makes the element behind `node` a keyboard stop (`tabindex=0`, `role=group`, `label`) exactly
/// while its content is wider (or taller) than it. Its first child wraps the content at its own width
/// (`.scroll-inner`), so watching both sizes sees every change: a narrower window, a larger
/// font (presenter mode), new content.
#[hook]
pub(crate) fn use_scroll_focus(node: NodeRef, label: AttrValue) {
    let latest = use_mut_ref(|| label.clone());
    *latest.borrow_mut() = label;
    {
        // A new label (the language) is written at once; sizes are the observer's (reading them
        // after every render would lay the page out again for each box).
        let (node, latest, label) = (node.clone(), latest.clone(), latest.borrow().clone());
        use_effect_with(label, move |_| {
            if let Some(el) = node.cast::<Element>() {
                mark(&el, &latest.borrow());
            }
        });
    }
    use_effect_with((), move |_| {
        let el = node.cast::<Element>();
        let watch = el.clone().and_then(|el| {
            let check = Closure::<dyn Fn()>::new(move || mark(&el, &latest.borrow()));
            ResizeObserver::new(check.as_ref().unchecked_ref()).ok().map(|o| (o, check))
        });
        if let (Some((observer, _)), Some(el)) = (&watch, &el) {
            observer.observe(el);
            if let Some(inner) = el.first_element_child() {
                observer.observe(&inner);
            }
        }
        move || {
            if let Some((observer, _)) = watch {
                observer.disconnect();
            }
        }
    });
}

fn mark(el: &Element, label: &str) {
    // Either way: a box that scrolls sideways also scrolls up and down (`overflow-y` computes to
    // `auto`), e.g. by a pixel under a tall fraction.
    if el.scroll_width() > el.client_width() || el.scroll_height() > el.client_height() {
        for (name, value) in [("tabindex", "0"), ("role", "group"), ("aria-label", label)] {
            if el.get_attribute(name).as_deref() != Some(value) {
                let _ = el.set_attribute(name, value);
            }
        }
    } else {
        for name in ["tabindex", "role", "aria-label"] {
            if el.has_attribute(name) {
                let _ = el.remove_attribute(name);
            }
        }
    }
}
