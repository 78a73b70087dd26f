#!/usr/bin/env bash
# One optimizer step of the default `train` model, timed side by side in one run (issue 14.8):
# `bench train-step` (release build) for S6 and S4 at 1 and 2 threads, then the PyTorch eager
# script (float32, 2 threads) on the same model, each line prefixed by the machine's load. With a
# built site as the argument it also trains in headless Chromium (tests/e2e/train-measure.spec.mjs)
# and prints the page's steps per second, its native comparison and the time S6 takes to 99 %.
#   tools/bench-train.sh [dist]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin mamba-explainer >&2
bin="${CARGO_TARGET_DIR:-target}/release/mamba-explainer"
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }
for layer in s6 s4; do
  for threads in 1 2; do
    echo "$(load) | $(RAYON_NUM_THREADS=$threads "$bin" bench train-step --layer $layer --repeat 30)"
  done
done
if python3 -c "import torch" 2>/dev/null; then
  echo "$(load) | pytorch s6 $(cd tests/golden && python3 bench_train_torch.py)"
else
  echo "PyTorch is not installed: pip install torch to time the same model in PyTorch"
fi
if [ $# -ge 1 ]; then
  echo "$(load) | the page (two workers, S4 and S6 at once):"
  MX_MEASURE=train node tests/e2e/run.mjs "$1" --spec train-measure
fi
