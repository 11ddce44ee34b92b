#!/usr/bin/env bash
# Speed of the centre's dashboard and a filtered case list at 1,000 and 100,000 cases.
#
# Needs wrk (Debian: apt-get install -y wrk), curl, sqlite3 (and psql for PostgreSQL), and a release build:
#   cargo build --release          (or set BIN to the binary, e.g. CARGO_TARGET_DIR's)
# Then:  benches/load.sh [DATABASE]   (SIZES="1000 100000" by default)
# DATABASE is `sqlite` (the default) or a PostgreSQL server's URL without a database name,
# e.g. postgres://postgres@127.0.0.1:5432: every page is then measured on a database
# coopkit_bench_N made fresh on that server (needs psql), so both backends get the same run.
# For each size it makes a fresh database with `coopkit demo`, starts the release
# server, signs in as a staff member, and runs wrk against the dashboard and two filtered
# lists with 2 and with 16 connections, printing the client's p50/p95/p99, the server's own
# p50/p95/p99 (from the Server-Timing header) and requests per second. Results go to
# docs/performance.md by hand. Query plans: benches/plans.sh, run at the end on the largest.
set -euo pipefail

cd "$(dirname "$0")/.."
DATABASE=${1:-sqlite}
BIN=${BIN:-target/release/coopkit}
SIZES=${SIZES:-"1000 100000"}
# A random high port: other servers on this machine may hold the usual ones.
PORT=${PORT:-$((20000 + RANDOM % 20000))}
DURATION=${DURATION:-15s}
# 16 connections saturate both cores (wrk shares them); 2 is a busy office's worth of clicks.
CONNECTIONS=${CONNECTIONS:-"2 16"}
WORK=${WORK:-/tmp/coopkit-bench}
PASSWORD='bench password that is long enough'

for tool in wrk curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "no release binary at $BIN: run cargo build --release first" >&2; exit 1; }

cat > "$WORK.lua" <<'LUA'
-- Sends the session cookie on every request. Reports wrk's client-side latency and, from
-- the Server-Timing header coopkit puts on every response, the time the server itself spent:
-- on a closed-loop load that saturates both cores the client figure is mostly queueing.
wrk.headers["Cookie"] = os.getenv("COOKIE")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) buckets = {} end
function response(status, headers, body)
  local timing = headers["server-timing"] or headers["Server-Timing"]
  local ms = timing and tonumber(string.match(timing, "dur=([%d.]+)"))
  if ms then
    local bucket = math.floor(ms * 10) -- 0.1 ms buckets
    buckets[bucket] = (buckets[bucket] or 0) + 1
  end
end
local function server_percentile(merged, keys, total, p)
  local seen, target = 0, total * p / 100
  for _, k in ipairs(keys) do
    seen = seen + merged[k]
    if seen >= target then return k / 10 end
  end
  return 0
end
function done(summary, latency, requests)
  local merged, keys, total = {}, {}, 0
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("buckets")) do
      if not merged[k] then table.insert(keys, k); merged[k] = 0 end
      merged[k] = merged[k] + v
      total = total + v
    end
  end
  table.sort(keys)
  io.write(string.format(
    "RESULT client p50=%.2fms p95=%.2fms p99=%.2fms | server p50=%.1fms p95=%.1fms p99=%.1fms | req/s=%.0f errors=%d non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    server_percentile(merged, keys, total, 50), server_percentile(merged, keys, total, 95),
    server_percentile(merged, keys, total, 99),
    summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA

# A fresh, empty database for N cases: a SQLite file, or a new database on the server.
database_url() {
  case "$DATABASE" in
    sqlite) echo "sqlite://$WORK-$1/coopkit.db?mode=rwc" ;;
    postgres://*|postgresql://*)
      local server=${DATABASE%/}
      psql "$server/postgres" -X -q -c "DROP DATABASE IF EXISTS coopkit_bench_$1" -c "CREATE DATABASE coopkit_bench_$1" >&2
      echo "$server/coopkit_bench_$1" ;;
    *) echo "DATABASE must be sqlite or a postgres:// server URL, not $DATABASE" >&2; return 1 ;;
  esac
}

run_size() {
  local n=$1 dir="$WORK-$1"
  rm -rf "$dir" && mkdir -p "$dir"
  export COOPKIT_LOG=warn COOPKIT_DATABASE_URL
  COOPKIT_DATABASE_URL=$(database_url "$n")
  echo "== $n cases ($(echo "$COOPKIT_DATABASE_URL" | cut -d: -f1))"
  "$BIN" demo --cases "$n" | tail -1
  printf '%s' "$PASSWORD" | "$BIN" create-user --email bench@example.org --name "Bench Staff" --role staff --password-stdin >/dev/null
  # Fresh statistics, as a database that has been running a while has them.
  case "$DATABASE" in
    sqlite) sqlite3 "$dir/coopkit.db" "ANALYZE;" ;;
    *) psql "$COOPKIT_DATABASE_URL" -X -q -c "VACUUM ANALYZE" ;;
  esac
  ROCKET_PORT=$PORT ROCKET_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ROCKET_LOG_LEVEL=off \
    "$BIN" serve >"$dir/server.log" 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  kill -0 $pid 2>/dev/null || { echo "the server did not start: see $dir/server.log" >&2; return 1; }
  local jar="$dir/cookies" base="http://127.0.0.1:$PORT"
  local csrf
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -H 'Sec-Fetch-Site: same-origin' \
    --data-urlencode "_csrf=$csrf" --data-urlencode "email=bench@example.org" --data-urlencode "password=$PASSWORD" "$base/login"
  export COOKIE
  COOKIE=$(awk '$6 ~ /coopkit_session/ {print $6"="$7}' "$jar")
  [ -n "$COOKIE" ] || { echo "could not sign in" >&2; return 1; }
  echo "RSS after start and one sign-in: $(awk '/VmRSS/{print $2}' /proc/$pid/status) kB"
  for path in "/dashboard" "/cases?status=active&pathway=buyout" "/cases?advisor=none&sort=updated"; do
    curl -sf -o /dev/null -H "Cookie: $COOKIE" "$base$path" || { echo "$path failed" >&2; return 1; }
    for connections in $CONNECTIONS; do
      printf '%-38s c=%-3s ' "$path" "$connections"
      wrk -t2 -c"$connections" -d"$DURATION" -s "$WORK.lua" "$base$path" | grep RESULT | sed 's/^RESULT //'
    done
  done
  echo "RSS after the runs: $(awk '/VmRSS/{print $2}' /proc/$pid/status) kB ($(awk '/RssAnon/{print $2}' /proc/$pid/status) kB of it the heap and stacks)"
  kill $pid; wait $pid 2>/dev/null || true
}

for n in $SIZES; do run_size "$n"; done

# Every list and dashboard query as this backend plans it, on the largest database.
last=$(echo "$SIZES" | awk '{print $NF}')
echo "== query plans ($last cases)"
case "$DATABASE" in
  sqlite) benches/plans.sh "sqlite://$WORK-$last/coopkit.db" ;;
  *) benches/plans.sh "${DATABASE%/}/coopkit_bench_$last" ;;
esac
