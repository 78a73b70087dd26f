//! The parameter table of `#/block` (this toy block and a mamba-130m block, box by box) and the
//! residual stream through the stacked blocks.

use super::{MAMBA_130M, Run, RunProps};
use crate::url::Named;
use crate::course::block::{Part, stream_changes};
use crate::i18n::{fill, t};
use crate::ui::components::{DrawFn, Figure, ScrollBox};
use crate::ui::lang::use_lang;
use crate::format::{fixed, grouped};
use std::rc::Rc;
use yew::prelude::*;

#[function_component(ParamsTable)]
pub(super) fn params_table(p: &RunProps) -> Html {
    let lang = use_lang();
    let (s, r) = (&p.lesson.state, &p.run);
    // The parameter table: this toy block and a mamba-130m block, box by box.
    let big_total = MAMBA_130M.parameter_count() + MAMBA_130M.d_model;
    let toy_total = r.dims.parameter_count() + r.dims.d_model;
    let table_rows = Part::ALL.iter().filter(|p| !p.weights().is_empty()).map(|&p| {
        let big = p.parameters(MAMBA_130M);
        let share = format!("{:.1} %", 100.0 * big as f64 / big_total as f64);
        html! {
            <tr class={classes!((p == s.part).then_some("current"))}>
                <th scope="row">{ t(lang, &format!("block.part_{}", p.name())) }</th>
                <td>{ grouped(p.parameters(r.dims)) }</td>
                <td>{ grouped(big) }</td>
                <td>{ share }</td>
            </tr>
        }
    });
    html! {
    <section class="panel">
        <ScrollBox>
        <table class="data params">
            <caption>{ t(lang, "block.table_caption") }</caption>
            <thead><tr>
                <th scope="col">{ t(lang, "block.col_box") }</th>
                <th scope="col">{ t(lang, "block.col_toy") }</th>
                <th scope="col">{ t(lang, "block.col_big") }</th>
                <th scope="col">{ t(lang, "block.col_share") }</th>
            </tr></thead>
            <tbody>
                { for table_rows }
                <tr class="total">
                    <th scope="row">{ t(lang, "block.total") }</th>
                    <td>{ grouped(toy_total) }</td>
                    <td>{ grouped(big_total) }</td>
                    <td>{ "100 %" }</td>
                </tr>
            </tbody>
        </table>
        </ScrollBox>
        <p>{ t(lang, "block.params_note") }</p>
    </section>

    }
}

#[derive(Properties)]
pub(super) struct StackProps {
    pub(super) run: Rc<Run>,
    pub(super) draw: DrawFn,
}

impl PartialEq for StackProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.run, &other.run) && Rc::ptr_eq(&self.draw, &other.draw)
    }
}

/// The residual stream after each block, and how much each block changed it.
#[function_component(StackPanel)]
pub(super) fn stack_panel(p: &StackProps) -> Html {
    let lang = use_lang();
    let r = &p.run;
    let changes =
        stream_changes(&r.x, &r.traces).into_iter().enumerate().map(|(i, (change, size))| {
            let text = fill(
                lang,
                "block.stream_change",
                &[("n", &(i + 1).to_string()), ("d", &fixed(change, 3)), ("m", &fixed(size, 3))],
            );
            html! { <li>{ text }</li> }
        });

    html! {
    <section class="panel">
        <Figure id="block/stream" draw={p.draw.clone()} label={t(lang, "block.stream_label")} aspect={0.2 * (r.traces.len() + 1) as f64} />
        <ul class="readout changes">{ for changes }</ul>
    </section>

    }
}
