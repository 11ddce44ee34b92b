//! What counts as an email address, for every form that asks for one.
//!
//! A light check that catches typing mistakes (a missing `@`, a space, no dot in the domain);
//! the real test of an address is whether mail reaches it. Accounts, invitations, enquiries
//! and the people rows of a pathway page all ask this one function, so an address accepted in
//! one place is never refused in another.

/// The longest address mail servers accept (RFC 5321's path limit less the angle brackets).
const MAX_LEN: usize = 254;

/// Whether `email` looks like an address: something, `@`, a domain with a dot inside it,
/// no spaces anywhere, at most 254 characters.
pub fn looks_like_email(email: &str) -> bool {
    email.len() <= MAX_LEN
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn ordinary_addresses_pass() {
        for good in ["ann@example.org", "a.b+c@mail.example.co.uk", "x@y.z"] {
            assert!(looks_like_email(good), "{good}");
        }
    }

    #[test]
    fn typing_mistakes_are_caught() {
        for bad in [
            "",
            "ann",
            "ann@example",
            "@example.org",
            "ann@.example.org",
            "ann@example.org.",
            "ann example@x.org",
            "ann@x.org ",
            "ann\t@x.org",
        ] {
            assert!(!looks_like_email(bad), "{bad:?}");
        }
    }

    #[test]
    fn very_long_addresses_are_refused() {
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(!looks_like_email(&long));
        let fits = format!("{}@example.org", "a".repeat(240));
        assert!(looks_like_email(&fits));
    }
}
