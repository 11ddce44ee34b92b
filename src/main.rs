//! Starts coopkit: parses the command line, sets up logging, and runs the server or a command.

use clap::Parser;
use coopkit::cli::{self, Cli, Command};

fn main() {
    init_logging();
    let cli = Cli::parse();
    let code = match cli.command.unwrap_or(Command::Serve) {
        // A document needs no server, database or async runtime: starting the runtime's
        // worker threads cost `coopkit render` more than a tenth of its whole run.
        Command::Render { document } => cli::render(document),
        Command::Serve => rocket::execute(serve()),
        command => rocket::execute(cli::run_command(command)),
    };
    std::process::exit(code)
}

async fn serve() -> i32 {
    let figment = coopkit::config::figment();
    let data_dir = coopkit::config::AppConfig::from_figment(&figment)
        .map(|c| c.data_dir)
        .unwrap_or_else(|_| "data".into());
    let figment = match coopkit::config::ensure_secret_key(figment, &data_dir) {
        Ok(figment) => figment,
        Err(e) => {
            eprintln!(
                "coopkit: could not create the secret key in {}: {e}",
                data_dir.display()
            );
            return 1;
        }
    };
    match coopkit::build(figment).launch().await {
        Ok(_) => 0,
        Err(e) => {
            eprintln!("coopkit did not start: {e}");
            1
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COOPKIT_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,rocket=warn,sqlx=warn,handlebars=warn")
    });
    coopkit::logging::init(filter);
}
