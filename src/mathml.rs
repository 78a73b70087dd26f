//! Equations as MathML, rendered by the browser (no KaTeX, no MathJax, no CDN).
//!
//! Build an expression from the constructors below, then [`Math::block`] or [`Math::inline`]
//! turns it into `<math>` markup; every text is escaped. [`matrix`] and [`num`] put the live
//! numbers of a lesson into an equation, e.g. `Ā = exp(Δ·A)` with the current 2×2 matrices.

use crate::format;
use nalgebra::DMatrix;

/// A MathML expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Math {
    /// An identifier (`<mi>`), e.g. `h`, `A`, `Δ`.
    Ident(String),
    /// A number (`<mn>`), already formatted.
    Number(String),
    /// An operator (`<mo>`), e.g. `=`, `+`, `(`.
    Op(String),
    /// Plain words inside an equation (`<mtext>`).
    Text(String),
    /// A horizontal group (`<mrow>`).
    Row(Vec<Math>),
    /// Base with a subscript.
    Sub(Box<Math>, Box<Math>),
    /// Base with a superscript.
    Sup(Box<Math>, Box<Math>),
    /// Numerator over denominator.
    Frac(Box<Math>, Box<Math>),
    /// Base with an accent above it (a bar for Ā, a dot for ḣ).
    Over(Box<Math>, String),
    /// A grid of cells between brackets: a matrix or a column vector.
    Table(Vec<Vec<Math>>),
    /// A square root over an expression.
    Sqrt(Box<Math>),
    /// Cases after a left brace, one (value, condition) per line: a piecewise definition.
    Cases(Vec<(Math, Math)>),
}

/// An identifier.
pub fn mi(s: &str) -> Math {
    Math::Ident(s.to_owned())
}

/// An operator.
pub fn mo(s: &str) -> Math {
    Math::Op(s.to_owned())
}

/// Words inside an equation.
pub fn text(s: &str) -> Math {
    Math::Text(s.to_owned())
}

/// A group of expressions side by side.
pub fn row(items: impl IntoIterator<Item = Math>) -> Math {
    Math::Row(items.into_iter().collect())
}

/// `base` with subscript `s`.
pub fn sub(base: Math, s: Math) -> Math {
    Math::Sub(Box::new(base), Box::new(s))
}

/// `base` with superscript `s`.
pub fn sup(base: Math, s: Math) -> Math {
    Math::Sup(Box::new(base), Box::new(s))
}

/// A fraction.
pub fn frac(num: Math, den: Math) -> Math {
    Math::Frac(Box::new(num), Box::new(den))
}

/// `base` with a bar above (Ā, B̄).
pub fn bar(base: Math) -> Math {
    Math::Over(Box::new(base), "¯".to_owned())
}

/// `base` with a dot above (the time derivative ḣ).
pub fn dot(base: Math) -> Math {
    Math::Over(Box::new(base), "˙".to_owned())
}

/// The square root of `inner`.
pub fn sqrt(inner: Math) -> Math {
    Math::Sqrt(Box::new(inner))
}

/// A piecewise definition: `{ value  condition` on one line per case.
pub fn cases(items: impl IntoIterator<Item = (Math, Math)>) -> Math {
    Math::Cases(items.into_iter().collect())
}

/// `e` with an exponent.
pub fn exp(exponent: Math) -> Math {
    sup(mi("e"), exponent)
}

/// `(inner)` with stretchy parentheses.
pub fn paren(inner: Math) -> Math {
    row([mo("("), inner, mo(")")])
}

/// `lhs = rhs = …`: the items joined by `=`.
pub fn equals(items: impl IntoIterator<Item = Math>) -> Math {
    let mut out = Vec::new();
    for (i, m) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(mo("="));
        }
        out.push(m);
    }
    Math::Row(out)
}

