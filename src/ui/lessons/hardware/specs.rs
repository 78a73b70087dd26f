//! `#/hardware`'s table of published GPU specifications, the chosen one marked.

use super::PanelProps;
use crate::ui::components::ScrollBox;
use crate::explain::hardware::PUBLISHED_GPUS;
use crate::i18n::t;
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[function_component(SpecsPanel)]
pub(super) fn specs_panel(props: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &props.lesson.state;
    let published = PUBLISHED_GPUS.iter().enumerate().map(|(i, g)| html! {
        <tr class={classes!((i == s.gpu).then_some("chosen"))}>
            <th scope="row">{ g.name }</th><td>{ g.memory }</td><td>{ format!("{:.0}", g.bandwidth_gb_s) }</td>
            <td>{ g.sms }</td><td>{ g.sram_per_sm_kib }</td>
        </tr>
    });
    html! {
        <section class="panel">
            <p class="label-published">{ t(lang, "hardware.label_published") }</p>
            <ScrollBox>
            <table class="data" id="hardware-specs">
                <thead><tr>
                    <th scope="col">{ t(lang, "hardware.col_gpu") }</th><th scope="col">{ t(lang, "hardware.col_memory") }</th>
                    <th scope="col">{ t(lang, "hardware.col_bandwidth") }</th><th scope="col">{ t(lang, "hardware.col_sms") }</th>
                    <th scope="col">{ t(lang, "hardware.col_sram") }</th>
                </tr></thead>
                <tbody>{ for published }</tbody>
            </table>
            </ScrollBox>
            <p class="hint">{ t(lang, "hardware.specs_note") }</p>
        </section>
    }
}
