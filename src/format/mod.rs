//! How numbers are written, in one place for the figures (`plot`), the equations (`mathml`) and
//! the pages (`ui`): a true minus sign (U+2212), never a signed zero, no trailing zeros in tick
//! labels, thin-space digit grouping, scientific notation for the very large and small, binary
//! byte units, milliseconds, and Korean counts in 만/억. Depends on nothing else in the crate.

mod readout;

pub use readout::{complex_text, decimal, scientific};

/// `text` with a true minus sign (U+2212); `-0` is written `0`.
pub fn true_minus(text: &str) -> String {
    if text == "-0" { "0".to_owned() } else { text.replace('-', "−") }
}

/// Drops trailing zeros after a decimal point ("2.50" → "2.5", "20.0" → "20"); leaves whole
/// numbers and scientific notation alone.
fn trim_zeros(text: &str) -> &str {
    if text.contains('.') && !text.contains('e') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// Already formatted number text with trailing zeros dropped and a true minus sign.
pub fn tidy(text: &str) -> String {
    true_minus(trim_zeros(text))
}

/// `v` with at most `decimals` digits after the point, no trailing zeros, a true minus sign and
/// never "−0": the linear tick label (`decimals` = 3 gives "−0.5", "2", "0.125").
pub fn decimals(v: f64, decimals: usize) -> String {
    tidy(&format!("{v:.decimals$}"))
}

/// A tick value with three significant digits at most ("20", "0.125", "1250"); 0 for a zero or
/// non-finite value.
pub fn significant3(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".to_owned();
    }
    decimals(v, (2 - v.abs().log10().floor() as i32).clamp(0, 8) as usize)
}

/// A value in a small cell: no decimals from 10 on, one from 1, two below.
pub fn cell(v: f64) -> String {
    let digits = if v.abs() >= 10.0 {
        0
    } else if v.abs() >= 1.0 {
        1
    } else {
        2
    };
    decimals(v, digits)
}

/// A tick or colour-bar label: at most three decimals, no trailing zeros, scientific
/// notation below 10⁻³ and from 10⁵.
pub fn tick_or_sci(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".to_owned()
    } else if !(1e-3..1e5).contains(&a) {
        true_minus(&format!("{v:.1e}"))
    } else {
        decimals(v, 3)
    }
}

/// A value next to a heat map's bar: scientific from 10⁴ and below 10⁻², else 0, 1 or 2
/// decimals by magnitude (kept, not trimmed: "0.50").
pub fn bar_value(x: f64) -> String {
    let s = if x == 0.0 {
        "0".to_owned()
    } else if x.abs() >= 1e4 || x.abs() < 1e-2 {
        format!("{x:.1e}")
    } else if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    };
    true_minus(&s)
}

/// A number for a sentence: exactly 0, three decimals, or scientific notation below 10⁻³.
pub fn three_decimals(x: f64) -> String {
    if x == 0.0 {
        "0".to_owned()
    } else if x.abs() < 1e-3 {
        true_minus(&format!("{x:.1e}"))
    } else {
        true_minus(&format!("{x:.3}"))
    }
}

/// A value with `decimals` digits after the point and a true minus sign; a value that rounds to
/// zero is written without a sign ("0.00", not "−0.00").
pub fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let zero = s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.');
    if zero { s.trim_start_matches('-').to_owned() } else { s.replace('-', "−") }
}

/// A small or large value (a difference, a relative error) in scientific notation with a true
/// minus sign, e.g. `2.2e−16`; exactly zero is `0`.
pub fn sci(v: f64) -> String {
    if v == 0.0 { "0".to_owned() } else { format!("{v:.1e}").replace('-', "−") }
}

