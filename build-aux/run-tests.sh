#!/bin/sh
# Installs what is needed, builds Bantin three times and runs the whole
# test suite:
#   1. gcc, warnings as errors: the core suite (no display), then the UI
#      suite in a real window under Xvfb;
#   2. clang with AddressSanitizer + UndefinedBehaviorSanitizer: everything
#      again;
#   3. the core suite of build 1 again under valgrind memcheck;
#   4. clang with libFuzzer: each fuzz target briefly, and its regressions.
# Ends with one line "N passed, N failed, N skipped" counting test cases.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)

sh build-aux/install-deps.sh || exit 1

status=0
logs=""

setup () {
  dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null || return 1
  else
    meson setup "$dir" "$@" || return 1
  fi
}

run_suites () {
  dir=$1
  ASAN_OPTIONS="${CORE_ASAN_OPTIONS:-${ASAN_OPTIONS:-}}" \
    meson test -C "$dir" --suite core --suite data --print-errorlogs --num-processes 2 || status=1
  cp "$dir/meson-logs/testlog.json" "$dir/meson-logs/testlog-core.json" 2>/dev/null &&
    logs="$logs $dir/meson-logs/testlog-core.json"
  if [ -f "$dir/tests/test-ui-window" ]; then
    xvfb-run -a -s "-screen 0 1280x800x24" \
      dbus-run-session -- meson test -C "$dir" --suite ui --print-errorlogs || status=1
    cp "$dir/meson-logs/testlog.json" "$dir/meson-logs/testlog-ui.json" 2>/dev/null &&
      logs="$logs $dir/meson-logs/testlog-ui.json"
  fi
}

echo "== gcc, --werror =="
if setup _build/gcc --buildtype=debug --werror && meson compile -C _build/gcc; then
  run_suites _build/gcc
else
  echo "gcc build failed"
  status=1
fi

echo "== clang, AddressSanitizer + UndefinedBehaviorSanitizer =="
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:detect_odr_violation=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The core suite also looks for leaks. GLib has no frame pointers, so the
# stack of an allocation is only known with the slow unwinder; 7 frames
# reach the one leak we suppress (see tests/lsan.supp).
CORE_ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=7:abort_on_error=1:detect_odr_violation=0"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
if CC=clang setup _build/asan --buildtype=debug --werror \
     -Db_sanitize=address,undefined -Db_lundef=false &&
   meson compile -C _build/asan; then
  run_suites _build/asan
else
  echo "sanitizer build failed"
  status=1
fi

# ---- valgrind memcheck (robust) ------------------------------------------
# The core suite of the gcc build under memcheck: invalid accesses and
# definite leaks fail it. tests/valgrind.supp holds only GLib's deliberate
# leak. Left out: crash (it spawns \`bantin sync\` ~30 times and times its
# kills; valgrind would watch only the test, never the binary) and
# extractor (already minutes long natively; 20x slower would not fit).
echo "== valgrind memcheck, core suite (gcc build) =="
unset CORE_ASAN_OPTIONS
if [ -f _build/gcc/build.ninja ]; then
  vg_tests=$(meson test -C _build/gcc --no-rebuild --list 2>/dev/null |
             sed -n 's|^bantin:core / ||p' | grep -v -x -e crash -e extractor)
  # shellcheck disable=SC2086
  meson test -C _build/gcc --suite core --no-rebuild --print-errorlogs --num-processes 2 \
    --timeout-multiplier 10 \
    --wrap="valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$top/tests/valgrind.supp --num-callers=30" \
    $vg_tests || status=1
  # meson names the log after the wrapper: testlog-valgrind.json.
  [ -f _build/gcc/meson-logs/testlog-valgrind.json ] &&
    logs="$logs _build/gcc/meson-logs/testlog-valgrind.json"
else
  echo "no gcc build: valgrind step not run"
  status=1
fi
# ---- end of valgrind memcheck ----------------------------------------------

# ---- libFuzzer (tests/fuzz, fuzz's) -----------------------------------------
# A third build, clang with libFuzzer, ASan and UBSan and no GUI: each fuzz
# target runs 15 s from the fixtures (one case each), then every input that
# once broke a target is replayed. build-aux/fuzz.sh runs them for longer.
echo "== libFuzzer targets (clang), 15 s each =="
if CC=clang setup _build/fuzz --buildtype=debugoptimized --werror \
     -Dfuzzing=true -Dgui=disabled -Db_sanitize=address,undefined -Db_lundef=false \
     -Dc_args=-fsanitize=fuzzer-no-link &&
   meson compile -C _build/fuzz fuzz-targets; then
  meson test -C _build/fuzz --no-rebuild --suite fuzz --print-errorlogs || status=1
  cp _build/fuzz/meson-logs/testlog.json _build/fuzz/meson-logs/testlog-fuzz.json 2>/dev/null &&
    logs="$logs _build/fuzz/meson-logs/testlog-fuzz.json"
else
  echo "fuzz build failed"
  status=1
fi
# ---- end of libFuzzer ---------------------------------------------------------

# shellcheck disable=SC2086
python3 "$top/build-aux/tap-summary.py" $logs || status=1
exit $status
