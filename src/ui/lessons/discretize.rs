//! Lesson 3, `#/discretize`: zero-order hold. Tokens held for Δ drive the continuous system;
//! ZOH samples it exactly, bilinear and Euler approximately. The notes' three questions are
//! answered with something to drag: the Taylor series of exp(ΔA) term by term (and what it does
//! to the unit square), Euler sub-steps converging to exp(ΔA)·h, and Bbar as an area.
//!
//! Each panel is a component of its own; its figures' draw functions are memoized on exactly
//! what they show, so a slider redraws only the figures it changes.

use super::numbers::short;
use crate::course::Lesson;
use crate::course::discretize::{
    DELTA_RANGE, DiscretizeLesson, H0, MAX_ORDER, MAX_STRIPS, MAX_SUBSTEPS, SAMPLES_PER_STEP,
    TOKENS, locus_steps, substep_ladder,
};
use crate::explain::discretize::{
    b_bar_integral, compare_rules, eigenvalue_locus, euler_path, euler_step_limit, euler_substeps,
};
use crate::explain::examples::{Example, Tokens};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{
    Math, bar, column, equals, exp, frac, matrix, mi, mo, num, paren, row, sub, sup,
};
use crate::plot::{
    Corner, DiscreteEigenScene, EulerLabels, EulerScene, IntegralLabels, IntegralScene, LineChart,
    LogChart, RuleSpectrum, Series, SeriesStyle, TaylorLabels, TaylorSquare, discrete_eigen_plane,
    euler_plane, finite_range, integral_grid, line_chart, log_chart, mat2, palette, taylor_square,
};
use crate::route::Route;
use crate::ssm::lti::taylor_partial_sums;
use crate::ssm::{Method, Stability, Step, discretize, expm};
use crate::ui::components::{
    Banner, BannerKind, DrawFn, Equation, Figure, Prose, Question, Select, Slider, TryThis,
};
use crate::ui::hooks::{use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use nalgebra::{DMatrix, DVector};
use plotters::style::RGBColor;
use std::rc::Rc;
use yew::prelude::*;

/// Samples of the exact path and of the integrand within one step.
const FINE: usize = 60;

/// The colour of each rule, the same in every figure.
fn rule_color(m: Method) -> RGBColor {
    match m {
        Method::Zoh => palette::BLUE,
        Method::Bilinear => palette::GREEN,
        Method::Euler => palette::ORANGE,
    }
}

/// The rule's short name, translated.
fn rule_name(lang: Lang, m: Method) -> &'static str {
    match m {
        Method::Zoh => t(lang, "discretize.rule_zoh"),
        Method::Bilinear => t(lang, "discretize.rule_bilinear"),
        Method::Euler => t(lang, "discretize.rule_euler"),
    }
}

/// The step of the lesson state (Δ is clamped to a positive range when read, so this holds).
fn step_of(s: &DiscretizeLesson) -> Step {
    Step::new(s.delta).unwrap_or_else(|_| Step::new(DELTA_RANGE.0).expect("a positive step"))
}

/// The identifier with a bar, Ā or B̄.
fn barred(name: &str) -> Math {
    bar(mi(name))
}

/// Δ·A written out.
fn delta_a() -> Math {
    row([mi("Δ"), mi("A")])
}

/// The two formulas of a rule, each with its live matrix: Ā = … = [..], B̄ = … = [..].
fn rule_equations(m: Method, a_bar: &DMatrix<f64>, b_bar: &DMatrix<f64>) -> (Math, Math) {
    let half = row([frac(mi("Δ"), num(2.0, 1)), mi("A")]);
    let inverse = |inner: Math| sup(paren(inner), num(-1.0, 1));
    let (a_form, b_form) = match m {
        Method::Zoh => (
            exp(delta_a()),
            row([
                inverse(delta_a()),
                paren(row([exp(delta_a()), mo("−"), mi("I")])),
                mi("Δ"),
                mi("B"),
            ]),
        ),
        Method::Bilinear => (
            row([
                inverse(row([mi("I"), mo("−"), half.clone()])),
                paren(row([mi("I"), mo("+"), half.clone()])),
            ]),
            row([inverse(row([mi("I"), mo("−"), half])), mi("Δ"), mi("B")]),
        ),
        Method::Euler => (row([mi("I"), mo("+"), delta_a()]), row([mi("Δ"), mi("B")])),
    };
    (
        equals([barred("A"), a_form, matrix(a_bar, 4)]),
        equals([barred("B"), b_form, matrix(b_bar, 4)]),
    )
}

