//! The grid world of `#/state`: the agent's state vector (x, y, d), moved by the arrow keys,
//! the buttons or a click on a cell.

use super::PanelProps;
use crate::course::state::{GOAL, GRID, START, StateLesson, walk};
use crate::explain::tracking::Move;
use crate::i18n::{fill, t};
use crate::mathml::{column, equals, mi, mo, num, paren, row, sqrt, sup};
use crate::figures;
use crate::plot::grid_cell_at;
use crate::ui::components::{DrawFn, Equation, Figure};
use crate::ui::hooks::use_draw;
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(GridPanel)]
pub(super) fn grid_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let lesson = &p.lesson;
    let path = lesson.state.path();
    let agent = *path.last().unwrap_or(&START);
    let world = StateLesson::world();
    let [x, y, d] = world.state(agent);
    let go = lesson.on(|s, m: Move| *s = s.with_moves(&[m]));
    let on_key = {
        let go = go.clone();
        Callback::from(move |e: KeyboardEvent| {
            let m = match e.key().as_str() {
                "ArrowLeft" => Move::Left,
                "ArrowRight" => Move::Right,
                "ArrowUp" => Move::Up,
                "ArrowDown" => Move::Down,
                _ => return,
            };
            e.prevent_default();
            go.emit(m);
        })
    };
    let on_press = {
        let walk_to = lesson.on(move |s, cell| *s = s.with_moves(&walk(agent, cell)));
        Callback::from(move |f: (f64, f64)| {
            if let Some(cell) = grid_cell_at(GRID, f).filter(|&c| c != agent) {
                walk_to.emit(cell);
            }
        })
    };
    // The grid draws the moves alone: the tracking controls below leave it as it is.
    let grid_draw = use_draw((lang, lesson.state.moves.clone()), |(lang, moves)| -> DrawFn {
        let (lang, state) = (*lang, StateLesson { moves: moves.clone(), ..StateLesson::default() });
        Rc::new(move |area, theme| figures::state::grid(area, theme, lang, &state))
    });
    let vector = equals([mi("h"), column(&[x, y, d], 3)]);
    // d = √((x − gx)² + (y − gy)²)
    let squared =
        |v: &str, g: u32| sup(paren(row([mi(v), mo("−"), num(f64::from(g), 1)])), num(2.0, 1));
    let d_formula =
        equals([mi("d"), sqrt(row([squared("x", GOAL.0), mo("+"), squared("y", GOAL.1)]))]);
    let button = |m: Move, key: &'static str, arrow: &'static str| {
        let go = go.clone();
        html! { <button type="button" aria-label={t(lang, key)} onclick={Callback::from(move |_| go.emit(m))}>{ arrow }</button> }
    };
    html! {
        <section class="panel">
            <div class="row">
                <div class="grid-box" tabindex="0" data-keys="" onkeydown={on_key} aria-label={t(lang, "state.grid_hint")}>
                    <Figure id="state/grid" draw={grid_draw} label={t(lang, "state.grid_label")} aspect={1.0} on_press={on_press}
                    summary={fill(lang, "access.sum_state", &[("x", &format!("{x:.0}")), ("y", &format!("{y:.0}")), ("d", &format!("{d:.2}"))])} />
                </div>
                <div>
                    <Equation mathml={vector.block()} caption={t(lang, "state.vector_caption")} />
                    <Equation mathml={d_formula.block()} />
                    <div class="controls arrows">
                        { button(Move::Left, "state.move_left", "←") }
                        { button(Move::Up, "state.move_up", "↑") }
                        { button(Move::Down, "state.move_down", "↓") }
                        { button(Move::Right, "state.move_right", "→") }
                        <button type="button" onclick={lesson.action(|s| s.moves = Vec::new())}>
                            { t(lang, "state.reset") }
                        </button>
                    </div>
                    <p class="hint">{ t(lang, "state.grid_hint") }</p>
                    if d == 0.0 { <p class="banner info" role="status">{ t(lang, "state.at_goal") }</p> }
                </div>
            </div>
        </section>
    }
}
