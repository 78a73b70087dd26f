//! Lesson 12, `#/block`: the Mamba block. A clickable diagram of the block run live on the
//! learner's text by a small seeded model; each box shows the tensor leaving it as a heat map,
//! with its shape, a few values and its parameters; two blocks stack on the residual stream; and
//! a hybrid stack's memory as attention layers are mixed in.

mod diagram;
mod hybrid;

use crate::course::Lesson;
use crate::course::block::{
    Axis, BlockLesson, D_MODEL, MAX_TOKENS, Part, SsmView, shown, stream_changes,
};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, equals, mi, mo, paren, row, sub, text};
use crate::plot::{ColorScale, MatrixMap, color_limits, matrix_map};
use crate::route::Route;
use crate::ssm::block::{BlockTrace, embed_chars, seeded_stack, step_stack, trace_stack};
use crate::ssm::{MixerDims, SsmError};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, Prose, Select, Slider, Toggle, TryThis,
};
use crate::ui::hooks::{use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use crate::ui::lessons::numbers::{fixed, grouped, sci};
use diagram::BlockDiagram;
use hybrid::HybridSection;
use nalgebra::DMatrix;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The sizes of one block of mamba-130m, for the parameter table.
const MAMBA_130M: MixerDims =
    MixerDims { d_model: 768, d_inner: 1536, d_state: 16, d_conv: 4, dt_rank: 48 };
/// Rows listed under "a few values".
const SHOWN_ROWS: usize = 6;

/// The toy model run on the text: its input, every block's trace, and how far recurrent mode
/// is from the whole-sequence pass.
struct Run {
    tokens: Vec<char>,
    x: DMatrix<f64>,
    traces: Vec<BlockTrace>,
    dims: MixerDims,
    recurrent_gap: f64,
}

fn run(tokens: &[char], s: &BlockLesson) -> Result<Run, SsmError> {
    let x = embed_chars(tokens, D_MODEL, s.seed)?;
    let blocks = seeded_stack(s.init(), s.layers(), s.seed)?;
    let traces = trace_stack(&blocks, &x)?;
    let stepped = step_stack(&blocks, &x)?;
    let last = traces.last().map(|t| &t.output).unwrap_or(&x);
    let recurrent_gap = (stepped - last).amax();
    Ok(Run { tokens: tokens.to_vec(), x, dims: blocks[0].mixer.dims(), traces, recurrent_gap })
}

/// A character as a column label (a space would be invisible).
fn visible(c: char) -> String {
    if c.is_whitespace() { "␣".to_owned() } else { c.to_string() }
}

/// "L = 11" for an axis of a tensor of this run.
fn dim_text(axis: Axis, n: usize) -> String {
    format!("{} = {n}", axis.symbol())
}

/// The block's equations: (x, z) = W_in·RMSNorm(h), out = W_out·(SSM(SiLU(conv1d(x))) ⊙ SiLU(z)),
/// h ← h + out.
fn equations() -> Vec<Math> {
    let call = |f: &str, arg: Math| row([text(f), paren(arg)]);
    let w = |s: &str| sub(mi("W"), text(s));
    let split = equals([
        paren(row([mi("x"), mo(","), mi("z")])),
        row([w("in"), mo("·"), call("RMSNorm", mi("h"))]),
    ]);
    let ssm = row([
        sub(text("SSM"), row([mi("Δ"), mo(","), mi("B"), mo(","), mi("C")])),
        paren(call("SiLU", call("conv1d", mi("x")))),
    ]);
    let out = equals([
        mi("out"),
        row([w("out"), mo("·"), paren(row([ssm, mo("⊙"), call("SiLU", mi("z"))]))]),
    ]);
    let residual = row([mi("h"), mo("←"), mi("h"), mo("+"), mi("out")]);
    vec![split, out, residual]
}

/// The residual stream through the stack, on one colour scale: the embedded text, then the
/// stream after each block.
fn stream_figure(r: &Run, lang: Lang) -> DrawFn {
    let mut panels: Vec<(String, DMatrix<f64>)> =
        vec![(t(lang, "block.stream_input").to_owned(), r.x.transpose())];
    for (i, tr) in r.traces.iter().enumerate() {
        panels.push((
            fill(lang, "block.stream_after", &[("n", &(i + 1).to_string())]),
            tr.output.transpose(),
        ));
    }
    let labels: Vec<String> = r.tokens.iter().map(|&c| visible(c)).collect();
    let (x_label, y_label) = (t(lang, "block.axis_token"), t(lang, "block.axis_feature"));
    Rc::new(move |area, theme| {
        let all = DMatrix::from_iterator(
            1,
            panels.iter().map(|p| p.1.len()).sum(),
            panels.iter().flat_map(|p| p.1.iter().copied()),
        );
        let limits = color_limits(ColorScale::Diverging, &all);
        for ((caption, values), cell) in
            panels.iter().zip(area.split_evenly((panels.len(), 1)).iter())
        {
            let map = MatrixMap {
                values,
                caption,
                x_label,
                y_label,
                col_labels: Some(&labels),
                scale: ColorScale::Diverging,
                marker_col: None,
                separators: &[],
                limits: Some(limits),
            };
            matrix_map(cell, &map, theme)?;
        }
        Ok(None)
    })
}

#[function_component(BlockLessonView)]
pub(crate) fn block_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<BlockLesson>(Route::Lesson(Lesson::Block, None));
    use_update_measure("block", &*s);
    let hover = use_state(|| None::<usize>);

    let empty = s.tokens().is_empty();
    let tokens = if empty { BlockLesson::default().tokens() } else { s.tokens() };
    let result =
        use_memo((tokens.clone(), s.seed, s.d_state, s.two), |(tokens, seed, d_state, two)| {
            let key =
                BlockLesson { seed: *seed, d_state: *d_state, two: *two, ..BlockLesson::default() };
            run(tokens, &key).map(Rc::new)
        });
    // Memoized: the stream redraws only when the model or the text changes (not on hover).
    let stream_draw = {
        let result = result.clone();
        use_memo((tokens.clone(), s.seed, s.d_state, s.two, lang), move |_| -> DrawFn {
            match &*result {
                Ok(r) => stream_figure(r, lang),
                Err(_) => Rc::new(|_, _| Ok(None)),
            }
        })
    };
    let r = match &*result {
        Ok(r) => r.clone(),
        Err(e) => return html! { <Banner kind={BannerKind::Warning} text={e.to_string()} /> },
    };

    // The open box's tensor.
    let block = s.block.min(r.traces.len() - 1);
    let input = if block == 0 { &r.x } else { &r.traces[block - 1].output };
    let view = shown(&r.traces[block], input, s.part, s.view);
    let len = r.tokens.len();
    let by_token = view.cols == Axis::Token;
    let column = if by_token { hover.unwrap_or(s.token).min(len - 1) } else { 0 };
    let part_name = t(lang, &format!("block.part_{}", s.part.slug()));
    let tensor_name = if s.part == Part::Ssm {
        t(lang, &format!("block.ssm_{}", s.view.slug())).split(':').next().unwrap_or("").to_owned()
    } else {
        part_name.to_owned()
    };
    let caption = fill(
        lang,
        "block.caption",
        &[
            ("name", &tensor_name),
            ("rows", &dim_text(view.rows, view.values.nrows())),
            ("cols", &dim_text(view.cols, view.values.ncols())),
        ],
    );
    let map_draw: DrawFn = {
        let view = view.clone();
        let labels: Vec<String> = r.tokens.iter().map(|&c| visible(c)).collect();
        let (x_label, y_label) = (
            t(lang, &format!("block.axis_{}", view.cols.slug())),
            t(lang, &format!("block.axis_{}", view.rows.slug())),
        );
        let caption = caption.clone();
        Rc::new(move |area, theme| {
            let map = MatrixMap {
                values: &view.values,
                caption: &caption,
                x_label,
                y_label,
                col_labels: by_token.then_some(labels.as_slice()),
                scale: if view.signed { ColorScale::Diverging } else { ColorScale::Sequential },
                marker_col: by_token.then_some(column),
                separators: &view.separators,
                limits: None,
            };
            matrix_map(area, &map, theme).map(Some)
        })
    };
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |x: Option<f64>| {
            let col = x.filter(|_| by_token).map(|x| x.round().max(0.0) as usize);
            if *hover != col {
                hover.set(col);
            }
        })
    };
    let (lo, hi) = view
        .values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let head = if by_token {
        fill(
            lang,
            "block.values_at",
            &[
                ("t", &column.to_string()),
                ("ch", &visible(r.tokens[column])),
                ("k", &SHOWN_ROWS.min(view.values.nrows()).to_string()),
            ],
        )
    } else {
        fill(
            lang,
            "block.values_at_col",
            &[("t", "0"), ("k", &SHOWN_ROWS.min(view.values.nrows()).to_string())],
        )
    };
    let values = (0..SHOWN_ROWS.min(view.values.nrows())).map(|row| {
        let v = fixed(view.values[(row, column)], 4);
        html! { <li>{ fill(lang, "block.row_value", &[("r", &row.to_string()), ("v", &v)]) }</li> }
    });
    let weights = s.part.weight_shapes(r.dims);
    let params = if weights.is_empty() {
        html! { <p>{ t(lang, "block.params_none") }</p> }
    } else {
        let lines = weights.iter().map(|(name, shape)| {
            let shape_text = format!(
                "({})",
                shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
            );
            let n = grouped(shape.iter().product());
            html! { <li><code>{ fill(lang, "block.weight_line", &[("name", name), ("shape", &shape_text), ("n", &n)]) }</code></li> }
        });
        html! {
            <>
                <p>{ fill(lang, "block.params_box", &[("n", &grouped(s.part.parameters(r.dims)))]) }</p>
                <ul class="weights">{ for lines }</ul>
            </>
        }
    };

    let changes =
        stream_changes(&r.x, &r.traces).into_iter().enumerate().map(|(i, (change, size))| {
            let text = fill(
                lang,
                "block.stream_change",
                &[("n", &(i + 1).to_string()), ("d", &fixed(change, 3)), ("m", &fixed(size, 3))],
            );
            html! { <li>{ text }</li> }
        });

    // The parameter table: this toy block and a mamba-130m block, box by box.
    let big_total = MAMBA_130M.parameter_count() + MAMBA_130M.d_model;
    let toy_total = r.dims.parameter_count() + r.dims.d_model;
    let table_rows = Part::ALL.iter().filter(|p| !p.weights().is_empty()).map(|&p| {
        let big = p.parameters(MAMBA_130M);
        let share = format!("{:.1} %", 100.0 * big as f64 / big_total as f64);
        html! {
            <tr class={classes!((p == s.part).then_some("current"))}>
                <th scope="row">{ t(lang, &format!("block.part_{}", p.slug())) }</th>
                <td>{ grouped(p.parameters(r.dims)) }</td>
                <td>{ grouped(big) }</td>
                <td>{ share }</td>
            </tr>
        }
    });
    let counts: Vec<usize> = Part::ALL.iter().map(|p| p.parameters(r.dims)).collect();

    // Controls.
    let on_text = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |e: InputEvent| {
            if e.is_composing() {
                return;
            }
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                set.emit(s.with_text(&input.value()));
            }
        })
    };
    let set_num = |f: fn(&mut BlockLesson, f64)| {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: f64| {
            let mut next = (*s).clone();
            f(&mut next, v);
            set.emit(next);
        })
    };
    let on_part = {
        let (s, set, hover) = (s.clone(), set.clone(), hover.clone());
        Callback::from(move |part: Part| {
            hover.set(None);
            set.emit(BlockLesson { part, ..(*s).clone() });
        })
    };
    let on_view = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: String| {
            if let Some(view) = SsmView::ALL.into_iter().find(|x| x.slug() == v) {
                set.emit(BlockLesson { view, ..(*s).clone() });
            }
        })
    };
    let on_two = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |two: bool| {
            set.emit(BlockLesson { two, block: if two { s.block } else { 0 }, ..(*s).clone() })
        })
    };
    let on_block = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: String| {
            let block = v.parse::<usize>().unwrap_or(0).min(1);
            set.emit(BlockLesson { block, ..(*s).clone() });
        })
    };
    let on_attention = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |attention: usize| set.emit(BlockLesson { attention, ..(*s).clone() }))
    };
    let view_options: Vec<(AttrValue, AttrValue)> = SsmView::ALL
        .iter()
        .map(|v| (v.slug().into(), t(lang, &format!("block.ssm_{}", v.slug())).into()))
        .collect();
    let block_options: Vec<(AttrValue, AttrValue)> = (0..2)
        .map(|i| {
            (
                i.to_string().into(),
                fill(lang, "block.block_n", &[("n", &(i + 1).to_string())]).into(),
            )
        })
        .collect();
    let eq_caption = fill(
        lang,
        "block.eq_caption",
        &[
            ("d", &r.dims.d_model.to_string()),
            ("di", &r.dims.d_inner.to_string()),
            ("n", &r.dims.d_state.to_string()),
        ],
    );
    let recurrent = fill(lang, "block.recurrent", &[("e", &sci(r.recurrent_gap))]);
    let equations = equations();

    html! {
        <>
            <Prose keys={vec!["block.intro1", "block.intro2"]} />
            <section class="panel">
                <div class="controls">
                    <div class="control text">
                        <label for="block-text">{ t(lang, "block.text_label") }</label>
                        <input type="text" id="block-text" maxlength={MAX_TOKENS.to_string()} value={s.text.clone()} oninput={on_text} />
                    </div>
                    <Slider id="block-seed" label={t(lang, "block.seed")} value={s.seed as f64} min={1.0} max={99.0} step={1.0} digits={0}
                            on_change={set_num(|s, v| s.seed = v as u64)} />
                    <Slider id="block-n" label={t(lang, "block.d_state")} value={s.d_state as f64} min={1.0} max={16.0} step={1.0} digits={0}
                            on_change={set_num(|s, v| s.d_state = v as usize)} />
                    <Toggle id="block-two" label={t(lang, "block.two")} checked={s.two} on_change={on_two} />
                    if s.two {
                        <Select id="block-which" label={t(lang, "block.which")} options={block_options}
                                selected={AttrValue::from(block.to_string())} on_change={on_block} />
                    }
                </div>
                if empty { <Banner kind={BannerKind::Info} text={t(lang, "block.empty")} /> }
                <BlockDiagram selected={s.part} counts={counts} on_select={on_part} />
                <div class="row inspect">
                    <div class="inspect-map">
                        <Figure draw={map_draw} label={t(lang, "block.map_label")} aspect={0.62} on_hover={on_hover} />
                        <div class="controls">
                            if by_token {
                                <Slider id="block-token" label={t(lang, "block.token")} value={s.token.min(len - 1) as f64} min={0.0}
                                        max={(len - 1) as f64} step={1.0} digits={0}
                                        on_change={set_num(|s, v| s.token = v as usize)} />
                            }
                            if s.part == Part::Ssm {
                                <Select id="block-view" label={t(lang, "block.ssm_view")} options={view_options}
                                        selected={AttrValue::from(s.view.slug())} on_change={on_view} />
                            }
                        </div>
                    </div>
                    <div class="inspect-info">
                        <h3>{ part_name }</h3>
                        <p>{ t(lang, &format!("block.desc_{}", s.part.slug())) }</p>
                        <p class="readout">{ caption.clone() }</p>
                        <p>{ head }</p>
                        <ul class="readout values">{ for values }</ul>
                        <p class="readout">{ fill(lang, "block.range", &[("min", &fixed(lo, 4)), ("max", &fixed(hi, 4))]) }</p>
                        { params }
                    </div>
                </div>
                { for equations.iter().map(|m| html! { <Equation mathml={m.clone().block()} /> }) }
                <p class="equation-caption">{ eq_caption }</p>
                <p class="readout recurrent">{ recurrent }</p>
            </section>

            <h2>{ t(lang, "block.table_h") }</h2>
            <section class="panel">
                <table class="data params">
                    <caption>{ t(lang, "block.table_caption") }</caption>
                    <thead><tr>
                        <th scope="col">{ t(lang, "block.col_box") }</th>
                        <th scope="col">{ t(lang, "block.col_toy") }</th>
                        <th scope="col">{ t(lang, "block.col_big") }</th>
                        <th scope="col">{ t(lang, "block.col_share") }</th>
                    </tr></thead>
                    <tbody>
                        { for table_rows }
                        <tr class="total">
                            <th scope="row">{ t(lang, "block.total") }</th>
                            <td>{ grouped(toy_total) }</td>
                            <td>{ grouped(big_total) }</td>
                            <td>{ "100 %" }</td>
                        </tr>
                    </tbody>
                </table>
                <p>{ t(lang, "block.params_note") }</p>
            </section>

            <h2>{ t(lang, "block.stack_h") }</h2>
            <Prose keys={vec!["block.stack1", "block.stack2"]} />
            <section class="panel">
                <Figure draw={(*stream_draw).clone()} label={t(lang, "block.stream_label")} aspect={0.2 * (r.traces.len() + 1) as f64} />
                <ul class="readout changes">{ for changes }</ul>
            </section>

            <h2>{ t(lang, "block.hybrid_h") }</h2>
            <Prose keys={vec!["block.hybrid1", "block.hybrid2", "block.hybrid3"]} />
            <HybridSection attention={s.attention} on_change={on_attention} />
            <TryThis keys={vec!["block.try1", "block.try2", "block.try3", "block.try4", "block.try5"]} />
        </>
    }
}
