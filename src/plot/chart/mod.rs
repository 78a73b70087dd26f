//! Generic charts: axes, lines, log axes, bars, shapes on a plane, legends, heat maps and
//! their one colour bar.

pub(crate) mod axes;
pub(crate) mod bars;
pub(crate) mod cell_heatmap;
pub(crate) mod color_bar;
pub(crate) mod heatmap;
pub(crate) mod legend;
pub(crate) mod lines;
pub(crate) mod log_chart;
pub(crate) mod loglog;
pub(crate) mod matrix_map;
pub(crate) mod plane;
#[cfg(test)]
mod scales_test;
pub(crate) mod scaling;
