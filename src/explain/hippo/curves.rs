//! Curves to remember: the preset signals of the memory lessons, and a hand-drawn curve given
//! by a few knots joined by straight lines.
//!
//! Every curve is sampled at the steps k = 1 … L and stays within [−1, 1], so memories of
//! different curves can be compared on one scale.

use crate::ssm::validate::{by_name, elements, finite_slice, length};
use crate::ssm::{Result, Rng, SsmError};
use std::f64::consts::TAU;
use std::str::FromStr;

/// A preset curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum CurveKind {
    /// Two sine waves of 3 and 7 periods over the history.
    Waves,
    /// A held value per "token": six levels, each held for a sixth of the history.
    Steps,
    /// Two short events (a narrow and a wider bump of opposite signs) on a quiet baseline.
    Spikes,
    /// A sine whose frequency grows linearly: the newest part holds the finest detail.
    Chirp,
    /// Smoothed random noise (seeded): detail at every scale, the hardest to remember.
    Noise,
}

impl CurveKind {
    /// Every preset, in the order the lessons offer them.
    pub const ALL: [CurveKind; 5] =
        [CurveKind::Waves, CurveKind::Steps, CurveKind::Spikes, CurveKind::Chirp, CurveKind::Noise];

    /// The preset's name as used in URLs.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The curve sampled at k = 1 … `len`, with u = k/len the fraction of the history.
    /// Errors: `len` = 0 or beyond the limits.
    pub fn samples(self, len: usize) -> Result<Vec<f64>> {
        length("the curve", len)?;
        elements("the curve", &[len])?;
        let at = |k: usize| k as f64 / len as f64;
        let samples = match self {
            CurveKind::Waves => (1..=len)
                .map(|k| {
                    let u = at(k);
                    0.6 * (TAU * 3.0 * u).sin() + 0.4 * (TAU * 7.0 * u + 0.5).sin()
                })
                .collect(),
            CurveKind::Steps => {
                const LEVELS: [f64; 6] = [0.7, -0.4, 0.2, -0.9, 0.8, -0.1];
                (1..=len).map(|k| LEVELS[((at(k) * 6.0).ceil() as usize).clamp(1, 6) - 1]).collect()
            }
            CurveKind::Spikes => (1..=len)
                .map(|k| {
                    let u = at(k);
                    (-((u - 0.25) / 0.03).powi(2)).exp()
                        - 0.7 * (-((u - 0.68) / 0.06).powi(2)).exp()
                })
                .collect(),
            CurveKind::Chirp => (1..=len)
                .map(|k| {
                    let u = at(k);
                    // Eqn: phase 2π(u + 5u²), so the frequency 1 + 10u grows along the history.
                    (TAU * (u + 5.0 * u * u)).sin()
                })
                .collect(),
            CurveKind::Noise => smoothed_noise(len),
        };
        Ok(samples)
    }
}

/// White noise smoothed by a short moving average (a third of a "period" of about 1/12 of the
/// history), then scaled so that its largest magnitude is 0.95.
fn smoothed_noise(len: usize) -> Vec<f64> {
    let mut rng = Rng::new(0x0048_6950_504f);
    let white: Vec<f64> = (0..len).map(|_| rng.normal()).collect();
    let half = (len / 48).max(1);
    let smooth: Vec<f64> = (0..len)
        .map(|k| {
            let (lo, hi) = (k.saturating_sub(half), (k + half).min(len - 1));
            white[lo..=hi].iter().sum::<f64>() / (hi - lo + 1) as f64
        })
        .collect();
    let peak = smooth.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let scale = if peak > 0.0 { 0.95 / peak } else { 0.0 };
    smooth.iter().map(|v| v * scale).collect()
}

impl FromStr for CurveKind {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<CurveKind> {
        by_name("curve", &CurveKind::ALL, s)
    }
}

/// The step (from 1) at which knot `i` of `count` sits on a history of `len` steps: the knots
/// are spread evenly from step 1 to step `len`.
pub fn knot_step(i: usize, count: usize, len: usize) -> f64 {
    if count <= 1 { 1.0 } else { 1.0 + i as f64 * (len - 1) as f64 / (count - 1) as f64 }
}