/// The (h₁, h₂) of a 2-state vector.
fn pair(v: &DVector<f64>) -> (f64, f64) {
    (v[0], v[1])
}

/// The two entries of a 2×1 matrix.
fn two(m: &DMatrix<f64>) -> [f64; 2] {
    [m[(0, 0)], m[(1, 0)]]
}

/// A warning banner with an error's text.
fn failed(e: &impl ToString) -> Html {
    html! { <Banner kind={BannerKind::Warning} text={e.to_string()} /> }
}

/// What every panel gets: the lesson state and the way to change it.
#[derive(Properties, PartialEq)]
struct PanelProps {
    s: Rc<DiscretizeLesson>,
    set: Callback<DiscretizeLesson>,
}

impl PanelProps {
    /// A callback that applies `f` to a copy of the state and stores it.
    fn update<T: 'static>(&self, f: fn(&mut DiscretizeLesson, T)) -> Callback<T> {
        let (s, set) = (self.s.clone(), self.set.clone());
        Callback::from(move |v: T| {
            let mut next = (*s).clone();
            f(&mut next, v);
            set.emit(next);
        })
    }
}

#[function_component(DiscretizeLessonView)]
pub(crate) fn discretize_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<DiscretizeLesson>(Route::Lesson(Lesson::Discretize, None));
    use_update_measure("discretize", &*s);
    let props = PanelProps { s: s.clone(), set: set.clone() };

    let options = |items: Vec<(&'static str, String)>| -> Vec<(AttrValue, AttrValue)> {
        items.into_iter().map(|(v, k)| (AttrValue::from(v), AttrValue::from(t(lang, &k)))).collect()
    };
    let systems = options(
        Example::ALL.iter().map(|e| (e.name(), format!("discretize.sys_{}", e.name()))).collect(),
    );
    let patterns = options(
        Tokens::ALL.iter().map(|p| (p.name(), format!("discretize.tokens_{}", p.name()))).collect(),
    );
    let methods: Vec<(AttrValue, AttrValue)> = Method::ALL
        .iter()
        .map(|&m| (AttrValue::from(m.name()), AttrValue::from(rule_name(lang, m))))
        .collect();

    html! {
        <div class="lesson-discretize">
            <Prose keys={vec!["discretize.intro1", "discretize.intro2"]} />
            <section class="panel sticky-controls" aria-label={t(lang, "discretize.controls_label")}>
                <div class="controls">
                    <Select id="disc-system" label={t(lang, "discretize.system")} options={systems}
                            selected={s.example.name()}
                            on_change={props.update(|s, v: String| s.example = Example::from_name(&v).unwrap_or_default())} />
                    <Slider id="disc-delta" label={t(lang, "discretize.delta")} value={s.delta}
                            min={DELTA_RANGE.0} max={DELTA_RANGE.1} step={0.01} digits={2}
                            on_change={props.update(|s, v| s.delta = v)} />
                    <Select id="disc-tokens" label={t(lang, "discretize.tokens")} options={patterns}
                            selected={s.tokens.name()}
                            on_change={props.update(|s, v: String| s.tokens = Tokens::from_name(&v).unwrap_or_default())} />
                    <Select id="disc-method" label={t(lang, "discretize.method")} options={methods}
                            selected={s.method.name()}
                            on_change={props.update(|s, v: String| s.method = v.parse().unwrap_or(Method::Zoh))} />
                </div>
            </section>
            <HoldPanel s={s.clone()} set={set.clone()} />
            <Prose keys={vec!["discretize.equations1"]} />
            <RulesPanel s={s.clone()} set={set.clone()} />
            <Question question="discretize.q_exp">
                <Prose keys={vec!["discretize.a_exp1", "discretize.a_exp2"]} />
                <TaylorPanel s={s.clone()} set={set.clone()} />
            </Question>
            <Question question="discretize.q_real">
                <Prose keys={vec!["discretize.a_real1", "discretize.a_real2"]} />
                <EulerPanel s={s.clone()} set={set.clone()} />
            </Question>
            <Question question="discretize.q_bbar">
                <Prose keys={vec!["discretize.a_bbar1", "discretize.a_bbar2"]} />
                <IntegralPanel s={s.clone()} set={set.clone()} />
            </Question>
            <TryThis keys={vec!["discretize.try1", "discretize.try2", "discretize.try3", "discretize.try4", "discretize.try5"]} />
        </div>
    }
}

