#!/usr/bin/env python3
"""Golden values for the LTI core (issue 3), computed with scipy and numpy.

Run from anywhere:  python3 tests/golden/gen_lti.py
It rewrites tests/golden/lti_{expm,discretize,kernel,simulate,hippo}.json next to this file.
Each file is a list of cases {"name", "request", "expect"}: `request` is exactly what
`mamba-explainer eval` reads on stdin and `expect` the keys it must answer with.
tests/lti_golden.rs runs every request through the built binary and compares.

Conventions and how they are mapped onto scipy:
- expm: scipy.linalg.expm. Each expm case also carries "exact": the exponential computed by
  mpmath with 50 significant digits and rounded to f64, to measure the accuracy of both.
- discretize: scipy.signal.cont2discrete. 'zoh' is ours; 'bilinear' is gbt with alpha = 1/2,
  whose Abar = (I - dt/2 A)^-1 (I + dt/2 A) and Bbar = (I - dt/2 A)^-1 dt B are S4's; 'euler'
  is gbt with alpha = 0 (forward Euler), Abar = I + dt A, Bbar = dt B. cont2discrete also
  changes C and D for 'bilinear' (the Tustin output equation); S4 keeps C and D, and so do we,
  so only its Abar and Bbar are used.
- Our recurrence is h_{-1} = 0, h_k = Abar h_{k-1} + Bbar x_k, y_k = C h_k + D x_k.
  scipy.signal.dlsim runs s_{k+1} = A s_k + B u_k, y_k = C s_k + D u_k with s_0 = 0. With
  A = Abar, B = Bbar the two states are shifted by one: h_k = s_{k+1}. Hence
  y_k = C (Abar s_k + Bbar u_k) + D u_k, i.e. dlsim of (Abar, Bbar, C Abar, C Bbar + D) gives our
  y, and its state sequence run over L + 1 inputs, dropping s_0, gives our h_0 .. h_{L-1}.
- kernel: K_k = C Abar^k Bbar is our output to a unit impulse at k = 0 with D = 0, so it is the
  same dlsim run with u = (1, 0, 0, ...).
- hippo: the S4 code's transition('legs') / transition('legt') written out here in numpy
  (LegS built as S4 does, T M T^-1; LegT including S4's factor 1/2), and the S4D-Lin / S4D-Real
  diagonals (A_n = -1/2 + i pi n, A_n = -(n + 1), B = 1).
"""

import json
import os

import mpmath
import numpy as np
import scipy
import scipy.linalg as sla
import scipy.signal as sig

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261128)


def mat(m):
    return [[float(v) for v in row] for row in np.atleast_2d(np.asarray(m, dtype=float))]


def vec(v):
    return [float(x) for x in np.asarray(v, dtype=float).ravel()]


def col(v):
    return [[float(x)] for x in np.asarray(v, dtype=float).ravel()]


def random_stable(n, shift=0.5):
    """A random dense A whose eigenvalues have real parts below -shift (roughly)."""
    a = rng.standard_normal((n, n)) / np.sqrt(n)
    return a - (np.max(np.linalg.eigvals(a).real) + shift) * np.eye(n)


def legs(n):
    """S4's transition('legs'): M = -(lower-triangular (2q+1) minus diag(q)), A = T M T^-1."""
    q = np.arange(n, dtype=float)
    r = 2 * q + 1
    m = -(np.tril(np.ones((n, n))) * r[None, :] - np.diag(q))
    t = np.diag(np.sqrt(r))
    return t @ m @ np.linalg.inv(t), np.sqrt(r)[:, None]


def legt(n):
    """S4's transition('legt'), including its final halving of A and B."""
    q = np.arange(n, dtype=float)
    r = np.sqrt(2 * q + 1)
    row, column = np.meshgrid(q, q, indexing="ij")
    sign = np.where(row < column, (-1.0) ** (row - column), 1.0)
    a = -(r[:, None] * sign * r[None, :])
    return 0.5 * a, 0.5 * r[:, None]


def discrete(a, b, delta, method):
    """(Abar, Bbar) from scipy.signal.cont2discrete, with the method names mapped."""
    n, m = b.shape
    c = np.eye(n)
    d = np.zeros((n, m))
    if method == "zoh":
        out = sig.cont2discrete((a, b, c, d), delta, method="zoh")
    elif method == "bilinear":
        out = sig.cont2discrete((a, b, c, d), delta, method="gbt", alpha=0.5)
    else:
        out = sig.cont2discrete((a, b, c, d), delta, method="gbt", alpha=0.0)
    return out[0], out[1]


