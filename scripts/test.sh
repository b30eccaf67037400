#!/usr/bin/env bash
# The test command from README.md (and what CI runs): set up (idempotent), lint (ruff), type-check
# (mypy), the fast tests on the oldest supported Python (3.10, in .venv310), then the whole suite
# on the main .venv. Arguments go to the last pytest run only. docs/development.md says why.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

echo "test: ruff check src tests"
.venv/bin/ruff check --quiet src tests
echo "test: mypy src"
.venv/bin/mypy src

# The oldest Python we support, from pyenv when the machine has it (CI machines do).
OLDEST=3.10
if [ ! -x .venv310/bin/python ]; then
  if command -v pyenv >/dev/null 2>&1 && oldest=$(pyenv versions --bare | grep -E "^${OLDEST//./\\.}\.[0-9]+$" | sort -V | tail -1) && [ -n "$oldest" ]; then
    PYENV_VERSION="$oldest" pyenv exec python -m venv .venv310
  elif command -v "python$OLDEST" >/dev/null 2>&1; then
    "python$OLDEST" -m venv .venv310
  fi
fi
if [ -x .venv310/bin/python ]; then
  .venv310/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
  echo "test: fast tests on $(.venv310/bin/python --version)"
  .venv310/bin/python -m pytest -q -p no:cacheprovider -m "not slow" --hypothesis-profile=fast
else
  echo "test: SKIPPED the Python $OLDEST run: no python$OLDEST and no pyenv $OLDEST.x on this machine" >&2
fi

echo "test: whole suite on $(.venv/bin/python --version)"
exec .venv/bin/python -m pytest "$@"
