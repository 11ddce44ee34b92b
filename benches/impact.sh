#!/usr/bin/env bash
# Time of the impact report page, its PDF and its CSV at the size of years of work:
# 100,000 cases and 10,000 events by default.
#
# Needs curl and sqlite3, and a build: BIN=target/release/coopkit by default (cargo build
# --release). Then:  benches/impact.sh        (CASES=100000 EVENTS=10000 RUNS=5)
# It makes a fresh SQLite database with `coopkit demo --cases N --events M`, starts the
# server, signs in as a staff member, asks for the report of the last 12 months RUNS times
# one after another, and prints each time and the median. Results go to
# docs/performance.md by hand, with the machine's load (`uptime`).
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/coopkit}
CASES=${CASES:-100000}
EVENTS=${EVENTS:-10000}
RUNS=${RUNS:-5}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
WORK=${WORK:-/tmp/coopkit-impact-bench}
PASSWORD='bench password that is long enough'

for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release first" >&2; exit 1; }

mkdir -p "$WORK"
export COOPKIT_DATABASE_URL="sqlite://$WORK/coopkit.db?mode=rwc" COOPKIT_LOG=warn
if [ ! -e "$WORK/coopkit.db" ]; then
  "$BIN" demo --cases "$CASES" --events "$EVENTS" | tail -2
  printf '%s' "$PASSWORD" | "$BIN" create-user --email bench@example.org --name "Bench Staff" --role staff --password-stdin >/dev/null
  sqlite3 "$WORK/coopkit.db" "ANALYZE;"
fi
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
