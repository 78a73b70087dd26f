//! `#/discretize`'s third question: B̄ as the area under exp(sA)·B.

use super::{PanelProps, barred, failed, step_of};
use crate::figures::{self, discretize::FINE};
use crate::course::discretize::MAX_STRIPS;
use crate::explain::discretize::b_bar_integral;
use crate::i18n::{fill, t};
use crate::mathml::{equals, exp, matrix, mi, mo, num, row, sub, sup};
use crate::ui::components::{DrawFn, Equation, Figure, Slider};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// Q3: Bbar as the area under exp(As) B, cut into strips.
#[function_component(IntegralPanel)]
pub(super) fn integral_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let integral = use_memo((s.example, s.delta, s.strips), |&(example, _, q)| {
        b_bar_integral(&example.system(), step_of(s), q, FINE)
    });
    let grid = use_memo((s.example, s.delta, s.strips, lang), {
        let integral = integral.clone();
        move |&(.., lang)| -> Option<DrawFn> {
            (*integral).as_ref().ok()?;
            let integral = integral.clone();
            Some(Rc::new(move |area, theme| match &*integral {
                Ok(int) => figures::discretize::integral(area, theme, lang, int),
                Err(_) => Ok(None),
            }))
        }
    });
    let int = match &*integral {
        Ok(int) => int,
        Err(e) => return failed(lang, e),
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
        row([mi("w"), sub(mo("∑"), mi("i")), exp(row([mi("A"), sub(mi("s"), mi("i"))])), mi("B")]),
        matrix(&estimate, 4),
    ]);
    let q = s.strips.to_string();
    html! {
        <>
            <Slider id="disc-strips" label={t(lang, "discretize.strips")} value={s.strips as f64}
                    min={1.0} max={MAX_STRIPS as f64} step={1.0} digits={0}
                    on_change={p.lesson.on(|s, v: f64| s.strips = v.round() as usize)} />
            if let Some(draw) = (*grid).clone() {
                <Figure id="discretize/integral" draw={draw} label={t(lang, "discretize.fig_integral")} aspect={0.55} />
            }
            <div class="row">
                <Equation mathml={integral_eq.block()} caption={t(lang, "discretize.eq_integral")} />
                <Equation mathml={sum_eq.block()} caption={fill(lang, "discretize.eq_strips", &[("q", &q)])} />
            </div>
            <p class="readout">{ fill(lang, "discretize.strips_error", &[("q", &q), ("e", &short(int.relative_error))]) }</p>
        </>
    }
}
