//! The FFT's panel of `#/views`: the spectra of the kernel, the input and the output, whose
//! product is the convolution computed all at once.

use super::PanelProps;
use crate::i18n::{fill, t};
use crate::figures;
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
            (*runs).as_ref().ok()?;
            let draw: DrawFn = Rc::new(move |area, theme| match &*runs {
                Ok((_, _, fft)) => figures::views::spectra(area, theme, lang, fft),
                Err(_) => Ok(None),
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
