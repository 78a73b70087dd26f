//! The cost panel of `#/views`: work, sequential steps and the cost of the next token for each
//! view, at the current L and N and against L.

use super::{count, view_color, view_name};
use crate::course::views::{MAX_COST_STATES, ViewsLesson, cost_lengths};
use crate::explain::views::{ViewCost, view_cost};
use crate::i18n::{fill, t};
use crate::plot::{Corner, LogChart, Series, SeriesStyle, log_chart};
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
        let lengths = cost_lengths();
        let curve = |pick: fn(&ViewCost) -> u64| -> Vec<(View, Vec<(f64, f64)>)> {
            View::ALL
                .iter()
                .map(|&v| {
                    (
                        v,
                        lengths
                            .iter()
                            .map(|&l| (l as f64, pick(&view_cost(v, n, l)) as f64))
                            .collect(),
                    )
                })
                .collect()
        };
        let chart = |curves: Vec<(View, Vec<(f64, f64)>)>, y_key: &'static str| -> DrawFn {
            Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "views.axis_length"),
                    y_label: t(lang, y_key),
                    series: curves
                        .iter()
                        .map(|(v, points)| Series {
                            label: view_name(lang, *v),
                            points: points.clone(),
                            color: view_color(*v),
                            style: SeriesStyle::Line,
                        })
                        .collect(),
                    log_x: true,
                    marker_x: Some(len as f64),
                    floor: 1.0,
                    corner: Corner::UpperLeft,
                };
                log_chart(area, &chart, theme).map(|_| None)
            })
        };
        [
            chart(curve(|c| c.sequence.operations()), "views.axis_work"),
            chart(curve(|c| c.sequence.sequential_steps), "views.axis_sequential"),
            chart(curve(|c| c.next_token.operations()), "views.axis_next"),
        ]
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
