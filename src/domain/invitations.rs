//! Invitations to a case: who may be invited, how long a link lasts, and reading a pasted or
//! uploaded list of people.
//!
//! A list is CSV with two columns, name and email, one person a line; a header line is
//! optional. Reps paste lists from spreadsheets and phones, so the reader is forgiving about
//! spaces, blank lines, quotes and semicolons, and strict about the two values themselves.
//! Good rows are kept even when others are wrong: each wrong row is reported with its line
//! number and the reason, so the rep can fix just those.

use super::user::{check_email, normalise_email};

/// An invitation link works for this long (and again as long after a resend).
pub const INVITATION_DAYS: i64 = 14;
pub const INVITATION_SECS: i64 = INVITATION_DAYS * 24 * 60 * 60;
/// A list longer than this is refused: a workplace co-op is people, not a mailing list.
pub const MAX_LIST_ROWS: usize = 500;

/// The role an invitation gives on the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteRole {
    Worker,
    Rep,
}

impl InviteRole {
    pub fn as_str(self) -> &'static str {
        match self {
            InviteRole::Worker => "worker",
            InviteRole::Rep => "rep",
        }
    }

    pub fn parse(text: &str) -> Option<InviteRole> {
        match text {
            "worker" => Some(InviteRole::Worker),
            "rep" => Some(InviteRole::Rep),
            _ => None,
        }
    }
}

/// Where an invitation stands, as the rep and the invited person see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Pending,
    Accepted,
    Withdrawn,
    Expired,
}

impl InvitationState {
    /// The state from the stored status and expiry: a pending link past its expiry is expired.
    pub fn of(status: &str, expires_at: i64, now: i64) -> InvitationState {
        match status {
            "accepted" => InvitationState::Accepted,
            "withdrawn" => InvitationState::Withdrawn,
            _ if expires_at <= now => InvitationState::Expired,
            _ => InvitationState::Pending,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            InvitationState::Pending => "Waiting for a reply",
            InvitationState::Accepted => "Joined",
            InvitationState::Withdrawn => "Withdrawn",
            InvitationState::Expired => "Link expired",
        }
    }

    /// The colour of the tag beside it.
    pub fn tag(self) -> &'static str {
        match self {
            InvitationState::Pending => "tag-yellow",
            InvitationState::Accepted => "tag-green",
            InvitationState::Withdrawn => "tag-grey",
            InvitationState::Expired => "tag-red",
        }
    }
}

/// One person to invite, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub name: String,
    pub email: String,
}

/// Checks a name and email typed by the rep. Errors name the field they belong to.
pub fn check_invitee(name: &str, email: &str) -> Result<Invitee, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        problems.push(("name", "Enter the person's name".to_string()));
    } else if name.chars().count() > 120 {
        problems.push((
            "name",
            "Use 120 characters or fewer for the name".to_string(),
        ));
    }
    let email = normalise_email(email);
    if email.is_empty() {
        problems.push(("email", "Enter the person's email address".to_string()));
    } else if let Err(message) = check_email(&email) {
        problems.push(("email", message.to_string()));
    }
    if problems.is_empty() {
        Ok(Invitee { name, email })
    } else {
        Err(problems)
    }
}

/// A line of a list that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based, as a spreadsheet or text editor counts lines.
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// What a list held: the people to invite, and the lines that were skipped and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedList {
    pub people: Vec<Invitee>,
    /// The line each of `people` was on.
    pub lines: Vec<usize>,
    pub problems: Vec<RowProblem>,
}

