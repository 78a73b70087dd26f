#!/usr/bin/env bash
# Regenerates the checkpoints shipped with #/train (static/checkpoints/): the default settings of
# `mamba-explainer train` for the S6 layer and its S4 twin, seed 0, 1,000 steps. Writes
# <layer>.safetensors, <layer>.json (config, task, seed, steps) and <layer>.result.json (the final
# line: held-out accuracy on the 512 fixed examples), which tests check the shipped files against.
set -euo pipefail
cd "$(dirname "$0")/.."
out=static/checkpoints
mkdir -p "$out"
cargo build --release --bin mamba-explainer
bin="${CARGO_TARGET_DIR:-target}/release/mamba-explainer"
for layer in s6 s4; do
  cmd=("$bin" train --layer "$layer" --seed 0 --steps 1000 --every 100 --out "$out/$layer.safetensors")
  echo "${cmd[*]}" >&2
  "${cmd[@]}" | tail -n 1 > "$out/$layer.result.json"
  cat "$out/$layer.result.json" >&2
done
