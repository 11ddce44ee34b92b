#!/usr/bin/env bash
# Instructions per request and per document, counted by valgrind's callgrind: these do not
# change with the machine's load, so they compare builds fairly on a busy machine where
# wall-clock figures do not.
#
#   benches/profile.sh [DATABASE_URL]     (default: a fresh SQLite database of CASES=100000)
#
# Needs valgrind (apt-get install -y valgrind), curl, and a release build (BIN to override).
# Prints, for the signed-in staff case list (50 rows), `/healthz` (a route with no session,
# query or template: the floor) and the dashboard, the instructions of one request, averaged
# over REQUESTS requests after a warm-up, and the top functions by inclusive cost
# (OUT/*.callgrind.txt); then the instructions of a whole `coopkit render` process.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/coopkit}
CASES=${CASES:-100000}
REQUESTS=${REQUESTS:-200}
OUT=${OUT:-$(mktemp -d -t coopkit-profile.XXXX)}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
PASSWORD='bench password that is long enough'
for tool in valgrind callgrind_control callgrind_annotate curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y valgrind curl" >&2; exit 1; }
done
export COOPKIT_LOG=warn
if [ -n "${1:-}" ]; then
  export COOPKIT_DATABASE_URL=$1
else
  export COOPKIT_DATABASE_URL="sqlite://$OUT/coopkit.db?mode=rwc"
  "$BIN" demo --cases "$CASES" | tail -1
fi
printf '%s' "$PASSWORD" | "$BIN" create-user --email profile@example.org --name "Profile Staff" \
  --role staff --password-stdin >/dev/null 2>&1 || true

# The server under callgrind, counting nothing until told (start-up is not a request's cost).
ROCKET_PORT=$PORT ROCKET_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ROCKET_LOG_LEVEL=off \
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$OUT/server.%p.out" \
  "$BIN" serve >"$OUT/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
base=http://127.0.0.1:$PORT
for _ in $(seq 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done
jar=$OUT/jar
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -c "$jar" -b "$jar" -H 'Sec-Fetch-Site: same-origin' --data-urlencode "_csrf=$csrf" \
  --data-urlencode "email=profile@example.org" --data-urlencode "password=$PASSWORD" "$base/login"
cookie=$(awk '$6 ~ /coopkit_session/ {print $6"="$7}' "$jar")
[ -n "$cookie" ] || { echo "could not sign in" >&2; exit 1; }

# Instructions of REQUESTS requests to PATH, one connection at a time (curl's own keep-alive
# does not matter: each request is a new connection for every build alike).
count() { # name path
  for _ in $(seq 20); do curl -sf -o /dev/null -H "Cookie: $cookie" "$base$2"; done
  callgrind_control -z "$pid" >/dev/null
  callgrind_control -i on "$pid" >/dev/null
  for _ in $(seq "$REQUESTS"); do curl -sf -o /dev/null -H "Cookie: $cookie" "$base$2"; done
  callgrind_control -i off "$pid" >/dev/null
  callgrind_control -d "$1" "$pid" >/dev/null
  sleep 1
  local file
  file=$(ls -t "$OUT"/server.*.out.* | head -1)
  local total
  total=$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  # Whole output to a file first: `| head` would end callgrind_annotate with SIGPIPE, which
  # pipefail turns into the end of this script.
  callgrind_annotate --inclusive=yes "$file" >"$OUT/$1.callgrind.full.txt" 2>/dev/null || true
  sed -n 1,60p "$OUT/$1.callgrind.full.txt" >"$OUT/$1.callgrind.txt"
  printf '%-28s %12s instructions a request  (%s)\n' "$2" "$((total / REQUESTS))" "$OUT/$1.callgrind.txt"
}
count healthz /healthz
count cases /cases
count dashboard /dashboard
kill $pid; wait $pid 2>/dev/null || true

render() { # kind example
  valgrind --tool=callgrind --callgrind-out-file="$OUT/render-$2.out" "$BIN" render "$1" \
    --answers "docs/examples/$2.json" --out "$OUT/$2.pdf" --reference PCEC-2026-0014 >/dev/null 2>&1
  local total
  total=$(callgrind_annotate "$OUT/render-$2.out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  callgrind_annotate --inclusive=yes "$OUT/render-$2.out" >"$OUT/render-$2.callgrind.full.txt" 2>/dev/null || true
  sed -n 1,60p "$OUT/render-$2.callgrind.full.txt" >"$OUT/render-$2.callgrind.txt"
  printf '%-28s %12s instructions, whole process  (%s)\n' "render $2" "$total" "$OUT/render-$2.callgrind.txt"
}
render rules rules-society
render business-plan business-plan
echo "profiles in $OUT"
