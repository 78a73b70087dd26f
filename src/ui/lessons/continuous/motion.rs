//! `#/continuous`'s motion panel: the state moving along the vector field in the phase plane,
//! the linked time plots of x, h₁, h₂, y, and h'(t) = A h + B x written out at the clock's time.

use super::Model;
use crate::figures::continuous::{phase_texts, plane_limit, time_texts};
use crate::course::continuous::{ContinuousLesson, DURATION, VIEW_LIMIT, view_limit};
use crate::explain::continuous::rate;
use crate::format::{complex_text, decimal};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{column, dot, matrix, mi, mo, num, paren, row};
use crate::ssm::Stability;
use crate::ui::components::{Banner, BannerKind, Equation, Figure, PlayControls, Slider};
use crate::ui::hooks::{LessonState, Player};
use crate::ui::lang::use_lang;
use crate::ui::lessons::lti::{ARROW_SPAN, TimePlots, phase_draw};
use nalgebra::DMatrix;
use std::rc::Rc;
use yew::prelude::*;

/// The banner saying why a system diverges or does not settle, if it does not.
fn stability_banner(lang: Lang, m: &Model) -> Html {
    // The fastest-growing mode (of a conjugate pair, the one with Im λ ≥ 0).
    let worst = m
        .eigenvalues
        .iter()
        .copied()
        .max_by(|a, b| a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im)));
    match (m.stability, worst) {
        (Stability::Unstable, Some(l)) => {
            let text = fill(
                lang,
                "continuous.unstable",
                &[
                    ("lambda", &complex_text(l)),
                    ("re", &decimal(l.re)),
                    ("limit", &decimal(VIEW_LIMIT)),
                ],
            );
            html! { <Banner kind={BannerKind::Warning} text={text} /> }
        }
        (Stability::Marginal, _) => {
            html! { <Banner kind={BannerKind::Info} text={t(lang, "continuous.marginal")} /> }
        }
        _ => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct MotionProps {
    pub(super) lesson: LessonState<ContinuousLesson>,
    pub(super) model: Model,
    /// The lesson's clock (owned by the lesson, so it survives an invalid system).
    pub(super) clock: Player,
}

#[function_component(MotionPanel)]
pub(super) fn motion_panel(p: &MotionProps) -> Html {
    let lang = use_lang();
    let hover = use_state(|| None::<f64>);
    let (s, m, clock) = (&p.lesson.state, &p.model, &p.clock);
    let set_t = p.lesson.on(|s, v| *s = s.at_time(v));
    let limit = view_limit(Some(m.stability));
    let marker = (*hover).or(Some(s.t));
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |x: Option<f64>| hover.set(x))
    };
    let phase = phase_draw(
        m.sys.clone(),
        m.run.clone(),
        s.t,
        *hover,
        phase_texts(lang),
        plane_limit(limit),
    );
    let j = m.run.response.index_at(s.t);
    let (h_now, x_now) = (m.run.response.state(j), m.run.input_at(s.t));
    let rate_now = rate(&m.sys, &h_now, x_now).unwrap_or_default();
    let rate_equation = row([
        dot(mi("h")),
        paren(row([mi("t"), mo("="), num(s.t, 3)])),
        mo("="),
        matrix(&DMatrix::from_row_slice(2, 2, &s.a), 3),
        column(&h_now, 3),
        mo("+"),
        column(&s.b, 3),
        mo("·"),
        if x_now < 0.0 { paren(num(x_now, 3)) } else { num(x_now, 3) },
        mo("="),
        column(&rate_now, 3),
    ]);
    html! {
        <section class="panel">
            { stability_banner(lang, m) }
            <div class="controls">
                <PlayControls player={clock.clone()}
                    position={fill(lang, "continuous.position", &[("t", &format!("{:.2}", s.t)), ("n", &decimal(DURATION))])} />
                <Slider id="continuous-t" label={t(lang, "continuous.time")} value={s.t} min={0.0} max={DURATION}
                        step={0.05} unit={t(lang, "unit.seconds")} on_change={set_t} />
            </div>
            <div class="row">
                <div class="phase-box" tabindex="0" data-keys="" onkeydown={clock.on_key.clone()}
                     aria-label={t(lang, "continuous.keys_hint")}>
                    <Figure id="continuous/phase" draw={phase} label={t(lang, "continuous.phase_label")} aspect={0.9}
                    summary={crate::figures::lti::eigen_list(&m.eigenvalues)} />
                </div>
                <TimePlots lesson="continuous" run={m.run.clone()} marker={marker} on_hover={on_hover} texts={Rc::new(time_texts(lang))} limit={limit} />
            </div>
            <p class="hint">{ t(lang, "continuous.hover_hint") }</p>
            <Equation mathml={rate_equation.block()} caption={fill(lang, "continuous.rate_eq_caption", &[("span", &decimal(ARROW_SPAN))])} />
        </section>
    }
}
