//! The matrix exponential exp(M) by scaling and squaring with Padé approximants, after
//! Al-Mohy & Higham (2009), and the Taylor partial sums Σ M^k/k! that show what
//! "e to the power of a matrix" means.

use crate::ssm::validate::{dimension, elements, finite_matrix, no_overflow};
use crate::ssm::{Result, SsmError};
use nalgebra::DMatrix;

/// Unit roundoff of f64, u = 2⁻⁵³.
const UNIT_ROUNDOFF: f64 = f64::EPSILON / 2.0;

/// θ_m for m = 3, 5, 7, 9: the largest η = max(‖A^p‖^{1/p}, ‖A^{p+1}‖^{1/(p+1)}) for which the
/// [m/m] Padé approximant has backward error at most u (Al-Mohy & Higham 2009, Table 3.1).
const THETA: [(usize, f64); 4] = [
    (3, 1.495585217958292e-2),
    (5, 2.53939833006323e-1),
    (7, 9.504178996162932e-1),
    (9, 2.097847961257068e0),
];

/// θ_13 of the same paper (§5, Algorithm 6.1): scale A by 2^{-s} until η ≤ θ_13.
const THETA_13: f64 = 4.25;

/// exp(M) for a square matrix M, accurate to a few units of roundoff times the conditioning of
/// the exponential at M.
///
/// Eqn: exp(M) = (r_m(2^{-s} M))^{2^s}, r_m = q_m⁻¹ p_m the [m/m] Padé approximant.
/// The order m ∈ {3, 5, 7, 9, 13} and the scaling s come from the norms of powers of M
/// (computed exactly here), which avoids the over-scaling that loses accuracy on non-normal
/// matrices. Diagonal matrices are exponentiated entrywise; for triangular matrices the diagonal
/// and first off-diagonal are recomputed exactly after every squaring (the paper's Code
/// Fragment 2.1), so a huge off-diagonal entry does not spoil the small diagonal ones.
/// Errors: M not square, empty, too large or non-finite; a result that overflows f64.
pub fn expm(m: &DMatrix<f64>) -> Result<DMatrix<f64>> {
    let n = m.nrows();
    if m.ncols() != n {
        return Err(SsmError::Shape(format!(
            "the matrix to exponentiate must be square, got {}×{}",
            m.nrows(),
            m.ncols()
        )));
    }
    dimension("the size of the matrix to exponentiate", n)?;
    finite_matrix("M", m)?;
    let result = if is_diagonal(m) {
        // Eqn: exp(diag(λ)) = diag(exp(λ)).
        DMatrix::from_diagonal(&m.diagonal().map(f64::exp))
    } else {
        pade_scaling_and_squaring(m)?
    };
    no_overflow("exp(M)", result.as_slice())?;
    Ok(result)
}

/// One Taylor partial sum of exp(M).
#[derive(Debug, Clone, PartialEq)]
pub struct TaylorPartialSum {
    /// The highest power K in the sum.
    pub order: usize,
    /// The newest term M^K / K! (the identity for K = 0).
    pub term: DMatrix<f64>,
    /// S_K = Σ_{k=0}^{K} M^k / k!.
    pub sum: DMatrix<f64>,
    /// ‖S_K − exp(M)‖_F / ‖exp(M)‖_F, the relative error against the exact exponential.
    pub relative_error: f64,
}

/// The Taylor partial sums S_0, S_1, …, S_K of exp(M) with their errors against [`expm`].
///
/// Eqn: S_K = Σ_{k=0}^{K} M^k / k!, each term the previous one times M/k.
/// Errors: as [`expm`], a result of more than `MAX_ELEMENTS` values, or terms that overflow
/// (for ‖M‖ in the hundreds, M^k/k! exceeds f64 long before it starts to shrink).
pub fn taylor_partial_sums(m: &DMatrix<f64>, max_order: usize) -> Result<Vec<TaylorPartialSum>> {
    let exact = expm(m)?;
    let n = m.nrows();
    let orders = max_order
        .checked_add(1)
        .ok_or_else(|| SsmError::TooLarge(format!("the Taylor order {max_order} is too large")))?;
    elements("the Taylor partial sums", &[orders, n, n])?;
    let mut term = DMatrix::<f64>::identity(n, n);
    let mut sum = term.clone();
    let mut sums = Vec::with_capacity(orders);
    for k in 0..=max_order {
        if k > 0 {
            // Eqn: M^k/k! = (M^{k−1}/(k−1)!) · M / k.
            term = &term * m / k as f64;
            sum += &term;
        }
        no_overflow(
            &format!("the Taylor sum up to M^{k}/{k}! (‖M‖ is too large)"),
            sum.as_slice(),
        )?;
        let relative_error = relative_error(sum.as_slice(), exact.as_slice());
        sums.push(TaylorPartialSum {
            order: k,
            term: term.clone(),
            sum: sum.clone(),
            relative_error,
        });
    }
    Ok(sums)
}

