//! The colour tables of the four variants (light, dark, projector light, projector dark): the
//! page's CSS variables and the figures' palette come from the same [`Palette`].
//!
//! Figures name colours by role with the constants of [`roles`] (the light theme's Okabe–Ito
//! palette, chosen to stay distinguishable for the common colour-vision deficiencies); the
//! [`Theme`](super::Theme) paints each role in its variant's colour when the figure is drawn.

use plotters::style::RGBColor;

/// The role colours figures draw with (their values are the light variant's).
pub mod roles {
    use plotters::style::RGBColor;
    /// Blue: inputs.
    pub const BLUE: RGBColor = RGBColor(0, 114, 178);
    /// Vermillion: outputs.
    pub const RED: RGBColor = RGBColor(213, 94, 0);
    /// Bluish green: first state component.
    pub const GREEN: RGBColor = RGBColor(0, 158, 115);
    /// Reddish purple: second state component.
    pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
    /// Orange.
    pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
    /// Sky blue.
    pub const SKY: RGBColor = RGBColor(86, 180, 233);
    /// Yellow.
    pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
    /// Text, axes.
    pub const INK: RGBColor = RGBColor(30, 41, 59);
    /// Grid lines.
    pub const GRID: RGBColor = RGBColor(226, 232, 240);
    /// The hover marker.
    pub const MARK: RGBColor = RGBColor(100, 116, 139);
    /// The series colours in order.
    pub const SERIES: [RGBColor; 6] = [BLUE, RED, GREEN, PURPLE, ORANGE, SKY];
}

/// The seven hues in the order of [`Palette::hues`].
pub(crate) const HUES: [RGBColor; 7] = [
    roles::BLUE,
    roles::RED,
    roles::GREEN,
    roles::PURPLE,
    roles::ORANGE,
    roles::SKY,
    roles::YELLOW,
];

/// One variant's colours. Page colours become CSS variables named after the field
/// (`brand_soft` → `--brand-soft`); `paper`, `ink`, `grid`, `mark` and `hues` paint the figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Panels, cards and the figures' background.
    pub paper: RGBColor,
    /// The page's background.
    pub wash: RGBColor,
    /// Body text, axes and figure text.
    pub ink: RGBColor,
    /// Secondary text (hints, captions).
    pub muted: RGBColor,
    /// Lead paragraphs.
    pub lead: RGBColor,
    /// Hairlines between regions.
    pub line: RGBColor,
    /// Borders of controls.
    pub border: RGBColor,
    /// The brand colour as text and accents on paper.
    pub brand: RGBColor,
    /// The brand colour as a background (header, primary buttons).
    pub brand_strong: RGBColor,
    /// Text on `brand_strong`.
    pub on_brand: RGBColor,
    /// A soft brand background (the current lesson in the navigation).
    pub brand_soft: RGBColor,
    /// Links.
    pub accent: RGBColor,
    /// Warning accents.
    pub warn: RGBColor,
    /// Warning banner background, text and border.
    pub warn_soft: RGBColor,
    /// Text on `warn_soft`.
    pub warn_ink: RGBColor,
    /// Border of a warning banner.
    pub warn_line: RGBColor,
    /// Information banner and "try this" background.
    pub info_soft: RGBColor,
    /// Text on `info_soft`.
    pub info_ink: RGBColor,
    /// Border of an information banner.
    pub info_line: RGBColor,
    /// A property that holds.
    pub good: RGBColor,
    /// A property that breaks.
    pub bad: RGBColor,
    /// The keyboard focus ring.
    pub focus: RGBColor,
    /// Figure grid lines.
    pub grid: RGBColor,
    /// Figure markers and secondary strokes.
    pub mark: RGBColor,
    /// The hues, in the order of [`roles`]: blue, red, green, purple, orange, sky, yellow.
    pub hues: [RGBColor; 7],
    /// Colours that are not roles (heat-map ramps, tints) have their OKLab lightness mirrored
    /// onto this range (white → `.0`, black → `.1`) in the dark variants; `None` keeps them.
    pub mirror: Option<(f64, f64)>,
}

