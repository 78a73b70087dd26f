//! A legend box drawn in a corner of a plotting area. (plotters' own series labels measure
//! multi-line text through the font, which on the web means styled DOM elements; this one asks
//! the backend, so the canvas measures its own text and the page's CSP stays strict.)

use super::{PlotError, Theme, err, palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How an entry's sample looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// A short line.
    Line,
    /// A dot.
    Dot,
}

/// One line of a legend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LegendEntry<'a> {
    /// The text.
    pub label: &'a str,
    /// The colour of the sample.
    pub color: RGBColor,
    /// The sample's shape.
    pub swatch: Swatch,
}

/// Where the legend sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Corner {
    /// Top left.
    UpperLeft,
    /// Top right.
    #[default]
    UpperRight,
    /// Bottom left.
    LowerLeft,
    /// Bottom right.
    LowerRight,
}

/// Draws `entries` in a framed box in `corner` of `area` (pixel coordinates).
pub fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    corner: Corner,
    theme: &Theme,
) -> Result<(), PlotError> {
    if entries.is_empty() {
        return Ok(());
    }
    let style = ("sans-serif", theme.font(11.0)).into_font().color(&palette::INK);
    let line_h = theme.font(16.0) as i32;
    let swatch_w = theme.px(16.0) as i32;
    let gap = theme.px(6.0) as i32;
    let mut text_w = 0;
    for e in entries {
        text_w = text_w.max(area.estimate_text_size(e.label, &style).map_err(err)?.0 as i32);
    }
    let (w, h) = area.dim_in_pixel();
    let box_w = gap * 3 + swatch_w + text_w;
    let box_h = gap * 2 + line_h * entries.len() as i32;
    let x0 = match corner {
        Corner::UpperLeft | Corner::LowerLeft => gap,
        Corner::UpperRight | Corner::LowerRight => w as i32 - box_w - gap,
    };
    let y0 = match corner {
        Corner::UpperLeft | Corner::UpperRight => gap,
        Corner::LowerLeft | Corner::LowerRight => h as i32 - box_h - gap,
    };
    area.draw(&Rectangle::new([(x0, y0), (x0 + box_w, y0 + box_h)], WHITE.mix(0.88).filled()))
        .map_err(err)?;
    area.draw(&Rectangle::new([(x0, y0), (x0 + box_w, y0 + box_h)], palette::GRID.stroke_width(1)))
        .map_err(err)?;
    let text_style = style.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, e) in entries.iter().enumerate() {
        let y = y0 + gap + line_h * i as i32 + line_h / 2;
        let sx = x0 + gap;
        match e.swatch {
            Swatch::Line => area
                .draw(&PathElement::new(
                    vec![(sx, y), (sx + swatch_w, y)],
                    e.color.stroke_width(theme.px(3.0)),
                ))
                .map_err(err)?,
            Swatch::Dot => area
                .draw(&Circle::new((sx + swatch_w / 2, y), theme.px(4.0), e.color.filled()))
                .map_err(err)?,
        }
        area.draw(&Text::new(e.label, (sx + swatch_w + gap, y), text_style.clone()))
            .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_label_inside_the_area() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
            let entries = [
                LegendEntry { label: "input x", color: palette::BLUE, swatch: Swatch::Line },
                LegendEntry { label: "state h", color: palette::GREEN, swatch: Swatch::Dot },
            ];
            legend(&area, &entries, Corner::UpperRight, &Theme::default()).unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("input x") && svg.contains("state h") && svg.contains("<circle"));
    }
}
