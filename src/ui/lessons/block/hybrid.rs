//! The hybrids section of the block lesson: a 32-layer stack with a chosen number of attention
//! layers in every 8, drawn as a strip of layers, and the numbers it keeps per sequence as the
//! context grows, beside all-Mamba and all-attention stacks.

use crate::course::block::{BlockLesson, GROUP};
use crate::i18n::{Lang, fill, t};
use crate::figures::block::kept;
use crate::ssm::block::LayerKind;
use crate::ui::components::{DrawFn, Figure, Slider};
use crate::ui::lang::use_lang;
use crate::format::{grouped, man_eok, millions};
use std::rc::Rc;
use yew::prelude::*;

/// The context of the readout: 2^18 = 262 144 tokens.
const READOUT: usize = 1 << 18;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    /// Attention layers in every 8.
    pub(crate) attention: usize,
    pub(crate) on_change: Callback<usize>,
}

/// A large count as each language says it: "2 149 million" in English, "21.5억" or "120만" in
/// Korean (whose numbers group by 10⁴: 만 = 10⁴, 억 = 10⁸).
fn count_text(lang: Lang, n: f64) -> String {
    match lang {
        Lang::En => millions(n),
        Lang::Ko => man_eok(n),
    }
}

#[function_component(HybridSection)]
pub(crate) fn hybrid_section(p: &Props) -> Html {
    let lang = use_lang();
    let mix = BlockLesson::hybrid_pattern(p.attention);
    let all_mamba = BlockLesson::hybrid_pattern(0);
    let all_attention = BlockLesson::hybrid_pattern(GROUP);
    let attention_layers = mix.iter().filter(|&&k| k == LayerKind::Attention).count();
    // Memoized: the chart redraws only when its own inputs change, not on every lesson update.
    let draw = use_memo((p.attention, lang), |&(attention, lang)| -> DrawFn {
        Rc::new(move |area, theme| crate::figures::block::hybrid(area, theme, lang, attention))
    });
    let layers = mix.iter().enumerate().map(|(i, kind)| {
        let (class, key) = match kind {
            LayerKind::Mamba => ("layer mamba", "block.layer_mamba"),
            LayerKind::Attention => ("layer attention", "block.layer_attention"),
        };
        let label =
            fill(lang, "block.layer_n", &[("i", &(i + 1).to_string()), ("kind", t(lang, key))]);
        html! { <li class={class} title={label.clone()} aria-label={label}></li> }
    });
    let readout = fill(
        lang,
        "block.hybrid_readout",
        &[
            ("l", &grouped(READOUT)),
            ("v", &count_text(lang, kept(&mix, READOUT))),
            ("va", &count_text(lang, kept(&all_attention, READOUT))),
            ("vm", &count_text(lang, kept(&all_mamba, READOUT))),
        ],
    );
    let on_change = p.on_change.clone();
    html! {
        <section class="panel hybrid">
            <Slider id="block-attn" label={t(lang, "block.attn_slider")} value={p.attention as f64} min={0.0}
                    max={GROUP as f64} step={1.0} digits={0}
                    on_change={Callback::from(move |v: f64| on_change.emit(v as usize))} />
            <p class="strip-label">{ fill(lang, "block.strip_label", &[("a", &attention_layers.to_string()), ("m", &(mix.len() - attention_layers).to_string())]) }</p>
            <ol class="layer-strip">{ for layers }</ol>
            <Figure id="block/hybrid" draw={(*draw).clone()} label={t(lang, "block.hybrid_fig_label")} aspect={0.45} />
            <p class="readout">{ readout }</p>
        </section>
    }
}
