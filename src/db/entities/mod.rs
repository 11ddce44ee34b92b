//! Table models, one file per table, mirroring the migrations column for column.
//!
//! They carry no behaviour. The repositories in `db::repo` return these rows; where the program
//! reasons about one, it is turned into a typed domain value once (`Case` from a `cases` row,
//! `StageRecord` from a `case_stages` row), failing on a stored value the code does not know.

pub mod audit_log;
pub mod ballot_box;
pub mod ballot_participation;
pub mod calendar_feeds;
pub mod case_answers;
pub mod case_events;
pub mod case_meetings;
pub mod case_members;
pub mod case_prefill;
pub mod case_stages;
pub mod cases;
pub mod document_answers;
pub mod document_reads;
pub mod documents;
pub mod enquiries;
pub mod enquiry_notes;
pub mod event_attendance;
pub mod event_feedback;
pub mod event_people;
pub mod event_registrations;
pub mod event_sessions;
pub mod event_stages;
pub mod events;
pub mod impact_runs;
pub mod invitations;
pub mod learning_material_reads;
pub mod learning_material_stages;
pub mod learning_materials;
pub mod login_failures;
pub mod meeting_attendees;
pub mod meetings;
pub mod note_revisions;
pub mod notes;
pub mod notice_deliveries;
pub mod one_time_tokens;
pub mod rate_limit_hits;
pub mod readiness_check_counts;
pub mod resolutions;
pub mod sessions;
pub mod survey_responses;
pub mod survey_status;
pub mod tasks;
pub mod users;
