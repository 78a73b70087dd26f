#!/usr/bin/env bash
# Installs whatever the build or the tests need and is missing; does nothing for what is there.
# Sourced by tools/serve.sh and tools/test.sh. Debian (apt) for system packages; rustup, cargo
# and npm for the rest. Nothing is downloaded from outside the package registries.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
# wasm-bindgen-cli must match the wasm-bindgen crate exactly: read the version from Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Build outputs live in one cache per user, so a fresh clone on a machine that has built the
# project before starts warm (cargo tracks what each checkout needs; nothing stale is reused).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mamba-explainer/target}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "need root to run: $*" >&2; return 1; fi
}

# Debian packages, installed only when one of them is missing.
need_apt() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "missing system packages: ${missing[*]} (see README: other systems)" >&2; return 1
    fi
    say "installing ${missing[*]} (apt)"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The wasm32 target, Trunk, wasm-bindgen-cli and the npm tools (binaryen's wasm-opt).
need_web_build() {
    command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; return 1; }
    rustup target list --installed | grep -qx wasm32-unknown-unknown || {
        say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
    if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
        say "installing trunk $TRUNK_VERSION (takes about 15 minutes once)"
        cargo install trunk --version "$TRUNK_VERSION" --locked
    fi
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
        say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
        # Not --locked: the locked build fails to resolve webpki-roots (design.md §2).
        cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
    fi
    local stamp="$ROOT/node_modules/.mx-lock"
    if ! cmp -s "$ROOT/package-lock.json" "$stamp" 2>/dev/null; then
        command -v npm >/dev/null || { echo "npm not found: install Node.js 20+" >&2; return 1; }
        say "installing npm tools (binaryen, playwright-core)"
        (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
        cp "$ROOT/package-lock.json" "$stamp"
    fi
}

# Everything the test command needs beyond the web build.
need_test_tools() {
    need_web_build
    rustup component list --installed | grep -q '^clippy' || rustup component add clippy
    rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
    # Chromium for wasm-bindgen-test and the end-to-end tests (with a Korean font and a math font for the
    # screenshots); lavapipe for wgpu on the CPU. `mamba-explainer figure --format png` shapes
    # its text with the system's fonts and needs the CJK one for Korean (fonts-noto-cjk).
    need_apt chromium chromium-driver mesa-vulkan-drivers fonts-noto-cjk fonts-dejavu-extra
}
