//! Part 1 of `#/selection`: selective copying with a fixed-Δ and a hand-set selective model.

use super::{
    Area, Drawn, GAP, LessonProps, chip, log_slider, percent, show_step, token_name, use_draw,
};
use crate::ui::errors::error_text;
use crate::course::selection::{COLORS, DATA, DELTA_RANGE, EXAMPLES, LEN_RANGE, STATE_RANGE};
use crate::explain::selection::{CopyingReport, StepProjection, run_copying};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, mi, mo, num, paren, row, sub, text};
use crate::plot::{Theme, column_at};
use crate::ssm::{BRule, SsmError};
use crate::ui::components::{Banner, BannerKind, Equation, Figure, ScrollBox, Slider};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(CopyingPanel)]
pub(super) fn copying_panel(p: &LessonProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    let copy_hover = use_state(|| None::<usize>);
    // Part 1: selective copying, each model memoized on its own inputs.
    let fixed = use_memo((s.task(), s.fixed, s.seed), |(task, delta, seed)| {
        run_copying(task, crate::explain::selection::StepRule::Fixed(*delta), BRule::Euler, *seed)
    });
    let selective = use_memo((s.task(), s.colored, s.noise, s.seed), |(task, c, n, seed)| {
        run_copying(
            task,
            crate::explain::selection::StepRule::Selective { colored: *c, noise: *n },
            BRule::Euler,
            *seed,
        )
    });
    let copy_draw = use_draw(
        CopyDeps { fixed: fixed.clone(), selective: selective.clone(), hover: *copy_hover, lang },
        draw_copying,
    );

    let copy_hover_cb = {
        let set = copy_hover.setter();
        use_callback(s.len, move |x: Option<f64>, len| set.set(x.and_then(|x| column_at(x, *len))))
    };

    let copy_error = match (&*fixed, &*selective) {
        (Err(e), _) | (_, Err(e)) => Some(error_text(lang, e)),
        _ => None,
    };
    let copy_readout = match ((*copy_hover), &*fixed, &*selective) {
        (Some(p), Ok(f), Ok(sel)) if p < f.delta.len() => fill(
            lang,
            "selection.copy_hover",
            &[
                ("p", &p.to_string()),
                ("token", token_name(lang, f.example.tokens[p])),
                ("f", &show_step(f.delta[p])),
                ("s", &show_step(sel.delta[p])),
            ],
        ),
        _ => t(lang, "selection.copy_hover_hint").to_owned(),
    };
    html! {
        <section class="panel copying">
            <div class="controls">
                <button type="button" class="primary" onclick={lesson.action(|s| s.seed = s.seed % 9999 + 1)}>
                    { t(lang, "selection.new_example") }
                </button>
                <span class="readout">{ fill(lang, "selection.example_n", &[("n", &s.seed.to_string())]) }</span>
                <Slider id="selection-len" label={t(lang, "selection.len")} value={s.len as f64} min={LEN_RANGE.0 as f64} max={LEN_RANGE.1 as f64} step={1.0} digits={0}
                        on_change={lesson.on(|s, v: f64| s.len = v as usize)} />
                <Slider id="selection-state" label={t(lang, "selection.state")} value={s.state as f64} min={STATE_RANGE.0 as f64} max={STATE_RANGE.1 as f64} step={1.0} digits={0}
                        on_change={lesson.on(|s, v: f64| s.state = v as usize)} />
            </div>
            <div class="controls">
                { log_slider("selection-fixed", t(lang, "selection.fixed"), s.fixed, DELTA_RANGE, lesson.on(|s, v| s.fixed = v)) }
                { log_slider("selection-colored", t(lang, "selection.colored"), s.colored, DELTA_RANGE, lesson.on(|s, v| s.colored = v)) }
                { log_slider("selection-noise", t(lang, "selection.noise"), s.noise, DELTA_RANGE, lesson.on(|s, v| s.noise = v)) }
            </div>
            if let Some(e) = copy_error { <Banner kind={BannerKind::Warning} text={e} /> }
            <Figure id="selection/copy" draw={copy_draw} label={t(lang, "selection.copy_fig_label")} aspect={0.62}
                    on_hover={copy_hover_cb} />
            <p class="note hover-readout" aria-live="polite">{ copy_readout }</p>
            if let (Ok(f), Ok(sel)) = (&*fixed, &*selective) {
                <Equation mathml={step_equation(&f.projection).block()} caption={t(lang, "selection.eq_fixed")} />
                <Equation mathml={step_equation(&sel.projection).block()} caption={t(lang, "selection.eq_selective")} />
                { answers(lang, f, sel) }
                <p class="hint">{ fill(lang, "selection.readout_note", &[("n", &EXAMPLES.to_string()), ("c", &percent(1.0 / COLORS as f64))]) }</p>
            }
        </section>
    }
}

