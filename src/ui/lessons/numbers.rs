//! Numbers as the lessons print them: whole counts with thin spaces between thousands, small
//! differences in scientific notation, and a true minus sign.

/// A count with thousands separated, e.g. `3 771 648` (narrow no-break spaces, read the same in
/// every language).
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// A value with `decimals` digits after the point and a true minus sign.
pub(crate) fn fixed(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('-', "−")
}

/// A small or large value in scientific notation with a true minus sign, e.g. `2.2e−16`.
pub(crate) fn sci(v: f64) -> String {
    format!("{v:.1e}").replace('-', "−")
}

/// A size in bytes with a binary unit: `128 B`, `4.8 KiB`, `1.0 MiB`.
pub(crate) fn bytes(n: usize) -> String {
    const KIB: f64 = 1024.0;
    let v = n as f64;
    if v < KIB {
        format!("{n} B")
    } else if v < KIB * KIB {
        format!("{:.1} KiB", v / KIB)
    } else {
        format!("{:.1} MiB", v / (KIB * KIB))
    }
}
