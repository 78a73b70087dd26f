//! The figure catalogue: every figure of the course by id (`<lesson>/<figure>`), drawn from a
//! lesson's state on any plotters `DrawingBackend`, for the page's figures, their "Download
//! SVG" and the native `mamba-explainer figure` command.
//!
//! ## Design
//!
//! - One table, [`ids`] (from each lesson file's `FIGURES`), names every figure once with the
//!   aspect (height / width) the page gives it. The page writes the same id as `data-figure`.
//! - A request is `(id, the lesson's URL query, language, theme)`. The query is read by the
//!   lesson's own state parser ([`UrlState::from_query`], the one `use_lesson` uses), then
//!   checked strictly ([`parse_state`]): the page's parser is tolerant (a bad value falls back
//!   to the default), but a figure made for a worksheet should not silently show another state,
//!   so a key the lesson does not know or a value it would not keep is an error here.
//! - Each lesson file (`state.rs`, `discretize.rs`, …) has one generic function per figure,
//!   `fn <figure><DB: DrawingBackend>(area, theme, lang, inputs…)`, that arranges the numbers
//!   into a chart or scene of [`crate::plot`] and draws it. The page's figure closure calls that
//!   same function with the inputs it computed (memoised, with its hover marker), and the
//!   catalogue's `draw` computes the same inputs from the state with the same core functions
//!   (often a shared `…_inputs(state)` function) and calls it without a marker. So the page and
//!   the catalogue cannot drift apart: there is one arrangement per figure.
//! - Everything here is native-buildable: `figures` depends on `course`, `explain`, `plot`,
//!   `i18n`, `url`, `ssm`, `format`, never on `ui`.

pub mod block;
pub mod compare;
pub mod continuous;
pub mod describe;
pub mod discretize;
pub mod hardware;
pub mod hippo;
pub mod lti;
pub mod origins;
pub mod scan;
pub mod selection;
pub mod state;
pub mod views;

use crate::course::Lesson;
use crate::i18n::Lang;
use crate::plot::{PlotError, Theme, XAxisMap};
use crate::url::{Query, UrlState};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What a figure function returns: the x-axis map for linked hovering, if it has a data x axis.
pub type Drawn = Result<Option<XAxisMap>, PlotError>;

/// A figure of a lesson: its name (the id's second part) and the page's height / width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// The figure's name within its lesson, e.g. `"hold"`.
    pub name: &'static str,
    /// Height / width, as the page lays it out.
    pub aspect: f64,
}

/// Why a figure could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureError {
    /// No figure has this id.
    UnknownId(String),
    /// The query is not a state of the lesson.
    BadQuery(String),
    /// The core rejected the state (e.g. a system that cannot be computed).
    Compute(String),
    /// The backend failed.
    Draw(PlotError),
}

impl std::fmt::Display for FigureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FigureError::UnknownId(id) => {
                write!(f, "no figure has the id {id:?} (`figure --list` lists them)")
            }
            FigureError::BadQuery(why) => write!(f, "bad query: {why}"),
            FigureError::Compute(why) => write!(f, "the figure cannot be computed: {why}"),
            FigureError::Draw(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for FigureError {}

impl From<PlotError> for FigureError {
    fn from(e: PlotError) -> Self {
        FigureError::Draw(e)
    }
}

impl From<crate::ssm::SsmError> for FigureError {
    fn from(e: crate::ssm::SsmError) -> Self {
        FigureError::Compute(e.to_string())
    }
}

/// The figures of a lesson, in page order.
pub fn figures_of(lesson: Lesson) -> &'static [Entry] {
    match lesson {
        Lesson::State => state::FIGURES,
        Lesson::Selection => selection::FIGURES,
        Lesson::Hippo => hippo::FIGURES,
        Lesson::Views => views::FIGURES,
        Lesson::Origins => origins::FIGURES,
        Lesson::Discretize => discretize::FIGURES,
        Lesson::Continuous => continuous::FIGURES,
        Lesson::Compare => compare::FIGURES,
        Lesson::Scan => scan::FIGURES,
        Lesson::Hardware => hardware::FIGURES,
        Lesson::Block => block::FIGURES,
        // Its figures show weights learned in the page, which no address holds: the page
        // offers them as PNG only.
        Lesson::Train => &[],
    }
}

