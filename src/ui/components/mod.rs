//! Components shared by the shell and the lessons. Each takes its texts already translated and
//! reports changes through callbacks; none computes any maths.

mod controls;
mod equation;
mod figure;
mod figure_tools;
mod lang_switch;
mod math_nodes;
mod nav;
mod notes;
mod play;
mod scroll_box;
mod show_data;
mod sticky;
mod theme_switch;

pub(crate) use crate::ui::canvas::DrawFn;
pub(crate) use controls::{LogSlider, Select, Slider, TextField, Toggle};
pub(crate) use equation::Equation;
pub(crate) use figure::Figure;
pub(crate) use lang_switch::LangSwitch;
pub(crate) use nav::LessonNav;
pub(crate) use notes::{Banner, BannerKind, Prose, Question, TryThis};
pub(crate) use play::PlayControls;
pub(crate) use scroll_box::ScrollBox;
pub(crate) use sticky::StickyControls;
pub(crate) use theme_switch::ThemeSwitch;
