//! Lesson 10, `#/scan`: the parallel scan step by step. A Blelloch (or Hillis–Steele) scan of
//! digits under + and then of the (a, b) pairs of a selective SSM, stepped through as a tree,
//! each step checked against the sequential loop; why it works (the pairs compose associatively,
//! not commutatively: a step is an affine map, and affine maps compose into affine maps); work
//! and depth as n grows; and the same scan run on the GPU. The bench page is `scan_bench`.

use super::numbers::{fixed, ms, sci};
use super::scan_tree::{
    Shown, Traced, TreeModel, TreeView, check_text, combine_view, combines, stage_text, tree_model,
};
use crate::course::Lesson;
use crate::course::compute::Engine;
use crate::course::scan::{COST_K, Example, LONG_K, N_RANGE, ScanLesson, positions};
use crate::explain::scan::{
    Measured, PairExample, Swapped, check_result, check_trace, digits, max_scaled_difference,
    sequential_states, ssm_pairs,
};
use crate::gpu::{AdapterSummary, GpuError, ScanProblem};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, equals, mi, mo, paren, row, sub, text};
use crate::plot::{
    LineChart, LogLogChart, Series, SeriesStyle, clip_segment, line_chart, log_log_chart, palette,
};
use crate::route::Route;
use crate::ssm::scan::cost;
use crate::ssm::{
    BRule, Monoid, Result as SsmResult, ScanAlgorithm, SsmPair, Sum, inclusive_scan,
    scan_sequential, selective_scan, trace_blelloch, trace_hillis_steele,
};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, PlayControls, Prose, Question, Select, Slider,
    TryThis,
};
use crate::ui::compute::{
    ComputePicker, choose_engine, engine_text, error_text, forget_gpu_session, gpu_session,
    length_text, now_ms, reason_text, use_compute_preference, yield_to_browser,
};
use crate::ui::hooks::{use_interval, use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use plotters::style::RGBColor;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Runs the traced scan of `input` and checks every step and the result.
fn traced<T: Shown>(input: &[T], algorithm: ScanAlgorithm) -> SsmResult<Traced<T>> {
    let trace = match algorithm {
        ScanAlgorithm::HillisSteele => trace_hillis_steele(input)?,
        _ => trace_blelloch(input)?,
    };
    let checks = check_trace(&trace, 1e-12)?;
    let result = check_result(&trace, 1e-12);
    Ok(Traced { trace, checks, result })
}

/// A change to the lesson's state, applied to the latest state by the stable `update`
/// callback (so that sections whose inputs did not change are not drawn again).
type Edit = Rc<dyn Fn(&mut ScanLesson)>;

/// A slider's callback that applies `f` with the slider's value through `update`.
fn edit(update: &Callback<Edit>, f: fn(&mut ScanLesson, f64)) -> Callback<f64> {
    update.reform(move |v: f64| -> Edit { Rc::new(move |s: &mut ScanLesson| f(s, v)) })
}

/// Both examples of the current settings, traced.
struct Examples {
    sums: Traced<Sum>,
    pairs: Traced<SsmPair>,
    pair_example: PairExample,
    sums_tree: Rc<TreeModel>,
    pairs_tree: Rc<TreeModel>,
}

fn examples(lang: Lang, algorithm: ScanAlgorithm, n: usize, seed: u64) -> SsmResult<Examples> {
    let pair_example = ssm_pairs(n, seed)?;
    let sums = traced(&digits(n, seed), algorithm)?;
    let pairs = traced(&pair_example.pairs, algorithm)?;
    Ok(Examples {
        sums_tree: Rc::new(tree_model(lang, &sums)),
        pairs_tree: Rc::new(tree_model(lang, &pairs)),
        sums,
        pairs,
        pair_example,
    })
}

/// A GPU run of the lesson's example: the adapter, its results and the CPU's.
#[derive(Clone, PartialEq)]
enum GpuRun {
    Idle,
    Running,
    Done {
        adapter: AdapterSummary,
        gpu: Vec<f64>,
        cpu: Vec<f64>,
        diff: f64,
        gpu_ms: f64,
        cpu_ms: f64,
    },
    Failed(String),
}

/// The example of length `len` (digits or pairs from `seed`) on the GPU and on the CPU: the
/// running sums or the states h_t from both, and their times.
async fn run_both(
    example: Example,
    len: usize,
    seed: u64,
) -> Result<(AdapterSummary, Vec<f64>, f64, Vec<f64>, f64), GpuError> {
    let session = gpu_session().await?;
    let (gpu, gpu_ms, cpu, cpu_ms) = match example {
        Example::Sums => {
            let values = digits(len, seed);
            let f32s: Vec<f32> = values.iter().map(|v| v.0 as f32).collect();
            let start = now_ms();
            let gpu = session.prefix.run(&session.ctx, &f32s).await?;
            let gpu_ms = now_ms() - start;
            yield_to_browser().await;
            let start = now_ms();
            let cpu: Vec<f64> = scan_sequential(&values).iter().map(|s| s.0).collect();
            (gpu.iter().map(|&x| f64::from(x)).collect(), gpu_ms, cpu, now_ms() - start)
        }
        Example::Pairs => {
            let example = ssm_pairs(len, seed).map_err(|e| GpuError::Input(e.to_string()))?;
            let start = now_ms();
            let problem = ScanProblem::from_input(&example.input, BRule::Euler)?;
            let out = session.scan.run(&session.ctx, &problem).await?;
            let gpu_ms = now_ms() - start;
            yield_to_browser().await;
            let start = now_ms();
            let cpu = selective_scan(&example.input, BRule::Euler, ScanAlgorithm::Sequential)
                .map_err(|e| GpuError::Input(e.to_string()))?;
            let cpu_ms = now_ms() - start;
            (
                out.y.iter().map(|&x| f64::from(x)).collect(),
                gpu_ms,
                cpu.y.iter().copied().collect(),
                cpu_ms,
            )
        }
    };
    Ok((session.adapter.clone(), gpu, gpu_ms, cpu, cpu_ms))
}

/// A run of the long scan on the engine the preference chose.
#[derive(Clone, PartialEq)]
enum LongRun {
    Idle,
    Running,
    Done {
        len: usize,
        engine: Engine,
        cpu_ms: f64,
        gpu_ms: Option<f64>,
        diff: Option<f64>,
        note: Option<String>,
    },
}

#[function_component(ScanLessonView)]
pub(crate) fn scan_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<ScanLesson>(Route::Lesson(Lesson::Scan, None));
    use_update_measure("scan", &*s);
    let playing = use_state(|| false);

    let examples = use_memo((lang, s.algorithm, s.n, s.seed), |&(lang, algorithm, n, seed)| {
        examples(lang, algorithm, n, seed)
    });
    // Picking a combine reads the latest state, so that the callback keeps its identity and the
    // tree's rows that did not change are not drawn again.
    let latest = use_mut_ref(|| ((*s).clone(), set.clone()));
    *latest.borrow_mut() = ((*s).clone(), set.clone());
    let update = {
        let latest = latest.clone();
        use_callback((), move |f: Edit, _| {
            let (mut s, set) = latest.borrow().clone();
            f(&mut s);
            set.emit(s);
        })
    };
    let on_pick = use_callback((), move |k: usize, _| {
        let (s, set) = latest.borrow().clone();
        set.emit(ScanLesson { pick: k, ..s });
    });
    // The figures are rebuilt only when what they show changes, so that stepping the tree does
    // not redraw them (a figure given the same draw function is not drawn again).
    let composition =
        use_memo((lang, s.n, s.seed, s.at, s.h0.to_bits()), |&(lang, n, seed, at, h0)| {
            let pairs = ssm_pairs(n, seed).map(|ex| ex.pairs).unwrap_or_default();
            let at = at.min(pairs.len().saturating_sub(3));
            let (p, q) = match (pairs.get(at), pairs.get(at + 1)) {
                (Some(&p), Some(&q)) => (p, q),
                _ => (SsmPair::identity(), SsmPair::identity()),
            };
            composition_draw(lang, p, q, at, f64::from_bits(h0))
        });
    let cost_figure = use_memo((lang, s.cost_k), |&(lang, k)| cost_draw(lang, 1 << k));
    let ex = match &*examples {
        Ok(ex) => ex,
        Err(e) => return html! { <Banner kind={BannerKind::Warning} text={e.to_string()} /> },
    };
    let last = positions(&ex.pairs.trace) - 1;
    let pos = s.pos.min(last);

    let go = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |to: usize| {
            set.emit(ScanLesson { pos: to.min(last), pick: 0, ..(*s).clone() });
        })
    };
    {
        let (go, playing) = (go.clone(), playing.clone());
        let at_end = pos >= last;
        use_interval(
            (*playing && !at_end).then_some(900),
            Callback::from(move |_| go.emit(pos + 1)),
        );
        if *playing && at_end {
            playing.set(false);
        }
    }
    let toggle = {
        let (playing, go) = (playing.clone(), go.clone());
        Callback::from(move |_| {
            if !*playing && pos >= last {
                go.emit(0);
            }
            playing.set(!*playing);
        })
    };
    let step = {
        let go = go.clone();
        Callback::from(move |_| go.emit(pos + 1))
    };
    let back = {
        let go = go.clone();
        Callback::from(move |_| go.emit(pos.saturating_sub(1)))
    };
    let reset = {
        let (go, playing) = (go.clone(), playing.clone());
        Callback::from(move |_| {
            playing.set(false);
            go.emit(0);
        })
    };
    let on_tree_key = {
        let (toggle, step, back, reset) =
            (toggle.clone(), step.clone(), back.clone(), reset.clone());
        Callback::from(move |e: KeyboardEvent| {
            let action = match e.key().as_str() {
                " " => &toggle,
                "ArrowRight" => &step,
                "ArrowLeft" => &back,
                "Home" => &reset,
                _ => return,
            };
            e.prevent_default();
            action.emit(());
        })
    };

    // The stepper, for whichever example is chosen.
    let p = ex.pairs.trace.padded_len;
    let stepper = match s.example {
        Example::Sums => stepper_body(lang, &ex.sums, &ex.sums_tree, pos, s.pick, on_pick.clone()),
        Example::Pairs => {
            stepper_body(lang, &ex.pairs, &ex.pairs_tree, pos, s.pick, on_pick.clone())
        }
    };
    let (stage_title, stage_body) =
        stage_text(lang, crate::course::scan::stage_at(&ex.pairs.trace, pos), s.n, p);
    let example_button = |example: Example, key: &'static str| {
        let (s, set) = (s.clone(), set.clone());
        let pressed = s.example == example;
        html! {
            <button type="button" class={classes!(pressed.then_some("primary"))} aria-pressed={pressed.to_string()}
                    id={format!("scan-example-{}", example.name())}
                    onclick={Callback::from(move |_| set.emit(ScanLesson { example, ..(*s).clone() }))}>
                { t(lang, key) }
            </button>
        }
    };
    let algorithms = vec![
        (AttrValue::from("blelloch"), AttrValue::from(t(lang, "scan.algo_blelloch"))),
        (AttrValue::from("hillis_steele"), AttrValue::from(t(lang, "scan.algo_hillis"))),
    ];
    let on_algorithm = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |name: String| {
            let algorithm = ScanAlgorithm::from_name(&name).unwrap_or(ScanAlgorithm::Blelloch);
            set.emit(ScanLesson { algorithm, pos: 0, pick: 0, ..(*s).clone() });
        })
    };
    let shuffle = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |_| {
            set.emit(ScanLesson { seed: s.seed.wrapping_add(1), ..(*s).clone() })
        })
    };

    html! {
        <>
            <Prose keys={vec!["scan.intro1", "scan.intro2", "scan.intro3"]} />
            <section class="panel stepper">
                <div class="example-switch" role="group" aria-label={t(lang, "scan.example_label")}>
                    { example_button(Example::Sums, "scan.example_sums") }
                    { example_button(Example::Pairs, "scan.example_pairs") }
                </div>
                <div class="controls">
                    <Select id="scan-algorithm" label={t(lang, "scan.algorithm")} options={algorithms}
                            selected={s.algorithm.name()} on_change={on_algorithm} />
                    <Slider id="scan-n" label={t(lang, "scan.n")} value={s.n as f64} min={N_RANGE.0 as f64}
                            max={N_RANGE.1 as f64} step={1.0} digits={0}
                            on_change={edit(&update, |s, v| { s.n = v as usize; s.at = s.at.min(s.n - 3); })} />
                    <button type="button" id="scan-shuffle" onclick={shuffle}>{ t(lang, "scan.shuffle") }</button>
                </div>
                <PlayControls playing={*playing} on_toggle={toggle} on_step={step} on_back={Some(back)} on_reset={reset}
                    position={fill(lang, "scan.position", &[("k", &pos.to_string()), ("n", &last.to_string())])} />
                <h3 class="stage-title" aria-live="polite">{ stage_title }</h3>
                <p class="stage-body">{ stage_body }</p>
                <div class="tree-box" tabindex="0" data-keys="" onkeydown={on_tree_key} aria-label={t(lang, "scan.tree_keys")}>
                    { stepper.tree }
                </div>
                <p class="hint">{ t(lang, "scan.tree_hint") }</p>
                { stepper.details }
                if s.example == Example::Pairs { <PairTable examples={examples.clone()} /> }
            </section>
            <Prose keys={vec!["scan.pairs_intro"]} />
            <QuestionSection examples={examples.clone()} at={s.at} h0={s.h0} draw={(*composition).clone()} update={update.clone()} />
            <CostSection cost_k={s.cost_k} draw={(*cost_figure).clone()} update={update.clone()} />
            <GpuSection example={s.example} n={s.n} seed={s.seed} long_k={s.long_k} update={update} />
            <TryThis keys={vec!["scan.try1", "scan.try2", "scan.try3", "scan.try4"]} />
        </>
    }
}

