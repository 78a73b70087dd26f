//! The stage: what presenter mode shows of a lesson page. The app provides it as a context while
//! a scene is presented; the figure, control and equation components read it and mark their
//! element `data-stage="on"` or `"off"`, and static/present.css hides everything else, so the
//! lessons themselves know nothing of presenter mode.

use crate::course::tour::Scene;
use yew::prelude::*;

/// The scene on the stage, if presenter mode shows one (`None` on a normal page).
#[derive(Clone, Copy, PartialEq, Default)]
pub(crate) struct StageContext(pub(crate) Option<&'static Scene>);

/// The `data-stage` value of a figure or control with this id: `None` off stage.
fn mark(on: bool) -> AttrValue {
    AttrValue::Static(if on { "on" } else { "off" })
}

/// The `data-stage` attribute of the figure `id` (absent when nothing is presented).
#[hook]
pub(crate) fn use_figure_stage(id: Option<&str>) -> Option<AttrValue> {
    let stage = use_context::<StageContext>().unwrap_or_default().0?;
    Some(mark(id.is_some_and(|id| stage.figures.contains(&id))))
}

/// The `data-stage` attribute of the control `id` (absent when nothing is presented).
#[hook]
pub(crate) fn use_control_stage(id: &str) -> Option<AttrValue> {
    let stage = use_context::<StageContext>().unwrap_or_default().0?;
    Some(mark(stage.controls.contains(&id)))
}

/// The scene on the stage, for components that decide in an effect (equations).
#[hook]
pub(crate) fn use_stage() -> Option<&'static Scene> {
    use_context::<StageContext>().unwrap_or_default().0
}
