#!/usr/bin/env bash
# Byte-identity check for refactors: run argmap's commands with the code of a git ref and with
# the working tree, on the same inputs, and compare every file and every printed byte.
#
#   bash scripts/same_output.sh [REF] [--quick]
#
# REF defaults to main. Inputs: the shipped maps/ (with ../shared/sources when it is there) and a
# seeded 10,000-claim corpus from benchmarks/corpus_gen.py (left out with --quick). Both sides run
# in this checkout's .venv, the ref's code first on PYTHONPATH, each with an empty cache, so only
# the code differs. Exit 0 when every output is identical; otherwise the differing files are listed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
ref=main
quick=
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) ref=$arg ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/same-output.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ref-code" "$work/inputs"
git archive "$ref" src | tar -x -C "$work/ref-code"

maps=$root/maps
sources=()
[ -d "$root/../shared/sources" ] && sources=(--sources "$root/../shared/sources")
big=
if [ -z "$quick" ]; then
  big=$work/inputs/c10k
  "$root/.venv/bin/python" -c "import sys; sys.path.insert(0, 'benchmarks')
from corpus_gen import generate; from pathlib import Path
generate(Path('$big'), 10_000, 20)"
fi
thesis=$(grep -m1 -o 'id: *[a-z0-9-]*' "$maps/theses.yaml" | sed 's/id: *//')
voices=($(ls "$maps" | grep -v -e '^sources.yaml$' -e '^theses.yaml$' | head -2 | sed 's/\.yaml$//'))

# One command's output: stdout, stderr and exit status into OUT/NAME.{out,err,status}.
run() {
  local name=$1; shift
  set +e
  "$python" -m argmap "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.status"
  set -e
}

side() {
  local side=$1 pythonpath=$2
  out=$work/$side
  mkdir -p "$out"
  python=$root/.venv/bin/python
  export PYTHONPATH=$pythonpath ARGMAP_CACHE_DIR=$work/cache-$side COLUMNS=100 NO_COLOR=1 ARGMAP_JOBS=
  cd "$out"
  run check check "$maps" "${sources[@]}"
  run check-strict check --strict "$maps" "${sources[@]}"
  run schema schema
  run build build "$maps" "${sources[@]}" -o build
  # The build's record keys every output by a hash of argmap's own code, so it differs by design.
  rm -f build/.argmap-build.json
  run render-dot render "$maps" "${sources[@]}" --format dot -o dot
  run render-detailed render "$maps" "${sources[@]}" --detailed --format dot -o dot-detailed
  run render-wrap render "$maps" "${sources[@]}" --wrap 16 --rankdir LR --format dot -o dot-wrap
  for format in term md csv html latex json; do
    run "table-$format" table "$maps" "${sources[@]}" --format "$format" --width 100 --color never
  done
  run table-narrow table "$maps" "${sources[@]}" --width 60 --color always
  for format in term md csv json; do
    run "matrix-$format" matrix "$maps" "${sources[@]}" --format "$format" --width 100 --color never
  done
  run matrix-clusters matrix "$maps" "${sources[@]}" --clusters
  for format in term md json; do
    run "diff-$format" diff "${voices[0]}" "${voices[1]}" "$maps" "${sources[@]}" --format "$format" --width 100
    run "analyze-$format" analyze "$maps" "${sources[@]}" --format "$format"
  done
  for format in argdown aif json graphml; do
    run "export-$format" export "$maps" "${sources[@]}" --to "$format" -o "export/corpus.$format"
    run "export-map-$format" export "$maps" "${sources[@]}" --to "$format" --map "${voices[0]}"
  done
  for view in table matrix diagram diff handout blank-handout; do
    run "export-html-$view" export "$maps" "${sources[@]}" --to html --view "$view" \
      $([ "$view" = diff ] && echo --voices "${voices[0]},${voices[1]}") \
      $(case $view in *handout) echo --thesis "$thesis" ;; esac)
  done
  run import-argdown import --from argdown -o imported-argdown export/corpus.argdown
  run import-aif import --from aif -o imported-aif export/corpus.aif
  run import-json import --from json -o imported-json export/corpus.json
  if [ -n "$big" ]; then
    local bs=(--sources "$big/sources")
    run big-render-combined render "$big/maps" "${bs[@]}" --combined --format dot -o big-dot
    run big-render-all render "$big/maps" "${bs[@]}" --detailed --format dot -o big-dot-detailed
    run big-table table "$big/maps" "${bs[@]}" --format json
    run big-export export "$big/maps" "${bs[@]}" --to json
  fi
  cd "$root"
}

side ref "$work/ref-code/src"
side work "$root/src"
# The build's record and timing lines may name the side's folder; compare with it spelled alike.
for s in ref work; do
  { grep -rl -e "$work/$s" "$work/$s" || true; } | xargs -r sed -i "s#$work/$s#$work/SIDE#g"
done
failed=$(grep -L '^0$' "$work"/work/*.status | xargs -r -n1 basename | sed 's/\.status$//' | tr '\n' ' ')
[ -z "$failed" ] || echo "note: these commands exited non-zero (on both sides if identical): $failed"
if diff -r -q "$work/ref" "$work/work"; then
  echo "same output: $(find "$work/work" -type f | wc -l) files identical ($ref vs working tree)"
else
  diff -r "$work/ref" "$work/work" | head -40 || true
  trap - EXIT
  echo "DIFFERENT output ($ref vs working tree); both sides kept in $work" >&2
  exit 1
fi
