//! Reading and writing tables. Every function takes `&impl ConnectionTrait`, so the services
//! can call it inside or outside a transaction; none of them decides who may do what.

pub mod answers;
pub mod audit;
pub mod ballots;
pub mod bulk;
pub mod calendar_feeds;
pub mod case_list;
pub mod case_prefill;
pub mod cases;
pub mod centre;
pub mod documents;
pub mod enquiries;
pub mod event_bookings;
pub mod events;
pub mod impact;
pub mod impact_counts;
mod impact_sql;
pub mod invitations;
pub mod learning;
pub mod learning_record;
pub mod library;
pub mod login_failures;
pub mod meeting_records;
pub mod meetings;
pub mod member_meetings;
pub mod notes;
pub mod outreach;
pub mod people;
pub mod rate_limits;
pub mod sessions;
pub mod stages;
pub mod survey;
pub mod tasks;
pub mod tokens;
pub mod users;
