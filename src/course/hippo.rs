//! The state of lesson 6 (`#/hippo`) as kept in the address: the state size N, the matrix in
//! the heat-map, the signal (a preset, or one drawn by hand and kept as a few dozen quantized
//! knots), how far it has streamed, the compared system and number format, and the S4 panel's
//! step Δ, delay and step rule.

use crate::explain::hippo::{
    CurveKind, MemorySystem, Precision, knot_step, knots_to_samples, samples_to_knots,
};
use crate::route::{Query, UrlState};

/// Samples in the signal (the history the memory must hold).
pub const LEN: usize = 128;
/// Knots of a hand-drawn signal, spread evenly over the history.
pub const KNOTS: usize = 32;
/// The largest state size offered.
pub const MAX_N: usize = 64;
/// The state sizes of the error chart's compared systems (LegS's error is known at every N).
pub const SIZES: [usize; 12] = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64];
/// The signal's values are drawn within ±1; the figure shows a little more.
pub const RANGE: f64 = 1.0;
/// Quantization of a drawn knot: the value (q − HALF)/HALF for q = 0 … 2·HALF.
const HALF: u8 = 30;
/// One character per knot in the address.
const DIGITS: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The A shown in the heat-map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatrixChoice {
    /// HiPPO-LegS.
    Legs,
    /// S4D-Real, diagonal.
    S4dReal,
    /// A random stable A.
    Random,
}

impl MatrixChoice {
    /// Every choice, in the order offered.
    pub const ALL: [MatrixChoice; 3] =
        [MatrixChoice::Legs, MatrixChoice::S4dReal, MatrixChoice::Random];

    /// The name in the address.
    pub fn name(self) -> &'static str {
        match self {
            MatrixChoice::Legs => "legs",
            MatrixChoice::S4dReal => "s4d-real",
            MatrixChoice::Random => "random",
        }
    }

    /// The system whose A this is.
    pub fn system(self) -> MemorySystem {
        match self {
            MatrixChoice::Legs => MemorySystem::LegsFixed,
            MatrixChoice::S4dReal => MemorySystem::S4dReal,
            MatrixChoice::Random => MemorySystem::Random,
        }
    }
}

/// The signal streamed into the memory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SignalChoice {
    /// A preset curve.
    Preset(CurveKind),
    /// A curve drawn by hand: [`KNOTS`] quantized knots (0 … 2·HALF each).
    Drawn(Vec<u8>),
}

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct HippoLesson {
    /// The state size N (1 … [`MAX_N`]).
    pub n: usize,
    /// The matrix in the heat-map.
    pub matrix: MatrixChoice,
    /// The signal.
    pub signal: SignalChoice,
    /// How many samples have streamed in (1 … [`LEN`]).
    pub t: usize,
    /// The system compared with LegS, if any.
    pub compare: Option<MemorySystem>,
    /// The format the states are kept in before they are read.
    pub precision: Precision,
    /// S4's fixed step Δ.
    pub delta: f64,
    /// How many steps back the readout C asks for.
    pub delay: f64,
    /// Whether the S4 panel steps by HiPPO's 1/k instead of the fixed Δ.
    pub scaled: bool,
}

impl Default for HippoLesson {
    fn default() -> Self {
        HippoLesson {
            n: 16,
            matrix: MatrixChoice::Legs,
            signal: SignalChoice::Preset(CurveKind::Waves),
            t: LEN,
            compare: Some(MemorySystem::S4dReal),
            precision: Precision::F32,
            delta: 0.03,
            delay: 30.0,
            scaled: false,
        }
    }
}

/// The quantized level of a value in [−1, 1].
fn quantize(v: f64) -> u8 {
    let q = (v.clamp(-RANGE, RANGE) / RANGE * f64::from(HALF) + f64::from(HALF)).round();
    q.clamp(0.0, f64::from(2 * HALF)) as u8
}

/// The value of a quantized level.
fn level(q: u8) -> f64 {
    (f64::from(q.min(2 * HALF)) - f64::from(HALF)) / f64::from(HALF) * RANGE
}

fn encode(knots: &[u8]) -> String {
    knots.iter().map(|&q| DIGITS[usize::from(q.min(2 * HALF))] as char).collect()
}

