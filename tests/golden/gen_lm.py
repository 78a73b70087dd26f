"""Golden values for the Mamba language model of `src/lm` (MambaLMHeadModel, slow path),
computed with PyTorch float64 autograd: loss, logits and the gradient of every weight.

Run:  python3 tests/golden/gen_lm.py            -> writes tests/golden/lm_grad.json
      python3 tests/golden/gen_lm.py CKPT.safetensors TOKEN...   -> prints that checkpoint's
      logits for the tokens as JSON (an S6 gated checkpoint written by `mamba-explainer train`).

The model is written here from the maths in the official `mamba_simple.Mamba` slow path and
`MambaLMHeadModel`; its mixer is first checked against tests/golden/mamba_block.json.
"""
import json
import math
import struct
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = Path(__file__).parent


def mixer(w, x):
    """One mixer on x (L, d_model) with weights w (official names, no prefix)."""
    L = x.shape[0]
    d_inner = w["A_log"].shape[0]
    n = w["A_log"].shape[1]
    r = w["dt_proj.weight"].shape[1]
    xz = x @ w["in_proj.weight"].T                       # (L, 2E)
    xs, z = xz[:, :d_inner], xz[:, d_inner:]
    k = w["conv1d.weight"].shape[-1]
    conv = F.conv1d(xs.T[None], w["conv1d.weight"], w["conv1d.bias"], padding=k - 1,
                    groups=d_inner)[0, :, :L].T          # (L, E), causal
    u = F.silu(conv)
    dbl = u @ w["x_proj.weight"].T
    dr, B, C = dbl[:, :r], dbl[:, r:r + n], dbl[:, r + n:]
    delta = F.softplus(dr @ w["dt_proj.weight"].T + w["dt_proj.bias"])   # (L, E)
    A = -torch.exp(w["A_log"])
    h = torch.zeros(d_inner, n)
    ys = []
    for t in range(L):                                   # the reference per-step loop
        h = torch.exp(delta[t][:, None] * A) * h + (delta[t] * u[t])[:, None] * B[t][None, :]
        ys.append(h @ C[t] + w["D"] * u[t])
    y = torch.stack(ys)
    return (y * F.silu(z)) @ w["out_proj.weight"].T


def rms(x, weight, eps=1e-5):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


def lm(w, tokens):
    """Logits (L, V) of the language model with state dict w."""
    x = w["backbone.embedding.weight"][tokens]
    i = 0
    while f"backbone.layers.{i}.norm.weight" in w:
        p = f"backbone.layers.{i}.mixer."
        m = {k[len(p):]: v for k, v in w.items() if k.startswith(p)}
        x = x + mixer(m, rms(x, w[f"backbone.layers.{i}.norm.weight"]))
        i += 1
    x = rms(x, w["backbone.norm_f.weight"])
    head = w.get("lm_head.weight", w["backbone.embedding.weight"])
    return x @ head.T


def check_block_golden():
    g = json.loads((HERE / "mamba_block.json").read_text())
    worst = 0.0
    for case in g["cases"]:
        w = {k: torch.tensor(v) for k, v in case["weights"].items()}
        y = mixer(w, torch.tensor(case["x"]))
        worst = max(worst, (y - torch.tensor(case["y"])).abs().max().item())
    assert worst < 1e-10, f"mixer disagrees with mamba_block.json by {worst}"
    print(f"mixer agrees with mamba_block.json ({len(g['cases'])} cases, worst {worst:.1e})")


