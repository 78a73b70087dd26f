//! The picture of `#/origins`'s machine at time t: the mass on its spring, or the circuit with
//! its current.

use crate::course::origins::{Machine, OriginsLesson};
use crate::format::decimal;
use crate::i18n::{Lang, fill, t};
use crate::plot::{CircuitScene, SpringScene, circuit_picture, spring_picture};
use crate::ui::components::DrawFn;
use crate::ui::lessons::lti::Run;
use std::rc::Rc;

/// The machine of `s` drawn at time `s.t` of `run`.
pub(super) fn machine_picture(lang: Lang, s: &OriginsLesson, run: Rc<Run>) -> DrawFn {
    let machine = s.machine;
    let j = run.response.index_at(s.t);
    let (h, x) = (run.point(j), run.input_at(s.t));
    let values = [s.mass, s.stiffness, s.damping, s.inductance, s.resistance, s.capacitance];
    let labels: Vec<String> = match machine {
        Machine::Spring => vec![
            fill(lang, "origins.label_mass", &[("v", &decimal(values[0]))]),
            fill(lang, "origins.label_stiffness", &[("v", &decimal(values[1]))]),
            fill(lang, "origins.label_damping", &[("v", &decimal(values[2]))]),
            fill(lang, "origins.label_force", &[("v", &decimal(x))]),
        ],
        Machine::Circuit => vec![
            fill(lang, "origins.label_source", &[("v", &decimal(x))]),
            fill(lang, "origins.label_resistance", &[("v", &decimal(values[4]))]),
            fill(lang, "origins.label_inductance", &[("v", &decimal(values[3]))]),
            fill(lang, "origins.label_capacitance", &[("v", &decimal(values[5]))]),
            fill(lang, "origins.label_current", &[("v", &decimal(h.1))]),
        ],
    };
    let (axis, rest) = (t(lang, "origins.spring_axis_position"), t(lang, "origins.rest"));
    Rc::new(move |area, theme| {
        let points = run.points();
        let extent = |f: fn(&(f64, f64)) -> f64| {
            points
                .iter()
                .map(f)
                .filter(|v| v.is_finite())
                .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
        };
        match machine {
            Machine::Spring => {
                let scene = SpringScene {
                    position: h.0,
                    force: x,
                    range: extent(|p| p.0),
                    axis,
                    labels: [
                        labels[0].as_str(),
                        labels[1].as_str(),
                        labels[2].as_str(),
                        labels[3].as_str(),
                    ],
                    rest,
                };
                spring_picture(area, &scene, theme).map(|_| None)
            }
            Machine::Circuit => {
                let (q, i) = (extent(|p| p.0), extent(|p| p.1));
                let scene = CircuitScene {
                    charge: h.0,
                    current: h.1,
                    source: x,
                    scale: (q.0.abs().max(q.1.abs()), i.0.abs().max(i.1.abs())),
                    labels: [
                        labels[0].as_str(),
                        labels[1].as_str(),
                        labels[2].as_str(),
                        labels[3].as_str(),
                    ],
                    current_label: labels[4].as_str(),
                };
                circuit_picture(area, &scene, theme).map(|_| None)
            }
        }
    })
}
