#!/usr/bin/env bash
# The documentation: run the tutorial notebook in a real kernel (writes docs/tutorial.html), then
# build docs/ as a site into build/docs with `mkdocs build --strict` (any warning fails).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/mkdocs ] || .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[notebook,docs]"
.venv/bin/python scripts/tutorial.py
NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs build --strict "$@"
