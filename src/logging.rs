//! Logging: `tracing`, with the log lines of Rocket (which writes through the `log` crate)
//! passed on to it.
//!
//! Rocket says "No matching routes for GET /cases/export.csv" at error level whenever every
//! route forwarded, which is how a role guard refuses (403) and how a page that is not there
//! ends (404): refusals, not faults, so an error there buried the real errors. That one line
//! is passed on at debug level; the refusal itself is logged at info, with its reason, where
//! the 403 page is made.

use log::{Level, Log, Metadata, Record};
use tracing_log::AsLog;

/// Sets the global subscriber with `filter` (an `EnvFilter` directive such as
/// `info,rocket=warn`) and routes the `log` crate's records into it.
pub fn init(filter: tracing_subscriber::EnvFilter) {
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(true)
        .finish();
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        return;
    }
    if log::set_boxed_logger(Box::new(RocketLogs(tracing_log::LogTracer::new()))).is_ok() {
        // Only as verbose as the filter: Rocket's `log` calls below it then stop in the macro,
        // before their arguments are formatted (a route's `Debug` on every request).
        log::set_max_level(tracing::level_filters::LevelFilter::current().as_log());
    }
}

/// The level a `log` record is passed on at. Rocket's "No matching routes" (error) and
/// "Responding with registered 403 catcher" (warning) come with every refusal and every page
/// that is not there: our own lines say those, at info, so Rocket's are debug.
pub fn level_for(target: &str, message: &str, level: Level) -> Level {
    let routine = message.starts_with("No matching routes")
        || message.starts_with("Responding with registered");
    if target.starts_with("rocket::server") && routine {
        Level::Debug
    } else {
        level
    }
}

/// Whether `level_for` could lower this record: Rocket's server lines above debug level. The
/// cheap test, before the message is formatted to read it.
fn might_be_routine(record: &Record<'_>) -> bool {
    record.level() < Level::Debug && record.target().starts_with("rocket::server")
}

struct RocketLogs(tracing_log::LogTracer);

impl Log for RocketLogs {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.0.enabled(metadata)
    }

    fn log(&self, record: &Record<'_>) {
        // Levels are only ever lowered here, so a record not wanted at its own level is not
        // wanted at all; checking first keeps the formatting below off the request path.
        if !self.0.enabled(record.metadata()) {
            return;
        }
        if !might_be_routine(record) {
            return self.0.log(record);
        }
        let message = record.args().to_string();
        let level = level_for(record.target(), &message, record.level());
        if level == record.level() {
            return self.0.log(record);
        }
        self.0.log(
            &Record::builder()
                .level(level)
                .target(record.target())
                .module_path(record.module_path())
                .file(record.file())
                .line(record.line())
                .args(format_args!("{message}"))
                .build(),
        );
    }

    fn flush(&self) {
        self.0.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_forwarded_by_every_route_is_not_an_error() {
        assert_eq!(
            level_for(
                "rocket::server::_",
                "No matching routes for GET /cases/export.csv.",
                Level::Error
            ),
            Level::Debug
        );
        assert_eq!(
            level_for(
                "rocket::server::_",
                "Responding with registered (forbidden) 403 catcher.",
                Level::Warn
            ),
            Level::Debug
        );
        assert_eq!(
            level_for("rocket::server::_", "Handler cases panicked.", Level::Error),
            Level::Error,
            "real faults stay errors"
        );
    }
}
