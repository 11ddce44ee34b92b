#!/usr/bin/env bash
# Time of the impact report page, its PDF and its CSV at the size of years of work:
# 100,000 cases and 10,000 events by default.
#
# Needs curl and sqlite3 (or psql), and a build: BIN=target/release/coopkit by default
# (cargo build --release). Then:  benches/impact.sh        (CASES=100000 EVENTS=10000 RUNS=5)
# It makes a fresh SQLite database with `coopkit demo --cases N --events M`, starts the
# server, signs in as a staff member, asks for the report of the last 12 months RUNS times
# one after another, and prints each time and the median. Results go to
# docs/performance.md by hand, with the machine's load (`uptime`).
#
# On PostgreSQL, give an empty database (it is filled on the first run and reused after):
#   createdb -h 127.0.0.1 -U postgres coopkit_impact_bench
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/coopkit_impact_bench benches/impact.sh
#
# PLANS=1 also logs each query the report sends (with its values) and prints how the
# database runs it: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, COSTS OFF) on PostgreSQL
# (actual rows and times). The logging costs a little, so time without it.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/coopkit}
CASES=${CASES:-100000}
EVENTS=${EVENTS:-10000}
RUNS=${RUNS:-5}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
WORK=${WORK:-/tmp/coopkit-impact-bench}
PASSWORD='bench password that is long enough'

DATABASE_URL=${DATABASE_URL:-}
if [ -n "$DATABASE_URL" ]; then db_tool=psql; else db_tool=sqlite3; fi
for tool in curl "$db_tool"; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release first" >&2; exit 1; }

mkdir -p "$WORK"
export COOPKIT_LOG=warn
if [ -n "$DATABASE_URL" ]; then
  export COOPKIT_DATABASE_URL="$DATABASE_URL"
  # Filled once: the staff account made last marks a database that is ready.
  filled=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM users WHERE email = 'bench@example.org'" 2>/dev/null || echo 0)
  analyze() { psql "$DATABASE_URL" -qc "ANALYZE"; }
else
  export COOPKIT_DATABASE_URL="sqlite://$WORK/coopkit.db?mode=rwc"
  filled=0; [ -e "$WORK/coopkit.db" ] && filled=1
  analyze() { sqlite3 "$WORK/coopkit.db" "ANALYZE;"; }
fi
if [ "$filled" != 1 ]; then
  "$BIN" demo --cases "$CASES" --events "$EVENTS" | tail -2
  printf '%s' "$PASSWORD" | "$BIN" create-user --email bench@example.org --name "Bench Staff" --role staff --password-stdin >/dev/null
  analyze
fi
[ "${PLANS:-}" = 1 ] && export COOPKIT_LOG=warn,coopkit::impact_sql=debug
ROCKET_PORT=$PORT ROCKET_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ROCKET_LOG_LEVEL=off \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$PORT" jar="$WORK/cookies"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -c "$jar" -b "$jar" -H 'Sec-Fetch-Site: same-origin' \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=bench@example.org" --data-urlencode "password=$PASSWORD" "$base/login"
to=$(date +%F)
from=$(date -d "$to - 1 year + 1 day" +%F)
uptime
for path in "/reports/impact?from=$from&to=$to" "/reports/impact.pdf?from=$from&to=$to" "/reports/impact.csv?from=$from&to=$to"; do
  times=()
  for _ in $(seq "$RUNS"); do
    t=$(curl -s -o "$WORK/out" -w '%{http_code} %{time_total}' -b "$jar" "$base$path")
    [ "${t%% *}" = 200 ] || { echo "$path answered ${t%% *}" >&2; exit 1; }
    times+=("${t#* }")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '%-60s median %ss  (%s)  %s bytes\n' "$path" "$median" "${times[*]}" "$(stat -c %s "$WORK/out")"
done
uptime

if [ "${PLANS:-}" = 1 ]; then
  # The first report's queries (this period's, then the period before's), in the order sent.
  sed 's/\x1b\[[0-9;]*m//g' "$WORK/server.log" | sed -n 's/.*coopkit::impact_sql: //p' |
    awk '!seen[$0]++' | head -60 >"$WORK/queries.sql"
  echo; echo "$(wc -l <"$WORK/queries.sql") queries; their plans:"
  while IFS= read -r sql; do
    echo; echo "-- $sql" | cut -c1-220
    if [ -n "$DATABASE_URL" ]; then
      psql "$DATABASE_URL" -X -q -A -t -c "EXPLAIN (ANALYZE, COSTS OFF) $sql"
    else
      sqlite3 "$WORK/coopkit.db" "EXPLAIN QUERY PLAN $sql" | grep -v '^QUERY PLAN'
    fi
  done <"$WORK/queries.sql"
fi
