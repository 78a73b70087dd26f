//! The held-out example with each model's answers marked right or wrong, and Table 1 of the
//! Mamba paper beside the runs made in this page (a toy-scale mirror).

use super::figures::Snaps;
use super::runs::{KINDS, TableRow};
use crate::format::fixed;
use crate::i18n::{fill, t};
use crate::lm::LayerKind;
use crate::ui::lang::use_lang;
use yew::prelude::*;

/// The Mamba paper's Table 1 (selective copying accuracy, %): layer, gate, accuracy.
const PAPER: [(LayerKind, bool, f64); 4] = [
    (LayerKind::S4, false, 18.3),
    (LayerKind::S6, false, 97.0),
    (LayerKind::S4, true, 56.4),
    (LayerKind::S6, true, 99.8),
];

/// A token as text: noise ·, the marker ▸, others their number.
fn token_text(token: usize, vocab_top: usize, copying: bool) -> String {
    match token {
        0 if copying => "·".into(),
        t if t == vocab_top => "▸".into(),
        t => t.to_string(),
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ExampleProps {
    pub(super) snapshots: Snaps,
    /// The largest token id (the marker or trigger).
    pub(super) top: usize,
    /// Whether the task is selective copying (token 0 is noise).
    pub(super) copying: bool,
}

/// The held-out example: its tokens, and at each answer position the target and both models'
/// answers, marked right or wrong.
#[function_component(ExampleView)]
pub(super) fn example_view(p: &ExampleProps) -> Html {
    let lang = use_lang();
    let Some(ex) = p.snapshots.iter().flatten().next().map(|s| s.example.clone()) else {
        return html! { <p class="hint">{ t(lang, "train.waiting") }</p> };
    };
    let tokens: String =
        ex.tokens.iter().map(|&x| token_text(x, p.top, p.copying)).collect::<Vec<_>>().join(" ");
    let scored: Vec<usize> = (0..ex.targets.len()).filter(|&i| ex.targets[i] >= 0).collect();
    let answer = |k: usize, i: usize| -> Html {
        let Some(s) = &p.snapshots[k] else { return html! { <td>{ "–" }</td> } };
        let (got, want) = (s.example.predicted[i], ex.targets[i] as usize);
        let (class, mark) = if got == want { ("right", "✓") } else { ("wrong", "✗") };
        html! { <td class={class}>{ format!("{} {mark}", token_text(got, p.top, p.copying)) }</td> }
    };
    html! {
        <div class="train-example">
            <p class="tokens" aria-label={t(lang, "train.example_tokens")}>{ tokens }</p>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{ t(lang, "train.position") }</th>
                        <th scope="col">{ t(lang, "train.target") }</th>
                        <th scope="col">{ "S4" }</th>
                        <th scope="col">{ "S6" }</th>
                    </tr></thead>
                    <tbody>
                        { for scored.iter().map(|&i| html! {
                            <tr>
                                <th scope="row">{ i + 1 }</th>
                                <td>{ token_text(ex.targets[i] as usize, p.top, p.copying) }</td>
                                { answer(0, i) }
                                { answer(1, i) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct TableProps {
    pub(super) rows: Vec<TableRow>,
}

/// Table 1 at toy scale: the paper's accuracies beside the runs made here.
#[function_component(Table1)]
pub(super) fn table1(p: &TableProps) -> Html {
    let lang = use_lang();
    let name = |kind: LayerKind| if kind == KINDS[0] { "S4" } else { "S6" };
    let rows = PAPER.iter().map(|&(kind, gate, paper)| {
        let here = p.rows.iter().find(|r| r.kind == kind && r.gate == gate);
        let here = here.map_or_else(
            || t(lang, "train.not_run").to_owned(),
            |r| fill(lang, "train.measured", &[("a", &fixed(100.0 * r.accuracy, 1)), ("n", &r.step.to_string())]),
        );
        html! {
            <tr>
                <th scope="row">{ name(kind) }</th>
                <td>{ t(lang, if gate { "train.block_gated" } else { "train.block_plain" }) }</td>
                <td>{ format!("{} %", fixed(paper, 1)) }</td>
                <td>{ here }</td>
            </tr>
        }
    });
    html! {
        <div class="table-scroll">
            <table class="train-table1">
                <caption>{ t(lang, "train.table_caption") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "train.layer") }</th>
                    <th scope="col">{ t(lang, "train.block") }</th>
                    <th scope="col">{ t(lang, "train.paper") }</th>
                    <th scope="col">{ t(lang, "train.here") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
