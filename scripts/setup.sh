#!/usr/bin/env bash
# One-time set-up, repeated safely: a virtual environment in .venv with argmap and its test tools,
# plus Graphviz and CJK fonts from the system packages when they are missing (Debian/Ubuntu/macOS).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dot >/dev/null 2>&1 || ! (fc-list 2>/dev/null | grep -qi "Noto Sans CJK"); then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends graphviz fonts-noto-cjk >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    brew install graphviz
  else
    echo "setup: please install Graphviz (https://graphviz.org/download/) and a CJK font" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[test]'