def shifted_dlsim(a_bar, b_bar, c, d, x):
    """Our (y, states) from dlsim, by the index shift explained above."""
    n = a_bar.shape[0]
    u = np.append(np.asarray(x, dtype=float), 0.0)
    system = (a_bar, b_bar, c @ a_bar, c @ b_bar + d, 1.0)
    _, y, s = sig.dlsim(system, u, x0=np.zeros(n))
    y, states = np.asarray(y).ravel()[:-1], np.asarray(s)[1:, :]
    # The mapping claimed above, checked against the recurrence written out plainly.
    h = np.zeros(n)
    for k, x_k in enumerate(x):
        h = a_bar @ h + b_bar[:, 0] * x_k
        assert np.allclose(h, states[k], rtol=1e-9, atol=1e-12 * (1 + np.abs(h).max()))
        assert np.isclose(c[0] @ h + d[0, 0] * x_k, y[k], rtol=1e-9, atol=1e-12)
    return y, states


def expm_cases():
    cases = []

    def add(name, m):
        m = np.asarray(m, dtype=float)
        with mpmath.workdps(50):
            exact = mpmath.expm(mpmath.matrix(m.tolist()))
            exact = [[float(exact[i, j]) for j in range(m.shape[1])] for i in range(m.shape[0])]
        cases.append({"name": name, "request": {"op": "expm", "M": mat(m)},
                      "expect": {"expm": mat(sla.expm(m))}, "exact": exact})

    for n in (2, 3, 5, 8, 16):
        for scale in (1e-3, 0.3, 2.0, 8.0):
            add(f"random n={n} scale={scale}", scale * rng.standard_normal((n, n)))
    add("1x1", [[0.7]])
    add("diagonal", np.diag([1.0, -2.0, 0.0, 3.5]))
    add("zero", np.zeros((3, 3)))
    add("double integrator", [[0.0, 1.0], [0.0, 0.0]])
    add("nilpotent shift 3x3 times 10", 10 * np.diag([1.0, 1.0], 1))
    add("strictly upper triangular 6x6", np.triu(rng.standard_normal((6, 6)), 1) * 3)
    p = rng.standard_normal((4, 4))
    add("nilpotent, not triangular", p @ np.diag([1.0, 2.0, 3.0], 1) @ np.linalg.inv(p))
    add("Moler-Van Loan [[-49, 24], [-64, 31]]", [[-49.0, 24.0], [-64.0, 31.0]])
    add("rotation, angle 100", [[0.0, 100.0], [-100.0, 0.0]])
    s = rng.standard_normal((5, 5))
    add("skew-symmetric norm ~ 60", 20 * (s - s.T))
    q, _ = np.linalg.qr(rng.standard_normal((4, 4)))
    add("stiff, eigenvalues -1 .. -1000", q @ np.diag([-1.0, -10.0, -100.0, -1000.0]) @ q.T)
    add("triangular, huge off-diagonal", [[-1.0, 1e6], [0.0, -2.0]])
    add("triangular 3x3, off-diagonal 1e4", [[0.5, 1e4, -3e3], [0.0, -0.5, 2e4], [0.0, 0.0, -1.0]])
    add("lower triangular, norm 300", np.tril(rng.standard_normal((4, 4))) * 100
        - 300 * np.eye(4))
    a, _ = legs(8)
    add("LegS n=8 times 0.5", 0.5 * a)
    a, _ = legs(32)
    add("LegS n=32 times 2", 2.0 * a)
    add("large norm 50 random", random_stable(6, 1.0) * 50)
    return cases


def discretize_cases():
    cases = []

    def add(name, a, b, delta, method):
        a_bar, b_bar = discrete(np.asarray(a, float), np.asarray(b, float), delta, method)
        cases.append({
            "name": f"{name} delta={delta} {method}",
            "request": {"op": "discretize", "A": mat(a), "B": mat(b), "delta": delta,
                        "method": method},
            "expect": {"A_bar": mat(a_bar), "B_bar": mat(b_bar)},
        })

    for method in ("zoh", "bilinear", "euler"):
        for n, m in ((1, 1), (2, 1), (3, 2), (5, 1), (8, 3)):
            for delta in (1e-3, 0.1, 1.0):
                add(f"random stable n={n} m={m}", random_stable(n), rng.standard_normal((n, m)),
                    delta, method)
        add("random unstable n=4", rng.standard_normal((4, 4)) + 0.5 * np.eye(4),
            rng.standard_normal((4, 1)), 0.3, method)
        for delta in (0.1, 1.0, 10.0):
            add("double integrator", [[0.0, 1.0], [0.0, 0.0]], [[0.0], [1.0]], delta, method)
        add("singular A, zero row", [[0.0, 0.0], [1.0, -1.0]], [[1.0], [0.5]], 0.5, method)
        add("zero A", np.zeros((3, 3)), rng.standard_normal((3, 2)), 0.25, method)
        add("mass-spring-damper m=1 k=4 c=0.4", [[0.0, 1.0], [-4.0, -0.4]], [[0.0], [1.0]],
            0.05, method)
        for n, delta in ((4, 0.1), (16, 0.01), (32, 1.0 / 32)):
            a, b = legs(n)
            add(f"LegS n={n}", a, b, delta, method)
        a, b = legt(8)
        add("LegT n=8", a, b, 0.05, method)
    return cases


