//! [`Canvas2d`]: a plotters backend on a canvas's 2-D context that sets a style only when it
//! changes. A figure draws hundreds of lines, marks and labels in a handful of styles; setting
//! `font`, `fillStyle` and `strokeStyle` on every call made the browser parse the same CSS font
//! and colour strings (and wasm pass them as new JS strings) each time, the largest share of a
//! redraw. The context's state is only ever changed here, so what was last set is what it holds.
//!
//! Lines, paths and outlines in one stroke style that follow each other (a vector field's
//! arrows, a grid, a heat map's cell borders) are gathered into one path and stroked once, when
//! anything else is drawn or at `present`.

use crate::plot::theme::css_font;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A drawing surface's failure, as text: a call the canvas context refused here, or the SVG
/// backend's error (`ui::canvas`).
#[derive(Debug)]
pub(crate) struct SurfaceError(pub(crate) String);

impl std::fmt::Display for SurfaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SurfaceError {}

fn refused(e: JsValue) -> DrawingErrorKind<SurfaceError> {
    DrawingErrorKind::DrawingError(SurfaceError(e.as_string().unwrap_or_else(|| format!("{e:?}"))))
}

/// A colour as a comparable key: its RGB and the bits of its alpha.
type Paint = ((u8, u8, u8), u64);

fn paint(c: BackendColor) -> Paint {
    (c.rgb, c.alpha.to_bits())
}

/// The styles last set on the context (`None`: not set by this backend yet).
#[derive(Default)]
struct Current {
    fill: Option<Paint>,
    stroke: Option<Paint>,
    line_width: Option<u32>,
    font: Option<String>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

/// Draws on one canvas, in device pixels.
pub(crate) struct Canvas2d {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    set: Current,
    /// Whether the context's path holds lines not stroked yet (in the stroke style set).
    open: bool,
}

type Drawn = Result<(), DrawingErrorKind<SurfaceError>>;

/// A colour as CSS.
fn css(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", c.alpha)
}

/// A point moved half a pixel when the line through it is vertical or horizontal, so that a
/// one-pixel line covers one row of pixels instead of blurring over two.
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = ((from.0 as f64, from.1 as f64), (to.0 as f64, to.1 as f64));
    if from.0 == to.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if from.1 == to.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl Canvas2d {
    /// The backend for `canvas`, if it has a 2-D context.
    pub(crate) fn new(canvas: HtmlCanvasElement) -> Option<Canvas2d> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas2d { canvas, context, set: Current::default(), open: false })
    }

    /// Strokes the lines gathered so far; call before drawing anything else.
    fn flush(&mut self) {
        if std::mem::take(&mut self.open) {
            self.context.stroke();
        }
    }

    /// Starts or continues the gathered path of lines in `style`.
    fn gather(&mut self, style: &impl BackendStyle) {
        let same = self.set.stroke == Some(paint(style.color()))
            && self.set.line_width == Some(style.stroke_width());
        if !(self.open && same) {
            self.flush();
            self.stroke(style);
            self.context.begin_path();
            self.open = true;
        }
    }

    fn fill(&mut self, c: BackendColor) {
        if self.set.fill != Some(paint(c)) {
            self.context.set_fill_style_str(&css(c));
            self.set.fill = Some(paint(c));
        }
    }

    fn stroke(&mut self, style: &impl BackendStyle) {
        let c = style.color();
        if self.set.stroke != Some(paint(c)) {
            self.context.set_stroke_style_str(&css(c));
            self.set.stroke = Some(paint(c));
        }
        let w = style.stroke_width();
        if self.set.line_width != Some(w) {
            self.context.set_line_width(f64::from(w));
            self.set.line_width = Some(w);
        }
    }

    fn text_style(&mut self, style: &impl BackendTextStyle) {
        self.fill(style.color());
        let font = css_font(style);
        if self.set.font.as_deref() != Some(font.as_str()) {
            self.context.set_font(&font);
            self.set.font = Some(font);
        }
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.set.baseline != Some(baseline) {
            self.context.set_text_baseline(baseline);
            self.set.baseline = Some(baseline);
        }
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.set.align != Some(align) {
            self.context.set_text_align(align);
            self.set.align = Some(align);
        }
    }

    /// Adds `points` to the context's path (closed when `close`).
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>, close: bool) {
        let mut points = points.into_iter();
        if let Some((x, y)) = points.next() {
            self.context.move_to(f64::from(x), f64::from(y));
            for (x, y) in points {
                self.context.line_to(f64::from(x), f64::from(y));
            }
            if close {
                self.context.close_path();
            }
        }
    }
}

impl DrawingBackend for Canvas2d {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }
    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }
    fn present(&mut self) -> Drawn {
        self.flush();
        Ok(())
    }
    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Drawn {
        if color.alpha > 0.0 {
            self.flush();
            self.fill(color);
            self.context.fill_rect(f64::from(x), f64::from(y), 1.0, 1.0);
        }
        Ok(())
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        if style.color().alpha > 0.0 {
            let (a, b) = crisp(from, to);
            self.gather(style);
            self.context.move_to(a.0, a.1);
            self.context.line_to(b.0, b.1);
        }
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let (x, y, w, h) = (f64::from(x0), f64::from(y0), f64::from(x1 - x0), f64::from(y1 - y0));
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if fill {
            self.flush();
            self.fill(style.color());
            self.context.fill_rect(x, y, w, h);
        } else {
            // An outline joins the gathered lines (a heat map's cell borders: one stroke).
            self.gather(style);
            self.context.rect(x, y, w, h);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        if style.color().alpha > 0.0 {
            self.gather(style);
            self.trace(path, false);
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        if style.color().alpha > 0.0 {
            self.flush();
            self.fill(style.color());
            self.context.begin_path();
            self.trace(vert, true);
            self.context.fill();
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        if fill {
            self.fill(style.color());
        } else {
            self.stroke(style);
        }
        self.context.begin_path();
        let full = std::f64::consts::TAU;
        self.context
            .arc(f64::from(x), f64::from(y), f64::from(radius), 0.0, full)
            .map_err(refused)?;
        if fill {
            self.context.fill();
        } else {
            self.context.stroke();
        }
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Drawn {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.text_style(style);
        let quarter_turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
        };
        if quarter_turns == 0.0 {
            return self.context.fill_text(text, f64::from(x), f64::from(y)).map_err(refused);
        }
        // save/restore bracket only the turn: the styles set above are in the saved state, so
        // restoring keeps them as `set` records.
        self.context.save();
        let turned = self
            .context
            .translate(f64::from(x), f64::from(y))
            .and_then(|()| self.context.rotate(quarter_turns * std::f64::consts::FRAC_PI_2))
            .and_then(|()| self.context.fill_text(text, 0.0, 0.0));
        self.context.restore();
        turned.map_err(refused)
    }
}

impl Drop for Canvas2d {
    /// A figure that stopped drawing early still shows the lines it drew.
    fn drop(&mut self) {
        self.flush();
    }
}
