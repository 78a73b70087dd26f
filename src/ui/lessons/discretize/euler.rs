//! `#/discretize`'s second question: Euler sub-steps converging to exp(ΔA)·h.

use super::{PanelProps, delta_a, failed, step_of};
use crate::figures::{self, discretize::FINE};
use crate::course::discretize::{H0, MAX_SUBSTEPS, substep_ladder};
use crate::explain::discretize::{euler_path, euler_substeps};
use crate::i18n::{fill, t};
use crate::mathml::{column, equals, exp, frac, mi, mo, num, paren, row, sub, sup};
use crate::ui::components::{DrawFn, Equation, Figure, Slider};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// Q2: exp(ΔA) h₀ as the limit of ever more, ever shorter Euler sub-steps.
#[function_component(EulerPanel)]
pub(super) fn euler_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let path = use_memo((s.example, s.delta, s.substeps), |&(example, _, n)| {
        euler_path(&example.system(), step_of(s), &H0, n, FINE)
    });
    let ladder = use_memo((s.example, s.delta), |&(example, _)| {
        euler_substeps(&example.system(), step_of(s), &H0, &substep_ladder())
    });
    let figures = use_memo((s.example, s.delta, s.substeps, lang), {
        let (path, ladder) = (path.clone(), ladder.clone());
        move |&(_, _, n, lang)| -> Option<(DrawFn, DrawFn)> {
            (*path).as_ref().ok()?;
            (*ladder).as_ref().ok()?;
            let (p1, p2) = (path.clone(), path.clone());
            let plane: DrawFn = Rc::new(move |area, theme| match &*p1 {
                Ok(path) => figures::discretize::euler(area, theme, lang, path),
                Err(_) => Ok(None),
            });
            let convergence: DrawFn = Rc::new(move |area, theme| match (&*ladder, &*p2) {
                (Ok(ladder), Ok(path)) => {
                    figures::discretize::euler_error(area, theme, lang, ladder, path, n)
                }
                _ => Ok(None),
            });
            Some((plane, convergence))
        }
    });
    let path = match &*path {
        Ok(path) => path,
        Err(e) => return failed(lang, e),
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
                    on_change={p.lesson.on(|s, v: f64| s.substeps = v.round() as usize)} />
            <div class="row">
                <div>
                    <Equation mathml={formula.block()} caption={t(lang, "discretize.eq_euler")} />
                    <Equation mathml={target.block()} caption={t(lang, "discretize.eq_target")} />
                    <p class="readout">{ fill(lang, "discretize.euler_error", &[("n", &s.substeps.to_string()), ("e", &short(path.relative_error))]) }</p>
                    if let Some((_, convergence)) = (*figures).clone() {
                        <Figure id="discretize/euler-error" draw={convergence} label={t(lang, "discretize.fig_euler_error")} aspect={0.6} />
                    }
                </div>
                <div>
                    if let Some((plane, _)) = (*figures).clone() {
                        <Figure id="discretize/euler" draw={plane} label={t(lang, "discretize.fig_euler")} aspect={0.8} />
                    }
                </div>
            </div>
        </>
    }
}
