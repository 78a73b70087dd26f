//! Input checks shared by the LTI core: finiteness, sizes and work limits, all before allocating.

use super::error::{MAX_ELEMENTS, MAX_LEN, MAX_STATE, Result, SsmError};
use nalgebra::DMatrix;

/// Most multiply–adds one call may ask for (about a minute of work on one core); larger requests
/// are refused up front instead of hanging the caller.
pub const MAX_WORK: u64 = 100_000_000_000;

/// Refuses a matrix holding NaN or ±∞, naming the operand and the first bad entry (row, column).
pub(crate) fn finite_matrix(name: &str, m: &DMatrix<f64>) -> Result<()> {
    for i in 0..m.nrows() {
        for j in 0..m.ncols() {
            if !m[(i, j)].is_finite() {
                return Err(SsmError::NonFinite(format!("{name}[{i}][{j}] is {}", m[(i, j)])));
            }
        }
    }
    Ok(())
}

/// Refuses a sequence holding NaN or ±∞, naming the operand and the first bad index.
pub(crate) fn finite_slice(name: &str, xs: &[f64]) -> Result<()> {
    match xs.iter().position(|x| !x.is_finite()) {
        Some(i) => Err(SsmError::NonFinite(format!("{name}[{i}] is {}", xs[i]))),
        None => Ok(()),
    }
}

/// Refuses a non-finite scalar.
pub(crate) fn finite_scalar(name: &str, x: f64) -> Result<()> {
    if x.is_finite() { Ok(()) } else { Err(SsmError::NonFinite(format!("{name} is {x}"))) }
}

/// Refuses a computed result that overflowed to ±∞ or NaN although its inputs were finite;
/// `what` names the result and, in parentheses, the likely reason.
pub(crate) fn no_overflow(what: &str, values: &[f64]) -> Result<()> {
    if values.iter().all(|x| x.is_finite()) {
        Ok(())
    } else {
        Err(SsmError::Numerical(format!("{what} overflowed the range of f64")))
    }
}

/// A state size, input count or output count: at least 1 and at most [`MAX_STATE`].
pub(crate) fn dimension(name: &str, n: usize) -> Result<()> {
    if n == 0 {
        Err(SsmError::Domain(format!("{name} must be at least 1")))
    } else if n > MAX_STATE {
        Err(SsmError::TooLarge(format!("{name} = {n} exceeds the limit of {MAX_STATE}")))
    } else {
        Ok(())
    }
}

/// A sequence length: at least 1 and at most [`MAX_LEN`].
pub(crate) fn length(name: &str, len: usize) -> Result<()> {
    if len == 0 {
        Err(SsmError::Domain(format!("{name} must not be empty (length 0)")))
    } else if len > MAX_LEN {
        Err(SsmError::TooLarge(format!("{name} has length {len}, over the limit of {MAX_LEN}")))
    } else {
        Ok(())
    }
}

/// The number of f64 values of a result with these factors as its shape, refused beyond
/// [`MAX_ELEMENTS`] (with overflow of the product itself counted as too large).
pub(crate) fn elements(what: &str, factors: &[usize]) -> Result<usize> {
    let total = factors.iter().try_fold(1usize, |acc, &f| acc.checked_mul(f));
    match total {
        Some(t) if t <= MAX_ELEMENTS => Ok(t),
        _ => Err(SsmError::TooLarge(format!(
            "{what} would hold {} values, over the limit of {MAX_ELEMENTS}",
            shape_text(factors)
        ))),
    }
}

/// Refuses a computation estimated at more than [`MAX_WORK`] multiply–adds.
pub(crate) fn work(what: &str, multiplies: u64) -> Result<()> {
    if multiplies <= MAX_WORK {
        Ok(())
    } else {
        Err(SsmError::TooLarge(format!(
            "{what} needs about {multiplies:.3e} multiplications, over the limit of {MAX_WORK:.0e}",
            multiplies = multiplies as f64,
            MAX_WORK = MAX_WORK as f64
        )))
    }
}

/// The member of `all` whose name (strum's `IntoStaticStr`) is `s`, or a domain error that names
/// `what` and every known name in the order of `all`.
pub(crate) fn by_name<T: Copy + Into<&'static str>>(what: &str, all: &[T], s: &str) -> Result<T> {
    all.iter().copied().find(|&x| x.into() == s).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|&x| x.into()).collect();
        SsmError::Domain(format!("unknown {what} {s:?}; known: {}", known.join(", ")))
    })
}

fn shape_text(factors: &[usize]) -> String {
    factors.iter().map(usize::to_string).collect::<Vec<_>>().join("×")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_products_overflowing_usize_are_too_large() {
        assert!(matches!(elements("x", &[usize::MAX, 2]), Err(SsmError::TooLarge(_))));
        assert!(matches!(elements("x", &[20_000, 20_000]), Err(SsmError::TooLarge(_))));
        assert_eq!(elements("x", &[3, 4]), Ok(12));
    }

    #[test]
    fn non_finite_entries_are_named_by_position() {
        let m = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, f64::NAN, 4.0]);
        let err = finite_matrix("A", &m).unwrap_err();
        assert_eq!(err, SsmError::NonFinite("A[1][0] is NaN".into()));
    }
}