/// A curve through `knots` (evenly spread from step 1 to step `len`, see [`knot_step`]) joined
/// by straight lines, sampled at k = 1 … `len`.
/// Errors: fewer than two knots, non-finite knots, or `len` = 0 or beyond the limits.
pub fn knots_to_samples(knots: &[f64], len: usize) -> Result<Vec<f64>> {
    if knots.len() < 2 {
        return Err(SsmError::Domain(format!(
            "a drawn curve needs at least 2 knots, got {}",
            knots.len()
        )));
    }
    finite_slice("the knots", knots)?;
    length("the curve", len)?;
    elements("the curve", &[len])?;
    let count = knots.len();
    Ok((1..=len)
        .map(|k| {
            // Eqn: the position of step k between knots, s = (k − 1)(count − 1)/(len − 1).
            let s =
                if len == 1 { 0.0 } else { (k - 1) as f64 * (count - 1) as f64 / (len - 1) as f64 };
            let i = (s.floor() as usize).min(count - 2);
            let w = s - i as f64;
            knots[i] * (1.0 - w) + knots[i + 1] * w
        })
        .collect())
}

/// The values of `samples` (taken at steps 1 … L) at `count` evenly spread knots, by linear
/// interpolation: the knots from which to start editing a sampled curve by hand.
/// Errors: fewer than two knots asked for, or an empty or non-finite `samples`.
pub fn samples_to_knots(samples: &[f64], count: usize) -> Result<Vec<f64>> {
    if count < 2 {
        return Err(SsmError::Domain(format!("ask for at least 2 knots, got {count}")));
    }
    length("the samples", samples.len())?;
    finite_slice("the samples", samples)?;
    let len = samples.len();
    Ok((0..count)
        .map(|i| {
            let s = knot_step(i, count, len) - 1.0;
            let j = (s.floor() as usize).min(len.saturating_sub(2));
            let w = (s - j as f64).clamp(0.0, 1.0);
            if len == 1 { samples[0] } else { samples[j] * (1.0 - w) + samples[j + 1] * w }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_stay_in_range_differ_and_round_trip_their_names() {
        let mut seen: Vec<Vec<f64>> = Vec::new();
        for kind in CurveKind::ALL {
            let xs = kind.samples(128).unwrap();
            assert_eq!(xs.len(), 128);
            assert!(xs.iter().all(|x| x.is_finite() && x.abs() <= 1.0), "{kind} leaves [−1, 1]");
            let spread = xs.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
            assert!(spread > 0.5, "{kind} is nearly flat");
            assert!(seen.iter().all(|s| s != &xs), "{kind} repeats another preset");
            seen.push(xs);
            assert_eq!(kind.name().parse::<CurveKind>().unwrap(), kind);
        }
        assert!("sawtooth".parse::<CurveKind>().is_err());
        assert!(CurveKind::Waves.samples(0).is_err());
        // The same seed every time: the noise preset is reproducible.
        assert_eq!(CurveKind::Noise.samples(64).unwrap(), CurveKind::Noise.samples(64).unwrap());
    }

    #[test]
    fn steps_hold_six_levels_in_equal_parts() {
        let xs = CurveKind::Steps.samples(60).unwrap();
        let changes = xs.windows(2).filter(|w| w[0] != w[1]).count();
        assert_eq!(changes, 5);
        assert_eq!(xs[0], xs[9]);
        assert_ne!(xs[9], xs[10]);
    }

    #[test]
    fn knots_are_joined_by_straight_lines_through_every_knot() {
        let knots = [0.0, 1.0, -1.0];
        let xs = knots_to_samples(&knots, 9).unwrap();
        // The knots sit at steps 1, 5 and 9.
        assert_eq!((xs[0], xs[4], xs[8]), (0.0, 1.0, -1.0));
        assert!((xs[2] - 0.5).abs() < 1e-12 && (xs[6] + 0.0).abs() < 1e-12);
        assert_eq!(knot_step(1, 3, 9), 5.0);
        assert!(knots_to_samples(&[1.0], 9).is_err());
        assert!(knots_to_samples(&[1.0, f64::NAN], 9).is_err());
    }

    #[test]
    fn knots_taken_from_samples_rebuild_a_piecewise_linear_curve_exactly() {
        let knots = [0.2, -0.5, 0.9, 0.0, -0.3];
        let xs = knots_to_samples(&knots, 101).unwrap();
        let back = samples_to_knots(&xs, knots.len()).unwrap();
        for (a, b) in back.iter().zip(knots) {
            assert!((a - b).abs() < 1e-12, "{back:?}");
        }
        assert!(samples_to_knots(&xs, 1).is_err());
        assert!(samples_to_knots(&[], 4).is_err());
    }
}
