//! How the scan stepper shows a value it scans: a number or an (a, b) pair, as node text, as
//! `data-value` and in equations, and a word of inputs (x₀…x₃) as text.

use crate::explain::scan::{CombineAt, Measured, Word};
use crate::format::fixed;
use crate::mathml::{Math, equals, mi, mo, num, paren, row, sub, text};
use crate::ssm::{SsmPair, Sum};

/// What the stepper needs to show a value.
pub(crate) trait Shown: Measured + PartialEq + 'static {
    /// Two lines per node (a pair) or one (a number).
    const TALL: bool;
    /// The operator's symbol.
    const OP: &'static str;
    /// The node's text: the main line and a second one if any, with all digits if `full`.
    fn lines(&self, full: bool) -> (String, Option<String>);
    /// The value in full precision, for `data-value`.
    fn data(&self) -> String;
    /// The value in an equation.
    fn math(&self) -> Math;
    /// The combine written out with its numbers, one equation per line.
    fn arithmetic(c: &CombineAt<Self>) -> Vec<Math>;
}

impl Shown for Sum {
    const TALL: bool = false;
    const OP: &'static str = "+";

    fn lines(&self, _: bool) -> (String, Option<String>) {
        (fixed(self.0, 0), None)
    }

    fn data(&self) -> String {
        self.0.to_string()
    }

    fn math(&self) -> Math {
        num(self.0, 6)
    }

    fn arithmetic(c: &CombineAt<Self>) -> Vec<Math> {
        vec![equals([row([c.left.math(), mo("+"), c.right.math()]), c.result.math()])]
    }
}

impl Shown for SsmPair {
    const TALL: bool = true;
    const OP: &'static str = "∘";

    fn lines(&self, full: bool) -> (String, Option<String>) {
        let digits = if full { 3 } else { 2 };
        (fixed(self.b, digits), Some(format!("a {}", fixed(self.a, digits))))
    }

    fn data(&self) -> String {
        format!("{},{}", self.a, self.b)
    }

    fn math(&self) -> Math {
        paren(row([num(self.a, 3), mo(","), num(self.b, 3)]))
    }

    fn arithmetic(c: &CombineAt<Self>) -> Vec<Math> {
        let (l, r, out) = (&c.left, &c.right, &c.result);
        let symbol = |name: &str, i: &str| sub(mi(name), text(i));
        let pair = |i: &str| paren(row([symbol("a", i), mo(","), symbol("b", i)]));
        vec![
            equals([
                row([pair("1"), mo("∘"), pair("2")]),
                paren(row([
                    symbol("a", "1"),
                    symbol("a", "2"),
                    mo(","),
                    symbol("a", "2"),
                    symbol("b", "1"),
                    mo("+"),
                    symbol("b", "2"),
                ])),
            ]),
            equals([
                row([l.math(), mo("∘"), r.math()]),
                paren(row([
                    num(l.a, 3),
                    mo("×"),
                    num(r.a, 3),
                    mo(","),
                    num(r.a, 3),
                    mo("×"),
                    signed(l.b),
                    mo("+"),
                    signed(r.b),
                ])),
            ]),
            // The result on a line of its own: the whole line would not fit a narrow column.
            row([mo("="), out.math()]),
        ]
    }
}

/// A number in an equation, in parentheses when negative: 0.5 × (−0.3).
fn signed(x: f64) -> Math {
    if x < 0.0 { paren(num(x, 3)) } else { num(x, 3) }
}

/// A word in an equation, in parentheses when it holds more than one input.
pub(super) fn word_math(word: &Word) -> Math {
    let shown = text(&word_text(word));
    if word.indices().nth(1).is_some() { paren(shown) } else { shown }
}

/// Subscript digits: 12 → ₁₂.
fn subscript(i: usize) -> String {
    i.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// A word as a learner reads it: e (nothing), x₃, or x₀…x₃ (in order); out-of-order words
/// list their runs.
pub(crate) fn word_text(word: &Word) -> String {
    let run = |lo: usize, hi: usize| match hi - lo {
        0 => "e".to_owned(),
        1 => format!("x{}", subscript(lo)),
        _ => format!("x{}…x{}", subscript(lo), subscript(hi - 1)),
    };
    match word.runs() {
        [] => "e".to_owned(),
        runs => runs.iter().map(|r| run(r.start, r.end)).collect::<Vec<_>>().join("∘"),
    }
}

/// A word for `data-word`: `lo-hi` (inclusive) or `-` for the identity.
pub(super) fn word_data(word: &Word) -> String {
    match word.as_range() {
        Some(r) if r.is_empty() => "-".to_owned(),
        Some(r) => format!("{}-{}", r.start, r.end - 1),
        None => "unordered".to_owned(),
    }
}
