//! A figure's tools: download it as PNG (the canvas as drawn) or SVG (the page's own drawing
//! function run again on plotters' SVG backend), copy the link to this view, and show that link
//! as a QR code for students' phones. File names say the lesson, the
//! figure and the language: `mamba-explainer_discretize_hold_ko.svg`.

use crate::figures;
use crate::i18n::{fill, t};
use crate::plot::Theme;
use crate::qr::Qr;
use crate::ui::canvas::{self, DrawFn};
use crate::ui::dom;
use crate::ui::lang::use_lang;
use plotters::prelude::IntoDrawingArea;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};
use yew::prelude::*;

#[derive(Properties)]
pub(crate) struct Props {
    /// The figure's catalogue id, `<lesson>/<figure>`.
    pub(crate) id: AttrValue,
    /// The figure's canvas (for the PNG).
    pub(crate) canvas: NodeRef,
    /// The figure's drawing function (for the SVG).
    pub(crate) draw: DrawFn,
    /// The figure's height / width.
    pub(crate) aspect: f64,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.draw, &other.draw)
            && self.id == other.id
            && self.canvas == other.canvas
            && self.aspect == other.aspect
    }
}

/// `mamba-explainer_<lesson>_<figure>_<lang>.<ext>`.
fn file_name(id: &str, lang: &str, ext: &str) -> String {
    format!("mamba-explainer_{}_{lang}.{ext}", id.replace('/', "_"))
}

/// Saves `blob` under `name` through a temporary link.
fn save(blob: &Blob, name: &str) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob).map_err(|e| format!("{e:?}"))?;
    let a: HtmlAnchorElement =
        dom::document().create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// The canvas as a PNG file.
fn save_png(canvas: &HtmlCanvasElement, name: String) -> Result<(), String> {
    let done = Closure::once_into_js(move |blob: Option<Blob>| match blob {
        Some(blob) => {
            if let Err(e) = save(&blob, &name) {
                dom::console_error(&e);
            }
        }
        None => dom::console_error("the canvas gave no PNG"),
    });
    canvas.to_blob(done.unchecked_ref()).map_err(|e| format!("{e:?}"))
}

/// The figure as the page draws it now, as an SVG file `width` CSS pixels wide (height by
/// `aspect`), in the light theme. Its text is measured in a detached canvas
/// (`text_width`): plotters would otherwise measure it with a styled `<span>` in the page,
/// which the CSP forbids.
fn save_svg(draw: &DrawFn, aspect: f64, width: u32, name: &str) -> Result<(), String> {
    let width = width.max(320);
    let height = (f64::from(width) * aspect).round() as u32;
    let theme = Theme::default();
    let mut svg = String::new();
    {
        let backend = canvas::on_svg(&mut svg, (width, height), theme);
        let area = backend.into_drawing_area();
        draw(&area, &theme).map_err(|e| e.to_string())?;
        area.present().map_err(|e| format!("{e:?}"))?;
    }
    let parts = js_sys::Array::of1(&svg.into());
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob =
        Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    save(&blob, name)
}

#[function_component(FigureTools)]
pub(crate) fn figure_tools(p: &Props) -> Html {
    let lang = use_lang();
    let status = use_state(String::new);
    let qr_open = use_state(|| false);
    let report = {
        let status = status.clone();
        move |r: Result<(), String>| {
            if let Err(e) = r {
                status.set(fill(lang, "figure.failed", &[("e", &e)]));
            }
        }
    };
    let on_png = {
        let (canvas, id, report) = (p.canvas.clone(), p.id.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                report(save_png(&el, file_name(&id, lang.code(), "png")));
            }
        })
    };
    let on_svg = {
        let (canvas, id, draw, aspect) = (p.canvas.clone(), p.id.clone(), p.draw.clone(), p.aspect);
        Callback::from(move |_: MouseEvent| {
            let width = canvas.cast::<HtmlCanvasElement>().map_or(960, |c| c.client_width());
            let name = file_name(&id, lang.code(), "svg");
            report(save_svg(&draw, aspect, u32::try_from(width).unwrap_or(960), &name));
        })
    };
    let on_copy = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let link = dom::window().location().href().unwrap_or_default();
            let clipboard = dom::window().navigator().clipboard();
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied =
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link)).await;
                let key = if copied.is_ok() { "figure.copied" } else { "figure.copy_failed" };
                status.set(t(lang, key).to_owned());
            });
        })
    };
    let on_qr = {
        let qr_open = qr_open.clone();
        Callback::from(move |_: MouseEvent| qr_open.set(!*qr_open))
    };
    let link =
        if *qr_open { dom::window().location().href().unwrap_or_default() } else { String::new() };
    let qr = qr_open.then(|| Qr::of(&link));
    html! {
        <details class="figure-tools">
            <summary>{ t(lang, "figure.tools") }</summary>
            <div class="figure-tools-menu">
                <button type="button" class="figure-png" onclick={on_png}>{ t(lang, "figure.png") }</button>
                // Only the catalogue's figures offer SVG: the same drawing `mamba-explainer figure`
                // makes for this address.
                if figures::find(&p.id).is_ok() {
                    <button type="button" class="figure-svg" onclick={on_svg}>{ t(lang, "figure.svg") }</button>
                }
                <button type="button" class="figure-copy" onclick={on_copy}>{ t(lang, "figure.copy") }</button>
                <button type="button" class="figure-qr-toggle" aria-pressed={qr_open.to_string()} onclick={on_qr}>{ t(lang, "figure.qr") }</button>
                <span class="figure-status" role="status" aria-live="polite">{ (*status).clone() }</span>
            </div>
            { match qr {
                Some(Ok(code)) => html! {
                    <div class="figure-qr">
                        <svg viewBox={format!("0 0 {0} {0}", code.side())} role="img" aria-label={t(lang, "figure.qr_label")}
                             shape-rendering="crispEdges" data-link={link.clone()}>
                            <rect width="100%" height="100%" fill="#fff" />
                            <path d={code.svg_path()} fill="#000" />
                        </svg>
                        <input type="text" readonly=true class="figure-link" value={link} aria-label={t(lang, "figure.copy")} />
                    </div>
                },
                Some(Err(e)) => html! { <p class="figure-status">{ e }</p> },
                None => Html::default(),
            } }
        </details>
    }
}
