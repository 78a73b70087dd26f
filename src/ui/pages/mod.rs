//! The pages the router shows.

mod home;
mod lesson;
mod not_found;

pub(crate) use home::Home;
pub(crate) use lesson::LessonPage;
pub(crate) use not_found::NotFound;
