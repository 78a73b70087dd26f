//! Lesson 7's figures (`#/compare`): time and memory per token against the context, for
//! attention, Mamba and an RNN, from a measurement.
//!
//! The numbers are measured in the reader's browser while the page is open; the address holds
//! the settings, not the measurement. The catalogue draws what the page shows for the settings
//! before its measurement has produced a point (the axes, the legend and the "measuring" note);
//! the page draws its own points through the same function.

use super::{Drawn, Entry, FigureError};
use crate::course::compare::{Arch, CompareLesson, Point};
use crate::i18n::{Lang, t};
use crate::plot::{
    ScalingChart, ScalingPoint, ScalingSeries, Theme, XAxisMap, palette, scaling_chart,
};
use crate::url::Named;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] =
    &[Entry { name: "time", aspect: 0.72 }, Entry { name: "memory", aspect: 0.72 }];

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &CompareLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    Ok(chart(area, theme, lang, &[], name == "memory", s.l_max, s.log_y)?)
}

/// The colour of each model, the same in every figure.
pub fn color(arch: Arch) -> RGBColor {
    match arch {
        Arch::Attention => palette::RED,
        Arch::Mamba => palette::GREEN,
        Arch::Rnn => palette::BLUE,
    }
}

/// The model's name, translated.
pub fn arch_name(lang: Lang, arch: Arch) -> &'static str {
    t(lang, &format!("compare.arch_{}", arch.name()))
}

/// The points of one model as chart points: time (µs) or memory (KiB).
pub fn curve(points: &[Point], arch: Arch, memory: bool) -> Vec<ScalingPoint> {
    points
        .iter()
        .filter(|p| p.arch == arch)
        .filter_map(|p| {
            let x = p.context as f64;
            if memory {
                let kib = p.bytes as f64 / 1024.0;
                return Some(ScalingPoint { x, y: kib, lo: kib, hi: kib });
            }
            let s = p.summary()?;
            Some(ScalingPoint { x, y: s.median * 1e3, lo: s.min * 1e3, hi: s.max * 1e3 })
        })
        .collect()
}

/// Time (or memory) per token of each model against the context up to `l_max`.
pub fn chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    points: &[Point],
    memory: bool,
    l_max: usize,
    log_y: bool,
) -> Drawn {
    let series = Arch::ALL
        .iter()
        .map(|&a| ScalingSeries {
            label: arch_name(lang, a),
            color: color(a),
            points: curve(points, a, memory),
        })
        .collect();
    let chart = ScalingChart {
        x_label: t(lang, "compare.axis_context"),
        y_label: t(lang, if memory { "compare.axis_memory" } else { "compare.axis_time" }),
        series,
        x_range: (8.0, l_max as f64),
        log_y,
        empty_note: t(lang, "compare.waiting"),
    };
    scaling_chart(area, &chart, theme).map(|_| None)
}