/// A number with `sig` significant digits, written as a reader expects: a true minus sign,
/// no trailing zeros, and `a×10ⁿ` for very large or small magnitudes.
pub fn num(x: f64, sig: usize) -> Math {
    let sig = sig.clamp(1, 17);
    if !x.is_finite() {
        return Math::Number(if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        });
    }
    if x != 0.0 && (x.abs() >= 1e5 || x.abs() < 1e-3) {
        let formatted = format!("{:.*e}", sig - 1, x);
        let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
        return row([
            Math::Number(format::tidy(mantissa)),
            mo("×"),
            sup(Math::Number("10".into()), Math::Number(format::tidy(exponent))),
        ]);
    }
    // Digits after the point so that `sig` significant digits show.
    let magnitude = if x == 0.0 { 0 } else { x.abs().log10().floor() as i32 };
    let decimals = (sig as i32 - 1 - magnitude).max(0) as usize;
    Math::Number(format::tidy(&format!("{x:.decimals$}")))
}

/// A number for running text, written by the same rules as [`num`]: `sig` significant digits,
/// a true minus sign, no trailing zeros, and `a×10ⁿ` (superscript digits) for very large or
/// small magnitudes. For readouts next to equations, e.g. "error 2.2×10⁻¹⁶".
pub fn number_text(x: f64, sig: usize) -> String {
    let mut out = String::new();
    let mut flat = |m: &Math| m.write_text(&mut out);
    flat(&num(x, sig));
    out
}

/// A number for running text, 3 significant digits (as the equations write their numbers).
pub fn short(x: f64) -> String {
    number_text(x, 3)
}

/// A matrix of live numbers between brackets.
pub fn matrix(m: &DMatrix<f64>, sig: usize) -> Math {
    Math::Table(
        (0..m.nrows()).map(|i| (0..m.ncols()).map(|j| num(m[(i, j)], sig)).collect()).collect(),
    )
}

