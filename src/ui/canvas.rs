//! The drawing backend of the page's figures, [`PageBackend`]: the canvas backend [`Canvas2d`],
//! or plotters' SVG backend for Download SVG, behind one type ([`Surface`]) so that every figure
//! function is compiled once in the page. It is wrapped in [`Themed`], which paints colours by
//! the page's [`Theme`] and measures text with `measureText` (`text_width`). (plotters measures
//! text on the web by adding a `<span style=…>` to the page, which the Content-Security-Policy
//! rightly forbids.) A figure's drawing function, [`DrawFn`], draws on it.

use crate::plot::theme::{TextWidth, Theme, Themed};
use crate::plot::{PlotError, XAxisMap};
use crate::ui::canvas2d::{Canvas2d, SurfaceError};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;

/// Where a page figure is drawn: its canvas, or an SVG document written into a string.
pub(crate) enum Surface<'a> {
    Canvas(Canvas2d),
    Svg(SVGBackend<'a>),
}

/// The page's figures: a [`Surface`] painted by the theme, measuring its text in a canvas.
pub(crate) type PageBackend<'a> = Themed<Surface<'a>>;

/// Draws one figure on the page's backend (its canvas, or an SVG for Download SVG); returns the
/// x-axis map when the figure has a data x axis that the pointer can hover.
pub(crate) type DrawFn = Rc<
    dyn for<'s> Fn(
        &DrawingArea<PageBackend<'s>, Shift>,
        &Theme,
    ) -> Result<Option<XAxisMap>, PlotError>,
>;

/// A surface's own error as a [`SurfaceError`].
fn lift<T, E: std::error::Error + Send + Sync>(
    r: Result<T, DrawingErrorKind<E>>,
) -> Result<T, DrawingErrorKind<SurfaceError>> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(SurfaceError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

/// Runs `$call` on whichever backend `$surface` holds, as `$b`.
macro_rules! on_either {
    ($surface:expr, $b:ident => $call:expr) => {
        match $surface {
            Surface::Canvas($b) => lift($call),
            Surface::Svg($b) => lift($call),
        }
    };
}

type Drawn = Result<(), DrawingErrorKind<SurfaceError>>;

impl DrawingBackend for Surface<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Surface::Canvas(b) => b.get_size(),
            Surface::Svg(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Drawn {
        on_either!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Drawn {
        on_either!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        on_either!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        on_either!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        on_either!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        on_either!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        on_either!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        on_either!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn {
        on_either!(self, b => b.draw_text(text, style, pos))
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<SurfaceError>> {
        on_either!(self, b => b.estimate_text_size(text, style))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        on_either!(self, b => b.blit_bitmap(pos, size, src))
    }
}

/// Text widths from `measureText`, each (font, text) measured once per session.
fn widths() -> TextWidth {
    Box::new(crate::ui::text_width::text_width)
}

/// The backend for `canvas` drawing in `theme`, if the canvas has a 2-D context.
pub(crate) fn on_canvas(canvas: HtmlCanvasElement, theme: Theme) -> Option<PageBackend<'static>> {
    Some(Themed::measuring(Surface::Canvas(Canvas2d::new(canvas)?), theme, widths()))
}

/// The backend writing an SVG document of `size` into `out`, drawing in `theme`.
pub(crate) fn on_svg(out: &mut String, size: (u32, u32), theme: Theme) -> PageBackend<'_> {
    Themed::measuring(Surface::Svg(SVGBackend::with_string(out, size)), theme, widths())
}
