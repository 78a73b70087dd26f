//! The hybrids section of the block lesson: a 32-layer stack with a chosen number of attention
//! layers in every 8, drawn as a strip of layers, and the numbers it keeps per sequence as the
//! context grows, beside all-Mamba and all-attention stacks.

use crate::course::block::{BlockLesson, GROUP, HYBRID_D_HEAD, HYBRID_MAMBA};
use crate::i18n::{Lang, fill, t};
use crate::plot::{ScalingChart, ScalingPoint, ScalingSeries, palette, scaling_chart};
use crate::ssm::block::{LayerKind, inference_values};
use crate::ui::components::{DrawFn, Figure, Slider};
use crate::ui::lang::use_lang;
use crate::format::{grouped, man_eok, millions};
use std::rc::Rc;
use yew::prelude::*;

/// Context lengths drawn: 2^10 … 2^20 tokens.
const CONTEXTS: std::ops::RangeInclusive<u32> = 10..=20;
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

/// Numbers kept by `pattern` at `context` tokens.
fn kept(pattern: &[LayerKind], context: usize) -> f64 {
    inference_values(pattern, HYBRID_MAMBA, HYBRID_D_HEAD, context) as f64
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
        let curve = |pattern: &[LayerKind]| -> Vec<ScalingPoint> {
            CONTEXTS
                .map(|k| {
                    let v = kept(pattern, 1 << k) / 1e6;
                    ScalingPoint { x: f64::from(1u32 << k), y: v, lo: v, hi: v }
                })
                .collect()
        };
        let series_text = [
            t(lang, "block.series_mamba").to_owned(),
            fill(lang, "block.series_mix", &[("a", &attention.to_string())]),
            t(lang, "block.series_attention").to_owned(),
        ];
        let patterns = [0, attention, GROUP].map(BlockLesson::hybrid_pattern);
        let curves = patterns.map(|p| curve(&p));
        let (x_label, y_label) = (t(lang, "block.hybrid_x"), t(lang, "block.hybrid_y"));
        Rc::new(move |area, theme| {
            let colors = [palette::GREEN, palette::ORANGE, palette::RED];
            let series = series_text
                .iter()
                .zip(&curves)
                .zip(colors)
                .map(|((label, points), color)| ScalingSeries {
                    label,
                    color,
                    points: points.clone(),
                })
                .collect();
            let chart = ScalingChart {
                x_label,
                y_label,
                series,
                x_range: (f64::from(1u32 << CONTEXTS.start()), f64::from(1u32 << CONTEXTS.end())),
                log_y: true,
                empty_note: "",
            };
            scaling_chart(area, &chart, theme).map(|_| None)
        })
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