/// The held tokens, the exact output, the chosen rule's samples and every rule's errors, with
/// the warnings that explain a diverging picture. Hovering a time marks it on both charts.
#[function_component(HoldPanel)]
fn hold_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.s;
    let hover = use_state(|| None::<f64>);
    // The same callback on every render, so that the figures are not redrawn for nothing.
    let on_hover = use_callback(hover.setter(), |x: Option<f64>, setter| setter.set(x));
    let x = s.tokens.values(TOKENS);
    let rules = use_memo((s.example, s.delta, s.tokens), |&(example, _, _)| {
        compare_rules(&example.system(), &x, step_of(s), SAMPLES_PER_STEP)
    });
    let hold = use_memo((s.example, s.delta, s.tokens, s.method, *hover, lang), {
        let (rules, x) = (rules.clone(), x.clone());
        move |&(_, delta, _, method, marker, lang)| -> Option<DrawFn> {
            let cmp = (*rules).as_ref().ok()?;
            let mut held: Vec<(f64, f64)> =
                x.iter().enumerate().map(|(k, &v)| (k as f64 * delta, v)).collect();
            held.push((x.len() as f64 * delta, x[x.len() - 1]));
            let exact: Vec<(f64, f64)> = cmp
                .exact
                .times
                .iter()
                .copied()
                .zip(cmp.exact.outputs.row(0).iter().copied())
                .collect();
            let samples: Vec<(f64, f64)> = cmp
                .rules
                .iter()
                .find(|r| r.method == method)
                .map(|r| {
                    r.outputs
                        .iter()
                        .enumerate()
                        .map(|(k, &y)| ((k + 1) as f64 * delta, y))
                        .collect()
                })
                .unwrap_or_default();
            // Clamp a diverging rule to a band around the exact output and the input.
            let (lo, hi) = finite_range(exact.iter().chain(&held).map(|p| p.1), None);
            let limit = (lo - 2.0 * (hi - lo), hi + 2.0 * (hi - lo));
            let samples_label =
                fill(lang, "discretize.legend_samples", &[("rule", rule_name(lang, method))]);
            let draw: DrawFn = Rc::new(move |area, theme| {
                let chart = LineChart {
                    x_label: t(lang, "discretize.axis_time"),
                    y_label: t(lang, "discretize.axis_signal"),
                    series: vec![
                        Series {
                            label: t(lang, "discretize.legend_input"),
                            points: held.clone(),
                            color: palette::SKY,
                            style: SeriesStyle::Steps,
                        },
                        Series {
                            label: t(lang, "discretize.legend_exact"),
                            points: exact.clone(),
                            color: palette::RED,
                            style: SeriesStyle::Line,
                        },
                        Series {
                            label: &samples_label,
                            points: samples.clone(),
                            color: rule_color(method),
                            style: SeriesStyle::Points,
                        },
                    ],
                    marker_x: marker,
                    y_limit: Some(limit),
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            });
            Some(draw)
        }
    });
    let errors = use_memo((s.example, s.delta, s.tokens, *hover, lang), {
        let rules = rules.clone();
        move |&(_, delta, _, marker, lang)| -> Option<DrawFn> {
            let series: Vec<(Method, Vec<(f64, f64)>)> = (*rules)
                .as_ref()
                .ok()?
                .rules
                .iter()
                .map(|r| {
                    (
                        r.method,
                        r.errors
                            .iter()
                            .enumerate()
                            .map(|(k, &e)| ((k + 1) as f64 * delta, e))
                            .collect(),
                    )
                })
                .collect();
            let draw: DrawFn = Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "discretize.axis_time"),
                    y_label: t(lang, "discretize.axis_error"),
                    series: series
                        .iter()
                        .map(|(m, points)| Series {
                            label: rule_name(lang, *m),
                            points: points.clone(),
                            color: rule_color(*m),
                            style: SeriesStyle::Line,
                        })
                        .collect(),
                    log_x: false,
                    marker_x: marker,
                    floor: 1e-17,
                    corner: Corner::UpperRight,
                };
                log_chart(area, &chart, theme)
            });
            Some(draw)
        }
    });

    let sys = s.example.system();
    let banner = match sys.stability().unwrap_or(Stability::Unstable) {
        Stability::Unstable => {
            let re = sys.spectral_abscissa().unwrap_or(f64::NAN);
            html! { <Banner kind={BannerKind::Warning} text={fill(lang, "discretize.warn_continuous", &[("re", &short(re))])} /> }
        }
        Stability::Marginal => {
            html! { <Banner kind={BannerKind::Info} text={t(lang, "discretize.info_marginal")} /> }
        }
        Stability::Stable => {
            let radius = (*rules)
                .as_ref()
                .ok()
                .and_then(|c| c.rules.iter().find(|r| r.method == s.method))
                .map(|r| r.spectral_radius)
                .filter(|&r| r > 1.0);
            match (radius, euler_step_limit(&sys).ok().flatten()) {
                (Some(rho), Some(limit)) => html! {
                    <Banner kind={BannerKind::Warning} text={fill(lang, "discretize.warn_rule", &[("rho", &short(rho)), ("limit", &short(limit))])} />
                },
                _ => Html::default(),
            }
        }
    };
    let worst: Vec<String> = match &*rules {
        Ok(cmp) => cmp
            .rules
            .iter()
            .map(|r| {
                let e = r.errors.iter().copied().fold(0.0, f64::max);
                fill(
                    lang,
                    "discretize.worst_error",
                    &[("rule", rule_name(lang, r.method)), ("e", &short(e))],
                )
            })
            .collect(),
        Err(e) => vec![e.to_string()],
    };
    let hover_text = hover
        .and_then(|at| {
            let k = (at / s.delta).floor() as usize;
            x.get(k).map(|v| {
                fill(
                    lang,
                    "discretize.hover",
                    &[
                        ("t", &short(at)),
                        ("k", &k.to_string()),
                        ("x", &short(*v)),
                        ("from", &short(k as f64 * s.delta)),
                        ("to", &short((k + 1) as f64 * s.delta)),
                    ],
                )
            })
        })
        .unwrap_or_else(|| t(lang, "discretize.hover_hint").to_owned());

    html! {
        <section class="panel">
            <h2>{ t(lang, "discretize.hold_heading") }</h2>
            { banner }
            if let (Some(hold), Some(errors)) = ((*hold).clone(), (*errors).clone()) {
                <Figure draw={hold} label={t(lang, "discretize.fig_hold")} aspect={0.42} on_hover={on_hover.clone()} />
                <Figure draw={errors} label={t(lang, "discretize.fig_errors")} aspect={0.3} on_hover={on_hover} />
            }
            <p class="readout hover-readout" aria-live="polite">{ hover_text }</p>
            <ul class="readout">{ for worst.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
        </section>
    }
}

