#!/bin/bash
# Benchmarks Bantin on a synthetic Vietnamese corpus served on 127.0.0.1 and
# prints every figure next to its target, then a PASS/MISS table.
#
#   build-aux/bench.sh [--quick] [--with-newsboat] [--skip-first-frame]
#
#   --quick           a smaller corpus (a smoke test of this script, not the
#                     figures to record)
#   --with-newsboat   apt-get install newsboat first, to compare with it
#
# It measures, with a release build in _build/bench (or $BANTIN_BENCH_BUILD):
#   1. cold sync of 100 feeds × 200 items (items/s, wall time, peak RSS),
#      the median of three runs, taking turns with Newsboat's;
#   2. warm sync of the same (every feed answers 304), then again after the
#      cache has grown tenfold, to show it stays flat;
#   3. cold sync of 200 × 1,000 items (peak RSS);
#   4. the day list, a month of per-day counts and top-50 searches on those
#      200,000 articles;
#   5. the window's time to first frame under Xvfb (cairo) with an empty
#      store and with 1,000,000 articles;
#   6. Newsboat on the same corpus, when it is installed.
# Nothing leaves 127.0.0.1, and every server and temporary folder goes away
# on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
top=$(pwd)

quick=0
with_newsboat=0
skip_first_frame=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    --with-newsboat) with_newsboat=1 ;;
    --skip-first-frame) skip_first_frame=1 ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [ "$quick" = 1 ]; then
  cold_runs=1
  small_feeds=20;  small_items=200
  big_feeds=20;    big_items=1000
  grow_articles=36000
  frame_articles=100000
else
  cold_runs=3
  small_feeds=100; small_items=200
  big_feeds=200;   big_items=1000
  grow_articles=180000
  frame_articles=1000000
fi

export LC_ALL=C.UTF-8
export BANTIN_TIMEZONE=Asia/Ho_Chi_Minh
export no_proxy=127.0.0.1,localhost
# The corpus links its articles to made-up hosts (bao-N.example.vn). A sync
# would fetch those pages and images for offline reading (on by default
# since 88b04fa), so the figures would be DNS failures, not syncing, and
# the script promises that nothing leaves 127.0.0.1. Newsboat fetches no
# pages either.
export BANTIN_OFFLINE_CONTENT=0
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time =="
  $SUDO apt-get install -y -q --no-install-recommends time >/dev/null
fi
if [ "$with_newsboat" = 1 ] && ! command -v newsboat >/dev/null; then
  echo "== installing newsboat =="
  $SUDO apt-get install -y -q --no-install-recommends newsboat >/dev/null
fi

build=${BANTIN_BENCH_BUILD:-$top/_build/bench}
echo "== release build in $build =="
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" -Dbuildtype=release >/dev/null
else
  meson setup "$build" -Dbuildtype=release >/dev/null
fi
ninja -C "$build" src/bantin tests/bench/bantin-bench data/gschemas.compiled >/dev/null
bantin=$build/src/bantin
bench=$build/tests/bench/bantin-bench

work=$(mktemp -d "${TMPDIR:-/tmp}/bantin-bench.XXXXXX")
server_pid=""

