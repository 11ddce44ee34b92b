#!/usr/bin/env bash
# A signed-in person's case list while someone floods the public summary PDF (not in CI).
#
#   cargo build --release && benches/flood.sh
#
# Starts the release server on a fresh SQLite database with demo cases, signs in as staff,
# and measures GET /cases (2 connections, wrk's p50/p95/p99 and req/s):
#   1. idle;
#   2. during 64 connections asking for /check/summary.pdf from one address (the per-address
#      limit answers most with 429);
#   3. during 64 connections from a new address every request (X-Real-IP, trusted only
#      because this run sets ROCKET_IP_HEADER): the limit never applies, so every request
#      makes a PDF, and only the render slots keep pages fast.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/coopkit}
D=${DURATION:-20s} CASES=${CASES:-1000}
W=$(mktemp -d -t coopkit-flood.XXXX); PW='bench password that is long enough'
PORT=${PORT:-$((20000 + RANDOM % 20000))}
export COOPKIT_DATABASE_URL="sqlite://$W/coopkit.db?mode=rwc" COOPKIT_LOG=warn
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
"$BIN" demo --cases "$CASES" | tail -1
printf '%s' "$PW" | "$BIN" create-user --email bench@example.org --name Bench --role staff --password-stdin >/dev/null
ROCKET_PORT=$PORT ROCKET_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ROCKET_LOG_LEVEL=off \
  ROCKET_IP_HEADER=X-Real-IP "$BIN" serve >"$W/server.log" 2>&1 & S=$!
trap 'kill $S 2>/dev/null || true' INT TERM
base=http://127.0.0.1:$PORT jar=$W/jar
for _ in $(seq 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.2; done
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -c "$jar" -b "$jar" -H 'Sec-Fetch-Site: same-origin' --data-urlencode "_csrf=$csrf" \
  --data-urlencode "email=bench@example.org" --data-urlencode "password=$PW" "$base/login"
COOKIE=$(awk '$6 ~ /coopkit_session/ {print $6"="$7}' "$jar")
SUMMARY="$base/check/summary.pdf?situation=redundancies_proposed&people=25&sector=manufacturing&union=unite&interest=most&aim=workers&profit=yes&timescale=already_happening&accounts=seen&consultation_start=$(date -d '9 days ago' +%F)"
curl -sf -o "$W/s.pdf" -H 'X-Real-IP: 192.0.2.1' "$SUMMARY" && head -c 5 "$W/s.pdf" && echo
cat >"$W/spread.lua" <<'LUA'
request = function()
  wrk.headers["X-Real-IP"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format()
end
LUA
cat >"$W/p95.lua" <<'LUA'
done = function(s, l, r)
  io.write(string.format("p50=%.2fms p95=%.2fms p99=%.2fms req/s=%.0f\n", l:percentile(50) / 1000,
    l:percentile(95) / 1000, l:percentile(99) / 1000, s.requests / (s.duration / 1e6)))
end
LUA
p95() { wrk -t1 -c2 -d"$D" -H "Cookie: $COOKIE" -s "$W/p95.lua" "$base/cases" | tail -1; }
echo "idle:                         $(p95)"
wrk -t1 -c64 -d"$D" -H 'X-Real-IP: 192.0.2.7' "$SUMMARY" >"$W/flood1.txt" & F=$!
sleep 1; echo "flood, one address (limit):   $(p95)"; wait $F
echo "   flood: $(awk '/Requests\/sec|Non-2xx/{printf "%s ", $0}' "$W/flood1.txt")"
wrk -t1 -c64 -d"$D" -s "$W/spread.lua" "$SUMMARY" >"$W/flood2.txt" & F=$!
sleep 1; echo "flood, new address each time: $(p95)"; wait $F
echo "   flood: $(awk '/Requests\/sec|Non-2xx/{printf "%s ", $0}' "$W/flood2.txt")"
echo "server rss_kb=$(awk '/VmRSS/{print $2}' /proc/$S/status)"; kill $S
