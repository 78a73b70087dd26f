//! The recurrence's column and the convolution's column of `#/views` at step k: each view's
//! figure, its rule, and the rule with the numbers of step k.

use super::{at, barred, k_minus};
use crate::course::views::ViewsLesson;
use crate::i18n::{fill, t};
use crate::mathml::{column, equals, matrix, mi, mo, num, paren, row, sub, sup};
use crate::ssm::{Discretized, SsmError};
use crate::ui::components::{DrawFn, Equation, Figure};
use crate::ui::hooks::LessonState;
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// Terms of the convolution sum written out before "+ …".
const SHOWN_TERMS: usize = 2;

#[derive(Properties)]
pub(super) struct RecurrentProps {
    pub(super) k: usize,
    pub(super) plane: DrawFn,
    pub(super) lesson: LessonState<ViewsLesson>,
    pub(super) system: Rc<Result<Discretized, SsmError>>,
    pub(super) runs: Rc<super::Runs>,
}

impl PartialEq for RecurrentProps {
    fn eq(&self, other: &Self) -> bool {
        self.k == other.k
            && Rc::ptr_eq(&self.plane, &other.plane)
            && self.lesson == other.lesson
            && self.system == other.system
            && self.runs == other.runs
    }
}

/// The state plane and the recurrence h_k = Ā h_{k−1} + B̄ x_k, y_k = C h_k with its numbers.
#[function_component(RecurrentColumn)]
pub(super) fn recurrent_column(p: &RecurrentProps) -> Html {
    let lang = use_lang();
    let Ok((steps, _, _)) = &*p.runs else { return Html::default() };
    let (k, sys) = (p.k, (*p.system).as_ref().ok());
    let step = &steps[k];
    let previous: Vec<f64> =
        if k == 0 { vec![0.0, 0.0] } else { steps[k - 1].state.iter().copied().collect() };
    let km1 = k_minus(num(1.0, 1));
    // The recurrence at step k: the rule, then the same with its numbers.
    let recurrence_rule = row([
        equals([
            at("h", mi("k")),
            row([barred("A"), at("h", km1.clone()), mo("+"), barred("B"), at("x", mi("k"))]),
        ]),
        mo(","),
        equals([at("y", mi("k")), row([mi("C"), at("h", mi("k"))])]),
    ]);
    // The numbers on two lines (the sum, then h_k): one line is wider than the column.
    let recurrence_numbers = sys.map(|d| {
        equals([
            at("h", mi("k")),
            row([
                matrix(d.a_bar(), 3),
                column(&previous, 3),
                mo("+"),
                column(d.b_bar().as_slice(), 3),
                mo("·"),
                paren(num(p.lesson.state.input()[k], 3)),
            ]),
        ])
    });
    let state_numbers = row([mo("="), column(step.state.as_slice(), 3)]);
    let output_numbers = sys.map(|d| {
        equals([row([matrix(d.c(), 3), column(step.state.as_slice(), 3)]), num(step.output, 4)])
    });
    html! {
        <div class="view-column">
            <h3>{ t(lang, "views.recurrent_heading") }</h3>
            <p class="hint">{ t(lang, "views.recurrent_hint") }</p>
            <Figure id="views/state" draw={p.plane.clone()} label={t(lang, "views.fig_state")} aspect={1.0} />
            <Equation mathml={recurrence_rule.block()} />
            if let Some(eq) = recurrence_numbers {
                <Equation mathml={eq.block()} />
                <Equation mathml={state_numbers.block()} />
            }
            if let Some(eq) = output_numbers { <Equation mathml={eq.block()} caption={t(lang, "views.eq_recurrence")} /> }
        </div>
    }
}

#[derive(Properties)]
pub(super) struct ConvolutionProps {
    pub(super) k: usize,
    pub(super) slide: DrawFn,
    pub(super) lesson: LessonState<ViewsLesson>,
    pub(super) runs: Rc<super::Runs>,
}

impl PartialEq for ConvolutionProps {
    fn eq(&self, other: &Self) -> bool {
        self.k == other.k
            && Rc::ptr_eq(&self.slide, &other.slide)
            && self.lesson == other.lesson
            && self.runs == other.runs
    }
}

/// The kernel sliding over the input and y_k = Σ K_j x_{k−j} with its first terms written out.
#[function_component(ConvolutionColumn)]
pub(super) fn convolution_column(p: &ConvolutionProps) -> Html {
    let lang = use_lang();
    let Ok((_, views, _)) = &*p.runs else { return Html::default() };
    let k = p.k;
    let input = p.lesson.state.input();
    let mut written = Vec::new();
    for j in 0..=k.min(SHOWN_TERMS - 1) {
        if j > 0 {
            written.push(mo("+"));
        }
        written.push(row([num(views.kernel[j], 3), mo("·"), paren(num(input[k - j], 3))]));
    }
    if k >= SHOWN_TERMS {
        written.push(mo("+"));
        written.push(mo("…"));
    }
    let convolution_rule = row([
        equals([
            at("y", mi("k")),
            row([
                sup(sub(mo("∑"), row([mi("j"), mo("="), num(0.0, 1)])), mi("k")),
                at("K", mi("j")),
                at("x", k_minus(mi("j"))),
            ]),
        ]),
        mo(","),
        equals([at("K", mi("j")), row([mi("C"), sup(barred("A"), mi("j")), barred("B")])]),
    ]);
    let convolution_numbers = equals([row(written), num(views.convolution[k], 4)]);
    let kernel_numbers = fill(
        lang,
        "views.kernel_numbers",
        &[("k", &views.kernel.iter().take(4).map(|v| short(*v)).collect::<Vec<_>>().join(", "))],
    );
    html! {
        <div class="view-column">
            <h3>{ t(lang, "views.convolution_heading") }</h3>
            <p class="hint">{ t(lang, "views.convolution_hint") }</p>
            <Figure id="views/slide" draw={p.slide.clone()} label={t(lang, "views.fig_slide")} aspect={1.0} />
            <Equation mathml={convolution_rule.block()} />
            <Equation mathml={convolution_numbers.block()} caption={t(lang, "views.eq_convolution")} />
            <p class="hint">{ kernel_numbers }</p>
        </div>
    }
}
