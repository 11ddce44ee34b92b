//! Who may do what: every access decision coopkit makes, in one place, as plain functions.
//!
//! A case is reached only through `services::cases::open`, which asks `decide` here; pages and
//! services never write their own "workers may not" checks. Refusals come in two kinds, and the
//! difference matters: `Hidden` (404) when the person should not even learn that the thing
//! exists, `Forbidden` (403) when they can see the case but this action is not theirs.

use serde::Serialize;

use super::user::Role;

/// How a person relates to one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseRole {
    /// Centre staff and admins: every case, and the sign-offs.
    Centre,
    /// A union rep on the case: guides it, does not sign it off.
    Rep,
    /// A worker on the case: follows it, answers the survey, reads what is published to them.
    Worker,
}

impl CaseRole {
    /// The role a person has on a case from their account and their membership (`"rep"`,
    /// `"worker"`) if any. Centre accounts see every case whatever their membership.
    pub fn of(account: Role, membership: Option<&str>) -> Option<CaseRole> {
        if account.is_centre() {
            return Some(CaseRole::Centre);
        }
        match membership {
            Some("rep") => Some(CaseRole::Rep),
            Some("worker") => Some(CaseRole::Worker),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CaseRole::Centre => "centre",
            CaseRole::Rep => "rep",
            CaseRole::Worker => "worker",
        }
    }

    /// The centre and reps move a case forward; workers follow it.
    pub fn works_on_case(self) -> bool {
        self != CaseRole::Worker
    }
}

/// What someone wants to do with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Follow it: its stages, progress, survey page, published documents. Everyone on it.
    Follow,
    /// Work on it: answer questions, draft documents, invite people, publish. Workers can see
    /// the case but may not (403).
    Work,
    /// Its working pages (tasks, people, timeline, deadlines' notes): the centre and reps.
    /// To a worker these pages do not exist (404).
    WorkingPages,
    /// Take part as a member of the workplace (answer the survey). The centre may not (403).
    TakePart,
    /// A decision that is the centre's (sign a stage off, send it back, reopen it). Members of
    /// the case may not (403).
    Decide,
    /// Something only the centre ever sees (a staff-only note). To anyone else it does not
    /// exist (404).
    CentreEyesOnly,
}

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Answer as if it did not exist (404): the person may not learn that it does.
    Hidden,
    /// The person can see the case but may not do this (403); the reason is for the log.
    Forbidden(&'static str),
}

/// The one rule for reaching a case: `role` is the person's role on it (`None` when they are
/// not on it), `need` what they want to do.
pub fn decide(role: Option<CaseRole>, need: Need) -> Result<CaseRole, Refusal> {
    let Some(role) = role else {
        return Err(Refusal::Hidden);
    };
    use CaseRole::{Centre, Rep, Worker};
    match (need, role) {
        (Need::Follow, _) => Ok(role),
        (Need::Work, Worker) => Err(Refusal::Forbidden(
            "workers follow a case; reps and the centre work on it",
        )),
        (Need::WorkingPages | Need::CentreEyesOnly, Worker) => Err(Refusal::Hidden),
        (Need::Work | Need::WorkingPages, Centre | Rep) => Ok(role),
        (Need::TakePart, Centre) => Err(Refusal::Forbidden(
            "the survey is for the people of the workplace",
        )),
        (Need::TakePart, Rep | Worker) => Ok(role),
        (Need::Decide, Centre) => Ok(role),
        (Need::Decide, Rep | Worker) => {
            Err(Refusal::Forbidden("only centre staff sign stages off"))
        }
        (Need::CentreEyesOnly, Centre) => Ok(role),
        (Need::CentreEyesOnly, Rep) => Err(Refusal::Hidden),
    }
}

/// Work that belongs to the centre whatever the case (notes, accounts, enquiries, exports).
pub fn require_centre(account: Role) -> Result<(), Refusal> {
    if account.is_centre() {
        Ok(())
    } else {
        Err(Refusal::Forbidden(
            "only the education centre's staff can do this",
        ))
    }
}

/// Managing accounts and the audit log: admins only.
pub fn require_admin(account: Role) -> Result<(), Refusal> {
    if account == Role::Admin {
        Ok(())
    } else {
        Err(Refusal::Forbidden("only an admin can do this"))
    }
}

/// Who may open a new case: the centre and union reps. Workers join cases by invitation.
pub fn may_open_cases(account: Role) -> bool {
    account != Role::Worker
}

/// Who may invite people to a case with a given role: reps and the centre invite workers;
/// only the centre invites reps.
pub fn may_invite(role: CaseRole, invites_rep: bool) -> bool {
    match role {
        CaseRole::Centre => true,
        CaseRole::Rep => !invites_rep,
        CaseRole::Worker => false,
    }
}

/// Workers see a document only once it is published to them; the centre and reps see every
/// version, drafts included.
pub fn may_see_document(role: CaseRole, published: bool) -> bool {
    published || role.works_on_case()
}

