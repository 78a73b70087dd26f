//! Text widths measured once: plotters asks a figure for the width of every tick label, title
//! and legend entry on every draw, and `measureText` (after setting the context's font, which the
//! browser parses each time) costs far more than a lookup. Widths depend only on the font and the
//! text, so they are kept for the session, keyed by both. They are measured in a canvas of their
//! own, never on the page, so that measuring leaves the figures' contexts as they were set.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Entries kept before the cache starts afresh (a bound on memory; tick labels repeat).
const CAPACITY: usize = 8192;

thread_local! {
    /// Widths by font, then by text (looked up without building a key).
    static WIDTHS: RefCell<HashMap<String, HashMap<String, f64>>> = RefCell::new(HashMap::new());
    /// The context that measures (`None` if the browser gives no 2-D context).
    static MEASURER: Option<CanvasRenderingContext2d> = measurer();
}

fn measurer() -> Option<CanvasRenderingContext2d> {
    let canvas = crate::ui::dom::document().create_element("canvas").ok()?;
    canvas.unchecked_into::<HtmlCanvasElement>().get_context("2d").ok()??.dyn_into().ok()
}

/// The width in pixels of `text` set in the CSS `font`, measured the first time. Fonts that
/// have not loaded yet measure as their fallback, so [`forget`] is called when the page's fonts
/// are ready.
pub(crate) fn text_width(font: &str, text: &str) -> f64 {
    let known = WIDTHS.with(|w| w.borrow().get(font).and_then(|t| t.get(text)).copied());
    if let Some(width) = known {
        return width;
    }
    let width = MEASURER.with(|m| {
        let m = m.as_ref()?;
        m.set_font(font);
        m.measure_text(text).ok().map(|t| t.width())
    });
    let width = width.unwrap_or(0.0);
    WIDTHS.with(|w| {
        let mut w = w.borrow_mut();
        if w.values().map(HashMap::len).sum::<usize>() >= CAPACITY {
            w.clear();
        }
        w.entry(font.to_owned()).or_default().insert(text.to_owned(), width);
    });
    width
}

/// Drops every width measured so far (the page's fonts have changed).
pub(crate) fn forget() {
    WIDTHS.with(|w| w.borrow_mut().clear());
}