/// The equations with the live Ā and B̄, and Ā's eigenvalues against the unit circle.
#[function_component(RulesPanel)]
fn rules_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.s;
    let now = use_memo((s.example, s.delta), |&(example, _)| {
        let sys = example.system();
        Method::ALL
            .map(|m| discretize(&sys, step_of(s), m))
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
    });
    let loci = use_memo(s.example, |example| {
        let sys = example.system();
        Method::ALL
            .map(|m| eigenvalue_locus(&sys, m, &locus_steps()))
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
    });
    let eigen = use_memo((s.example, s.delta, s.method, lang), {
        let (loci, now) = (loci.clone(), now.clone());
        move |&(_, _, method, lang)| -> Option<DrawFn> {
            let (loci, now) = ((*loci).as_ref().ok()?, (*now).as_ref().ok()?);
            let pairs =
                |ls: &[num_complex::Complex64]| ls.iter().map(|l| (l.re, l.im)).collect::<Vec<_>>();
            let rules: Vec<RuleSpectrum<'static>> = Method::ALL
                .iter()
                .zip(loci.iter().zip(now))
                .map(|(&m, (locus, d))| RuleSpectrum {
                    label: rule_name(lang, m),
                    color: rule_color(m),
                    now: pairs(&d.eigenvalues().unwrap_or_default()),
                    path: locus.iter().flat_map(|p| pairs(&p.eigenvalues)).collect(),
                    chosen: m == method,
                })
                .collect();
            let draw: DrawFn = Rc::new(move |area, theme| {
                let scene = DiscreteEigenScene {
                    rules: rules.clone(),
                    circle: t(lang, "discretize.legend_circle"),
                    axes: (t(lang, "discretize.axis_re"), t(lang, "discretize.axis_im")),
                };
                discrete_eigen_plane(area, &scene, theme).map(|_| None)
            });
            Some(draw)
        }
    });
    let ds = match &*now {
        Ok(ds) => ds,
        Err(e) => return failed(e),
    };
    let sys = s.example.system();
    let (a_eq, b_eq) = rule_equations(Method::Zoh, ds[0].a_bar(), ds[0].b_bar());
    let given = row([
        equals([mi("Δ"), num(s.delta, 3)]),
        mo(","),
        equals([mi("A"), matrix(sys.a(), 3)]),
        mo(","),
        equals([mi("B"), matrix(sys.b(), 3)]),
    ]);
    let k = || mi("k");
    let recurrence = row([
        equals([
            sub(mi("h"), k()),
            row([
                barred("A"),
                sub(mi("h"), row([k(), mo("−"), num(1.0, 1)])),
                mo("+"),
                barred("B"),
                sub(mi("x"), k()),
            ]),
        ]),
        mo(","),
        equals([sub(mi("y"), k()), row([mi("C"), sub(mi("h"), k())])]),
    ]);
    let other = ds.iter().find(|d| d.method() == s.method && s.method != Method::Zoh).map(|d| {
        let (a, b) = rule_equations(d.method(), d.a_bar(), d.b_bar());
        html! {
            <>
                <p class="hint">{ fill(lang, "discretize.eq_other", &[("rule", rule_name(lang, d.method()))]) }</p>
                <Equation mathml={a.block()} />
                <Equation mathml={b.block()} />
            </>
        }
    });
    let radii = ds.iter().map(|d| {
        let rho = d.spectral_radius().unwrap_or(f64::NAN);
        let verdict = if rho > 1.0 + 1e-10 {
            t(lang, "discretize.grows")
        } else if rho < 1.0 - 1e-10 {
            t(lang, "discretize.decays")
        } else {
            t(lang, "discretize.stays")
        };
        html! { <tr><td>{ rule_name(lang, d.method()) }</td><td>{ short(rho) }</td><td>{ verdict }</td></tr> }
    });
    let limit_text = match euler_step_limit(&sys).ok().flatten() {
        Some(limit) => fill(lang, "discretize.euler_limit", &[("limit", &short(limit))]),
        None => t(lang, "discretize.euler_no_limit").to_owned(),
    };
    html! {
        <section class="panel">
            <div class="row">
                <div>
                    <Equation mathml={given.block()} caption={t(lang, "discretize.eq_given")} />
                    <Equation mathml={a_eq.block()} caption={t(lang, "discretize.eq_a_bar")} />
                    <Equation mathml={b_eq.block()} caption={t(lang, "discretize.eq_b_bar")} />
                    <Equation mathml={recurrence.block()} caption={t(lang, "discretize.eq_recurrence")} />
                    { for other }
                </div>
                <div>
                    if let Some(draw) = (*eigen).clone() {
                        <Figure draw={draw} label={t(lang, "discretize.fig_eigen")} aspect={1.0} />
                    }
                    <table class="data">
                        <thead><tr><th>{ t(lang, "discretize.col_rule") }</th><th>{ t(lang, "discretize.col_radius") }</th><th>{ t(lang, "discretize.col_verdict") }</th></tr></thead>
                        <tbody>{ for radii }</tbody>
                    </table>
                    <p class="hint">{ limit_text }</p>
                </div>
            </div>
        </section>
    }
}

