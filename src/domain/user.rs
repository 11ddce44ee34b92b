//! People who use coopkit and what each kind of account may do.

use serde::Serialize;

/// The kind of account. Centre staff and admins see every case; reps and workers see only
/// the cases they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Staff,
    Rep,
    Worker,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Staff, Role::Rep, Role::Worker];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Rep => "rep",
            Role::Worker => "worker",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Centre admin",
            Role::Staff => "Centre staff",
            Role::Rep => "Union rep",
            Role::Worker => "Worker",
        }
    }

    /// Staff and admins work for the education centre and follow every case.
    pub fn is_centre(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }
}

/// Passwords shorter than this are refused (OWASP ASVS 2.1.1).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Long passphrases are welcome; the cap only keeps hashing cost bounded.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Checks a new password against the policy, giving the message to show by the field.
pub fn check_new_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Use at least {MIN_PASSWORD_CHARS} characters. A few ordinary words strung together make a strong password that is easy to remember."
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(format!("Use at most {MAX_PASSWORD_CHARS} characters"));
    }
    if password.trim().is_empty() {
        return Err("A password cannot be only spaces".into());
    }
    Ok(())
}

/// Email addresses are compared case-insensitively and without surrounding spaces.
pub fn normalise_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// The address check every form shares (`domain::email`), with the message to show.
pub fn check_email(email: &str) -> Result<(), &'static str> {
    if super::email::looks_like_email(email) {
        Ok(())
    } else {
        Err("Enter an email address in the right format, like name@example.org")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_twelve_characters() {
        assert!(check_new_password("short pass").is_err());
        assert!(check_new_password("correct horse battery").is_ok());
        assert!(check_new_password(&"x".repeat(257)).is_err());
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(normalise_email("  Ann@Example.ORG "), "ann@example.org");
        // The address rules themselves are tested in `domain::email`.
        assert!(check_email("ann@example.org").is_ok());
        assert!(check_email("ann@example").is_err());
    }

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
