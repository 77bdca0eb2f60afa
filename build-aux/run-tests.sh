#!/bin/sh
# Installs what is needed, builds Bantin twice and runs the whole test suite:
#   1. gcc, warnings as errors: the core suite (no display), then the UI
#      suite in a real window under Xvfb;
#   2. clang with AddressSanitizer + UndefinedBehaviorSanitizer: everything
#      again.
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
if CC=clang setup _build/asan --buildtype=debug --werror \
     -Db_sanitize=address,undefined -Db_lundef=false &&
   meson compile -C _build/asan; then
  run_suites _build/asan
else
  echo "sanitizer build failed"
  status=1
fi

# shellcheck disable=SC2086
python3 "$top/build-aux/tap-summary.py" $logs || status=1
exit $status
