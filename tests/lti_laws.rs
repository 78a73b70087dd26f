//! Laws of the LTI core that hold for any input: exponentials, the three discretizations, the
//! two views, HiPPO, the physical systems. Exact closed forms where they exist, proptest where a
//! law quantifies over systems.

use mamba_explainer::explain::discretize::{b_bar_quadrature, euler_substeps};
use mamba_explainer::ssm::hippo::LegsMemory;
use mamba_explainer::ssm::lti::{held_response, taylor_partial_sums};
use mamba_explainer::ssm::{
    Continuous, HippoKind, Method, Stability, Step, View, discretize, expm, recurrence, simulate,
};
use mamba_explainer::{explain, ssm};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

/// Largest entry of |a − b| over the largest entry of |b| (the absolute error if b is zero).
fn rel(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    let scale = b.amax();
    let error = (a - b).amax();
    if scale > 0.0 { error / scale } else { error }
}

fn rel_slice(a: &[f64], b: &[f64]) -> f64 {
    rel(&DMatrix::from_column_slice(a.len(), 1, a), &DMatrix::from_column_slice(b.len(), 1, b))
}

fn step(delta: f64) -> Step {
    Step::new(delta).unwrap()
}

/// A random n×n matrix with entries in [−scale, scale].
fn matrix(n: usize, scale: f64) -> impl Strategy<Value = DMatrix<f64>> {
    prop::collection::vec(-scale..scale, n * n).prop_map(move |v| DMatrix::from_vec(n, n, v))
}

