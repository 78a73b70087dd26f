//! `use_player`: play / pause / step / back / reset for an animation whose position is part of
//! the lesson's state (a time t, a step k), with the keys Space, → and ←. With
//! `prefers-reduced-motion`, Play steps instead of animating.

use super::use_interval;
use crate::ui::dom;
use yew::prelude::*;

/// Where an animation runs and how it moves.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) struct Track {
    /// Reset goes to `start`; playing stops at `end`; no move leaves [start, end].
    pub(crate) start: f64,
    pub(crate) end: f64,
    /// How far one frame moves while playing, and the milliseconds between frames.
    pub(crate) tick: f64,
    pub(crate) period_ms: u32,
    /// How far Step and Back move.
    pub(crate) step: f64,
}

impl Track {
    /// Whole steps `first..=last`, one per frame (and per Step) every `period_ms`.
    pub(crate) fn steps(first: usize, last: usize, period_ms: u32) -> Track {
        Track { start: first as f64, end: last as f64, tick: 1.0, period_ms, step: 1.0 }
    }
}

/// The playback of an animation: whether it plays and the callbacks that move it.
#[derive(Clone, PartialEq)]
pub(crate) struct Player {
    pub(crate) playing: bool,
    pub(crate) toggle: Callback<()>,
    pub(crate) forward: Callback<()>,
    pub(crate) back: Callback<()>,
    pub(crate) reset: Callback<()>,
    /// Space plays or pauses, → steps forward, ← back (for the buttons or a focusable figure).
    pub(crate) on_key: Callback<KeyboardEvent>,
}

/// Plays the position `at` along `track`, calling `seek` with each new position (always inside
/// the track): forward every frame until the end (Play at the end starts again from the
/// start), by one step on Step and Back, to the start on Reset.
#[hook]
pub(crate) fn use_player(at: f64, track: Track, seek: Callback<f64>) -> Player {
    let playing = use_state(|| false);
    let at_end = at >= track.end - 1e-9;
    let go = move |to: f64| {
        let seek = seek.clone();
        Callback::from(move |_: ()| seek.emit(to.clamp(track.start, track.end)))
    };
    use_interval((*playing && !at_end).then_some(track.period_ms), go(at + track.tick));
    if *playing && at_end {
        playing.set(false);
    }
    // With `prefers-reduced-motion`, Play takes one step (from the start again at the end)
    // instead of animating.
    let still = *use_memo((), |_| dom::reduced_motion());
    let toggle = {
        let (playing, restart, step) = (playing.clone(), go(track.start), go(at + track.step));
        Callback::from(move |_| {
            if still {
                return if at_end { restart.emit(()) } else { step.emit(()) };
            }
            if !*playing && at_end {
                restart.emit(());
            }
            playing.set(!*playing);
        })
    };
    let (forward, back) = (go(at + track.step), go(at - track.step));
    let reset = {
        let (playing, restart) = (playing.clone(), go(track.start));
        Callback::from(move |_| {
            playing.set(false);
            restart.emit(());
        })
    };
    let on_key = {
        let (toggle, forward, back) = (toggle.clone(), forward.clone(), back.clone());
        Callback::from(move |e: KeyboardEvent| {
            let action = match e.key().as_str() {
                " " => &toggle,
                "ArrowRight" => &forward,
                "ArrowLeft" => &back,
                _ => return,
            };
            e.prevent_default();
            action.emit(());
        })
    };
    Player { playing: *playing, toggle, forward, back, reset, on_key }
}