cleanup () {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers ------------------------------------------------------------------

results=()

# record NAME VALUE UNIT TARGET-OP TARGET [NOTE]: one row of the final table.
record () {
  local name=$1 value=$2 unit=$3 op=$4 target=$5 note=${6:-}
  local status
  if [ "$op" = "-" ] || [ -z "$value" ] || [ "$value" = "n/a" ]; then
    status="-"
  elif awk -v v="$value" -v t="$target" -v op="$op" \
         'BEGIN { exit !((op == "<=" && v <= t) || (op == ">=" && v >= t)) }'; then
    status=PASS
  else
    status=MISS
  fi
  local goal=""
  [ "$op" = "-" ] || goal="$op $target $unit"
  results+=("$name|$value $unit|$goal|$status|$note")
}

# timed LABEL CMD...: runs CMD under GNU time; sets wall (s) and rss (MiB).
timed () {
  local label=$1
  shift
  if ! /usr/bin/time -f '%e %M' -o "$work/$label.time" "$@" \
        >"$work/$label.out" 2>"$work/$label.err"; then
    echo "   FAILED: $*" >&2
    tail -n 20 "$work/$label.err" >&2
    return 1
  fi
  read -r wall rss_kib < <(tail -n 1 "$work/$label.time")
  rss=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')
}

# median VALUE...: the middle one (the lower middle of an even count).
median () {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# serve FEEDS ITEMS: starts the corpus server; sets base_url, opml, urls.
serve () {
  stop_server
  local n=$1 m=$2
  opml=$work/feeds-$n-$m.opml
  urls=$work/urls-$n-$m.txt
  : >"$work/serve.out"
  "$bench" serve --feeds "$n" --items "$m" --cache-dir "$work/corpus" \
    --write-opml "$opml" --write-urls "$urls" \
    >"$work/serve.out" 2>>"$work/serve.err" &
  server_pid=$!
  for _ in $(seq 1200); do
    grep -q '^ready$' "$work/serve.out" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.1
  done
  grep -q '^ready$' "$work/serve.out" || { echo "bench.sh: the server did not start" >&2; exit 1; }
  tail -n 1 "$work/serve.err" | sed 's/^bantin-bench: /   /'
}

stop_server () {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

# server_stats: the server's counts since the last call ("200=N 304=N 404=N").
server_stats () {
  local before
  before=$(grep -c '^stats ' "$work/serve.out" || true)
  kill -USR1 "$server_pid"
  for _ in $(seq 50); do
    [ "$(grep -c '^stats ' "$work/serve.out" || true)" -gt "$before" ] && break
    sleep 0.05
  done
  grep '^stats ' "$work/serve.out" | tail -n 1 | cut -d' ' -f2-
}

# count_articles DATA-DIR: how many articles the store holds.
count_articles () {
  sqlite3 "$1/bantin.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo "?"
}

# sync_store LABEL DATA-DIR: one timed `bantin sync`.
sync_store () {
  server_stats >/dev/null
  timed "$1" "$bantin" --data-dir="$2" sync
  stats=$(server_stats)
}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r) =="
# Timings mean little on a busy machine: say so, with the culprits.
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "   WARNING: load average $load before starting; busiest processes:"
  ps -eo pcpu,comm --sort=-pcpu | sed -n '2,4p' | sed 's/^/     /'
fi

# --- 1, 2: cold and warm sync of 100 × 200 ------------------------------------

n_small=$((small_feeds * small_items))
echo
echo "== cold sync: $small_feeds feeds x $small_items items, $cold_runs runs =="
serve "$small_feeds" "$small_items"
# The corpus was just written: flush it now, not during the timed runs.
sync

# Bantin and Newsboat take turns, so that both meet the same moments of
# a shared machine; each figure is the median of the runs.
have_newsboat=0
command -v newsboat >/dev/null && have_newsboat=1
cold_walls=()
nb_walls=()
for run in $(seq "$cold_runs"); do
  small=$work/small-$run
  "$bantin" --data-dir="$small" import-opml "$opml" >"$work/import.out" 2>&1 \
    || { cat "$work/import.out" >&2; exit 1; }
  server_stats >/dev/null  # Whatever importing fetched is not the sync's.
  sync_store "cold-small-$run" "$small"
  stored=$(count_articles "$small")
  cold_walls+=("$wall")
  echo "   run $run: $wall s, $(awk -v n="$n_small" -v w="$wall" 'BEGIN { printf "%.0f", n / w }') items/s, peak RSS $rss MiB; stored $stored articles; server: $stats"
  if [ "$run" -lt "$cold_runs" ]; then
    rm -rf "$small"
  fi
  if [ "$have_newsboat" = 1 ]; then
    nb=$work/newsboat-$run
    mkdir -p "$nb/home"
    : >"$nb/config"
    HOME=$nb/home timed "nb-cold-$run" newsboat -u "$urls" -c "$nb/cache.db" -C "$nb/config" -x reload
    nb_walls+=("$wall")
    echo "   newsboat run $run: $wall s, $(awk -v n="$n_small" -v w="$wall" 'BEGIN { printf "%.0f", n / w }') items/s, peak RSS $rss MiB"
    if [ "$run" -lt "$cold_runs" ]; then
      rm -rf "$nb"
    fi
  fi
  sync
done
wall=$(median "${cold_walls[@]}")
cold_rate=$(awk -v n="$n_small" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')
echo "   median: $wall s, $cold_rate items/s"
record "cold sync ${small_feeds}x${small_items} (with search index)" "$cold_rate" "items/s" ">=" 5500 \
  "median of $cold_runs"
record "cold sync ${small_feeds}x${small_items}: wall time" "$wall" "s" "-" "-" "runs: ${cold_walls[*]}"

echo "== warm sync (all 304) =="
sync_store warm-small "$small"
warm_small=$wall
echo "   $wall s, peak RSS $rss MiB; server: $stats"
record "warm sync ${small_feeds} feeds, $stored articles cached" "$wall" "s" "<=" 0.3 "$stats"

echo "== warm sync after the cache grows by $grow_articles articles =="
"$bench" fill --data-dir "$small" --articles "$grow_articles" --into-existing --short \
  | sed 's/^/   /'
grown=$(count_articles "$small")
sync_store warm-grown "$small"
echo "   $wall s, peak RSS $rss MiB, $grown articles cached; server: $stats"
record "warm sync ${small_feeds} feeds, $grown articles cached" "$wall" "s" "<=" 0.3 \
  "$(ratio "$wall" "$warm_small")x the small cache"

# --- Newsboat on the same corpus ------------------------------------------------

newsboat_rate=""
if [ "$have_newsboat" = 1 ]; then
  echo "== newsboat $(newsboat -v 2>/dev/null | head -n 1 | awk '{ print $2 }') on the same corpus =="
  newsboat_wall=$(median "${nb_walls[@]}")
  newsboat_rate=$(awk -v n="$n_small" -v w="$newsboat_wall" 'BEGIN { printf "%.0f", n / w }')
  echo "   cold (above, median of $cold_runs): $newsboat_wall s, $newsboat_rate items/s"
  record "newsboat cold sync ${small_feeds}x${small_items}" "$newsboat_rate" "items/s" "-" "-" \
    "median of $cold_runs; runs: ${nb_walls[*]}"
  record "bantin / newsboat cold sync" "$(ratio "$cold_rate" "$newsboat_rate")" "x" ">=" 3
  # Newsboat sends conditional requests only from its third fetch of a
  # feed: the second reload downloads everything again.
  HOME=$nb/home timed nb-second newsboat -u "$urls" -c "$nb/cache.db" -C "$nb/config" -x reload
  echo "   second reload (fetches every feed in full again): $wall s"
  HOME=$nb/home timed nb-warm newsboat -u "$urls" -c "$nb/cache.db" -C "$nb/config" -x reload
  echo "   third reload (all 304): $wall s, peak RSS $rss MiB"
  record "newsboat warm sync ${small_feeds} feeds (3rd reload)" "$wall" "s" "-" "-" \
    "$(ratio "$wall" "$warm_small")x bantin's time"
else
  echo "== newsboat is not installed: no comparison (--with-newsboat installs it) =="
fi

# --- 3, 4: 200 × 1,000 ---------------------------------------------------------------

n_big=$((big_feeds * big_items))
echo
echo "== cold sync: $big_feeds feeds x $big_items items =="
serve "$big_feeds" "$big_items"
big=$work/big
"$bantin" --data-dir="$big" import-opml "$opml" >"$work/import.out" 2>&1 \
  || { cat "$work/import.out" >&2; exit 1; }
server_stats >/dev/null
sync_store cold-big "$big"
stored=$(count_articles "$big")
big_rate=$(awk -v n="$n_big" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')
echo "   $wall s, $big_rate items/s, peak RSS $rss MiB; stored $stored articles; server: $stats"
record "cold sync ${big_feeds}x${big_items}: peak RSS" "$rss" "MiB" "<=" 100
record "cold sync ${big_feeds}x${big_items}" "$big_rate" "items/s" "-" "-" "$wall s"
echo "   database: $(du -sh "$big" | cut -f1)"

echo "== warm sync (all 304) =="
sync_store warm-big "$big"
echo "   $wall s, peak RSS $rss MiB; server: $stats"
record "warm sync ${big_feeds} feeds, $stored articles cached" "$wall" "s" "-" "-" "$stats"
stop_server

echo "== queries on $stored articles =="
"$bench" query --data-dir "$big" | tee "$work/query.out" | sed 's/^/   /'
query_value () {
  awk -v name="$1:" '$1 == name { print $3 }' "$work/query.out"
}
record "day list (one day, all feeds)" "$(query_value day-list)" "ms" "<=" 2
record "a month of per-day counts" "$(query_value month-counts)" "ms" "<=" 10
for name in search-common search-common-folded search-d-stroke-folded search-rare \
            search-phrase search-phrase-folded; do
  record "top-50 $name" "$(query_value "$name")" "ms" "<=" 50
done

# --- 5: time to first frame --------------------------------------------------------

first_frame () {
  # first_frame DATA-DIR LABEL: the median of three launches. The window
  # prints "first-frame: MS ms rss MIB MiB", then "settled: rss MIB MiB"
  # once its list has loaded, and quits.
  local dir=$1 label=$2 runs=() settled=()
  for i in 1 2 3; do
    xvfb-run -a -s "-screen 0 1280x800x24" \
      env GSK_RENDERER=cairo GSETTINGS_BACKEND=memory GTK_A11Y=none \
          GSETTINGS_SCHEMA_DIR="$build/data" BANTIN_BENCH_FIRST_FRAME=1 \
      timeout 60 "$bantin" --data-dir="$dir" >"$work/frame-$label-$i.out" 2>&1 || true
    local line
    line=$(grep -m 1 '^first-frame:' "$work/frame-$label-$i.out" || true)
    [ -n "$line" ] || { echo "   no first-frame line:" >&2; tail -n 5 "$work/frame-$label-$i.out" >&2; return 1; }
    runs+=("$line")
    settled+=("$(grep -m 1 '^settled:' "$work/frame-$label-$i.out" | awk '{ print $3 }')")
  done
  printf '%s\n' "${runs[@]}" | sed "s/^/   $label: /"
  frame_ms=$(printf '%s\n' "${runs[@]}" | awk '{ print $2 }' | sort -n | sed -n 2p)
  frame_rss=$(printf '%s\n' "${runs[@]}" | awk '{ for (i = 1; i < NF; i++) if ($i == "rss") print $(i + 1) }' | sort -n | sed -n 2p)
  settled_rss=$(printf '%s\n' "${settled[@]}" | sort -n | sed -n 2p)
  echo "   $label: median first frame $frame_ms ms, RSS $frame_rss MiB, $settled_rss MiB once settled"
}

echo
if [ "$skip_first_frame" = 1 ]; then
  echo "== first frame: skipped (--skip-first-frame) =="
elif ! grep -qs BANTIN_BENCH_FIRST_FRAME "$top"/src/gui/*.c; then
  echo "== first frame: SKIPPED, the window has no BANTIN_BENCH_FIRST_FRAME hook yet =="
  record "first frame, $frame_articles articles" "n/a" "" "-" "-" "no hook in src/gui"
elif ! command -v xvfb-run >/dev/null; then
  echo "== first frame: SKIPPED, xvfb-run is missing =="
else
  echo "== first frame under Xvfb (cairo): empty store and $frame_articles articles =="
  empty=$work/empty
  mkdir -p "$empty"
  huge=$work/huge
  "$bench" fill --data-dir "$huge" --articles "$frame_articles" --short | sed 's/^/   /'
  echo "   database: $(du -sh "$huge" | cut -f1)"
  first_frame "$empty" empty
  empty_ms=$frame_ms empty_rss=$frame_rss empty_settled=$settled_rss
  first_frame "$huge" huge
  record "first frame, empty store" "$empty_ms" "ms" "<=" 1000 \
    "RSS $empty_rss MiB, $empty_settled settled"
  record "first frame, $frame_articles articles" "$frame_ms" "ms" "<=" 1000 \
    "RSS $frame_rss MiB, $settled_rss settled"
  record "first frame, $frame_articles articles / empty" "$(ratio "$frame_ms" "$empty_ms")" "x" "<=" 1.2
  record "settled RSS, $frame_articles articles / empty" "$(ratio "$settled_rss" "$empty_settled")" "x" "<=" 1.2
fi

# --- the table ----------------------------------------------------------------------

echo
if [ "$quick" = 1 ]; then
  echo "== results (--quick: a smaller corpus, the targets are for the full one) =="
else
  echo "== results =="
fi
{
  echo "figure|measured|target|status|note"
  printf '%s\n' "${results[@]}"
} | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR }
  END { for (r = 1; r <= n; r++) { line = ""
          for (i = 1; i <= 5; i++) line = line sprintf("%-" w[i] + 2 "s", cell[r, i])
          sub(/ +$/, "", line); print line } }'
