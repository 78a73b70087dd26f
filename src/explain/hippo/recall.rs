//! What an LTI system's state remembers of the past: how each past sample is stored in the
//! state (the memory matrix), how much of the past a linear readout can recover from a state
//! kept in a given number format, and the systems the HiPPO lesson compares with LegS.
//!
//! After L steps from h = 0 the state is a fixed linear function of the whole input:
//! Eqn: h_L = Σ_{j=1}^{L} Abar^{L−j} Bbar x_j = M x, with column j of M equal to Abar^{L−j} Bbar.
//! Reading the past back means inverting M from N numbers, which is only as good as M is well
//! conditioned: directions of the past that M holds more weakly than the rounding of the state
//! are lost.

use super::precision::Precision;
use crate::ssm::validate::{by_name, elements, finite_slice, length, work};
use crate::ssm::{
    Continuous, Discretized, Hippo, HippoKind, Method, Result, Rng, SsmError, Step, discretize,
};
use nalgebra::{DMatrix, DVector};
use std::str::FromStr;

/// How a single-input discrete system stores a history of L samples in its state: the memory
/// matrix M (N × L) and its singular value decomposition, ready to read states back.
#[derive(Debug, Clone, PartialEq)]
pub struct LtiMemory {
    matrix: DMatrix<f64>,
    u: DMatrix<f64>,
    singular: DVector<f64>,
    v_t: DMatrix<f64>,
}

/// What a readout recovers from a state.
#[derive(Debug, Clone, PartialEq)]
pub struct Recall {
    /// The state h = M x, rounded to the format.
    pub state: DVector<f64>,
    /// The history as read back from the rounded state, x̂_1 … x̂_L.
    pub history: Vec<f64>,
    /// The root-mean-square difference between the history and what was read back.
    pub error: f64,
    /// How many directions of the past the state holds above the rounding (σ_i > λ).
    pub held: usize,
}

impl LtiMemory {
    /// The memory matrix of `sys` over `len` steps: column j − 1 is Abar^{len−j} Bbar, the
    /// imprint of sample j on the state after sample `len`.
    /// Errors: a system with more than one input, `len` = 0, or sizes beyond the limits.
    pub fn new(sys: &Discretized, len: usize) -> Result<LtiMemory> {
        if sys.inputs() != 1 {
            return Err(SsmError::Shape(format!(
                "a memory matrix needs one input (Bbar: N×1), got Bbar: {}×{}",
                sys.state_size(),
                sys.inputs()
            )));
        }
        length("the history", len)?;
        let n = sys.state_size();
        elements("the memory matrix", &[n, len])?;
        // The powers, then the decomposition (about 4·N·L·min(N, L) + 8·min(N, L)³).
        let small = n.min(len) as u64;
        let cost =
            (len as u64) * (n as u64).pow(2) + 4 * (n * len) as u64 * small + 8 * small.pow(3);
        work("the memory matrix and its decomposition", cost)?;
        let mut matrix = DMatrix::zeros(n, len);
        let mut column: DVector<f64> = sys.b_bar().column(0).into_owned();
        let mut next = DVector::zeros(n);
        for j in (0..len).rev() {
            matrix.set_column(j, &column);
            // Eqn: the imprint one step older is Abar times this one.
            next.gemv(1.0, sys.a_bar(), &column, 0.0);
            std::mem::swap(&mut column, &mut next);
        }
        let svd = matrix.clone().svd(true, true);
        let (Some(u), Some(v_t)) = (svd.u, svd.v_t) else {
            return Err(SsmError::Numerical("the memory matrix has no decomposition".into()));
        };
        Ok(LtiMemory { matrix, u, singular: svd.singular_values, v_t })
    }

    /// The memory matrix M (N × L).
    pub fn matrix(&self) -> &DMatrix<f64> {
        &self.matrix
    }

    /// The singular values of M, largest first: how strongly each direction of the past is held.
    pub fn singular_values(&self) -> &DVector<f64> {
        &self.singular
    }

    /// The ridge parameter of the readout for a format: the rounding of the state relative to
    /// the size of a typical state.
    /// Eqn: λ = ε ‖M‖_F / √N, ε = [`Precision::noise_level`].
    pub fn ridge(&self, precision: Precision) -> f64 {
        precision.noise_level() * self.matrix.norm() / (self.matrix.nrows() as f64).sqrt()
    }