/// Δ_t = softplus(w·c_t + b) with the live w and b.
fn step_equation(p: &StepProjection) -> Math {
    let sign = if p.bias < 0.0 { "−" } else { "+" };
    row([
        sub(mi("Δ"), mi("t")),
        mo("="),
        mi("softplus"),
        paren(row([
            num(p.weight, 3),
            mo("·"),
            sub(mi("c"), mi("t")),
            mo(sign),
            num(p.bias.abs(), 3),
        ])),
        mo(";"),
        text(GAP),
        sub(mi("Δ"), text("c=1")),
        mo("="),
        num(p.delta(true), 3),
        mo(","),
        sub(mi("Δ"), text("c=0")),
        mo("="),
        num(p.delta(false), 3),
    ])
}

/// The answers table: the correct colours, then for each model its readout of this example and
/// how often each slot is right over the test examples.
fn answers(lang: Lang, fixed: &CopyingReport, selective: &CopyingReport) -> Html {
    let slots = (1..=DATA).map(|k| html! { <th scope="col">{ fill(lang, "selection.slot", &[("k", &k.to_string())]) }</th> });
    let model_rows = |key: &'static str, r: &CopyingReport| {
        let cells = r.decoded.iter().zip(&r.example.targets).map(|(&got, &want)| {
            let (mark, class, aria) = if got == want {
                ("✓", "ok", t(lang, "selection.right"))
            } else {
                ("✗", "bad", t(lang, "selection.wrong"))
            };
            html! {
                <td>{ chip(lang, got) }<span class={classes!("mark", class)} aria-label={aria}>{ mark }</span></td>
            }
        });
        let rates =
            r.slot_accuracy.iter().map(|a| html! { <td>{ format!("{}%", percent(*a)) }</td> });
        html! {
            <>
                <tr class="model">
                    <th scope="row">{ t(lang, key) }</th>
                    { for cells }
                    <td></td>
                </tr>
                <tr class="rates">
                    <th scope="row">{ t(lang, "selection.row_rate") }</th>
                    { for rates }
                    <td class="total">{ format!("{}%", percent(r.accuracy)) }</td>
                </tr>
            </>
        }
    };
    html! {
        <ScrollBox>
        <table class="data answers">
            <caption>{ fill(lang, "selection.answers_caption", &[("n", &EXAMPLES.to_string())]) }</caption>
            <thead><tr><td></td>{ for slots }<th scope="col">{ t(lang, "selection.accuracy") }</th></tr></thead>
            <tbody>
                <tr>
                    <th scope="row">{ t(lang, "selection.row_answer") }</th>
                    { for fixed.example.targets.iter().map(|&c| html! { <td>{ chip(lang, c) }</td> }) }
                    <td></td>
                </tr>
                { model_rows("selection.row_fixed", fixed) }
                { model_rows("selection.row_selective", selective) }
            </tbody>
        </table>
        </ScrollBox>
    }
}

/// What the copying figure is drawn from.
#[derive(Clone, PartialEq)]
struct CopyDeps {
    fixed: Rc<Result<CopyingReport, SsmError>>,
    selective: Rc<Result<CopyingReport, SsmError>>,
    hover: Option<usize>,
    lang: Lang,
}

/// The selective-copying figure.
fn draw_copying(d: &CopyDeps, area: &Area, theme: &Theme) -> Drawn {
    let (Ok(f), Ok(sel)) = (&*d.fixed, &*d.selective) else { return Ok(None) };
    crate::figures::selection::copying(area, theme, d.lang, f, sel, d.hover)
}
