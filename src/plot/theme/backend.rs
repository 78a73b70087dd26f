//! [`Themed`]: a drawing backend that paints every colour through a [`Theme`] before passing
//! the drawing on, so that a figure drawn in role colours comes out in the theme's colours, and
//! that measures its text with a [`TextWidth`] when it is given one (the page measures with a
//! canvas's `measureText`: plotters' web backends would add a styled `<span>` to the page, which
//! the Content-Security-Policy forbids).

use super::Theme;
use plotters::style::RGBColor;
use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontFamily, FontStyle, FontTransform,
};

/// The width in pixels of one line of text in a CSS font (`"normal 11px sans-serif"`, the font
/// first, then the text).
pub type TextWidth = Box<dyn Fn(&str, &str) -> f64>;

/// A text style as a CSS font (`"normal 11px sans-serif"`): what text is measured and drawn in.
pub fn css_font(style: &impl BackendTextStyle) -> String {
    format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str())
}

/// `inner`, with every stroke, fill and text colour painted by `theme`.
pub struct Themed<B> {
    inner: B,
    theme: Theme,
    measure: Option<TextWidth>,
}

impl<B> Themed<B> {
    /// Wraps `inner`, which measures its own text.
    pub fn new(inner: B, theme: Theme) -> Themed<B> {
        Themed { inner, theme, measure: None }
    }

    /// Wraps `inner`, measuring text widths with `width` instead.
    pub fn measuring(inner: B, theme: Theme, width: TextWidth) -> Themed<B> {
        Themed { inner, theme, measure: Some(width) }
    }

    fn paint(&self, c: BackendColor) -> BackendColor {
        let RGBColor(r, g, b) = self.theme.paint(RGBColor(c.rgb.0, c.rgb.1, c.rgb.2));
        BackendColor { alpha: c.alpha, rgb: (r, g, b) }
    }
}

/// A shape style with its colour replaced.
struct Painted {
    color: BackendColor,
    width: u32,
}

impl BackendStyle for Painted {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A text style with its colour replaced; everything else is the original's.
struct PaintedText<'a, T> {
    inner: &'a T,
    color: BackendColor,
}

impl<T: BackendTextStyle> BackendTextStyle for PaintedText<'_, T> {
    type FontError = T::FontError;
    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.inner.size()
    }
    fn transform(&self) -> FontTransform {
        self.inner.transform()
    }
    fn style(&self) -> FontStyle {
        self.inner.style()
    }
    fn anchor(&self) -> Pos {
        self.inner.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.inner.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.inner.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        mut draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        let color = self.color;
        self.inner.draw(text, pos, |x, y, c| draw(x, y, BackendColor { alpha: c.alpha, ..color }))
    }
}

type Drawn<E> = Result<(), DrawingErrorKind<E>>;

impl<B: DrawingBackend> Themed<B> {
    fn style<S: BackendStyle>(&self, s: &S) -> Painted {
        Painted { color: self.paint(s.color()), width: s.stroke_width() }
    }
}

impl<B: DrawingBackend> DrawingBackend for Themed<B> {
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
        let color = self.paint(color);
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn<B::ErrorType> {
        let style = self.style(style);
        self.inner.draw_line(from, to, &style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn<B::ErrorType> {
        let style = self.style(style);
        self.inner.draw_rect(upper_left, bottom_right, &style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn<B::ErrorType> {
        let style = self.style(style);
        self.inner.draw_path(path, &style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn<B::ErrorType> {
        let style = self.style(style);
        self.inner.draw_circle(center, radius, &style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn<B::ErrorType> {
        let style = self.style(style);
        self.inner.fill_polygon(vert, &style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn<B::ErrorType> {
        let style = PaintedText { inner: style, color: self.paint(style.color()) };
        self.inner.draw_text(text, &style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        let Some(width) = &self.measure else { return self.inner.estimate_text_size(text, style) };
        let font = css_font(style);
        // One line is 1.2 × the font size high, as a browser lays out a line of text.
        Ok((width(&font, text).ceil() as u32, (style.size() * 1.2).ceil() as u32))
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
