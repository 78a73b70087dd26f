//! The two state examples of lesson 1 ("a state is what you must know to predict what comes
//! next"): an agent in a grid world, whose state vector is (x, y, distance to the goal), and an
//! object moving at constant velocity seen only through noisy positions, whose hidden state
//! (position, velocity) a Kalman filter estimates.

use crate::ssm::{Result, Rng, SsmError};
use nalgebra::{Matrix2, Matrix4, Vector2, Vector4};

/// A square grid world with one agent and one goal cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridWorld {
    /// Cells per side.
    pub size: u32,
    /// The goal cell (x, y).
    pub goal: (u32, u32),
}

/// A move of the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// x − 1.
    Left,
    /// x + 1.
    Right,
    /// y + 1.
    Up,
    /// y − 1.
    Down,
}

impl GridWorld {
    /// A grid of `size`×`size` cells (2 to 64) with its goal inside it.
    pub fn new(size: u32, goal: (u32, u32)) -> Result<GridWorld> {
        if !(2..=64).contains(&size) {
            return Err(SsmError::Domain(format!("grid size must be 2 to 64, got {size}")));
        }
        if goal.0 >= size || goal.1 >= size {
            return Err(SsmError::Domain(format!(
                "goal {goal:?} lies outside the {size}×{size} grid"
            )));
        }
        Ok(GridWorld { size, goal })
    }

    /// The cell reached from `at` by `m`; the walls stop the agent.
    pub fn step(&self, at: (u32, u32), m: Move) -> (u32, u32) {
        let (x, y) = (at.0.min(self.size - 1), at.1.min(self.size - 1));
        match m {
            Move::Left => (x.saturating_sub(1), y),
            Move::Right => ((x + 1).min(self.size - 1), y),
            Move::Up => (x, (y + 1).min(self.size - 1)),
            Move::Down => (x, y.saturating_sub(1)),
        }
    }

    /// The state vector of the agent at `at`: (x, y, d) with d the Euclidean distance to the
    /// goal — one more element of the state, as in the notes.
    pub fn state(&self, at: (u32, u32)) -> [f64; 3] {
        let (dx, dy) =
            (f64::from(at.0) - f64::from(self.goal.0), f64::from(at.1) - f64::from(self.goal.1));
        [f64::from(at.0), f64::from(at.1), dx.hypot(dy)]
    }
}

/// What the tracking example produces at every step k.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackStep {
    /// The true position, hidden from the observer.
    pub truth: [f64; 2],
    /// The noisy observed position.
    pub observed: [f64; 2],
    /// The filter's estimate of the state (position x, y; velocity x, y) after this observation.
    pub estimate: [f64; 4],
    /// The prediction for step k+1 made from the estimated state (position + velocity · dt).
    pub predicted_next: [f64; 2],
    /// The prediction for step k+1 if the state were the last observed position alone.
    pub naive_next: [f64; 2],
}

/// An object moving at constant velocity plus small random accelerations, observed with
/// Gaussian noise, and tracked by a Kalman filter with the constant-velocity state space model
///   h_{k+1} = F h_k + w_k,   z_k = H h_k + v_k,
/// where h = (x, y, vx, vy), F = [[I, dt·I], [0, I]], H = [I, 0].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tracking {
    /// Number of steps (1 to 10 000).
    pub steps: usize,
    /// Time between observations (> 0).
    pub dt: f64,
    /// Standard deviation of the observation noise (≥ 0).
    pub noise: f64,
    /// Standard deviation of the random acceleration (≥ 0).
    pub jitter: f64,
    /// Seed of the random numbers.
    pub seed: u64,
}

