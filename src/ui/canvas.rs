//! The drawing backends of the page's figures: plotters' canvas backend (and, for Download SVG,
//! its SVG backend), except that text is measured with a canvas's own `measureText`. (plotters
//! measures text on the web by adding a `<span style=…>` to the page, which the
//! Content-Security-Policy rightly forbids.) Colours are painted by the page's [`Theme`] on the
//! way ([`Themed`]).

use crate::plot::theme::{Theme, Themed};
use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A backend `B` whose text is measured in a canvas's 2-D context, without touching the DOM.
pub(crate) struct Measured<B> {
    inner: Themed<B>,
    context: CanvasRenderingContext2d,
}

/// The page's figures: a canvas that measures its own text.
pub(crate) type MeasuredCanvas = Measured<CanvasBackend>;

/// The 2-D context of `canvas`, if it has one.
fn context_of(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

impl MeasuredCanvas {
    /// The backend for `canvas` drawing in `theme`, if the canvas has a 2-D context.
    pub(crate) fn new(canvas: HtmlCanvasElement, theme: Theme) -> Option<MeasuredCanvas> {
        let context = context_of(&canvas)?;
        let inner = Themed::new(CanvasBackend::with_canvas_object(canvas)?, theme);
        Some(Measured { inner, context })
    }
}

impl<B: DrawingBackend> Measured<B> {
    /// `inner` drawing in `theme`, measuring its text in a canvas never added to the page.
    pub(crate) fn detached(inner: B, theme: Theme) -> Option<Measured<B>> {
        let canvas = crate::ui::dom::document().create_element("canvas").ok()?;
        Some(Measured {
            inner: Themed::new(inner, theme),
            context: context_of(canvas.unchecked_ref())?,
        })
    }
}

type Drawn<E> = Result<(), DrawingErrorKind<E>>;

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn<B::ErrorType> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Drawn<B::ErrorType> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn<B::ErrorType> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn<B::ErrorType> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn<B::ErrorType> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn<B::ErrorType> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn<B::ErrorType> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn<B::ErrorType> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn<B::ErrorType> {
        self.inner.draw_text(text, style, pos)
    }

    /// Width from `measureText` in the same font the text will be drawn in; height one line
    /// (1.2 × the font size, as a browser lays out a line of text).
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        let font =
            format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        let width = crate::ui::text_width::text_width(&self.context, &font, text);
        Ok((width.ceil() as u32, (style.size() * 1.2).ceil() as u32))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Drawn<B::ErrorType> {
        self.inner.blit_bitmap(pos, size, src)
    }
}
