//! The access rules the route matrix asserts: what each kind of person gets from each route.
//! Read from the code (guards, `find_visible`, the services' role checks) and kept here as
//! one table, so that a change to who may do what shows up as a changed row.

use rocket::http::{Method, Status};

use crate::world::Who;

/// What a person gets back, in the terms the access rules speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Got {
    /// Let through: a page, a redirect to somewhere other than the sign-in page, or a form
    /// that is shown again (422) or refused for the state of things (409).
    Through,
    /// Sent to the sign-in page.
    SignIn,
    /// 403: signed in, but this kind of account may not.
    Forbidden,
    /// 404: not there, or not shown to this person (the two look the same).
    NotFound,
    Other(u16),
}

impl Got {
    pub fn of(status: Status, location: Option<&str>) -> Got {
        match status.code {
            401 => Got::SignIn,
            // `/login`, or `/login?next=…` to come back after signing in.
            303 | 302 if location.is_some_and(|l| l == "/login" || l.starts_with("/login?")) => {
                Got::SignIn
            }
            200..=299 | 302 | 303 | 409 | 422 => Got::Through,
            403 => Got::Forbidden,
            404 => Got::NotFound,
            code => Got::Other(code),
        }
    }
}

/// The access rule of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Everyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Anyone signed in but workers (403).
    NotWorkers,
    /// The centre and the case's members; people of other cases get 404.
    CaseMembers,
    /// As `CaseMembers`, but the case's workers get 403.
    CaseEditors,
    /// Centre staff and admins; anyone else signed in gets 403.
    Centre,
    /// Centre staff and admins; anyone else signed in gets 404 (a case they cannot see).
    CentreOrNotFound,
    /// The centre and the case's reps; the case's workers and everyone else get 404 (to a
    /// worker these pages do not exist).
    CaseRepsOnly,
    /// The centre only, on a case it names: the case's members get 403, others 404.
    CentreOnCase,
    /// The people of the workplace (the case's members), not the centre (403); others 404.
    CaseMembersNotCentre,
    /// A signed-in action that ends at the sign-in page for everyone (signing out).
    EndsAtSignIn,
    /// Removing someone who is not on the case: 404 for the centre, 403 for anyone else.
    CentreFindsNoMember,
    /// A signed-in person whose email is not the invited one: 403.
    InvitedAccountOnly,
    /// Admins only (403 for anyone else signed in).
    Admin,
    /// A link only the person it names may use: nobody in the matrix is that person.
    InvitedPersonOnly,
    /// A link that is not valid: 404 for everyone.
    DeadLink,
    /// Where refused forms land: 403 for everyone.
    AlwaysForbidden,
    /// Centre work on something the matrix's world does not have (an event): 404 for the
    /// centre, 403 for anyone else signed in.
    CentreOnMissing,
    /// Something for anyone signed in that the world does not have (a learning material):
    /// 404 for everyone signed in.
    SignedInOnMissing,
    /// Taking part in a case's event the world does not have: the centre may not take part
    /// (403); the case's members find no such event and others no such case (404).
    CaseMembersNotCentreOnMissing,
}

impl Rule {
    pub fn expect(self, who: Who, of_a: bool) -> Got {
        let member = match who {
            Who::WorkerA | Who::RepA => of_a,
            Who::RepB => !of_a,
            _ => false,
        };
        if who == Who::Anonymous {
            return match self {
                Rule::Public | Rule::InvitedPersonOnly => Got::Through,
                Rule::EndsAtSignIn => Got::SignIn,
                Rule::DeadLink => Got::NotFound,
                Rule::AlwaysForbidden => Got::Forbidden,
                _ => Got::SignIn,
            };
        }
        match self {
            Rule::Public | Rule::SignedIn => Got::Through,
            Rule::NotWorkers if who == Who::WorkerA => Got::Forbidden,
            Rule::NotWorkers => Got::Through,
            Rule::CaseMembers if who.is_centre() || member => Got::Through,
            Rule::CaseEditors if who == Who::WorkerA && member => Got::Forbidden,
            Rule::CaseEditors if who.is_centre() || member => Got::Through,
            Rule::CaseMembers | Rule::CaseEditors => Got::NotFound,
            Rule::Centre if who.is_centre() => Got::Through,
            Rule::Centre => Got::Forbidden,
            Rule::CentreOrNotFound if who.is_centre() => Got::Through,
            Rule::CentreOrNotFound => Got::NotFound,
            Rule::Admin if who == Who::Admin => Got::Through,
            Rule::Admin => Got::Forbidden,
            Rule::InvitedPersonOnly | Rule::InvitedAccountOnly => Got::Forbidden,
            Rule::CaseRepsOnly if who.is_centre() || (member && who != Who::WorkerA) => {
                Got::Through
            }
            Rule::CaseRepsOnly => Got::NotFound,
            Rule::CentreOnCase if who.is_centre() => Got::Through,
            Rule::CentreOnCase if member => Got::Forbidden,
            Rule::CentreOnCase => Got::NotFound,
            Rule::CaseMembersNotCentre if who.is_centre() => Got::Forbidden,
            Rule::CaseMembersNotCentre if member => Got::Through,
            Rule::CaseMembersNotCentre => Got::NotFound,
            Rule::EndsAtSignIn => Got::SignIn,
            Rule::CentreFindsNoMember if who.is_centre() => Got::NotFound,
            Rule::CentreFindsNoMember => Got::Forbidden,
            Rule::DeadLink => Got::NotFound,
            Rule::AlwaysForbidden => Got::Forbidden,
            Rule::CentreOnMissing if who.is_centre() => Got::NotFound,
            Rule::CentreOnMissing => Got::Forbidden,
            Rule::SignedInOnMissing => Got::NotFound,
            Rule::CaseMembersNotCentreOnMissing if who.is_centre() => Got::Forbidden,
            Rule::CaseMembersNotCentreOnMissing => Got::NotFound,
        }
    }
}

