"""The selective-scan speed comparison: the official reference algorithm as a PyTorch-CPU loop in
float32 (as upstream's `selective_scan_ref` runs it) next to `mamba-explainer bench`, on the same
machine in the same run.

    cargo build --release --bin mamba-explainer
    python3 tests/golden/bench_torch.py [--binary target/release/mamba-explainer] [--threads 2]

Both sides use the Mamba options: delta_bias, softplus, D and the z gate. An update is one
(channel, state, step) triple, so a run does D·N·L updates. The script prints one JSON line per
measurement and a table at the end.
"""

import argparse
import json
import statistics
import subprocess
import time

import torch
import torch.nn.functional as F

SIZES = [(64, 16, 1024), (1536, 16, 2048)]


def selective_scan_ref(u, delta, A, B, C, D, z, delta_bias, delta_softplus=True):
    """The official reference loop (batch dimension kept, float32 throughout)."""
    delta = delta + delta_bias[..., None]
    if delta_softplus:
        delta = F.softplus(delta)
    batch, dim, dstate = u.shape[0], A.shape[0], A.shape[1]
    x = A.new_zeros((batch, dim, dstate))
    ys = []
    deltaA = torch.exp(torch.einsum("bdl,dn->bdln", delta, A))
    deltaB_u = torch.einsum("bdl,bnl,bdl->bdln", delta, B, u)
    for i in range(u.shape[2]):
        x = deltaA[:, :, i] * x + deltaB_u[:, :, i]
        ys.append(torch.einsum("bdn,bn->bd", x, C[:, :, i]))
    y = torch.stack(ys, dim=2)
    out = y + u * D[:, None]
    return out * F.silu(z)


def torch_median(d, n, l, repeat):
    g = torch.Generator().manual_seed(0)
    f32 = torch.float32
    u, delta, z = (torch.randn(1, d, l, generator=g, dtype=f32) for _ in range(3))
    B, C = (torch.randn(1, n, l, generator=g, dtype=f32) for _ in range(2))
    A = -torch.arange(1, n + 1, dtype=f32).repeat(d, 1)
    D = torch.ones(d, dtype=f32)
    delta_bias = torch.randn(d, generator=g, dtype=f32) * 0.1 - 4.0
    with torch.no_grad():
        for _ in range(2):  # warm-up
            selective_scan_ref(u, delta, A, B, C, D, z, delta_bias)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            selective_scan_ref(u, delta, A, B, C, D, z, delta_bias)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def rust(binary, d, n, l, repeat, threads):
    args = [binary, "bench", "selective-scan", "--d", str(d), "--n", str(n), "--l", str(l),
            "--algorithm", "sequential", "--repeat", str(repeat)]
    if threads is not None:
        args += ["--threads", str(threads)]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="target/release/mamba-explainer")
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    for d, n, l in SIZES:
        updates = d * n * l
        repeat = args.repeat if updates < 10_000_000 else max(3, args.repeat // 2)
        t = torch_median(d, n, l, repeat)
        line = {"op": "selective_scan", "impl": "torch_ref_f32", "d": d, "n": n, "l": l,
                "threads": args.threads, "median_s": t, "updates_per_s": updates / t}
        print(json.dumps(line), flush=True)
        ours = {}
        for threads in (args.threads, 1):
            r = rust(args.binary, d, n, l, repeat * 2 + 1, threads)
            print(json.dumps(r), flush=True)
            ours[threads] = r["updates_per_s"]
        rows.append((d, n, l, updates / t, ours[args.threads], ours[1]))
    print()
    print(f"| D×N×L | torch f32 loop ({args.threads} thr) | ours f64 ({args.threads} thr) | "
          "speed-up | ours f64 (1 thr) | speed-up |")
    print("|---|---|---|---|---|---|")
    for d, n, l, torch_rate, ours_rate, ours_one in rows:
        print(f"| {d}×{n}×{l} | {torch_rate / 1e6:.1f} M/s | {ours_rate / 1e6:.1f} M/s | "
              f"{ours_rate / torch_rate:.1f}× | {ours_one / 1e6:.1f} M/s | "
              f"{ours_one / torch_rate:.1f}× |")


if __name__ == "__main__":
    main()
