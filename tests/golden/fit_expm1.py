"""The polynomial of `src/ssm/selective/lanes.rs`: expm1(r) ≈ r·p(r) on |r| ≤ ln(2)/2, p of degree 10.

    python3 tests/golden/fit_expm1.py   (needs mpmath, which torch installs)

A least-squares fit of p(r) ≈ expm1(r)/r on 400 Chebyshev nodes, weighted for the relative
error of expm1, in 50-digit arithmetic (close to the minimax polynomial; Taylor's coefficients
would need degree 12 for the same accuracy). Prints the coefficients as a Rust array and the
worst relative error of r·p(r) evaluated in double precision.
"""

import mpmath as mp

mp.mp.dps = 50
DEGREE = 10
HALF_LN2 = mp.log(2) / 2
NODES = 400


def main():
    nodes = [HALF_LN2 * mp.cos(mp.pi * (j + 0.5) / NODES) for j in range(NODES)]
    A = mp.matrix(NODES, DEGREE + 1)
    b = mp.matrix(NODES, 1)
    for i, r in enumerate(nodes):
        g = mp.expm1(r) / r
        for k in range(DEGREE + 1):
            A[i, k] = r ** k / g
        b[i] = 1
    coeffs = mp.lu_solve(A.T * A, A.T * b)
    cs = [float(c) for c in coeffs]
    worst = 0
    for j in range(20001):
        r = float(-HALF_LN2 + 2 * HALF_LN2 * j / 20000)
        if r == 0:
            continue
        p = 0.0
        for c in reversed(cs):
            p = p * r + c
        exact = mp.expm1(mp.mpf(r))
        worst = max(worst, abs((mp.mpf(p * r) - exact) / exact))
    print(f"const EXPM1_POLY: [f64; {DEGREE + 1}] = [")
    for c in cs:
        print(f"    {c!r},")
    print("];")
    print(f"// worst relative error of r·p(r) in double precision: {float(worst):.3e}")


if __name__ == "__main__":
    main()
