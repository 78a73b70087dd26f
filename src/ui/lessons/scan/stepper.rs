//! The stepper of `#/scan`: the tree of combines at the current stage and the table of pairs.

use super::Examples;
use crate::explain::scan::PairExample;
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, equals, mi, mo, paren, row, sub};
use crate::ssm::Result as SsmResult;
use crate::ui::components::{Equation, ScrollBox};
use crate::ui::lang::use_lang;
use crate::format::fixed;
use crate::ui::lessons::scan_tree::{
    Shown, Traced, TreeModel, TreeView, check_text, combine_view, combines,
};
use std::rc::Rc;
use yew::prelude::*;

/// The tree and the panel under it (the picked combine and the check).
pub(super) struct Stepper {
    pub(super) tree: Html,
    pub(super) details: Html,
}

pub(super) fn stepper_body<T: Shown>(
    lang: Lang,
    traced: &Traced<T>,
    model: &Rc<TreeModel>,
    pos: usize,
    pick: usize,
    on_pick: Callback<usize>,
) -> Stepper {
    let (count, _) = combines(traced, pos, 0);
    let pick = pick.min(count.saturating_sub(1));
    let (_, combine) = combines(traced, pos, pick);
    let (check, ok) = check_text(lang, traced, pos);
    let nav = |delta: isize| {
        let on_pick = on_pick.clone();
        let to = (pick as isize + delta).clamp(0, count.saturating_sub(1) as isize) as usize;
        Callback::from(move |_: MouseEvent| on_pick.emit(to))
    };
    let details = html! {
        <div class="step-details">
            <p class={classes!("check", if ok { "ok" } else { "bad" })} role="status" id="scan-check">{ check }</p>
            <p class="hint">{ t(lang, if T::TALL { "scan.check_pairs" } else { "scan.check_sums" }) }</p>
            <div class="combine-box">
                if let Some(c) = &combine {
                    <div class="combine-nav" role="group" aria-label={t(lang, "scan.combine_nav")}>
                        <button type="button" id="scan-pick-prev" onclick={nav(-1)} disabled={pick == 0}
                                aria-label={t(lang, "scan.pick_prev")}>{ "◀" }</button>
                        <span class="combine-count">{ fill(lang, "scan.combine_k", &[("k", &(pick + 1).to_string()), ("n", &count.to_string())]) }</span>
                        <button type="button" id="scan-pick-next" onclick={nav(1)} disabled={pick + 1 >= count}
                                aria-label={t(lang, "scan.pick_next")}>{ "▶" }</button>
                    </div>
                    { combine_view(lang, traced, pos, c) }
                } else {
                    <p class="hint">{ t(lang, "scan.no_combine") }</p>
                }
            </div>
        </div>
    };
    let tree = html! {
        <TreeView model={Rc::clone(model)} pos={pos} pick={pick} label={t(lang, "scan.tree_label")} on_pick={on_pick} />
    };
    Stepper { tree, details }
}

/// The pair example's tokens: Δ_t, u_t, and the pairs they make.
#[derive(Properties)]
pub(super) struct PairTableProps {
    pub(super) examples: Rc<SsmResult<Examples>>,
}

impl PartialEq for PairTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.examples, &other.examples)
    }
}

#[function_component(PairTable)]
pub(super) fn pair_table(props: &PairTableProps) -> Html {
    let lang = use_lang();
    let Ok(ex) = &*props.examples else { return html! {} };
    let ex: &PairExample = &ex.pair_example;
    let n = ex.pairs.len();
    let row_of = |label: Html, values: Vec<String>| {
        html! {
            <tr><th scope="row">{ label }</th>{ for values.into_iter().map(|v| html! { <td>{ v }</td> }) }</tr>
        }
    };
    let sym = |m: Math| html! { <Equation mathml={m.inline()} /> };
    let definition = equals([
        row([mi("a"), mo(","), mi("b")]),
        paren(row([
            crate::mathml::exp(row([sub(mi("Δ"), mi("t")), mo("·"), mi("A")])),
            mo(","),
            sub(mi("Δ"), mi("t")),
            mo("·"),
            sub(mi("B"), mi("t")),
            mo("·"),
            sub(mi("u"), mi("t")),
        ])),
    ]);
    html! {
        <div class="pair-table">
            <Equation mathml={definition.block()} caption={t(lang, "scan.pairs_caption")} />
            <ScrollBox>
                <table class="data">
                    <thead><tr><th scope="col">{ "t" }</th>{ for (0..n).map(|t| html! { <th scope="col">{ t }</th> }) }</tr></thead>
                    <tbody>
                        { row_of(sym(sub(mi("Δ"), mi("t"))), ex.input.delta.iter().map(|&x| fixed(x, 1)).collect()) }
                        { row_of(sym(sub(mi("u"), mi("t"))), ex.input.u.iter().map(|&x| fixed(x, 1)).collect()) }
                        { row_of(sym(sub(mi("a"), mi("t"))), ex.pairs.iter().map(|p| fixed(p.a, 3)).collect()) }
                        { row_of(sym(sub(mi("b"), mi("t"))), ex.pairs.iter().map(|p| fixed(p.b, 3)).collect()) }
                    </tbody>
                </table>
            </ScrollBox>
        </div>
    }
}
