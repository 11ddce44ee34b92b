#!/usr/bin/env bash
# Crash test (not in CI): kill -9 the server while a client writes, restart, and check that
# every write the server acknowledged is still there and that SQLite's file is intact.
#
#   cargo build --release && benches/crash.sh            (CYCLES=200 by default)
#   BIN=target/debug/coopkit CYCLES=20 benches/crash.sh  (a quick run)
#
# One rep saves the intake page of one case over and over, each time with a new town. A save
# counts as acknowledged when the server answered 303 (saved, redirected). Every save leaves
# an "answer_changed" event holding the new town, so after each kill -9 and restart the script
# looks for every acknowledged town among the events, runs PRAGMA integrity_check on the file
# the killed server left, and checks the page still opens. It prints one line per cycle and a
# summary; it exits non-zero on the first lost write or damaged file.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/coopkit}
CYCLES=${CYCLES:-200}
WORK=$(mktemp -d -t coopkit-crash.XXXX)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
PW='crash test password that is long enough'
export COOPKIT_DATABASE_URL="sqlite://$WORK/coopkit.db?mode=rwc" COOPKIT_LOG=warn
export ROCKET_PORT=$PORT ROCKET_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ROCKET_LOG_LEVEL=off
for tool in curl sqlite3; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
[ -x "$BIN" ] || { echo "no binary at $BIN: cargo build --release first" >&2; exit 1; }
base=http://127.0.0.1:$PORT jar=$WORK/jar acked=$WORK/acked
: >"$acked"
server=""
trap '[ -n "$server" ] && kill -9 "$server" 2>/dev/null; true' EXIT

start() {
  "$BIN" serve >>"$WORK/server.log" 2>&1 & server=$!
  for _ in $(seq 200); do curl -sf -o /dev/null "$base/healthz" && return 0; sleep 0.05; done
  echo "the server did not start; see $WORK/server.log" >&2; exit 1
}
csrf_of() { curl -s -b "$jar" -c "$jar" "$base$1" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }

"$BIN" migrate >/dev/null 2>&1 || true
printf '%s' "$PW" | "$BIN" create-user --email rep@example.org --name 'Crash Rep' --role rep --password-stdin >/dev/null
start
token=$(csrf_of /login)
curl -s -o /dev/null -b "$jar" -c "$jar" -H 'Sec-Fetch-Site: same-origin' --data-urlencode "_csrf=$token" \
  --data-urlencode email=rep@example.org --data-urlencode "password=$PW" "$base/login"
token=$(csrf_of /cases/new)
location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" -H 'Sec-Fetch-Site: same-origin' \
  --data-urlencode "_csrf=$token" -d name=Crash+Works -d pathway=buyout -d sector=Printing \
  -d employer=Crash+Ltd -d union_name=Unite -d union_branch=Preston -d worker_count=24 \
  -d trigger=owner_retiring --data-urlencode 'description=The owner retires and the workers want to buy the firm.' \
  "$base/cases")
case_id=${location##*/}
[ -n "$case_id" ] || { echo "could not open a case" >&2; exit 1; }
page="$base/cases/$case_id/stages/intake/pages/intake"
token=$(csrf_of "/cases/$case_id/stages/intake/pages/intake")

# Saves until the server goes away; appends each acknowledged town to $acked.
writer() {
  local cycle=$1 n=0 code
  while :; do
    n=$((n + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -b "$jar" -H 'Sec-Fetch-Site: same-origin' \
      --data-urlencode "_csrf=$token" -d pathway=buyout -d case_name=Crash+buyout -d group_name=Crash+Ltd \
      -d "town=T-$cycle-$n" -d sic_code=18129 -d headcount=24 -d union_present=yes -d union_name=unite \
      -d first_contact.day=2 -d first_contact.month=3 -d first_contact.year=2026 "$page" || true)
    case $code in
      303) echo "T-$cycle-$n" >>"$acked" ;;
      000) return 0 ;;
      *) echo "a save gave HTTP $code" >&2; echo "BAD $code" >>"$WORK/bad" ;;
    esac
  done
}

total_acked=0
for cycle in $(seq "$CYCLES"); do
  before=$(wc -l <"$acked")
  writer "$cycle" & w=$!
  # Kill at a random moment between 0.2 and 1.2 s into the writes.
  sleep "0.$((2 + RANDOM % 10))"
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  wait "$w" || true
  integrity=$(sqlite3 "$WORK/coopkit.db" 'PRAGMA integrity_check')
  [ "$integrity" = ok ] || { echo "cycle $cycle: integrity_check says: $integrity" >&2; exit 1; }
  start
  sqlite3 "$WORK/coopkit.db" "SELECT data FROM case_events WHERE kind = 'answer_changed'" \
    | sed -n 's/.*"new":"\(T-[0-9]*-[0-9]*\)".*/\1/p' | sort -u >"$WORK/stored"
  missing=$(sort -u "$acked" | comm -23 - "$WORK/stored" | wc -l)
  now=$(wc -l <"$acked")
  stored_town=$(sqlite3 "$WORK/coopkit.db" "SELECT value FROM case_answers WHERE case_id = $case_id AND question_key = 'town'")
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$page")
  echo "cycle $cycle: acknowledged $((now - before)) (total $now), missing $missing, integrity $integrity, page $status, town $stored_town"
  [ "$missing" -eq 0 ] || { echo "LOST WRITES:"; sort -u "$acked" | comm -23 - "$WORK/stored"; exit 1; }
  [ "$status" = 200 ] || { echo "the page did not open after restart: $status" >&2; exit 1; }
  total_acked=$now
done
bad=$( [ -f "$WORK/bad" ] && wc -l <"$WORK/bad" || echo 0)
echo "done: $CYCLES cycles, $total_acked acknowledged writes, 0 lost, integrity ok every cycle, $bad non-303 answers while running"
