#!/usr/bin/env bash
# Runs every test, failing fast, after installing what is missing:
#   format, clippy (native and wasm32), native tests (core, CLI, GPU on lavapipe),
#   browser tests (wasm-bindgen-test in headless Chromium), the release site build,
#   and the end-to-end tests (Playwright driving Chromium against the built site).
# Usage: tools/test.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
need_test_tools
cd "$ROOT"

export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
export CARGO_TERM_COLOR=never

step() {
    local name="$1"; shift
    local started=$SECONDS
    say "$name"
    "$@"
    printf '    (%s: %ds)\n' "$name" $((SECONDS - started))
}

step "format" cargo fmt --all --check
step "clippy native" cargo clippy --all-targets --locked -- -D warnings
step "clippy wasm32" cargo clippy --lib --bins --test web --test gpu_web --target wasm32-unknown-unknown --locked -- -D warnings
step "native tests" cargo test --locked
step "browser tests (wasm-bindgen-test, Chromium)" cargo test --locked --target wasm32-unknown-unknown --test web --test gpu_web
# Trunk writes wasm-bindgen's and wasm-opt's output inside the shared CARGO_TARGET_DIR, outside
# cargo's own lock: two checkouts building at once would overwrite each other's app_bg.wasm.
mkdir -p "$CARGO_TARGET_DIR"
step "site build (trunk, release)" flock "$CARGO_TARGET_DIR/.trunk-build.lock" trunk build --release
step "end-to-end tests (Playwright, Chromium)" node tests/e2e/run.mjs dist
say "all tests passed"
