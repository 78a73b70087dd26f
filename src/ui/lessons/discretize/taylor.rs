//! `#/discretize`'s first question: the Taylor series of exp(ΔA) term by term.

use super::{PanelProps, failed};
use crate::course::discretize::MAX_ORDER;
use crate::i18n::{fill, t};
use crate::mathml::{equals, exp, frac, matrix, mi, mo, num, row, sub, sup};
use crate::figures;
use crate::ui::components::{DrawFn, Equation, Figure, Slider};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// Q1: e to the power of a matrix, one Taylor term at a time.
#[function_component(TaylorPanel)]
pub(super) fn taylor_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let sums = use_memo((s.example, s.delta), |_| figures::discretize::taylor(s));
    let k = s.order.min(MAX_ORDER);
    let figures = use_memo((s.example, s.delta, k, lang), {
        let sums = sums.clone();
        move |&(_, _, k, lang)| -> Option<(DrawFn, DrawFn)> {
            (*sums).as_ref().ok()?;
            let (a, b) = (sums.clone(), sums.clone());
            let square: DrawFn = Rc::new(move |area, theme| match &*a {
                Ok((sums, exact)) => figures::discretize::square(area, theme, lang, sums, exact, k),
                Err(_) => Ok(None),
            });
            let errors: DrawFn = Rc::new(move |area, theme| match &*b {
                Ok((sums, _)) => figures::discretize::taylor_error(area, theme, lang, sums, k),
                Err(_) => Ok(None),
            });
            Some((square, errors))
        }
    });
    let (sums, exact) = match &*sums {
        Ok(found) => found,
        Err(e) => return failed(lang, e),
    };
    let part = &sums[k];
    let given = s.example.system().a() * s.delta;
    let m = equals([mi("M"), row([mi("Δ"), mi("A")]), matrix(&given, 4)]);
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
                    on_change={p.lesson.on(|s, v: f64| s.order = v.round() as usize)} />
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
                        <Figure id="discretize/square" draw={square} label={t(lang, "discretize.fig_square")} aspect={0.8} />
                    }
                </div>
            </div>
            if let Some((_, errors)) = (*figures).clone() {
                <Figure id="discretize/taylor-error" draw={errors} label={t(lang, "discretize.fig_taylor_error")} aspect={0.3} />
            }
        </>
    }
}
