//! Lesson 7, `#/selection`: why S4 is not enough, and what selection does. Selective copying
//! with a fixed-Δ and a hand-set selective model; a typed sentence whose tokens choose their own
//! Δ, B and C, with its mixing matrix to answer the notes' question; the two rules for B̄.

use crate::course::Lesson;
use crate::course::selection::{
    COLORS, DATA, DELTA_RANGE, EXAMPLES, LEN_RANGE, MAX_TEXT, SCALE_RANGE, STATE_RANGE,
    SelectionLesson, rule_name,
};
use crate::explain::selection::{
    BRuleComparison, CHANNELS, CopyingReport, FEATURES, STATE, StepProjection, TextModel,
    compare_b_rules, delta_projection, footprint, mixing_matrix, output_shares, run_copying,
    step_coefficients, text_model,
};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{
    Math, bar, column, exp, frac, matrix, mi, mo, num, paren, row, sub, sup, text,
};
use crate::plot::{
    Cells, ColorScale, CopyingScene, Corner, HeatmapStack, LineChart, ModelRows, Panel, PlotError,
    Series, SeriesStyle, Theme, XAxisMap, column_at, copying_figure, heatmap_stack, line_chart,
    magnitude_quantile, palette,
};
use crate::route::Route;
use crate::ssm::{BRule, SsmError, trace_channel};
use crate::ui::canvas::MeasuredCanvas;
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, Prose, Question, Select, Slider, TextField,
    Toggle, TryThis,
};
use crate::ui::hooks::{use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use std::rc::Rc;
use yew::prelude::*;

/// The space between two formulas on one line (an em space: MathML trims plain spaces).
const GAP: &str = "\u{2003}";

/// A callback that edits one field of the lesson state.
fn edit<T: 'static>(
    s: &Rc<SelectionLesson>,
    set: &Callback<SelectionLesson>,
    f: fn(&mut SelectionLesson, T),
) -> Callback<T> {
    let (s, set) = (s.clone(), set.clone());
    Callback::from(move |v: T| {
        let mut next = (*s).clone();
        f(&mut next, v);
        set.emit(next);
    })
}

/// A step Δ as the sliders show it: three significant digits.
fn show_step(x: f64) -> String {
    match x {
        x if x < 0.01 => format!("{x:.4}"),
        x if x < 0.1 => format!("{x:.3}"),
        x if x < 10.0 => format!("{x:.2}"),
        x => format!("{x:.1}"),
    }
}

/// A percentage without decimals.
fn percent(fraction: f64) -> String {
    format!("{:.0}", 100.0 * fraction)
}

/// A whole number with thousands separators: 100,000.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share as a percentage that stays readable when it is tiny: "12", "0.35", "< 0.01".
fn small_percent(fraction: f64) -> String {
    match 100.0 * fraction {
        p if p >= 1.0 => format!("{p:.0}"),
        p if p >= 0.01 => format!("{p:.2}"),
        _ => "< 0.01".to_owned(),
    }
}

/// A slider that moves along log₁₀ of a positive value in `range`, showing the value itself.
fn log_slider(
    id: &'static str,
    label: &str,
    value: f64,
    range: (f64, f64),
    on_change: Callback<f64>,
) -> Html {
    let (lo, hi) = (range.0.log10(), range.1.log10());
    let to_value = Callback::from(move |v: f64| {
        // Three significant digits keep the address readable.
        let x = 10f64.powf(v);
        let digits = 10f64.powi(2 - x.log10().floor() as i32);
        on_change.emit(((x * digits).round() / digits).clamp(range.0, range.1));
    });
    html! {
        <Slider id={id} label={label.to_owned()} value={value.log10()} min={lo} max={hi} step={0.01}
                shown={Some(AttrValue::from(show_step(value)))} on_change={to_value} />
    }
}

/// The name of a copying token: its colour, or noise.
fn token_name(lang: Lang, token: usize) -> &'static str {
    const KEYS: [&str; 5] = [
        "selection.noise_token",
        "selection.color1",
        "selection.color2",
        "selection.color3",
        "selection.color4",
    ];
    t(lang, KEYS[token.min(KEYS.len() - 1)])
}

/// A coloured chip naming a token.
fn chip(lang: Lang, token: usize) -> Html {
    html! { <span class={classes!("chip", format!("tok-{token}"))}>{ token_name(lang, token) }</span> }
}