/// The tree and the panel under it (the picked combine and the check).
struct Stepper {
    tree: Html,
    details: Html,
}

fn stepper_body<T: Shown>(
    lang: Lang,
    traced: &Traced<T>,
    model: &Rc<TreeModel>,
    pos: usize,
    pick: usize,
    on_pick: Callback<usize>,
) -> Stepper {
    let (count, _) = combines(traced, pos, 0);
    let pick = pick.min(count.saturating_sub(1));
    let (_, combine) = combines(traced, pos, pick);
    let (check, ok) = check_text(lang, traced, pos);
    let nav = |delta: isize| {
        let on_pick = on_pick.clone();
        let to = (pick as isize + delta).clamp(0, count.saturating_sub(1) as isize) as usize;
        Callback::from(move |_: MouseEvent| on_pick.emit(to))
    };
    let details = html! {
        <div class="step-details">
            <p class={classes!("check", if ok { "ok" } else { "bad" })} role="status" id="scan-check">{ check }</p>
            <p class="hint">{ t(lang, if T::TALL { "scan.check_pairs" } else { "scan.check_sums" }) }</p>
            <div class="combine-box">
                if let Some(c) = &combine {
                    <div class="combine-nav" role="group" aria-label={t(lang, "scan.combine_nav")}>
                        <button type="button" id="scan-pick-prev" onclick={nav(-1)} disabled={pick == 0}
                                aria-label={t(lang, "scan.pick_prev")}>{ "◀" }</button>
                        <span class="combine-count">{ fill(lang, "scan.combine_k", &[("k", &(pick + 1).to_string()), ("n", &count.to_string())]) }</span>
                        <button type="button" id="scan-pick-next" onclick={nav(1)} disabled={pick + 1 >= count}
                                aria-label={t(lang, "scan.pick_next")}>{ "▶" }</button>
                    </div>
                    { combine_view(lang, traced, pos, c) }
                } else {
                    <p class="hint">{ t(lang, "scan.no_combine") }</p>
                }
            </div>
        </div>
    };
    let tree = html! {
        <TreeView model={Rc::clone(model)} pos={pos} pick={pick} label={t(lang, "scan.tree_label")} on_pick={on_pick} />
    };
    Stepper { tree, details }
}

