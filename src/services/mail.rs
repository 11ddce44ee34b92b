//! Sending email: invitation links, through an SMTP server named in the settings.
//!
//! Settings (`Rocket.toml` or `COOPKIT_SMTP_*`): `smtp_host`, `smtp_port` (25), `smtp_from`,
//! and optionally `smtp_username` and `smtp_password`. Mail goes out as plain SMTP, which is
//! right for a relay on the same machine or network (Postfix, or the provider's relay) that
//! takes care of TLS onwards; coopkit does not speak TLS to the mail server itself, which
//! keeps a TLS stack out of the build. Without `smtp_host`, nothing is sent and pages tell the
//! rep to share links by hand.
//!
//! A failed send is returned as a sentence for the rep (stored with the invitation), never
//! dropped: a worker who never got the email must not wait in silence.

use std::time::Duration;

use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;

/// The mail settings, read once at start by the server (from its `Rocket.toml` and
/// environment) and handed over as this plain struct, so sending mail needs no web framework.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MailSettings {
    #[serde(default)]
    pub smtp_host: Option<String>,
    #[serde(default, deserialize_with = "port")]
    pub smtp_port: Option<u16>,
    #[serde(default)]
    pub smtp_from: Option<String>,
    #[serde(default)]
    pub smtp_username: Option<String>,
    #[serde(default)]
    pub smtp_password: Option<String>,
}

/// A port given as a number (`Rocket.toml`, environment) or as text.
fn port<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Port {
        Number(u16),
        Text(String),
    }
    match Option::<Port>::deserialize(d)? {
        None => Ok(None),
        Some(Port::Number(n)) => Ok(Some(n)),
        Some(Port::Text(t)) => t.trim().parse().map(Some).map_err(|_| {
            serde::de::Error::custom(format!("smtp_port must be a port number, not {t:?}"))
        }),
    }
}

/// Sends mail when configured; managed by Rocket.
#[derive(Debug, Clone, Default)]
pub struct Mailer {
    settings: Option<MailSettings>,
    from: Option<Mailbox>,
}

/// How to email a link, and where links point.
pub struct Sender<'a> {
    pub mailer: &'a Mailer,
    /// e.g. `https://coopkit.example.org`, without a trailing slash.
    pub base_url: &'a str,
}

/// How long to wait for the mail server: a page should not hang on a dead relay.
const TIMEOUT: Duration = Duration::from_secs(10);

impl Mailer {
    /// Checks the settings; a host without a valid sender address is a configuration error.
    pub fn new(settings: MailSettings) -> Result<Self, String> {
        let Some(host) = settings
            .smtp_host
            .as_deref()
            .filter(|h| !h.trim().is_empty())
        else {
            return Ok(Self::default());
        };
        let from = settings
            .smtp_from
            .as_deref()
            .unwrap_or_default()
            .parse::<Mailbox>()
            .map_err(|e| {
                format!("smtp_from must be an email address (for smtp_host {host}): {e}")
            })?;
        Ok(Self {
            settings: Some(settings),
            from: Some(from),
        })
    }

    pub fn is_configured(&self) -> bool {
        self.settings.is_some()
    }

    /// Sends a plain-text email. `Err` carries a sentence fit to show the rep.
    pub async fn send(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: String,
    ) -> Result<(), String> {
        self.send_with_pdf(to_name, to_email, subject, body, None)
            .await
            .map_err(|why| match why.strip_suffix('.') {
                Some(base) if base.starts_with("The email could not be sent") => {
                    format!("{base}. Share the link yourself, or try Resend later.")
                }
                _ => why,
            })
    }

    /// Sends a plain-text email with a PDF attached (`(file name, bytes)`), such as the
    /// notice of a meeting, so members have it even if they never sign in.
    pub async fn send_with_pdf(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: String,
        pdf: Option<(String, Vec<u8>)>,
    ) -> Result<(), String> {
        let (Some(settings), Some(from)) = (&self.settings, &self.from) else {
            return Err("Email is not set up on this server".into());
        };
        let to = to_email
            .parse()
            .map(|address| Mailbox::new(Some(to_name.to_string()), address))
            .map_err(|_| format!("{to_email} is not an address email can be sent to"))?;
        let builder = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject);
        let text = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(body);
        let message = match pdf {
            None => builder.singlepart(text),
            Some((name, bytes)) => {
                let pdf_type = ContentType::parse("application/pdf")
                    .map_err(|e| format!("The email could not be written: {e}"))?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(text)
                        .singlepart(Attachment::new(name).body(bytes, pdf_type)),
                )
            }
        }
        .map_err(|e| format!("The email could not be written: {e}"))?;
        let host = settings.smtp_host.clone().unwrap_or_default();
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
            .port(settings.smtp_port.unwrap_or(25))
            .timeout(Some(TIMEOUT));
        if let (Some(user), Some(password)) = (&settings.smtp_username, &settings.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        match builder.build().send(message).await {
            Ok(_) => Ok(()),
            Err(e) => {
                tracing::warn!(error = %e, "an email could not be sent");
                Err(format!(
                    "The email could not be sent (the mail server {host} said: {e})."
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_needs_a_sender() {
        let base = MailSettings {
            smtp_host: Some("127.0.0.1".into()),
            smtp_port: Some(2525),
            ..Default::default()
        };
        assert!(Mailer::new(base.clone()).is_err());
        let mailer = Mailer::new(MailSettings {
            smtp_from: Some("coopkit <noreply@example.org>".into()),
            ..base
        })
        .unwrap();
        assert!(mailer.is_configured());
        assert!(!Mailer::new(MailSettings::default())
            .unwrap()
            .is_configured());
    }

    #[test]
    fn a_port_may_be_written_as_text() {
        let settings: MailSettings =
            serde_json::from_str(r#"{"smtp_host": "mail", "smtp_port": "2525"}"#).unwrap();
        assert_eq!(settings.smtp_port, Some(2525));
    }
}