/// A random SISO system shifted to be stable: A − (‖A‖₁ + margin) I has every eigenvalue in the
/// left half plane by Gershgorin's theorem.
fn stable_siso(n: usize) -> impl Strategy<Value = Continuous> {
    (matrix(n, 1.0), prop::collection::vec(-1.0..1.0f64, 2 * n), -1.0..1.0f64).prop_map(
        move |(a, bc, d)| {
            let shift = a.column_iter().map(|c| c.lp_norm(1)).fold(0.0, f64::max) + 0.1;
            let a = a - DMatrix::identity(n, n) * shift;
            Continuous::siso(a, &bc[..n], &bc[n..], d).unwrap()
        },
    )
}

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// exp(A) exp(−A) = I.
    #[test]
    fn exp_of_a_times_exp_of_minus_a_is_identity(a in (1usize..7).prop_flat_map(|n| matrix(n, 3.0))) {
        let n = a.nrows();
        let (plus, minus) = (expm(&a).unwrap(), expm(&-&a).unwrap());
        let error = (&plus * &minus - DMatrix::identity(n, n)).amax();
        // Rounding in a product is relative to the sizes of the factors, ‖e^A‖ ‖e^{−A}‖.
        let scale = plus.abs().row_sum().max() * minus.abs().column_sum().max();
        prop_assert!(error < 1e-14 * scale, "error {error:e}, scale {scale:e}");
    }

    /// exp(P diag(λ) P⁻¹) = P diag(e^λ) P⁻¹ for a well-conditioned P.
    #[test]
    fn exp_commutes_with_similarity(
        lambdas in prop::collection::vec(-4.0..2.0f64, 4),
        p in matrix(4, 0.3),
    ) {
        let p = p + DMatrix::identity(4, 4);
        let p_inv = p.clone().try_inverse().unwrap();
        let d = DMatrix::from_diagonal(&DVector::from_vec(lambdas.clone()));
        let e = DMatrix::from_diagonal(&DVector::from_vec(lambdas.iter().map(|l| l.exp()).collect()));
        let got = expm(&(&p * d * &p_inv)).unwrap();
        let error = rel(&got, &(&p * e * &p_inv));
        prop_assert!(error < 1e-12, "error {error:e}");
    }

    /// ZOH of a diagonal A: Abar = diag(e^{Δλ}), Bbar_i = (e^{Δλ_i} − 1)/λ_i · B_i (Δ B_i at λ = 0).
    #[test]
    fn zoh_of_diagonal_a_is_the_scalar_formula(
        lambdas in prop::collection::vec(-5.0..1.0f64, 1..6),
        delta in 1e-3..2.0f64,
    ) {
        let n = lambdas.len();
        let a = DMatrix::from_diagonal(&DVector::from_vec(lambdas.clone()));
        let b: Vec<f64> = (0..n).map(|i| 1.0 + i as f64).collect();
        let sys = Continuous::siso(a, &b, &vec![1.0; n], 0.0).unwrap();
        let d = discretize(&sys, step(delta), Method::Zoh).unwrap();
        for (i, &l) in lambdas.iter().enumerate() {
            let a_bar = (delta * l).exp();
            let b_bar = if l == 0.0 { delta } else { (delta * l).exp_m1() / l } * b[i];
            prop_assert!((d.a_bar()[(i, i)] - a_bar).abs() <= 1e-14 * a_bar.abs().max(1.0));
            prop_assert!((d.b_bar()[(i, 0)] - b_bar).abs() <= 1e-13 * b_bar.abs());
        }
        prop_assert!(d.a_bar().iter().enumerate().all(|(k, x)| k % (n + 1) == 0 || *x == 0.0));
    }

    /// As Δ → 0 every rule agrees with the ODE to first order: (Abar − I)/Δ → A, Bbar/Δ → B,
    /// with an error that shrinks in proportion to Δ.
    #[test]
    fn small_steps_recover_a_and_b(sys in stable_siso(3), method in method()) {
        let errors: Vec<f64> = [1e-3, 1e-4].iter().map(|&delta| {
            let d = discretize(&sys, step(delta), method).unwrap();
            let n = sys.state_size();
            let rate = (d.a_bar() - DMatrix::identity(n, n)) / delta;
            rel(&rate, sys.a()).max(rel(&(d.b_bar() / delta), sys.b()))
        }).collect();
        if method == Method::Euler {
            prop_assert!(errors[1] < 1e-12);
        } else {
            prop_assert!(errors[0] < 1e-2 && errors[1] < errors[0] / 5.0, "{errors:?}");
        }
    }

    /// The recurrence, the direct convolution and the FFT convolution give the same outputs.
    #[test]
    fn recurrence_equals_convolution_equals_fft(
        sys in (1usize..6).prop_flat_map(stable_siso),
        method in method(),
        delta in 0.01..1.0f64,
        x in prop::collection::vec(-1.0..1.0f64, 1..300),
    ) {
        let d = discretize(&sys, step(delta), method).unwrap();
        let outputs: Vec<Vec<f64>> =
            View::ALL.iter().map(|&v| simulate(&d, &x, v).unwrap()).collect();
        for other in &outputs[1..] {
            let error = rel_slice(other, &outputs[0]);
            prop_assert!(error < 1e-10, "error {error:e}");
        }
        // The recurrence with states gives the same y, and y_k = C h_k + D x_k.
        let run = recurrence(&d, &DMatrix::from_row_slice(1, x.len(), &x)).unwrap();
        let y: Vec<f64> = run.outputs.iter().copied().collect();
        prop_assert!(rel_slice(&y, &outputs[0]) == 0.0);
        let last = x.len() - 1;
        let y_last = (d.c() * run.states.column(last))[0] + d.d()[(0, 0)] * x[last];
        prop_assert!((y_last - y[last]).abs() <= 1e-12 * y[last].abs().max(1.0));
    }

    /// The kernel is the impulse response of the recurrence (with D = 0).
    #[test]
    fn kernel_is_the_impulse_response(sys in stable_siso(4), method in method()) {
        let d = discretize(&sys, step(0.2), method).unwrap();
        let k = ssm::kernel(&d, 40).unwrap();
        let mut impulse = vec![0.0; 40];
        impulse[0] = 1.0;
        let mut y = simulate(&d, &impulse, View::Recurrent).unwrap();
        y[0] -= d.d()[(0, 0)];
        prop_assert!(rel_slice(&k, &y) < 1e-13);
    }

    /// Bilinear keeps a stable system stable for every step; ZOH maps λ to e^{Δλ}.
    #[test]
    fn stability_is_preserved_by_zoh_and_bilinear(sys in stable_siso(3), delta in 0.01..20.0f64) {
        prop_assert_eq!(sys.stability().unwrap(), Stability::Stable);
        for method in [Method::Zoh, Method::Bilinear] {
            let d = discretize(&sys, step(delta), method).unwrap();
            prop_assert_ne!(d.stability().unwrap(), Stability::Unstable);
        }
        let rho = discretize(&sys, step(delta), Method::Zoh).unwrap().spectral_radius().unwrap();
        let expected = (delta * sys.spectral_abscissa().unwrap()).exp();
        prop_assert!((rho - expected).abs() <= 1e-9 * expected.max(1e-300) + 1e-15);
    }
}

