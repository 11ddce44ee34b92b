//! Typed ids, so that a case's id cannot be passed where a user's is wanted.
//!
//! Every table keys its rows by a `BIGINT`; these wrap that number once, where it enters the
//! program (a path segment, a row), and unwrap it only where it leaves (a query, a link).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The number stored in the database.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// Ids come from links people can edit: only a positive whole number is one.
        impl FromStr for $name {
            type Err = ();

            fn from_str(text: &str) -> Result<Self, ()> {
                match text.parse::<i64>() {
                    Ok(n) if n > 0 => Ok($name(n)),
                    _ => Err(()),
                }
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    };
}

id_type!(
    /// A case: one workplace on its way to a co-op.
    CaseId
);
id_type!(
    /// An account: staff, a rep or a worker.
    UserId
);
id_type!(
    /// One stored version of a case's rules or business plan.
    DocumentId
);
id_type!(
    /// One of the centre's events: a session, webinar, workshop or course.
    EventId
);
id_type!(
    /// A material in the centre's learning library.
    MaterialId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_positive_whole_numbers_are_ids() {
        assert_eq!("42".parse::<CaseId>(), Ok(CaseId(42)));
        for bad in ["0", "-3", "4.5", "", "abc", "99999999999999999999"] {
            assert!(bad.parse::<CaseId>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids_are_written_as_their_number() {
        assert_eq!(UserId(7).to_string(), "7");
        assert_eq!(serde_json::to_string(&DocumentId(9)).unwrap(), "9");
    }
}
