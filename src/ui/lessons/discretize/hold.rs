//! The held tokens of `#/discretize` against the exact output, each rule's samples and errors.

use super::{PanelProps, rule_name, step_of};
use crate::figures;
use crate::ui::errors::error_text;
use crate::course::discretize::{SAMPLES_PER_STEP, TOKENS};
use crate::explain::discretize::{RuleComparison, compare_rules, euler_step_limit};
use crate::i18n::{Lang, fill, t};
use crate::plot::FigureData;
use crate::explain::examples::Example;
use crate::ssm::Stability;
use crate::ui::components::{Banner, BannerKind, DrawFn, Figure};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// The held tokens, the exact output, the chosen rule's samples and every rule's errors, with
/// the warnings that explain a diverging picture. Hovering a time marks it on both charts.
#[function_component(HoldPanel)]
pub(super) fn hold_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
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
            (*rules).as_ref().ok()?;
            let (rules, x) = (rules.clone(), x.clone());
            Some(Rc::new(move |area, theme| match &*rules {
                Ok(cmp) => figures::discretize::hold(area, theme, lang, cmp, &x, delta, method, marker),
                Err(_) => Ok(None),
            }))
        }
    });
    let data = use_memo((s.example, s.delta, s.tokens, lang), {
        let (rules, x) = (rules.clone(), x.clone());
        move |&(_, delta, _, lang)| Some(Rc::new(hold_data(lang, (*rules).as_ref().ok()?, &x, delta)))
    });
    let errors = use_memo((s.example, s.delta, s.tokens, *hover, lang), {
        let rules = rules.clone();
        move |&(_, delta, _, marker, lang)| -> Option<DrawFn> {
            (*rules).as_ref().ok()?;
            let rules = rules.clone();
            Some(Rc::new(move |area, theme| match &*rules {
                Ok(cmp) => figures::discretize::errors(area, theme, lang, cmp, delta, marker),
                Err(_) => Ok(None),
            }))
        }
    });
    // The chosen rule's spectral radius, when it exceeds one.
    let radius = (*rules)
        .as_ref()
        .ok()
        .and_then(|c| c.rules.iter().find(|r| r.method == s.method))
        .map(|r| r.spectral_radius)
        .filter(|&r| r > 1.0);
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
        Err(e) => vec![error_text(lang, e)],
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
            <StabilityBanner example={s.example} radius={radius} />
            if let (Some(hold), Some(errors)) = ((*hold).clone(), (*errors).clone()) {
                <Figure id="discretize/hold" draw={hold} label={t(lang, "discretize.fig_hold")} aspect={0.42} on_hover={on_hover.clone()}
                        data={(*data).clone()} />
                <Figure id="discretize/errors" draw={errors} label={t(lang, "discretize.fig_errors")} aspect={0.3} on_hover={on_hover}
                    summary={worst.join(" ")} />
            }
            <p class="readout hover-readout" aria-live="polite">{ hover_text }</p>
            <ul class="readout">{ for worst.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
        </section>
    }
}

/// The numbers of the hold figure at each step end t = (k + 1)Δ: the held token x_k, the exact
/// output y((k + 1)Δ) and every rule's y_k.
fn hold_data(lang: Lang, cmp: &RuleComparison, x: &[f64], delta: f64) -> FigureData {
    let times: Vec<f64> = (1..=x.len()).map(|k| k as f64 * delta).collect();
    let exact: Vec<f64> = (1..=x.len())
        .map(|k| cmp.exact.outputs.get((0, k * SAMPLES_PER_STEP)).copied().unwrap_or(f64::NAN))
        .collect();
    let mut columns = vec![
        t(lang, "discretize.axis_time").to_owned(),
        t(lang, "discretize.legend_input").to_owned(),
        t(lang, "discretize.legend_exact").to_owned(),
    ];
    let mut values: Vec<&[f64]> = vec![&times, x, &exact];
    for r in &cmp.rules {
        columns.push(fill(lang, "discretize.legend_samples", &[("rule", rule_name(lang, r.method))]));
        values.push(&r.outputs);
    }
    FigureData::columns(columns, &values)
}

#[derive(Properties, PartialEq)]
struct StabilityBannerProps {
    example: Example,
    /// The chosen rule's spectral radius |λ(Abar)|, only when it exceeds one.
    radius: Option<f64>,
}

/// Why the picture may diverge: the continuous system is unstable (Re λ > 0), marginal, or
/// stable but the chosen rule's Abar has |λ| > 1 at this Δ (Euler past its step limit).
#[function_component(StabilityBanner)]
fn stability_banner(p: &StabilityBannerProps) -> Html {
    let lang = use_lang();
    let sys = p.example.system();
    match sys.stability().unwrap_or(Stability::Unstable) {
        Stability::Unstable => {
            let re = sys.spectral_abscissa().unwrap_or(f64::NAN);
            html! { <Banner kind={BannerKind::Warning} text={fill(lang, "discretize.warn_continuous", &[("re", &short(re))])} /> }
        }
        Stability::Marginal => {
            html! { <Banner kind={BannerKind::Info} text={t(lang, "discretize.info_marginal")} /> }
        }
        Stability::Stable => match (p.radius, euler_step_limit(&sys).ok().flatten()) {
            (Some(rho), Some(limit)) => html! {
                <Banner kind={BannerKind::Warning} text={fill(lang, "discretize.warn_rule", &[("rho", &short(rho)), ("limit", &short(limit))])} />
            },
            _ => Html::default(),
        },
    }
}