/// The pair example's tokens: Δ_t, u_t, and the pairs they make.
#[derive(Properties)]
struct PairTableProps {
    examples: Rc<SsmResult<Examples>>,
}

impl PartialEq for PairTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.examples, &other.examples)
    }
}

#[function_component(PairTable)]
fn pair_table(props: &PairTableProps) -> Html {
    let lang = use_lang();
    let Ok(ex) = &*props.examples else { return html! {} };
    let ex: &PairExample = &ex.pair_example;
    let n = ex.pairs.len();
    let row_of = |label: Html, values: Vec<String>| {
        html! {
            <tr><th scope="row">{ label }</th>{ for values.into_iter().map(|v| html! { <td>{ v }</td> }) }</tr>
        }
    };
    let sym = |m: Math| html! { <Equation mathml={m.inline()} /> };
    let definition = equals([
        row([mi("a"), mo(","), mi("b")]),
        paren(row([
            crate::mathml::exp(row([sub(mi("Δ"), mi("t")), mo("·"), mi("A")])),
            mo(","),
            sub(mi("Δ"), mi("t")),
            mo("·"),
            sub(mi("B"), mi("t")),
            mo("·"),
            sub(mi("u"), mi("t")),
        ])),
    ]);
    html! {
        <div class="pair-table">
            <Equation mathml={definition.block()} caption={t(lang, "scan.pairs_caption")} />
            <div class="scroll">
                <table class="data">
                    <thead><tr><th scope="col">{ "t" }</th>{ for (0..n).map(|t| html! { <th scope="col">{ t }</th> }) }</tr></thead>
                    <tbody>
                        { row_of(sym(sub(mi("Δ"), mi("t"))), ex.input.delta.iter().map(|&x| fixed(x, 1)).collect()) }
                        { row_of(sym(sub(mi("u"), mi("t"))), ex.input.u.iter().map(|&x| fixed(x, 1)).collect()) }
                        { row_of(sym(sub(mi("a"), mi("t"))), ex.pairs.iter().map(|p| fixed(p.a, 3)).collect()) }
                        { row_of(sym(sub(mi("b"), mi("t"))), ex.pairs.iter().map(|p| fixed(p.b, 3)).collect()) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The notes' question, answered with the live pairs: associativity, order, and composition.
#[derive(Properties)]
struct QuestionProps {
    examples: Rc<SsmResult<Examples>>,
    at: usize,
    h0: f64,
    draw: DrawFn,
    update: Callback<Edit>,
}

impl PartialEq for QuestionProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.examples, &other.examples)
            && self.at == other.at
            && self.h0 == other.h0
            && Rc::ptr_eq(&self.draw, &other.draw)
            && self.update == other.update
    }
}

