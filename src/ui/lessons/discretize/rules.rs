//! The three rules of `#/discretize` side by side: their equations with live numbers and eigenvalues.

use super::{PanelProps, barred, delta_a, failed, rule_name, step_of};
use crate::explain::discretize::{
    LongRun, a_is_invertible, b_bar_series, euler_step_limit, long_run,
};
use crate::figures;
use crate::i18n::{fill, t};
use crate::mathml::{Math, equals, exp, frac, matrix, mi, mo, num, paren, row, sub, sup};
use crate::ssm::Method;
use crate::ui::components::{DrawFn, Equation, Figure, ScrollBox};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use nalgebra::DMatrix;
use std::rc::Rc;
use yew::prelude::*;

/// The most terms of the B̄ series summed for a singular A (it settles long before).
const SERIES_TERMS: usize = 400;

/// The equations with the live Ā and B̄, and Ā's eigenvalues against the unit circle.
#[function_component(RulesPanel)]
pub(super) fn rules_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let now = use_memo((s.example, s.delta), |_| figures::discretize::rules_now(s));
    let loci = use_memo(s.example, |_| figures::discretize::loci(s));
    let eigen = use_memo((s.example, s.delta, s.method, lang), {
        let (loci, now) = (loci.clone(), now.clone());
        move |&(_, _, method, lang)| -> Option<DrawFn> {
            (*loci).as_ref().ok()?;
            (*now).as_ref().ok()?;
            Some(Rc::new(move |area, theme| match (&*loci, &*now) {
                (Ok(loci), Ok(now)) => {
                    figures::discretize::eigen(area, theme, lang, loci, now, method)
                }
                _ => Ok(None),
            }))
        }
    });
    let ds = match &*now {
        Ok(ds) => ds,
        Err(e) => return failed(lang, e),
    };
    let sys = s.example.system();
    // The textbook ZOH form needs A⁻¹; for a singular A the page shows the series instead.
    let invertible = a_is_invertible(&sys);
    let series = (!invertible).then(|| b_bar_series(&sys, step_of(s), SERIES_TERMS).ok()).flatten();
    let b_bar = series.as_ref().unwrap_or(ds[0].b_bar());
    let (a_eq, b_eq) = rule_equations(Method::Zoh, ds[0].a_bar(), b_bar, invertible);
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
        let (a, b) = rule_equations(d.method(), d.a_bar(), d.b_bar(), invertible);
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
        let verdict = match long_run(d.a_bar()) {
            Ok(LongRun::Grows) => t(lang, "discretize.grows"),
            Ok(LongRun::GrowsLinearly) => t(lang, "discretize.grows_linearly"),
            Ok(LongRun::Decays) => t(lang, "discretize.decays"),
            Ok(LongRun::Stays) => t(lang, "discretize.stays"),
            Err(_) => "—",
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
                    <Equation mathml={b_eq.block()} caption={t(lang, if invertible { "discretize.eq_b_bar" } else { "discretize.eq_b_bar_series" })} />
                    <Equation mathml={recurrence.block()} caption={t(lang, "discretize.eq_recurrence")} />
                    { for other }
                </div>
                <div>
                    if let Some(draw) = (*eigen).clone() {
                        <Figure id="discretize/eigen" draw={draw} label={t(lang, "discretize.fig_eigen")} aspect={1.0} />
                    }
                    <ScrollBox>
                    <table class="data">
                        <thead><tr><th>{ t(lang, "discretize.col_rule") }</th><th>{ t(lang, "discretize.col_radius") }</th><th>{ t(lang, "discretize.col_verdict") }</th></tr></thead>
                        <tbody>{ for radii }</tbody>
                    </table>
                    </ScrollBox>
                    <p class="hint">{ limit_text }</p>
                </div>
            </div>
        </section>
    }
}

/// The two formulas of a rule, each with its live matrix: Ā = … = [..], B̄ = … = [..].
pub(super) fn rule_equations(
    m: Method,
    a_bar: &DMatrix<f64>,
    b_bar: &DMatrix<f64>,
    invertible: bool,
) -> (Math, Math) {
    let half = row([frac(mi("Δ"), num(2.0, 1)), mi("A")]);
    let inverse = |inner: Math| sup(paren(inner), num(-1.0, 1));
    let (a_form, b_form) = match m {
        Method::Zoh if invertible => (
            exp(delta_a()),
            row([
                inverse(delta_a()),
                paren(row([exp(delta_a()), mo("−"), mi("I")])),
                mi("Δ"),
                mi("B"),
            ]),
        ),
        // Eqn: Bbar = Σ_{k≥0} Δ^{k+1} A^k / (k+1)! · B, which needs no inverse.
        Method::Zoh => {
            let k = || mi("k");
            let k1 = || row([k(), mo("+"), num(1.0, 1)]);
            (
                exp(delta_a()),
                row([
                    sup(sub(mo("∑"), row([k(), mo("="), num(0.0, 1)])), mi("∞")),
                    frac(row([sup(mi("Δ"), k1()), sup(mi("A"), k())]), row([paren(k1()), mo("!")])),
                    mi("B"),
                ]),
            )
        }
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