/// A column vector of live numbers between brackets.
pub fn column(v: &[f64], sig: usize) -> Math {
    Math::Table(v.iter().map(|&x| vec![num(x, sig)]).collect())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Math {
    fn write(&self, out: &mut String) {
        let leaf = |out: &mut String, tag: &str, s: &str| {
            out.push_str(&format!("<{tag}>{}</{tag}>", escape(s)));
        };
        let pair = |out: &mut String, tag: &str, a: &Math, b: &Math| {
            out.push_str(&format!("<{tag}>"));
            a.write(out);
            b.write(out);
            out.push_str(&format!("</{tag}>"));
        };
        match self {
            Math::Ident(s) => leaf(out, "mi", s),
            Math::Number(s) => leaf(out, "mn", s),
            Math::Op(s) => leaf(out, "mo", s),
            Math::Text(s) => leaf(out, "mtext", s),
            Math::Row(items) => {
                out.push_str("<mrow>");
                items.iter().for_each(|m| m.write(out));
                out.push_str("</mrow>");
            }
            Math::Sub(a, b) => pair(out, "msub", a, b),
            Math::Sup(a, b) => pair(out, "msup", a, b),
            Math::Frac(a, b) => pair(out, "mfrac", a, b),
            Math::Over(base, accent) => {
                out.push_str("<mover accent=\"true\">");
                base.write(out);
                leaf(out, "mo", accent);
                out.push_str("</mover>");
            }
            Math::Sqrt(inner) => {
                out.push_str("<msqrt>");
                inner.write(out);
                out.push_str("</msqrt>");
            }
            Math::Cases(items) => {
                out.push_str("<mrow><mo>{</mo><mtable columnalign=\"left left\">");
                for (value, condition) in items {
                    out.push_str("<mtr><mtd>");
                    value.write(out);
                    out.push_str("</mtd><mtd>");
                    condition.write(out);
                    out.push_str("</mtd></mtr>");
                }
                out.push_str("</mtable></mrow>");
            }
            Math::Table(rows) => {
                out.push_str("<mrow><mo>[</mo><mtable>");
                for r in rows {
                    out.push_str("<mtr>");
                    for cell in r {
                        out.push_str("<mtd>");
                        cell.write(out);
                        out.push_str("</mtd>");
                    }
                    out.push_str("</mtr>");
                }
                out.push_str("</mtable><mo>]</mo></mrow>");
            }
        }
    }

    /// Plain text of a number made by [`num`]: digits, `×`, and a superscript exponent.
    fn write_text(&self, out: &mut String) {
        const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
        match self {
            Math::Number(s) | Math::Op(s) | Math::Ident(s) | Math::Text(s) => out.push_str(s),
            Math::Row(items) => items.iter().for_each(|m| m.write_text(out)),
            Math::Sup(base, power) => {
                base.write_text(out);
                let mut p = String::new();
                power.write_text(&mut p);
                out.extend(p.chars().map(|c| match c {
                    '−' => '⁻',
                    d => d.to_digit(10).map_or(d, |d| SUPERSCRIPT[d as usize]),
                }));
            }
            Math::Sub(a, b) | Math::Frac(a, b) => {
                a.write_text(out);
                b.write_text(out);
            }
            Math::Over(base, _) => base.write_text(out),
            Math::Sqrt(inner) => {
                out.push('√');
                inner.write_text(out);
            }
            Math::Table(rows) => rows.iter().flatten().for_each(|m| m.write_text(out)),
            Math::Cases(items) => items.iter().for_each(|(value, condition)| {
                value.write_text(out);
                condition.write_text(out);
            }),
        }
    }

    /// The expression as MathML inside `<math>`; `display` is `block` or `inline`.
    fn markup(&self, display: &str) -> String {
        let mut out = format!("<math display=\"{display}\">");
        self.write(&mut out);
        out.push_str("</math>");
        out
    }

    /// MathML for an equation on its own line.
    pub fn block(&self) -> String {
        self.markup("block")
    }

    /// MathML for an equation inside running text.
    pub fn inline(&self) -> String {
        self.markup("inline")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_for_readers() {
        let n = |x: f64, sig: usize| {
            let mut s = String::new();
            num(x, sig).write(&mut s);
            s
        };
        assert_eq!(n(-0.5, 3), "<mn>−0.5</mn>");
        assert_eq!(n(1.23456, 3), "<mn>1.23</mn>");
        assert_eq!(n(123.456, 3), "<mn>123</mn>");
        assert_eq!(n(0.0, 3), "<mn>0</mn>");
        assert_eq!(
            n(-0.0001, 2),
            "<mrow><mn>−1</mn><mo>×</mo><msup><mn>10</mn><mn>−4</mn></msup></mrow>"
        );
        assert_eq!(n(f64::NAN, 3), "<mn>NaN</mn>");
    }

    #[test]
    fn equation_with_a_live_matrix() {
        let a = DMatrix::from_row_slice(2, 2, &[0.9, 0.1, -0.2, 0.8]);
        let eq = equals([bar(mi("A")), exp(row([mi("Δ"), mi("A")])), matrix(&a, 3)]).block();
        assert!(eq.starts_with("<math display=\"block\"><mrow><mover accent=\"true\"><mi>A</mi>"));
        assert!(eq.contains("<mtr><mtd><mn>0.9</mn></mtd><mtd><mn>0.1</mn></mtd></mtr>"));
        assert!(eq.contains("<mn>−0.2</mn>"));
        assert_eq!(eq.matches("<mo>=</mo>").count(), 2);
    }

    #[test]
    fn numbers_for_running_text_follow_the_same_rules() {
        assert_eq!(number_text(0.0, 3), "0");
        assert_eq!(number_text(1.234_56, 3), "1.23");
        assert_eq!(number_text(-0.05, 3), "−0.05");
        assert_eq!(number_text(2.2e-16, 2), "2.2×10⁻¹⁶");
        assert_eq!(number_text(123_456.0, 3), "1.23×10⁵");
        assert_eq!(number_text(f64::INFINITY, 3), "∞");
    }

    #[test]
    fn cases_stand_one_per_line_after_a_brace() {
        let eq = cases([(num(1.0, 1), text("if n > k")), (num(0.0, 1), text("otherwise"))]).block();
        assert!(eq.contains("<mo>{</mo><mtable"));
        assert_eq!(eq.matches("<mtr>").count(), 2);
        assert!(eq.contains("<mtd><mn>1</mn></mtd><mtd><mtext>if n &gt; k</mtext></mtd>"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            text("a<b & \"c\"").inline(),
            "<math display=\"inline\"><mtext>a&lt;b &amp; &quot;c&quot;</mtext></math>"
        );
    }
}
