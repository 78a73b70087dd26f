//! The FFT's panel of `#/views`: the spectra of the kernel, the input and the output, whose
//! product is the convolution computed all at once.

use super::PanelProps;
use crate::i18n::{fill, t};
use crate::plot::{Corner, LogChart, Series, SeriesStyle, log_chart, palette};
use crate::ui::components::{DrawFn, Figure};
use crate::ui::lang::use_lang;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(SpectraPanel)]
pub(super) fn spectra_panel(p: &PanelProps) -> Html {
    let lang = use_lang();
    let s = &p.lesson.state;
    let spectra = use_memo((s.example, s.delta, s.tokens, s.len, lang), {
        let runs = p.runs.clone();
        move |&(.., lang)| -> Option<DrawFn> {
            let (_, _, fft) = (*runs).as_ref().ok()?;
            let half = fft.size / 2;
            let magnitudes = |zs: &[num_complex::Complex64]| -> Vec<(f64, f64)> {
                zs.iter().take(half + 1).enumerate().map(|(f, z)| (f as f64, z.norm())).collect()
            };
            let series = [
                (
                    t(lang, "views.legend_kernel_spectrum"),
                    magnitudes(&fft.kernel_spectrum),
                    palette::ORANGE,
                    SeriesStyle::Line,
                ),
                (
                    t(lang, "views.legend_input_spectrum"),
                    magnitudes(&fft.input_spectrum),
                    palette::SKY,
                    SeriesStyle::Line,
                ),
                (
                    t(lang, "views.legend_output_spectrum"),
                    magnitudes(&fft.output_spectrum),
                    palette::RED,
                    SeriesStyle::Points,
                ),
            ];
            let draw: DrawFn = Rc::new(move |area, theme| {
                let chart = LogChart {
                    x_label: t(lang, "views.axis_frequency"),
                    y_label: t(lang, "views.axis_magnitude"),
                    series: series
                        .iter()
                        .map(|(label, points, color, style)| Series {
                            label,
                            points: points.clone(),
                            color: *color,
                            style: *style,
                        })
                        .collect(),
                    log_x: false,
                    marker_x: None,
                    floor: 1e-6,
                    corner: Corner::UpperRight,
                };
                log_chart(area, &chart, theme).map(|_| None)
            });
            Some(draw)
        }
    });

    let Ok((_, _, fft)) = &*p.runs else { return Html::default() };
    html! {
        <section class="panel">
            <h2>{ t(lang, "views.fft_heading") }</h2>
            if let Some(draw) = (*spectra).clone() {
                <Figure id="views/spectra" draw={draw} label={t(lang, "views.fig_spectra")} aspect={0.32} />
            }
            <p class="readout">{ fill(lang, "views.fft_size", &[("l", &s.len.to_string()), ("p", &fft.size.to_string())]) }</p>
        </section>
    }
}