/// The knots in an address, if there are exactly [`KNOTS`] valid ones.
fn decode(text: &str) -> Option<Vec<u8>> {
    let knots: Option<Vec<u8>> = text
        .bytes()
        .map(|c| DIGITS.iter().position(|&d| d == c).filter(|&q| q <= usize::from(2 * HALF)))
        .map(|q| q.map(|q| q as u8))
        .collect();
    knots.filter(|k| k.len() == KNOTS)
}

impl UrlState for HippoLesson {
    fn to_query(&self) -> Query {
        let q = Query::default().with("n", self.n).with("A", self.matrix.name());
        let q = match &self.signal {
            SignalChoice::Preset(kind) => q.with("sig", kind.name()),
            SignalChoice::Drawn(knots) => q.with("sig", "drawn").with("pts", encode(knots)),
        };
        q.with("t", self.t)
            .with("cmp", self.compare.map_or("none", |s| s.name()))
            .with("prec", self.precision.name())
            .with("dt", self.delta)
            .with("d", self.delay)
            .with("rule", if self.scaled { "scaled" } else { "fixed" })
    }

    fn from_query(q: &Query) -> Self {
        let d = HippoLesson::default();
        let signal = match q.get("sig") {
            Some("drawn") => q.get("pts").and_then(decode).map(SignalChoice::Drawn),
            Some(name) => name.parse().ok().map(SignalChoice::Preset),
            None => None,
        };
        let compare = match q.get("cmp") {
            Some("none") => None,
            Some(name) => name.parse().ok().or(d.compare),
            None => d.compare,
        };
        let matrix_names: Vec<&str> = MatrixChoice::ALL.iter().map(|m| m.name()).collect();
        let matrix = q.choice("A", &matrix_names, d.matrix.name());
        HippoLesson {
            n: q.usize_in("n", d.n, 1, MAX_N),
            matrix: MatrixChoice::ALL.into_iter().find(|m| m.name() == matrix).unwrap_or(d.matrix),
            signal: signal.unwrap_or(d.signal),
            t: q.usize_in("t", d.t, 1, LEN),
            compare,
            precision: q.get("prec").and_then(|p| p.parse().ok()).unwrap_or(d.precision),
            delta: q.f64_in("dt", d.delta, 0.005, 0.2),
            delay: q.f64_in("d", d.delay, 0.0, 100.0),
            scaled: q.choice("rule", &["fixed", "scaled"], "fixed") == "scaled",
        }
    }
}

impl SignalChoice {
    /// The signal at steps 1 … [`LEN`].
    pub fn samples(&self) -> Vec<f64> {
        let samples = match self {
            SignalChoice::Preset(kind) => kind.samples(LEN),
            SignalChoice::Drawn(knots) => {
                knots_to_samples(&knots.iter().map(|&q| level(q)).collect::<Vec<_>>(), LEN)
            }
        };
        // Both succeed for LEN ≥ 1 and KNOTS ≥ 2 (see the tests); a flat line is the fallback.
        samples.unwrap_or_else(|_| vec![0.0; LEN])
    }

    /// The knots as quantized levels: the drawn ones, or a preset's values at the knots
    /// (where drawing over a preset starts from).
    pub fn knot_levels(&self) -> Vec<u8> {
        match self {
            SignalChoice::Drawn(knots) => knots.clone(),
            SignalChoice::Preset(_) => samples_to_knots(&self.samples(), KNOTS)
                .map(|k| k.iter().map(|&v| quantize(v)).collect())
                .unwrap_or_else(|_| vec![HALF; KNOTS]),
        }
    }

    /// The knots as (step, value) points.
    pub fn knots(&self) -> Vec<(f64, f64)> {
        self.knot_levels()
            .into_iter()
            .enumerate()
            .map(|(i, q)| (knot_step(i, KNOTS, LEN), level(q)))
            .collect()
    }
}

impl HippoLesson {
    /// This state with knot `i` set to `value` (quantized), and every knot between `from` and
    /// `i` set on the straight line from `from`'s new value (so a quick stroke leaves no gaps).
    /// The signal becomes a drawn one.
    pub fn with_stroke(&self, from: Option<(usize, f64)>, i: usize, value: f64) -> HippoLesson {
        let mut knots = self.signal.knot_levels();
        let i = i.min(KNOTS - 1);
        let (j, start) = from.map_or((i, value), |(j, v)| (j.min(KNOTS - 1), v));
        let (lo, hi) = (i.min(j), i.max(j));
        for (k, knot) in knots.iter_mut().enumerate().take(hi + 1).skip(lo) {
            let w = if hi == lo { 1.0 } else { (k as f64 - j as f64) / (i as f64 - j as f64) };
            *knot = quantize(start + (value - start) * w);
        }
        HippoLesson { signal: SignalChoice::Drawn(knots), ..self.clone() }
    }

