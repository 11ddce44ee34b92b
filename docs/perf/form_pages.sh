#!/usr/bin/env bash
# Measures how fast coopkit renders a form page (and the task list) under wrk.
#
# It starts coopkit on a fresh SQLite database in a temporary folder, creates a rep, signs in
# with curl, opens a buyout case, then points wrk at the intake form page with the session
# cookie. Run it from the repository root after `cargo build --release`:
#
#   docs/perf/form_pages.sh            # 64 connections, 15 seconds per page
#   CONNECTIONS=16 SECONDS=10 docs/perf/form_pages.sh
#
# Needs curl and wrk. Nothing outside the temporary folder is touched.
set -euo pipefail

BIN=${BIN:-target/release/coopkit}
PORT=${PORT:-8765}
CONNECTIONS=${CONNECTIONS:-64}
SECONDS_EACH=${SECONDS:-15}
BASE="http://127.0.0.1:$PORT"
EMAIL=rep@example.org
PASSWORD='a long passphrase used only for measuring'

WORK=$(mktemp -d)
export COOPKIT_DATABASE_URL="sqlite://$WORK/coopkit.db?mode=rwc"
export COOPKIT_DATA_DIR="$WORK"
export COOPKIT_LOG=warn
export ROCKET_PORT=$PORT
# A release build refuses to start without a key; this one lives only as long as the run.
export ROCKET_SECRET_KEY=$(head -c 32 /dev/urandom | base64)

printf '%s' "$PASSWORD" | "$BIN" create-user --email "$EMAIL" --name "Rita Rep" --role rep --password-stdin >/dev/null
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  curl -sf "$BASE/healthz" >/dev/null && break
  sleep 0.1
done

JAR="$WORK/cookies"
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
post() { curl -s -b "$JAR" -c "$JAR" -H 'Sec-Fetch-Site: same-origin' -o /dev/null -D - "$@"; }

token=$(curl -s -b "$JAR" -c "$JAR" "$BASE/login" | csrf)
post --data-urlencode "_csrf=$token" --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$BASE/login" >/dev/null
token=$(curl -s -b "$JAR" -c "$JAR" "$BASE/cases/new" | csrf)
location=$(post --data-urlencode "_csrf=$token" -d name=Ribble+Print+Works -d pathway=buyout \
  -d sector=Printing -d employer=Ribble+Print+Ltd -d union_name=Unite -d union_branch=Preston \
  -d worker_count=24 -d trigger=redundancies -d description=Measuring "$BASE/cases" |
  tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
case_id=${location##*/}
# Curl marks HttpOnly cookies with a "#HttpOnly_" prefix; every other '#' line is a comment.
cookie=$(sed 's/^#HttpOnly_//' "$JAR" | awk -F'\t' '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')

for path in "/cases/$case_id/stages/intake/pages/intake" "/cases/$case_id/stages/intake/pages/trigger" "/cases/$case_id"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE$path")
  echo "== GET $path (status $status), $CONNECTIONS connections, ${SECONDS_EACH}s"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -H "Cookie: $cookie" "$BASE$path" |
    grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx'
done
