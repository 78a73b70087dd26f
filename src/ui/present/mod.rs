//! Classroom mode: presenter mode shows a lesson's tour scene by scene (`?present=1&scene=N`),
//! the speaker view (`?present=speaker`) drives it from a second window, decks (`#/deck`) hold
//! a teacher's own sequence of views.
//!
//! | file        | contents |
//! |-------------|----------|
//! | `stage`     | the context that tells figures and controls whether the scene shows them |
//! | `nav`       | the mode and scene in the address's search (`?present=…&scene=N`), going to a stop |
//! | `channel`   | the `BroadcastChannel` between the speaker view and the audience window |
//! | `presenter` | the audience window's bar: caption, counter, progress, buttons, keys |
//! | `session`   | `use_session`: mode, stop and stage for the shell; stepping, leaving, keys |
//! | `speaker`   | the speaker view: current and next scene, notes, clock |
//! | `deck`      | the deck page and "Add to deck" |

mod channel;
mod deck;
mod nav;
mod presenter;
mod session;
mod speaker;
mod stage;

pub(crate) use deck::{AddToDeck, DeckPage};
pub(crate) use nav::Mode;
pub(crate) use session::use_session;
pub(crate) use speaker::SpeakerView;
pub(crate) use stage::{StageContext, use_control_stage, use_figure_stage, use_stage};
