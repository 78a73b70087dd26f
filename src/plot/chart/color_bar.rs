//! The vertical colour bar every heat map draws beside its cells: the colour scale from the
//! range's high end (top) to its low end (bottom), a border, tick values and an optional label.

use crate::plot::chart::axes::font;
use crate::plot::{PlotError, Theme, err, palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Where the values are written beside the bar.
#[derive(Clone, Copy)]
pub(crate) enum Ticks {
    /// The two ends; with `zero_above: Some(h)` also 0 in the middle when the bar is taller
    /// than `h` pixels. `clipped` marks the ends "≥"/"≤" (values beyond share their colour);
    /// `anchored` puts the end labels inside the bar's span instead of centred on its ends.
    Ends { font: f64, zero_above: Option<i32>, clipped: bool, anchored: bool },
    /// `count` evenly spaced values from top to bottom, each with a short mark.
    Even { count: u32 },
}

/// How the bar looks.
#[derive(Clone, Copy)]
pub(crate) struct ColorBar<'a> {
    /// Left edge and width, in pixels of the area.
    pub x: i32,
    pub width: i32,
    /// Top and bottom, in pixels of the area.
    pub span: (i32, i32),
    /// The values at the bottom and the top.
    pub range: (f64, f64),
    /// The colour of a value.
    pub color: &'a dyn Fn(f64) -> RGBColor,
    pub border: RGBColor,
    pub ticks: Ticks,
    /// Writes a tick value.
    pub text: fn(f64) -> String,
    /// What the colours measure, turned along the bar at the area's right edge.
    pub label: Option<&'a str>,
}

/// The bands of a colour bar, each coloured at its middle value (fewer on a bar shorter than
/// this many pixels): 64 look continuous and keep the drawing calls few.
const BANDS: i32 = 64;

/// Draws `bar` on `area`.
pub(crate) fn color_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bar: &ColorBar<'_>,
    theme: &Theme,
) -> Result<(), PlotError> {
    let ColorBar { x, width, span: (top, bottom), range: (lo, hi), .. } = *bar;
    let height = (bottom - top).max(1);
    let bands = height.min(BANDS);
    for i in 0..bands {
        let v = hi - (hi - lo) * (f64::from(i) + 0.5) / f64::from(bands);
        let (y0, y1) = (top + height * i / bands, top + height * (i + 1) / bands);
        area.draw(&Rectangle::new([(x, y0), (x + width, y1)], (bar.color)(v).filled()))
            .map_err(err)?;
    }
    area.draw(&Rectangle::new([(x, top), (x + width, bottom)], bar.border.stroke_width(1)))
        .map_err(err)?;
    let right = x + width;
    match bar.ticks {
        Ticks::Ends { font: size, zero_above, clipped, anchored } => {
            let style = font(theme, size);
            let tx = right + theme.px(4.0) as i32;
            // A clipped end reads "≥ max": larger values share its colour.
            let end = |v: f64| match (clipped, v.partial_cmp(&0.0)) {
                (true, Some(std::cmp::Ordering::Greater)) => format!("≥ {}", (bar.text)(v)),
                (true, Some(std::cmp::Ordering::Less)) => format!("≤ {}", (bar.text)(v)),
                _ => (bar.text)(v),
            };
            let label = |text: String, y: i32, v_pos: VPos| {
                area.draw(&Text::new(text, (tx, y), style.clone().pos(Pos::new(HPos::Left, v_pos))))
                    .map_err(err)
            };
            let (top_pos, bottom_pos) =
                if anchored { (VPos::Top, VPos::Bottom) } else { (VPos::Center, VPos::Center) };
            label(end(hi), top, top_pos)?;
            label(end(lo), bottom, bottom_pos)?;
            if zero_above.is_some_and(|h| bottom - top > h) {
                label((bar.text)(0.0), (top + bottom) / 2, VPos::Center)?;
            }
        }
        Ticks::Even { count } => {
            let style = font(theme, 10.0).pos(Pos::new(HPos::Left, VPos::Center));
            let last = f64::from(count.max(2) - 1);
            for k in 0..count {
                let s = f64::from(k) / last;
                let y = top + (s * f64::from(bottom - top)).round() as i32;
                area.draw(&PathElement::new(
                    vec![(right, y), (right + theme.px(3.0) as i32, y)],
                    palette::INK.stroke_width(1),
                ))
                .map_err(err)?;
                area.draw(&Text::new(
                    (bar.text)(hi - s * (hi - lo)),
                    (right + theme.px(5.0) as i32, y),
                    style.clone(),
                ))
                .map_err(err)?;
            }
        }
    }
    if let Some(label) = bar.label {
        let (w, _) = area.dim_in_pixel();
        let turned = font(theme, 12.0)
            .transform(FontTransform::Rotate90)
            .pos(Pos::new(HPos::Center, VPos::Center));
        area.draw(&Text::new(
            label,
            (w as i32 - theme.px(10.0) as i32, (top + bottom) / 2),
            turned,
        ))
        .map_err(err)?;
    }
    Ok(())
}
