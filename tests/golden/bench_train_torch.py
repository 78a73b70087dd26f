"""Times one optimizer step of the same Mamba LM as `mamba-explainer bench train-step` in
PyTorch eager (autograd through the reference per-step loop scan), float32, 2 threads.

Run: python3 tests/golden/bench_train_torch.py [--repeat R]  -> one JSON line (median seconds).
Sizes: d_model 32, 2 layers, N 16, expand 2, d_conv 4, selective copying 64 + 4, 8 colours,
batch 32, AdamW lr 3e-3.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F

from gen_lm import random_model, rms

torch.set_num_threads(2)


def mixer(w, x):
    """The mixer on a batch x (B, L, d_model), the reference per-step loop scan."""
    bsz, L, _ = x.shape
    e, n = w["A_log"].shape
    r = w["dt_proj.weight"].shape[1]
    xs, z = (x @ w["in_proj.weight"].T).split(e, dim=-1)
    k = w["conv1d.weight"].shape[-1]
    conv = F.conv1d(xs.transpose(1, 2), w["conv1d.weight"], w["conv1d.bias"], padding=k - 1,
                    groups=e)[..., :L].transpose(1, 2)
    u = F.silu(conv)
    dr, B, C = (u @ w["x_proj.weight"].T).split([r, n, n], dim=-1)
    delta = F.softplus(dr @ w["dt_proj.weight"].T + w["dt_proj.bias"])
    A = -torch.exp(w["A_log"])
    h = torch.zeros(bsz, e, n)
    ys = []
    for t in range(L):
        h = torch.exp(delta[:, t, :, None] * A) * h \
            + (delta[:, t] * u[:, t])[..., None] * B[:, t, None, :]
        ys.append((h @ C[:, t, :, None])[..., 0] + w["D"] * u[:, t])
    y = torch.stack(ys, dim=1)
    return (y * F.silu(z)) @ w["out_proj.weight"].T


def lm(w, tokens, layers=2):
    x = w["backbone.embedding.weight"][tokens]
    for i in range(layers):
        p = f"backbone.layers.{i}.mixer."
        m = {k[len(p):]: v for k, v in w.items() if k.startswith(p)}
        x = x + mixer(m, rms(x, w[f"backbone.layers.{i}.norm.weight"]))
    return rms(x, w["backbone.norm_f.weight"]) @ w["backbone.embedding.weight"].T


def batch(g, n, context=64, memorize=4, colors=8):
    tokens = torch.zeros(n, context + memorize, dtype=torch.long)
    targets = torch.full((n, context + memorize), -100, dtype=torch.long)
    for b in range(n):
        pos = torch.randperm(context, generator=g)[:memorize].sort().values
        data = torch.randint(1, colors + 1, (memorize,), generator=g)
        tokens[b, pos] = data
        tokens[b, context:] = colors + 1
        targets[b, context:] = data
    return tokens, targets


def main():
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 10
    torch.set_default_dtype(torch.float32)
    g = torch.Generator().manual_seed(0)
    w = random_model(g, 10, 32, 2, 16, 4, 2, True)
    w = {k: v.float().requires_grad_(True) for k, v in w.items()}
    opt = torch.optim.AdamW(w.values(), lr=3e-3)
    times = []
    for i in range(repeat + 1):
        tokens, targets = batch(g, 32)
        start = time.perf_counter()
        loss = F.cross_entropy(lm(w, tokens).flatten(0, 1), targets.flatten(), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i > 0:
            times.append(time.perf_counter() - start)
    print(json.dumps({"bench": "train-step-torch", "median_s": statistics.median(times),
                      "repeat": repeat, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
