//! The two views side by side: the recurrence's state moving and the kernel sliding over the
//! input, played step by step, over the outputs of all three views (hover a step to preview it,
//! click to go there).

use super::columns::{ConvolutionColumn, RecurrentColumn};
use super::PanelProps;
use crate::figures;
use crate::explain::views::convolution_terms;
use crate::i18n::{fill, t};
use crate::plot::FigureData;
use crate::ssm::{Stability, View};
use crate::ui::components::{Banner, BannerKind, DrawFn, Figure, PlayControls, Slider};
use crate::ui::hooks::{Track, use_player};
use crate::ui::lang::use_lang;
use crate::mathml::short;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between animation steps.
const TICK_MS: u32 = 700;

#[function_component(SidePanel)]
pub(super) fn side_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let (lesson, s) = (&p.lesson, &p.lesson.state);
    let hover = use_state(|| None::<f64>);
    let on_hover = use_callback(hover.setter(), |x: Option<f64>, setter| setter.set(x));
    // The step the pictures and equations explain: the one pointed at on the outputs chart,
    // else the animation's.
    let shown = hover.map_or(s.k, |x| (x.round().max(0.0) as usize).min(s.len - 1));
    let go = lesson.on(|s, k: f64| *s = s.at(k.round() as isize));
    let player = use_player(s.k as f64, Track::steps(0, s.len - 1, TICK_MS), go.clone());
    // Clicking the outputs chart moves the animation to the step pointed at. The callback is
    // made once (it reads the step pointed at from a cell), so the chart is not redrawn for
    // nothing.
    let pointed = use_mut_ref(|| shown);
    *pointed.borrow_mut() = shown;
    let on_press = use_callback((), {
        let go = go.clone();
        move |_: (f64, f64), _| go.emit(*pointed.borrow() as f64)
    });
    // The figures, each memoized on what it shows.
    let pictures = use_memo((s.example, s.delta, s.tokens, s.len, shown, lang), {
        let runs = p.runs.clone();
        move |&(_, _, tokens, len, k, lang)| -> Option<[DrawFn; 2]> {
            let (_, views, _) = (*runs).as_ref().ok()?;
            let input = tokens.values(len);
            convolution_terms(&views.kernel, &input, k.min(views.convolution.len() - 1)).ok()?;
            let other = runs.clone();
            let plane: DrawFn = Rc::new(move |area, theme| match &*runs {
                Ok((steps, _, _)) => figures::views::plane(area, theme, lang, steps, k),
                Err(_) => Ok(None),
            });
            let slide: DrawFn = Rc::new(move |area, theme| match &*other {
                Ok((_, views, _)) => figures::views::slide(area, theme, lang, views, &input, k),
                Err(_) => Ok(None),
            });
            Some([plane, slide])
        }
    });
    let outputs = use_memo((s.example, s.delta, s.tokens, s.len, s.k, *hover, lang), {
        let runs = p.runs.clone();
        move |&(.., k, hover, lang)| -> Option<DrawFn> {
            (*runs).as_ref().ok()?;
            Some(Rc::new(move |area, theme| match &*runs {
                Ok((_, views, _)) => figures::views::outputs(area, theme, lang, views, k, hover),
                Err(_) => Ok(None),
            }))
        }
    });
    let data = use_memo((s.example, s.delta, s.tokens, s.len, lang), {
        let runs = p.runs.clone();
        move |&(.., lang)| outputs_data(&runs, lang)
    });
    let Ok((steps, views, _)) = &*p.runs else { return Html::default() };
    let (Some([plane, slide]), Some(outputs)) = ((*pictures).clone(), (*outputs).clone()) else {
        return html! { <Banner kind={BannerKind::Warning} text={t(lang, "views.no_figures")} /> };
    };
    let k = shown.min(steps.len() - 1);
    let rho = (*p.system).as_ref().ok().and_then(|d| d.spectral_radius().ok()).unwrap_or(f64::NAN);
    let banner = match s.example.stability() {
        Stability::Unstable => html! {
            <Banner kind={BannerKind::Warning} text={fill(lang, "views.warn_unstable", &[("rho", &short(rho))])} />
        },
        Stability::Marginal => {
            html! { <Banner kind={BannerKind::Info} text={t(lang, "views.info_marginal")} /> }
        }
        Stability::Stable => Html::default(),
    };
    let preview = if hover.is_some() {
        fill(lang, "views.preview", &[("k", &shown.to_string())])
    } else {
        t(lang, "views.hover_hint").to_owned()
    };
    let position = fill(
        lang,
        "views.position",
        &[("k", &s.k.to_string()), ("last", &(s.len - 1).to_string())],
    );
    html! {
        <section class="panel">
            <h2>{ t(lang, "views.side_heading") }</h2>
            { banner }
            <PlayControls player={player} position={position.clone()} />
            <Slider id="views-k" label={t(lang, "views.k")} value={s.k as f64} min={0.0} max={(s.len - 1) as f64} step={1.0} digits={0}
                    on_change={go} />
            <div class="row">
                <RecurrentColumn k={k} plane={plane} lesson={lesson.clone()} system={p.system.clone()} runs={p.runs.clone()} />
                <ConvolutionColumn k={k} slide={slide} lesson={lesson.clone()} runs={p.runs.clone()} />
            </div>
            <Figure id="views/outputs" draw={outputs} label={t(lang, "views.fig_outputs")} aspect={0.32} on_hover={on_hover} on_press={on_press}
                    data={(*data).clone()} summary={position} />
            <p class="readout hover-readout" aria-live="polite">{ preview }</p>
            <ul class="readout">
                <li>{ fill(lang, "views.difference_convolution", &[("d", &short(views.convolution_difference))]) }</li>
                <li>{ fill(lang, "views.difference_fft", &[("d", &short(views.fft_difference))]) }</li>
                <li>{ fill(lang, "views.scale", &[("y", &short(views.scale))]) }</li>
            </ul>
        </section>
    }
}

/// The outputs figure's numbers at every step: y_k by the recurrence, the convolution and the FFT.
fn outputs_data(runs: &super::Runs, lang: crate::i18n::Lang) -> Option<Rc<FigureData>> {
    let (_, views, _) = runs.as_ref().ok()?;
    let k: Vec<f64> = (0..views.fft.len()).map(|k| k as f64).collect();
    let columns = std::iter::once(t(lang, "views.axis_step").to_owned())
        .chain([View::Recurrent, View::Convolution, View::Fft].map(|v| super::view_name(lang, v).to_owned()));
    let values: [&[f64]; 4] = [&k, &views.recurrent, &views.convolution, &views.fft];
    Some(Rc::new(FigureData::columns(columns.collect(), &values)))
}