/// ‖estimate − exact‖₂ / ‖exact‖₂ over all entries (the absolute error when `exact` is zero).
pub(crate) fn relative_error(estimate: &[f64], exact: &[f64]) -> f64 {
    let norm = |xs: &mut dyn Iterator<Item = f64>| xs.map(|x| x * x).sum::<f64>().sqrt();
    let error = norm(&mut estimate.iter().zip(exact).map(|(a, b)| a - b));
    let scale = norm(&mut exact.iter().copied());
    if scale > 0.0 { error / scale } else { error }
}

fn is_diagonal(m: &DMatrix<f64>) -> bool {
    m.iter().enumerate().all(|(idx, &x)| x == 0.0 || idx % m.nrows() == idx / m.nrows())
}

/// Which triangle of a square matrix holds its non-zero entries, if only one does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Triangle {
    /// Zero below the diagonal.
    Upper,
    /// Zero above the diagonal.
    Lower,
}

/// The triangle holding all non-zero entries (a diagonal matrix counts as upper).
pub(crate) fn triangle(m: &DMatrix<f64>) -> Option<Triangle> {
    let n = m.nrows();
    let zero_where = |keep: fn(usize, usize) -> bool| {
        (0..n).all(|j| (0..n).all(|i| keep(i, j) || m[(i, j)] == 0.0))
    };
    if zero_where(|i, j| i <= j) {
        Some(Triangle::Upper)
    } else if zero_where(|i, j| i >= j) {
        Some(Triangle::Lower)
    } else {
        None
    }
}

/// The 1-norm: the largest column sum of absolute values; infinite for a matrix that holds
/// non-finite entries (a power that overflowed), so that it never passes a test `≤ θ`.
fn one_norm(m: &DMatrix<f64>) -> f64 {
    if m.iter().all(|x| x.is_finite()) {
        m.column_iter().map(|c| c.lp_norm(1)).fold(0.0, f64::max)
    } else {
        f64::INFINITY
    }
}

/// The even powers I, A², A⁴, A⁶, A⁸ of one matrix, each computed once when first needed.
struct Powers {
    a: DMatrix<f64>,
    even: Vec<DMatrix<f64>>,
}

impl Powers {
    fn new(a: DMatrix<f64>) -> Powers {
        let identity = DMatrix::identity(a.nrows(), a.nrows());
        Powers { a, even: vec![identity] }
    }

    /// A^{2k}.
    fn even(&mut self, k: usize) -> &DMatrix<f64> {
        while self.even.len() <= k {
            let next = match self.even.len() {
                1 => &self.a * &self.a,
                // A^{2j} = A^{2(j−1)} · A².
                j => &self.even[j - 1] * &self.even[1],
            };
            self.even.push(next);
        }
        &self.even[k]
    }

    /// d_{2k} = ‖A^{2k}‖₁^{1/(2k)}.
    fn d(&mut self, k: usize) -> f64 {
        one_norm(self.even(k)).powf(1.0 / (2 * k) as f64)
    }
}

/// The coefficients b_0 … b_m of the [m/m] Padé approximant of e^x, normalised to b_0 = 1:
/// p_m(x) = Σ b_j x^j and q_m(x) = p_m(−x).
///
/// Eqn: b_j = (2m−j)! m! / ((2m)! j! (m−j)!), so b_{j+1} = b_j (m−j) / ((j+1)(2m−j)).
fn pade_coefficients(m: usize) -> Vec<f64> {
    let mut b = vec![1.0];
    for j in 0..m {
        b.push(b[j] * (m - j) as f64 / ((j + 1) * (2 * m - j)) as f64);
    }
    b
}