/// Whether a person sees staff-only notes and events: the centre only. Reps see shared ones.
pub fn sees_staff_only(role: CaseRole) -> bool {
    role == CaseRole::Centre
}

/// Whether a person sees a case's legal deadlines (on the case page and their own tab): the
/// people who act on them, the centre and reps.
pub fn sees_deadlines(role: CaseRole) -> bool {
    role.works_on_case()
}

/// Whether a person sees the survey's individual answers (not just the totals).
pub fn sees_survey_answers(role: CaseRole) -> bool {
    role.works_on_case()
}

/// The learning library is for the centre and the people of its cases: staff, and anyone who
/// belongs to at least one case. Others signed in (a rep with no case yet) may not.
pub fn may_read_learning(account: Role, on_a_case: bool) -> Result<(), Refusal> {
    if account.is_centre() || on_a_case {
        Ok(())
    } else {
        Err(Refusal::Forbidden(
            "the learning library is for the members of the centre's cases",
        ))
    }
}

/// Whose learning record a person sees on a case's learning page: the centre and reps see
/// every member's (reps kept the hand-typed training log before); a worker sees their own.
pub fn sees_everyones_learning(role: CaseRole) -> bool {
    role.works_on_case()
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseRole::{Centre, Rep, Worker};

    const EVERY_ROLE: [Option<CaseRole>; 4] = [Some(Centre), Some(Rep), Some(Worker), None];

    fn outcome(role: Option<CaseRole>, need: Need) -> &'static str {
        match decide(role, need) {
            Ok(_) => "ok",
            Err(Refusal::Hidden) => "404",
            Err(Refusal::Forbidden(_)) => "403",
        }
    }

    /// The whole table, row by row: a change to who may do what changes a line here.
    #[test]
    fn every_need_for_every_role() {
        let table: [(Need, [&str; 4]); 6] = [
            (Need::Follow, ["ok", "ok", "ok", "404"]),
            (Need::Work, ["ok", "ok", "403", "404"]),
            (Need::WorkingPages, ["ok", "ok", "404", "404"]),
            (Need::TakePart, ["403", "ok", "ok", "404"]),
            (Need::Decide, ["ok", "403", "403", "404"]),
            (Need::CentreEyesOnly, ["ok", "404", "404", "404"]),
        ];
        for (need, expected) in table {
            for (role, want) in EVERY_ROLE.into_iter().zip(expected) {
                assert_eq!(outcome(role, need), want, "{need:?} for {role:?}");
            }
        }
    }

    #[test]
    fn someone_not_on_the_case_never_learns_it_exists() {
        for need in [Need::Follow, Need::Work, Need::Decide, Need::TakePart] {
            assert_eq!(decide(None, need), Err(Refusal::Hidden));
        }
    }

    #[test]
    fn centre_accounts_are_centre_on_every_case() {
        assert_eq!(CaseRole::of(Role::Staff, None), Some(Centre));
        assert_eq!(CaseRole::of(Role::Admin, Some("worker")), Some(Centre));
        assert_eq!(CaseRole::of(Role::Rep, Some("rep")), Some(Rep));
        assert_eq!(CaseRole::of(Role::Worker, Some("worker")), Some(Worker));
        assert_eq!(CaseRole::of(Role::Rep, None), None);
        assert_eq!(CaseRole::of(Role::Rep, Some("owner")), None);
    }

    #[test]
    fn only_the_centre_invites_reps() {
        assert!(may_invite(Centre, true));
        assert!(may_invite(Rep, false));
        assert!(!may_invite(Rep, true));
        assert!(!may_invite(Worker, false));
    }

    #[test]
    fn workers_see_published_documents_only() {
        assert!(may_see_document(Worker, true));
        assert!(!may_see_document(Worker, false));
        assert!(may_see_document(Rep, false));
        assert!(may_see_document(Centre, false));
    }

    #[test]
    fn who_sees_what_inside_a_case() {
        assert!(sees_staff_only(Centre) && !sees_staff_only(Rep) && !sees_staff_only(Worker));
        assert!(sees_survey_answers(Rep) && !sees_survey_answers(Worker));
        assert!(sees_deadlines(Centre) && sees_deadlines(Rep) && !sees_deadlines(Worker));
        assert!(may_open_cases(Role::Rep) && !may_open_cases(Role::Worker));
        assert!(require_centre(Role::Staff).is_ok() && require_centre(Role::Rep).is_err());
        assert!(require_admin(Role::Admin).is_ok() && require_admin(Role::Staff).is_err());
        assert!(may_read_learning(Role::Staff, false).is_ok());
        assert!(may_read_learning(Role::Worker, true).is_ok());
        assert!(may_read_learning(Role::Rep, false).is_err());
        assert!(sees_everyones_learning(Rep) && !sees_everyones_learning(Worker));
    }
}