/// Every figure id, `<lesson>/<figure>`, in the order of the course.
pub fn ids() -> Vec<String> {
    Lesson::ALL
        .into_iter()
        .flat_map(|l| figures_of(l).iter().map(move |e| format!("{}/{}", l.slug(), e.name)))
        .collect()
}

/// The lesson and entry of an id.
pub fn find(id: &str) -> Result<(Lesson, Entry), FigureError> {
    let unknown = || FigureError::UnknownId(id.to_owned());
    let (slug, name) = id.split_once('/').ok_or_else(unknown)?;
    let lesson = Lesson::from_slug(slug).ok_or_else(unknown)?;
    let entry = figures_of(lesson).iter().find(|e| e.name == name).ok_or_else(unknown)?;
    Ok((lesson, *entry))
}

/// The query of a request: a bare query (`d=0.5&m=zoh`), one with `?`, or a whole address
/// (`…#/discretize?d=0.5`).
pub fn query_of(text: &str) -> Query {
    match text.split_once('?') {
        Some(_) => Query::from_hash(text),
        None => Query::from_hash(&format!("?{text}")),
    }
}

/// Keys the page's frame adds to a lesson's address (presenter mode, its scene, the
/// language): they are not part of the lesson's state and are ignored here.
const FRAME_KEYS: [&str; 3] = ["present", "scene", "lang"];

/// The lesson state of `query`, read by the lesson's own parser, or why the query is not one:
/// every key must be one the state writes, with the value it keeps (numbers compared as
/// numbers, flags as flags). A clamped number or an unknown name is an error, not a default.
pub fn parse_state<S: UrlState>(query: &Query) -> Result<S, FigureError> {
    let state = S::from_query(query);
    let written = state.to_query();
    for (key, given) in query.pairs() {
        if FRAME_KEYS.contains(&key) {
            continue;
        }
        let Some(kept) = written.get(key) else {
            return Err(FigureError::BadQuery(format!("the lesson has no setting {key:?}")));
        };
        if !same_value(given, kept) {
            return Err(FigureError::BadQuery(format!(
                "{key}={given} is not a value this lesson takes (it would show {key}={kept})"
            )));
        }
    }
    Ok(state)
}

/// Whether a value given in a query is the one the state kept.
fn same_value(given: &str, kept: &str) -> bool {
    let flag = |v: &str| match v {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    };
    let number = |v: &str| v.parse::<f64>().ok().filter(|x| x.is_finite());
    given == kept
        || matches!((number(given), number(kept)), (Some(a), Some(b)) if (a - b).abs() <= 1e-12 * b.abs().max(1.0))
        || matches!((flag(given), flag(kept)), (Some(a), Some(b)) if a == b)
}

/// Draws figure `id` for the lesson state in `query` (text as in [`query_of`]) on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    id: &str,
    query: &str,
    lang: Lang,
    theme: &Theme,
) -> Result<Option<XAxisMap>, FigureError> {
    let (lesson, entry) = find(id)?;
    let q = query_of(query);
    let name = entry.name;
    match lesson {
        Lesson::State => state::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Selection => selection::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Hippo => hippo::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Views => views::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Origins => origins::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Discretize => discretize::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Continuous => continuous::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Compare => compare::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Scan => scan::draw(area, theme, lang, name, &q),
        Lesson::Hardware => hardware::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Block => block::draw(area, theme, lang, name, &parse_state(&q)?),
        Lesson::Train => Err(FigureError::UnknownId(id.to_owned())),
    }
}

/// Figure `id` as an SVG document of `size` pixels (the page's aspect when `height` is `None`).
/// Nothing is returned unless the whole figure was drawn.
pub fn svg(
    id: &str,
    query: &str,
    lang: Lang,
    theme: &Theme,
    width: u32,
    height: Option<u32>,
) -> Result<String, FigureError> {
    let (_, entry) = find(id)?;
    let height = height.unwrap_or_else(|| (f64::from(width) * entry.aspect).round() as u32);
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&area, id, query, lang, theme)?;
        area.present().map_err(|e| FigureError::Draw(PlotError(format!("{e:?}"))))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
