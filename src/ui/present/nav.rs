//! Presenter mode lives in the address's search, before the hash: `?present=1&scene=N` (N
//! from 1) for the audience, `?present=speaker&scene=N` for the speaker view. The hash keeps
//! the lesson's route and state as everywhere else, so a reload restores mode, scene and
//! state, and the lesson's own state writes never touch the scene.

use crate::course::tour::Stop;
use crate::ui::dom;

/// How the window shows the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The normal page.
    Off,
    /// Presenter mode: the scene on the stage.
    Audience,
    /// The speaker view.
    Speaker,
    /// Presenting the stored deck: `?present=deck&scene=N`.
    Deck,
}

impl Mode {
    /// The mode named in the address.
    pub(crate) fn from_address() -> Mode {
        match dom::search_param("present").as_deref() {
            Some("1") => Mode::Audience,
            Some("speaker") => Mode::Speaker,
            Some("deck") => Mode::Deck,
            _ => Mode::Off,
        }
    }

    fn param(self) -> Option<&'static str> {
        match self {
            Mode::Off => None,
            Mode::Audience => Some("1"),
            Mode::Speaker => Some("speaker"),
            Mode::Deck => Some("deck"),
        }
    }
}

/// The scene index (from 0) named by `scene=N` in the address.
pub(crate) fn scene_param() -> usize {
    dom::search_param("scene").and_then(|n| n.parse::<usize>().ok()).unwrap_or(1).max(1) - 1
}

/// Rewrites the search for `mode` and `scene`, keeping the hash.
pub(crate) fn set_search(mode: Mode, scene: usize) {
    let location = dom::window().location();
    let path = location.pathname().unwrap_or_default();
    let scene = (scene + 1).to_string();
    let search = match mode.param() {
        Some(value) => dom::search_with(&[("present", Some(value)), ("scene", Some(&scene))]),
        None => dom::search_with(&[("present", None), ("scene", None)]),
    };
    dom::replace_url(&format!("{path}{search}{}", dom::hash()));
}

/// Shows `stop` in `mode`: the scene in the search, its state in the hash (a `hashchange`
/// tells the lesson; a history entry is added so Back returns to the previous scene).
pub(crate) fn go(mode: Mode, stop: Stop) {
    set_search(mode, stop.scene);
    let href = stop.href();
    if dom::hash() != href {
        dom::navigate(&href);
    }
}

/// Leaves presenter mode, keeping the lesson and its state.
pub(crate) fn leave() {
    set_search(Mode::Off, 0);
}
