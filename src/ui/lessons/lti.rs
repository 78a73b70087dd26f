//! Pieces shared by the two continuous-time lessons (`#/continuous` and `#/origins`): a
//! simulated run, the linked time plots of x(t), h(t) and y(t), the phase plane of a run with
//! its field and rate arrow, the eigenvalue plane, the playback clock's track, the
//! input menu, and readouts both lessons use.

use crate::explain::continuous::SignalKind;
pub(crate) use crate::figures::lti::{
    ARROW_SPAN, EigenTexts, PhaseTexts, Run, TimePlot, TimeTexts, eigen_list,
};
use crate::figures::lti::{eigen, phase, time_plot};
use crate::i18n::{Lang, fill, t};
use crate::mathml::{Math, dot, matrix, mi, mo, num, paren, row};
use crate::plot::FigureData;
use crate::ssm::{Continuous, SsmError};
use crate::ui::components::{Banner, BannerKind, DrawFn, Figure};
use crate::ui::hooks::{Same, Track, use_draw};
use num_complex::Complex64;
use std::rc::Rc;
use yew::prelude::*;

/// The input menu's options: each signal's name in the URL, and its text under
/// `<prefix>.input_<name>`.
pub(crate) fn signal_options(lang: Lang, prefix: &str) -> Vec<(AttrValue, AttrValue)> {
    SignalKind::ALL
        .iter()
        .map(|k| {
            let text = t(lang, &format!("{prefix}.input_{}", k.name()));
            (AttrValue::from(k.name()), AttrValue::from(text))
        })
        .collect()
}

/// The banner shown instead of a lesson whose system cannot be computed.
pub(crate) fn error_banner(lang: Lang, key: &str, e: &SsmError) -> Html {
    let text = fill(lang, key, &[("error", &e.to_string())]);
    html! { <Banner kind={BannerKind::Warning} text={text} /> }
}

/// `name(t)`.
pub(crate) fn of_t(name: Math) -> Math {
    row([name, paren(mi("t"))])
}

/// ḣ(t) = A h(t) + B x(t), with the live A and B: the same equation in both lessons.
pub(crate) fn state_equation(sys: &Continuous) -> Math {
    row([
        of_t(dot(mi("h"))),
        mo("="),
        matrix(sys.a(), 3),
        of_t(mi("h")),
        mo("+"),
        matrix(sys.b(), 3),
        of_t(mi("x")),
    ])
}

/// y(t) = C h(t) + D x(t), with the live C and D.
pub(crate) fn output_equation(sys: &Continuous) -> Math {
    row([
        of_t(mi("y")),
        mo("="),
        matrix(sys.c(), 3),
        of_t(mi("h")),
        mo("+"),
        num(sys.d()[(0, 0)], 3),
        of_t(mi("x")),
    ])
}

#[derive(Properties, PartialEq)]
pub(crate) struct TimePlotsProps {
    /// The lesson's slug: the plots' figure ids are `<lesson>/input`, `/state`, `/output`.
    pub(crate) lesson: &'static str,
    pub(crate) run: Rc<Run>,
    /// The time marked on every plot (hovered, else the animation's time).
    pub(crate) marker: Option<f64>,
    pub(crate) on_hover: Callback<Option<f64>>,
    pub(crate) texts: Rc<TimeTexts>,
    /// The y range never shown beyond (a diverging system).
    pub(crate) limit: Option<(f64, f64)>,
}

/// x(t), then h₁(t) and h₂(t), then y(t): three plots on one time axis, hover-linked. Each is
/// drawn again only when what it shows changes: the input's plot not when only the system does.
#[function_component(TimePlots)]
pub(crate) fn time_plots(p: &TimePlotsProps) -> Html {
    let chart = |which: TimePlot| -> DrawFn {
        let (run, texts, marker, limit) = (p.run.clone(), p.texts.clone(), p.marker, p.limit);
        Rc::new(move |area, theme| time_plot(area, theme, &run, &texts, which, marker, limit))
    };
    let run = &p.run;
    let (texts, marker, limit) = ((*p.texts).clone(), p.marker, p.limit);
    let input_key = (run.input.clone(), run.response.times.clone(), texts.clone(), marker);
    let input = use_draw(input_key, |_| chart(TimePlot::Input));
    let state_key = (Same(run.clone()), texts.clone(), marker, limit);
    let state = use_draw(state_key, |_| chart(TimePlot::State));
    let output_key = (Same(run.clone()), texts.clone(), marker, limit);
    let output = use_draw(output_key, |_| chart(TimePlot::Output));
    let data = use_memo((Same(run.clone()), texts), |(run, texts)| time_data(&run.0, texts));
    let labels = [p.texts.input_label, p.texts.state_label, p.texts.output_label];
    let draws = [input, state, output];
    html! {
        <div class="time-plots">
            { for labels.into_iter().zip(draws).zip(data.iter().cloned()).enumerate().map(|(i, ((label, draw), data))| html! {
                <Figure id={format!("{}/{}", p.lesson, ["input", "state", "output"][i])} draw={draw} label={label} aspect={0.3} on_hover={p.on_hover.clone()}
                        data={data} />
            }) }
        </div>
    }
}

/// The numbers of the three time plots at every sample: (t, x), (t, h₁, h₂) and (t, y).
fn time_data(run: &Run, texts: &TimeTexts) -> [Rc<FigureData>; 3] {
    let r = &run.response;
    let held: Vec<f64> = run.input.held.iter().chain(run.input.held.last()).copied().collect();
    let (h1, h2): (Vec<f64>, Vec<f64>) = (0..r.times.len()).map(|j| run.point(j)).unzip();
    let t = texts.time_axis.to_owned();
    let table = |names: &[&str], values: &[&[f64]]| {
        let columns = std::iter::once(t.clone()).chain(names.iter().map(|n| (*n).to_owned()));
        Rc::new(FigureData::columns(columns.collect(), values))
    };
    [
        table(&[texts.input_legend], &[&r.times, &held]),
        table(&[texts.h1_legend, texts.h2_legend], &[&r.times, &h1, &h2]),
        table(&["y"], &[&r.times, &r.outputs]),
    ]
}

/// The phase plane of a run at time t: the field for the input at t, the path so far, the
/// current state with its rate arrow, the hovered state, and the equilibrium.
pub(crate) fn phase_draw(
    sys: Rc<Continuous>,
    run: Rc<Run>,
    t: f64,
    hover: Option<f64>,
    texts: PhaseTexts,
    limit: f64,
) -> DrawFn {
    Rc::new(move |area, theme| phase(area, theme, &sys, &run, t, hover, &texts, limit))
}

/// The eigenvalue plane of a system.
pub(crate) fn eigen_draw(eigenvalues: Vec<Complex64>, texts: EigenTexts) -> DrawFn {
    Rc::new(move |area, theme| eigen(area, theme, &eigenvalues, &texts))
}

/// The clock of the continuous-time lessons: t plays over [0, duration], 0.1 s of simulated
/// time every 50 ms, and Step / Back (or the arrow keys) move it by 0.25 s.
pub(crate) fn clock(duration: f64) -> Track {
    Track { start: 0.0, end: duration, tick: 0.1, period_ms: 50, step: 0.25 }
}