/// Q1: e to the power of a matrix, one Taylor term at a time.
#[function_component(TaylorPanel)]
fn taylor_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.s;
    let sums = use_memo((s.example, s.delta), |&(example, delta)| {
        let m = example.system().a() * delta;
        Ok::<_, crate::ssm::SsmError>((taylor_partial_sums(&m, MAX_ORDER)?, expm(&m)?))
    });
    let k = s.order.min(MAX_ORDER);
    let figures = use_memo((s.example, s.delta, k, lang), {
        let sums = sums.clone();
        move |&(_, _, k, lang)| -> Option<(DrawFn, DrawFn)> {
            let (sums, exact) = (*sums).as_ref().ok()?;
            let shown: Vec<_> = sums[..=k].iter().map(|p| mat2(&p.sum)).collect();
            let exact = mat2(exact);
            let partial = fill(lang, "discretize.legend_partial", &[("k", &k.to_string())]);
            let square: DrawFn = Rc::new(move |area, theme| {
                let scene = TaylorSquare {
                    sums: shown.clone(),
                    exact,
                    labels: TaylorLabels {
                        square: t(lang, "discretize.legend_square"),
                        partial: &partial,
                        earlier: t(lang, "discretize.legend_earlier"),
                        exact: t(lang, "discretize.legend_exp"),
                        axes: (t(lang, "discretize.axis_first"), t(lang, "discretize.axis_second")),
                    },
                };
                taylor_square(area, &scene, theme).map(|_| None)
            });
            let points: Vec<(f64, f64)> =
                sums.iter().map(|p| (p.order as f64, p.relative_error)).collect();
            let errors: DrawFn = Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "discretize.axis_order"),
                    y_label: t(lang, "discretize.axis_rel_error"),
                    series: vec![Series {
                        label: "",
                        points: points.clone(),
                        color: palette::BLUE,
                        style: SeriesStyle::Line,
                    }],
                    log_x: false,
                    marker_x: Some(k as f64),
                    floor: 1e-17,
                    corner: Corner::UpperRight,
                };
                log_chart(area, &chart, theme)
            });
            Some((square, errors))
        }
    });
    let (sums, exact) = match &*sums {
        Ok(found) => found,
        Err(e) => return failed(e),
    };
    let part = &sums[k];
    let m = row([mi("M"), mo("="), mi("Δ"), mi("A")]);
    let k_math = || mi("k");
    let series = equals([
        sub(mi("S"), mi("K")),
        row([
            sup(sub(mo("∑"), row([k_math(), mo("="), num(0.0, 1)])), mi("K")),
            frac(sup(mi("M"), k_math()), row([k_math(), mo("!")])),
        ]),
        matrix(&part.sum, 4),
    ]);
    let term =
        equals([frac(sup(mi("M"), mi("K")), row([mi("K"), mo("!")])), matrix(&part.term, 4)]);
    let truth = equals([exp(mi("M")), matrix(exact, 4)]);
    html! {
        <>
            <Slider id="disc-order" label={t(lang, "discretize.order")} value={k as f64} min={0.0}
                    max={MAX_ORDER as f64} step={1.0} digits={0}
                    on_change={p.update(|s, v: f64| s.order = v.round() as usize)} />
            <div class="row">
                <div>
                    <Equation mathml={m.block()} caption={t(lang, "discretize.eq_m")} />
                    <Equation mathml={term.block()} caption={t(lang, "discretize.eq_term")} />
                    <Equation mathml={series.block()} caption={fill(lang, "discretize.eq_partial", &[("k", &k.to_string())])} />
                    <Equation mathml={truth.block()} caption={t(lang, "discretize.eq_exp")} />
                    <p class="readout">{ fill(lang, "discretize.taylor_error", &[("k", &k.to_string()), ("e", &short(part.relative_error))]) }</p>
                </div>
                <div>
                    if let Some((square, _)) = (*figures).clone() {
                        <Figure draw={square} label={t(lang, "discretize.fig_square")} aspect={0.8} />
                    }
                </div>
            </div>
            if let Some((_, errors)) = (*figures).clone() {
                <Figure draw={errors} label={t(lang, "discretize.fig_taylor_error")} aspect={0.3} />
            }
        </>
    }
}

