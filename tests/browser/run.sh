#!/usr/bin/env bash
# Walks coopkit's journeys in headless Chromium at 390 px and 1280 px, with axe-core on every
# page (see docs/browser-tests.md). Builds the release server, starts it on a fresh SQLite
# database in a temporary folder on a free port, makes a staff account with the CLI, then runs
# journeys.mjs. Exits non-zero on any failure.
#
#   tests/browser/run.sh                      # from anywhere in the repository
#   COOPKIT_BROWSER_SHOTS=DIR                 # where the screenshots go (default: a temp folder)
#   COOPKIT_BROWSER_WIDTHS=390                # only some widths (default: 390,1280)
#   COOPKIT_SKIP_BROWSER_TESTS=1              # skip, saying so (the only way to skip)
#   CHROMIUM=/path/to/chromium                # default /usr/bin/chromium
#   COOPKIT_BROWSER_PROFILE=debug             # walk the debug build `cargo test` has already
#                                             # made (CI does, to stay inside its time budget)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ -n "${COOPKIT_SKIP_BROWSER_TESTS:-}" ]; then
  echo "== browser tests SKIPPED because COOPKIT_SKIP_BROWSER_TESTS is set"
  exit 0
fi

chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "no Chromium at $chromium: apt-get install -y chromium, or set CHROMIUM" >&2; exit 1; }
[ -d "$here/node_modules/playwright-core" ] && [ -d "$here/node_modules/axe-core" ] \
  || { echo "run 'npm ci' in tests/browser first" >&2; exit 1; }

started=$(date +%s)
profile="${COOPKIT_BROWSER_PROFILE:-release}"
case "$profile" in
  release) echo "== cargo build --release"; (cd "$repo" && cargo build --release --quiet) ;;
  debug) echo "== cargo build (debug)"; (cd "$repo" && cargo build --quiet) ;;
  *) echo "COOPKIT_BROWSER_PROFILE must be release or debug" >&2; exit 1 ;;
esac
built=$(date +%s)

work="$(mktemp -d -t coopkit-browser.XXXXXX)"
shots="${COOPKIT_BROWSER_SHOTS:-$work/screenshots}"
mkdir -p "$shots"
# A free port: ask the kernel for one, then hand it to the server.
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"

export COOPKIT_DATABASE_URL="sqlite://$work/coopkit.db?mode=rwc"
export COOPKIT_DATA_DIR="$work/data"
# Another template folder can be walked (for example an older one, to see what changed).
export COOPKIT_TEMPLATE_DIR="${COOPKIT_TEMPLATE_DIR:-$repo/templates}"
export COOPKIT_PUBLIC_URL="$base"
export ROCKET_ADDRESS=127.0.0.1 ROCKET_PORT="$port"
# Mail goes to the journeys' own SMTP server (lib/mailbox.mjs, listening on this port once
# journeys.mjs starts), so a journey can open a link from the email a person would get.
# Pages still show invitation links for the rep to share, which the first journeys follow.
mail_port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
export COOPKIT_SMTP_HOST=127.0.0.1 COOPKIT_SMTP_PORT="$mail_port" COOPKIT_SMTP_FROM="coopkit <coopkit@pcec.example>"
unset COOPKIT_SMTP_USERNAME COOPKIT_SMTP_PASSWORD
bin="$repo/target/$profile/coopkit"

server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# The staff account comes from the CLI; the first admin from the link the first start prints.
"$bin" migrate >"$work/migrate.log" 2>&1
printf '%s' 'staff password for the browser walk' \
  | "$bin" create-user --email staff@pcec.example --name "Sam Staff" --role staff --password-stdin >/dev/null

(cd "$work" && exec "$bin" serve) >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "the server stopped" >&2; exit 1; }
  sleep 0.1
done
setup_link="$(grep -o "$base/setup/[A-Za-z0-9_-]*" "$work/server.log" | head -1 || true)"

status=0
COOPKIT_URL="$base" COOPKIT_MAIL_PORT="$mail_port" COOPKIT_SETUP_LINK="$setup_link" COOPKIT_BROWSER_SHOTS="$shots" \
  STAFF_EMAIL=staff@pcec.example STAFF_PASSWORD='staff password for the browser walk' \
  CHROMIUM="$chromium" node "$here/journeys.mjs" || status=$?

finished=$(date +%s)
echo "== build $((built - started)) s, walk $((finished - built)) s, total $((finished - started)) s"
echo "== screenshots: $shots"
if [ "$status" -ne 0 ]; then
  echo "== server log (last 40 lines):"; tail -40 "$work/server.log"
fi
exit "$status"