/// A count with thousands separated, e.g. `3 771 648` (narrow no-break spaces, read the same in
/// every language).
pub fn grouped(n: usize) -> String {
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

/// A positive number written compactly: 512, 4K, 1.5M, 2G (powers of 1000, `K` for 10³).
pub fn compact(x: f64) -> String {
    let (value, suffix) = match x.abs() {
        a if a >= 1e9 => (x / 1e9, "G"),
        a if a >= 1e6 => (x / 1e6, "M"),
        a if a >= 1e3 => (x / 1e3, "K"),
        _ => (x, ""),
    };
    if x.abs() < 1.0 && x != 0.0 {
        return format!("{x:.2}");
    }
    let digits = if value.abs() >= 10.0 { 0 } else { 1 };
    let text = format!("{value:.digits$}");
    format!("{}{suffix}", text.strip_suffix(".0").unwrap_or(&text))
}

/// A large count in millions, as English says it: "2 149 million", "3.5 million".
pub fn millions(n: f64) -> String {
    let m = n / 1e6;
    let digits = if m >= 100.0 { grouped(m.round() as usize) } else { fixed(m, 1) };
    format!("{digits} million")
}

/// A large count as Korean says it, grouping by 10⁴: "21.5억" (억 = 10⁸) or "120만" (만 = 10⁴).
pub fn man_eok(n: f64) -> String {
    if n >= 1e8 {
        format!("{}억", fixed(n / 1e8, 1))
    } else {
        format!("{}만", grouped((n / 1e4).round() as usize))
    }
}

/// The tick label of a decade 10ᵏ on a logarithmic axis showing `lo ..= hi`, one rule per axis so
/// that an axis never mixes "10", "10000" and "10⁷": when every decade of the axis lies between
/// 10⁻³ and 10⁴ they are written plainly (0.01, 1, 1000), otherwise all as 10 with a superscript
/// power (10⁰, 10³, 10⁷). Empty between decades (light lines carry no label) and for v ≤ 0.
pub fn log_tick(v: f64, (lo, hi): (f64, f64)) -> String {
    if v <= 0.0 || !v.is_finite() {
        return String::new();
    }
    let power = v.log10().round();
    if (v / 10f64.powf(power) - 1.0).abs() > 1e-9 {
        return String::new();
    }
    let plain = lo >= 0.99e-3 && hi <= 1.01e4;
    if plain {
        return power_plain(power);
    }
    const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = (power.abs() as u32)
        .to_string()
        .chars()
        .map(|c| SUPERSCRIPT[c.to_digit(10).unwrap_or(0) as usize])
        .collect();
    format!("10{}{digits}", if power < 0.0 { "⁻" } else { "" })
}

/// A length on a logarithmic axis (tokens, elements): powers of two from 1024 on as 1K, 4K, 1M
/// (the way lengths are spoken), other values compactly.
pub fn length_tick(x: f64) -> String {
    let whole = |d: f64| x >= d && (x / d).fract() == 0.0;
    if whole(1_048_576.0) {
        format!("{}M", x / 1_048_576.0)
    } else if whole(1024.0) {
        format!("{}K", x / 1024.0)
    } else {
        compact(x)
    }
}

/// 10ᵏ as plain decimal text: 1000, 1, 0.01.
pub fn power_plain(k: f64) -> String {
    let k = k.round() as i32;
    if k >= 0 {
        format!("{}", 10f64.powi(k))
    } else {
        format!("{:.*}", (-k) as usize, 10f64.powi(k))
    }
}

/// The round values a slider on a logarithmic scale stops at: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6
/// and 8 times each power of ten within `lo ..= hi` (both ends included), so that values a
/// text names (0.5, 1, 2) can be reached exactly.
pub fn log_stops(lo: f64, hi: f64) -> Vec<f64> {
    const MANTISSAS: [f64; 10] = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0];
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return vec![lo, hi];
    }
    let mut stops = vec![lo];
    for k in (lo.log10().floor() as i32)..=(hi.log10().ceil() as i32) {
        for m in MANTISSAS {
            // Rounded to 12 significant digits, so 3 × 10⁻¹ is 0.3 and not 0.30000000000000004.
            let v = format!("{:.11e}", m * 10f64.powi(k)).parse::<f64>().unwrap_or(m);
            if v > lo && v < hi {
                stops.push(v);
            }
        }
    }
    stops.push(hi);
    stops
}

/// The stop a log slider moved to `x` lands on, from `current`: the nearest stop (in log
/// distance), except that a move that would land back on `current` takes the next stop in the
/// direction of the move, so arrow keys and step buttons always move.
pub fn snap_to_stop(stops: &[f64], x: f64, current: f64) -> f64 {
    let distance = |s: f64| (s.ln() - x.ln()).abs();
    let Some(nearest) = stops.iter().copied().min_by(|a, b| distance(*a).total_cmp(&distance(*b)))
    else {
        return x;
    };
    if nearest != current || x == current {
        return nearest;
    }
    let next = if x > current {
        stops.iter().copied().find(|&s| s > current)
    } else {
        stops.iter().rev().copied().find(|&s| s < current)
    };
    next.unwrap_or(nearest)
}

/// A number as written in the address: at most six decimals (enough for any slider and for the
/// quotients of physical parameters), no trailing zeros, never "-0", and an ASCII minus (URLs
/// stay ASCII).
pub fn in_address(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = trim_zeros(&s);
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

/// Milliseconds as measured: two decimals below 10, whole numbers above.
pub fn ms(x: f64) -> String {
    // Below the clock's resolution a measured time is not zero, only too short to tell.
    if x < 0.005 {
        "< 0.01".to_owned()
    } else if x < 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.0}")
    }
}

