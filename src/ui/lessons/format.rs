//! How the scan and hardware lessons write numbers in their text and diagrams.

/// `x` with `decimals` digits after the point and a true minus sign.
pub(crate) fn short(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        s.trim_start_matches('-').to_owned()
    } else {
        s
    };
    s.replace('-', "−")
}

/// A relative difference as the page writes it: 0, or 1.1e-16.
pub(crate) fn difference(x: f64) -> String {
    if x == 0.0 { "0".to_owned() } else { format!("{x:.1e}") }
}

/// Milliseconds as measured: two decimals below 10, whole numbers above.
pub(crate) fn ms(x: f64) -> String {
    if x < 10.0 { format!("{x:.2}") } else { format!("{x:.0}") }
}
