#!/usr/bin/env bash
# The main job from README.md: set up (idempotent), then check and build everything from maps/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
sources=()
[ -d ../shared/sources ] && sources=(--sources ../shared/sources)
exec .venv/bin/argmap build maps "${sources[@]}" -o build "$@"
