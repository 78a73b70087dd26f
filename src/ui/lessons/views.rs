//! Lesson 4, `#/views`: one LTI system computed two ways side by side. The recurrence steps
//! through the tokens with its state moving (play / pause / step); the kernel K = (C B̄, C Ā B̄,
//! …) slides over the input; the FFT computes every output at once. The outputs agree to
//! rounding, and cost counters show why training uses the convolution and generation the
//! recurrence.

use super::numbers::short;
use crate::course::Lesson;
use crate::course::views::{DELTA_RANGE, LEN_RANGE, MAX_COST_STATES, ViewsLesson, cost_lengths};
use crate::explain::examples::{Example, Tokens};
use crate::explain::views::{
    ViewCost, convolution_terms, recurrence_steps, three_views, view_cost,
};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{
    Math, bar, column, equals, matrix, mi, mo, num, number_text, paren, row, sub, sup,
};
use crate::plot::{
    Corner, LineChart, LogChart, Series, SeriesStyle, SlideLabels, SlideScene, StateLabels,
    StateScene, line_chart, log_chart, palette, sliding_kernel, state_plane,
};
use crate::route::Route;
use crate::ssm::lti::convolve_fft_spectra;
use crate::ssm::{Method, Stability, Step, View, discretize};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, PlayControls, Prose, Select, Slider, TryThis,
};
use crate::ui::hooks::{use_interval, use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use plotters::style::RGBColor;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between animation steps.
const TICK_MS: u32 = 700;
/// Terms of the convolution sum written out before "+ …".
const SHOWN_TERMS: usize = 2;

/// The colour of each view, the same in every figure.
fn view_color(v: View) -> RGBColor {
    match v {
        View::Recurrent => palette::BLUE,
        View::Convolution => palette::RED,
        View::Fft => palette::ORANGE,
    }
}

/// The view's name, translated.
fn view_name(lang: Lang, v: View) -> &'static str {
    match v {
        View::Recurrent => t(lang, "views.view_recurrent"),
        View::Convolution => t(lang, "views.view_convolution"),
        View::Fft => t(lang, "views.view_fft"),
    }
}

/// A count for running text: exact up to a million, then 3 significant digits.
fn count(n: u64) -> String {
    if n < 1_000_000 { n.to_string() } else { number_text(n as f64, 3) }
}

/// The identifier with a bar, Ā or B̄.
fn barred(name: &str) -> Math {
    bar(mi(name))
}

/// `name` with the subscript `k`, `k − 1`, … as given.
fn at(name: &str, index: Math) -> Math {
    sub(mi(name), index)
}

/// The index k − j.
fn k_minus(j: Math) -> Math {
    row([mi("k"), mo("−"), j])
}

