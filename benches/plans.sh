#!/usr/bin/env bash
# The query plan of every list and dashboard query, on SQLite or PostgreSQL, as the database
# at DATABASE_URL plans it. The SQL is what sea-orm sends (read from src/db/repo/), with the
# values written in: `session`, `cases?...` and `dashboard:` say which page asks.
#
# Usage: benches/plans.sh DATABASE_URL
#   sqlite:///tmp/coopkit-bench-100000/coopkit.db   EXPLAIN QUERY PLAN (sqlite3)
#   postgres://postgres@127.0.0.1:5432/coopkit_bench_100000
#                                      EXPLAIN (ANALYZE, COSTS OFF) through psql: actual rows
#                                      and times; then the "tasks due" query once more as a
#                                      prepared statement with a generic plan, because sqlx
#                                      prepares every statement and PostgreSQL switches a
#                                      prepared statement to a generic plan after five runs.
set -euo pipefail
URL=${1:?usage: benches/plans.sh DATABASE_URL}
TODAY=$(date -u +%F)
DUE=$(date -u -d '+14 days' +%F)
NOW=$(date -u +%s)
QUIET=$((NOW - 30 * 24 * 3600))

read -r -d '' QUERIES <<SQL || true
session: SELECT s.id, s.user_id, s.expires_at, s.last_seen_at, s.revoked_at, u.id, u.email, u.name, u.role, u.disabled FROM sessions s LEFT JOIN users u ON s.user_id = u.id WHERE s.token_hash = '0000000000000000000000000000000000000000000000000000000000000000' LIMIT 1
cases (staff, no filter): SELECT * FROM cases ORDER BY updated_at DESC, id DESC LIMIT 51
cases (status+pathway): SELECT * FROM cases WHERE pathway = 'buyout' AND status = 'active' ORDER BY updated_at DESC, id DESC LIMIT 51
cases (status+pathway, page 2): SELECT * FROM cases WHERE pathway = 'buyout' AND status = 'active' AND (updated_at < $NOW OR (updated_at = $NOW AND id < 5000)) ORDER BY updated_at DESC, id DESC LIMIT 51
cases (advisor=none): SELECT * FROM cases WHERE advisor_id IS NULL ORDER BY updated_at DESC, id DESC LIMIT 51
cases (advisor=2): SELECT * FROM cases WHERE advisor_id = 2 ORDER BY updated_at DESC, id DESC LIMIT 51
cases (sector): SELECT * FROM cases WHERE sector = 'Manufacturing' ORDER BY updated_at DESC, id DESC LIMIT 51
cases (trigger): SELECT * FROM cases WHERE trigger = 'closure' ORDER BY updated_at DESC, id DESC LIMIT 51
cases (pathway+stage): SELECT * FROM cases WHERE pathway = 'buyout' AND current_stage = 'feasibility' ORDER BY updated_at DESC, id DESC LIMIT 51
cases (task due): SELECT * FROM cases WHERE id IN (SELECT case_id FROM tasks WHERE done_at IS NULL AND due_on <= '$DUE') ORDER BY updated_at DESC, id DESC LIMIT 51
cases (rep's own): SELECT * FROM cases WHERE id IN (SELECT case_id FROM case_members WHERE user_id = 10) ORDER BY updated_at DESC, id DESC LIMIT 51
cases (sort=name): SELECT * FROM cases ORDER BY name ASC, id ASC LIMIT 51
cases (sort=reference): SELECT * FROM cases ORDER BY reference ASC LIMIT 51
cases (advisors for the filter): SELECT * FROM users WHERE role IN ('admin', 'staff') AND disabled = false ORDER BY name ASC
dashboard: stage counts: SELECT pathway, stage, CAST(SUM(n) AS BIGINT) AS n FROM case_stage_counts WHERE status IN ('active', 'on_hold') GROUP BY pathway, stage
dashboard: awaiting sign-off: SELECT * FROM cases WHERE awaiting_signoff_since IS NOT NULL ORDER BY awaiting_signoff_since ASC LIMIT 9
dashboard: tasks due: SELECT tasks.id, tasks.case_id, tasks.title, tasks.due_on, tasks.assignee_id, cases.name AS case_name, cases.reference AS case_reference, users.name AS assignee_name FROM tasks INNER JOIN cases ON tasks.case_id = cases.id LEFT JOIN users ON tasks.assignee_id = users.id WHERE tasks.done_at IS NULL AND tasks.due_on <= '$DUE' AND cases.status IN ('active', 'on_hold') ORDER BY tasks.due_on ASC, tasks.id ASC LIMIT 9
dashboard: quiet cases: SELECT * FROM cases WHERE status = 'active' AND updated_at < $QUIET ORDER BY updated_at ASC, id ASC LIMIT 9
dashboard: my cases: SELECT * FROM cases WHERE advisor_id = 2 AND status IN ('active', 'on_hold') ORDER BY updated_at DESC, id DESC LIMIT 9
SQL

case "$URL" in
  sqlite:*)
    file=${URL#sqlite://}; file=${file#sqlite:}; file=${file%%\?*}
    command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
    echo "SQLite $(sqlite3 --version | cut -d' ' -f1), $(sqlite3 "$file" 'SELECT COUNT(*) FROM cases') cases, $(sqlite3 "$file" 'SELECT COUNT(*) FROM tasks WHERE done_at IS NULL') open tasks"
    while IFS= read -r line; do
      sql="SELECT ${line#*: SELECT }"
      echo; echo "-- ${line%%: SELECT*}"; echo "$sql" | sed 's/^/--   /' | cut -c1-160
      sqlite3 "$file" "EXPLAIN QUERY PLAN $sql" | grep -v '^QUERY PLAN' || echo "(could not plan this query)"
    done <<<"$QUERIES"
    ;;
  postgres:*|postgresql:*)
    command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
    pg() { psql "$URL" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
    echo "PostgreSQL $(pg -c 'SHOW server_version'), $(pg -c 'SELECT COUNT(*) FROM cases') cases, $(pg -c 'SELECT COUNT(*) FROM tasks WHERE done_at IS NULL') open tasks"
    while IFS= read -r line; do
      sql="SELECT ${line#*: SELECT }"
      echo; echo "-- ${line%%: SELECT*}"; echo "$sql" | sed 's/^/--   /' | cut -c1-160
      # Twice: the first run reads pages from disk into shared buffers, the second is the
      # steady state a busy server sees.
      pg -c "EXPLAIN (ANALYZE, COSTS OFF) $sql" >/dev/null 2>&1 || true
      pg -c "EXPLAIN (ANALYZE, COSTS OFF) $sql" || echo "(could not plan this query)"
    done <<<"$QUERIES"
    echo; echo "-- dashboard: tasks due, as a prepared statement with a generic plan"
    pg <<PSQL
SET plan_cache_mode = force_generic_plan;
PREPARE due(text, int) AS SELECT tasks.id, cases.name, users.name FROM tasks INNER JOIN cases ON tasks.case_id = cases.id LEFT JOIN users ON tasks.assignee_id = users.id WHERE tasks.done_at IS NULL AND tasks.due_on <= \$1 AND cases.status IN ('active', 'on_hold') ORDER BY tasks.due_on ASC, tasks.id ASC LIMIT \$2;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE due('$DUE', 9);
PSQL
    ;;
  *) echo "not a sqlite: or postgres: URL: $URL" >&2; exit 1 ;;
esac
