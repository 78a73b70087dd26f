"""Golden values for the selective scan and the Mamba mixer, computed with PyTorch in float64.

Run from the repository root (needs numpy and torch from PyPI):

    python3 tests/golden/gen_selective.py

It writes tests/golden/selective_scan.json and tests/golden/mamba_block.json, which the Rust tests
in tests/selective_golden.rs and tests/block_mixer.rs compare against. Everything in them is
computed here; nothing is typed by hand.

`selective_scan_ref` below follows the official reference algorithm of mamba_ssm
(`selective_scan_ref`) step by step, with two changes: no batch dimension, and float64 throughout
(upstream casts to float32 first, which would hide errors far above 1e-9). It adds the exact
zero-order-hold input rule (`zoh=True`) that the course compares with the official Euler rule.
`mixer_ref` is the slow path of the official `Mamba.forward` built from torch's own modules
(nn.Linear, nn.Conv1d), with the official initialisation recipe.
"""

import json
import math
import pathlib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = pathlib.Path(__file__).resolve().parent


def selective_scan_ref(u, delta, A, B, C, D=None, z=None, delta_bias=None,
                       delta_softplus=False, zoh=False):
    """u, delta: (D, L); A: (D, N); B, C: (N, L); D, delta_bias: (D,); z: (D, L)."""
    if delta_bias is not None:
        delta = delta + delta_bias[:, None]
    if delta_softplus:
        delta = F.softplus(delta)
    dA = torch.einsum("dl,dn->dln", delta, A)
    deltaA = torch.exp(dA)
    if zoh:
        # (exp(dA) - 1) / A, with its limit delta where dA == 0.
        kappa = torch.where(dA == 0, delta[:, :, None].expand_as(dA), torch.expm1(dA) / A[:, None, :])
        deltaB_u = kappa * torch.einsum("nl,dl->dln", B, u)
    else:
        deltaB_u = torch.einsum("dl,nl,dl->dln", delta, B, u)
    x = A.new_zeros(A.shape)
    ys = []
    for i in range(u.shape[1]):
        x = deltaA[:, i] * x + deltaB_u[:, i]
        ys.append(torch.einsum("dn,n->d", x, C[:, i]))
    y = torch.stack(ys, dim=1)
    out = y if D is None else y + u * D[:, None]
    if z is not None:
        out = out * F.silu(z)
    return out, x


def matrix(t):
    return [[float(v) for v in row] for row in t]


def vector(t):
    return [float(v) for v in t]


def scan_case(name, g, d, n, l, *, use_d=False, use_z=False, bias=False, softplus=False,
              zoh=False, delta_kind="positive", a_kind="negative"):
    u = torch.randn(d, l, generator=g)
    if delta_kind == "positive":
        delta = 0.05 + torch.rand(d, l, generator=g)
    elif delta_kind == "signed":
        delta = torch.randn(d, l, generator=g)
    else:  # "wide": crosses softplus's threshold of 20
        delta = 30.0 * torch.randn(d, l, generator=g)
    if a_kind == "negative":
        A = -torch.exp(torch.randn(d, n, generator=g))
    elif a_kind == "official":
        A = -torch.arange(1, n + 1).repeat(d, 1).to(torch.float64)
    else:  # "mixed": signs, small entries and exact zeros (the ZOH limit A -> 0)
        A = 0.5 * torch.randn(d, n, generator=g)
        A[0, 0] = 0.0
        A[-1, -1] = 1e-9
    B = torch.randn(n, l, generator=g)
    C = torch.randn(n, l, generator=g)
    D = torch.randn(d, generator=g) if use_d else None
    z = torch.randn(d, l, generator=g) if use_z else None
    delta_bias = torch.randn(d, generator=g) if bias else None
    y, last = selective_scan_ref(u, delta, A, B, C, D, z, delta_bias, softplus, zoh)
    request = {"u": matrix(u), "delta": matrix(delta), "A": matrix(A), "B": matrix(B),
               "C": matrix(C), "delta_softplus": softplus}
    if D is not None:
        request["D"] = vector(D)
    if z is not None:
        request["z"] = matrix(z)
    if delta_bias is not None:
        request["delta_bias"] = vector(delta_bias)
    return {"name": name, "rule": "zoh" if zoh else "euler", "input": request,
            "y": matrix(y), "last_state": matrix(last)}


