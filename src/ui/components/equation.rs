//! An equation: MathML markup from [`crate::mathml`] (which escapes every text), rendered by
//! the browser.

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
    html! {
        <div class="equation">
            { Html::from_html_unchecked(p.mathml.clone()) }
            if !p.caption.is_empty() { <p class="equation-caption">{ p.caption.clone() }</p> }
        </div>
    }
}
