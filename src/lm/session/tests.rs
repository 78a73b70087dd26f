//! The worker protocol: messages round-trip through JSON, bad messages answer an error and keep
//! the model, a small model trains and reports what the page draws, and the shipped checkpoints
//! load and give the held-out accuracy recorded when they were made.

use super::*;
use crate::lm::params::{LayerKind, LmConfig};
use crate::lm::shipped::{SHIPPED_STEPS, default_settings, shipped};
use crate::lm::tasks::{Task, TaskKind};
use crate::lm::train::StepReport;

fn tiny(kind: LayerKind) -> Settings {
    let task = Task { kind: TaskKind::SelectiveCopying, context: 8, memorize: 2, colors: 4 };
    let config = LmConfig {
        vocab: task.vocab(),
        d_model: 4,
        layers: 1,
        d_inner: 8,
        d_state: 4,
        d_conv: 4,
        dt_rank: 1,
        kind,
        gate: true,
        tied: true,
    };
    Settings { task, config, batch: 4, lr: 1e-2, seed: 3 }
}

fn weights(s: &mut Session) -> Vec<u8> {
    match s.handle(Request::Export) {
        Reply::Weights { bytes } => bytes,
        other => panic!("expected weights, got {other:?}"),
    }
}

#[test]
fn every_message_round_trips_through_json() {
    let requests = [
        Request::Init { settings: tiny(LayerKind::S4), shipped: true },
        Request::Step { n: 5 },
        Request::Checkpoint,
        Request::Export,
        Request::Load { bytes: vec![1, 2, 255] },
    ];
    for r in requests {
        assert_eq!(Request::parse(&r.to_text()), Ok(r));
    }
    let snapshot = Snapshot {
        step: 3,
        held_out: StepReport { loss: 1.5, accuracy: 0.25 },
        example: Example { tokens: vec![1, 2], targets: vec![-100, 2], predicted: vec![0, 2] },
        delta: vec![0.5, 0.25],
        neg_a: vec![1.0],
    };
    let replies = [
        Reply::Started,
        Reply::Ready { step: 0, params: 10, shipped: false },
        Reply::Progress { step: 2, losses: vec![2.0, 1.75], accuracy: 0.5 },
        Reply::Snapshot(snapshot),
        Reply::Weights { bytes: vec![0, 7] },
        Reply::Error { message: "no".into() },
    ];
    for r in replies {
        assert_eq!(Reply::parse(&r.to_text()), r);
    }
}

#[test]
fn bad_messages_answer_an_error_and_keep_the_model() {
    let mut s = Session::new(shipped);
    let error = |text: &str| Reply::parse(text);
    for bad in ["", "{", "{\"type\":\"fly\"}", "{\"type\":\"step\",\"n\":-1}", "[1,2]"] {
        assert!(matches!(error(&Session::new(shipped).handle_text(bad)), Reply::Error { .. }));
    }
    assert!(matches!(s.handle(Request::Step { n: 1 }), Reply::Error { .. }), "no model yet");
    assert!(matches!(s.handle(Request::Checkpoint), Reply::Error { .. }));
    let mut bad = tiny(LayerKind::S6);
    bad.config.d_model = 0;
    assert!(matches!(
        s.handle(Request::Init { settings: bad, shipped: false }),
        Reply::Error { .. }
    ));

    let ready = s.handle(Request::Init { settings: tiny(LayerKind::S6), shipped: true });
    assert!(matches!(ready, Reply::Ready { step: 0, shipped: false, .. }), "{ready:?}");
    assert!(matches!(s.handle(Request::Step { n: 0 }), Reply::Error { .. }));
    let before = weights(&mut s);
    let other = {
        let mut o = Session::new(shipped);
        o.handle(Request::Init { settings: tiny(LayerKind::S4), shipped: false });
        weights(&mut o)
    };
    for bytes in [vec![], b"not a checkpoint".to_vec(), before[..before.len() / 2].to_vec(), other]
    {
        match s.handle(Request::Load { bytes }) {
            Reply::Error { message } => assert!(!message.is_empty()),
            r => panic!("a bad file was accepted: {r:?}"),
        }
        assert_eq!(weights(&mut s), before, "the model is kept");
    }
    assert!(matches!(s.handle(Request::Load { bytes: before.clone() }), Reply::Ready { .. }));
}