def scan_cases():
    g = torch.Generator().manual_seed(20261128)
    return [
        scan_case("one_step", g, 1, 1, 1),
        scan_case("plain_odd", g, 3, 4, 7),
        scan_case("skip_only", g, 5, 2, 9, use_d=True),
        scan_case("gate_only", g, 2, 3, 11, use_z=True),
        scan_case("bias_softplus", g, 4, 5, 13, bias=True, softplus=True, delta_kind="signed"),
        scan_case("softplus_no_bias", g, 3, 3, 5, softplus=True, delta_kind="wide"),
        scan_case("signed_delta_no_softplus", g, 2, 4, 6, delta_kind="signed"),
        scan_case("all_options", g, 9, 16, 33, use_d=True, use_z=True, bias=True, softplus=True,
                  delta_kind="signed"),
        scan_case("all_options_official_A", g, 17, 8, 19, use_d=True, use_z=True, bias=True,
                  softplus=True, delta_kind="signed", a_kind="official"),
        scan_case("mixed_A", g, 3, 5, 15, use_d=True, a_kind="mixed", delta_kind="positive"),
        scan_case("zoh_plain", g, 3, 4, 7, zoh=True),
        scan_case("zoh_all_options", g, 9, 6, 21, use_d=True, use_z=True, bias=True,
                  softplus=True, zoh=True, delta_kind="signed"),
        scan_case("zoh_mixed_A", g, 3, 5, 15, zoh=True, a_kind="mixed"),
    ]


def mixer_modules(g, d_model, d_state, d_conv, expand, dt_min=0.001, dt_max=0.1,
                  dt_init_floor=1e-4, dt_scale=1.0):
    """The official Mamba.__init__ recipe (mamba_simple.py), drawing from generator g."""
    d_inner = expand * d_model
    dt_rank = math.ceil(d_model / 16)

    def kaiming(out_f, in_f):
        # torch's default Linear/Conv init: kaiming_uniform(a=sqrt(5)) = U(-1/sqrt(fan_in), +).
        bound = 1.0 / math.sqrt(in_f)
        return (torch.rand(out_f, in_f, generator=g) * 2 - 1) * bound

    in_proj = torch.nn.Linear(d_model, 2 * d_inner, bias=False)
    conv1d = torch.nn.Conv1d(d_inner, d_inner, kernel_size=d_conv, groups=d_inner,
                             padding=d_conv - 1, bias=True)
    x_proj = torch.nn.Linear(d_inner, dt_rank + 2 * d_state, bias=False)
    dt_proj = torch.nn.Linear(dt_rank, d_inner, bias=True)
    out_proj = torch.nn.Linear(d_inner, d_model, bias=False)
    with torch.no_grad():
        in_proj.weight.copy_(kaiming(2 * d_inner, d_model))
        bound = 1.0 / math.sqrt(d_conv)
        conv1d.weight.copy_((torch.rand(d_inner, 1, d_conv, generator=g) * 2 - 1) * bound)
        conv1d.bias.copy_((torch.rand(d_inner, generator=g) * 2 - 1) * bound)
        x_proj.weight.copy_(kaiming(dt_rank + 2 * d_state, d_inner))
        std = dt_rank ** -0.5 * dt_scale
        dt_proj.weight.copy_((torch.rand(d_inner, dt_rank, generator=g) * 2 - 1) * std)
        dt = torch.exp(torch.rand(d_inner, generator=g) * (math.log(dt_max) - math.log(dt_min))
                       + math.log(dt_min)).clamp(min=dt_init_floor)
        dt_proj.bias.copy_(dt + torch.log(-torch.expm1(-dt)))
        out_proj.weight.copy_(kaiming(d_model, d_inner))
    A_log = torch.log(torch.arange(1, d_state + 1, dtype=torch.float64).repeat(d_inner, 1))
    D = torch.ones(d_inner)
    # Perturb A_log and D a little so that a mix-up of rows or entries cannot go unnoticed.
    A_log = A_log + 0.1 * torch.randn(d_inner, d_state, generator=g)
    D = D + 0.1 * torch.randn(d_inner, generator=g)
    return dict(in_proj=in_proj, conv1d=conv1d, x_proj=x_proj, dt_proj=dt_proj,
                out_proj=out_proj, A_log=A_log, D=D, d_inner=d_inner, dt_rank=dt_rank,
                d_state=d_state, d_conv=d_conv)