#[test]
fn zoh_handles_the_singular_double_integrator_exactly() {
    // A = [[0, 1], [0, 0]] has no inverse, so Bbar = A⁻¹(Abar − I)B is unusable; the augmented
    // exponential gives the closed form Abar = [[1, Δ], [0, 1]], Bbar = [Δ²/2, Δ].
    for delta in [1e-4, 0.1, 1.0, 7.5, 300.0] {
        let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 0.0, 0.0]);
        let sys = Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
        let d = discretize(&sys, step(delta), Method::Zoh).unwrap();
        let a_bar = DMatrix::from_row_slice(2, 2, &[1.0, delta, 0.0, 1.0]);
        let b_bar = DMatrix::from_row_slice(2, 1, &[delta * delta / 2.0, delta]);
        assert!(rel(d.a_bar(), &a_bar) < 1e-15, "Δ = {delta}: {}", d.a_bar());
        assert!(rel(d.b_bar(), &b_bar) < 1e-15, "Δ = {delta}: {}", d.b_bar());
        assert_eq!(sys.stability().unwrap(), Stability::Marginal);
    }
}

#[test]
fn exp_of_a_nilpotent_matrix_is_its_finite_series() {
    // N strictly upper triangular 5×5: N⁵ = 0, so exp(N) = Σ_{k<5} N^k/k! exactly.
    let n = DMatrix::from_fn(5, 5, |i, j| if j > i { (i + 2 * j) as f64 - 3.5 } else { 0.0 });
    for scale in [1.0, 100.0, 1e4] {
        let m = &n * scale;
        let mut term = DMatrix::identity(5, 5);
        let mut series = term.clone();
        for k in 1..5 {
            term = term * &m / k as f64;
            series += &term;
        }
        let error = rel(&expm(&m).unwrap(), &series);
        assert!(error < 1e-15, "scale {scale}: error {error:e}");
    }
}

#[test]
fn exp_keeps_small_entries_of_badly_scaled_triangular_matrices() {
    // [[λ₁, t], [0, λ₂]] with a huge t: exp has e^{λ₁}, e^{λ₂} on the diagonal and
    // t (e^{λ₂} − e^{λ₁})/(λ₂ − λ₁) above it. Without the exact diagonal recomputation the
    // many squarings a huge t calls for would spoil the small diagonal entries.
    for (l1, l2, t) in [(-1.0, -2.0, 1e10), (0.5, 0.5, 1e8), (-30.0, 1.0, 1e12)] {
        let m = DMatrix::from_row_slice(2, 2, &[l1, t, 0.0, l2]);
        let e = expm(&m).unwrap();
        let f12 = if l1 == l2 { t * f64::exp(l1) } else { t * (l2.exp() - l1.exp()) / (l2 - l1) };
        for (got, want) in [(e[(0, 0)], l1.exp()), (e[(1, 1)], l2.exp()), (e[(0, 1)], f12)] {
            assert!((got - want).abs() <= 1e-14 * want.abs(), "{m}: got {got:e}, want {want:e}");
        }
    }
}

#[test]
fn exp_of_a_rotation_generator_is_a_rotation() {
    for theta in [0.1, 1.0, 10.0, 100.0] {
        let m = DMatrix::from_row_slice(2, 2, &[0.0, theta, -theta, 0.0]);
        let (s, c) = f64::sin_cos(theta);
        let want = DMatrix::from_row_slice(2, 2, &[c, s, -s, c]);
        let error = rel(&expm(&m).unwrap(), &want);
        // The exponential's condition number grows like θ here.
        assert!(error < 1e-15 * (10.0 + theta), "θ = {theta}: error {error:e}");
    }
}

