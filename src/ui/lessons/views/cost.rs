//! The cost panel of `#/views`: work, sequential steps and the cost of the next token for each
//! view, at the current L and N and against L.

use super::{count, view_name};
use crate::figures::{self, views::Cost};
use crate::course::views::{MAX_COST_STATES, ViewsLesson};
use crate::explain::views::view_cost;
use crate::i18n::{fill, t};
use crate::ssm::View;
use crate::ui::components::{DrawFn, Figure, ScrollBox, Slider};
use crate::ui::hooks::LessonState;
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct CostProps {
    pub(super) lesson: LessonState<ViewsLesson>,
}

#[function_component(CostPanel)]
pub(super) fn cost_panel(p: &CostProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    let cost_charts = use_memo((s.states, s.len, lang), |&(n, len, lang)| -> [DrawFn; 3] {
        [Cost::Work, Cost::Sequential, Cost::Next].map(|which| -> DrawFn {
            Rc::new(move |area, theme| figures::views::cost_chart(area, theme, lang, which, n, len))
        })
    });
    // Costs at the current L and N.
    let cost_rows = View::ALL.iter().map(|&v| {
        let c = view_cost(v, s.states, s.len);
        html! {
            <tr>
                <td>{ view_name(lang, v) }</td>
                <td>{ count(c.sequence.operations()) }</td>
                <td>{ count(c.sequence.sequential_steps) }</td>
                <td>{ count(c.next_token.operations()) }</td>
            </tr>
        }
    });
    let kernel_cost = view_cost(View::Convolution, s.states, s.len).kernel;

    let [work, sequential, next] = (*cost_charts).clone();
    html! {
        <section class="panel">
            <h2>{ t(lang, "views.cost_heading") }</h2>
            <Slider id="views-states" label={t(lang, "views.states")} value={s.states as f64} min={1.0} max={MAX_COST_STATES as f64}
                    step={1.0} digits={0} on_change={lesson.on(|s, v: f64| s.states = v.round() as usize)} />
            <ScrollBox>
            <table class="data">
                <thead><tr>
                    <th>{ t(lang, "views.col_view") }</th>
                    <th>{ fill(lang, "views.col_work", &[("l", &s.len.to_string())]) }</th>
                    <th>{ t(lang, "views.col_sequential") }</th>
                    <th>{ t(lang, "views.col_next") }</th>
                </tr></thead>
                <tbody>{ for cost_rows }</tbody>
            </table>
            </ScrollBox>
            <p class="hint">{ fill(lang, "views.kernel_cost", &[("ops", &count(kernel_cost.operations())), ("steps", &count(kernel_cost.sequential_steps))]) }</p>
            <div class="row cost-charts">
                <div>
                    <h3>{ t(lang, "views.chart_work") }</h3>
                    <Figure id="views/work" draw={work} label={t(lang, "views.fig_work")} aspect={0.85} />
                </div>
                <div>
                    <h3>{ t(lang, "views.chart_sequential") }</h3>
                    <Figure id="views/sequential" draw={sequential} label={t(lang, "views.fig_sequential")} aspect={0.85} />
                </div>
                <div>
                    <h3>{ t(lang, "views.chart_next") }</h3>
                    <Figure id="views/next" draw={next} label={t(lang, "views.fig_next")} aspect={0.85} />
                </div>
            </div>
        </section>
    }
}
