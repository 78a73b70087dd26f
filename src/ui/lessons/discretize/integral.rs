//! `#/discretize`'s third question: B̄ as the area under exp(sA)·B.

use super::{FINE, PanelProps, barred, failed, step_of, two};
use crate::course::discretize::MAX_STRIPS;
use crate::explain::discretize::b_bar_integral;
use crate::i18n::{fill, t};
use crate::mathml::{equals, exp, matrix, mi, mo, num, row, sub, sup};
use crate::plot::{IntegralLabels, IntegralScene, integral_grid};
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