#[test]
fn taylor_partial_sums_converge_to_the_exponential() {
    let m = DMatrix::from_row_slice(2, 2, &[-1.0, 2.0, -0.5, 0.3]);
    let sums = taylor_partial_sums(&m, 30).unwrap();
    assert_eq!(sums.len(), 31);
    assert_eq!(sums[0].sum, DMatrix::identity(2, 2));
    // The error falls with every term until it reaches the rounding of the sum itself.
    assert!(sums.windows(2).take(16).all(|w| w[1].relative_error < w[0].relative_error));
    assert!(sums[30].relative_error < 1e-15);
    // A large norm: exp(400 M) is tiny (Re λ = −140) while the terms reach 1e145 before they
    // shrink, so the sum is all cancellation and rounding; the series is not how to compute it.
    let large = taylor_partial_sums(&(&m * 400.0), 400).unwrap();
    assert!(large[400].relative_error > 1.0, "{:e}", large[400].relative_error);
    // Larger still, the terms overflow before they shrink, and the function says so.
    assert!(taylor_partial_sums(&(m * 1000.0), 1000).is_err());
}

#[test]
fn b_bar_as_an_integral_converges_quadratically() {
    let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -4.0, -0.4]);
    let sys = Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
    let estimates = b_bar_quadrature(&sys, step(0.5), &[1, 2, 4, 8, 16, 32]).unwrap();
    for pair in estimates.windows(2) {
        let ratio = pair[1].relative_error / pair[0].relative_error;
        assert!((0.2..0.3).contains(&ratio), "midpoint rule ratio {ratio}");
    }
    assert!(estimates[5].relative_error < 1e-3);
}

#[test]
fn euler_sub_steps_converge_to_the_exponential() {
    let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -4.0, -0.4]);
    let sys = Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.0).unwrap();
    let estimates = euler_substeps(&sys, step(1.0), &[1.0, 0.0], &[10, 100, 1000, 10000]).unwrap();
    for pair in estimates.windows(2) {
        let ratio = pair[1].relative_error / pair[0].relative_error;
        assert!((0.05..0.2).contains(&ratio), "first-order ratio {ratio}");
    }
    assert!(estimates[3].relative_error < 1e-3);
}

#[test]
fn held_response_is_exact_for_a_scalar_system() {
    // h' = a h + b x with x held at 1 from h(0) = 0: h(t) = b (e^{at} − 1)/a.
    let (a, b) = (-0.7, 2.0);
    let sys = Continuous::siso(DMatrix::from_element(1, 1, a), &[b], &[1.0], 0.0).unwrap();
    let x = DMatrix::from_element(1, 5, 1.0);
    let held = held_response(&sys, &x, step(0.4), 8).unwrap();
    assert_eq!(held.times.len(), 41);
    for (j, &t) in held.times.iter().enumerate() {
        let want = b * (a * t).exp_m1() / a;
        assert!((held.states[(0, j)] - want).abs() <= 1e-14, "t = {t}");
    }
}

#[test]
fn held_response_meets_the_zoh_recurrence_at_step_ends() {
    let a = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, -4.0, -0.4]);
    let sys = Continuous::siso(a, &[0.0, 1.0], &[1.0, 0.0], 0.25).unwrap();
    let x = DMatrix::from_row_slice(1, 6, &[1.0, -2.0, 0.5, 0.0, 3.0, 1.0]);
    let held = held_response(&sys, &x, step(0.3), 5).unwrap();
    let run = recurrence(&discretize(&sys, step(0.3), Method::Zoh).unwrap(), &x).unwrap();
    for k in 0..6 {
        let j = (k + 1) * 5;
        assert!((held.outputs[(0, j)] - run.outputs[(0, k)]).abs() < 1e-13, "step {k}");
    }
}

#[test]
fn legs_has_the_structure_s4_relies_on() {
    let n = 12;
    let h = ssm::Hippo::new(HippoKind::LegS, n).unwrap();
    // Lower triangular with eigenvalues −1, …, −N.
    let sys = h.with_output(&vec![1.0; n]).unwrap();
    let mut eig: Vec<f64> = sys.eigenvalues().unwrap().iter().map(|l| l.re).collect();
    eig.sort_by(f64::total_cmp);
    for (i, l) in eig.iter().enumerate() {
        assert!((l + (n - i) as f64).abs() < 1e-12, "{eig:?}");
    }
    // Normal plus low rank: A + P Pᵀ with P_n = √(n + ½) is −½ I plus a skew-symmetric matrix.
    let p = DVector::from_fn(n, |i, _| (i as f64 + 0.5).sqrt());
    let s = &h.a + &p * p.transpose() + DMatrix::identity(n, n) * 0.5;
    assert!((&s + s.transpose()).amax() < 1e-12);
}