    /// Streams `history` (x_1 … x_L) into the state, rounds the state to `precision`, and reads
    /// the history back with the best linear readout for white-noise pasts under that rounding
    /// (ridge regression, the Wiener filter):
    /// Eqn: x̂ = argmin ‖M x̂ − h‖² + λ²‖x̂‖² = Σ_i v_i σ_i/(σ_i² + λ²) u_iᵀ h.
    /// Directions with σ_i ≫ λ are read exactly; those with σ_i ≪ λ are drowned by rounding
    /// and dropped.
    /// Errors: a history of the wrong length or with non-finite values.
    pub fn recall(&self, history: &[f64], precision: Precision) -> Result<Recall> {
        if history.len() != self.matrix.ncols() {
            return Err(SsmError::Shape(format!(
                "the history must have the memory's length {}, got {}",
                self.matrix.ncols(),
                history.len()
            )));
        }
        finite_slice("the history", history)?;
        let x = DVector::from_column_slice(history);
        let state = (&self.matrix * &x).map(|h| precision.round(h));
        let lambda = self.ridge(precision);
        // Eqn: the coordinates u_iᵀ h, filtered by σ_i/(σ_i² + λ²), mapped back by v_i.
        let mut coords = self.u.tr_mul(&state);
        for (c, &s) in coords.iter_mut().zip(self.singular.iter()) {
            *c *= s / (s * s + lambda * lambda);
        }
        let read = self.v_t.tr_mul(&coords);
        let error = (read.iter().zip(history).map(|(r, f)| (r - f).powi(2)).sum::<f64>()
            / history.len() as f64)
            .sqrt();
        let held = self.singular.iter().filter(|&&s| s > lambda).count();
        Ok(Recall { state, history: read.iter().copied().collect(), error, held })
    }
}

/// A system whose memory the HiPPO lesson compares with HiPPO-LegS, each of N states and run
/// with the bilinear rule at the step Δ = 1/L, so that a history of L samples spans one unit of
/// time (as LegS's window does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "kebab-case")]
pub enum MemorySystem {
    /// LegS's (A, B) with a fixed step: S4's time-invariant use of HiPPO.
    LegsFixed,
    /// S4D-Real: diagonal A = −(1, 2, …, N) (LegS's eigenvalues), B = 1.
    S4dReal,
    /// A random dense A with eigenvalues in LegS's range of decay rates, and a random B
    /// (seeded, so the same N always gives the same system).
    Random,
}

impl MemorySystem {
    /// Every system, in the order the lesson presents them.
    pub const ALL: [MemorySystem; 3] =
        [MemorySystem::LegsFixed, MemorySystem::S4dReal, MemorySystem::Random];

    /// The system's name as used in URLs.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The continuous system (A, B), with the whole state as its output.
    /// Errors: N = 0 or beyond the limits.
    pub fn continuous(self, n: usize) -> Result<Continuous> {
        let (a, b) = match self {
            MemorySystem::LegsFixed => {
                let h = Hippo::new(HippoKind::LegS, n)?;
                (h.a, h.b)
            }
            MemorySystem::S4dReal => {
                let h = Hippo::new(HippoKind::S4dReal, n)?;
                (h.a, h.b)
            }
            MemorySystem::Random => random_stable(n, 0x5344_0000 + n as u64)?,
        };
        Continuous::with_state_output(a, DMatrix::from_column_slice(n, 1, b.as_slice()))
    }

    /// The system discretized by the bilinear rule at Δ = 1/`span`.
    /// Errors: as [`MemorySystem::continuous`], or `span` = 0.
    pub fn discretized(self, n: usize, span: usize) -> Result<Discretized> {
        length("the span", span)?;
        discretize(&self.continuous(n)?, Step::new(1.0 / span as f64)?, Method::Bilinear)
    }
}

impl FromStr for MemorySystem {
    type Err = SsmError;

    fn from_str(s: &str) -> Result<MemorySystem> {
        by_name("memory system", &MemorySystem::ALL, s)
    }
}

