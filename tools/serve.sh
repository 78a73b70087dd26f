#!/usr/bin/env bash
# Serves the app at http://127.0.0.1:8080/ (rebuilding on change), after installing what is missing.
# Usage: tools/serve.sh [--port N]
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
PORT=8080
[ "${1:-}" = "--port" ] && PORT="$2"
need_web_build
cd "$ROOT"
say "building and serving Mamba Explainer at http://127.0.0.1:$PORT/"
# No auto-reload: its script is rewritten at serve time, so the page's CSP could not allow it.
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "$PORT"
