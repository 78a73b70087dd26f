//! The lesson's figures, drawn from the runs: loss and held-out accuracy curves of both models,
//! the learned Δ over the held-out example (channels × tokens) and the learned decay rates −A.

use super::runs::Runs;
use crate::i18n::{Lang, t};
use crate::lm::protocol::Snapshot;
use crate::plot::{
    ColorScale, Corner, LineChart, MatrixMap, Series, SeriesStyle, line_chart, matrix_map, palette,
};
use crate::ui::components::{DrawFn, Figure};
use nalgebra::DMatrix;
use std::rc::Rc;
use yew::prelude::*;

/// The last snapshots of S4 and S6.
pub(super) type Snaps = [Option<Rc<Snapshot>>; 2];

/// Colours of S4 and S6, as in the selection lesson.
const COLORS: [plotters::style::RGBColor; 2] = [palette::RED, palette::BLUE];
/// Names of the models in legends.
const NAMES: [&str; 2] = ["S4", "S6"];

/// Every `every`-th point, so a long curve draws quickly; the last point is kept.
fn thin(points: &[(f64, f64)], most: usize) -> Vec<(f64, f64)> {
    let every = points.len().div_ceil(most.max(1)).max(1);
    let mut out: Vec<(f64, f64)> = points.iter().step_by(every).copied().collect();
    if let (Some(&last), Some(&kept)) = (points.last(), out.last())
        && last != kept
    {
        out.push(last);
    }
    out
}

/// Loss (left) and held-out accuracy (right) against the step.
fn curves(lang: Lang, runs: &Runs, chance: f64) -> (DrawFn, DrawFn) {
    let loss: Vec<Vec<(f64, f64)>> = runs.models.iter().map(|m| thin(&m.losses, 400)).collect();
    let acc: Vec<Vec<(f64, f64)>> = runs.models.iter().map(|m| m.held_out.clone()).collect();
    let x_label = t(lang, "train.axis_step");
    let loss_draw: DrawFn = Rc::new(move |area, theme| {
        let series = (0..2)
            .map(|k| Series {
                label: NAMES[k],
                points: loss[k].clone(),
                color: COLORS[k],
                style: SeriesStyle::Line,
            })
            .collect();
        let chart = LineChart {
            x_label,
            y_label: t(lang, "train.axis_loss"),
            series,
            y_limit: Some((0.0, 4.0)),
            legend: Corner::UpperRight,
            ..LineChart::default()
        };
        line_chart(area, &chart, theme).map(Some)
    });
    let acc_draw: DrawFn = Rc::new(move |area, theme| {
        let last = acc.iter().flatten().map(|p| p.0).fold(1.0, f64::max);
        let mut series: Vec<Series> = (0..2)
            .map(|k| Series {
                label: NAMES[k],
                points: acc[k].iter().map(|&(s, a)| (s, 100.0 * a)).collect(),
                color: COLORS[k],
                style: if acc[k].len() > 1 { SeriesStyle::Line } else { SeriesStyle::Points },
            })
            .collect();
        series.push(Series {
            label: t(lang, "train.chance"),
            points: vec![(0.0, 100.0 * chance), (last, 100.0 * chance)],
            color: palette::INK,
            style: SeriesStyle::Dashed,
        });
        let chart = LineChart {
            x_label,
            y_label: t(lang, "train.axis_accuracy"),
            series,
            y_limit: Some((0.0, 100.0)),
            x_range: Some((0.0, last)),
            legend: Corner::LowerRight,
            ..LineChart::default()
        };
        line_chart(area, &chart, theme).map(Some)
    });
    (loss_draw, acc_draw)
}