/// ℓ(A, m) of Al-Mohy & Higham (2009), eq. (5.1): how many extra squarings keep the rounding
/// in r_m(A) below u when |A| is much more non-normal than A.
///
/// Eqn: α = |c_{2m+1}| ‖ |A|^{2m+1} ‖₁ / ‖A‖₁ with |c_{2m+1}| = (m!)² / ((2m)! (2m+1)!),
/// ℓ = max(⌈log₂(α/u) / (2m)⌉, 0).
fn extra_squarings(a: &DMatrix<f64>, m: usize) -> u32 {
    let norm = one_norm(a);
    let abs = a.abs();
    // ‖ |A|^p ‖₁ is the largest entry of 1ᵀ|A|^p, since |A|^p has no negative entries. The row
    // is renormalised after every product and the scale kept as a base-2 logarithm, so that
    // the power cannot overflow.
    let mut row = nalgebra::RowDVector::<f64>::from_element(a.nrows(), 1.0);
    let mut log2_power_norm = 0.0;
    for _ in 0..2 * m + 1 {
        row = &row * &abs;
        let top = row.max();
        if top == 0.0 || norm == 0.0 {
            return 0;
        }
        row /= top;
        log2_power_norm += top.log2();
    }
    let factorial = |k: usize| (1..=k).map(|i| i as f64).product::<f64>();
    let c = factorial(m).powi(2) / (factorial(2 * m) * factorial(2 * m + 1));
    let log2_alpha = c.log2() + log2_power_norm - norm.log2();
    let ell = ((log2_alpha - UNIT_ROUNDOFF.log2()) / (2 * m) as f64).ceil();
    // A non-finite ℓ (from an overflowed norm) asks for as many squarings as there can be.
    if ell > 0.0 { ell.min(f64::from(f64::MAX_EXP)) as u32 } else { 0 }
}

/// Chooses the Padé order m and the scaling s (Al-Mohy & Higham 2009, Algorithm 6.1, with
/// exact norms of the even powers).
fn choose_order(p: &mut Powers) -> Result<(usize, u32)> {
    let (d4, d6) = (p.d(2), p.d(3));
    let eta_1 = d4.max(d6);
    for &(m, theta) in &THETA[..2] {
        if eta_1 <= theta && extra_squarings(&p.a, m) == 0 {
            return Ok((m, 0));
        }
    }
    let d8 = p.d(4);
    let eta_3 = d6.max(d8);
    for &(m, theta) in &THETA[2..] {
        if eta_3 <= theta && extra_squarings(&p.a, m) == 0 {
            return Ok((m, 0));
        }
    }
    // d_10 = ‖A⁴ A⁶‖₁^{1/10}.
    let d10 = one_norm(&(&p.even[2] * &p.even[3])).powf(0.1);
    let eta_5 = eta_3.min(d8.max(d10));
    // Powers that overflowed give infinite η; ‖A‖₁ is always an upper bound for it.
    let eta_5 = eta_5.min(one_norm(&p.a));
    if !eta_5.is_finite() {
        return Err(SsmError::Numerical("the norm of M overflows f64".into()));
    }
    let s = if eta_5 <= THETA_13 { 0 } else { (eta_5 / THETA_13).log2().ceil() as u32 };
    let scaled = &p.a * 0.5f64.powi(s as i32);
    let s = s + extra_squarings(&scaled, 13);
    // 2^{-s} must stay a normal number for the scaling and the exact triangular entries.
    if s > 1022 {
        return Err(SsmError::Numerical("the norm of M is too large to scale and square".into()));
    }
    Ok((13, s))
}

/// r_m(A) = (V − U)⁻¹ (V + U) with U = A Σ b_{2k+1} A^{2k} (odd part), V = Σ b_{2k} A^{2k}.
fn pade(p: &mut Powers, m: usize) -> Result<DMatrix<f64>> {
    let b = pade_coefficients(m);
    let n = p.a.nrows();
    let (u_inner, v) = if m == 13 {
        // Eqn: for m = 13 the high powers are grouped as A⁶(…), so only A², A⁴, A⁶ are formed.
        p.even(3);
        let (a2, a4, a6) = (&p.even[1], &p.even[2], &p.even[3]);
        let u_high = a6 * b[13] + a4 * b[11] + a2 * b[9];
        let v_high = a6 * b[12] + a4 * b[10] + a2 * b[8];
        let u_low = a6 * b[7] + a4 * b[5] + a2 * b[3] + DMatrix::identity(n, n) * b[1];
        let v_low = a6 * b[6] + a4 * b[4] + a2 * b[2] + DMatrix::identity(n, n) * b[0];
        (a6 * u_high + u_low, a6 * v_high + v_low)
    } else {
        let mut u_inner = DMatrix::zeros(n, n);
        let mut v = DMatrix::zeros(n, n);
        for k in 0..=m / 2 {
            let power = p.even(k);
            v += power * b[2 * k];
            if 2 * k < m {
                u_inner += power * b[2 * k + 1];
            }
        }
        (u_inner, v)
    };
    let u = &p.a * u_inner;
    (&v - &u)
        .lu()
        .solve(&(&v + &u))
        .ok_or_else(|| SsmError::Numerical("the Padé denominator q_m(M) is singular".into()))
}

