//! Lesson 1's figures (`#/state`): the grid world and the tracked object.

use super::{Drawn, Entry, FigureError};
use crate::course::state::{GOAL, GRID, START, STEPS, StateLesson};
use crate::explain::tracking::{TrackStep, Tracking};
use crate::i18n::{Lang, t};
use crate::plot::{GridScene, Theme, TrackScene, XAxisMap, grid_world, track_view, tracking};
use crate::ssm::SsmError;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] =
    &[Entry { name: "grid", aspect: 1.0 }, Entry { name: "track", aspect: 0.6 }];

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &StateLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    Ok(match name {
        "grid" => grid(area, theme, lang, s)?,
        _ => track(area, theme, lang, &track_run(s.noise)?, s.k, s.truth)?,
    })
}

/// The grid world: the goal, the agent where the state's moves lead, and its trail.
pub fn grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    s: &StateLesson,
) -> Drawn {
    let path = s.path();
    let agent = *path.last().unwrap_or(&START);
    let scene = GridScene {
        size: GRID,
        goal: GOAL,
        agent,
        trail: path[..path.len() - 1].to_vec(),
        goal_label: t(lang, "state.goal").to_owned(),
    };
    grid_world(area, &scene, theme).map(|_| None)
}

/// The tracked object's run at observation noise `noise` (seeded: the same run every time).
pub fn track_run(noise: f64) -> Result<Vec<TrackStep>, SsmError> {
    Tracking { steps: STEPS, dt: 1.0, noise, jitter: 0.03, seed: 2024 }.run()
}

/// How many of the latest steps the zoomed tracking view keeps in sight.
const RECENT: usize = 6;

/// The first `k` steps of the run: observed positions, the estimate, the truth when shown, and
/// the two predictions of the next position.
pub fn track<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    run: &[TrackStep],
    k: usize,
    truth: bool,
) -> Drawn {
    let k = k.clamp(1, run.len().max(1));
    let shown = &run[..k.min(run.len())];
    let Some(now) = shown.last() else { return Ok(None) };
    let labels = [
        t(lang, "state.legend_observed"),
        t(lang, "state.legend_estimated"),
        t(lang, "state.legend_truth"),
        t(lang, "state.legend_predicted"),
        t(lang, "state.legend_naive"),
        t(lang, "state.legend_actual"),
    ];
    let pair = |p: [f64; 2]| (p[0], p[1]);
    // Zoomed on the last steps and the two predictions: the lag the lesson is about (the cross
    // behind, the triangle on target) fills the figure.
    let recent = &shown[k.saturating_sub(RECENT)..];
    let view = track_view(
        recent
            .iter()
            .flat_map(|p| [pair(p.observed), (p.estimate[0], p.estimate[1])])
            .chain([pair(now.predicted_next), pair(now.naive_next)])
            .chain(run.get(k).filter(|_| truth).map(|p| pair(p.truth))),
        1.0,
    );
    let scene = TrackScene {
        observed: shown.iter().map(|p| pair(p.observed)).collect(),
        estimated: shown.iter().map(|p| (p.estimate[0], p.estimate[1])).collect(),
        truth: if truth { shown.iter().map(|p| pair(p.truth)).collect() } else { Vec::new() },
        predicted: pair(now.predicted_next),
        naive: pair(now.naive_next),
        actual_next: if truth { run.get(k).map(|p| pair(p.truth)) } else { None },
        labels,
        axes: (t(lang, "state.axis_x"), t(lang, "state.axis_y")),
        view,
    };
    tracking(area, &scene, theme).map(|_| None)
}
