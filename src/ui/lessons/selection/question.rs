//! The notes' question of `#/selection`: the unrolled recurrence, its mixing matrix, and what
//! a recurrent state costs against a KV cache.

use super::{GAP, PanelProps, draw_mixing, grouped, small_percent, use_draw};
use crate::explain::selection::{CHANNELS, STATE, footprint};
use crate::i18n::{fill, t};
use crate::mathml::{Math, bar, mi, mo, num, paren, row, sub, sup, text};
use crate::ui::components::{Equation, Figure, Prose, Question, ScrollBox};
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[function_component(MixingQuestion)]
pub(super) fn mixing_question(p: &PanelProps) -> Html {
    let lang = use_lang();
    let (view, tokens_len) = (p.deps.view.clone(), p.tokens_len);
    let mix_draw = use_draw(p.deps.clone(), draw_mixing);
    let text_hover_cb = p.on_hover.clone();
    // The unrolled recurrence, written once.
    let mixing_eq = (*use_memo((), |_| {
        let at = |base: Math, a: &str, b: &str| sub(base, row([mi(a), mo(","), mi(b)]));
        let product = row([
            sup(sub(mo("∏"), row([mi("s"), mo("="), mi("j"), mo("+"), num(1.0, 1)])), mi("t")),
            at(bar(mi("A")), "n", "s"),
        ]);
        AttrValue::from(
            row([
                sub(mi("y"), mi("t")),
                mo("="),
                sub(mo("∑"), row([mi("j"), mo("≤"), mi("t")])),
                at(mi("α"), "t", "j"),
                sub(mi("x"), mi("j")),
                mo(","),
                text(GAP),
                at(mi("α"), "t", "j"),
                mo("="),
                sub(mo("∑"), mi("n")),
                at(mi("C"), "n", "t"),
                paren(product),
                at(bar(mi("B")), "n", "j"),
            ])
            .block(),
        )
    }))
    .clone();
    let fp = |len: usize| footprint(CHANNELS, STATE, len);
    let footprint_cell = |f: crate::explain::selection::Footprint| html! { <><td>{ grouped(f.recurrent_state) }</td><td>{ grouped(f.kv_cache) }</td></> };
    html! {
        <Question question="selection.q">
            <Prose keys={vec!["selection.q_p1"]} />
            <Equation mathml={mixing_eq} caption={t(lang, "selection.eq_mixing")} />
            <div class="row">
                <Figure id="selection/mix" draw={mix_draw} label={t(lang, "selection.mix_label")} aspect={0.9}
                        on_hover={text_hover_cb.clone()} class={classes!("mixing")} />
                <div>
                    <Prose keys={vec!["selection.q_p2"]} />
                    if let Ok(v) = &*view {
                        <p class="note first-share">{ fill(lang, "selection.first_share", &[("p", &small_percent(v.first_share)), ("word", &v.model.tokens[0])]) }</p>
                    }
                    <ScrollBox>
                    <table class="data footprint">
                        <caption>{ fill(lang, "selection.fp_caption", &[("d", &CHANNELS.to_string()), ("n", &STATE.to_string())]) }</caption>
                        <thead><tr>
                            <th scope="col">{ t(lang, "selection.fp_after") }</th>
                            <th scope="col">{ t(lang, "selection.fp_mamba") }</th>
                            <th scope="col">{ t(lang, "selection.fp_attention") }</th>
                        </tr></thead>
                        <tbody>
                            { for [tokens_len.max(1), 1_000, 100_000].into_iter().map(|len| html! {
                                <tr><th scope="row">{ fill(lang, "selection.fp_tokens", &[("l", &grouped(len))]) }</th>{ footprint_cell(fp(len)) }</tr>
                            }) }
                        </tbody>
                    </table>
                    </ScrollBox>
                </div>
            </div>
            <Prose keys={vec!["selection.q_p3", "selection.q_p4", "selection.q_p5"]} />
        </Question>
    }
}
