//! The tables of `#/compare`: the growth from the first to the last measured context (the
//! notes' question), the three models side by side, and every measured point.

use super::{arch_name, bytes_at, median_us};
use crate::url::Named;
use crate::course::compare::{Arch, Point};
use crate::i18n::{Lang, fill, t};
use crate::ui::components::{Question, ScrollBox};
use crate::ui::lang::use_lang;
use crate::format::{bytes, fixed, grouped};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct PointsProps {
    pub(super) points: Vec<Point>,
}

/// The contexts measured for the RNN (the first model measured at each length), in order.
fn measured(points: &[Point]) -> Vec<usize> {
    let mut c: Vec<usize> = points
        .iter()
        .filter(|p| p.arch == Arch::Rnn && p.summary().is_some())
        .map(|p| p.context)
        .collect();
    c.dedup();
    c
}

/// The time per token (µs) of `arch` at `l`, or "no data".
fn cell_us(lang: Lang, points: &[Point], arch: Arch, l: usize) -> String {
    median_us(points, arch, l)
        .map_or_else(|| t(lang, "compare.no_data").to_owned(), |v| fixed(v, 1))
}

#[derive(Properties, PartialEq)]
pub(super) struct GrowthProps {
    pub(super) points: Vec<Point>,
    /// Whether the measurement is still running (then nothing is "measured just now" yet).
    pub(super) running: bool,
}

#[function_component(GrowthAnswer)]
pub(super) fn growth_answer(p: &GrowthProps) -> Html {
    let lang = use_lang();
    let (points, measured) = (&p.points, measured(&p.points));
    // The growth factors for the question: from the first to the last measured context.
    let growth = match (measured.first(), measured.last()) {
        (Some(&l0), Some(&l1)) if l1 >= 4 * l0 => {
            let ratio = |a| {
                let (t0, t1) = (median_us(points, a, l0), median_us(points, a, l1));
                t0.zip(t1).map_or_else(String::new, |(t0, t1)| fixed(t1 / t0, 1))
            };
            let kv = bytes_at(points, Arch::Attention, l1).unwrap_or(0) as f64
                / bytes_at(points, Arch::Attention, l0).unwrap_or(1).max(1) as f64;
            Some((
                l0,
                l1,
                ratio(Arch::Attention),
                ratio(Arch::Mamba),
                ratio(Arch::Rnn),
                fixed(kv, 0),
            ))
        }
        _ => None,
    };
    let growth_text = match &growth {
        Some((l0, l1, a, m, r, ka)) => fill(
            lang,
            "compare.q_growth",
            &[
                ("l0", &grouped(*l0)),
                ("l1", &grouped(*l1)),
                ("a", a),
                ("m", m),
                ("r", r),
                ("ka", ka),
            ],
        ),
        None => t(lang, "compare.q_wait").to_owned(),
    };
    // The growth is stated once the measurement has finished, never beside "Measuring… 43%".
    let growth_text = if p.running { t(lang, "compare.q_wait").to_owned() } else { growth_text };

    html! {
    <Question question="compare.q">
        <p class="readout growth">{ growth_text }</p>
        <p>{ t(lang, "compare.q_answer1") }</p>
        <p>{ t(lang, "compare.q_answer2") }</p>
    </Question>
    }
}

#[function_component(FactsPanel)]
pub(super) fn facts_panel(p: &PointsProps) -> Html {
    let lang = use_lang();
    let (points, measured) = (&p.points, measured(&p.points));
    let cell_us = |a, l| cell_us(lang, points, a, l);
    // The side-by-side table, with the live numbers where measured.
    let (first, last) = (measured.first().copied(), measured.last().copied());
    let measured_row = Arch::ALL.map(|a| match (first, last) {
        (Some(l0), Some(l1)) => format!("{} → {} µs", cell_us(a, l0), cell_us(a, l1)),
        _ => t(lang, "compare.no_data").to_owned(),
    });
    let last_bytes =
        last.map(|l| Arch::ALL.map(|a| bytes_at(points, a, l).map(bytes).unwrap_or_default()));
    let fact = |row: &str| {
        let cells = [Arch::Rnn, Arch::Attention, Arch::Mamba]
            .map(|a| html! { <td>{ t(lang, &format!("compare.fact_{row}_{}", a.name())) }</td> });
        html! {
            <tr><th scope="row">{ t(lang, &format!("compare.fact_row_{row}")) }</th>{ for cells }</tr>
        }
    };
    let order = [Arch::Rnn, Arch::Attention, Arch::Mamba];

    html! {
    <section class="panel">
        <ScrollBox>
        <table class="data facts">
            <thead><tr>
                <td></td>
                { for order.iter().map(|&a| html! { <th scope="col">{ arch_name(lang, a) }</th> }) }
            </tr></thead>
            <tbody>
                { fact("train") }
                { fact("step") }
                { fact("memory") }
                { fact("recall") }
                <tr class="live">
                    <th scope="row">{ match (first, last) {
                        (Some(l0), Some(l1)) => fill(lang, "compare.fact_row_measured", &[("l0", &grouped(l0)), ("l1", &grouped(l1))]),
                        _ => t(lang, "compare.fact_row_measured_pending").to_owned(),
                    } }</th>
                    { for order.iter().map(|&a| html! { <td>{ measured_row[a.index()].clone() }</td> }) }
                </tr>
                <tr class="live">
                    <th scope="row">{ match last {
                        Some(l) => fill(lang, "compare.fact_row_bytes", &[("l", &grouped(l))]),
                        None => t(lang, "compare.fact_row_bytes_pending").to_owned(),
                    } }</th>
                    { for order.iter().map(|&a| html! { <td>{ last_bytes.as_ref().map_or_else(|| t(lang, "compare.no_data").to_owned(), |b| b[a.index()].clone()) }</td> }) }
                </tr>
            </tbody>
        </table>
        </ScrollBox>
    </section>
    }
}

#[function_component(MeasuredPanel)]
pub(super) fn measured_panel(p: &PointsProps) -> Html {
    let lang = use_lang();
    let points = &p.points;
    let cell_us = |a, l| cell_us(lang, points, a, l);
    // The measured table, at the powers of two.
    let contexts: Vec<usize> = {
        let mut c: Vec<usize> = points
            .iter()
            .filter(|p| p.arch == Arch::Attention && p.context.is_power_of_two())
            .map(|p| p.context)
            .collect();
        c.dedup();
        c
    };
    let rows = contexts.iter().map(|&l| {
        html! {
            <tr>
                <th scope="row">{ grouped(l) }</th>
                { for Arch::ALL.iter().map(|&a| html! { <td>{ cell_us(a, l) }</td> }) }
                { for Arch::ALL.iter().map(|&a| html! { <td>{ bytes_at(points, a, l).map(bytes).unwrap_or_default() }</td> }) }
            </tr>
        }
    });

    html! {
    <section class="panel">
        <ScrollBox>
        <table class="data measured">
            <thead><tr>
                <th scope="col">{ t(lang, "compare.col_context") }</th>
                { for Arch::ALL.iter().map(|&a| html! { <th scope="col">{ fill(lang, "compare.col_time", &[("arch", arch_name(lang, a))]) }</th> }) }
                { for Arch::ALL.iter().map(|&a| html! { <th scope="col">{ fill(lang, "compare.col_bytes", &[("arch", arch_name(lang, a))]) }</th> }) }
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
        </ScrollBox>
    </section>
    }
}
