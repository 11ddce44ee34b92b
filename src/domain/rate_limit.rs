//! The things coopkit counts per client address (or per email) to stop floods: each has its
//! own counter in one table of hits. The limits themselves stay with the service that applies
//! them, beside the reason for their size.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counter {
    /// Enquiries sent from the public form, per client address.
    Enquiry,
    /// One-page PDF summaries of the readiness check, per client address.
    ReadinessSummary,
    /// Password-reset emails asked for one email address (counted by its hash).
    ResetEmail,
    /// Password-reset emails asked for from one client address.
    ResetAddress,
    /// Public event sign-ups, per client address.
    EventSignUp,
}

impl Counter {
    /// The name stored in the `counter` column; changing one needs a migration.
    pub fn as_str(self) -> &'static str {
        match self {
            Counter::Enquiry => "enquiry",
            Counter::ReadinessSummary => "readiness_summary",
            Counter::ResetEmail => "reset_email",
            Counter::ResetAddress => "reset_address",
            Counter::EventSignUp => "event_sign_up",
        }
    }
}