#[function_component(QuestionSection)]
fn question(props: &QuestionProps) -> Html {
    let lang = use_lang();
    let Ok(ex) = &*props.examples else { return html! {} };
    let (pairs, sums) = (&ex.pairs.trace.input, &ex.sums.trace.input);
    let draw = props.draw.clone();
    let at = props.at.min(pairs.len() - 3);
    let (p, q, r) = (pairs[at], pairs[at + 1], pairs[at + 2]);
    let (pq, qr) = (p.combine(&q), q.combine(&r));
    let (left, right) = (pq.combine(&r), p.combine(&qr));
    let qp = q.combine(&p);
    let name = |s: &str| mi(s);
    let triple = equals([
        row([name("p"), mo(","), name("q"), mo(","), name("r")]),
        row([p.math(), mo(","), q.math(), mo(","), r.math()]),
    ]);
    let grouping = equals([
        row([paren(row([name("p"), mo("∘"), name("q")])), mo("∘"), name("r")]),
        row([pq.math(), mo("∘"), r.math()]),
        left.math(),
    ]);
    let other = equals([
        row([name("p"), mo("∘"), paren(row([name("q"), mo("∘"), name("r")]))]),
        row([p.math(), mo("∘"), qr.math()]),
        right.math(),
    ]);
    let orders = row([
        name("p"),
        mo("∘"),
        name("q"),
        mo("="),
        pq.math(),
        text("   "),
        mo("≠"),
        text("   "),
        name("q"),
        mo("∘"),
        name("p"),
        mo("="),
        qp.math(),
    ]);
    let swapped_pairs: Vec<Swapped<SsmPair>> = pairs.iter().copied().map(Swapped).collect();
    let wrong: Vec<f64> =
        inclusive_scan(&swapped_pairs, ScanAlgorithm::Blelloch).iter().map(|x| x.0.b).collect();
    let pair_error = max_scaled_difference(&wrong, &sequential_states(pairs));
    let swapped_sums: Vec<Swapped<Sum>> = sums.iter().copied().map(Swapped).collect();
    let wrong_sums: Vec<f64> =
        inclusive_scan(&swapped_sums, ScanAlgorithm::Blelloch).iter().map(|x| x.0.0).collect();
    let right_sums: Vec<f64> = scan_sequential(sums).iter().map(|x| x.0).collect();
    let sum_error = max_scaled_difference(&wrong_sums, &right_sums);

    let h0 = props.h0;
    let on_at = edit(&props.update, |s, v| s.at = v as usize);
    let on_h0 = edit(&props.update, |s, v| s.h0 = v);
    html! {
        <Question question="scan.q">
            <Prose keys={vec!["scan.q_answer1"]} />
            <div class="controls">
                <Slider id="scan-at" label={t(lang, "scan.at")} value={at as f64} min={0.0} max={(pairs.len() - 3) as f64} step={1.0} digits={0} on_change={on_at} />
            </div>
            <Equation mathml={triple.block()} />
            <Equation mathml={grouping.block()} />
            <Equation mathml={other.block()} caption={fill(lang, "scan.assoc_caption", &[("err", &sci(left.distance(&right)))])} />
            <Prose keys={vec!["scan.q_answer2"]} />
            <Equation mathml={orders.block()} caption={t(lang, "scan.order_caption")} />
            <p class="readout" id="scan-swapped">{ fill(lang, "scan.swapped", &[("pairs", &format!("{pair_error:.3}")), ("sums", &format!("{sum_error}"))]) }</p>
            <Prose keys={vec!["scan.q_answer3"]} />
            <div class="controls">
                <Slider id="scan-h0" label={t(lang, "scan.h0")} value={h0} min={-2.0} max={2.0} step={0.1} digits={1} on_change={on_h0} />
            </div>
            <Figure draw={draw} label={t(lang, "scan.fig_label")} aspect={0.55} />
            <p class="readout">{ fill(lang, "scan.path_readout", &[
                ("h0", &fixed(h0, 2)), ("ph", &fixed(p.apply(h0), 3)), ("qph", &fixed(q.apply(p.apply(h0)), 3)), ("pqh", &fixed(pq.apply(h0), 3)),
            ]) }</p>
            <Prose keys={vec!["scan.q_answer4"]} />
        </Question>
    }
}