/// A size in bytes with a binary unit: `128 B`, `4.8 KiB`, `1.0 MiB`.
pub fn bytes(n: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minus_signs_are_true_and_zero_is_unsigned() {
        assert_eq!(decimals(-0.5, 3), "−0.5");
        assert_eq!(decimals(2.0, 3), "2");
        assert_eq!(decimals(-0.0001, 3), "0");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(-1.5, 1), "−1.5");
        assert_eq!(sci(-2.2e-16), "−2.2e−16");
        assert_eq!(tick_or_sci(-2.5e-5), "−2.5e−5");
        assert_eq!(three_decimals(-0.25), "−0.250");
        assert_eq!(bar_value(-0.5), "−0.50");
    }

    #[test]
    fn ticks_keep_three_significant_digits_without_trailing_zeros() {
        assert_eq!(significant3(20.0), "20");
        assert_eq!(significant3(0.125), "0.125");
        assert_eq!(significant3(1250.0), "1250");
        assert_eq!(significant3(f64::NAN), "0");
        assert_eq!(cell(12.4), "12");
        assert_eq!(cell(-1.25), "−1.2");
        assert_eq!(cell(0.5), "0.5");
    }

    #[test]
    fn counts_group_and_scale() {
        assert_eq!(grouped(3_771_648), "3\u{202F}771\u{202F}648");
        assert_eq!(grouped(999), "999");
        assert_eq!(compact(1.5e6), "1.5M");
        assert_eq!(compact(4096.0), "4.1K");
        assert_eq!(compact(512.0), "512");
        assert_eq!(millions(2.149e9), "2\u{202F}149 million");
        assert_eq!(man_eok(2.15e9), "21.5억");
        assert_eq!(man_eok(1.2e6), "120만");
        assert_eq!(bytes(128), "128 B");
        assert_eq!(bytes(4915), "4.8 KiB");
        assert_eq!(ms(1.234), "1.23");
        assert_eq!(ms(31.4), "31");
    }

    #[test]
    fn log_axes_label_decades_only_and_one_way_per_axis() {
        // An axis within 10⁻³ … 10⁴ is written plainly throughout.
        let small = (0.01, 1e4);
        let ticks: Vec<String> =
            [0.01, 1.0, 10.0, 1e4, 3000.0].map(|v| log_tick(v, small)).to_vec();
        assert_eq!(ticks, ["0.01", "1", "10", "10000", ""]);
        // One decade beyond: every decade as a power, never "10" next to "10⁷".
        let wide = (1.0, 1e7);
        let ticks: Vec<String> = [1.0, 10.0, 1e4, 1e7].map(|v| log_tick(v, wide)).to_vec();
        assert_eq!(ticks, ["10⁰", "10¹", "10⁴", "10⁷"]);
        assert_eq!(log_tick(1e-16, (1e-17, 1.0)), "10⁻¹⁶");
        assert_eq!(log_tick(0.0, small), "");
        assert_eq!(power_plain(-2.0), "0.01");
        assert_eq!(power_plain(3.0), "1000");
        let lengths: Vec<String> =
            [1024.0, 4096.0, 65536.0, 1_048_576.0, 512.0, 1000.0].map(length_tick).to_vec();
        assert_eq!(lengths, ["1K", "4K", "64K", "1M", "512", "1K"]);
    }

    #[test]
    fn times_too_short_to_measure_are_not_zero() {
        assert_eq!([0.0, 0.004, 1.234, 25.6].map(ms), ["< 0.01", "< 0.01", "1.23", "26"]);
    }

    #[test]
    fn log_sliders_stop_at_round_values_and_always_move() {
        let stops = log_stops(0.001, 3.0);
        assert_eq!(stops.first(), Some(&0.001));
        assert_eq!(stops.last(), Some(&3.0));
        for v in [0.5, 0.3, 0.2, 1.0, 0.01, 2.5] {
            assert!(stops.contains(&v), "{v} is not a stop");
        }
        // 10^−0.30 = 0.501…: the slider position nearest 0.5 lands on 0.5 exactly.
        assert_eq!(snap_to_stop(&stops, 10f64.powf(-0.30), 0.2), 0.5);
        // A small step up from 0.5 that would snap back moves on to 0.6; down, to 0.4.
        assert_eq!(snap_to_stop(&stops, 10f64.powf(-0.29), 0.5), 0.6);
        assert_eq!(snap_to_stop(&stops, 10f64.powf(-0.31), 0.5), 0.4);
        assert_eq!(snap_to_stop(&stops, 5.0, 3.0), 3.0);
        assert!(stops.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn addresses_keep_six_decimals_and_an_ascii_minus() {
        assert_eq!(in_address(-0.25), "-0.25");
        assert_eq!(in_address(1.0 / 3.0), "0.333333");
        assert_eq!(in_address(-1e-9), "0");
        assert_eq!(in_address(4.0), "4");
    }
}