    /// This state with knot `i` moved by `steps` quantization levels (the keyboard's way).
    pub fn with_knot_nudged(&self, i: usize, steps: i32) -> HippoLesson {
        let mut knots = self.signal.knot_levels();
        if let Some(q) = knots.get_mut(i) {
            *q = (i32::from(*q) + steps).clamp(0, i32::from(2 * HALF)) as u8;
        }
        HippoLesson { signal: SignalChoice::Drawn(knots), ..self.clone() }
    }
}

/// The knot nearest to step `k` (1 … [`LEN`]).
pub fn knot_at(k: f64) -> usize {
    let s = (k - 1.0) / (LEN - 1) as f64 * (KNOTS - 1) as f64;
    (s.round().max(0.0) as usize).min(KNOTS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let drawn = HippoLesson::default().with_stroke(None, 5, 0.8);
        let s = HippoLesson {
            n: 40,
            matrix: MatrixChoice::Random,
            t: 77,
            compare: None,
            precision: Precision::Bf16,
            delta: 0.07,
            delay: 12.0,
            scaled: true,
            ..drawn
        };
        assert_eq!(HippoLesson::from_query(&s.to_query()), s);
        let preset = HippoLesson { signal: SignalChoice::Preset(CurveKind::Chirp), ..s.clone() };
        assert_eq!(HippoLesson::from_query(&preset.to_query()), preset);
        let encoded = s.to_query().encode();
        assert!(encoded.contains("pts=") && encoded.len() < 160, "{encoded}");
    }

    #[test]
    fn garbage_gives_defaults_and_values_are_clamped() {
        let q = Query::from_hash(
            "#/hippo?n=999&A=zzz&sig=drawn&pts=!!&t=0&cmp=what&prec=f8&dt=-1&d=1e9&rule=x",
        );
        let s = HippoLesson::from_query(&q);
        let d = HippoLesson::default();
        assert_eq!((s.n, s.t, s.delta, s.delay), (MAX_N, 1, 0.005, 100.0));
        assert_eq!(
            (s.matrix, s.signal, s.compare, s.precision, s.scaled),
            (d.matrix, d.signal.clone(), d.compare, d.precision, d.scaled)
        );
        // Too few knots is not a drawing.
        let short = Query::from_hash("#/hippo?sig=drawn&pts=abc");
        assert_eq!(HippoLesson::from_query(&short).signal, d.signal);
        assert_eq!(HippoLesson::from_query(&Query::default()), d);
    }

    #[test]
    fn drawing_starts_from_the_preset_and_fills_a_quick_stroke() {
        let s = HippoLesson::default();
        let before: Vec<f64> = s.signal.knots().iter().map(|k| k.1).collect();
        let drawn = s.with_stroke(Some((2, -1.0)), 6, 1.0);
        let values = |s: &HippoLesson| s.signal.knots().iter().map(|k| k.1).collect::<Vec<f64>>();
        let after = values(&drawn);
        assert_eq!(after[2], -1.0);
        assert_eq!(after[6], 1.0);
        assert_eq!(after[4], 0.0, "the middle of the stroke");
        assert_eq!(after[20], before[20], "knots off the stroke keep the preset's values");
        let samples = drawn.signal.samples();
        assert_eq!(samples.len(), LEN);
        assert!(samples.iter().all(|v| v.abs() <= 1.0));
        let nudged = drawn.with_knot_nudged(6, 5);
        assert_eq!(values(&nudged)[6], 1.0, "clamped at the top");
        assert!(values(&drawn.with_knot_nudged(7, -3))[7] < after[7]);
        assert_eq!(drawn.signal.knots()[KNOTS - 1].0, LEN as f64);
        assert_eq!((knot_at(1.0), knot_at(LEN as f64), knot_at(-5.0)), (0, KNOTS - 1, 0));
    }
}