def mixer_ref(m, hidden):
    """The slow path of the official Mamba.forward for one sequence: hidden is (L, d_model)."""
    seqlen = hidden.shape[0]
    xz = (m["in_proj"].weight @ hidden.T)              # (2 d_inner, L)
    x, z = xz.chunk(2, dim=0)
    conv = m["conv1d"](x[None])[0, :, :seqlen]         # causal: keep the first L outputs
    u = F.silu(conv)
    x_dbl = m["x_proj"](u.T)                           # (L, dt_rank + 2N)
    dt, B, C = torch.split(x_dbl, [m["dt_rank"], m["d_state"], m["d_state"]], dim=-1)
    dt = m["dt_proj"].weight @ dt.T                    # (d_inner, L), bias added in the scan
    A = -torch.exp(m["A_log"])
    # As upstream: D, the gate z, dt_proj.bias as delta_bias and softplus all inside the scan.
    gated, last = selective_scan_ref(u, dt, A, B.T, C.T, D=m["D"], z=z,
                                     delta_bias=m["dt_proj"].bias, delta_softplus=True)
    out = m["out_proj"](gated.T)                       # (L, d_model)
    # The same scan without the gate, for the intermediate "y before gating".
    y, _ = selective_scan_ref(u, dt, A, B.T, C.T, D=m["D"], z=None,
                              delta_bias=m["dt_proj"].bias, delta_softplus=True)
    delta = F.softplus(dt + m["dt_proj"].bias[:, None])
    intermediates = {"x": x, "z": z, "conv": conv, "x_act": u,
                     "delta_r": x_dbl[:, :m["dt_rank"]].T, "dt": dt, "delta": delta,
                     "B": B.T, "C": C.T, "y": y, "y_gated": gated}
    return out, last, intermediates


def state_dict(m):
    return {
        "in_proj.weight": matrix(m["in_proj"].weight),
        "conv1d.weight": [[vector(ch[0])] for ch in m["conv1d"].weight],
        "conv1d.bias": vector(m["conv1d"].bias),
        "x_proj.weight": matrix(m["x_proj"].weight),
        "dt_proj.weight": matrix(m["dt_proj"].weight),
        "dt_proj.bias": vector(m["dt_proj"].bias),
        "A_log": matrix(m["A_log"]),
        "D": vector(m["D"]),
        "out_proj.weight": matrix(m["out_proj"].weight),
    }


def rms_norm(x, weight, eps=1e-5):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


def mixer_cases():
    g = torch.Generator().manual_seed(4)
    cases = []
    with torch.no_grad():
        for name, d_model, d_state, d_conv, expand, length in [
            ("tiny_odd", 4, 3, 4, 2, 7),
            ("one_token", 20, 5, 2, 2, 1),
            ("wide_rank2", 20, 4, 3, 2, 10),
            ("default_state", 8, 16, 4, 2, 13),
            ("expand3_conv1", 6, 2, 1, 3, 5),
        ]:
            m = mixer_modules(g, d_model, d_state, d_conv, expand)
            x = torch.randn(length, d_model, generator=g)
            out, last, inter = mixer_ref(m, x)
            case = {"name": name, "weights": state_dict(m), "x": matrix(x), "y": matrix(out),
                    "last_state": matrix(last)}
            if name == "tiny_odd":
                case["intermediates"] = {k: matrix(v) for k, v in inter.items()}
            cases.append(case)
        # Residual blocks: x + mixer(rms_norm(x)), and a stack of two of them.
        blocks = [mixer_modules(g, 6, 4, 4, 2) for _ in range(2)]
        norms = [1.0 + 0.2 * torch.randn(6, generator=g) for _ in blocks]
        x = torch.randn(9, 6, generator=g)
        h = x
        outputs = []
        for m, w in zip(blocks, norms):
            h = h + mixer_ref(m, rms_norm(h, w))[0]
            outputs.append(matrix(h))
        stack = {"layers": [{"mixer": state_dict(m), "norm.weight": vector(w)}
                            for m, w in zip(blocks, norms)],
                 "x": matrix(x), "block_outputs": outputs}
    return cases, stack


def main():
    scans = scan_cases()
    (OUT / "selective_scan.json").write_text(json.dumps({"cases": scans}) + "\n")
    mixers, stack = mixer_cases()
    (OUT / "mamba_block.json").write_text(json.dumps({"cases": mixers, "stack": stack}) + "\n")
    print(f"wrote {len(scans)} scan cases and {len(mixers)} mixer cases + a 2-block stack")


if __name__ == "__main__":
    main()
