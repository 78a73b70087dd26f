//! The cost panel of `#/scan`: work and depth of each algorithm against n.

use super::Edit;
use crate::course::scan::{COST_K, ScanLesson};
use crate::i18n::{Lang, fill, t};
use crate::figures::{self, scan::ALGORITHMS};
use crate::plot::FigureData;
use crate::ssm::scan::cost;
use crate::ui::components::{DrawFn, Figure, Prose, ScrollBox, Slider};
use crate::ui::compute::length_text;
use crate::ui::hooks::on;
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// The cost figure: work and depth of each algorithm against n, marked at `n`.
pub(super) fn cost_draw(lang: Lang, n: usize) -> DrawFn {
    Rc::new(move |area, theme| figures::scan::cost_chart(area, theme, lang, n))
}

/// The cost figure's numbers: n, then each algorithm's work and depth.
fn cost_data(lang: Lang) -> FigureData {
    let ns: Vec<usize> = (COST_K.0..=COST_K.1).map(|k| 1usize << k).collect();
    let mut columns = vec![t(lang, "scan.cost_x").to_owned()];
    let mut values = vec![ns.iter().map(|&n| n as f64).collect::<Vec<f64>>()];
    for &(a, key, _) in &ALGORITHMS {
        let name = t(lang, key);
        columns.push(fill(lang, "scan.cost_work", &[("a", name)]));
        columns.push(fill(lang, "scan.cost_depth", &[("a", name)]));
        values.push(ns.iter().map(|&n| cost(a, n).work as f64).collect());
        values.push(ns.iter().map(|&n| cost(a, n).depth as f64).collect());
    }
    FigureData::columns(columns, &values.iter().map(Vec::as_slice).collect::<Vec<_>>())
}

/// Work and depth of the three algorithms as n grows.
#[derive(Properties)]
pub(super) struct CostProps {
    pub(super) cost_k: usize,
    pub(super) draw: DrawFn,
    pub(super) update: Callback<Edit>,
}

impl PartialEq for CostProps {
    fn eq(&self, other: &Self) -> bool {
        self.cost_k == other.cost_k
            && Rc::ptr_eq(&self.draw, &other.draw)
            && self.update == other.update
    }
}

#[function_component(CostSection)]
pub(super) fn cost_panel(props: &CostProps) -> Html {
    let lang = use_lang();
    let data = use_memo(lang, |&lang| cost_data(lang));
    let (draw, cost_k) = (props.draw.clone(), props.cost_k);
    let on_k = on(&props.update, |s: &mut ScanLesson, v: f64| s.cost_k = v as usize);
    let n = 1usize << cost_k;
    let rows = ALGORITHMS.iter().map(|&(a, key, _)| {
        let c = cost(a, n);
        html! { <tr data-algo={a.name()}><th scope="row">{ t(lang, key) }</th><td>{ c.work }</td><td>{ c.depth }</td></tr> }
    });
    html! {
        <section class="panel cost">
            <h2>{ t(lang, "scan.cost_title") }</h2>
            <Prose keys={vec!["scan.cost_intro"]} />
            <div class="controls">
                <Slider id="scan-cost" label={t(lang, "scan.cost_n")} value={cost_k as f64} min={COST_K.0 as f64} max={COST_K.1 as f64}
                        step={1.0} digits={0} unit={format!("→ n = {}", length_text(n))} on_change={on_k} />
            </div>
            <div class="row">
                <ScrollBox>
                <table class="data cost-table">
                    <thead><tr><th scope="col">{ fill(lang, "scan.cost_for", &[("n", &n.to_string())]) }</th>
                        <th scope="col">{ t(lang, "scan.cost_work_col") }</th><th scope="col">{ t(lang, "scan.cost_depth_col") }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </ScrollBox>
                <Figure id="scan/cost" draw={draw} label={t(lang, "scan.cost_label")} aspect={0.6} data={data} />
            </div>
            <p class="hint">{ t(lang, "scan.cost_note") }</p>
        </section>
    }
}
