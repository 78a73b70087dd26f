//! Readouts next to figures (not MathML): a few significant digits, scientific notation with
//! superscripts for tiny gaps, and complex eigenvalues as "−0.3 + 2i".

use num_complex::Complex64;

/// An eigenvalue as a reader writes it: "−0.3 + 2i", "−0.5", "±2i" parts with 3 significant
/// digits and true minus signs.
pub fn complex_text(l: Complex64) -> String {
    let (re, im) = (decimal(l.re), decimal(l.im.abs()));
    if l.im.abs() < 1e-12 {
        re
    } else if l.re.abs() < 1e-12 {
        format!("{}{im}i", if l.im < 0.0 { "−" } else { "" })
    } else {
        format!("{re} {} {im}i", if l.im < 0.0 { "−" } else { "+" })
    }
}

/// A number with up to 3 significant digits (at most 3 decimals), a true minus sign.
pub fn decimal(x: f64) -> String {
    let decimals = if x.abs() >= 100.0 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else if x.abs() >= 1.0 {
        2
    } else {
        3
    };
    super::decimals(x, decimals)
}

/// A small magnitude in scientific notation with superscripts: 4.4×10⁻¹⁶.
pub fn scientific(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if (1e-2..1e4).contains(&x.abs()) {
        return decimal(x);
    }
    let formatted = format!("{x:.1e}");
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let sup: String = exponent
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect();
    format!("{}×10{sup}", super::true_minus(mantissa))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(decimal(-0.3), "−0.3");
        assert_eq!(decimal(2.0), "2");
        assert_eq!(decimal(12.345), "12.3");
        assert_eq!(decimal(-0.0001), "0");
        assert_eq!(complex_text(Complex64::new(-0.3, -2.0)), "−0.3 − 2i");
        assert_eq!(complex_text(Complex64::new(0.0, 2.0)), "2i");
        assert_eq!(complex_text(Complex64::new(0.0, -2.0)), "−2i");
        assert_eq!(complex_text(Complex64::new(-0.5, 0.0)), "−0.5");
        assert_eq!(scientific(4.4e-16), "4.4×10⁻¹⁶");
        assert_eq!(scientific(0.25), "0.25");
        assert_eq!(scientific(0.0), "0");
    }
}
