//! The emails about event places: the confirmation with the person's own link, and the
//! message that a place has come up for someone who was waiting.
//!
//! Sent only where SMTP is set up, and after the change is saved. A failed send is logged and
//! never undoes a booking: the booking page behind the link always shows the truth.

use super::mail::Mailer;
use crate::db::entities::{event_people, event_sessions, events};
use crate::domain::events::london::describe_session;
use crate::domain::events::registration::RegistrationState;

/// Where emails go out and where their links point.
pub struct Outbox<'a> {
    pub mailer: &'a Mailer,
    /// The base of links, without a trailing slash.
    pub base_url: String,
}

fn when(sessions: &[event_sessions::Model]) -> String {
    sessions
        .iter()
        .map(|s| format!("  {}", describe_session(s.starts_at, s.ends_at)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn place(event: &events::Model) -> String {
    match (event.place.is_empty(), event.online_link.is_empty()) {
        (false, false) => format!("{}\nOnline: {}", event.place, event.online_link),
        (false, true) => event.place.clone(),
        _ => format!("Online: {}", event.online_link),
    }
}

pub async fn confirm(
    outbox: &Outbox<'_>,
    event: &events::Model,
    sessions: &[event_sessions::Model],
    person: &event_people::Model,
    state: RegistrationState,
    token: &str,
) {
    if !outbox.mailer.is_configured() {
        return;
    }
    let link = format!("{}/events/booking/{token}", outbox.base_url);
    let (subject, opening) = match state {
        RegistrationState::Waitlisted => (
            format!("You are on the waiting list: {}", event.title),
            "The event is full, so you are on the waiting list. If a place comes up it goes to the first person waiting, and we will email you.".to_string(),
        ),
        _ => (
            format!("Your place: {}", event.title),
            "You have a place. We look forward to seeing you.".to_string(),
        ),
    };
    let body = format!(
        "Hello {},\n\n{opening}\n\n{}\n{}\n{}\n\nTo see your booking, or to cancel it if you cannot come, use this link (it is yours alone, so please do not share it):\n{link}\n\nPreston Co-operative Education Centre\n",
        person.name,
        event.title,
        when(sessions),
        place(event),
    );
    send(outbox, person, &subject, body).await;
}

/// Tells the people who moved up from the waiting list that the place is theirs.
pub async fn promoted(
    outbox: &Outbox<'_>,
    event: &events::Model,
    sessions: &[event_sessions::Model],
    people: &[event_people::Model],
) {
    let subject = format!("A place for you: {}", event.title);
    send_each(outbox, people, &subject, |person| {
        format!(
            "Hello {},\n\nA place has come up at {} and it is yours: you were first on the waiting list.\n\n{}\n{}\n\nIf you can no longer come, please cancel with the link in the email we sent when you joined the waiting list, so the place can go to the next person.\n\nPreston Co-operative Education Centre\n",
            person.name,
            event.title,
            when(sessions),
            place(event),
        )
    })
    .await;
}

/// Tells everyone who was booked or waiting that the centre cancelled the event.
pub async fn event_cancelled(
    outbox: &Outbox<'_>,
    event: &events::Model,
    sessions: &[event_sessions::Model],
    people: &[event_people::Model],
) {
    let subject = format!("Cancelled: {}", event.title);
    send_each(outbox, people, &subject, |person| {
        format!(
            "Hello {},\n\nWe are sorry: the centre has cancelled {}.\n\n{}\n\nYour place (or your place on the waiting list) is cancelled too, so there is nothing you need to do. You can see our other events at {}/events.\n\nPreston Co-operative Education Centre\n",
            person.name,
            event.title,
            when(sessions),
            outbox.base_url,
        )
    })
    .await;
}

/// One email to each person, written for them by `body`; nothing when no mail server is set.
async fn send_each(
    outbox: &Outbox<'_>,
    people: &[event_people::Model],
    subject: &str,
    body: impl Fn(&event_people::Model) -> String,
) {
    if !outbox.mailer.is_configured() {
        return;
    }
    for person in people {
        send(outbox, person, subject, body(person)).await;
    }
}

async fn send(outbox: &Outbox<'_>, person: &event_people::Model, subject: &str, body: String) {
    if let Err(problem) = outbox
        .mailer
        .send(&person.name, &person.email, subject, body)
        .await
    {
        tracing::warn!(person_id = person.id, %problem, "event email not sent");
    }
}
