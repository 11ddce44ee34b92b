//! The secret ballot's two tables. `ballot_participation` says who returned a paper;
//! `ballot_box` holds the papers. Nothing joins them: no shared key, time or order.

use rand::seq::SliceRandom;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::ballot_box::{self, Entity as BallotBox};
use crate::db::entities::ballot_participation::{self, Entity as Participation};

/// Records that a member voted; refused by the primary key if they already did.
pub async fn record_participation(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    user_id: i64,
) -> Result<(), DbErr> {
    ballot_participation::ActiveModel {
        meeting_id: Set(meeting_id),
        user_id: Set(user_id),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn has_voted(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    user_id: i64,
) -> Result<bool, DbErr> {
    Ok(Participation::find_by_id((meeting_id, user_id))
        .one(db)
        .await?
        .is_some())
}

/// How many members have voted: the turnout, which staff and reps may see while it is open.
pub async fn turnout(db: &impl ConnectionTrait, meeting_id: i64) -> Result<u64, DbErr> {
    Participation::find()
        .filter(ballot_participation::Column::MeetingId.eq(meeting_id))
        .count(db)
        .await
}

/// Who voted (never how), for the record once the ballot has closed.
pub async fn voters(db: &impl ConnectionTrait, meeting_id: i64) -> Result<Vec<i64>, DbErr> {
    Ok(Participation::find()
        .filter(ballot_participation::Column::MeetingId.eq(meeting_id))
        .order_by_asc(ballot_participation::Column::UserId)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect())
}

pub async fn insert_paper(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    box_id: &str,
    receipt: &str,
    paper: &str,
) -> Result<(), DbErr> {
    ballot_box::ActiveModel {
        box_id: Set(box_id.into()),
        meeting_id: Set(meeting_id),
        receipt: Set(receipt.into()),
        paper: Set(paper.into()),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The papers of a meeting, sorted by receipt: never in the order they were cast.
pub async fn papers(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<ballot_box::Model>, DbErr> {
    BallotBox::find()
        .filter(ballot_box::Column::MeetingId.eq(meeting_id))
        .order_by_asc(ballot_box::Column::Receipt)
        .all(db)
        .await
}

/// At close, writes both tables' rows for the meeting again in a random order, so that the
/// physical order of a PostgreSQL table no longer follows the order votes were cast
/// (DECISIONS.md §3). Only the live tables: backups and the write-ahead log are beyond it.
pub async fn rewrite_shuffled(db: &impl ConnectionTrait, meeting_id: i64) -> Result<(), DbErr> {
    let mut papers = papers(db, meeting_id).await?;
    let mut people = voters(db, meeting_id).await?;
    {
        let mut rng = rand::thread_rng();
        papers.shuffle(&mut rng);
        people.shuffle(&mut rng);
    }
    BallotBox::delete_many()
        .filter(ballot_box::Column::MeetingId.eq(meeting_id))
        .exec(db)
        .await?;
    Participation::delete_many()
        .filter(ballot_participation::Column::MeetingId.eq(meeting_id))
        .exec(db)
        .await?;
    for p in papers {
        insert_paper(db, meeting_id, &p.box_id, &p.receipt, &p.paper).await?;
    }
    for user in people {
        record_participation(db, meeting_id, user).await?;
    }
    Ok(())
}