#[test]
fn legs_memory_reconstructs_the_past_better_with_more_coefficients() {
    let len = 400;
    let signal: Vec<f64> = (1..=len)
        .map(|k| {
            let s = k as f64 / len as f64;
            (6.0 * s).sin() + 0.5 * (15.0 * s * s).cos()
        })
        .collect();
    let rms = |n: usize| {
        let memory = LegsMemory::from_signal(n, &signal).unwrap();
        let past = memory.reconstruct_history().unwrap();
        let sq: f64 = past.iter().zip(&signal).map(|(r, f)| (r - f).powi(2)).sum();
        (sq / len as f64).sqrt()
    };
    let errors: Vec<f64> = [2, 4, 8, 16, 32].into_iter().map(rms).collect();
    assert!(errors.windows(2).all(|w| w[1] < w[0]), "{errors:?}");
    assert!(errors[4] < 0.02, "{errors:?}");
}

#[test]
fn legs_memory_of_a_constant_converges_to_the_first_coefficient() {
    // f ≡ 3 has c = (3, 0, 0, …) as the fixed point of the LegS update; from c = 0 the memory
    // approaches it with an error that falls like 1/t.
    let error = |t: usize| {
        let memory = LegsMemory::from_signal(6, &vec![3.0; t]).unwrap();
        let c = memory.state();
        (c[0] - 3.0).abs().max(c.rows(1, 5).amax())
    };
    let (e100, e1000) = (error(100), error(1000));
    assert!(e1000 < 1e-2 && (0.05..0.2).contains(&(e1000 / e100)), "{e100:e} {e1000:e}");
    let memory = LegsMemory::from_signal(6, &[3.0; 1000]).unwrap();
    let past = memory.reconstruct_at(&[0.25, 0.5, 1.0]).unwrap();
    assert!(past.iter().all(|v| (v - 3.0).abs() < 0.02), "{past:?}");
}

#[test]
fn physical_systems_have_the_textbook_modes() {
    // m x'' + c x' + k x = F: λ = −c/2m ± i √(k/m − (c/2m)²).
    let (m, k, c) = (2.0, 8.0, 0.8);
    let sys = explain::continuous::mass_spring_damper(m, k, c).unwrap();
    let (re, im) = (-c / (2.0 * m), (k / m - (c / (2.0 * m)).powi(2)).sqrt());
    for l in sys.eigenvalues().unwrap() {
        assert!((l.re - re).abs() < 1e-12 && (l.im.abs() - im).abs() < 1e-12, "{l}");
    }
    assert_eq!(sys.stability().unwrap(), Stability::Stable);
    assert_eq!(
        explain::continuous::mass_spring_damper(m, k, 0.0).unwrap().stability().unwrap(),
        Stability::Marginal
    );
    // The series RLC circuit is the same equation with L ↔ m, R ↔ c, 1/C ↔ k.
    let rlc = explain::continuous::rlc_series(0.8, 2.0, 1.0 / 8.0).unwrap();
    assert_eq!(rlc.a(), sys.a());
    assert_eq!(rlc.b(), sys.b());
    for bad in [(0.0, 1.0, 1.0), (-1.0, 1.0, 1.0), (1.0, 1.0, -0.1), (1.0, f64::NAN, 0.0)] {
        assert!(explain::continuous::mass_spring_damper(bad.0, bad.1, bad.2).is_err(), "{bad:?}");
    }
    assert!(explain::continuous::rlc_series(-1.0, 1.0, 1.0).is_err());
    assert!(explain::continuous::rlc_series(1.0, 0.0, 1.0).is_err());
}

#[test]
fn euler_with_a_large_step_turns_a_stable_system_unstable() {
    // λ = −1, Δ = 3: Euler's 1 + Δλ = −2 grows; ZOH's e^{−3} and bilinear's −1/5 do not.
    let sys = Continuous::siso(DMatrix::from_element(1, 1, -1.0), &[1.0], &[1.0], 0.0).unwrap();
    let verdict = |m: Method| discretize(&sys, step(3.0), m).unwrap().stability().unwrap();
    assert_eq!(verdict(Method::Euler), Stability::Unstable);
    assert_eq!(verdict(Method::Zoh), Stability::Stable);
    assert_eq!(verdict(Method::Bilinear), Stability::Stable);
}

