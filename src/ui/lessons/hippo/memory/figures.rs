//! The memory panel's smaller figures: the state c_t as bars, and the error of the rebuilt
//! past against N for LegS and the compared systems.

use super::super::{plot_failure, system_color, system_key};
use crate::course::hippo::SIZES;
use crate::explain::hippo::LegsRecall;
use crate::explain::hippo::MemorySystem;
use crate::i18n::{Lang, t};
use crate::plot::{BarChart, ErrorChart, ErrorSeries, bar_chart, error_chart, palette};
use crate::ssm::SsmError;
use crate::ui::components::DrawFn;
use nalgebra::DMatrix;
use std::rc::Rc;

/// LegS's error, and each compared system's, for every N in `SIZES`.
pub(super) type Errors = Result<(Vec<f64>, Vec<(MemorySystem, Vec<f64>)>), SsmError>;

/// The first N coefficients of c_t as bars, on one scale over the whole run.
pub(super) fn bars(
    lang: Lang,
    n: usize,
    states: Rc<Result<DMatrix<f64>, SsmError>>,
    recall: Rc<Result<LegsRecall, SsmError>>,
) -> DrawFn {
    Rc::new(move |area, theme| {
        let states = (*states).as_ref().map_err(plot_failure)?;
        let recall = (*recall).as_ref().map_err(plot_failure)?;
        // One scale over the whole run, so the bars visibly move as the signal streams.
        let peak = states.rows(0, n).iter().fold(1e-9_f64, |m, c| m.max(c.abs())) * 1.1;
        let chart = BarChart {
            values: &recall.coefficients,
            x_label: t(lang, "hippo.axis_coef"),
            y_label: t(lang, "hippo.axis_c"),
            y_range: Some((-peak, peak)),
            color: palette::RED,
        };
        bar_chart(area, &chart, theme).map(|f| Some(f.x_axis()))
    })
}

/// The error of the rebuilt past against N, with a marker at the chosen N.
pub(super) fn errors(lang: Lang, n: usize, errors: Rc<Errors>) -> DrawFn {
    Rc::new(move |area, theme| {
        let (legs, others) = (*errors).as_ref().map_err(plot_failure)?;
        let mut series = vec![ErrorSeries {
            label: t(lang, "hippo.err_legs"),
            points: SIZES.iter().map(|&s| (s as f64, legs[s - 1])).collect(),
            // Not red: the line is LegS's error, not an error of the page.
            color: palette::BLUE,
        }];
        series.extend(others.iter().map(|(system, e)| ErrorSeries {
            label: t(lang, system_key(*system)),
            points: SIZES.iter().zip(e).map(|(&s, &e)| (s as f64, e)).collect(),
            color: system_color(*system),
        }));
        let chart = ErrorChart {
            series,
            marker: Some(n as f64),
            x_label: t(lang, "hippo.axis_n"),
            y_label: t(lang, "hippo.axis_err"),
        };
        error_chart(area, &chart, theme).map(Some)
    })
}
