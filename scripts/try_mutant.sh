#!/usr/bin/env bash
# Re-check one mutant against chosen tests, without a mutmut run (docs/testing.md): the mutant's
# change (`mutmut show`) is applied to a scratch copy of src/ and only the named tests run on it.
#   scripts/try_mutant.sh MODULE MUTANT [pytest args…]
#   scripts/try_mutant.sh build argmap.build.x__inside__mutmut_3 tests/test_build.py -k Damaged
# Prints "MUTANT: KILLED (the first failing test)" or "MUTANT: SURVIVED". MODULE names the
# scratch folder of an earlier `scripts/mutate.sh MODULE` (render/dot → render_dot).
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
module=${1//\//_}; name=$2; shift 2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r src "$scratch/src"
(cd ".mutmut/$module" && "$root/.venv/bin/mutmut" show "$name" 2>/dev/null) | sed 1d > "$scratch/diff"
if ! (cd "$scratch" && patch -s -p0 -F3 < diff > /dev/null 2>&1); then
  echo "$name: the change no longer applies (code changed since the mutmut run)"; exit 2
fi
if PYTHONPATH="$scratch/src" nice -n 10 .venv/bin/python -m pytest -q -x -p no:cacheprovider "$@" \
    > "$scratch/log" 2>&1; then
  echo "$name: SURVIVED"
else
  echo "$name: KILLED ($(grep -m1 -o 'FAILED [^ ]*' "$scratch/log"))"
fi
