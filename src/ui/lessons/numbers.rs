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

/// A number for running text, 3 significant digits (as the equations write their numbers).
pub(crate) fn short(x: f64) -> String {
    crate::mathml::number_text(x, 3)
}

/// A value with `decimals` digits after the point and a true minus sign; a value that rounds to
/// zero is written without a sign ("0.00", not "−0.00").
pub(crate) fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let zero = s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.');
    if zero { s.trim_start_matches('-').to_owned() } else { s.replace('-', "−") }
}

/// A small or large value (a difference, a relative error) in scientific notation with a true
/// minus sign, e.g. `2.2e−16`; exactly zero is `0`.
pub(crate) fn sci(v: f64) -> String {
    if v == 0.0 { "0".to_owned() } else { format!("{v:.1e}").replace('-', "−") }
}

/// Milliseconds as measured: two decimals below 10, whole numbers above.
pub(crate) fn ms(x: f64) -> String {
    if x < 10.0 { format!("{x:.2}") } else { format!("{x:.0}") }
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
