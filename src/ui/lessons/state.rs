//! Lesson 1, `#/state`: a state is what you must know to predict what comes next. A grid-world
//! agent with its state vector (x, y, d), then an object seen only through noisy positions,
//! where the last position alone predicts badly and (position, velocity) predicts well.

use crate::course::Lesson;
use crate::course::state::{GOAL, GRID, START, STEPS, StateLesson, WARMUP, walk};
use crate::explain::tracking::{Move, Tracking, prediction_errors};
use crate::i18n::{fill, t};
use crate::mathml::{column, equals, mi, mo, num, paren, row, sqrt, sup};
use crate::plot::{GridScene, TrackScene, grid_cell_at, grid_world, track_view, tracking};
use crate::route::Route;
use crate::ui::components::{
    DrawFn, Equation, Figure, PlayControls, Prose, Slider, Toggle, TryThis,
};
use crate::ui::hooks::{use_interval, use_update_measure, use_url_state};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(StateLessonView)]
pub(crate) fn state_lesson() -> Html {
    let lang = use_lang();
    let (s, set) = use_url_state::<StateLesson>(Route::Lesson(Lesson::State, None));
    use_update_measure("state", &*s);
    let playing = use_state(|| false);

    // The grid world.
    let path = s.path();
    let agent = *path.last().unwrap_or(&START);
    let world = StateLesson::world();
    let [x, y, d] = world.state(agent);
    let go = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |m: Move| set.emit(s.with_moves(&[m])))
    };
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
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |f: (f64, f64)| {
            if let Some(cell) = grid_cell_at(GRID, f).filter(|&c| c != agent) {
                set.emit(s.with_moves(&walk(agent, cell)));
            }
        })
    };
    let grid_draw: DrawFn = {
        let trail = path[..path.len() - 1].to_vec();
        let goal_label = t(lang, "state.goal").to_owned();
        Rc::new(move |area, theme| {
            let scene = GridScene {
                size: GRID,
                goal: GOAL,
                agent,
                trail: trail.clone(),
                goal_label: goal_label.clone(),
            };
            grid_world(area, &scene, theme).map(|_| None)
        })
    };
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

    // The tracking example: computed once per noise level, shown up to step k.
    let track = use_memo(s.noise.to_bits(), |bits| {
        Tracking { steps: STEPS, dt: 1.0, noise: f64::from_bits(*bits), jitter: 0.03, seed: 2024 }
            .run()
    });
    let track = match &*track {
        Ok(track) => track.clone(),
        Err(e) => return html! { <p class="banner warning">{ e.to_string() }</p> },
    };
    let k = s.k.min(track.len());
    let (err_velocity, err_position) =
        prediction_errors(&track[..(k + 1).min(track.len())], WARMUP.min(k.saturating_sub(1)));
    let track_draw: DrawFn = {
        let track = track.clone();
        let truth = s.truth;
        let labels = [
            t(lang, "state.legend_observed"),
            t(lang, "state.legend_estimated"),
            t(lang, "state.legend_truth"),
            t(lang, "state.legend_predicted"),
            t(lang, "state.legend_naive"),
        ];
        let axes = (t(lang, "state.axis_x"), t(lang, "state.axis_y"));
        Rc::new(move |area, theme| {
            let shown = &track[..k];
            let now = &shown[k - 1];
            let view = track_view(
                track
                    .iter()
                    .flat_map(|p| [(p.truth[0], p.truth[1]), (p.observed[0], p.observed[1])]),
            );
            let pair = |p: [f64; 2]| (p[0], p[1]);
            let scene = TrackScene {
                observed: shown.iter().map(|p| pair(p.observed)).collect(),
                estimated: shown.iter().map(|p| (p.estimate[0], p.estimate[1])).collect(),
                truth: if truth {
                    shown.iter().map(|p| pair(p.truth)).collect()
                } else {
                    Vec::new()
                },
                predicted: pair(now.predicted_next),
                naive: pair(now.naive_next),
                actual_next: if truth { track.get(k).map(|p| pair(p.truth)) } else { None },
                labels,
                axes,
                view,
            };
            tracking(area, &scene, theme).map(|_| None)
        })
    };
    let step = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |delta: isize| {
            let k = (s.k as isize + delta).clamp(1, STEPS as isize) as usize;
            set.emit(StateLesson { k, ..(*s).clone() });
        })
    };
    {
        let (step, playing) = (step.clone(), playing.clone());
        let at_end = s.k >= STEPS;
        use_interval((*playing && !at_end).then_some(250), Callback::from(move |_| step.emit(1)));
        if *playing && at_end {
            playing.set(false);
        }
    }
    let set_field = |f: fn(&mut StateLesson, f64)| {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: f64| {
            let mut next = (*s).clone();
            f(&mut next, v);
            set.emit(next);
        })
    };

    html! {
        <>
            <Prose keys={vec!["state.intro1", "state.intro2"]} />
            <section class="panel">
                <div class="row">
                    <div class="grid-box" tabindex="0" data-keys="" onkeydown={on_key} aria-label={t(lang, "state.grid_hint")}>
                        <Figure draw={grid_draw} label={t(lang, "state.grid_label")} aspect={1.0} on_press={on_press} />
                    </div>
                    <div>
                        <Equation mathml={vector.block()} caption={t(lang, "state.vector_caption")} />
                        <Equation mathml={d_formula.block()} />
                        <div class="controls arrows">
                            { button(Move::Left, "state.move_left", "←") }
                            { button(Move::Up, "state.move_up", "↑") }
                            { button(Move::Down, "state.move_down", "↓") }
                            { button(Move::Right, "state.move_right", "→") }
                            <button type="button" onclick={{ let set = set.clone(); let s = s.clone(); Callback::from(move |_| set.emit(StateLesson { moves: Vec::new(), ..(*s).clone() })) }}>
                                { t(lang, "state.reset") }
                            </button>
                        </div>
                        <p class="hint">{ t(lang, "state.grid_hint") }</p>
                        if d == 0.0 { <p class="banner info" role="status">{ t(lang, "state.at_goal") }</p> }
                    </div>
                </div>
            </section>
            <Prose keys={vec!["state.hidden1", "state.hidden2"]} />
            <section class="panel">
                <div class="controls">
                    <Slider id="state-noise" label={t(lang, "state.noise")} value={s.noise} min={0.0} max={2.0} step={0.05}
                            on_change={set_field(|s, v| s.noise = v)} />
                    <Slider id="state-k" label={t(lang, "state.step")} value={s.k as f64} min={1.0} max={STEPS as f64} step={1.0} digits={0}
                            on_change={set_field(|s, v| s.k = v as usize)} />
                    <Toggle id="state-truth" label={t(lang, "state.show_truth")} checked={s.truth}
                            on_change={{ let (s, set) = (s.clone(), set.clone()); Callback::from(move |v| set.emit(StateLesson { truth: v, ..(*s).clone() })) }} />
                </div>
                <PlayControls playing={*playing}
                    on_toggle={{ let p = playing.clone(); let (s, set) = (s.clone(), set.clone()); Callback::from(move |_| {
                        if !*p && s.k >= STEPS { set.emit(StateLesson { k: 1, ..(*s).clone() }); }
                        p.set(!*p);
                    }) }}
                    on_step={{ let step = step.clone(); Callback::from(move |_| step.emit(1)) }}
                    on_back={Some({ let step = step.clone(); Callback::from(move |_| step.emit(-1)) })}
                    on_reset={{ let (s, set, p) = (s.clone(), set.clone(), playing.clone()); Callback::from(move |_| { p.set(false); set.emit(StateLesson { k: 1, ..(*s).clone() }) }) }}
                    position={fill(lang, "state.position", &[("k", &k.to_string()), ("n", &STEPS.to_string())])} />
                <Figure draw={track_draw} label={t(lang, "state.track_label")} aspect={0.6} />
                <p class="readout">{ fill(lang, "state.error_naive", &[("e", &format!("{err_position:.2}"))]) }</p>
                <p class="readout">{ fill(lang, "state.error_velocity", &[("e", &format!("{err_velocity:.2}"))]) }</p>
            </section>
            <TryThis keys={vec!["state.try1", "state.try2", "state.try3"]} />
        </>
    }
}
