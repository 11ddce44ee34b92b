//! The calendar feed of upcoming open events, for calendar apps to subscribe to.

use rocket::{get, routes, Route};

use crate::domain::events::ical::{self, CalendarEntry};
use crate::error::AppResult;
use crate::services::event_mail::Outbox;
use crate::services::events as staff_events;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![calendar]
}

/// The calendar feed of upcoming open events, for calendar apps to subscribe to.
#[get("/events.ics")]
async fn calendar(
    env: Env<'_>,
    outbox: Outbox<'_>,
) -> AppResult<(rocket::http::ContentType, String)> {
    let events = staff_events::upcoming_open(&env, 200).await?;
    let host = outbox
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("coopkit")
        .to_string();
    let entries: Vec<CalendarEntry> = events
        .iter()
        .flat_map(|e| {
            // The meeting link goes only to people who sign up, never into a public feed.
            let location = match (e.event.place.as_str(), e.event.online_link.is_empty()) {
                ("", _) => "Online".to_string(),
                (place, true) => place.to_string(),
                (place, false) => format!("{place}, or online"),
            };
            let url = format!("{}/events/{}", outbox.base_url, e.event.id);
            let host = host.clone();
            e.sessions.iter().map(move |s| CalendarEntry {
                uid: format!("event-session-{}@{host}", s.id),
                sequence: e.event.sequence,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                summary: e.event.title.clone(),
                description: e.event.description.clone(),
                location: location.clone(),
                url: url.clone(),
                cancelled: e.cancelled,
            })
        })
        .collect();
    let feed = ical::feed(&entries, env.clock.now());
    Ok((rocket::http::ContentType::new("text", "calendar"), feed))
}
