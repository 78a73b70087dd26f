//! The drawing backends of the page's figures: plotters' canvas backend (and, for Download SVG,
//! its SVG backend) wrapped in [`Themed`], which paints colours by the page's [`Theme`] and
//! measures text with a canvas's own `measureText`. (plotters measures text on the web by adding
//! a `<span style=…>` to the page, which the Content-Security-Policy rightly forbids.)

use crate::plot::theme::{TextWidth, Theme, Themed};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The page's figures: a canvas that measures its own text.
pub(crate) type MeasuredCanvas = Themed<CanvasBackend>;

/// Text widths from the 2-D context of `canvas`, if it has one; nothing touches the DOM.
fn widths_of(canvas: &HtmlCanvasElement) -> Option<TextWidth> {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    Some(Box::new(move |font, text| {
        context.set_font(font);
        context.measure_text(text).map(|m| m.width()).unwrap_or(0.0)
    }))
}

/// The backend for `canvas` drawing in `theme`, if the canvas has a 2-D context.
pub(crate) fn on_canvas(canvas: HtmlCanvasElement, theme: Theme) -> Option<MeasuredCanvas> {
    let widths = widths_of(&canvas)?;
    Some(Themed::measuring(CanvasBackend::with_canvas_object(canvas)?, theme, widths))
}

/// `inner` drawing in `theme`, measuring its text in a canvas never added to the page.
pub(crate) fn detached<B>(inner: B, theme: Theme) -> Option<Themed<B>> {
    let canvas = crate::ui::dom::document().create_element("canvas").ok()?;
    Some(Themed::measuring(inner, theme, widths_of(canvas.unchecked_ref())?))
}
