//! One budget for every request of the command line, checked before anything of the request's
//! size is allocated: the numbers of the response, the bytes of the working set, and the
//! arithmetic operations, each estimated from the request's shapes the way `ssm::cost` counts.
//!
//! The limits were measured with the release binary on a 2-core machine so that any accepted
//! request answers in under 10 s and under 1 GB resident (README, "Limits"). An op estimates its
//! [`Cost`] with the helpers below (and `ssm`'s `OpCount`s) and calls [`Cost::check`]; ops added later (training, say)
//! do the same.

/// Most bytes read from stdin as one request (the parsed JSON takes ~16 bytes per input byte).
pub(crate) const MAX_REQUEST_BYTES: usize = 16 << 20;
/// Most numbers in one response (written as text, ~25 bytes each).
pub(crate) const MAX_RESPONSE_NUMBERS: u64 = 2_000_000;
/// Most bytes of working memory an op may allocate besides the parsed request.
pub(crate) const MAX_WORKING_BYTES: u64 = 400 << 20;
/// Most arithmetic operations (multiplies and adds, as `ssm::OpCount` counts them).
pub(crate) const MAX_OPERATIONS: u64 = 5_000_000_000;

/// What one request will take, estimated from its shapes alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cost {
    /// Numbers written in the response.
    pub(crate) response_numbers: u64,
    /// Bytes allocated while computing, besides the request itself.
    pub(crate) working_bytes: u64,
    /// Arithmetic operations.
    pub(crate) operations: u64,
}

impl Cost {
    /// A cost of `operations` with the given response and working set.
    pub(crate) fn new(response_numbers: u64, working_bytes: u64, operations: u64) -> Cost {
        Cost { response_numbers, working_bytes, operations }
    }

    /// Refuses a request over any limit, naming the limit and the request's figure.
    pub(crate) fn check(self) -> Result<(), String> {
        if self.response_numbers > MAX_RESPONSE_NUMBERS {
            return Err(format!(
                "too large: the response would hold {} numbers, over the limit of {MAX_RESPONSE_NUMBERS}",
                self.response_numbers
            ));
        }
        if self.working_bytes > MAX_WORKING_BYTES {
            return Err(format!(
                "too large: the request needs about {} MB of working memory, over the limit of {} MB",
                self.working_bytes >> 20,
                MAX_WORKING_BYTES >> 20
            ));
        }
        if self.operations > MAX_OPERATIONS {
            return Err(format!(
                "too large: the request needs about {:.2e} arithmetic operations, over the limit of {:.0e}",
                self.operations as f64, MAX_OPERATIONS as f64
            ));
        }
        Ok(())
    }
}

/// `a · b · …` without overflow (saturating at `u64::MAX`, which every limit refuses).
pub(crate) fn product(factors: &[usize]) -> u64 {
    factors.iter().fold(1u64, |acc, &f| acc.saturating_mul(f as u64))
}

/// Bytes of `count` f64 values.
pub(crate) fn f64_bytes(count: u64) -> u64 {
    count.saturating_mul(8)
}

/// Operations of one N×N matrix exponential (scaling and squaring with a degree-13 Padé
/// approximant: about 6 products and one solve, plus up to ~10 squarings, each ~2N³).
pub(crate) fn expm_operations(n: usize) -> u64 {
    product(&[n, n, n]).saturating_mul(2 * 18)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_is_named_with_the_requests_figure() {
        assert!(Cost::new(MAX_RESPONSE_NUMBERS, MAX_WORKING_BYTES, MAX_OPERATIONS).check().is_ok());
        let over = Cost::new(MAX_RESPONSE_NUMBERS + 1, 0, 0).check().unwrap_err();
        assert!(over.contains("2000001") && over.contains("limit"), "{over}");
        let over = Cost::new(0, MAX_WORKING_BYTES * 2, 0).check().unwrap_err();
        assert!(over.contains("800 MB") && over.contains("working memory"), "{over}");
        let over = Cost::new(0, 0, u64::MAX).check().unwrap_err();
        assert!(over.contains("operations") && over.contains("limit"), "{over}");
    }

    #[test]
    fn products_saturate_instead_of_wrapping() {
        assert_eq!(product(&[usize::MAX, usize::MAX]), u64::MAX);
        assert_eq!(product(&[3, 4]), 12);
    }
}
