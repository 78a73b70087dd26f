//! Text widths measured once: plotters asks a figure for the width of every tick label, title
//! and legend entry on every draw, and `measureText` (after setting the context's font, which the
//! browser parses each time) costs far more than a lookup. Widths depend only on the font and the
//! text, so they are kept for the session, keyed by both.

use std::cell::RefCell;
use std::collections::HashMap;
use web_sys::CanvasRenderingContext2d;

/// Entries kept before the cache starts afresh (a bound on memory; tick labels repeat).
const CAPACITY: usize = 8192;

thread_local! {
    static WIDTHS: RefCell<HashMap<(String, String), f64>> = RefCell::new(HashMap::new());
}

/// The width in pixels of `text` set in the CSS `font`, measured in `context` the first time.
/// Fonts that have not loaded yet measure as their fallback, so [`forget`] is called when the
/// page's fonts are ready.
pub(crate) fn text_width(context: &CanvasRenderingContext2d, font: &str, text: &str) -> f64 {
    let key = (font.to_owned(), text.to_owned());
    if let Some(&width) = WIDTHS.with(|w| w.borrow().get(&key).copied()).as_ref() {
        return width;
    }
    context.set_font(font);
    let width = context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
    WIDTHS.with(|w| {
        let mut w = w.borrow_mut();
        if w.len() >= CAPACITY {
            w.clear();
        }
        w.insert(key, width);
    });
    width
}

/// Drops every width measured so far (the page's fonts have changed).
pub(crate) fn forget() {
    WIDTHS.with(|w| w.borrow_mut().clear());
}
