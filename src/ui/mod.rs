//! The Yew web app (wasm32 only): the shell, its pages, shared components and the lessons.
//!
//! | file | contents |
//! |---|---|
//! | `app`        | the shell: header, navigation, routing, language, arrow-key navigation |
//! | `canvas`     | the figures' drawing backend: the canvas (or SVG for download), themed, measuring text itself |
//! | `canvas2d`   | the plotters backend on a 2-D canvas context, setting each style only when it changes |
//! | `compute`    | the app-wide compute preference (Auto / CPU / GPU), the bench's measured crossover, the page's WebGPU session |
//! | `dom`        | small typed access to the window: hash, history, storage, performance marks |
//! | `lang`       | choosing the language (`?lang=`, storage, browser) and the `use_lang` hook |
//! | `hooks/`     | shared hooks: the current route, `use_lesson` (a lesson's state in the URL and its edits), `use_player` (play / step on a clock), intervals |
//! | `panic`      | the panic hook that shows a readable error panel instead of a dead page |
//! | `text_width` | text widths measured once per (font, text), for the figures' layout |
//! | `theme`      | the page's theme for the figures: dark (chosen or from the system) and projector (presenter mode) |
//! | `worker`     | a training worker of `#/train` seen from the page: start, post, replies, failure |
//! | `pages/`     | home (the learning path), the lesson frame, not found |
//! | `components/`| controls (slider, select, toggle, play controls), figure, equation, notes |
//! | `lessons/`   | one file, or one folder with a file per panel, per lesson |
//!
//! Every visible string comes from [`crate::i18n`]; every number from [`crate::ssm`].

mod app;
mod canvas;
mod canvas2d;
mod components;
mod compute;
mod dom;
mod errors;
mod hooks;
mod lang;
mod lessons;
mod pages;
mod panic;
mod present;
mod text_width;
mod theme;
mod worker;

/// Installs the panic panel and mounts the app on `#app`.
pub fn start() {
    panic::install();
    match dom::document().get_element_by_id("app") {
        Some(root) => mount(root),
        None => dom::console_error("index.html has no #app element"),
    }
}

/// Shows the error panel the panic hook shows, with `message` as its technical details (the
/// browser tests call it directly: a real panic would end the test).
pub fn show_error_panel(message: &str) {
    panic::show(message);
}

/// Mounts the whole app inside `root` (the browser tests mount it on an element of their own).
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