/// Q2: exp(ΔA) h₀ as the limit of ever more, ever shorter Euler sub-steps.
#[function_component(EulerPanel)]
fn euler_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.s;
    let path = use_memo((s.example, s.delta, s.substeps), |&(example, _, n)| {
        euler_path(&example.system(), step_of(s), &H0, n, FINE)
    });
    let ladder = use_memo((s.example, s.delta), |&(example, _)| {
        euler_substeps(&example.system(), step_of(s), &H0, &substep_ladder())
    });
    let figures = use_memo((s.example, s.delta, s.substeps, lang), {
        let (path, ladder) = (path.clone(), ladder.clone());
        move |&(_, _, n, lang)| -> Option<(DrawFn, DrawFn)> {
            let (path, ladder) = ((*path).as_ref().ok()?, (*ladder).as_ref().ok()?);
            let euler: Vec<_> = path.euler.iter().map(pair).collect();
            let exact: Vec<_> = path.exact.iter().map(pair).collect();
            let plane: DrawFn = Rc::new(move |area, theme| {
                let scene = EulerScene {
                    euler: euler.clone(),
                    exact: exact.clone(),
                    labels: EulerLabels {
                        exact: t(lang, "discretize.legend_exact_path"),
                        euler: t(lang, "discretize.legend_euler_path"),
                        start: t(lang, "discretize.label_start"),
                        target: t(lang, "discretize.label_target"),
                        axes: (t(lang, "discretize.axis_h1"), t(lang, "discretize.axis_h2")),
                    },
                };
                euler_plane(area, &scene, theme).map(|_| None)
            });
            let points: Vec<(f64, f64)> =
                ladder.iter().map(|e| (e.substeps as f64, e.relative_error)).collect();
            let now = vec![(n as f64, path.relative_error)];
            let convergence: DrawFn = Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "discretize.axis_substeps"),
                    y_label: t(lang, "discretize.axis_rel_error"),
                    series: vec![
                        Series {
                            label: t(lang, "discretize.legend_ladder"),
                            points: points.clone(),
                            color: palette::ORANGE,
                            style: SeriesStyle::Line,
                        },
                        Series {
                            label: t(lang, "discretize.legend_now"),
                            points: now.clone(),
                            color: palette::INK,
                            style: SeriesStyle::Points,
                        },
                    ],
                    log_x: true,
                    marker_x: Some(n as f64),
                    floor: 1e-17,
                    corner: Corner::UpperRight,
                };
                log_chart(area, &chart, theme).map(|_| None)
            });
            Some((plane, convergence))
        }
    });
    let path = match &*path {
        Ok(path) => path,
        Err(e) => return failed(e),
    };
    let n = num(s.substeps as f64, 6);
    let h0 = || sub(mi("h"), num(0.0, 1));
    let formula = equals([
        row([sup(paren(row([mi("I"), mo("+"), frac(delta_a(), n.clone())])), n), h0()]),
        column(path.euler.last().map(|h| h.as_slice()).unwrap_or(&[]), 4),
    ]);
    let target = equals([row([exp(delta_a()), h0()]), column(path.target.as_slice(), 4)]);
    html! {
        <>
            <Slider id="disc-substeps" label={t(lang, "discretize.substeps")} value={s.substeps as f64}
                    min={1.0} max={MAX_SUBSTEPS as f64} step={1.0} digits={0}
                    on_change={p.update(|s, v: f64| s.substeps = v.round() as usize)} />
            <div class="row">
                <div>
                    <Equation mathml={formula.block()} caption={t(lang, "discretize.eq_euler")} />
                    <Equation mathml={target.block()} caption={t(lang, "discretize.eq_target")} />
                    <p class="readout">{ fill(lang, "discretize.euler_error", &[("n", &s.substeps.to_string()), ("e", &short(path.relative_error))]) }</p>
                    if let Some((_, convergence)) = (*figures).clone() {
                        <Figure draw={convergence} label={t(lang, "discretize.fig_euler_error")} aspect={0.6} />
                    }
                </div>
                <div>
                    if let Some((plane, _)) = (*figures).clone() {
                        <Figure draw={plane} label={t(lang, "discretize.fig_euler")} aspect={0.8} />
                    }
                </div>
            </div>
        </>
    }
}

