//! The HiPPO lesson's first panel: the heat-map of A, its definition and a live corner.

use super::{Edit, failed, mspace, n_slider, options, plot_failure, short};
use crate::course::hippo::{HippoLesson, MatrixChoice};
use crate::i18n::{fill, t};
use crate::mathml::{Math, cases, column, frac, matrix, mi, mo, num, paren, row, sqrt, sub};
use crate::plot::{CellMap, Heatmap, heatmap};
use crate::ui::components::{DrawFn, Equation, Figure, Select};
use crate::ui::lang::use_lang;
use crate::url::Named;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct MatrixProps {
    pub(super) n: usize,
    pub(super) matrix: MatrixChoice,
    pub(super) edit: Callback<Edit>,
}

/// The heat-map of A with the N slider, the definition and a live corner of A and B.
#[function_component(MatrixPanel)]
pub(super) fn matrix_panel(p: &MatrixProps) -> Html {
    let lang = use_lang();
    let picked = use_state(|| None::<(usize, usize)>);
    let cells = use_mut_ref(|| None::<CellMap>);
    let system = use_memo((p.matrix, p.n), |&(m, n)| m.system().continuous(n));
    let picked_cell = (*picked).filter(|&(i, j)| i < p.n && j < p.n);
    let draw = {
        let (system, cells) = (system.clone(), cells.clone());
        use_memo((p.matrix, p.n, picked_cell, lang), move |&(_, _, highlight, lang)| -> DrawFn {
            Rc::new(move |area, theme| {
                let sys = (*system).as_ref().map_err(plot_failure)?;
                let chart = Heatmap {
                    values: sys.a(),
                    x_label: t(lang, "hippo.heat_x"),
                    y_label: t(lang, "hippo.heat_y"),
                    value_label: t(lang, "hippo.heat_value"),
                    range: None,
                    highlight,
                };
                *cells.borrow_mut() = Some(heatmap(area, &chart, theme)?);
                Ok(None)
            })
        })
    };
    let on_press = {
        let picked = picked.clone();
        use_callback((), move |f: (f64, f64), _| {
            if let Some(cell) = cells.borrow().and_then(|m| m.cell_at(f)) {
                picked.set(Some(cell));
            }
        })
    };
    // The keyboard picks cells too: the arrows move the outlined cell.
    let on_key = {
        let (picked, n) = (picked.clone(), p.n);
        Callback::from(move |e: KeyboardEvent| {
            let (i, j) = picked.filter(|&(i, j)| i < n && j < n).unwrap_or((0, 0));
            let next = match e.key().as_str() {
                "ArrowUp" => (i.saturating_sub(1), j),
                "ArrowDown" => ((i + 1).min(n - 1), j),
                "ArrowLeft" => (i, j.saturating_sub(1)),
                "ArrowRight" => (i, (j + 1).min(n - 1)),
                _ => return,
            };
            e.prevent_default();
            picked.set(Some(if picked.is_some() { next } else { (i, j) }));
        })
    };
    let sys = match &*system {
        Ok(sys) => sys,
        Err(e) => return failed(lang, e),
    };
    let on_matrix = {
        let edit = p.edit.clone();
        Callback::from(move |name: String| {
            if let Some(m) = MatrixChoice::ALL.into_iter().find(|m| m.name() == name) {
                edit.emit(Rc::new(move |s: &mut HippoLesson| s.matrix = m));
            }
        })
    };
    let corner = p.n.min(5);
    let a_corner = sys.a().view((0, 0), (corner, corner)).into_owned();
    let b_corner: Vec<f64> = sys.b().column(0).iter().take(corner).copied().collect();
    let definition = match p.matrix {
        MatrixChoice::Legs => legs_definition(),
        MatrixChoice::S4dReal => row([
            mi("A"),
            mo("="),
            mi("diag"),
            paren(row([
                mo("−"),
                num(1.0, 1),
                mo(","),
                mo("−"),
                num(2.0, 1),
                mo(","),
                mo("…"),
                mo(","),
                mo("−"),
                mi("N"),
            ])),
            mo(","),
            mspace(),
            sub(mi("B"), mi("n")),
            mo("="),
            num(1.0, 1),
        ]),
        MatrixChoice::Random => row([
            mi("A"),
            mo("="),
            frac(mi("N"), num(2.0, 1)),
            mo("·"),
            frac(mi("G"), sqrt(mi("N"))),
            mo("−"),
            paren(row([frac(mi("N"), num(2.0, 1)), mo("+"), num(1.0, 1)])),
            mi("I"),
            mo(","),
            mspace(),
            sub(mi("G"), row([mi("i"), mi("j")])),
            mo(","),
            sub(mi("B"), mi("n")),
            mo("∼"),
            mi("𝒩"),
            paren(row([num(0.0, 1), mo(","), num(1.0, 1)])),
        ]),
    };
    let more = |dots: &str| if p.n > corner { mo(dots) } else { row([]) };
    let live = row([mi("A"), mo("="), matrix(&a_corner, 3), more("⋯")]);
    let live_b = row([mi("B"), mo("="), column(&b_corner, 3), more("⋮")]);
    let options = options(
        lang,
        &[("legs", "hippo.m_legs"), ("s4d-real", "hippo.m_s4d"), ("random", "hippo.m_random")],
    );
    html! {
        <section class="panel">
            <div class="controls">
                { n_slider(lang, "hippo-n", p.n, &p.edit) }
                <Select id="hippo-matrix" label={t(lang, "hippo.matrix_shown")} options={options}
                        selected={p.matrix.name()} on_change={on_matrix} />
            </div>
            <div class="row">
                <div class="heat" tabindex="0" data-keys="" onkeydown={on_key} aria-label={t(lang, "hippo.cell_hint")}>
                    <Figure id="hippo/heat" draw={(*draw).clone()} label={t(lang, "hippo.heat_label")} aspect={0.82} on_press={on_press} />
                </div>
                <div class="matrix-notes">
                    <Equation mathml={definition.block()} caption={t(lang, "hippo.definition_caption")} />
                    <div class="live-corner">
                        <Equation mathml={live.block()} />
                        <Equation mathml={live_b.block()} />
                    </div>
                    <p class="equation-caption">{ fill(lang, "hippo.corner_caption", &[("k", &corner.to_string()), ("n", &p.n.to_string())]) }</p>
                    <p class="readout" aria-live="polite">{
                        match picked_cell {
                            Some((i, j)) => fill(lang, "hippo.cell", &[("n", &i.to_string()), ("k", &j.to_string()), ("v", &short(sys.a()[(i, j)]))]),
                            None => t(lang, "hippo.cell_hint").to_owned(),
                        }
                    }</p>
                </div>
            </div>
        </section>
    }
}

/// LegS's A and B: A_nk = −√(2n+1)√(2k+1) (n > k), −(n+1) (n = k), 0 (n < k); B_n = √(2n+1).
fn legs_definition() -> Math {
    let root = |v: &str| sqrt(row([num(2.0, 1), mi(v), mo("+"), num(1.0, 1)]));
    let when = |a: &str, rel: &str, b: &str| row([mi(a), mo(rel), mi(b)]);
    row([
        sub(mi("A"), row([mi("n"), mi("k")])),
        mo("="),
        cases([
            (row([mo("−"), root("n"), root("k")]), when("n", ">", "k")),
            (row([mo("−"), paren(row([mi("n"), mo("+"), num(1.0, 1)]))]), when("n", "=", "k")),
            (num(0.0, 1), when("n", "<", "k")),
        ]),
        mo(","),
        mspace(),
        sub(mi("B"), mi("n")),
        mo("="),
        root("n"),
    ])
}