/// The short names of the text model's channels.
const CHANNEL_KEYS: [&str; CHANNELS] =
    ["selection.ch0", "selection.ch1", "selection.ch2", "selection.ch3"];
const CHANNEL_SHORT: [&str; CHANNELS] =
    ["selection.ch0_short", "selection.ch1_short", "selection.ch2_short", "selection.ch3_short"];

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
        <table class="data answers">
            <caption>{ fill(lang, "selection.answers_caption", &[("n", &EXAMPLES.to_string())]) }</caption>
            <thead><tr><th></th>{ for slots }<th scope="col">{ t(lang, "selection.accuracy") }</th></tr></thead>
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
    }
}

/// What the text part draws, from the core: the state of one channel, its mixing matrix, its
/// outputs under both rules, and the shares of the last output.
#[derive(PartialEq)]
struct TextView {
    model: TextModel,
    /// h_t of the channel, (N, L).
    h: DMatrix<f64>,
    /// The mixing matrix of the channel, (L, L).
    alpha: DMatrix<f64>,
    rules: BRuleComparison,
    /// The first token's share of the last output.
    first_share: f64,
}

fn text_view(model: TextModel, rule: BRule, channel: usize) -> Result<TextView, String> {
    let e = |e: crate::ssm::SsmError| e.to_string();
    let trace = trace_channel(&model.input, rule, channel).map_err(e)?;
    let l = model.tokens.len();
    let h = DMatrix::from_fn(STATE, l, |n, t| trace.steps[t].h[n]);
    let alpha = mixing_matrix(&model.input, rule, channel).map_err(e)?;
    let rules = compare_b_rules(&model.input, channel).map_err(e)?;
    let first_share = output_shares(&alpha, l - 1).first().copied().unwrap_or(0.0);
    Ok(TextView { model, h, alpha, rules, first_share })
}

/// The page's drawing area, and what drawing a figure returns (its axis for hovering, if any).
type Area = DrawingArea<MeasuredCanvas, Shift>;
type Drawn = Result<Option<XAxisMap>, PlotError>;

/// A figure drawn from `D`.
type DrawWith<D> = fn(&D, &Area, &Theme) -> Drawn;

/// A figure's drawing function, rebuilt only when `deps` change: a figure whose inputs did not
/// change keeps its function and is not redrawn.
#[hook]
fn use_draw<D: PartialEq + Clone + 'static>(deps: D, draw: DrawWith<D>) -> DrawFn {
    (*use_memo(deps, move |deps| -> DrawFn {
        let deps = deps.clone();
        Rc::new(move |area, theme| draw(&deps, area, theme))
    }))
    .clone()
}

/// What the copying figure is drawn from.
#[derive(Clone, PartialEq)]
struct CopyDeps {
    fixed: Rc<Result<CopyingReport, SsmError>>,
    selective: Rc<Result<CopyingReport, SsmError>>,
    hover: Option<usize>,
    lang: Lang,
}

/// What the text figures are drawn from.
#[derive(Clone, PartialEq)]
struct TextDeps {
    view: Rc<Result<TextView, String>>,
    focus: usize,
    lang: Lang,
    channel: usize,
    rule: BRule,
}

/// The selective-copying figure.
fn draw_copying(d: &CopyDeps, area: &Area, theme: &Theme) -> Drawn {
    let (fixed, selective, hover, lang) = (&*d.fixed, &*d.selective, d.hover, d.lang);
    let (Ok(f), Ok(sel)) = (fixed, selective) else { return Ok(None) };
    let len = f.delta.len();
    let scene = CopyingScene {
        tokens: &f.example.tokens[..len],
        tokens_title: t(lang, "selection.copy_tokens"),
        models: vec![
            ModelRows {
                delta_title: t(lang, "selection.copy_fixed_delta"),
                weights_title: t(lang, "selection.copy_fixed_weights"),
                delta: &f.delta,
                weights: &f.weights,
            },
            ModelRows {
                delta_title: t(lang, "selection.copy_sel_delta"),
                weights_title: t(lang, "selection.copy_sel_weights"),
                delta: &sel.delta,
                weights: &sel.weights,
            },
        ],
        x_label: t(lang, "selection.copy_x"),
        marker: hover,
    };
    copying_figure(area, &scene, theme).map(Some)
}