/// Reads a list of `name,email` lines. Duplicate addresses within the list are reported
/// (the first is kept); so is a list that is too long.
pub fn parse_list(text: &str) -> ParsedList {
    let mut list = ParsedList::default();
    let mut seen = std::collections::HashSet::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty()
            || (list.people.is_empty() && list.problems.is_empty() && is_header(trimmed))
        {
            continue;
        }
        let problem = |reason: String| RowProblem {
            line,
            text: trimmed.chars().take(120).collect(),
            reason,
        };
        if list.people.len() >= MAX_LIST_ROWS {
            list.problems.push(problem(format!(
                "Only {MAX_LIST_ROWS} people can be invited from one list; send the rest as another list"
            )));
            continue;
        }
        let cells = split_row(trimmed);
        let (name, email) = match cells.as_slice() {
            [name, email] => (name.as_str(), email.as_str()),
            [one] => {
                list.problems.push(problem(format!(
                    "Only one value found (\"{one}\"): write the name, a comma, then the email address"
                )));
                continue;
            }
            _ => {
                list.problems.push(problem(
                    "Found more than two values: write just the name, a comma, then the email address".into(),
                ));
                continue;
            }
        };
        match check_invitee(name, email) {
            Ok(person) if !seen.insert(person.email.clone()) => {
                list.problems.push(problem(format!(
                    "{} is already in this list on an earlier line",
                    person.email
                )))
            }
            Ok(person) => {
                list.people.push(person);
                list.lines.push(line);
            }
            Err(problems) => {
                let reasons: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
                list.problems.push(problem(reasons.join(". ")));
            }
        }
    }
    list
}

/// A first line like `name,email` or `Name; Email address`.
fn is_header(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("name") && lower.contains("email") && !lower.contains('@')
}

/// Splits a CSV row into cells: commas (or semicolons, from spreadsheets set to European
/// formats, or tabs, from a pasted spreadsheet), with double quotes around cells allowed.
fn split_row(line: &str) -> Vec<String> {
    let separator = if line.contains(',') {
        ','
    } else if line.contains(';') {
        ';'
    } else {
        '\t'
    };
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => cells.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    cells.push(current);
    let cells: Vec<String> = cells.into_iter().map(|c| c.trim().to_string()).collect();
    // A trailing separator ("Ann,ann@x.org,") leaves an empty last cell: ignore it.
    match cells.as_slice() {
        [a, b, rest @ ..] if rest.iter().all(String::is_empty) => vec![a.clone(), b.clone()],
        _ => cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_list_with_a_header_and_reports_bad_lines() {
        let text = "Name,Email\nAnn Lee,ann@example.org\n\nBob,not-an-email\n\"Cole, Sam\",SAM@example.org\nDee\nann@example.org,Ann Again\nAnn L,ann@example.org\n";
        let list = parse_list(text);
        let emails: Vec<_> = list.people.iter().map(|p| p.email.as_str()).collect();
        assert_eq!(emails, ["ann@example.org", "sam@example.org"]);
        assert_eq!(list.people[1].name, "Cole, Sam");
        assert_eq!(list.lines, [2, 5]);
        let lines: Vec<_> = list.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [4, 6, 7, 8]);
        assert!(list.problems[0].reason.contains("right format"));
        assert!(list.problems[1].reason.contains("Only one value"));
        assert!(list.problems[3].reason.contains("already in this list"));
    }

    #[test]
    fn a_list_without_a_header_and_with_semicolons_is_read() {
        let list = parse_list("Ann;ann@example.org\r\nBob\tbob@example.org\nCy,cy@example.org,\n");
        assert_eq!(list.people.len(), 3);
        assert!(list.problems.is_empty());
    }

    #[test]
    fn states_follow_status_and_expiry() {
        assert_eq!(
            InvitationState::of("pending", 100, 50),
            InvitationState::Pending
        );
        assert_eq!(
            InvitationState::of("pending", 100, 100),
            InvitationState::Expired
        );
        assert_eq!(
            InvitationState::of("accepted", 100, 200),
            InvitationState::Accepted
        );
        assert_eq!(
            InvitationState::of("withdrawn", 100, 50),
            InvitationState::Withdrawn
        );
    }

    #[test]
    fn an_invitee_needs_a_name_and_a_good_address() {
        assert!(check_invitee("  Ann   Lee ", " Ann@Example.org")
            .is_ok_and(|p| p.name == "Ann Lee" && p.email == "ann@example.org"));
        let problems = check_invitee("", "nope").unwrap_err();
        assert_eq!(problems.len(), 2);
    }
}