fn pade_scaling_and_squaring(a: &DMatrix<f64>) -> Result<DMatrix<f64>> {
    let mut powers = Powers::new(a.clone());
    let (m, s) = choose_order(&mut powers)?;
    if s == 0 {
        return pade(&mut powers, m);
    }
    let scale = 0.5f64.powi(s as i32);
    let mut scaled = Powers::new(a * scale);
    // Eqn: (2^{-s} A)^{2k} = 2^{-2ks} A^{2k}. Reuse A², A⁴, A⁶ while that factor is a normal
    // number and they did not overflow; otherwise they are formed afresh from 2^{-s} A.
    for k in 1..=3 {
        let factor = scale.powi(2 * k as i32);
        match powers.even.get(k) {
            Some(p) if factor.is_normal() && p.iter().all(|x| x.is_finite()) => {
                scaled.even.push(p * factor);
            }
            _ => break,
        }
    }
    let mut x = pade(&mut scaled, m)?;
    let structure = triangle(a);
    for j in (0..=s).rev() {
        if j < s {
            // Eqn: exp(2^{-j} A) = exp(2^{-(j+1)} A)².
            x = &x * &x;
        }
        if let Some(t) = structure {
            fix_triangular(&mut x, a, 0.5f64.powi(j as i32), t);
        }
    }
    Ok(x)
}

/// Overwrites the diagonal and the first off-diagonal of X ≈ exp(σT), T triangular, with their
/// exact values (Al-Mohy & Higham 2009, Code Fragment 2.1).
///
/// Eqn: exp(σT)_ii = e^{σλ_i}; for the 2×2 block [[λ₁, t], [0, λ₂]] of σT the off-diagonal entry
/// is t (e^{λ₂} − e^{λ₁}) / (λ₂ − λ₁) = t e^{(λ₁+λ₂)/2} sinh(δ)/δ with δ = (λ₂ − λ₁)/2.
/// The second form avoids cancellation when λ₁ ≈ λ₂; the first avoids 0·∞ when they are far
/// apart.
fn fix_triangular(x: &mut DMatrix<f64>, t: &DMatrix<f64>, sigma: f64, triangle: Triangle) {
    let n = t.nrows();
    for i in 0..n {
        x[(i, i)] = (sigma * t[(i, i)]).exp();
    }
    for i in 0..n.saturating_sub(1) {
        let (l1, l2) = (sigma * t[(i, i)], sigma * t[(i + 1, i + 1)]);
        let half_gap = (l2 - l1) / 2.0;
        let factor = if half_gap == 0.0 {
            l1.exp()
        } else if half_gap.abs() < 1.0 {
            ((l1 + l2) / 2.0).exp() * half_gap.sinh() / half_gap
        } else {
            (l2.exp() - l1.exp()) / (l2 - l1)
        };
        match triangle {
            Triangle::Upper => x[(i, i + 1)] = sigma * t[(i, i + 1)] * factor,
            Triangle::Lower => x[(i + 1, i)] = sigma * t[(i + 1, i)] * factor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pade_coefficients_match_higham_integers_for_order_13() {
        // Higham (2005) lists b_j scaled so that b_13 = 1; ours have b_0 = 1.
        let b = pade_coefficients(13);
        let integers = [64764752532480000.0, 32382376266240000.0, 7771770303897600.0];
        for (j, &expect) in integers.iter().enumerate() {
            assert!((b[j] / b[13] - expect).abs() <= 1e-15 * expect, "b_{j}");
        }
    }

    #[test]
    fn triangles_are_detected() {
        let upper = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 0.0, 3.0]);
        assert!(triangle(&upper) == Some(Triangle::Upper));
        assert!(triangle(&upper.transpose()) == Some(Triangle::Lower));
        assert!(triangle(&DMatrix::from_element(2, 2, 1.0)).is_none());
    }
}