/// The heat-maps of Δ, |B|, |C| and the state over the typed tokens.
fn draw_maps(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (focus, lang, channel) = (d.focus, d.lang, d.channel);
    let states: Vec<String> = (1..=STATE).map(|n| n.to_string()).collect();
    let h_title = fill(lang, "selection.maps_h", &[("d", &channel.to_string())]);
    let values = |title, row_labels, values, scale| Panel {
        title,
        row_labels,
        cells: Cells::Values { values, scale, max: None },
        row_height: 1.0,
    };
    let stack = HeatmapStack {
        panels: vec![
            values(
                t(lang, "selection.maps_delta"),
                CHANNEL_SHORT.iter().map(|k| t(lang, k).to_owned()).collect(),
                &v.model.input.delta,
                ColorScale::Sequential,
            ),
            values(
                t(lang, "selection.maps_b"),
                states.clone(),
                &v.model.input.b,
                ColorScale::Sequential,
            ),
            values(
                t(lang, "selection.maps_c"),
                states.clone(),
                &v.model.input.c,
                ColorScale::Sequential,
            ),
            values(&h_title, states, &v.h, ColorScale::Diverging),
        ],
        column_labels: v.model.tokens.clone(),
        x_label: t(lang, "selection.maps_x"),
        marker_column: Some(focus),
        marker_row: None,
    };
    heatmap_stack(area, &stack, theme).map(Some)
}

/// The mixing matrix of the chosen channel.
fn draw_mixing(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (focus, lang, channel) = (d.focus, d.lang, d.channel);
    let title = fill(lang, "selection.mix_title", &[("d", &channel.to_string())]);
    let stack = HeatmapStack {
        panels: vec![Panel {
            title: &title,
            row_labels: v.model.tokens.clone(),
            // A few large weights would wash out the rest: the colours end at the
            // 97th percentile (the colour bar says so).
            cells: Cells::Values {
                values: &v.alpha,
                scale: ColorScale::Diverging,
                max: magnitude_quantile(&v.alpha, 0.97),
            },
            row_height: 1.0,
        }],
        column_labels: v.model.tokens.clone(),
        x_label: t(lang, "selection.mix_x"),
        marker_column: Some(focus),
        marker_row: Some(focus),
    };
    heatmap_stack(area, &stack, theme).map(Some)
}

/// The channel's outputs under both rules for B̄.
fn draw_outputs(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (focus, lang, channel) = (d.focus, d.lang, d.channel);
    let points =
        |ys: &[f64]| ys.iter().enumerate().map(|(t, &y)| (t as f64, y)).collect::<Vec<_>>();
    let title = fill(lang, "selection.rules_y_title", &[("d", &channel.to_string())]);
    let chart = LineChart {
        caption: Some(&title),
        x_label: t(lang, "selection.maps_x"),
        y_label: t(lang, "selection.rules_y_axis"),
        series: vec![
            Series {
                label: t(lang, "selection.legend_euler"),
                points: points(&v.rules.euler),
                color: palette::RED,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "selection.legend_zoh"),
                points: points(&v.rules.zoh),
                color: palette::BLUE,
                style: SeriesStyle::Dashed,
            },
        ],
        marker_x: Some(focus as f64),
        x_range: Some((-0.5, v.model.tokens.len() as f64 - 0.5)),
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(Some)
}

