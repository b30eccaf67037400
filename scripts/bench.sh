#!/usr/bin/env bash
# The benchmark from README.md: set up (argmap, Graphviz, the Argdown CLI), then print the table
# of docs/performance.md. Pass --quick for 100 to 10,000 claims only; other options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --bench
exec .venv/bin/python benchmarks/bench.py "$@"