/// A random stable (A, B) of size N from `seed`: A = (N/2)·G/√N − (N/2 + 1)·I with G standard
/// normal, whose eigenvalues fill (by the circular law) a disc of radius about N/2 around
/// −(N/2 + 1), so their real parts span about −1 … −(N + 1) like LegS's −1 … −N. Should a
/// small N stray, A is shifted left until every eigenvalue has real part ≤ −1. B is standard
/// normal.
/// Errors: N = 0 or beyond the limits, or an eigenvalue computation that fails.
pub fn random_stable(n: usize, seed: u64) -> Result<(DMatrix<f64>, DVector<f64>)> {
    Hippo::new(HippoKind::S4dReal, n)?;
    let mut rng = Rng::new(seed);
    let half = n as f64 / 2.0;
    let scale = half / (n as f64).sqrt();
    let mut a = DMatrix::from_fn(n, n, |_, _| scale * rng.normal());
    for i in 0..n {
        a[(i, i)] -= half + 1.0;
    }
    let b = DVector::from_fn(n, |_, _| rng.normal());
    let abscissa =
        Continuous::with_state_output(a.clone(), DMatrix::zeros(n, 1))?.spectral_abscissa()?;
    if abscissa > -1.0 {
        for i in 0..n {
            a[(i, i)] -= abscissa + 1.0;
        }
    }
    Ok((a, b))
}

/// The reconstruction errors of every compared system over a grid of state sizes, for one
/// history length: the memory matrices and their decompositions do not depend on the signal,
/// so they are made once and every new signal costs only the readouts.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryComparison {
    sizes: Vec<usize>,
    memories: Vec<(MemorySystem, Vec<LtiMemory>)>,
}

