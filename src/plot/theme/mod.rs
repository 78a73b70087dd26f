//! The one theme of the app: light or dark, for a screen or for a projector. It gives the
//! figures their colours and sizes ([`Theme`]) and the page its CSS variables ([`css`]), both
//! from the tables in [`palette`].
//!
//! Figures draw with the role colours of [`palette::roles`]; [`Themed`] wraps a drawing backend
//! and paints every colour through [`Theme::paint`], so one drawing function serves every variant.
//! Sizes go through [`Theme::px`] and [`Theme::font`], which enlarge strokes and text for a room.

mod backend;
pub mod colour;
pub mod css;
pub mod palette;

pub use backend::{TextWidth, Themed, css_font};
pub use palette::Palette;

use plotters::style::RGBColor;

/// Text in a figure on a projector is at least this many CSS pixels.
pub const PROJECTOR_MIN_FONT: f64 = 18.0;
/// Text in a figure on a projector is this much larger than on a screen.
const PROJECTOR_FONT: f64 = 1.5;
/// Strokes and marks on a projector are this much thicker.
const PROJECTOR_STROKE: f64 = 1.6;

/// How a figure is drawn: its device pixel ratio, light or dark, screen or projector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Device pixels per CSS pixel: fonts and strokes scale with it.
    pub scale: f64,
    /// The dark variant.
    pub dark: bool,
    /// Drawn for a room (presenter mode): larger text, thicker lines, high-contrast colours.
    pub projector: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { scale: 1.0, dark: false, projector: false }
    }
}

impl Theme {
    /// A length in device pixels for `css` CSS pixels (thicker on a projector).
    pub fn px(&self, css: f64) -> u32 {
        let k = if self.projector { PROJECTOR_STROKE } else { 1.0 };
        (css * k * self.scale).round().max(1.0) as u32
    }

    /// A font size in device pixels for `css` CSS pixels (at least [`PROJECTOR_MIN_FONT`] on a
    /// projector).
    pub fn font(&self, css: f64) -> f64 {
        let css = if self.projector { (css * PROJECTOR_FONT).max(PROJECTOR_MIN_FONT) } else { css };
        css * self.scale
    }

    /// The variant's name: `light`, `dark`, `projector-light` or `projector-dark`.
    pub fn variant(&self) -> &'static str {
        match (self.dark, self.projector) {
            (false, false) => "light",
            (true, false) => "dark",
            (false, true) => "projector-light",
            (true, true) => "projector-dark",
        }
    }

    /// This variant's colour table.
    pub fn palette(&self) -> &'static Palette {
        match (self.dark, self.projector) {
            (false, false) => &palette::LIGHT,
            (true, false) => &palette::DARK,
            (false, true) => &palette::PROJECTOR_LIGHT,
            (true, true) => &palette::PROJECTOR_DARK,
        }
    }

    /// The colour that role colour `c` is drawn in: a role takes its variant's colour; any other
    /// colour keeps its hue and, in a dark variant, has its lightness mirrored (so heat-map
    /// ramps stay ordered and tints stay faint against the dark paper).
    pub fn paint(&self, c: RGBColor) -> RGBColor {
        let p = self.palette();
        match (p.role(c), p.mirror) {
            (Some(role), _) => role,
            (None, Some(range)) => colour::mirror_lightness(c, range),
            (None, None) => c,
        }
    }
}

#[cfg(test)]
mod tests;
