//! Lesson 11's figures (`#/origins`): the machine at time t, its phase plane, the time plots,
//! and the eigenvalue plane.

use super::lti::{self, EigenTexts, Lti, PhaseTexts, Run, TimeTexts};
use super::{Drawn, Entry, FigureError};
use crate::course::origins::{Machine, OriginsLesson};
use crate::format::decimal;
use crate::i18n::{Lang, fill, t};
use crate::plot::{CircuitScene, SpringScene, Theme, XAxisMap, circuit_picture, spring_picture};
use crate::url::Named;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) const FIGURES: &[Entry] =
    &lti::table::<6>(&[Entry { name: "picture", aspect: 0.36 }], &[]);

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    name: &str,
    s: &OriginsLesson,
) -> Result<Option<XAxisMap>, FigureError> {
    let sys = s.system()?;
    let run = Run::new(&sys, s.sampled()?)?;
    let texts = (time_texts(lang, s.machine), phase_texts(lang, s.machine), eigen_texts(lang));
    // The machines' runs are not capped: the views reach as far as the run goes.
    let lti = Lti { sys: &sys, run: &run, t: s.t, limit: None, plane_limit: f64::INFINITY, texts };
    match lti::draw(area, theme, name, &lti) {
        Some(drawn) => drawn,
        None => Ok(picture(area, theme, lang, s, &run)?),
    }
}

/// The catalogue key of a text that differs between the spring and the circuit.
pub fn key(machine: Machine, name: &str) -> String {
    format!("origins.{}_{name}", machine.name())
}

/// The texts of the time plots, in the machine's own quantities.
pub fn time_texts(lang: Lang, machine: Machine) -> TimeTexts {
    let k = |name: &str| t(lang, &key(machine, name));
    TimeTexts {
        time_axis: t(lang, "origins.axis_time"),
        input_axis: k("axis_input"),
        input_legend: k("legend_input"),
        impulse_legend: t(lang, "origins.legend_impulse"),
        state_axis: k("axis_state"),
        h1_legend: k("legend_h1"),
        h2_legend: k("legend_h2"),
        output_axis: k("axis_output"),
        input_label: k("fig_input"),
        state_label: k("fig_state"),
        output_label: k("fig_output"),
    }
}

/// The texts of the phase plane.
pub fn phase_texts(lang: Lang, machine: Machine) -> PhaseTexts {
    let k = |name: &str| t(lang, &key(machine, name));
    PhaseTexts {
        axes: (k("phase_h1"), k("phase_h2")),
        path: t(lang, "origins.phase_path"),
        now: t(lang, "origins.phase_now"),
        rate: t(lang, "origins.phase_rate"),
        equilibrium: t(lang, "origins.phase_equilibrium"),
    }
}

/// The texts of the eigenvalue plane.
pub fn eigen_texts(lang: Lang) -> EigenTexts {
    EigenTexts {
        axes: (t(lang, "origins.eig_axis_re"), t(lang, "origins.eig_axis_im")),
        regions: (t(lang, "origins.region_stable"), t(lang, "origins.region_unstable")),
    }
}

/// The machine of `s` drawn at time `s.t` of `run`: the mass on its spring, or the circuit
/// with its current.
pub fn picture<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    lang: Lang,
    s: &OriginsLesson,
    run: &Run,
) -> Drawn {
    let j = run.response.index_at(s.t);
    let (h, x) = (run.point(j), run.input_at(s.t));
    let points = run.points();
    let extent = |f: fn(&(f64, f64)) -> f64| {
        points
            .iter()
            .map(f)
            .filter(|v| v.is_finite())
            .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
    };
    let label = |key: &str, v: f64| fill(lang, key, &[("v", &decimal(v))]);
    match s.machine {
        Machine::Spring => {
            let labels = [
                label("origins.label_mass", s.mass),
                label("origins.label_stiffness", s.stiffness),
                label("origins.label_damping", s.damping),
                label("origins.label_force", x),
            ];
            let scene = SpringScene {
                position: h.0,
                force: x,
                range: extent(|p| p.0),
                axis: t(lang, "origins.spring_axis_position"),
                labels: [&labels[0], &labels[1], &labels[2], &labels[3]].map(String::as_str),
                rest: t(lang, "origins.rest"),
            };
            spring_picture(area, &scene, theme).map(|_| None)
        }
        Machine::Circuit => {
            let labels = [
                label("origins.label_source", x),
                label("origins.label_resistance", s.resistance),
                label("origins.label_inductance", s.inductance),
                label("origins.label_capacitance", s.capacitance),
            ];
            let current = label("origins.label_current", h.1);
            let (q, i) = (extent(|p| p.0), extent(|p| p.1));
            let scene = CircuitScene {
                charge: h.0,
                current: h.1,
                source: x,
                scale: (q.0.abs().max(q.1.abs()), i.0.abs().max(i.1.abs())),
                labels: [&labels[0], &labels[1], &labels[2], &labels[3]].map(String::as_str),
                current_label: &current,
            };
            circuit_picture(area, &scene, theme).map(|_| None)
        }
    }
}