def siso(n):
    return random_stable(n), rng.standard_normal((n, 1)), rng.standard_normal((1, n))


def kernel_cases():
    cases = []

    def add(name, a, b, c, delta, method, length):
        a_bar, b_bar = discrete(a, b, delta, method)
        impulse = np.zeros(length)
        impulse[0] = 1.0
        k, _ = shifted_dlsim(a_bar, b_bar, c, np.zeros((1, 1)), impulse)
        cases.append({
            "name": f"{name} delta={delta} {method} L={length}",
            "request": {"op": "kernel", "A": mat(a), "B": mat(b), "C": mat(c), "delta": delta,
                        "method": method, "length": length},
            "expect": {"kernel": vec(k)},
        })

    for method in ("zoh", "bilinear", "euler"):
        for n, length in ((1, 1), (2, 10), (4, 64), (8, 200)):
            add(f"random n={n}", *siso(n), 0.1, method, length)
        add("double integrator", np.array([[0.0, 1.0], [0.0, 0.0]]), np.array([[0.0], [1.0]]),
            np.array([[1.0, 0.0]]), 0.2, method, 50)
        a, b = legs(16)
        add("LegS n=16", a, b, rng.standard_normal((1, 16)), 1.0 / 64, method, 128)
        a, b = legt(8)
        add("LegT n=8", a, b, rng.standard_normal((1, 8)), 0.05, method, 100)
    return cases


def simulate_cases():
    cases = []

    def add(name, a, b, c, d, delta, method, x):
        a_bar, b_bar = discrete(a, b, delta, method)
        y, states = shifted_dlsim(a_bar, b_bar, c, np.array([[0.0 if d is None else d]]), x)
        base = {"op": "simulate", "A": mat(a), "B": mat(b), "C": mat(c), "delta": delta,
                "method": method, "x": vec(x)}
        if d is not None:
            base["D"] = d
        for mode in ("recurrent", "convolution", "fft"):
            expect = {"y": vec(y)}
            if mode == "recurrent":
                expect["states"] = mat(states)
            cases.append({"name": f"{name} delta={delta} {method} L={len(x)} {mode}",
                          "request": dict(base, mode=mode), "expect": expect})

    for method in ("zoh", "bilinear", "euler"):
        for n, length, d in ((1, 1, None), (2, 7, 0.5), (4, 40, None), (6, 100, -1.25)):
            add(f"random n={n}", *siso(n), d, 0.1, method, rng.standard_normal(length))
        a, b = legs(8)
        t = np.linspace(0.0, 1.0, 100)
        add("LegS n=8 on a chirp", a, b, rng.standard_normal((1, 8)), 0.25, 1.0 / 100, method,
            np.sin(2 * np.pi * (2 + 6 * t) * t))
        add("mass-spring-damper, step input", np.array([[0.0, 1.0], [-4.0, -0.4]]),
            np.array([[0.0], [1.0]]), np.array([[1.0, 0.0]]), None, 0.05, method, np.ones(80))
    return cases


def hippo_cases():
    cases = []
    for n in (1, 2, 5, 16, 48):
        a, b = legs(n)
        cases.append({"name": f"legs n={n}", "request": {"op": "hippo", "kind": "legs", "n": n},
                      "expect": {"A": mat(a), "B": mat(b)}})
    for n in (1, 3, 8, 32):
        a, b = legt(n)
        cases.append({"name": f"legt n={n}", "request": {"op": "hippo", "kind": "legt", "n": n},
                      "expect": {"A": mat(a), "B": mat(b)}})
    for n in (1, 4, 10):
        q = np.arange(n, dtype=float)
        lin = -0.5 + 1j * np.pi * q
        cases.append({"name": f"s4d-lin n={n}",
                      "request": {"op": "hippo", "kind": "s4d-lin", "n": n},
                      "expect": {"A": mat(np.diag(lin.real)), "A_imag": mat(np.diag(lin.imag)),
                                 "B": col(np.ones(n))}})
        cases.append({"name": f"s4d-real n={n}",
                      "request": {"op": "hippo", "kind": "s4d-real", "n": n},
                      "expect": {"A": mat(np.diag(-(q + 1))), "B": col(np.ones(n))}})
    return cases


def main():
    versions = (f"scipy {scipy.__version__}, numpy {np.__version__}, "
                f"mpmath {mpmath.__version__}")
    for op, make in (("expm", expm_cases), ("discretize", discretize_cases),
                     ("kernel", kernel_cases), ("simulate", simulate_cases),
                     ("hippo", hippo_cases)):
        cases = make()
        document = {"generator": f"tests/golden/gen_lti.py ({versions})", "cases": cases}
        path = os.path.join(HERE, f"lti_{op}.json")
        with open(path, "w") as f:
            json.dump(document, f, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