#[test]
fn a_small_model_trains_and_reports_what_the_page_draws() {
    let mut s = Session::new(shipped);
    let settings = tiny(LayerKind::S6);
    s.handle(Request::Init { settings, shipped: false });
    let Reply::Progress { step, losses, .. } = s.handle(Request::Step { n: 40 }) else {
        panic!("no progress")
    };
    assert_eq!((step, losses.len()), (40, 40));
    let head: f64 = losses[..5].iter().sum();
    let tail: f64 = losses[35..].iter().sum();
    assert!(tail < head, "the loss falls: {head} → {tail}");
    let Reply::Snapshot(snap) = s.handle(Request::Checkpoint) else { panic!("no snapshot") };
    let (len, e, n) = (settings.task.seq_len(), settings.config.d_inner, settings.config.d_state);
    assert_eq!(snap.step, 40);
    assert_eq!(snap.example.predicted.len(), len);
    assert_eq!(snap.delta.len(), len * e);
    assert_eq!(snap.neg_a.len(), e * n);
    assert!(snap.delta.iter().chain(&snap.neg_a).all(|v| v.is_finite() && *v > 0.0));
    assert!((0.0..=1.0).contains(&snap.held_out.accuracy));
}

#[test]
fn the_s4_twins_delta_does_not_depend_on_the_token() {
    let mut s = Session::new(shipped);
    let settings = tiny(LayerKind::S4);
    s.handle(Request::Init { settings, shipped: false });
    s.handle(Request::Step { n: 3 });
    let Reply::Snapshot(snap) = s.handle(Request::Checkpoint) else { panic!("no snapshot") };
    let e = settings.config.d_inner;
    assert!(snap.delta.chunks_exact(e).all(|row| row == &snap.delta[..e]));
}

/// The held-out accuracy `tools/train-checkpoints.sh` recorded for each shipped checkpoint.
fn recorded(kind: LayerKind) -> f64 {
    let text = match kind {
        LayerKind::S6 => include_str!("../../../static/checkpoints/s6.result.json"),
        LayerKind::S4 => include_str!("../../../static/checkpoints/s4.result.json"),
    };
    let v: serde_json::Value = serde_json::from_str(text).expect("the recorded result is JSON");
    v["accuracy"].as_f64().expect("it records the accuracy")
}

#[test]
fn the_shipped_checkpoints_load_and_give_the_recorded_accuracy() {
    for kind in [LayerKind::S6, LayerKind::S4] {
        let mut s = Session::new(shipped);
        let ready = s.handle(Request::Init { settings: default_settings(kind), shipped: true });
        assert!(matches!(ready, Reply::Ready { shipped: true, step: 1000, .. }), "{ready:?}");
        let Reply::Snapshot(snap) = s.handle(Request::Checkpoint) else { panic!("no snapshot") };
        let want = recorded(kind);
        // The stored history ends at the same held-out measurement.
        let history = crate::lm::shipped::history(kind).expect("the shipped run's history");
        assert_eq!(history.held_out.last(), Some(&(SHIPPED_STEPS as f64, want)));
        assert_eq!(history.loss.len(), SHIPPED_STEPS);
        assert!(history.loss.iter().all(|&(_, l)| l.is_finite() && l > 0.0));
        assert!(
            (snap.held_out.accuracy - want).abs() < 1e-9,
            "{kind:?}: {} vs {want}",
            snap.held_out.accuracy
        );
    }
}

#[test]
fn the_native_step_times_the_page_compares_with_are_recorded() {
    let [s4, s6] =
        crate::lm::shipped::native_step_seconds().expect("static/checkpoints/bench.json");
    assert!(s4 > 0.0 && s6 > 0.0 && s4 < 60.0 && s6 < 60.0, "{s4} {s6}");
}
