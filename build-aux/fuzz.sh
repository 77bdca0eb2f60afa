#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz and runs each one in turn for a
# bounded time, seeded from the project's fixtures. Ends with a table of
# executions and findings per target; exits 1 if any target found something
# (a crash, a broken promise of the API, a leak, an out-of-memory or a
# timeout), 2 if the build failed.
#
#   build-aux/fuzz.sh [SECONDS_PER_TARGET] [--runs N] [--only "date text"]
#
#   SECONDS_PER_TARGET  -max_total_time of each target (default 60)
#   --runs N            also stop a target after N executions
#   --only LIST         run only these targets (names without "fuzz-")
#
# Environment:
#   FUZZ_BUILD_DIR   the clang build (default _build/fuzz), set up on first use
#   FUZZ_CORPUS_DIR  keep the corpora here between runs (default: a temporary
#                    directory, removed at the end); fixtures are only copied
#   FUZZ_JOBS        parallel fuzzing processes per target (default 1)
#
# Inputs that found something are copied to $FUZZ_BUILD_DIR/artifacts/.
# Leak detection is on: LeakSanitizer runs after every input that grew the
# heap, with tests/lsan.supp. The seeds and -max_len of each target come
# from its "fuzz-NAME" test in tests/fuzz/meson.build (read back through
# `meson introspect`), so the two never disagree.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)

seconds=60
runs=""
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --only) only=$2; shift 2 ;;
    --only=*) only=${1#--only=}; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) seconds=$1; shift ;;
  esac
done

build=${FUZZ_BUILD_DIR:-_build/fuzz}
jobs=${FUZZ_JOBS:-1}
fork=""
[ "$jobs" -gt 1 ] && fork="-fork=$jobs"

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" --buildtype=debugoptimized \
    -Dfuzzing=true -Dgui=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link || exit 2
fi
ninja -C "$build" fuzz-targets >/dev/null || { ninja -C "$build" fuzz-targets; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bantin-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
corpora=${FUZZ_CORPUS_DIR:-$tmp/corpus}
artifacts="$build/artifacts"
mkdir -p "$artifacts"

# One line per target: name, executable, -max_len, dictionary (or -), seed
# files (comma-separated).
meson introspect "$build" --tests > "$tmp/tests.json" || exit 2
python3 - "$tmp/tests.json" > "$tmp/targets" <<'EOF' || exit 2
import json, sys
for test in json.load(open(sys.argv[1])):
    name = test['name']
    if 'fuzz' not in test.get('suite', []) and not any(s.endswith(':fuzz') for s in test.get('suite', [])):
        continue
    if not name.startswith('fuzz-') or name.endswith('-regressions'):
        continue
    cmd = test['cmd']
    max_len = next((a.split('=', 1)[1] for a in cmd if a.startswith('-max_len=')), '65536')
    seeds = next((a.split('=', 1)[1] for a in cmd if a.startswith('-seed_inputs=')), '')
    dictionary = next((a.split('=', 1)[1] for a in cmd if a.startswith('-dict=')), '-')
    print(name[len('fuzz-'):], cmd[0], max_len, dictionary, seeds)
EOF

export ASAN_OPTIONS="abort_on_error=1:detect_odr_violation=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export LC_ALL=C.UTF-8

status=0
n=0
: > "$tmp/summary"
while read -r name exe max_len dictionary seeds; do
  if [ -n "$only" ] && ! printf ' %s ' "$only" | grep -q " $name "; then
    continue
  fi
  n=$((n + 1))
  corpus="$corpora/$name"
  mkdir -p "$corpus" "$tmp/artifacts/$name"
  # Seeds are copied, never used in place: libFuzzer writes into its corpus.
  echo "$seeds" | tr ',' '\n' | while read -r seed; do
    [ -n "$seed" ] && [ -f "$seed" ] &&
      cp "$seed" "$corpus/seed-$(basename "$(dirname "$seed")")-$(basename "$seed")"
  done

  echo "== fuzz-$name: ${seconds}s${runs:+, at most $runs runs} (max_len $max_len)"
  log="$tmp/$name.log"
  # shellcheck disable=SC2086
  "$exe" -max_total_time="$seconds" ${runs:+-runs=$runs} -rss_limit_mb=2048 \
    -max_len="$max_len" -timeout=25 -print_final_stats=1 -error_exitcode=1 \
    $( [ "$dictionary" != - ] && echo "-dict=$dictionary" ) \
    $fork \
    -artifact_prefix="$tmp/artifacts/$name/" "$corpus" > "$log" 2>&1
  rc=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{ s += $1 } END { print s + 0 }')
  if [ "$execs" -eq 0 ]; then
    # Killed before the final stats: take the last status line instead.
    execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  fi
  found=$(find "$tmp/artifacts/$name" -type f | wc -l)
  corpus_size=$(find "$corpus" -type f | wc -l)
  if [ "$found" -gt 0 ] || [ "$rc" -ne 0 ]; then
    status=1
    [ "$found" -eq 0 ] && found=1
    echo "fuzz-$name failed (exit $rc):"
    grep -E 'ERROR|SUMMARY|fuzz check failed|runtime error' "$log" | head -20
    for f in "$tmp/artifacts/$name"/*; do
      [ -f "$f" ] || continue
      cp "$f" "$artifacts/$name-$(basename "$f")"
      echo "  input saved as $artifacts/$name-$(basename "$f")"
    done
    cp "$log" "$artifacts/$name.log"
    echo "  log saved as $artifacts/$name.log"
    echo "not ok $n fuzz-$name" >> "$tmp/summary"
  else
    echo "ok $n fuzz-$name" >> "$tmp/summary"
  fi
  printf '%-12s %14s %9s %9s\n' "$name" "${execs:-0}" "$corpus_size" "$found" >> "$tmp/table"
done < "$tmp/targets"

if [ "$n" -eq 0 ]; then
  echo "no fuzz targets found in $build"
  exit 2
fi

echo
printf '%-12s %14s %9s %9s\n' target executions corpus findings
cat "$tmp/table"
cat "$tmp/summary"
echo "1..$n"
exit $status
