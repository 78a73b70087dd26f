//! Tests of the comparison lesson: settings in the address, checkpoints, the scheduled measurement.

use super::*;
use std::cell::Cell;

#[test]
fn settings_round_trip_and_snap_to_the_choices() {
    let s = CompareLesson { d_model: 64, l_max: 256, repeats: 11, log_y: true };
    assert_eq!(CompareLesson::from_query(&s.to_query()), s);
    let q = Query::from_hash("#/compare?d=20&lmax=3000&r=abc&log=2");
    let s = CompareLesson::from_query(&q);
    assert_eq!((s.d_model, s.l_max, s.repeats, s.log_y), (16, 2048, 7, false));
}

#[test]
fn checkpoints_double_with_midpoints() {
    assert_eq!(checkpoints(64), vec![8, 12, 16, 24, 32, 48, 64]);
    assert_eq!(*checkpoints(4096).last().unwrap(), 4096);
    assert!(checkpoints(4).is_empty());
}

#[test]
fn summaries_take_the_median_of_finite_samples() {
    let s = Summary::of(&[3.0, 1.0, f64::NAN, 2.0, 10.0]).unwrap();
    assert_eq!((s.median, s.min, s.max), (2.5, 1.0, 10.0));
    assert_eq!(Summary::of(&[5.0, 1.0, 4.0]).unwrap().median, 4.0);
    assert!(Summary::of(&[f64::NAN]).is_none());
}

/// A clock that advances by `tick` ms every time it is read.
fn ticking(tick: f64) -> impl FnMut() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + tick);
        t.get()
    }
}

#[test]
fn a_measurement_visits_every_checkpoint_and_records_sizes() {
    let settings = CompareLesson { d_model: 8, l_max: 64, repeats: 3, log_y: false };
    let mut bench = Bench::new(&settings, 1, 1.0).unwrap();
    let reads = Cell::new(0);
    let mut tick = ticking(2.0);
    let mut clock = || {
        reads.set(reads.get() + 1);
        tick()
    };
    let mut rounds = 0;
    loop {
        let before = reads.get();
        let finished = bench.work(&mut clock, 5.0).unwrap().finished;
        // Each call returns after a few slices of work: 2 ms per read, a 5 ms budget, slices
        // of 8 ms and timed batches that are never split.
        assert!(reads.get() - before <= 20, "{} reads in one call", reads.get() - before);
        // Repeats come in rounds over every context: no point gets its second sample before
        // every point has its first.
        let samples: Vec<usize> = bench.points().iter().map(|p| p.per_token_ms.len()).collect();
        if samples.iter().any(|&n| n >= 2) {
            assert_eq!(samples.len(), checkpoints(64).len() * 3);
            assert!(samples.iter().all(|&n| n >= 1), "{samples:?}");
        }
        if finished {
            break;
        }
        rounds += 1;
        assert!(bench.progress().done < 1.0);
    }
    assert!(rounds > 3, "the work came in several slices ({rounds})");
    let contexts = checkpoints(64);
    assert_eq!(bench.points().len(), contexts.len() * 3);
    for p in bench.points() {
        assert_eq!(p.per_token_ms.len(), 3);
        let want = match p.arch {
            // Keys and values of d_head = 8 per token.
            Arch::Attention => 2 * p.context * 8 * 8,
            // d_inner 16 × (d_conv − 1 + N) = 16 × 19.
            Arch::Mamba => 16 * 19 * 8,
            Arch::Rnn => 16 * 8,
        };
        assert_eq!(p.bytes, want, "{p:?}");
        // With this clock any batch lasts 2 ms: one token already meets the 1 ms target.
        assert_eq!(p.batch, 1);
        assert_eq!(p.per_token_ms, vec![2.0; 3]);
    }
    assert_eq!(bench.parameters(Arch::Attention), 4 * 64);
}

#[test]
fn batches_double_until_they_last_the_target() {
    let mut asked = Vec::new();
    let (k, elapsed) = grow_batch(
        |k| {
            asked.push(k);
            Ok(0.3 * k as f64)
        },
        1,
        1.0,
    )
    .unwrap();
    assert_eq!((k, asked), (4, vec![1, 2, 4]));
    assert!((elapsed - 1.2).abs() < 1e-12);
    assert_eq!(grow_batch(|_| Ok(0.0), 1, 1.0).unwrap(), (MAX_BATCH, 0.0));
    // A repeat starts from the calibrated batch: one that a busy machine made too small
    // (its timing rounds to 0 on a coarse clock) doubles until the timing is resolved.
    let coarse = |k: usize| Ok(if k < 64 { 0.0 } else { 0.1 * (k / 64) as f64 });
    assert_eq!(grow_batch(coarse, 8, 0.05).unwrap(), (64, 0.1));
}

#[test]
fn the_timer_resolution_is_its_smallest_step() {
    let t = Cell::new(0u64);
    let mut coarse = move || {
        t.set(t.get() + 1);
        (t.get() / 7) as f64 * 0.1
    };
    assert!((timer_resolution(&mut coarse) - 0.1).abs() < 1e-12);
}
