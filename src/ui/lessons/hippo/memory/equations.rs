//! The memory panel's equations: the LegS update, the reconstruction from Legendre polynomials,
//! and the live coefficients c_t.

use crate::i18n::t;
use crate::mathml::{equals, frac, matrix, mi, mo, num, paren, row, sqrt, sub, sup};
use crate::ui::components::Equation;
use crate::ui::lang::use_lang;
use nalgebra::DMatrix;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct EquationsProps {
    pub(super) coefficients: Vec<f64>,
}

#[function_component(MemoryEquations)]
pub(super) fn memory_equations(p: &EquationsProps) -> Html {
    let lang = use_lang();
    let shown = p.coefficients.len().min(4);
    let c_row = DMatrix::from_fn(1, shown, |_, j| (p.coefficients[j] * 1e3).round() / 1e3);
    let update = equals([
        sub(mi("c"), mi("k")),
        row([
            sup(
                paren(row([mi("I"), mo("−"), frac(mi("A"), row([num(2.0, 1), mi("k")]))])),
                row([mo("−"), num(1.0, 1)]),
            ),
            mo("["),
            paren(row([mi("I"), mo("+"), frac(mi("A"), row([num(2.0, 1), mi("k")]))])),
            sub(mi("c"), row([mi("k"), mo("−"), num(1.0, 1)])),
            mo("+"),
            frac(mi("B"), mi("k")),
            sub(mi("x"), mi("k")),
            mo("]"),
        ]),
    ]);
    let rebuild = row([
        mi("x"),
        paren(row([mi("u"), mi("t")])),
        mo("≈"),
        sub(mo("∑"), row([mi("n"), mo("<"), mi("N")])),
        sub(mi("c"), mi("n")),
        sqrt(row([num(2.0, 1), mi("n"), mo("+"), num(1.0, 1)])),
        sub(mi("P"), mi("n")),
        paren(row([num(2.0, 1), mi("u"), mo("−"), num(1.0, 1)])),
    ]);
    let live_c = row([
        sub(mi("c"), mi("t")),
        mo("="),
        matrix(&c_row, 3),
        if p.coefficients.len() > shown { mo("…") } else { row([]) },
    ]);

    html! {
        <>
            <Equation mathml={update.block()} caption={t(lang, "hippo.update_caption")} />
            <Equation mathml={rebuild.block()} />
            <Equation mathml={live_c.block()} caption={t(lang, "hippo.rebuild_caption")} />
        </>
    }
}
