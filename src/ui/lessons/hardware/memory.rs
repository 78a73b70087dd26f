//! `#/hardware`'s memory panels: whether the states fit in on-chip SRAM, and what the backward
//! pass keeps when it stores the states or recomputes them.

use super::{PanelProps, bytes, gpu_of};
use crate::ui::components::ScrollBox;
use crate::explain::hardware::{backward_memory, on_chip};
use crate::i18n::{fill, t};
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[function_component(SramPanel)]
pub(super) fn sram_panel(props: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &props.lesson.state;
    let gpu = gpu_of(s);
    let chip = on_chip(&s.problem(), &gpu);
    html! {
        <section class="panel">
            <p class="label-model">{ t(lang, "hardware.label_model_short") }</p>
            <p class="readout" id="hardware-sram">{ fill(lang, "hardware.sram_readout", &[
                ("n", &s.n.to_string()), ("per", &bytes(chip.state_per_channel)), ("kib", &gpu.sram_per_sm_kib.to_string()),
                ("fit", &chip.channels_per_sm.to_string()), ("channels", &(s.batch * s.d).to_string()), ("total", &bytes(chip.state_total)),
                ("sram", &bytes(chip.sram_total)), ("sms", &gpu.sms.to_string()),
            ]) }</p>
            <p class="hint">{ t(lang, if chip.state_total <= chip.sram_total { "hardware.sram_fits" } else { "hardware.sram_waves" }) }</p>
        </section>
    }
}

#[function_component(BackwardPanel)]
pub(super) fn backward_panel(props: &PanelProps) -> Html {
    let lang = use_lang();
    let backward = backward_memory(&props.lesson.state.problem());
    html! {
        <section class="panel">
            <p class="label-model">{ t(lang, "hardware.label_model_short") }</p>
            <ScrollBox>
            <table class="data" id="hardware-backward">
                <thead><tr><th scope="col">{ t(lang, "hardware.col_strategy") }</th><th scope="col">{ t(lang, "hardware.col_kept") }</th><th scope="col">{ t(lang, "hardware.col_extra") }</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{ t(lang, "hardware.store") }</th><td>{ bytes(backward.stored_bytes) }</td><td>{ bytes(backward.store_traffic) }</td></tr>
                    <tr><th scope="row">{ t(lang, "hardware.recompute") }</th><td>{ "0 B" }</td><td>{ bytes(backward.recompute_traffic) }</td></tr>
                </tbody>
            </table>
            </ScrollBox>
            <p class="hint">{ t(lang, "hardware.backward_note") }</p>
        </section>
    }
}
