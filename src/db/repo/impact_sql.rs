//! The SQL of the impact report's counts (`impact_counts`), one query per figure or group of
//! figures. Plain SQL that both backends read alike, but for reading JSON and numbering
//! placeholders, which `Sql` spells per backend.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

use super::impact_counts::int;

/// The backend, for the few places where SQLite and PostgreSQL spell things differently
/// (reading JSON, and placeholders).
pub(super) struct Sql(pub(super) DbBackend);

impl Sql {
    /// Placeholders are written `?` (PostgreSQL numbers them), then filled in.
    pub(super) fn statement(&self, sql: &str, values: Vec<Value>) -> Statement {
        let sql = match self.0 {
            DbBackend::Postgres => {
                let mut out = String::with_capacity(sql.len() + 8);
                let mut n = 0;
                for c in sql.chars() {
                    if c == '?' {
                        n += 1;
                        out.push_str(&format!("${n}"));
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            _ => sql.to_string(),
        };
        // The values (numbers, dates and flags made here, never text people typed) are
        // written into the SQL. PostgreSQL plans a prepared statement with parameters
        // generically after five runs, and the generic plan of these range counts read far
        // more rows: at 100,000 cases the report went from 2 s to 3.5 s after two requests.
        let statement = Statement::from_sql_and_values(self.0, sql, values).to_string();
        // As sent, for `benches/impact.sh` (PLANS=1) to explain each query.
        tracing::debug!(target: "coopkit::impact_sql", "{statement}");
        Statement::from_string(self.0, statement)
    }

    pub(super) async fn all(
        &self,
        db: &impl ConnectionTrait,
        sql: &str,
        values: Vec<Value>,
    ) -> Result<Vec<QueryResult>, DbErr> {
        db.query_all_raw(self.statement(sql, values)).await
    }

    /// A query whose one row has one count, `n`.
    pub(super) async fn one(
        &self,
        db: &impl ConnectionTrait,
        sql: &str,
        values: Vec<Value>,
    ) -> Result<i64, DbErr> {
        match db.query_one_raw(self.statement(sql, values)).await? {
            Some(row) => int(&row, "n"),
            None => Ok(0),
        }
    }

    /// A JSON object's member as text when it is a string, else `''`: what
    /// `value["key"].as_str().unwrap_or_default()` gives in Rust.
    pub(super) fn json_string(&self, column: &str, key: &str) -> String {
        match self.0 {
            DbBackend::Postgres => format!(
                "(CASE WHEN json_typeof({column}::json -> '{key}') = 'string' \
                 THEN {column}::json ->> '{key}' ELSE '' END)"
            ),
            _ => format!(
                "(CASE WHEN json_type({column}, '$.{key}') = 'text' \
                 THEN json_extract({column}, '$.{key}') ELSE '' END)"
            ),
        }
    }

    /// A date answer's day, `YYYY-MM-DD`, or NULL when the answer is not a date.
    pub(super) fn answer_day(&self, column: &str) -> String {
        let text = match self.0 {
            DbBackend::Postgres => format!(
                "(CASE WHEN json_typeof({column}::json) = 'string' THEN {column}::json #>> '{{}}' END)"
            ),
            _ => format!(
                "(CASE WHEN json_type({column}) = 'text' THEN json_extract({column}, '$') END)"
            ),
        };
        format!("(CASE WHEN {text} LIKE '____-__-__' THEN {text} END)")
    }

    /// When a completed or withdrawn case ended: its latest change of status to completed or
    /// withdrawn, or its last change when the log has none.
    pub(super) fn ended_at(&self) -> String {
        format!(
            "COALESCE((SELECT MAX(ce.created_at) FROM case_events ce \
              WHERE ce.kind = 'status_changed' AND ce.case_id = c.id \
              AND {} IN ('completed', 'withdrawn')), c.updated_at)",
            self.json_string("ce.data", "to")
        )
    }

    pub(super) fn events_held(&self) -> String {
        format!(
            "SELECT e.kind AS kind, e.audience AS audience, COUNT(*) AS n, \
             CAST(COALESCE(SUM(CASE WHEN e.capacity > 0 THEN e.capacity ELSE 0 END), 0) AS BIGINT) AS places \
             FROM event_sessions s JOIN events e ON e.id = s.event_id \
             WHERE {HELD} GROUP BY e.kind, e.audience"
        )
    }

    pub(super) fn places(&self) -> String {
        format!(
            "SELECT r.state AS state, \
             CAST(COALESCE(SUM(CASE WHEN r.seats >= 0 THEN r.seats ELSE 1 END), 0) AS BIGINT) AS seats \
             FROM event_sessions s JOIN events e ON e.id = s.event_id \
             JOIN event_registrations r ON r.event_id = e.id \
             WHERE {HELD} GROUP BY r.state"
        )
    }

    pub(super) fn ended_before(&self) -> String {
        format!(
            "SELECT COUNT(*) AS n FROM cases c WHERE c.status IN ('completed', 'withdrawn') \
             AND c.created_at < ? AND {} < ?",
            self.ended_at()
        )
    }

    pub(super) fn stages_started(&self) -> String {
        format!(
            "SELECT c.pathway AS pathway, {} AS stage, COUNT(*) AS n \
             FROM case_events ce LEFT JOIN cases c ON c.id = ce.case_id \
             WHERE ce.kind = 'stage_started' AND ce.created_at >= ? AND ce.created_at < ? \
             GROUP BY 1, 2",
            self.json_string("ce.data", "stage")
        )
    }

    pub(super) fn ended(&self) -> String {
        let by_end = |key: &str| {
            format!(
                "CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM case_answers a \
                 WHERE a.case_id = c.id AND a.question_key = '{key}' AND {day} <= ?) \
                 THEN 1 ELSE 0 END), 0) AS BIGINT)",
                day = self.answer_day("a.value")
            )
        };
        format!(
            "SELECT c.status AS status, c.pathway AS pathway, c.current_stage AS stage, \
             COUNT(*) AS n, {} AS registered, {} AS trading \
             FROM (SELECT c.id, c.status, c.pathway, c.current_stage, {} AS ended_at \
                   FROM cases c WHERE c.status IN ('completed', 'withdrawn')) c \
             WHERE c.ended_at >= ? AND c.ended_at < ? \
             GROUP BY c.status, c.pathway, c.current_stage",
            by_end("registered"),
            by_end("trading_start"),
            self.ended_at()
        )
    }

    pub(super) fn outcome_dates(&self) -> String {
        format!(
            "SELECT c.pathway AS pathway, a.question_key AS question_key, \
             CAST(COALESCE(SUM(CASE WHEN a.first_day >= ? THEN 1 ELSE 0 END), 0) AS BIGINT) AS in_period, \
             CAST(COALESCE(SUM(CASE WHEN a.first_day >= ? THEN c.worker_count ELSE 0 END), 0) AS BIGINT) AS workers_in_period, \
             COUNT(*) AS by_end, \
             CAST(COALESCE(SUM(c.worker_count), 0) AS BIGINT) AS workers_by_end \
             FROM (SELECT case_id, question_key, MIN({day}) AS first_day FROM case_answers \
                   WHERE question_key IN ('registered', 'trading_start') AND {day} IS NOT NULL \
                   GROUP BY case_id, question_key) a \
             JOIN cases c ON c.id = a.case_id \
             WHERE a.first_day <= ? \
             GROUP BY c.pathway, a.question_key",
            day = self.answer_day("value")
        )
    }
}

/// An event is held when its first session (earliest start, then lowest id) starts in the
/// period and the centre did not cancel it; `s` is that session. Parameters: `lo`, `hi`.
pub(super) const HELD: &str = "s.starts_at >= ? AND s.starts_at < ? AND e.status <> 'cancelled' \
     AND NOT EXISTS (SELECT 1 FROM event_sessions p WHERE p.event_id = s.event_id \
     AND (p.starts_at < s.starts_at OR (p.starts_at = s.starts_at AND p.id < s.id)))";

pub(super) const SESSIONS_HELD: &str = "SELECT COUNT(*) AS n FROM event_sessions s \
     JOIN events e ON e.id = s.event_id \
     WHERE s.starts_at >= ? AND s.starts_at < ? AND e.status <> 'cancelled'";

/// Who was present at which session in the period (`r.person_id`; every sign-up has its
/// person, a foreign key that deletes with them). Parameters: `lo`, `hi`, `true`.
pub(super) const PRESENT: &str = "FROM event_sessions s \
     JOIN event_attendance a ON a.session_id = s.id \
     JOIN event_registrations r ON r.id = a.registration_id \
     WHERE s.starts_at >= ? AND s.starts_at < ? AND a.present = ?";

/// Each (person, session) once, however often the register was marked.
pub(super) fn attendance() -> String {
    format!(
        "SELECT COUNT(*) AS pairs, COUNT(DISTINCT x.person_id) AS people, \
         CAST(COALESCE(SUM(x.minutes), 0) AS BIGINT) AS minutes \
         FROM (SELECT DISTINCT r.person_id AS person_id, s.id AS session_id, \
         (s.ends_at - s.starts_at) / 60 AS minutes {PRESENT}) x"
    )
}

/// Then `true` and `lo`: people present in the period (each looked at once) and never
/// before it.
pub(super) fn new_people() -> String {
    format!(
        "SELECT COUNT(*) AS n FROM (SELECT DISTINCT r.person_id AS person_id {PRESENT}) x \
         WHERE NOT EXISTS (SELECT 1 FROM event_registrations r2 \
         JOIN event_attendance a2 ON a2.registration_id = r2.id \
         JOIN event_sessions s2 ON s2.id = a2.session_id \
         WHERE r2.person_id = x.person_id AND a2.present = ? AND s2.starts_at < ?)"
    )
}

pub(super) fn organisations() -> String {
    format!(
        "SELECT DISTINCT p.role AS role, p.organisation AS organisation FROM event_people p \
         WHERE p.id IN (SELECT r.person_id {PRESENT})"
    )
}

pub(super) const FEEDBACK: &str = "SELECT what_next, COUNT(*) AS n, \
     CAST(COALESCE(SUM(CASE WHEN useful BETWEEN 0 AND 255 THEN useful ELSE 0 END), 0) AS BIGINT) AS useful \
     FROM event_feedback WHERE created_at >= ? AND created_at < ? GROUP BY what_next";

pub(super) const READINESS_CHECKS: &str = "SELECT \
     CAST(COALESCE(SUM(CASE WHEN completed > 0 THEN completed ELSE 0 END), 0) AS BIGINT) AS n \
     FROM readiness_check_counts WHERE day >= ? AND day <= ?";

/// An enquiry came from an event when a sign-up was turned into it.
pub(super) const ENQUIRIES: &str = "SELECT q.role AS role, \
     CASE WHEN EXISTS (SELECT 1 FROM event_registrations r WHERE r.enquiry_id = q.id) THEN 'event' \
     WHEN q.readiness IS NOT NULL THEN 'readiness_check' ELSE 'enquiry_form' END AS source, \
     COUNT(*) AS n FROM enquiries q WHERE q.created_at >= ? AND q.created_at < ? GROUP BY 1, 2";

pub(super) const DECIDED: &str = "SELECT status, COUNT(*) AS n FROM enquiries \
     WHERE decided_at >= ? AND decided_at < ? GROUP BY status";

/// A case came from an event when it was opened from an enquiry that came from one.
pub(super) const OPENED: &str =
    "SELECT c.pathway AS pathway, c.\"trigger\" AS case_trigger, COUNT(*) AS n, \
     CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM enquiries q \
     JOIN event_registrations r ON r.enquiry_id = q.id WHERE q.case_id = c.id) \
     THEN 1 ELSE 0 END), 0) AS BIGINT) AS from_events \
     FROM cases c WHERE c.created_at >= ? AND c.created_at < ? \
     GROUP BY c.pathway, c.\"trigger\"";

pub(super) const OPENED_BY_END: &str = "SELECT COUNT(*) AS n FROM cases WHERE created_at < ?";

pub(super) const GATES_PASSED: &str = "SELECT COUNT(*) AS n FROM case_stages \
     WHERE signed_off_at >= ? AND signed_off_at < ?";

/// A case's latest final plan (highest version), when it was made in the period.
pub(super) const LATEST_PLANS: &str = "SELECT d.case_id AS case_id, d.answers AS answers, \
     d.created_at AS created_at FROM documents d \
     WHERE d.kind = ? AND d.draft = ? AND d.created_at >= ? AND d.created_at < ? \
     AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.case_id = d.case_id \
     AND n.kind = d.kind AND n.draft = d.draft AND n.version > d.version)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_into_the_sql() {
        let q = Sql(DbBackend::Postgres);
        let s = q.statement("a = ? AND b < ?", vec![1i64.into(), "x'y".into()]);
        assert_eq!(
            s.sql, r"a = 1 AND b < E'x\'y'",
            "text is quoted and escaped"
        );
        let s = Sql(DbBackend::Sqlite).statement("a = ?", vec![true.into()]);
        assert!(s.sql == "a = TRUE" || s.sql == "a = 1", "{}", s.sql);
    }
}
