//! The model of `#/origins`'s machine: its physical law, its state, the symbolic and the live
//! state-space form, and the analogy between the spring and the circuit.

use super::key;
use crate::course::origins::Machine;
use crate::i18n::t;
use crate::mathml::{Math, dot, frac, mi, mo, row};
use crate::ssm::Continuous;
use crate::ui::components::{Equation, ScrollBox};
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::{output_equation, state_equation};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ModelProps {
    pub(super) machine: Machine,
    pub(super) sys: Rc<Continuous>,
    /// The same system in `#/continuous`, if it fits there.
    pub(super) link: Option<String>,
}

#[function_component(ModelPanel)]
pub(super) fn model_panel(p: &ModelProps) -> Html {
    let lang = use_lang();
    let machine = p.machine;
    let k = |name: &str| t(lang, &key(machine, name));
    let state_vector = match machine {
        Machine::Spring => column_of(&["p", "v"]),
        Machine::Circuit => column_of(&["q", "i"]),
    };
    html! {
    <section class="panel">
        <Equation mathml={physical_law(machine).block()} caption={k("law_caption")} />
        <Equation mathml={row([mi("h"), mo("="), state_vector]).block()} caption={k("state_caption")} />
        <Equation mathml={symbolic_form(machine).block()} caption={t(lang, "origins.symbolic_caption")} />
        <Equation mathml={state_equation(&p.sys).block()} caption={t(lang, "origins.live_caption")} />
        <Equation mathml={output_equation(&p.sys).block()} caption={k("output_caption")} />
        if let Some(href) = p.link.clone() {
            <p><a href={href} class="button">{ t(lang, "origins.open_continuous") }</a></p>
        }
    </section>
    }
}

/// Which quantity of the spring plays which role in the circuit.
#[function_component(AnalogyTable)]
pub(super) fn analogy_table() -> Html {
    let lang = use_lang();
    html! {
    <ScrollBox>
    <table class="data analogy">
        <thead><tr><th>{ t(lang, "origins.table_role") }</th><th>{ t(lang, "origins.spring_name") }</th><th>{ t(lang, "origins.circuit_name") }</th></tr></thead>
        <tbody>
            { for ["state1", "state2", "input", "inertia", "friction", "stiffness"].iter().map(|row_key| html! {
                <tr>
                    <td>{ t(lang, &format!("origins.table_{row_key}")) }</td>
                    <td>{ t(lang, &format!("origins.table_{row_key}_spring")) }</td>
                    <td>{ t(lang, &format!("origins.table_{row_key}_circuit")) }</td>
                </tr>
            }) }
        </tbody>
    </table>
    </ScrollBox>
    }
}

/// The symbolic state space form of the physical law, e.g. A = [[0, 1], [−k/m, −c/m]].
fn symbolic_form(machine: Machine) -> Math {
    let (h1, h2, mass, spring, damper) = match machine {
        Machine::Spring => ("p", "v", mi("m"), mi("k"), mi("c")),
        Machine::Circuit => ("q", "i", mi("L"), row([mo("1"), mo("/"), mi("C")]), mi("R")),
    };
    let neg_frac = |num: Math, den: Math| row([mo("−"), frac(num, den)]);
    let a = Math::Table(vec![
        vec![Math::Number("0".into()), Math::Number("1".into())],
        vec![neg_frac(spring, mass.clone()), neg_frac(damper, mass.clone())],
    ]);
    let b = Math::Table(vec![
        vec![Math::Number("0".into())],
        vec![frac(Math::Number("1".into()), mass)],
    ]);
    let state = Math::Table(vec![vec![mi(h1)], vec![mi(h2)]]);
    let rates = Math::Table(vec![vec![dot(mi(h1))], vec![dot(mi(h2))]]);
    row([rates, mo("="), a, state, mo("+"), b, mi("x")])
}

/// The physical law as written in physics: m p̈ = −k p − c ṗ + x, or L q̈ = −q/C − R q̇ + x.
fn physical_law(machine: Machine) -> Math {
    let second = |v: &str| Math::Over(Box::new(mi(v)), "¨".into());
    match machine {
        Machine::Spring => row([
            mi("m"),
            second("p"),
            mo("="),
            mo("−"),
            mi("k"),
            mi("p"),
            mo("−"),
            mi("c"),
            dot(mi("p")),
            mo("+"),
            mi("x"),
        ]),
        Machine::Circuit => row([
            mi("L"),
            second("q"),
            mo("="),
            mo("−"),
            frac(mi("q"), mi("C")),
            mo("−"),
            mi("R"),
            dot(mi("q")),
            mo("+"),
            mi("x"),
        ]),
    }
}

/// A column of symbols, e.g. (p, v).
fn column_of(names: &[&str]) -> Math {
    Math::Table(names.iter().map(|n| vec![mi(n)]).collect())
}