/// log₁₀ Δ of model `k`'s first block over the held-out example, channels × tokens.
fn delta_draw(lang: Lang, snap: &Snaps, k: usize, limits: (f64, f64)) -> Option<DrawFn> {
    let s = snap[k].clone()?;
    let len = s.example.tokens.len();
    let channels = s.delta.len() / len.max(1);
    let values = DMatrix::from_fn(channels, len, |c, i| s.delta[i * channels + c].log10());
    let caption = format!("{} — {}", NAMES[k], t(lang, "train.delta_caption"));
    Some(Rc::new(move |area, theme| {
        let map = MatrixMap {
            values: &values,
            caption: &caption,
            x_label: t(lang, "train.axis_token"),
            y_label: t(lang, "train.axis_channel"),
            col_labels: None,
            scale: ColorScale::Sequential,
            marker_col: None,
            separators: &[],
            limits: Some(limits),
        };
        matrix_map(area, &map, theme).map(Some)
    }))
}

/// log₁₀ of every learned −A_{c,n} of the first block, against n, for both models.
fn spectra_draw(lang: Lang, snap: &Snaps, state: usize) -> DrawFn {
    let points: Vec<Vec<(f64, f64)>> = snap
        .iter()
        .map(|m| {
            m.as_ref().map_or_else(Vec::new, |s| {
                s.neg_a.iter().enumerate().map(|(i, a)| ((i % state + 1) as f64, a.log10())).collect()
            })
        })
        .collect();
    Rc::new(move |area, theme| {
        let series = (0..2)
            .map(|k| Series {
                label: NAMES[k],
                points: points[k].clone(),
                color: COLORS[k],
                style: SeriesStyle::Points,
            })
            .collect();
        let chart = LineChart {
            x_label: t(lang, "train.axis_state"),
            y_label: t(lang, "train.axis_neg_a"),
            series,
            legend: Corner::UpperLeft,
            ..LineChart::default()
        };
        line_chart(area, &chart, theme).map(Some)
    })
}

#[derive(Properties, PartialEq)]
pub(super) struct CurvesProps {
    pub(super) runs: UseReducerHandle<Runs>,
    pub(super) chance: f64,
}

/// The loss and held-out accuracy curves.
#[function_component(Curves)]
pub(super) fn curves_view(p: &CurvesProps) -> Html {
    let lang = crate::ui::lang::use_lang();
    let (loss, acc) = curves(lang, &p.runs, p.chance);
    html! {
        <div class="row">
            <Figure id="train/loss" draw={loss} label={t(lang, "train.loss_label")} aspect={0.6} />
            <Figure id="train/accuracy" draw={acc} label={t(lang, "train.accuracy_label")} aspect={0.6} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct LearnedProps {
    /// The last snapshot of S4 and of S6.
    pub(super) snapshots: Snaps,
    pub(super) state: usize,
}

/// The learned Δ of both models over the held-out example, and the learned −A.
#[function_component(Learned)]
pub(super) fn learned_view(p: &LearnedProps) -> Html {
    let lang = crate::ui::lang::use_lang();
    // One colour scale for both maps, so S4's and S6's Δ compare directly.
    let logs = p.snapshots.iter().flatten().flat_map(|s| {
        s.delta.iter().map(|d| d.log10()).filter(|v| v.is_finite()).collect::<Vec<_>>()
    });
    let limits = logs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let limits = if limits.0 < limits.1 { limits } else { (limits.0 - 0.5, limits.0 + 0.5) };
    let maps = (0..2).map(|k| match delta_draw(lang, &p.snapshots, k, limits) {
        Some(draw) => html! {
            <Figure id={if k == 0 { "train/delta-s4" } else { "train/delta-s6" }} draw={draw} label={t(lang, if k == 0 { "train.delta_s4_label" } else { "train.delta_s6_label" })} aspect={0.55} />
        },
        None => html! { <p class="hint">{ t(lang, "train.waiting") }</p> },
    });
    html! {
        <>
            <div class="train-maps">{ for maps }</div>
            <Figure id="train/spectra" draw={spectra_draw(lang, &p.snapshots, p.state)} label={t(lang, "train.spectra_label")} aspect={0.45} />
        </>
    }
}