/// B̄/B against Δ under both rules, with the tokens' steps.
fn draw_kappa(d: &TextDeps, area: &Area, theme: &Theme) -> Drawn {
    let Ok(v) = &*d.view else { return Ok(None) };
    let (lang, channel, rule) = (d.lang, d.channel, d.rule);
    let deltas: Vec<f64> = v.model.input.delta.row(channel).iter().copied().collect();
    let top = deltas.iter().fold(1.0f64, |m, &d| m.max(d * 1.15));
    let grid: Vec<f64> = (0..=120).map(|i| top * f64::from(i) / 120.0).collect();
    let curve = |rule, a: f64| {
        grid.iter().map(|&d| (d, step_coefficients(rule, d, a).1)).collect::<Vec<_>>()
    };
    let tokens = deltas.iter().map(|&d| (d, step_coefficients(rule, d, -1.0).1)).collect();
    let rule_text = t(
        lang,
        if rule == BRule::Zoh { "selection.rule_short_zoh" } else { "selection.rule_short_euler" },
    );
    let token_label =
        fill(lang, "selection.kappa_tokens", &[("d", &channel.to_string()), ("rule", rule_text)]);
    let chart = LineChart {
        caption: Some(t(lang, "selection.kappa_title")),
        x_label: t(lang, "selection.kappa_x"),
        y_label: t(lang, "selection.kappa_y"),
        series: vec![
            Series {
                label: t(lang, "selection.kappa_euler"),
                points: curve(BRule::Euler, -1.0),
                color: palette::RED,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "selection.kappa_zoh1"),
                points: curve(BRule::Zoh, -1.0),
                color: palette::BLUE,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "selection.kappa_zoh8"),
                points: curve(BRule::Zoh, -8.0),
                color: palette::SKY,
                style: SeriesStyle::Dashed,
            },
            Series {
                label: &token_label,
                points: tokens,
                color: palette::ORANGE,
                style: SeriesStyle::Points,
            },
        ],
        x_range: Some((0.0, top)),
        legend: Corner::UpperLeft,
        ..LineChart::default()
    };
    line_chart(area, &chart, theme).map(|_| None)
}