def random_model(g, vocab, d_model, layers, n, d_conv, dt_rank, tied):
    e = 2 * d_model
    u = lambda *s, b=1.0: (torch.rand(*s, generator=g) * 2 - 1) * b
    w = {"backbone.embedding.weight": torch.randn(vocab, d_model, generator=g)}
    for i in range(layers):
        p = f"backbone.layers.{i}."
        w[p + "norm.weight"] = 1 + 0.2 * torch.randn(d_model, generator=g)
        w[p + "mixer.in_proj.weight"] = u(2 * e, d_model, b=d_model ** -0.5)
        w[p + "mixer.conv1d.weight"] = u(e, 1, d_conv, b=d_conv ** -0.5)
        w[p + "mixer.conv1d.bias"] = u(e, b=d_conv ** -0.5)
        w[p + "mixer.x_proj.weight"] = u(dt_rank + 2 * n, e, b=e ** -0.5)
        w[p + "mixer.dt_proj.weight"] = u(e, dt_rank, b=dt_rank ** -0.5)
        dt = torch.exp(torch.rand(e, generator=g) * (math.log(0.1) - math.log(1e-3)) + math.log(1e-3))
        w[p + "mixer.dt_proj.bias"] = dt + torch.log(-torch.expm1(-dt))
        w[p + "mixer.A_log"] = torch.log(torch.arange(1, n + 1).double()).repeat(e, 1) \
            + 0.1 * torch.randn(e, n, generator=g)
        w[p + "mixer.D"] = 1 + 0.1 * torch.randn(e, generator=g)
        w[p + "mixer.out_proj.weight"] = u(d_model, e, b=e ** -0.5)
    w["backbone.norm_f.weight"] = 1 + 0.2 * torch.randn(d_model, generator=g)
    if not tied:
        w["lm_head.weight"] = u(vocab, d_model, b=d_model ** -0.5)
    return w


def case(name, seed, vocab, d_model, layers, n, d_conv, dt_rank, tied, L, ignore=()):
    g = torch.Generator().manual_seed(seed)
    w = random_model(g, vocab, d_model, layers, n, d_conv, dt_rank, tied)
    for v in w.values():
        v.requires_grad_(True)
    tokens = torch.randint(0, vocab, (L,), generator=g)
    targets = torch.randint(0, vocab, (L,), generator=g)
    for i in ignore:
        targets[i] = -100
    logits = lm(w, tokens)
    loss = F.cross_entropy(logits, targets, ignore_index=-100)
    loss.backward()
    out = lambda t: t.detach().tolist()
    return {"name": name, "weights": {k: out(v) for k, v in w.items()},
            "tokens": tokens.tolist(), "targets": targets.tolist(), "loss": loss.item(),
            "logits": out(logits), "grads": {k: out(v.grad) for k, v in w.items()}}


def read_safetensors(path):
    raw = Path(path).read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + size])
    body = raw[8 + size:]
    w = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] in ("F32", "F64"), info["dtype"]
        fmt = "f" if info["dtype"] == "F32" else "d"
        a, b = info["data_offsets"]
        values = struct.unpack(f"<{(b - a) // struct.calcsize(fmt)}{fmt}", body[a:b])
        w[name] = torch.tensor(values).reshape(info["shape"])
    return w


def main():
    if len(sys.argv) > 2:
        w = read_safetensors(sys.argv[1])
        tokens = torch.tensor([int(t) for t in sys.argv[2:]])
        print(json.dumps({"logits": lm(w, tokens).tolist()}))
        return
    check_block_golden()
    cases = [
        case("tied_1layer", 1, 7, 4, 1, 3, 4, 1, True, 5),
        case("untied_2layers_odd", 2, 5, 6, 2, 4, 3, 2, False, 7, ignore=(0, 3)),
        case("tied_2layers_L1", 3, 6, 4, 2, 2, 4, 1, True, 1),
        case("untied_1layer_L9", 4, 9, 8, 1, 5, 2, 1, False, 9, ignore=(8,)),
        case("tied_2layers_L13", 5, 11, 5, 2, 3, 4, 2, True, 13, ignore=(1, 2, 5)),
    ]
    (HERE / "lm_grad.json").write_text(json.dumps({"cases": cases}) + "\n")
    print(f"wrote {len(cases)} lm_grad cases")


if __name__ == "__main__":
    main()