#[test]
fn fft_beats_the_direct_convolution_only_for_long_sequences() {
    let cheaper = |len: usize| {
        ssm::lti::fft_convolution_cost(len).multiplies
            < ssm::lti::direct_convolution_cost(len).multiplies
    };
    assert!(!cheaper(8));
    assert!(cheaper(4096));
    let crossover = (1..5000).find(|&l| cheaper(l)).unwrap();
    assert!((16..512).contains(&crossover), "crossover at L = {crossover}");
    // The recurrence is L sequential steps; a direct convolution has every output independent.
    assert_eq!(ssm::lti::recurrence_cost(4, 1, 1, 100).sequential_steps, 100);
    assert_eq!(ssm::lti::direct_convolution_cost(100).sequential_steps, 1 + 7);
}

#[test]
fn constructors_refuse_bad_shapes_and_values() {
    let a = DMatrix::from_element(2, 2, -1.0);
    let col = DMatrix::from_element(2, 1, 1.0);
    let row = DMatrix::from_element(1, 2, 1.0);
    let d = DMatrix::from_element(1, 1, 0.0);
    assert!(Continuous::new(a.clone(), col.clone(), row.clone(), d.clone()).is_ok());
    assert!(Continuous::new(DMatrix::zeros(2, 3), col.clone(), row.clone(), d.clone()).is_err());
    assert!(Continuous::new(a.clone(), row.clone(), row.clone(), d.clone()).is_err());
    assert!(Continuous::new(a.clone(), col.clone(), col.clone(), d.clone()).is_err());
    assert!(Continuous::new(a.clone(), col.clone(), row.clone(), DMatrix::zeros(2, 2)).is_err());
    let mut nan = a.clone();
    nan[(1, 1)] = f64::NAN;
    assert!(matches!(
        Continuous::new(nan, col, row, d),
        Err(ssm::SsmError::NonFinite(m)) if m.contains("A[1][1]")
    ));
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(Step::new(bad).is_err(), "Δ = {bad}");
    }
    assert!("trapezoid".parse::<Method>().is_err());
    assert!(ssm::Hippo::new(HippoKind::LegS, ssm::MAX_STATE + 1).is_err());
}

#[test]
fn a_mimo_response_is_the_sum_of_its_single_input_responses() {
    // Linearity: with two inputs, the response to (u, v) is the response to (u, 0) plus the
    // response to (0, v), state by state and output by output.
    let a = DMatrix::from_row_slice(3, 3, &[-1.0, 0.4, 0.0, -0.3, -0.5, 0.2, 0.1, 0.0, -2.0]);
    let b = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.5, -1.0, 0.0, 2.0]);
    let c = DMatrix::from_row_slice(2, 3, &[1.0, 0.0, -1.0, 0.3, 0.3, 0.3]);
    let d = DMatrix::from_row_slice(2, 2, &[0.1, 0.0, 0.0, -0.2]);
    let sys = Continuous::new(a, b, c, d).unwrap();
    let disc = discretize(&sys, step(0.2), Method::Zoh).unwrap();
    let x = DMatrix::from_fn(2, 30, |i, k| ((k * (i + 2)) as f64 * 0.37).sin());
    let only = |row: usize| {
        let mut part = DMatrix::zeros(2, 30);
        part.set_row(row, &x.row(row));
        recurrence(&disc, &part).unwrap()
    };
    let (whole, first, second) = (recurrence(&disc, &x).unwrap(), only(0), only(1));
    assert!(rel(&whole.states, &(&first.states + &second.states)) < 1e-14);
    assert!(rel(&whole.outputs, &(&first.outputs + &second.outputs)) < 1e-14);
    assert_eq!((whole.outputs.nrows(), whole.states.nrows()), (2, 3));
    // Kernels and convolutions are SISO only, and say so.
    assert!(matches!(ssm::kernel(&disc, 4), Err(ssm::SsmError::Shape(_))));
}
