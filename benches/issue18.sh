#!/usr/bin/env bash
# The whole measurement of issue 18 in one command, for a quiet machine:
#
#   benches/issue18.sh [POSTGRES_SERVER_URL]      (default postgres://postgres@127.0.0.1:5432)
#
# 1. release build of coopkit, and of the bare page (../shared/tools/baseline-page, copied to
#    $BASELINE_DIR, /tmp/coopkit-baseline-page by default, and built there once);
# 2. side by side: the signed-in staff case list against the bare page, taking turns
#    (../shared/tools/side-by-side.sh), 64, 16 and 1 connections, RSS of both servers;
# 3. benches/load.sh on SQLite and on PostgreSQL (dashboard and two lists, 1,000 and
#    100,000 cases, 2 and 16 connections, RSS) with each backend's query plans;
# 4. documents: benches/compare_libreoffice.sh when LibreOffice and hyperfine are there;
# 5. instruction counts (benches/profile.sh), which do not depend on the machine's load.
# Everything goes to OUT (a new folder under /tmp unless set); the end prints the table of
# ratios that docs/performance.md asks for. Needs wrk, curl, sqlite3, psql, valgrind.
set -uo pipefail
cd "$(dirname "$0")/.."
PG=${1:-postgres://postgres@127.0.0.1:5432}
OUT=${OUT:-$(mktemp -d -t coopkit-issue18.XXXX)}
SHARED=${SHARED:-../shared/tools}
echo "results in $OUT; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

cargo build --release --bin coopkit 2>&1 | tail -1
# Outside this checkout: inside it, cargo would take the copy for a member of coopkit's workspace.
BASE=${BASELINE_DIR:-${TMPDIR:-/tmp}/coopkit-baseline-page}
if [ ! -x "$BASE/target/release/baseline-page" ]; then
  rm -rf "$BASE" && cp -r "$SHARED/baseline-page" "$BASE"
  (cd "$BASE" && cargo build --release 2>&1 | tail -1)
fi

echo "== side by side (SQLite, 100,000 cases)"
# One connection is measured by its own p50 line; wrk refuses -c1 with two threads.
CONNS=${CONNS:-"64 16"} BASE_DIR=$BASE "$SHARED/side-by-side.sh" "$PWD" "$BASE/target/release/baseline-page" \
  "${CASES:-100000}" "${ROUNDS:-3}" "${D:-8s}" | tee "$OUT/side-by-side.txt"

echo "== load, SQLite"
benches/load.sh sqlite 2>&1 | tee "$OUT/load-sqlite.txt"
echo "== load, PostgreSQL"
if psql "$PG/postgres" -X -q -c 'SELECT 1' >/dev/null 2>&1; then
  benches/load.sh "$PG" 2>&1 | tee "$OUT/load-postgres.txt"
else
  echo "no PostgreSQL at $PG: skipped" | tee "$OUT/load-postgres.txt"
fi

echo "== documents"
if command -v hyperfine >/dev/null && { command -v libreoffice || command -v soffice; } >/dev/null; then
  RUNS=${RUNS:-50} LO_RUNS=${LO_RUNS:-5} benches/compare_libreoffice.sh | tee "$OUT/documents.txt"
else
  echo "hyperfine or LibreOffice missing: apt-get install -y hyperfine libreoffice-writer-nogui" | tee "$OUT/documents.txt"
fi

echo "== instructions (callgrind)"
OUT=$OUT/profile benches/profile.sh 2>&1 | tee "$OUT/instructions.txt"

echo
echo "== summary (ratios against the bare page in the same run)"
# wrk prints latencies as 850.00us, 12.34ms or 1.20s: in ms.
awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /^c=/ {
    match($0, /baseline\(p99 req\/s\)=\[[^]]*\]/); split(substr($0, RSTART + 21, RLENGTH - 22), b, " ")
    match($0, /coopkit\(p99 req\/s\)=\[[^]]*\]/); split(substr($0, RSTART + 20, RLENGTH - 21), k, " ")
    match($0, /coopkit_p50_c1=[^ ]*/); p50 = substr($0, RSTART + 15, RLENGTH - 15)
    split($1, c, "=")
    printf "| %s connections | coopkit %.0f req/s, p99 %.1f ms | bare page %.0f req/s, p99 %.1f ms | req/s ratio %.2f (goal >= 0.7) | p99 ratio %.2f (goal <= 1.5) | coopkit p50 at 1 connection %.2f ms (goal <= 1) |\n",
      c[2], k[2], ms(k[1]), b[2], ms(b[1]), (b[2] > 0 ? k[2] / b[2] : 0), (ms(b[1]) > 0 ? ms(k[1]) / ms(b[1]) : 0), ms(p50)
  }
  /^rss_/ { print "| " $0 " |" }
' "$OUT/side-by-side.txt"
for backend in sqlite postgres; do
  echo "-- $backend"
  grep -E '^(== |/|RSS)' "$OUT/load-$backend.txt" || true
done
cat "$OUT/documents.txt" "$OUT/instructions.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (a quiet machine reads below 0.5 before the run)"
