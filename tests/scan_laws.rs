//! The scan algebra: monoid laws, agreement of the three algorithms on random inputs of any
//! length (including the non-commutative SSM pair), and the invariants of the recorded traces.

use mamba_explainer::ssm::scan::{Phase, ScanStep, cost};
use mamba_explainer::ssm::{
    Monoid, ScanAlgorithm, SsmPair, Sum, inclusive_scan, scan_blelloch, scan_hillis_steele,
    scan_sequential, trace_blelloch, trace_hillis_steele,
};
use proptest::prelude::*;

/// |x − y| ≤ 1e-9·(1 + |x| + |y|) for every component.
fn close_pairs(xs: &[SsmPair], ys: &[SsmPair]) -> bool {
    let near = |x: f64, y: f64| (x - y).abs() <= 1e-9 * (1.0 + x.abs() + y.abs());
    xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| near(x.a, y.a) && near(x.b, y.b))
}

fn pair() -> impl Strategy<Value = SsmPair> {
    (-1.5..1.5f64, -2.0..2.0f64).prop_map(|(a, b)| SsmPair { a, b })
}

/// The SSM pair with its operands swapped: what a buggy scan that writes `rhs ∘ lhs` computes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Swapped(SsmPair);

impl Monoid for Swapped {
    fn identity() -> Self {
        Swapped(SsmPair::identity())
    }
    fn combine(&self, rhs: &Self) -> Self {
        Swapped(rhs.0.combine(&self.0))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn ssm_pair_is_a_monoid(x in pair(), y in pair(), z in pair()) {
        let left = x.combine(&y).combine(&z);
        let right = x.combine(&y.combine(&z));
        prop_assert!(close_pairs(&[left], &[right]));
        prop_assert_eq!(SsmPair::identity().combine(&x), x);
        prop_assert_eq!(x.combine(&SsmPair::identity()), x);
    }

    #[test]
    fn sums_of_integers_are_associative_exactly(x in -1000i32..1000, y in -1000i32..1000, z in -1000i32..1000) {
        let (x, y, z) = (Sum(x.into()), Sum(y.into()), Sum(z.into()));
        prop_assert_eq!(x.combine(&y).combine(&z), x.combine(&y.combine(&z)));
        prop_assert_eq!(Sum::identity().combine(&x), x);
    }

    #[test]
    fn all_algorithms_agree_on_ssm_pairs(xs in prop::collection::vec(pair(), 1..150)) {
        let sequential = scan_sequential(&xs);
        prop_assert!(close_pairs(&scan_hillis_steele(&xs), &sequential));
        prop_assert!(close_pairs(&inclusive_scan(&xs, ScanAlgorithm::Blelloch), &sequential));
        // Exclusive = inclusive shifted right by one, starting from the identity.
        let exclusive = scan_blelloch(&xs);
        prop_assert_eq!(exclusive[0], SsmPair::identity());
        prop_assert!(close_pairs(&exclusive[1..], &sequential[..xs.len() - 1]));
        // h_t of h ← a·h + b from h₋₁ = 0 is the second component.
        let mut h = 0.0;
        for (x, s) in xs.iter().zip(&sequential) {
            h = x.a * h + x.b;
            prop_assert!((s.b - h).abs() <= 1e-9 * (1.0 + h.abs()));
        }
    }

    #[test]
    fn all_algorithms_agree_on_integer_sums(xs in prop::collection::vec(-50i32..50, 1..150)) {
        let xs: Vec<Sum> = xs.into_iter().map(|x| Sum(x.into())).collect();
        let sequential = scan_sequential(&xs);
        prop_assert_eq!(&scan_hillis_steele(&xs), &sequential);
        prop_assert_eq!(&inclusive_scan(&xs, ScanAlgorithm::Blelloch), &sequential);
    }

    #[test]
    fn swapping_operands_goes_unnoticed_on_sums_only(xs in prop::collection::vec(pair(), 2..40)) {
        // On sums a swapped combine gives the same scan...
        let sums: Vec<Sum> = xs.iter().map(|p| Sum(p.b)).collect();
        let swapped_sums: Vec<f64> = {
            #[derive(Clone)]
            struct SwappedSum(Sum);
            impl Monoid for SwappedSum {
                fn identity() -> Self { SwappedSum(Sum::identity()) }
                fn combine(&self, rhs: &Self) -> Self { SwappedSum(rhs.0.combine(&self.0)) }
            }
            let wrapped: Vec<SwappedSum> = sums.iter().map(|&s| SwappedSum(s)).collect();
            scan_sequential(&wrapped).into_iter().map(|s| s.0.0).collect()
        };
        let plain: Vec<f64> = scan_sequential(&sums).into_iter().map(|s| s.0).collect();
        for (x, y) in swapped_sums.iter().zip(&plain) {
            prop_assert!((x - y).abs() <= 1e-12 * (1.0 + x.abs()));
        }
        // ...but not on SSM pairs, unless the pairs happen to commute.
        let wrapped: Vec<Swapped> = xs.iter().map(|&p| Swapped(p)).collect();
        let swapped: Vec<SsmPair> = scan_sequential(&wrapped).into_iter().map(|s| s.0).collect();
        let commute = xs.windows(2).all(|w| close_pairs(&[w[0].combine(&w[1])], &[w[1].combine(&w[0])]));
        prop_assert!(commute || !close_pairs(&swapped, &scan_sequential(&xs)));
    }
}

/// Replays one recorded step from the array before it, by the rule in the `scan` module doc.
fn replay<T: Monoid>(before: &[T], step: &ScanStep<T>) -> Vec<T> {
    let mut after = before.to_vec();
    match step.phase {
        Phase::Sweep | Phase::UpSweep => {
            for &(l, r) in &step.pairs {
                after[r] = before[l].combine(&before[r]);
            }
        }
        Phase::Clear => *after.last_mut().unwrap() = T::identity(),
        Phase::DownSweep => {
            for &(l, r) in &step.pairs {
                after[l] = before[r].clone();
                after[r] = before[r].combine(&before[l]);
            }
        }
    }
    after
}

fn pairs_of(len: usize, seed: u64) -> Vec<SsmPair> {
    let mut rng = mamba_explainer::ssm::Rng::new(seed);
    (0..len).map(|_| SsmPair { a: rng.uniform_in(-1.2, 1.2), b: rng.normal() }).collect()
}

#[test]
fn blelloch_traces_have_2_log_p_plus_1_steps_and_p_minus_1_combines_per_sweep() {
    for n in 1..=70 {
        let xs = pairs_of(n, n as u64);
        let trace = trace_blelloch(&xs).unwrap();
        let p = n.next_power_of_two();
        let m = p.trailing_zeros() as usize;
        assert_eq!(trace.padded_len, p);
        assert_eq!(trace.steps.len(), 2 * m + 1, "n = {n}");
        let phases: Vec<Phase> = trace.steps.iter().map(|s| s.phase).collect();
        let expected: Vec<Phase> = std::iter::repeat_n(Phase::UpSweep, m)
            .chain([Phase::Clear])
            .chain(std::iter::repeat_n(Phase::DownSweep, m))
            .collect();
        assert_eq!(phases, expected);
        let levels: Vec<usize> = trace.steps.iter().map(|s| s.level).collect();
        let expected: Vec<usize> = (0..m).chain([m]).chain((0..m).rev()).collect();
        assert_eq!(levels, expected);
        let work = |phase| -> usize {
            trace.steps.iter().filter(|s| s.phase == phase).map(|s| s.pairs.len()).sum()
        };
        assert_eq!(work(Phase::UpSweep), p - 1);
        assert_eq!(work(Phase::DownSweep), p - 1);
        assert_eq!(trace.cost, cost(ScanAlgorithm::Blelloch, n));
        assert_eq!(trace.cost.depth, 2 * m);
        // Every step is what the documented rule makes of the array before it.
        let mut array = xs.clone();
        array.resize(p, SsmPair::identity());
        for step in &trace.steps {
            assert_eq!(step.array.len(), p);
            array = replay(&array, step);
            assert_eq!(array, step.array, "n = {n}, {:?} level {}", step.phase, step.level);
        }
        assert_eq!(&array[..n], &trace.result[..]);
        assert_eq!(trace.result, scan_blelloch(&xs));
    }
}

#[test]
fn hillis_steele_traces_have_ceil_log_n_steps() {
    for n in 1..=70usize {
        let xs = pairs_of(n, 100 + n as u64);
        let trace = trace_hillis_steele(&xs).unwrap();
        let depth = n.next_power_of_two().trailing_zeros() as usize;
        assert_eq!(trace.steps.len(), depth);
        assert_eq!(trace.padded_len, n);
        for (k, step) in trace.steps.iter().enumerate() {
            assert_eq!((step.phase, step.level), (Phase::Sweep, k));
            assert_eq!(step.pairs.len(), n - (1 << k));
            assert!(step.pairs.iter().all(|&(l, r)| r - l == 1 << k));
        }
        assert_eq!(trace.cost, cost(ScanAlgorithm::HillisSteele, n));
        let mut array = xs.clone();
        for step in &trace.steps {
            array = replay(&array, step);
            assert_eq!(array, step.array);
        }
        assert_eq!(array, trace.result);
        assert!(close_pairs(&trace.result, &scan_sequential(&xs)));
    }
}

#[test]
fn costs_follow_the_formulas() {
    assert_eq!(cost(ScanAlgorithm::Sequential, 8).work, 7);
    let b = cost(ScanAlgorithm::Blelloch, 5);
    assert_eq!((b.work, b.depth), (14, 6));
    let h = cost(ScanAlgorithm::HillisSteele, 8);
    assert_eq!((h.work, h.depth), (7 + 6 + 4, 3));
    // Work-efficient: Blelloch's work grows like 2n, Hillis–Steele's like n·log n.
    let n = 1 << 12;
    assert!(cost(ScanAlgorithm::Blelloch, n).work < 2 * n);
    assert!(cost(ScanAlgorithm::HillisSteele, n).work > 10 * n);
}

#[test]
fn traces_serialize_for_the_lesson() {
    let trace = trace_blelloch(&pairs_of(3, 1)).unwrap();
    let json = serde_json::to_value(&trace).unwrap();
    assert_eq!(json["algorithm"], "blelloch");
    assert_eq!(json["steps"][2]["phase"], "clear");
    assert_eq!(json["steps"][0]["phase"], "up_sweep");
    assert_eq!(json["steps"][0]["pairs"][0], serde_json::json!([0, 1]));
    assert_eq!(json["steps"][2]["array"][3], serde_json::json!([1.0, 0.0]));
    assert!(
        trace_blelloch(&vec![Sum(1.0); mamba_explainer::ssm::scan::MAX_TRACE_LEN + 1]).is_err()
    );
}
