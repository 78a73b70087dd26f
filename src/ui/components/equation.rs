//! An equation: MathML markup from [`crate::mathml`] (which escapes every text), rendered by
//! the browser from Yew nodes ([`math_nodes`]). A long equation scrolls sideways in its own box (a keyboard stop while it does).

use super::math_nodes::math_nodes;
use super::scroll_box::use_scroll_focus;
use crate::i18n::t;
use crate::ui::lang::use_lang;
use crate::ui::present::use_stage;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    /// `<math>` markup made by `crate::mathml`.
    pub(crate) mathml: AttrValue,
    /// A caption under the equation, if any.
    #[prop_or_default]
    pub(crate) caption: AttrValue,
}

#[function_component(Equation)]
pub(crate) fn equation(p: &Props) -> Html {
    let lang = use_lang();
    let node = use_node_ref();
    use_scroll_focus(node.clone(), t(lang, "access.equation").into());
    let scene = use_stage();
    {
        let node = node.clone();
        // On the stage: the scene's equation is the n-th of the panel holding its first figure.
        use_effect(move || {
            let Some(el) = node.cast::<web_sys::Element>() else { return };
            let Some(scene) = scene else {
                let _ = el.remove_attribute("data-stage");
                return;
            };
            let on = match (scene.equation, scene.figures.first()) {
                (Some(n), Some(figure)) => {
                    el.closest("section").ok().flatten().is_some_and(|panel| {
                        let has = panel.query_selector(&format!("[data-figure=\"{figure}\"]"));
                        let nth = panel
                            .query_selector_all(".equation")
                            .ok()
                            .and_then(|all| all.item(n as u32));
                        matches!(has, Ok(Some(_))) && nth.is_some_and(|e| e.is_same_node(Some(&el)))
                    })
                }
                _ => false,
            };
            let _ = el.set_attribute("data-stage", if on { "on" } else { "off" });
        });
    }
    html! {
        <div class="equation" ref={node}>
            <div class="scroll-inner">{ math_nodes(&p.mathml) }</div>
            if !p.caption.is_empty() { <p class="equation-caption">{ p.caption.clone() }</p> }
        </div>
    }
}
