//! The memory panel's readouts: LegS's error so far, the compared system's, and the values at
//! the hovered step.

use super::super::{precision_key, short, system_key};
use crate::course::hippo::LEN;
use crate::explain::hippo::{LegsRecall, Recall};
use crate::explain::hippo::{MemorySystem, Precision};
use crate::i18n::{fill, t};

use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ReadoutProps {
    pub(super) n: usize,
    pub(super) t_now: usize,
    pub(super) compare: Option<MemorySystem>,
    pub(super) precision: Precision,
    pub(super) hover: Option<f64>,
    pub(super) samples: Rc<Vec<f64>>,
    pub(super) recall: LegsRecall,
    pub(super) compared: Option<Recall>,
}

#[function_component(MemoryReadouts)]
pub(super) fn memory_readouts(p: &ReadoutProps) -> Html {
    let lang = use_lang();
    let (recall, compared, samples, t_now) = (&p.recall, &p.compared, &p.samples, p.t_now);
    let legs_line = fill(
        lang,
        "hippo.readout_legs",
        &[("n", &p.n.to_string()), ("t", &t_now.to_string()), ("e", &short(recall.error))],
    );
    let compare_line = compared.as_ref().zip(p.compare).map(|(r, system)| {
        fill(
            lang,
            "hippo.readout_cmp",
            &[
                ("system", t(lang, system_key(system))),
                ("n", &p.n.to_string()),
                ("prec", t(lang, precision_key(p.precision))),
                ("e", &short(r.error)),
                ("held", &r.held.to_string()),
            ],
        )
    });
    // The first coefficients, to three decimals (the readout of a tiny c_0 as 4×10⁻¹⁷ would
    // only distract).
    let hover_line = p.hover.map(|k| k as usize).filter(|&k| (1..=LEN).contains(&k)).map(|k| {
        if k > t_now {
            let (k, x) = (k.to_string(), short(samples[k - 1]));
            return fill(lang, "hippo.hover_ahead", &[("k", &k), ("x", &x)]);
        }
        let compared = compared.as_ref().zip(p.compare).map_or(String::new(), |(r, system)| {
            fill(
                lang,
                "hippo.hover_compared",
                &[("system", t(lang, system_key(system))), ("v", &short(r.history[k - 1]))],
            )
        });
        fill(
            lang,
            "hippo.hover",
            &[
                ("k", &k.to_string()),
                ("x", &short(samples[k - 1])),
                ("r", &short(recall.history[k - 1])),
                ("compared", &compared),
            ],
        )
    });
    html! {
        <>
            <p class="readout legs" aria-live="polite">{ legs_line }</p>
            if let Some(line) = compare_line { <p class="readout compared">{ line }</p> }
            <p class="readout hovered">{ hover_line.unwrap_or_else(|| t(lang, "hippo.hover_hint").to_owned()) }</p>
        </>
    }
}