/// The composition figure: the steps p and q as lines, p∘q, and the path of h through both.
fn composition_draw(lang: Lang, p: SsmPair, q: SsmPair, at: usize, h0: f64) -> DrawFn {
    let pq = p.combine(&q);
    let labels = [
        fill(lang, "scan.fig_p", &[("i", &at.to_string())]),
        fill(lang, "scan.fig_q", &[("i", &(at + 1).to_string())]),
        t(lang, "scan.fig_pq").to_owned(),
        t(lang, "scan.fig_diagonal").to_owned(),
        t(lang, "scan.fig_path").to_owned(),
        t(lang, "scan.fig_points").to_owned(),
    ];
    let axes = (t(lang, "scan.fig_x").to_owned(), t(lang, "scan.fig_y").to_owned());
    Rc::new(move |area, theme| {
        // An affine map is a straight line: its two ends inside the chart, so the canvas draws
        // one clean segment.
        let line = |m: SsmPair| {
            clip_segment(((-2.5, 2.5), (-4.0, 4.0)), (-2.5, m.apply(-2.5)), (2.5, m.apply(2.5)))
                .map_or_else(Vec::new, |(a, b)| vec![a, b])
        };
        let ph = p.apply(h0);
        let path = vec![(h0, p.apply(h0)), (ph, ph), (ph, q.apply(ph)), (h0, pq.apply(h0))];
        let chart = LineChart {
            x_label: &axes.0,
            y_label: &axes.1,
            series: vec![
                Series {
                    label: &labels[0],
                    points: line(p),
                    color: palette::BLUE,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: &labels[1],
                    points: line(q),
                    color: palette::GREEN,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: &labels[2],
                    points: line(pq),
                    color: palette::RED,
                    style: SeriesStyle::Dashed,
                },
                Series {
                    label: &labels[3],
                    points: vec![(-2.5, -2.5), (2.5, 2.5)],
                    color: palette::MARK,
                    style: SeriesStyle::Dashed,
                },
                Series {
                    label: &labels[4],
                    points: path,
                    color: palette::ORANGE,
                    style: SeriesStyle::Line,
                },
                Series {
                    label: &labels[5],
                    points: vec![(h0, p.apply(h0)), (ph, q.apply(ph)), (h0, pq.apply(h0))],
                    color: palette::INK,
                    style: SeriesStyle::Points,
                },
            ],
            marker_x: Some(h0),
            y_limit: Some((-4.0, 4.0)),
            x_range: Some((-2.5, 2.5)),
            ..LineChart::default()
        };
        line_chart(area, &chart, theme).map(|_| None)
    })
}

