//! Lesson 9's figure (`#/hardware`): the bytes the naive scan and the fused kernel move
//! through HBM against L.

use super::{Drawn, Entry, FigureError};
use crate::course::hardware::{HardwareLesson, L_K};
use crate::explain::hardware::{IoProblem, StageIo, fused_stages, naive_stages, traffic};
use crate::i18n::{Lang, t};
use crate::plot::{LogLogChart, Series, SeriesStyle, Theme, XAxisMap, log_log_chart, palette};
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] = &[Entry { name: "io", aspect: 0.45 }];

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    _name: &str,
    s: &HardwareLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    Ok(traffic_chart(area, theme, lang, s.problem())?)
}

/// Naive and fused HBM traffic against L, for the problem's other sizes, its L marked.
pub fn traffic_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    p: IoProblem,
) -> Drawn {
    let at = |l: u64, stages: &[StageIo]| {
        let (r, w) = traffic(stages, &IoProblem { l, ..p });
        (l as f64, (r + w) as f64)
    };
    let ls: Vec<u64> = (L_K.0..=L_K.1).map(|k| 1u64 << k).collect();
    let chart = LogLogChart {
        x_label: t(lang, "hardware.axis_l"),
        y_label: t(lang, "hardware.axis_bytes"),
        series: vec![
            Series {
                label: t(lang, "hardware.series_naive"),
                points: ls.iter().map(|&l| at(l, &naive_stages())).collect(),
                color: palette::RED,
                style: SeriesStyle::Line,
            },
            Series {
                label: t(lang, "hardware.series_fused"),
                points: ls.iter().map(|&l| at(l, &fused_stages())).collect(),
                color: palette::GREEN,
                style: SeriesStyle::Line,
            },
        ],
        marker_x: Some(p.l as f64),
    };
    log_log_chart(area, &chart, theme).map(|_| None)
}
