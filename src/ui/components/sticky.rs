//! Controls that stay on screen while the figures below them scroll by. On a phone they fold to
//! one button (their name) that opens them, so they do not cover a third of the screen.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    /// The controls' name: the section's label and the text of the button that opens them.
    pub(crate) label: AttrValue,
    pub(crate) children: Html,
}

#[function_component(StickyControls)]
pub(crate) fn sticky_controls(p: &Props) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <section class={classes!("panel", "sticky-controls", open.then_some("open"))} aria-label={p.label.clone()}>
            <button type="button" class="sticky-toggle" aria-expanded={open.to_string()} onclick={toggle}>
                { p.label.clone() }
            </button>
            <div class="sticky-body">{ p.children.clone() }</div>
        </section>
    }
}
