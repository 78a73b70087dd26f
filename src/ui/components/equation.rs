//! An equation: MathML markup from [`crate::mathml`] (which escapes every text), rendered by
//! the browser. A long equation scrolls sideways in its own box (a keyboard stop while it does).

use super::scroll_box::use_scroll_focus;
use crate::i18n::t;
use crate::ui::lang::use_lang;
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
    html! {
        <div class="equation" ref={node}>
            <div class="scroll-inner">{ Html::from_html_unchecked(p.mathml.clone()) }</div>
            if !p.caption.is_empty() { <p class="equation-caption">{ p.caption.clone() }</p> }
        </div>
    }
}
