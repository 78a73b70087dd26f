//! The page's colour variables, written from the same tables as the figures' palette.
//!
//! The block is generated into `static/theme.css` (between the markers below) rather than set
//! from Rust at run time: the stylesheet then applies before the wasm has loaded (no flash of
//! the wrong theme) and `prefers-color-scheme` works with no script. A test keeps the file equal
//! to [`variables`]; `UPDATE_THEME_CSS=1 cargo test --lib theme` rewrites it.

use super::palette::{DARK, LIGHT, PROJECTOR_DARK, PROJECTOR_LIGHT, Palette};
use std::fmt::Write;

/// The line that opens the generated block in `static/theme.css`.
pub const BEGIN: &str = "/* BEGIN colour variables: generated from src/plot/theme/palette.rs */";
/// The line that closes it.
pub const END: &str = "/* END colour variables */";

fn rule(out: &mut String, indent: &str, selector: &str, p: &Palette) {
    let _ = writeln!(out, "{indent}{selector} {{");
    for (name, c) in p.css_vars() {
        let _ = writeln!(out, "{indent}  --{name}: #{:02x}{:02x}{:02x};", c.0, c.1, c.2);
    }
    let _ = writeln!(out, "{indent}}}");
}

/// The CSS variable rules of the four variants. `data-theme` on `<html>` is the reader's choice
/// (absent: follow `prefers-color-scheme`); the class `presenting` selects the projector tables.
pub fn variables() -> String {
    let mut out = format!("{BEGIN}\n");
    rule(&mut out, "", ":root", &LIGHT);
    rule(&mut out, "", ":root.presenting", &PROJECTOR_LIGHT);
    rule(&mut out, "", ":root[data-theme=\"dark\"]", &DARK);
    rule(&mut out, "", ":root.presenting[data-theme=\"dark\"]", &PROJECTOR_DARK);
    out.push_str("@media (prefers-color-scheme: dark) {\n");
    rule(&mut out, "  ", ":root:not([data-theme=\"light\"])", &DARK);
    rule(&mut out, "  ", ":root.presenting:not([data-theme=\"light\"])", &PROJECTOR_DARK);
    out.push_str("}\n");
    out.push_str(":root { color-scheme: light; }\n");
    out.push_str(":root[data-theme=\"dark\"] { color-scheme: dark; }\n");
    out.push_str(
        "@media (prefers-color-scheme: dark) { :root:not([data-theme=\"light\"]) { color-scheme: dark; } }\n",
    );
    out.push_str(END);
    out
}
