//! Test support for the figures: draw on an SVG string to inspect labels, shapes and changes.

use super::PlotError;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The SVG text of `draw` run on a `width`×`height` area (panics if drawing fails).
pub(crate) fn render_svg(
    (width, height): (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), PlotError>,
) -> String {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&area).unwrap();
        area.present().unwrap();
    }
    out
}
