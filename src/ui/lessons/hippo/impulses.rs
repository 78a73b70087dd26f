//! The notes' question in the HiPPO lesson: impulses at three times, fixed step or 1/k.

use super::{Edit, failed, plot_failure, short};
use crate::course::hippo::HippoLesson;
use crate::explain::hippo::{
    LegsStep, legs_delay_readout, legs_impulse_responses, response_spread,
};
use crate::i18n::{fill, t};
use crate::plot::{LineChart, Series, SeriesStyle, line_chart, palette};
use crate::ssm::Step;
use crate::ui::components::{DrawFn, Figure, Prose, Toggle};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// Impulses of the question's panel arrive at these steps …
const ARRIVALS: [usize; 3] = [4, 24, 48];
/// … and are followed for this many steps.
const SPAN: usize = 80;

#[derive(Properties, PartialEq)]
pub(super) struct ImpulseProps {
    pub(super) n: usize,
    pub(super) delta: f64,
    pub(super) delay: f64,
    pub(super) scaled: bool,
    pub(super) edit: Callback<Edit>,
}

/// The notes' claim tested: impulses at three times through the same A, B, C, with a fixed
/// step (one kernel) or HiPPO's 1/k step (no single kernel).
#[function_component(ImpulsePanel)]
pub(super) fn impulse_panel(p: &ImpulseProps) -> Html {
    let lang = use_lang();
    let key = (p.n, p.delta.to_bits(), p.delay.to_bits(), p.scaled);
    let responses = use_memo(key, |&(n, delta, delay, scaled)| {
        let step = Step::new(f64::from_bits(delta))?;
        let c = legs_delay_readout(n, step, f64::from_bits(delay))?;
        let rule = if scaled { LegsStep::Scaled } else { LegsStep::Fixed(step) };
        legs_impulse_responses(rule, &c, &ARRIVALS, SPAN)
    });
    let draw = {
        let responses = responses.clone();
        use_memo((key, lang), move |&(.., lang)| -> DrawFn {
            let labels: Vec<String> = ARRIVALS
                .iter()
                .map(|k| fill(lang, "hippo.legend_arrival", &[("k", &k.to_string())]))
                .collect();
            Rc::new(move |area, theme| {
                let responses = (*responses).as_ref().map_err(plot_failure)?;
                let styles = [SeriesStyle::Line, SeriesStyle::Dashed, SeriesStyle::Points];
                let colors = [palette::BLUE, palette::RED, palette::GREEN];
                let series = responses
                    .iter()
                    .zip(&labels)
                    .zip(styles.iter().zip(colors))
                    .map(|((r, label), (&style, color))| Series {
                        label,
                        points: r.iter().enumerate().map(|(a, &y)| (a as f64, y)).collect(),
                        color,
                        style,
                    })
                    .collect();
                let chart = LineChart {
                    x_label: t(lang, "hippo.axis_since"),
                    y_label: t(lang, "hippo.axis_response"),
                    series,
                    ..LineChart::default()
                };
                line_chart(area, &chart, theme).map(Some)
            })
        })
    };
    let on_scaled = {
        let edit = p.edit.clone();
        Callback::from(move |v: bool| edit.emit(Rc::new(move |s: &mut HippoLesson| s.scaled = v)))
    };
    let spread = match &*responses {
        Ok(r) => response_spread(r),
        Err(e) => return failed(lang, e),
    };
    let verdict = if p.scaled { "hippo.spread_scaled" } else { "hippo.spread_fixed" };
    html! {
        <div class="impulses">
            <Prose keys={vec!["hippo.q_intro"]} />
            <Toggle id="hippo-scaled" label={t(lang, "hippo.scaled")} checked={p.scaled} on_change={on_scaled} />
            <Figure id="hippo/impulse" draw={(*draw).clone()} label={t(lang, "hippo.impulse_label")} aspect={0.45} />
            <p class="readout" data-value={spread.to_string()} aria-live="polite">{ fill(lang, verdict, &[("d", &short(spread))]) }</p>
            <Prose keys={vec!["hippo.q_answer"]} />
        </div>
    }
}