impl MemoryComparison {
    /// The memories of every [`MemorySystem`] at each of `sizes`, over histories of `len`.
    /// Errors: no sizes, or as [`MemorySystem::discretized`] and [`LtiMemory::new`].
    pub fn new(sizes: &[usize], len: usize) -> Result<MemoryComparison> {
        length("the state sizes", sizes.len())?;
        let memories = MemorySystem::ALL
            .into_iter()
            .map(|system| {
                let at_sizes = sizes
                    .iter()
                    .map(|&n| LtiMemory::new(&system.discretized(n, len)?, len))
                    .collect::<Result<Vec<_>>>()?;
                Ok((system, at_sizes))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(MemoryComparison { sizes: sizes.to_vec(), memories })
    }

    /// The state sizes compared.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// For each system, the reconstruction error of `history` at each state size.
    /// Errors: as [`LtiMemory::recall`].
    pub fn errors(
        &self,
        history: &[f64],
        precision: Precision,
    ) -> Result<Vec<(MemorySystem, Vec<f64>)>> {
        self.memories
            .iter()
            .map(|(system, at_sizes)| {
                let errors = at_sizes
                    .iter()
                    .map(|m| m.recall(history, precision).map(|r| r.error))
                    .collect::<Result<Vec<_>>>()?;
                Ok((*system, errors))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::hippo::CurveKind;
    use crate::explain::hippo::legs_errors_by_size;
    use crate::ssm::hippo::legs_states;
    use crate::ssm::{View, simulate};

    #[test]
    fn rounding_matches_the_formats() {
        assert_eq!(Precision::F64.round(0.1), 0.1);
        assert_eq!(Precision::F32.round(0.1), f64::from(0.1_f32));
        // bfloat16 keeps 8 significant bits: 1 + 2⁻⁸ is a tie and rounds to even (1),
        // 1 + 3·2⁻⁸ rounds up to 1 + 2⁻⁶.
        assert_eq!(Precision::Bf16.round(1.0 + 1.0 / 256.0), 1.0);
        assert_eq!(Precision::Bf16.round(1.0 + 3.0 / 256.0), 1.0 + 1.0 / 64.0);
        assert_eq!(Precision::Bf16.round(-3.0), -3.0);
        for p in Precision::ALL {
            let x = 0.123_456_789_f64;
            assert!((p.round(x) - x).abs() <= p.unit_roundoff() * x.abs(), "{p}");
            assert_eq!(p.name().parse::<Precision>().unwrap(), p);
        }
        assert!("f16".parse::<Precision>().is_err());
    }

    #[test]
    fn the_memory_matrix_gives_the_state_the_recurrence_reaches() {
        for system in MemorySystem::ALL {
            let x = CurveKind::Waves.samples(40).unwrap();
            let memory = LtiMemory::new(&system.discretized(6, 40).unwrap(), 40).unwrap();
            let state = memory.recall(&x, Precision::F64).unwrap().state;
            for i in 0..6 {
                // State i as the recurrence computes it: the output through C = e_i.
                let picked = simulate(&pick(&system, 6, 40, i), &x, View::Recurrent).unwrap();
                assert!(
                    (picked[39] - state[i]).abs() < 1e-10,
                    "{system}: {} vs {}",
                    picked[39],
                    state[i]
                );
            }
        }
    }

    /// The compared system read through C = e_i.
    fn pick(system: &MemorySystem, n: usize, span: usize, i: usize) -> Discretized {
        let sys = system.continuous(n).unwrap();
        let mut c = DMatrix::zeros(1, n);
        c[(0, i)] = 1.0;
        let single =
            Continuous::new(sys.a().clone(), sys.b().clone(), c, DMatrix::zeros(1, 1)).unwrap();
        discretize(&single, Step::new(1.0 / span as f64).unwrap(), Method::Bilinear).unwrap()
    }

    #[test]
    fn a_history_in_the_span_of_the_memory_is_read_back_exactly() {
        let sys = MemorySystem::LegsFixed.discretized(8, 30).unwrap();
        let memory = LtiMemory::new(&sys, 30).unwrap();
        // A combination of the memory's own rows lies in what it can see.
        let weights = DVector::from_fn(8, |i, _| (i as f64 * 0.7).cos());
        let x: Vec<f64> = (memory.matrix().transpose() * weights).iter().copied().collect();
        let recall = memory.recall(&x, Precision::F64).unwrap();
        assert!(recall.error < 1e-8 * x.iter().fold(0.0_f64, |m, v| m.max(v.abs())));
        assert_eq!(recall.held, 8);
        assert!(memory.recall(&x[..10], Precision::F64).is_err());
    }

    #[test]
    fn legs_remembers_far_better_than_a_diagonal_or_random_a_once_the_state_is_rounded() {
        let len = 128;
        let x = CurveKind::Waves.samples(len).unwrap();
        let n = 48;
        let legs = legs_states(n, &x).unwrap();
        let rounded: Vec<f64> =
            legs.column(len - 1).iter().map(|&c| Precision::F32.round(c)).collect();
        let legs_error = legs_errors_by_size(&rounded, &x).unwrap()[n - 1];
        let compare = MemoryComparison::new(&[n], len).unwrap();
        let errors = compare.errors(&x, Precision::F32).unwrap();
        let of = |s: MemorySystem| errors.iter().find(|(m, _)| *m == s).unwrap().1[0];
        assert!(legs_error < 0.06, "LegS {legs_error}");
        assert!(of(MemorySystem::LegsFixed) < 0.06, "LegS fixed {}", of(MemorySystem::LegsFixed));
        assert!(
            of(MemorySystem::S4dReal) > 4.0 * legs_error,
            "S4D-Real {}",
            of(MemorySystem::S4dReal)
        );
        assert!(of(MemorySystem::Random) > 3.0 * legs_error, "random {}", of(MemorySystem::Random));
    }

    #[test]
    fn rounding_costs_the_diagonal_system_directions_it_holds_weakly() {
        let sys = MemorySystem::S4dReal.discretized(32, 128).unwrap();
        let memory = LtiMemory::new(&sys, 128).unwrap();
        let x = CurveKind::Chirp.samples(128).unwrap();
        let held = |p| memory.recall(&x, p).unwrap().held;
        assert!(held(Precision::F64) > held(Precision::F32));
        assert!(held(Precision::F32) > held(Precision::Bf16));
        assert!(held(Precision::F32) < 20, "{}", held(Precision::F32));
    }

    #[test]
    fn random_systems_are_stable_reproducible_and_in_legs_range() {
        for n in [1, 2, 3, 8, 64] {
            let (a, b) = random_stable(n, 11).unwrap();
            assert_eq!(random_stable(n, 11).unwrap(), (a.clone(), b.clone()));
            let sys = Continuous::with_state_output(a, DMatrix::zeros(n, 1)).unwrap();
            let eig = sys.eigenvalues().unwrap();
            let (lo, hi) = eig
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), e| (l.min(e.re), h.max(e.re)));
            assert!(hi <= -1.0 + 1e-9, "N = {n}: abscissa {hi}");
            assert!(lo >= -(2.0 * n as f64 + 4.0), "N = {n}: fastest {lo}");
        }
        assert_ne!(random_stable(4, 1).unwrap(), random_stable(4, 2).unwrap());
        assert!(random_stable(0, 1).is_err());
    }
}