use Rule::*;

/// Every route and its rule. A route missing here fails `every_mounted_route_has_a_rule`.
pub const RULES: &[(&str, &str, Rule)] = &[
    ("GET", "/", Public),
    ("GET", "/calendar", SignedIn),
    ("POST", "/calendar/new", SignedIn),
    ("POST", "/calendar/revoke", SignedIn),
    ("GET", "/calendar/feed/<token>", DeadLink),
    ("GET", "/account/password", SignedIn),
    ("POST", "/account/password", SignedIn),
    ("GET", "/admin/audit", Admin),
    ("GET", "/admin/people", Admin),
    ("POST", "/admin/people", Admin),
    ("GET", "/admin/people/new", Admin),
    ("GET", "/admin/people/<id>", Admin),
    ("POST", "/admin/people/<id>", Admin),
    ("POST", "/admin/people/<id>/disable", Admin),
    ("POST", "/admin/people/<id>/enable", Admin),
    ("POST", "/admin/people/<id>/reset-link", Admin),
    ("GET", "/advisors", Public),
    ("GET", "/cases", SignedIn),
    ("POST", "/cases", NotWorkers),
    ("GET", "/cases/export.csv", Centre),
    ("GET", "/cases/new", NotWorkers),
    ("GET", "/cases/<id>", CaseMembers),
    ("POST", "/cases/<id>/advisor", Centre),
    ("GET", "/cases/<id>/deadlines", CaseEditors),
    ("GET", "/cases/<id>/documents", CaseMembers),
    (
        "POST",
        "/cases/<id>/documents/business-plan/<key>",
        CaseEditors,
    ),
    (
        "GET",
        "/cases/<id>/documents/business-plan/<key>",
        CaseEditors,
    ),
    ("GET", "/cases/<id>/documents/compare", CaseMembers),
    ("GET", "/cases/<id>/documents/library", CaseMembers),
    ("GET", "/cases/<id>/documents/library/<doc>", CaseMembers),
    (
        "GET",
        "/cases/<id>/documents/library/<doc>/pdf",
        CaseMembers,
    ),
    (
        "POST",
        "/cases/<id>/documents/library/<doc>/read",
        CaseMembers,
    ),
    ("POST", "/cases/<id>/documents/make", CaseEditors),
    ("GET", "/cases/<id>/documents/rules", CaseEditors),
    ("POST", "/cases/<id>/documents/rules", CaseEditors),
    ("GET", "/cases/<id>/documents/rules/<key>", CaseEditors),
    ("POST", "/cases/<id>/documents/rules/<key>", CaseEditors),
    (
        "GET",
        "/cases/<id>/documents/versions/<doc_id>",
        CaseMembers,
    ),
    (
        "GET",
        "/cases/<id>/documents/versions/<doc_id>/pdf",
        CaseMembers,
    ),
    ("POST", "/cases/<id>/documents/<doc>/publish", CaseEditors),
    ("GET", "/cases/<id>/export.json", Centre),
    ("GET", "/cases/<id>/invitations", CaseEditors),
    ("POST", "/cases/<id>/invitations", CaseEditors),
    ("POST", "/cases/<id>/invitations/list", CaseEditors),
    (
        "POST",
        "/cases/<id>/invitations/<invitation>/resend",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/invitations/<invitation>/withdraw",
        CaseEditors,
    ),
    ("POST", "/cases/<id>/meetings", CaseEditors),
    ("GET", "/cases/<id>/meetings", CaseMembers),
    ("POST", "/cases/<id>/meetings/new", CaseEditors),
    ("GET", "/cases/<id>/meetings/<meeting>", CaseMembers),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/resolutions",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/resolutions/<resolution>/count",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/entitlement",
        CaseEditors,
    ),
    ("POST", "/cases/<id>/meetings/<meeting>/notice", CaseEditors),
    ("GET", "/cases/<id>/meetings/<meeting>/edit", CaseEditors),
    ("POST", "/cases/<id>/meetings/<meeting>/edit", CaseEditors),
    (
        "GET",
        "/cases/<id>/meetings/<meeting>/attendance",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/attendance",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/short-notice",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/resolutions/<resolution>/remove",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/notice/sent",
        CaseEditors,
    ),
    ("GET", "/cases/<id>/meetings/<meeting>/<kind>", CaseMembers),
    (
        "GET",
        "/cases/<id>/meetings/<meeting>/<kind>/pdf",
        CaseMembers,
    ),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/minutes",
        CaseEditors,
    ),
    ("POST", "/cases/<id>/meetings/<meeting>/ballot", CaseEditors),
    (
        "POST",
        "/cases/<id>/meetings/<meeting>/ballot/close",
        CaseEditors,
    ),
    ("GET", "/cases/<id>/meetings/<meeting>/vote", CaseMembers),
    ("POST", "/cases/<id>/meetings/<meeting>/vote", CaseMembers),
    ("POST", "/cases/<id>/notes", Centre),
    ("GET", "/cases/<id>/notes/<note_id>", CentreOrNotFound),
    ("POST", "/cases/<id>/notes/<note_id>", Centre),
    ("GET", "/cases/<id>/people", CaseRepsOnly),
    ("POST", "/cases/<id>/people", Centre),
    (
        "POST",
        "/cases/<id>/people/<user_id>/remove",
        CentreFindsNoMember,
    ),
    ("GET", "/cases/<id>/progress", CaseMembers),
    ("GET", "/cases/<id>/learning", CaseMembers),
    (
        "POST",
        "/cases/<id>/events/<event>/sign-up",
        CaseMembersNotCentreOnMissing,
    ),
    (
        "POST",
        "/cases/<id>/events/<event>/cancel",
        CaseMembersNotCentreOnMissing,
    ),
    ("GET", "/cases/<id>/stages/<stage>", CaseMembers),
    ("POST", "/cases/<id>/stages/<stage>/approve", CentreOnCase),
    ("GET", "/cases/<id>/stages/<stage>/check", CaseMembers),
    ("POST", "/cases/<id>/stages/<stage>/checklist", CaseEditors),
    (
        "GET",
        "/cases/<id>/stages/<stage>/pages/<page>",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/stages/<stage>/pages/<page>",
        CaseEditors,
    ),
    (
        "POST",
        "/cases/<id>/stages/<stage>/pages/<page>/resolve",
        CaseEditors,
    ),
    ("POST", "/cases/<id>/stages/<stage>/reopen", CentreOnCase),
    ("POST", "/cases/<id>/stages/<stage>/send-back", CentreOnCase),
    (
        "POST",
        "/cases/<id>/stages/<stage>/signoff-request",
        CaseEditors,
    ),
    ("POST", "/cases/<id>/status", Centre),
    ("GET", "/cases/<id>/survey", CaseMembers),
    ("POST", "/cases/<id>/survey", CaseMembersNotCentre),
    ("GET", "/cases/<id>/survey/answers.csv", CaseRepsOnly),
    ("POST", "/cases/<id>/survey/close", CaseEditors),
    ("POST", "/cases/<id>/survey/reopen", CaseEditors),
    ("GET", "/cases/<id>/tasks", CaseRepsOnly),
    ("POST", "/cases/<id>/tasks", Centre),
    ("POST", "/cases/<id>/tasks/checklist", CentreOnCase),
    ("POST", "/cases/<id>/tasks/<task_id>/done", Centre),
    ("GET", "/cases/<id>/timeline", CaseRepsOnly),
    ("GET", "/check", Public),
    ("POST", "/check", Public),
    ("POST", "/check/result", Public),
    ("GET", "/check/summary.pdf", Public),
    ("POST", "/csrf-rejected", AlwaysForbidden),
    ("GET", "/dashboard", Centre),
    ("GET", "/enquire", Public),
    ("POST", "/enquire", Public),
    ("GET", "/enquire/sent", Public),
    ("GET", "/enquire/sent/<reference>", Public),
    // Events: the world has none, so an event's pages are 404 (after the centre check).
    ("GET", "/events", Public),
    ("GET", "/events.ics", Public),
    ("GET", "/events/<id>", DeadLink),
    ("POST", "/events/<id>/sign-up", DeadLink),
    ("GET", "/events/booking/<token>", DeadLink),
    ("POST", "/events/booking/<token>/cancel", DeadLink),
    ("POST", "/events/booking/<token>/feedback", DeadLink),
    ("GET", "/enquiries", Centre),
    ("GET", "/enquiries/<id>", Centre),
    ("POST", "/enquiries/<id>/accept", Centre),
    ("POST", "/enquiries/<id>/decline", Centre),
    ("POST", "/enquiries/<id>/notes", Centre),
    ("POST", "/enquiries/<id>/progress", Centre),
    ("GET", "/forgot-password", Public),
    ("POST", "/forgot-password", Public),
    ("GET", "/glossary", Public),
    ("GET", "/healthz", Public),
    ("GET", "/join-as-rep/<token>", DeadLink),
    ("POST", "/join-as-rep/<token>", DeadLink),
    ("GET", "/join/<token>", InvitedPersonOnly),
    ("POST", "/join/<token>", Public),
    ("POST", "/join/<token>/accept", InvitedAccountOnly),
    // The learning library: for the centre and anyone on a case (everyone in the world is).
    ("GET", "/learning", SignedIn),
    ("GET", "/learning/<material>", SignedInOnMissing),
    ("GET", "/learning/<material>/pdf", SignedInOnMissing),
    ("POST", "/learning/<material>/read", SignedInOnMissing),
    ("GET", "/staff/learning/new", Centre),
    ("POST", "/staff/learning", Centre),
    ("GET", "/staff/learning/<material>/edit", CentreOnMissing),
    ("POST", "/staff/learning/<material>/edit", CentreOnMissing),
    ("POST", "/staff/learning/<material>/retire", CentreOnMissing),
    (
        "POST",
        "/staff/learning/<material>/restore",
        CentreOnMissing,
    ),
    ("GET", "/staff/events/<id>/stages", CentreOnMissing),
    ("POST", "/staff/events/<id>/stages", CentreOnMissing),
    ("GET", "/login", Public),
    ("POST", "/login", Public),
    ("POST", "/logout", EndsAtSignIn),
    ("GET", "/privacy", Public),
    ("GET", "/reports/impact", Centre),
    ("GET", "/reports/impact.csv", Centre),
    ("GET", "/reports/impact.pdf", Centre),
    ("POST", "/reports/impact/runs", Centre),
    ("GET", "/reports/impact/runs/<id>", CentreOnMissing),
    ("GET", "/staff/events", Centre),
    ("POST", "/staff/events", Centre),
    ("GET", "/staff/events/new", Centre),
    ("GET", "/staff/events/<id>", CentreOnMissing),
    ("GET", "/staff/events/<id>/edit", CentreOnMissing),
    ("POST", "/staff/events/<id>/edit", CentreOnMissing),
    ("POST", "/staff/events/<id>/attendance", CentreOnMissing),
    ("POST", "/staff/events/<id>/enquiry", CentreOnMissing),
    ("POST", "/staff/events/<id>/cancel", CentreOnMissing),
    ("GET", "/reset/<token>", DeadLink),
    ("POST", "/reset/<token>", DeadLink),
    ("GET", "/setup/<token>", DeadLink),
    ("POST", "/setup/<token>", DeadLink),
    ("GET", "/static/<path..>", Public),
];

/// The rule of a mounted route, or `None` when nobody classified it.
pub fn rule_of(method: Method, path: &str) -> Option<Rule> {
    RULES
        .iter()
        .find(|(m, p, _)| *m == method.as_str() && *p == path)
        .map(|(_, _, rule)| *rule)
}

/// Whether the route's path names one case's objects (then it is asked about A and B).
pub fn is_case_route(path: &str) -> bool {
    path.starts_with("/cases/<id>") || path.starts_with("/join/")
}

/// The form sent to a state-changing route: the token, plus what makes the request reach
/// its access check without doing lasting harm (e.g. a document kind with no answers yet).
pub fn harmless_fields(path: &str) -> Vec<(&'static str, String)> {
    match path {
        "/cases/<id>/documents/make" => vec![("kind", "business_plan".into())],
        // A complete form, so that the role check is reached (a worker's empty form would be
        // shown again before it); it opens a new case, which touches neither A nor B.
        "/cases" => crate::support::valid_case_form("Matrix Works")
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        _ => Vec::new(),
    }
}