#[function_component(ViewsLessonView)]
pub(crate) fn views_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<ViewsLesson>(Route::Lesson(Lesson::Views, None));
    use_update_measure("views", &*s);
    let playing = use_state(|| false);
    let hover = use_state(|| None::<f64>);
    let on_hover = use_callback(hover.setter(), |x: Option<f64>, setter| setter.set(x));

    // The step the pictures and equations explain: the one pointed at on the outputs chart,
    // else the animation's.
    let shown = hover.map_or(s.k, |x| (x.round().max(0.0) as usize).min(s.len - 1));
    let x = s.input();
    let system = use_memo((s.example, s.delta), |&(example, delta)| {
        discretize(&example.system(), Step::new(delta)?, Method::Zoh)
    });
    let runs = use_memo((s.example, s.delta, s.tokens, s.len), {
        let (system, x) = (system.clone(), x.clone());
        move |_| {
            let sys = (*system).as_ref().map_err(Clone::clone)?;
            let views = three_views(sys, &x)?;
            let spectra = convolve_fft_spectra(&views.kernel, &x)?;
            Ok::<_, crate::ssm::SsmError>((recurrence_steps(sys, &x)?, views, spectra))
        }
    });

    let update = |f: fn(&mut ViewsLesson, f64)| {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: f64| {
            let mut next = (*s).clone();
            f(&mut next, v);
            set.emit(next);
        })
    };
    let choose = |f: fn(&mut ViewsLesson, &str)| {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: String| {
            let mut next = (*s).clone();
            f(&mut next, &v);
            set.emit(next);
        })
    };
    let step_by = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |d: isize| set.emit(s.at(s.k as isize + d)))
    };
    {
        let at_end = s.k + 1 >= s.len;
        let step_by = step_by.clone();
        use_interval(
            (*playing && !at_end).then_some(TICK_MS),
            Callback::from(move |_| step_by.emit(1)),
        );
        if *playing && at_end {
            playing.set(false);
        }
    }
    let on_toggle = {
        let (s, set, playing) = (s.clone(), set.clone(), playing.clone());
        Callback::from(move |_| {
            if !*playing && s.k + 1 >= s.len {
                set.emit(s.at(0));
            }
            playing.set(!*playing);
        })
    };
    let on_reset = {
        let (s, set, playing) = (s.clone(), set.clone(), playing.clone());
        Callback::from(move |_| {
            playing.set(false);
            set.emit(s.at(0));
        })
    };

    // Clicking the outputs chart moves the animation to the step pointed at. The callback is
    // made once (it reads the latest state), so the chart is not redrawn for nothing.
    let latest = use_mut_ref(|| (s.clone(), set.clone(), shown));
    *latest.borrow_mut() = (s.clone(), set.clone(), shown);
    let on_press = use_callback((), move |_: (f64, f64), _| {
        let (s, set, shown) = latest.borrow().clone();
        if shown != s.k {
            set.emit(s.at(shown as isize));
        }
    });

    // The figures, each memoized on what it shows.
    let pictures = use_memo((s.example, s.delta, s.tokens, s.len, shown, lang), {
        let runs = runs.clone();
        move |&(_, _, tokens, len, k, lang)| -> Option<[DrawFn; 2]> {
            let (steps, views, _) = (*runs).as_ref().ok()?;
            let k = k.min(steps.len() - 1);
            let mut all = vec![(0.0, 0.0)];
            all.extend(steps.iter().map(|st| (st.state[0], st.state[1])));
            let carried = (steps[k].carried[0], steps[k].carried[1]);
            let now = fill(lang, "views.label_now", &[("k", &k.to_string())]);
            let plane: DrawFn = Rc::new(move |area, theme| {
                let scene = StateScene {
                    all: all.clone(),
                    shown: k + 2,
                    carried,
                    labels: StateLabels {
                        path: t(lang, "views.legend_path"),
                        carried: t(lang, "views.legend_carried"),
                        added: t(lang, "views.legend_added"),
                        now: &now,
                        axes: (t(lang, "views.axis_h1"), t(lang, "views.axis_h2")),
                    },
                };
                state_plane(area, &scene, theme).map(|_| None)
            });
            let (input, kernel) = (tokens.values(len), views.kernel.clone());
            let terms = convolution_terms(&kernel, &input, k).ok()?;
            let sum = fill(
                lang,
                "views.label_sum",
                &[("k", &k.to_string()), ("y", &short(views.convolution[k]))],
            );
            let slide: DrawFn = Rc::new(move |area, theme| {
                let scene = SlideScene {
                    input: input.clone(),
                    kernel: kernel.clone(),
                    terms: terms.clone(),
                    k,
                    labels: SlideLabels {
                        input: t(lang, "views.axis_input"),
                        kernel: t(lang, "views.axis_kernel"),
                        products: t(lang, "views.axis_products"),
                        position: t(lang, "views.axis_position"),
                        sum: &sum,
                    },
                };
                sliding_kernel(area, &scene, theme).map(|_| None)
            });
            Some([plane, slide])
        }
    });
    let outputs = use_memo((s.example, s.delta, s.tokens, s.len, s.k, *hover, lang), {
        let runs = runs.clone();
        move |&(.., k, hover, lang)| -> Option<DrawFn> {
            let (_, views, _) = (*runs).as_ref().ok()?;
            let len = views.fft.len();
            let k = k.min(len - 1);
            let indexed = |ys: &[f64], upto: usize| -> Vec<(f64, f64)> {
                ys.iter().take(upto).enumerate().map(|(i, &y)| (i as f64, y)).collect()
            };
            // The recurrence and the sliding kernel have reached step k; the FFT has every output.
            let lines = [
                (View::Recurrent, indexed(&views.recurrent, k + 1), SeriesStyle::Line),
                (View::Convolution, indexed(&views.convolution, k + 1), SeriesStyle::Points),
                (View::Fft, indexed(&views.fft, len), SeriesStyle::Dashed),
            ];
            let marker = hover.or(Some(k as f64));
            let draw: DrawFn = Rc::new(move |area, theme| {
                let chart = LineChart {
                    x_label: t(lang, "views.axis_step"),
                    y_label: t(lang, "views.axis_output"),
                    series: lines
                        .iter()
                        .map(|(v, points, style)| Series {
                            label: view_name(lang, *v),
                            points: points.clone(),
                            color: view_color(*v),
                            style: *style,
                        })
                        .collect(),
                    marker_x: marker,
                    y_limit: Some((-1e6, 1e6)),
                    x_range: Some((0.0, (len - 1) as f64)),
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            });
            Some(draw)
        }
    });
    let spectra = use_memo((s.example, s.delta, s.tokens, s.len, lang), {
        let runs = runs.clone();
        move |&(.., lang)| -> Option<DrawFn> {
            let (_, _, fft) = (*runs).as_ref().ok()?;
            let half = fft.size / 2;
            let magnitudes = |zs: &[num_complex::Complex64]| -> Vec<(f64, f64)> {
                zs.iter().take(half + 1).enumerate().map(|(f, z)| (f as f64, z.norm())).collect()
            };
            let series = [
                (
                    t(lang, "views.legend_kernel_spectrum"),
                    magnitudes(&fft.kernel_spectrum),
                    palette::ORANGE,
                    SeriesStyle::Line,
                ),
                (
                    t(lang, "views.legend_input_spectrum"),
                    magnitudes(&fft.input_spectrum),
                    palette::SKY,
                    SeriesStyle::Line,
                ),
                (
                    t(lang, "views.legend_output_spectrum"),
                    magnitudes(&fft.output_spectrum),
                    palette::RED,
                    SeriesStyle::Points,
                ),
            ];
            let draw: DrawFn = Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "views.axis_frequency"),
                    y_label: t(lang, "views.axis_magnitude"),
                    series: series
                        .iter()
                        .map(|(label, points, color, style)| Series {
                            label,
                            points: points.clone(),
                            color: *color,
                            style: *style,
                        })
                        .collect(),
                    log_x: false,
                    marker_x: None,
                    floor: 1e-6,
                    corner: Corner::UpperRight,
                };
                log_chart(area, &chart, theme).map(|_| None)
            });
            Some(draw)
        }
    });
    let cost_charts = use_memo((s.states, s.len, lang), |&(n, len, lang)| -> [DrawFn; 3] {
        let lengths = cost_lengths();
        let curve = |pick: fn(&ViewCost) -> u64| -> Vec<(View, Vec<(f64, f64)>)> {
            View::ALL
                .iter()
                .map(|&v| {
                    (
                        v,
                        lengths
                            .iter()
                            .map(|&l| (l as f64, pick(&view_cost(v, n, l)) as f64))
                            .collect(),
                    )
                })
                .collect()
        };
        let chart = |curves: Vec<(View, Vec<(f64, f64)>)>, y_key: &'static str| -> DrawFn {
            Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "views.axis_length"),
                    y_label: t(lang, y_key),
                    series: curves
                        .iter()
                        .map(|(v, points)| Series {
                            label: view_name(lang, *v),
                            points: points.clone(),
                            color: view_color(*v),
                            style: SeriesStyle::Line,
                        })
                        .collect(),
                    log_x: true,
                    marker_x: Some(len as f64),
                    floor: 1.0,
                    corner: Corner::UpperLeft,
                };
                log_chart(area, &chart, theme).map(|_| None)
            })
        };
        [
            chart(curve(|c| c.sequence.operations()), "views.axis_work"),
            chart(curve(|c| c.sequence.sequential_steps), "views.axis_sequential"),
            chart(curve(|c| c.next_token.operations()), "views.axis_next"),
        ]
    });

    let options = |items: Vec<(&'static str, String)>| -> Vec<(AttrValue, AttrValue)> {
        items.into_iter().map(|(v, k)| (AttrValue::from(v), AttrValue::from(t(lang, &k)))).collect()
    };
    let systems = options(
        Example::ALL.iter().map(|e| (e.name(), format!("discretize.sys_{}", e.name()))).collect(),
    );
    let patterns = options(
        Tokens::ALL.iter().map(|p| (p.name(), format!("discretize.tokens_{}", p.name()))).collect(),
    );
    let controls = html! {
        <section class="panel sticky-controls" aria-label={t(lang, "views.controls_label")}>
            <div class="controls">
                <Select id="views-system" label={t(lang, "discretize.system")} options={systems} selected={s.example.name()}
                        on_change={choose(|s, v| s.example = Example::from_name(v).unwrap_or_default())} />
                <Slider id="views-delta" label={t(lang, "discretize.delta")} value={s.delta} min={DELTA_RANGE.0} max={DELTA_RANGE.1}
                        step={0.01} digits={2} on_change={update(|s, v| s.delta = v)} />
                <Select id="views-tokens" label={t(lang, "discretize.tokens")} options={patterns} selected={s.tokens.name()}
                        on_change={choose(|s, v| s.tokens = Tokens::from_name(v).unwrap_or_default())} />
                <Slider id="views-len" label={t(lang, "views.len")} value={s.len as f64} min={LEN_RANGE.0 as f64} max={LEN_RANGE.1 as f64}
                        step={1.0} digits={0} on_change={{ let (s, set) = (s.clone(), set.clone()); Callback::from(move |v: f64| set.emit(s.with_len(v.round() as usize))) }} />
            </div>
        </section>
    };

    let (steps, views, fft) = match &*runs {
        Ok(found) => found,
        Err(e) => {
            return html! {
                <div class="lesson-views">
                    <Prose keys={vec!["views.intro1", "views.intro2"]} />
                    { controls }
                    <Banner kind={BannerKind::Warning} text={e.to_string()} />
                </div>
            };
        }
    };
    let sys = (*system).as_ref().ok();
    let k = shown.min(steps.len() - 1);
    let rho = sys.and_then(|d| d.spectral_radius().ok()).unwrap_or(f64::NAN);
    let banner = match s.example.stability() {
        Stability::Unstable => html! {
            <Banner kind={BannerKind::Warning} text={fill(lang, "views.warn_unstable", &[("rho", &short(rho))])} />
        },
        Stability::Marginal => {
            html! { <Banner kind={BannerKind::Info} text={t(lang, "views.info_marginal")} /> }
        }
        Stability::Stable => Html::default(),
    };

    // The recurrence at step k with its numbers.
    let step = &steps[k];
    let previous: Vec<f64> =
        if k == 0 { vec![0.0, 0.0] } else { steps[k - 1].state.iter().copied().collect() };
    let km1 = k_minus(num(1.0, 1));
    // The recurrence at step k: the rule, then the same with its numbers.
    let recurrence_rule = row([
        equals([
            at("h", mi("k")),
            row([barred("A"), at("h", km1.clone()), mo("+"), barred("B"), at("x", mi("k"))]),
        ]),
        mo(","),
        equals([at("y", mi("k")), row([mi("C"), at("h", mi("k"))])]),
    ]);
    let recurrence_numbers = sys.map(|d| {
        equals([
            row([
                matrix(d.a_bar(), 3),
                column(&previous, 3),
                mo("+"),
                column(d.b_bar().as_slice(), 3),
                mo("·"),
                paren(num(s.input()[k], 3)),
            ]),
            column(step.state.as_slice(), 3),
        ])
    });
    let output_numbers = sys.map(|d| {
        equals([row([matrix(d.c(), 3), column(step.state.as_slice(), 3)]), num(step.output, 4)])
    });
    // The convolution at step k: the rule, then its first terms written out.
    let input = s.input();
    let mut written = Vec::new();
    for j in 0..=k.min(SHOWN_TERMS - 1) {
        if j > 0 {
            written.push(mo("+"));
        }
        written.push(row([num(views.kernel[j], 3), mo("·"), paren(num(input[k - j], 3))]));
    }
    if k >= SHOWN_TERMS {
        written.push(mo("+"));
        written.push(mo("…"));
    }
    let convolution_rule = row([
        equals([
            at("y", mi("k")),
            row([
                sup(sub(mo("∑"), row([mi("j"), mo("="), num(0.0, 1)])), mi("k")),
                at("K", mi("j")),
                at("x", k_minus(mi("j"))),
            ]),
        ]),
        mo(","),
        equals([at("K", mi("j")), row([mi("C"), sup(barred("A"), mi("j")), barred("B")])]),
    ]);
    let convolution_numbers = equals([row(written), num(views.convolution[k], 4)]);
    let kernel_numbers = fill(
        lang,
        "views.kernel_numbers",
        &[("k", &views.kernel.iter().take(4).map(|v| short(*v)).collect::<Vec<_>>().join(", "))],
    );

    // Costs at the current L and N.
    let cost_rows = View::ALL.iter().map(|&v| {
        let c = view_cost(v, s.states, s.len);
        html! {
            <tr>
                <td>{ view_name(lang, v) }</td>
                <td>{ count(c.sequence.operations()) }</td>
                <td>{ count(c.sequence.sequential_steps) }</td>
                <td>{ count(c.next_token.operations()) }</td>
            </tr>
        }
    });
    let kernel_cost = view_cost(View::Convolution, s.states, s.len).kernel;
    let (Some([plane, slide]), Some(outputs)) = ((*pictures).clone(), (*outputs).clone()) else {
        return html! { <Banner kind={BannerKind::Warning} text={t(lang, "views.no_figures")} /> };
    };
    let [work, sequential, next] = (*cost_charts).clone();
    let preview = if hover.is_some() {
        fill(lang, "views.preview", &[("k", &shown.to_string())])
    } else {
        t(lang, "views.hover_hint").to_owned()
    };
    let position = fill(
        lang,
        "views.position",
        &[("k", &s.k.to_string()), ("last", &(s.len - 1).to_string())],
    );

    html! {
        <div class="lesson-views">
            <Prose keys={vec!["views.intro1", "views.intro2"]} />
            { controls }
            <section class="panel">
                <h2>{ t(lang, "views.side_heading") }</h2>
                { banner }
                <PlayControls playing={*playing} on_toggle={on_toggle}
                    on_step={{ let step_by = step_by.clone(); Callback::from(move |_| step_by.emit(1)) }}
                    on_back={Some({ let step_by = step_by.clone(); Callback::from(move |_| step_by.emit(-1)) })}
                    on_reset={on_reset} position={position} />
                <Slider id="views-k" label={t(lang, "views.k")} value={s.k as f64} min={0.0} max={(s.len - 1) as f64} step={1.0} digits={0}
                        on_change={{ let (s, set) = (s.clone(), set.clone()); Callback::from(move |v: f64| set.emit(s.at(v.round() as isize))) }} />
                <div class="row">
                    <div class="view-column">
                        <h3>{ t(lang, "views.recurrent_heading") }</h3>
                        <p class="hint">{ t(lang, "views.recurrent_hint") }</p>
                        <Figure draw={plane} label={t(lang, "views.fig_state")} aspect={1.0} />
                        <Equation mathml={recurrence_rule.block()} />
                        if let Some(eq) = recurrence_numbers { <Equation mathml={eq.block()} /> }
                        if let Some(eq) = output_numbers { <Equation mathml={eq.block()} caption={t(lang, "views.eq_recurrence")} /> }
                    </div>
                    <div class="view-column">
                        <h3>{ t(lang, "views.convolution_heading") }</h3>
                        <p class="hint">{ t(lang, "views.convolution_hint") }</p>
                        <Figure draw={slide} label={t(lang, "views.fig_slide")} aspect={1.0} />
                        <Equation mathml={convolution_rule.block()} />
                        <Equation mathml={convolution_numbers.block()} caption={t(lang, "views.eq_convolution")} />
                        <p class="hint">{ kernel_numbers }</p>
                    </div>
                </div>
                <Figure draw={outputs} label={t(lang, "views.fig_outputs")} aspect={0.32} on_hover={on_hover} on_press={on_press} />
                <p class="readout hover-readout" aria-live="polite">{ preview }</p>
                <ul class="readout">
                    <li>{ fill(lang, "views.difference_convolution", &[("d", &short(views.convolution_difference))]) }</li>
                    <li>{ fill(lang, "views.difference_fft", &[("d", &short(views.fft_difference))]) }</li>
                    <li>{ fill(lang, "views.scale", &[("y", &short(views.scale))]) }</li>
                </ul>
            </section>
            <Prose keys={vec!["views.fft1", "views.fft2"]} />
            <section class="panel">
                <h2>{ t(lang, "views.fft_heading") }</h2>
                if let Some(draw) = (*spectra).clone() {
                    <Figure draw={draw} label={t(lang, "views.fig_spectra")} aspect={0.32} />
                }
                <p class="readout">{ fill(lang, "views.fft_size", &[("l", &s.len.to_string()), ("p", &fft.size.to_string())]) }</p>
            </section>
            <Prose keys={vec!["views.cost1", "views.cost2"]} />
            <section class="panel">
                <h2>{ t(lang, "views.cost_heading") }</h2>
                <Slider id="views-states" label={t(lang, "views.states")} value={s.states as f64} min={1.0} max={MAX_COST_STATES as f64}
                        step={1.0} digits={0} on_change={update(|s, v| s.states = v.round() as usize)} />
                <table class="data">
                    <thead><tr>
                        <th>{ t(lang, "views.col_view") }</th>
                        <th>{ fill(lang, "views.col_work", &[("l", &s.len.to_string())]) }</th>
                        <th>{ t(lang, "views.col_sequential") }</th>
                        <th>{ t(lang, "views.col_next") }</th>
                    </tr></thead>
                    <tbody>{ for cost_rows }</tbody>
                </table>
                <p class="hint">{ fill(lang, "views.kernel_cost", &[("ops", &count(kernel_cost.operations())), ("steps", &count(kernel_cost.sequential_steps))]) }</p>
                <div class="row cost-charts">
                    <div>
                        <h3>{ t(lang, "views.chart_work") }</h3>
                        <Figure draw={work} label={t(lang, "views.fig_work")} aspect={0.85} />
                    </div>
                    <div>
                        <h3>{ t(lang, "views.chart_sequential") }</h3>
                        <Figure draw={sequential} label={t(lang, "views.fig_sequential")} aspect={0.85} />
                    </div>
                    <div>
                        <h3>{ t(lang, "views.chart_next") }</h3>
                        <Figure draw={next} label={t(lang, "views.fig_next")} aspect={0.85} />
                    </div>
                </div>
            </section>
            <TryThis keys={vec!["views.try1", "views.try2", "views.try3", "views.try4", "views.try5"]} />
        </div>
    }
}
