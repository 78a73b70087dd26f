#!/usr/bin/env bash
# Regenerates the checkpoints shipped with #/train (static/checkpoints/): the default settings of
# `mamba-explainer train` for the S6 layer and its S4 twin, seed 0, 1,000 steps. Writes
# <layer>.safetensors, <layer>.json (config, task, seed, steps and the run's history: every
# step's loss, the held-out accuracy every 50 steps) and <layer>.result.json (the final line:
# held-out accuracy on the 512 fixed examples), which tests check the shipped files against; and
# bench.json, one-thread `bench train-step` times of both layers (what one worker in the page is
# compared with), with the machine's load when they were measured.
set -euo pipefail
cd "$(dirname "$0")/.."
out=static/checkpoints
mkdir -p "$out"
cargo build --release --bin mamba-explainer
bin="${CARGO_TARGET_DIR:-target}/release/mamba-explainer"
for layer in s6 s4; do
  cmd=("$bin" train --layer "$layer" --seed 0 --steps 1000 --every 50 --out "$out/$layer.safetensors")
  echo "${cmd[*]}" >&2
  "${cmd[@]}" | tail -n 1 > "$out/$layer.result.json"
  cat "$out/$layer.result.json" >&2
done
s6=$(RAYON_NUM_THREADS=1 "$bin" bench train-step --layer s6 --repeat 30)
s4=$(RAYON_NUM_THREADS=1 "$bin" bench train-step --layer s4 --repeat 30)
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "{\"s4\":$s4,\"s6\":$s6,\"load\":\"$load\",\"cores\":$(nproc)}" > "$out/bench.json"
cat "$out/bench.json" >&2