#[function_component(SelectionLessonView)]
pub(crate) fn selection_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<SelectionLesson>(Route::Lesson(Lesson::Selection, None));
    use_update_measure("selection", &*s);
    let copy_hover = use_state(|| None::<usize>);
    let text_hover = use_state(|| None::<usize>);

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

    // Part 2: the sentence.
    let sample = t(lang, "selection.sample_text");
    let typed = s.text_or(sample).to_owned();
    let view = use_memo(
        (typed.clone(), s.scale, s.frozen, s.rule, s.channel),
        |(text, scale, frozen, rule, channel)| {
            text_model(text, *scale, *frozen)
                .map_err(|e| e.to_string())
                .and_then(|m| text_view(m, *rule, *channel))
        },
    );
    let tokens_len = view.as_ref().as_ref().map_or(0, |v| v.model.tokens.len());
    let focus = (*text_hover).unwrap_or(s.token).min(tokens_len.saturating_sub(1));
    // Hover callbacks keep their identity across renders, so that a figure whose drawing did not
    // change is not redrawn.
    let copy_hover_cb = {
        let set = copy_hover.setter();
        use_callback(s.len, move |x: Option<f64>, len| set.set(x.and_then(|x| column_at(x, *len))))
    };
    let text_hover_cb = {
        let set = text_hover.setter();
        use_callback(tokens_len, move |x: Option<f64>, len| {
            set.set(x.and_then(|x| column_at(x, *len)))
        })
    };

    let text_deps = TextDeps { view: view.clone(), focus, lang, channel: s.channel, rule: s.rule };
    let maps_draw = use_draw(text_deps.clone(), draw_maps);
    let mix_draw = use_draw(text_deps.clone(), draw_mixing);
    let rules_draw = use_draw(text_deps.clone(), draw_outputs);
    // The B̄/B curves do not mark the inspected token: hovering leaves them alone.
    let kappa_draw = use_draw(TextDeps { focus: 0, ..text_deps }, draw_kappa);

    // Part 1's view.
    let copy_error = match (&*fixed, &*selective) {
        (Err(e), _) | (_, Err(e)) => Some(e.to_string()),
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
    let copying = html! {
        <section class="panel copying">
            <div class="controls">
                <button type="button" class="primary" onclick={{ let (s, set) = (s.clone(), set.clone()); Callback::from(move |_| set.emit(SelectionLesson { seed: s.seed % 9999 + 1, ..(*s).clone() })) }}>
                    { t(lang, "selection.new_example") }
                </button>
                <span class="readout">{ fill(lang, "selection.example_n", &[("n", &s.seed.to_string())]) }</span>
                <Slider id="selection-len" label={t(lang, "selection.len")} value={s.len as f64} min={LEN_RANGE.0 as f64} max={LEN_RANGE.1 as f64} step={1.0} digits={0}
                        on_change={edit(&s, &set, |s, v: f64| s.len = v as usize)} />
                <Slider id="selection-state" label={t(lang, "selection.state")} value={s.state as f64} min={STATE_RANGE.0 as f64} max={STATE_RANGE.1 as f64} step={1.0} digits={0}
                        on_change={edit(&s, &set, |s, v: f64| s.state = v as usize)} />
            </div>
            <div class="controls">
                { log_slider("selection-fixed", t(lang, "selection.fixed"), s.fixed, DELTA_RANGE, edit(&s, &set, |s, v| s.fixed = v)) }
                { log_slider("selection-colored", t(lang, "selection.colored"), s.colored, DELTA_RANGE, edit(&s, &set, |s, v| s.colored = v)) }
                { log_slider("selection-noise", t(lang, "selection.noise"), s.noise, DELTA_RANGE, edit(&s, &set, |s, v| s.noise = v)) }
            </div>
            if let Some(e) = copy_error { <Banner kind={BannerKind::Warning} text={e} /> }
            <Figure draw={copy_draw} label={t(lang, "selection.copy_fig_label")} aspect={0.62}
                    on_hover={copy_hover_cb} />
            <p class="note hover-readout" aria-live="polite">{ copy_readout }</p>
            if let (Ok(f), Ok(sel)) = (&*fixed, &*selective) {
                <Equation mathml={step_equation(&f.projection).block()} caption={t(lang, "selection.eq_fixed")} />
                <Equation mathml={step_equation(&sel.projection).block()} caption={t(lang, "selection.eq_selective")} />
                { answers(lang, f, sel) }
                <p class="hint">{ fill(lang, "selection.readout_note", &[("n", &EXAMPLES.to_string()), ("c", &percent(1.0 / COLORS as f64))]) }</p>
            }
        </section>
    };

    // Part 2's view.
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
    let sentence = html! {
        <section class="panel sentence">
            <div class="controls">
                <TextField id="selection-text" label={t(lang, "selection.text_label")} value={typed.clone()} max_length={MAX_TEXT}
                           on_change={edit(&s, &set, |s, v: String| s.text = Some(v))} />
                <button type="button" onclick={edit(&s, &set, |s, _: MouseEvent| s.text = None)}>{ t(lang, "selection.text_reset") }</button>
            </div>
            <div class="controls">
                { log_slider("selection-scale", t(lang, "selection.scale"), s.scale, SCALE_RANGE, edit(&s, &set, |s, v| s.scale = v)) }
                <Select id="selection-channel" label={t(lang, "selection.channel")} options={channel_options}
                        selected={AttrValue::from(s.channel.to_string())}
                        on_change={edit(&s, &set, |s, v: String| s.channel = v.parse().unwrap_or(0).min(CHANNELS - 1))} />
                <Toggle id="selection-frozen" label={t(lang, "selection.frozen")} checked={s.frozen}
                        on_change={edit(&s, &set, |s, v| s.frozen = v)} />
                <Slider id="selection-token" label={t(lang, "selection.token")} value={focus as f64} min={0.0}
                        max={tokens_len.saturating_sub(1).max(1) as f64} step={1.0} digits={0}
                        on_change={edit(&s, &set, |s, v: f64| s.token = v as usize)} />
            </div>
            if let Err(e) = &*view {
                <Banner kind={BannerKind::Info} text={if typed.trim().is_empty() { t(lang, "selection.empty_text").to_owned() } else { e.clone() }} />
            }
            if view.as_ref().as_ref().is_ok_and(|v| v.model.truncated) {
                <Banner kind={BannerKind::Info} text={fill(lang, "selection.truncated", &[("n", &crate::explain::selection::MAX_TOKENS.to_string())])} />
            }
            <Figure draw={maps_draw} label={t(lang, "selection.maps_label")} aspect={0.68}
                    on_hover={text_hover_cb.clone()} />
            { inspect }
            <Equation mathml={projection_eq} caption={t(lang, "selection.eq_projection")} />
        </section>
    };

    // The notes' question: the unrolled recurrence, written once.
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
    let question = html! {
        <Question question="selection.q">
            <Prose keys={vec!["selection.q_p1"]} />
            <Equation mathml={mixing_eq} caption={t(lang, "selection.eq_mixing")} />
            <div class="row">
                <Figure draw={mix_draw} label={t(lang, "selection.mix_label")} aspect={0.9}
                        on_hover={text_hover_cb.clone()} class={classes!("mixing")} />
                <div>
                    <Prose keys={vec!["selection.q_p2"]} />
                    if let Ok(v) = &*view {
                        <p class="note first-share">{ fill(lang, "selection.first_share", &[("p", &small_percent(v.first_share)), ("word", &v.model.tokens[0])]) }</p>
                    }
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
                </div>
            </div>
            <Prose keys={vec!["selection.q_p3", "selection.q_p4", "selection.q_p5"]} />
        </Question>
    };

    // Part 3: the two rules for B̄.
    let rule_options = vec![
        (AttrValue::from("euler"), AttrValue::from(t(lang, "selection.rule_euler"))),
        (AttrValue::from("zoh"), AttrValue::from(t(lang, "selection.rule_zoh"))),
    ];
    let rules_readout = match &*view {
        Ok(v) => {
            let delta = v.model.input.delta[(s.channel, focus)];
            let (_, k_euler) = step_coefficients(BRule::Euler, delta, -1.0);
            let (_, k_zoh) = step_coefficients(BRule::Zoh, delta, -1.0);
            let ratio = || row([sub(bar(mi("B")), mi("t")), mo("/"), sub(mi("B"), mi("t"))]);
            let euler_eq = row([ratio(), mo("="), sub(mi("Δ"), mi("t")), mo("="), num(k_euler, 3)]);
            let zoh_eq = row([
                ratio(),
                mo("="),
                frac(
                    row([exp(row([sub(mi("Δ"), mi("t")), mi("A")])), mo("−"), num(1.0, 1)]),
                    mi("A"),
                ),
                mo("="),
                num(k_zoh, 3),
            ]);
            let at = [("t", focus.to_string()), ("word", v.model.tokens[focus].clone())];
            let at: Vec<(&str, &str)> = at.iter().map(|(k, v)| (*k, v.as_str())).collect();
            html! {
                <>
                    <div class="row">
                        <Equation mathml={euler_eq.block()} caption={fill(lang, "selection.eq_kappa_euler", &at)} />
                        <Equation mathml={zoh_eq.block()} caption={fill(lang, "selection.eq_kappa_zoh", &at)} />
                    </div>
                    <p class="readout">{ fill(lang, "selection.rules_diff", &[
                        ("d", &format!("{:.3}", v.rules.max_difference)),
                        ("r", &percent(v.rules.relative)),
                    ]) }</p>
                </>
            }
        }
        Err(_) => html! {},
    };
    let rules = html! {
        <section class="panel rules">
            <div class="controls">
                <Select id="selection-rule" label={t(lang, "selection.rule")} options={rule_options}
                        selected={AttrValue::from(rule_name(s.rule))}
                        on_change={edit(&s, &set, |s, v: String| s.rule = if v == "zoh" { BRule::Zoh } else { BRule::Euler })} />
                { log_slider("selection-scale-rules", t(lang, "selection.scale"), s.scale, SCALE_RANGE, edit(&s, &set, |s, v| s.scale = v)) }
            </div>
            <div class="row">
                <Figure draw={rules_draw} label={t(lang, "selection.rules_label")} aspect={0.62}
                        on_hover={text_hover_cb.clone()} />
                <Figure draw={kappa_draw} label={t(lang, "selection.kappa_label")} aspect={0.62} />
            </div>
            { rules_readout }
        </section>
    };

    html! {
        <>
            <Prose keys={vec!["selection.intro1", "selection.intro2"]} />
            <h2>{ t(lang, "selection.copy_h") }</h2>
            <Prose keys={vec!["selection.copy_p1", "selection.copy_p2"]} />
            { copying }
            <TryThis keys={vec!["selection.try_copy1", "selection.try_copy2", "selection.try_copy3", "selection.try_copy4"]} />
            <h2>{ t(lang, "selection.text_h") }</h2>
            <Prose keys={vec!["selection.text_p1", "selection.text_p2"]} />
            { sentence }
            <TryThis keys={vec!["selection.try_text1", "selection.try_text2", "selection.try_text3", "selection.try_text4"]} />
            { question }
            <h2>{ t(lang, "selection.rules_h") }</h2>
            <Prose keys={vec!["selection.rules_p1", "selection.rules_p2"]} />
            { rules }
            <TryThis keys={vec!["selection.try_rules1", "selection.try_rules2"]} />
        </>
    }
}
