#!/usr/bin/env bash
# The test command from README.md (and what CI runs): set up (idempotent), lint (ruff), type-check
# (mypy), the fast tests on the oldest and the newest supported Python (3.10 and 3.13), then the
# whole suite on the main .venv. Arguments go to the last pytest run only. docs/development.md
# says why.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

echo "test: ruff check src tests benchmarks"
.venv/bin/ruff check --quiet src tests benchmarks
echo "test: mypy src"
.venv/bin/mypy src

# The oldest and the newest Python we support, from pyenv when the machine has them (CI machines
# do): the fast tests on each, in .venv310 / .venv313, made once.
fast_tests_on() {
  local want=$1 venv=.venv${1//./}
  if [ ! -x "$venv/bin/python" ]; then
    local found=""
    if command -v pyenv >/dev/null 2>&1; then
      found=$(pyenv versions --bare 2>/dev/null | grep -E "^${want//./\\.}\.[0-9]+$" | sort -V | tail -1 || true)
    fi
    if [ -n "$found" ]; then
      PYENV_VERSION="$found" pyenv exec python -m venv "$venv"
    elif command -v "python$want" >/dev/null 2>&1; then
      "python$want" -m venv "$venv"
    else
      echo "test: SKIPPED the Python $want run: no python$want and no pyenv $want.x on this machine" >&2
      return 0
    fi
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
  echo "test: fast tests on $("$venv/bin/python" --version)"
  "$venv/bin/python" -m pytest -q -p no:cacheprovider -m "not slow" --hypothesis-profile=fast
}
fast_tests_on 3.10
fast_tests_on 3.13

echo "test: whole suite on $(.venv/bin/python --version)"
exec .venv/bin/python -m pytest "$@"
