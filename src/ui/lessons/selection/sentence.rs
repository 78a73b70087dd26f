//! Part 2 of `#/selection`: a typed sentence whose tokens choose their own Δ, B and C.

use super::{CHANNEL_KEYS, GAP, PanelProps, draw_maps, log_slider, percent, show_step, use_draw};
use crate::ui::errors::error_text;
use crate::course::selection::{MAX_TEXT, SCALE_RANGE};
use crate::explain::selection::{CHANNELS, FEATURES, STATE, delta_projection, step_coefficients};
use crate::i18n::{fill, t};
use crate::mathml::{Math, bar, column, exp, matrix, mi, mo, num, paren, row, sub, text};
use crate::ui::components::{
    Banner, BannerKind, Equation, Figure, Select, Slider, TextField, Toggle,
};
use crate::ui::lang::use_lang;
use yew::prelude::*;

#[function_component(SentencePanel)]
pub(super) fn sentence_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    let (view, focus, tokens_len) = (p.deps.view.clone(), p.deps.focus, p.tokens_len);
    let typed = p.typed.clone();
    let maps_draw = use_draw(p.deps.clone(), draw_maps);
    let text_hover_cb = p.on_hover.clone();

    let inspect = match &*view {
        Ok(v) => {
            let input = &v.model.input;
            let delta = input.delta[(s.channel, focus)];
            let keep =
                |n: usize| percent(step_coefficients(s.rule, delta, input.a[(s.channel, n)]).0);
            let e: Vec<f64> = v.model.embeddings.column(focus).iter().copied().collect();
            let deltas: Vec<f64> = input.delta.column(focus).iter().copied().collect();
            let delta_eq = row([
                sub(mi("e"), mi("t")),
                mo("="),
                column(&e, 2),
                mo(";"),
                text(GAP),
                sub(mi("Δ"), mi("t")),
                mo("="),
                mi("s"),
                mo("·"),
                mi("softplus"),
                paren(row([
                    sub(mi("W"), mi("Δ")),
                    sub(mi("e"), mi("t")),
                    mo("+"),
                    sub(mi("b"), mi("Δ")),
                ])),
                mo("="),
                column(&deltas, 3),
            ]);
            let abar: Vec<Math> = (0..STATE)
                .flat_map(|n| {
                    let value = num(step_coefficients(s.rule, delta, input.a[(s.channel, n)]).0, 3);
                    if n == 0 { vec![value] } else { vec![mo(","), value] }
                })
                .collect();
            let abar_eq = row([
                sub(bar(mi("A")), mi("t")),
                mo("="),
                exp(row([sub(mi("Δ"), mi("t")), mi("A")])),
                mo("="),
                paren(row(abar)),
            ]);
            html! {
                <>
                    <p class="note inspect" aria-live="polite">{ fill(lang, "selection.inspect", &[
                        ("t", &focus.to_string()),
                        ("word", &v.model.tokens[focus]),
                        ("d", &s.channel.to_string()),
                        ("delta", &show_step(delta)),
                        ("keep1", &keep(0)),
                        ("keep8", &keep(STATE - 1)),
                    ]) }</p>
                    <Equation mathml={delta_eq.block()} caption={fill(lang, "selection.eq_delta", &[("f", &FEATURES.to_string())])} />
                    <Equation mathml={abar_eq.block()} caption={fill(lang, "selection.eq_abar", &[("d", &s.channel.to_string())])} />
                </>
            }
        }
        Err(_) => html! {},
    };
    // The hand-set projection never changes: its equation is built once.
    let projection_eq = (*use_memo((), |_| {
        let (w, b) = delta_projection();
        AttrValue::from(
            row([
                sub(mi("W"), mi("Δ")),
                mo("="),
                matrix(&w, 2),
                mo(","),
                text(GAP),
                sub(mi("b"), mi("Δ")),
                mo("="),
                column(b.as_slice(), 2),
            ])
            .block(),
        )
    }))
    .clone();
    let channel_options: Vec<(AttrValue, AttrValue)> = CHANNEL_KEYS
        .iter()
        .enumerate()
        .map(|(d, k)| (AttrValue::from(d.to_string()), AttrValue::from(t(lang, k))))
        .collect();
    html! {
        <section class="panel sentence">
            <div class="controls">
                <TextField id="selection-text" label={t(lang, "selection.text_label")} value={typed.clone()} max_length={MAX_TEXT}
                           on_change={lesson.on(|s, v: String| s.text = Some(v))} />
                <button type="button" onclick={lesson.on(|s, _: MouseEvent| s.text = None)}>{ t(lang, "selection.text_reset") }</button>
            </div>
            <div class="controls">
                { log_slider("selection-scale", t(lang, "selection.scale"), s.scale, SCALE_RANGE, lesson.on(|s, v| s.scale = v)) }
                <Select id="selection-channel" label={t(lang, "selection.channel")} options={channel_options}
                        selected={AttrValue::from(s.channel.to_string())}
                        on_change={lesson.on(|s, v: String| s.channel = v.parse().unwrap_or(0).min(CHANNELS - 1))} />
                <Toggle id="selection-frozen" label={t(lang, "selection.frozen")} checked={s.frozen}
                        on_change={lesson.on(|s, v| s.frozen = v)} />
                <Slider id="selection-token" label={t(lang, "selection.token")} value={focus as f64} min={0.0}
                        max={tokens_len.saturating_sub(1).max(1) as f64} step={1.0} digits={0}
                        on_change={lesson.on(|s, v: f64| s.token = v as usize)} />
            </div>
            if let Err(e) = &*view {
                <Banner kind={BannerKind::Info} text={if typed.trim().is_empty() { t(lang, "selection.empty_text").to_owned() } else { error_text(lang, e) }} />
            }
            if view.as_ref().as_ref().is_ok_and(|v| v.model.truncated) {
                <Banner kind={BannerKind::Info} text={fill(lang, "selection.truncated", &[("n", &crate::course::block::MAX_TOKENS.to_string())])} />
            }
            <Figure id="selection/maps" draw={maps_draw} label={t(lang, "selection.maps_label")} aspect={0.68}
                    on_hover={text_hover_cb.clone()} />
            { inspect }
            <Equation mathml={projection_eq} caption={t(lang, "selection.eq_projection")} />
        </section>
    }
}