impl Tracking {
    /// Simulates the object and runs the filter; returns one [`TrackStep`] per step.
    pub fn run(&self) -> Result<Vec<TrackStep>> {
        if !(1..=10_000).contains(&self.steps) {
            return Err(SsmError::Domain(format!("steps must be 1 to 10000, got {}", self.steps)));
        }
        for (name, v, min) in [
            ("dt", self.dt, f64::MIN_POSITIVE),
            ("noise", self.noise, 0.0),
            ("jitter", self.jitter, 0.0),
        ] {
            if !v.is_finite() || v < min {
                return Err(SsmError::Domain(format!(
                    "{name} must be finite and {}, got {v}",
                    if min > 0.0 { "> 0" } else { "≥ 0" }
                )));
            }
        }
        let dt = self.dt;
        let f = Matrix4::new(
            1.0, 0.0, dt, 0.0, //
            0.0, 1.0, 0.0, dt, //
            0.0, 0.0, 1.0, 0.0, //
            0.0, 0.0, 0.0, 1.0,
        );
        // Process noise of a random acceleration a ~ N(0, jitter²) held over the step.
        let q = {
            let (q11, q12, q22) = (dt.powi(4) / 4.0, dt.powi(3) / 2.0, dt * dt);
            let s = self.jitter.powi(2);
            Matrix4::new(
                q11, 0.0, q12, 0.0, //
                0.0, q11, 0.0, q12, //
                q12, 0.0, q22, 0.0, //
                0.0, q12, 0.0, q22,
            ) * s
        };
        // Observation noise; a small floor keeps the innovation covariance invertible.
        let r = Matrix2::identity() * self.noise.powi(2).max(1e-12);

        let mut rng = Rng::new(self.seed);
        let mut truth = Vector4::new(0.0, 0.0, 1.0, 0.6);
        let mut estimate = Vector4::zeros();
        let mut p = Matrix4::identity() * 100.0; // Vague prior: the filter knows nothing yet.
        let mut out = Vec::with_capacity(self.steps);
        for k in 0..self.steps {
            if k > 0 {
                let a = Vector2::new(rng.normal(), rng.normal()) * self.jitter;
                truth = f * truth
                    + Vector4::new(a.x * dt * dt / 2.0, a.y * dt * dt / 2.0, a.x * dt, a.y * dt);
                // Predict: h⁻ = F h, P⁻ = F P Fᵀ + Q.
                estimate = f * estimate;
                p = f * p * f.transpose() + q;
            }
            let z = Vector2::new(truth.x, truth.y)
                + Vector2::new(rng.normal(), rng.normal()) * self.noise;
            // Update: K = P⁻ Hᵀ (H P⁻ Hᵀ + R)⁻¹, h = h⁻ + K (z − H h⁻), P = (I − K H) P⁻.
            let s = p.fixed_view::<2, 2>(0, 0) + r;
            let s_inv = s
                .try_inverse()
                .ok_or_else(|| SsmError::Numerical("singular innovation covariance".into()))?;
            let k_gain = p.fixed_view::<4, 2>(0, 0) * s_inv;
            let innovation = z - Vector2::new(estimate.x, estimate.y);
            estimate += k_gain * innovation;
            let mut kh = Matrix4::zeros();
            kh.fixed_view_mut::<4, 2>(0, 0).copy_from(&k_gain);
            p = (Matrix4::identity() - kh) * p;
            let next = f * estimate;
            out.push(TrackStep {
                truth: [truth.x, truth.y],
                observed: [z.x, z.y],
                estimate: [estimate.x, estimate.y, estimate.z, estimate.w],
                predicted_next: [next.x, next.y],
                naive_next: [z.x, z.y],
            });
        }
        Ok(out)
    }
}

/// Mean distance between each step's prediction of the next position and where the object
/// really was next: (with the velocity in the state, with the position alone). Skips the first
/// `warmup` steps while the filter is still learning the velocity.
pub fn prediction_errors(track: &[TrackStep], warmup: usize) -> (f64, f64) {
    let dist = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    let pairs: Vec<_> = track.windows(2).skip(warmup).collect();
    if pairs.is_empty() {
        return (0.0, 0.0);
    }
    let n = pairs.len() as f64;
    let with_velocity =
        pairs.iter().map(|w| dist(w[0].predicted_next, w[1].truth)).sum::<f64>() / n;
    let position_only = pairs.iter().map(|w| dist(w[0].naive_next, w[1].truth)).sum::<f64>() / n;
    (with_velocity, position_only)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_moves_stop_at_walls_and_the_state_holds_the_distance() {
        let g = GridWorld::new(5, (4, 4)).unwrap();
        assert_eq!(g.step((0, 0), Move::Left), (0, 0));
        assert_eq!(g.step((0, 0), Move::Up), (0, 1));
        assert_eq!(g.step((4, 2), Move::Right), (4, 2));
        assert_eq!(g.state((1, 0)), [1.0, 0.0, 5.0]);
        assert_eq!(g.state((4, 4))[2], 0.0);
        assert!(GridWorld::new(1, (0, 0)).is_err());
        assert!(GridWorld::new(5, (5, 0)).is_err());
    }

    #[test]
    fn velocity_in_the_state_predicts_better_than_position_alone() {
        let track =
            Tracking { steps: 200, dt: 1.0, noise: 0.3, jitter: 0.02, seed: 7 }.run().unwrap();
        let (with_velocity, position_only) = prediction_errors(&track, 20);
        // Standing still is off by the distance travelled per step (|v| ≈ 1.17) on average.
        assert!(position_only > 0.9, "{position_only}");
        assert!(with_velocity < 0.5 * position_only, "{with_velocity} vs {position_only}");
        // The estimated velocity follows the true one (which drifts with the jitter), read off
        // the last two true positions.
        let (a, b) = (&track[track.len() - 2], &track[track.len() - 1]);
        let true_velocity = [b.truth[0] - a.truth[0], b.truth[1] - a.truth[1]];
        let est = b.estimate;
        assert!(
            (est[2] - true_velocity[0]).abs() < 0.2 && (est[3] - true_velocity[1]).abs() < 0.2,
            "{est:?} vs {true_velocity:?}"
        );
    }

    #[test]
    fn without_noise_the_filter_follows_the_truth_exactly() {
        let track =
            Tracking { steps: 30, dt: 0.5, noise: 0.0, jitter: 0.0, seed: 1 }.run().unwrap();
        for s in &track {
            assert!(
                (s.estimate[0] - s.truth[0]).abs() < 1e-6
                    && (s.estimate[1] - s.truth[1]).abs() < 1e-6
            );
        }
    }

    #[test]
    fn bad_parameters_are_refused() {
        let ok = Tracking { steps: 10, dt: 1.0, noise: 0.1, jitter: 0.1, seed: 0 };
        assert!(Tracking { steps: 0, ..ok }.run().is_err());
        assert!(Tracking { dt: 0.0, ..ok }.run().is_err());
        assert!(Tracking { noise: f64::NAN, ..ok }.run().is_err());
        assert!(Tracking { jitter: -1.0, ..ok }.run().is_err());
    }
}