/// Q3: Bbar as the area under exp(As) B, cut into strips.
#[function_component(IntegralPanel)]
fn integral_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.s;
    let integral = use_memo((s.example, s.delta, s.strips), |&(example, _, q)| {
        b_bar_integral(&example.system(), step_of(s), q, FINE)
    });
    let grid = use_memo((s.example, s.delta, s.strips, lang), {
        let integral = integral.clone();
        move |&(_, _, _, lang)| -> Option<DrawFn> {
            let int = (*integral).as_ref().ok()?;
            let integrand: Vec<_> = int.integrand.iter().map(|(s, v)| (*s, two(v))).collect();
            let accumulated: Vec<_> = int.accumulated.iter().map(|(s, v)| (*s, two(v))).collect();
            let strips: Vec<_> = int.strips.iter().map(|(s, v)| (*s, two(v))).collect();
            let running: Vec<_> = int.running.iter().map(two).collect();
            let (exact, width) = (two(&int.exact), int.width);
            let draw: DrawFn = Rc::new(move |area, theme| {
                let scene = IntegralScene {
                    integrand: integrand.clone(),
                    accumulated: accumulated.clone(),
                    width,
                    strips: strips.clone(),
                    running: running.clone(),
                    exact,
                    labels: IntegralLabels {
                        time: t(lang, "discretize.axis_s"),
                        rate: t(lang, "discretize.axis_rate"),
                        total: t(lang, "discretize.axis_total"),
                        curve: t(lang, "discretize.legend_integrand"),
                        strips: t(lang, "discretize.legend_strips"),
                        accumulated: t(lang, "discretize.legend_accumulated"),
                        running: t(lang, "discretize.legend_running"),
                        b_bar: t(lang, "discretize.label_b_bar"),
                    },
                };
                integral_grid(area, &scene, theme).map(|_| None)
            });
            Some(draw)
        }
    });
    let int = match &*integral {
        Ok(int) => int,
        Err(e) => return failed(e),
    };
    let estimate = int.running.last().cloned().unwrap_or_else(|| int.exact.clone());
    let ds = || row([mi("d"), mi("s")]);
    let integral_eq = equals([
        barred("B"),
        row([
            sup(sub(mo("∫"), num(0.0, 1)), mi("Δ")),
            exp(row([mi("A"), mi("s")])),
            ds(),
            mo("·"),
            mi("B"),
        ]),
        matrix(&int.exact, 4),
    ]);
    let sum_eq = equals([
        row([mi("h"), sub(mo("∑"), mi("i")), exp(row([mi("A"), sub(mi("s"), mi("i"))])), mi("B")]),
        matrix(&estimate, 4),
    ]);
    let q = s.strips.to_string();
    html! {
        <>
            <Slider id="disc-strips" label={t(lang, "discretize.strips")} value={s.strips as f64}
                    min={1.0} max={MAX_STRIPS as f64} step={1.0} digits={0}
                    on_change={p.update(|s, v: f64| s.strips = v.round() as usize)} />
            if let Some(draw) = (*grid).clone() {
                <Figure draw={draw} label={t(lang, "discretize.fig_integral")} aspect={0.55} />
            }
            <div class="row">
                <Equation mathml={integral_eq.block()} caption={t(lang, "discretize.eq_integral")} />
                <Equation mathml={sum_eq.block()} caption={fill(lang, "discretize.eq_strips", &[("q", &q)])} />
            </div>
            <p class="readout">{ fill(lang, "discretize.strips_error", &[("q", &q), ("e", &short(int.relative_error))]) }</p>
        </>
    }
}
