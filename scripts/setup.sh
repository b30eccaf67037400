#!/usr/bin/env bash
# Set-up, safe to repeat: a virtual environment in .venv with argmap, plus the system tools it
# drives (Graphviz, a CJK font). With --test, also what the test suite uses: the test extras,
# Chromium for the site's browser tests, the real Argdown CLI (npm) for interop tests, and
# axe-core (npm) for the site's accessibility tests.
# With --bench, only the Argdown CLI on top (the benchmark compares against it).
set -euo pipefail
cd "$(dirname "$0")/.."
want_tests=0
want_argdown=0
[ "${1:-}" = "--test" ] && want_tests=1 && want_argdown=1
[ "${1:-}" = "--bench" ] && want_argdown=1

apt_pkgs=()
command -v dot >/dev/null 2>&1 || apt_pkgs+=(graphviz)
# (not `fc-list | grep -q`: under pipefail, grep's early exit would fail the pipe)
fonts=$(fc-list : family 2>/dev/null || true)
case "$fonts" in *"Noto Sans CJK"*) ;; *) apt_pkgs+=(fonts-noto-cjk) ;; esac
[ $want_argdown = 1 ] && { command -v npm >/dev/null 2>&1 || apt_pkgs+=(nodejs npm); }
if [ $want_tests = 1 ]; then
  [ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
  # pdflatex with booktabs compiles the LaTeX table in a test; pdftotext reads it back.
  command -v pdflatex >/dev/null 2>&1 || apt_pkgs+=(texlive-latex-base texlive-latex-recommended)
  # the test document uses Latin Modern (T1), a separate package when recommends are not installed
  { command -v kpsewhich >/dev/null 2>&1 && kpsewhich lmodern.sty >/dev/null 2>&1; } || apt_pkgs+=(lmodern)
  command -v pdftotext >/dev/null 2>&1 || apt_pkgs+=(poppler-utils)
fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "setup: installing ${apt_pkgs[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    brew install graphviz
  else
    echo "setup: please install ${apt_pkgs[*]} (Graphviz: https://graphviz.org/download/)" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
extras=""
# the tests also run the tutorial notebook and build the docs site (extras notebook, docs)
[ $want_tests = 1 ] && extras="[test,notebook,docs]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
# An editable install leaves our modules uncompiled, and with PYTHONDONTWRITEBYTECODE set (as on
# some CI machines) every run would compile them again: about 50 ms of each command's start.
.venv/bin/python -m compileall -q src/argmap >/dev/null || true

if [ $want_argdown = 1 ] && command -v npm >/dev/null 2>&1 && [ ! -x tools/argdown/node_modules/.bin/argdown ]; then
  echo "setup: installing the Argdown CLI (npm, tools/argdown)"
  (cd tools/argdown && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
if [ $want_tests = 1 ] && command -v npm >/dev/null 2>&1 && [ ! -f tools/axe/node_modules/axe-core/axe.min.js ]; then
  echo "setup: installing axe-core (npm, tools/axe), for the site's accessibility tests"
  (cd tools/axe && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