/// The three algorithms of the cost panel, with their names and colours.
const ALGORITHMS: [(ScanAlgorithm, &str, RGBColor); 3] = [
    (ScanAlgorithm::Sequential, "scan.algo_sequential", palette::INK),
    (ScanAlgorithm::HillisSteele, "scan.algo_hillis", palette::GREEN),
    (ScanAlgorithm::Blelloch, "scan.algo_blelloch", palette::BLUE),
];

/// The cost figure: work and depth of each algorithm against n, marked at `n`.
fn cost_draw(lang: Lang, n: usize) -> DrawFn {
    let labels: Vec<(String, String)> = ALGORITHMS
        .iter()
        .map(|&(_, key, _)| {
            (
                fill(lang, "scan.cost_work", &[("a", t(lang, key))]),
                fill(lang, "scan.cost_depth", &[("a", t(lang, key))]),
            )
        })
        .collect();
    let axes = (t(lang, "scan.cost_x").to_owned(), t(lang, "scan.cost_y").to_owned());
    Rc::new(move |area, theme| {
        let ns: Vec<usize> = (COST_K.0..=COST_K.1).map(|k| 1usize << k).collect();
        let mut series = Vec::new();
        for (&(a, _, color), (work, depth)) in ALGORITHMS.iter().zip(&labels) {
            series.push(Series {
                label: work,
                points: ns.iter().map(|&n| (n as f64, cost(a, n).work as f64)).collect(),
                color,
                style: SeriesStyle::Line,
            });
            series.push(Series {
                label: depth,
                points: ns.iter().map(|&n| (n as f64, cost(a, n).depth as f64)).collect(),
                color,
                style: SeriesStyle::Dashed,
            });
        }
        let chart =
            LogLogChart { x_label: &axes.0, y_label: &axes.1, series, marker_x: Some(n as f64) };
        log_log_chart(area, &chart, theme).map(|_| None)
    })
}