const fn hex(v: u32) -> RGBColor {
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// The light theme (the page's default).
pub const LIGHT: Palette = Palette {
    paper: hex(0xffffff),
    wash: hex(0xf8fafc),
    ink: roles::INK,
    muted: hex(0x64748b),
    lead: hex(0x334155),
    line: hex(0xe2e8f0),
    border: hex(0xcbd5e1),
    brand: hex(0x14532d),
    brand_strong: hex(0x14532d),
    on_brand: hex(0xf0fdf4),
    brand_soft: hex(0xdcfce7),
    accent: hex(0x0072b2),
    warn: hex(0xb45309),
    warn_soft: hex(0xfef3c7),
    warn_ink: hex(0x78350f),
    warn_line: hex(0xfcd34d),
    info_soft: hex(0xeff6ff),
    info_ink: hex(0x1e3a8a),
    info_line: hex(0xbfdbfe),
    good: hex(0x166534),
    bad: hex(0x9a3412),
    focus: hex(0xf59e0b),
    grid: roles::GRID,
    mark: roles::MARK,
    hues: HUES,
    mirror: None,
};

/// The dark theme: slate paper, light ink, hues lightened to keep ≥ 3:1 against the paper.
pub const DARK: Palette = Palette {
    paper: hex(0x151e2e),
    wash: hex(0x0b1120),
    ink: hex(0xe2e8f0),
    muted: hex(0xa3b1c4),
    lead: hex(0xcbd5e1),
    line: hex(0x334155),
    border: hex(0x64748b),
    brand: hex(0x86efac),
    brand_strong: hex(0x14532d),
    on_brand: hex(0xf0fdf4),
    brand_soft: hex(0x173a28),
    accent: hex(0x7cc4f4),
    warn: hex(0xfbbf24),
    warn_soft: hex(0x3a2a0c),
    warn_ink: hex(0xfde68a),
    warn_line: hex(0xa16207),
    info_soft: hex(0x15223f),
    info_ink: hex(0xbfdbfe),
    info_line: hex(0x1e40af),
    good: hex(0x4ade80),
    bad: hex(0xfb923c),
    focus: hex(0xfbbf24),
    grid: hex(0x2f3b4f),
    mark: hex(0x94a3b8),
    hues: [
        hex(0x56a0e6),
        hex(0xf0823c),
        hex(0x28be8c),
        hex(0xdc91be),
        hex(0xebaf28),
        hex(0x82c8f0),
        hex(0xf0e442),
    ],
    mirror: Some((0.24, 0.95)),
};

/// Presenter mode on a light ground: black ink, darker grid, hues darkened to ≥ 4.5:1 so they
/// survive a washed-out projector.
pub const PROJECTOR_LIGHT: Palette = Palette {
    paper: hex(0xffffff),
    wash: hex(0xffffff),
    ink: hex(0x000000),
    muted: hex(0x334155),
    lead: hex(0x0f172a),
    line: hex(0x94a3b8),
    border: hex(0x475569),
    brand: hex(0x14532d),
    brand_strong: hex(0x14532d),
    on_brand: hex(0xffffff),
    brand_soft: hex(0xdcfce7),
    accent: hex(0x005a8c),
    warn: hex(0x92400e),
    warn_soft: hex(0xfef3c7),
    warn_ink: hex(0x451a03),
    warn_line: hex(0xd97706),
    info_soft: hex(0xeff6ff),
    info_ink: hex(0x1e3a8a),
    info_line: hex(0x60a5fa),
    good: hex(0x14532d),
    bad: hex(0x9a3412),
    focus: hex(0xd97706),
    grid: hex(0xb8c2cf),
    mark: hex(0x334155),
    hues: [
        hex(0x005a9e),
        hex(0xb83c00),
        hex(0x00704c),
        hex(0x9c2f7e),
        hex(0x8f5a00),
        hex(0x006fa8),
        hex(0x7a6a00),
    ],
    mirror: None,
};

/// Presenter mode on a dark ground: black paper, white ink, bright hues.
pub const PROJECTOR_DARK: Palette = Palette {
    paper: hex(0x000000),
    wash: hex(0x000000),
    ink: hex(0xffffff),
    muted: hex(0xcbd5e1),
    lead: hex(0xf1f5f9),
    line: hex(0x64748b),
    border: hex(0x94a3b8),
    brand: hex(0x86efac),
    brand_strong: hex(0x14532d),
    on_brand: hex(0xffffff),
    brand_soft: hex(0x173a28),
    accent: hex(0x93d0f8),
    warn: hex(0xfcd34d),
    warn_soft: hex(0x3a2a0c),
    warn_ink: hex(0xfef3c7),
    warn_line: hex(0xd97706),
    info_soft: hex(0x15223f),
    info_ink: hex(0xdbeafe),
    info_line: hex(0x3b82f6),
    good: hex(0x86efac),
    bad: hex(0xfdba74),
    focus: hex(0xfcd34d),
    grid: hex(0x3f4b5e),
    mark: hex(0xcbd5e1),
    hues: [
        hex(0x64b4ff),
        hex(0xff8246),
        hex(0x3cdca0),
        hex(0xf096d2),
        hex(0xffc33c),
        hex(0x96d7ff),
        hex(0xfaeb5a),
    ],
    mirror: Some((0.08, 1.0)),
};

impl Palette {
    /// The page colours as (CSS variable name, colour), in a fixed order.
    pub fn css_vars(&self) -> [(&'static str, RGBColor); 24] {
        [
            ("paper", self.paper),
            ("wash", self.wash),
            ("ink", self.ink),
            ("muted", self.muted),
            ("lead", self.lead),
            ("line", self.line),
            ("border", self.border),
            ("brand", self.brand),
            ("brand-strong", self.brand_strong),
            ("on-brand", self.on_brand),
            ("brand-soft", self.brand_soft),
            ("accent", self.accent),
            ("warn", self.warn),
            ("warn-soft", self.warn_soft),
            ("warn-ink", self.warn_ink),
            ("warn-line", self.warn_line),
            ("info-soft", self.info_soft),
            ("info-ink", self.info_ink),
            ("info-line", self.info_line),
            ("good", self.good),
            ("bad", self.bad),
            ("focus", self.focus),
            ("grid", self.grid),
            ("mark", self.mark),
        ]
    }

    /// The colour this variant gives to role colour `c`, if `c` is a role.
    pub fn role(&self, c: RGBColor) -> Option<RGBColor> {
        match c {
            RGBColor(255, 255, 255) => Some(self.paper),
            c if c == roles::INK => Some(self.ink),
            c if c == roles::GRID => Some(self.grid),
            c if c == roles::MARK => Some(self.mark),
            c => HUES.iter().position(|&h| h == c).map(|i| self.hues[i]),
        }
    }
}
