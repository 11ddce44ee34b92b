//! The case list with filters, search, sorting and keyset paging, for staff at scale.
//!
//! Every filter has an index that starts with its column and ends with the default sort
//! (`updated_at`, `id`), so a page is read in order from one index and the scan stops after a
//! page, whatever page it is: paging goes "after the last case shown", never by offset.

use sea_orm::{
    sea_query::{Expr, ExprTrait, Func, Query},
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

use crate::db::entities::{
    case_members::{self, Entity as CaseMembers},
    cases::{self, Entity as Cases},
    tasks::{self, Entity as Tasks},
};

pub use crate::domain::case_filter::{AdvisorFilter, CaseFilter, Sort};

/// The filtered query, without paging or order.
fn filtered(filter: &CaseFilter) -> Select<Cases> {
    let mut query = Cases::find();
    if let Some(user_id) = filter.member_id {
        let mine = Query::select()
            .column(case_members::Column::CaseId)
            .from(CaseMembers)
            .and_where(case_members::Column::UserId.eq(user_id.get()))
            .to_owned();
        query = query.filter(cases::Column::Id.in_subquery(mine));
    }
    for (column, value) in [
        (cases::Column::Pathway, &filter.pathway),
        (cases::Column::CurrentStage, &filter.stage),
        (cases::Column::Status, &filter.status),
        (cases::Column::Sector, &filter.sector),
        (cases::Column::Trigger, &filter.trigger),
    ] {
        if let Some(value) = value {
            query = query.filter(column.eq(value.as_str()));
        }
    }
    query = match filter.advisor {
        Some(AdvisorFilter::Is(id)) => query.filter(cases::Column::AdvisorId.eq(id.get())),
        Some(AdvisorFilter::Nobody) => query.filter(cases::Column::AdvisorId.is_null()),
        None => query,
    };
    if let Some(date) = &filter.due_by {
        let due = Query::select()
            .column(tasks::Column::CaseId)
            .from(Tasks)
            .and_where(tasks::Column::DoneAt.is_null())
            .and_where(tasks::Column::DueOn.lte(date.as_str()))
            .to_owned();
        query = query.filter(cases::Column::Id.in_subquery(due));
    }
    if let Some(words) = &filter.search {
        query = query.filter(search_condition(words));
    }
    query
}

/// Every word must appear in one of the searched columns, whatever its case.
fn search_condition(words: &str) -> Condition {
    let mut all = Condition::all();
    for word in words.split_whitespace().take(5) {
        let pattern = format!("%{}%", escape_like(&word.to_lowercase()));
        let mut any = Condition::any();
        for column in [
            cases::Column::Name,
            cases::Column::Reference,
            cases::Column::Employer,
            cases::Column::UnionName,
        ] {
            any = any.add(
                Expr::expr(Func::lower(Expr::col((Cases, column))))
                    .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\')),
            );
        }
        all = all.add(any);
    }
    all
}

/// `%` and `_` typed by a person are literal characters, not wildcards.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A page of the filtered list, after the case `after` (the last one of the previous page).
/// Asks for `limit` rows; ask one more than shown to know whether a next page exists.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &CaseFilter,
    after: Option<&cases::Model>,
    limit: u64,
) -> Result<Vec<cases::Model>, DbErr> {
    let mut query = filtered(filter);
    if let Some(last) = after {
        query = query.filter(after_condition(filter.sort, last));
    }
    ordered(query, filter.sort).limit(limit).all(db).await
}

/// Every case that matches, in order, for exports.
pub async fn all(
    db: &impl ConnectionTrait,
    filter: &CaseFilter,
) -> Result<Vec<cases::Model>, DbErr> {
    ordered(filtered(filter), filter.sort).all(db).await
}

fn ordered(query: Select<Cases>, sort: Sort) -> Select<Cases> {
    match sort {
        Sort::Updated => query
            .order_by_desc(cases::Column::UpdatedAt)
            .order_by_desc(cases::Column::Id),
        Sort::Name => query
            .order_by_asc(cases::Column::Name)
            .order_by_asc(cases::Column::Id),
        Sort::Reference => query.order_by_asc(cases::Column::Reference),
    }
}

/// The rows that come after `last` in this order (keyset paging).
fn after_condition(sort: Sort, last: &cases::Model) -> Condition {
    match sort {
        Sort::Updated => Condition::any()
            .add(cases::Column::UpdatedAt.lt(last.updated_at))
            .add(
                cases::Column::UpdatedAt
                    .eq(last.updated_at)
                    .and(cases::Column::Id.lt(last.id)),
            ),
        Sort::Name => Condition::any()
            .add(cases::Column::Name.gt(last.name.as_str()))
            .add(
                cases::Column::Name
                    .eq(last.name.as_str())
                    .and(cases::Column::Id.gt(last.id)),
            ),
        Sort::Reference => {
            Condition::all().add(cases::Column::Reference.gt(last.reference.as_str()))
        }
    }
}

/// The SQL of the list's first page, for `EXPLAIN QUERY PLAN` in the benchmarks.
pub fn page_sql(backend: sea_orm::DbBackend, filter: &CaseFilter, limit: u64) -> String {
    use sea_orm::QueryTrait;
    ordered(filtered(filter), filter.sort)
        .limit(limit)
        .build(backend)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_wildcards_are_literal() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn the_list_query_uses_every_filter() {
        let filter = CaseFilter {
            pathway: Some("buyout".into()),
            status: Some("active".into()),
            advisor: Some(AdvisorFilter::Nobody),
            due_by: Some("2026-12-01".into()),
            search: Some("Ribble".into()),
            ..Default::default()
        };
        let sql = page_sql(sea_orm::DbBackend::Sqlite, &filter, 51);
        assert!(sql.contains("\"pathway\" = 'buyout'"), "{sql}");
        assert!(sql.contains("\"advisor_id\" IS NULL"), "{sql}");
        assert!(sql.contains("LIKE '%ribble%'"), "{sql}");
        assert!(sql.contains("\"due_on\" <= '2026-12-01'"), "{sql}");
        assert!(sql.contains("LIMIT 51"), "{sql}");
    }
}