/// Work and depth of the three algorithms as n grows.
#[derive(Properties)]
struct CostProps {
    cost_k: usize,
    draw: DrawFn,
    update: Callback<Edit>,
}

impl PartialEq for CostProps {
    fn eq(&self, other: &Self) -> bool {
        self.cost_k == other.cost_k
            && Rc::ptr_eq(&self.draw, &other.draw)
            && self.update == other.update
    }
}

#[function_component(CostSection)]
fn cost_panel(props: &CostProps) -> Html {
    let lang = use_lang();
    let (draw, cost_k) = (props.draw.clone(), props.cost_k);
    let on_k = edit(&props.update, |s, v| s.cost_k = v as usize);
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
                <table class="data cost-table">
                    <thead><tr><th scope="col">{ fill(lang, "scan.cost_for", &[("n", &n.to_string())]) }</th>
                        <th scope="col">{ t(lang, "scan.cost_work_col") }</th><th scope="col">{ t(lang, "scan.cost_depth_col") }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <Figure draw={draw} label={t(lang, "scan.cost_label")} aspect={0.6} />
            </div>
            <p class="hint">{ t(lang, "scan.cost_note") }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct GpuProps {
    example: Example,
    n: usize,
    seed: u64,
    long_k: usize,
    update: Callback<Edit>,
}

/// Running the lesson's scan on WebGPU, and a longer one on the preferred engine.
#[function_component(GpuSection)]
fn gpu_panel(props: &GpuProps) -> Html {
    let lang = use_lang();
    let gpu_run = &use_state(|| GpuRun::Idle);
    let long_run = &use_state(|| LongRun::Idle);
    let (preference, set_preference) = use_compute_preference();
    let on_long = edit(&props.update, |s, v| s.long_k = v as usize);
    let (example, n, seed, long_k) = (props.example, props.n, props.seed, props.long_k);
    let run = {
        let gpu_run = gpu_run.clone();
        Callback::from(move |_: MouseEvent| {
            gpu_run.set(GpuRun::Running);
            let gpu_run = gpu_run.clone();
            spawn_local(async move {
                gpu_run.set(match run_both(example, n, seed).await {
                    Ok((adapter, gpu, gpu_ms, cpu, cpu_ms)) => {
                        let diff = max_scaled_difference(&gpu, &cpu);
                        GpuRun::Done { adapter, gpu, cpu, diff, gpu_ms, cpu_ms }
                    }
                    Err(e) => {
                        forget_gpu_session();
                        GpuRun::Failed(error_text(lang, &e))
                    }
                });
            });
        })
    };
    let len = 1usize << long_k;
    let (engine, reason) = choose_engine(preference, len);
    let run_long = {
        let long_run = long_run.clone();
        Callback::from(move |_: MouseEvent| {
            long_run.set(LongRun::Running);
            let long_run = long_run.clone();
            spawn_local(async move {
                yield_to_browser().await;
                long_run.set(long_scan(lang, example, len, seed, engine).await);
            });
        })
    };
    let result = match &**gpu_run {
        GpuRun::Idle => html! { <p class="hint">{ t(lang, "scan.gpu_idle") }</p> },
        GpuRun::Running => {
            html! { <p class="hint" role="status">{ t(lang, "scan.gpu_running") }</p> }
        }
        GpuRun::Failed(message) => {
            html! { <Banner kind={BannerKind::Warning} text={message.clone()} /> }
        }
        GpuRun::Done { adapter, gpu, cpu, diff, gpu_ms, cpu_ms } => {
            let software = adapter.is_software.then(|| t(lang, "scan.gpu_software"));
            let shown = gpu.len().min(8);
            html! {
                <div class="gpu-result" id="scan-gpu-result">
                    <p class="readout">{ fill(lang, "scan.gpu_adapter", &[("name", &adapter.name), ("kind", &adapter.device_type)]) }</p>
                    if let Some(software) = software { <p class="hint">{ software }</p> }
                    <div class="scroll">
                        <table class="data">
                            <tbody>
                                <tr><th scope="row">{ t(lang, "scan.gpu_row_gpu") }</th>{ for gpu[..shown].iter().map(|x| html! { <td>{ fixed(*x, 4) }</td> }) }</tr>
                                <tr><th scope="row">{ t(lang, "scan.gpu_row_cpu") }</th>{ for cpu[..shown].iter().map(|x| html! { <td>{ fixed(*x, 4) }</td> }) }</tr>
                            </tbody>
                        </table>
                    </div>
                    <p class={classes!("readout", "check", if *diff <= 1e-4 { "ok" } else { "bad" })} id="scan-gpu-diff">
                        { fill(lang, "scan.gpu_diff", &[("n", &gpu.len().to_string()), ("diff", &sci(*diff)), ("gpu", &ms(*gpu_ms)), ("cpu", &ms(*cpu_ms))]) }
                    </p>
                </div>
            }
        }
    };
    let long_result = match &**long_run {
        LongRun::Idle => html! {},
        LongRun::Running => {
            html! { <p class="hint" role="status">{ t(lang, "scan.gpu_running") }</p> }
        }
        LongRun::Done { len, engine, cpu_ms, gpu_ms, diff, note } => html! {
            <div id="scan-long-result">
                if let Some(note) = note { <Banner kind={BannerKind::Warning} text={note.clone()} /> }
                <p class="readout">{ match (gpu_ms, diff) {
                    (Some(g), Some(d)) => fill(lang, "scan.long_gpu", &[("l", &length_text(*len)), ("gpu", &ms(*g)), ("cpu", &ms(*cpu_ms)), ("diff", &sci(*d))]),
                    _ => fill(lang, "scan.long_cpu", &[("l", &length_text(*len)), ("cpu", &ms(*cpu_ms)), ("engine", engine_text(lang, *engine))]),
                } }</p>
            </div>
        },
    };
    html! {
        <section class="panel gpu">
            <h2>{ t(lang, "scan.gpu_title") }</h2>
            <Prose keys={vec!["scan.gpu_intro"]} />
            <button type="button" class="primary" id="scan-gpu-run" onclick={run}
                    disabled={**gpu_run == GpuRun::Running}>{ t(lang, "scan.gpu_run") }</button>
            { result }
            <h3>{ t(lang, "scan.long_title") }</h3>
            <div class="controls">
                <Slider id="scan-long" label={t(lang, "scan.long_len")} value={long_k as f64} min={LONG_K.0 as f64} max={LONG_K.1 as f64}
                        step={1.0} digits={0} unit={format!("→ L = {}", length_text(len))} on_change={on_long} />
                <ComputePicker preference={preference} on_change={set_preference} />
            </div>
            <p class="readout" id="scan-engine">{ fill(lang, "scan.long_engine", &[("engine", engine_text(lang, engine)), ("why", &reason_text(lang, reason))]) }</p>
            <button type="button" id="scan-long-run" onclick={run_long} disabled={**long_run == LongRun::Running}>
                { fill(lang, "scan.long_run", &[("l", &length_text(len))]) }
            </button>
            { long_result }
            <p><a class="button" href="#/scan/bench">{ t(lang, "scan.bench_link") }</a></p>
        </section>
    }
}

/// The long scan on the chosen engine; on the GPU, checked against the CPU.
async fn long_scan(lang: Lang, example: Example, len: usize, seed: u64, engine: Engine) -> LongRun {
    if engine == Engine::Gpu {
        match run_both(example, len, seed).await {
            Ok((_, gpu, gpu_ms, cpu, cpu_ms)) => {
                let diff = max_scaled_difference(&gpu, &cpu);
                return LongRun::Done {
                    len,
                    engine,
                    cpu_ms,
                    gpu_ms: Some(gpu_ms),
                    diff: Some(diff),
                    note: None,
                };
            }
            Err(e) => {
                forget_gpu_session();
                let note = Some(error_text(lang, &e));
                let cpu_ms = cpu_only(example, len, seed);
                return LongRun::Done {
                    len,
                    engine: Engine::Cpu,
                    cpu_ms,
                    gpu_ms: None,
                    diff: None,
                    note,
                };
            }
        }
    }
    let cpu_ms = cpu_only(example, len, seed);
    LongRun::Done { len, engine, cpu_ms, gpu_ms: None, diff: None, note: None }
}

/// Milliseconds the CPU takes for the example of length `len`.
fn cpu_only(example: Example, len: usize, seed: u64) -> f64 {
    match example {
        Example::Sums => {
            let values = digits(len, seed);
            let start = now_ms();
            let _ = scan_sequential(&values);
            now_ms() - start
        }
        Example::Pairs => match ssm_pairs(len, seed) {
            Ok(ex) => {
                let start = now_ms();
                let _ = selective_scan(&ex.input, BRule::Euler, ScanAlgorithm::Sequential);
                now_ms() - start
            }
            Err(_) => 0.0,
        },
    }
}
