//! The command line: `coopkit serve` (the default), `migrate`, `create-user`, `render`,
//! `purge-enquiries`, `demo`.

use std::io::Read;

use clap::{Parser, Subcommand, ValueEnum};

use crate::clock::Clock;
use crate::config::{self, AppConfig};
use crate::domain::user::Role;
use crate::services::{auth, passwords::PasswordHasher};

#[derive(Parser)]
#[command(
    name = "coopkit",
    version,
    about = "Guides worker buyouts and co-op start-ups, with a co-operative education centre following every case."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Start the web server (the default when no command is given).
    Serve,
    /// Bring the database schema up to date, then stop.
    Migrate,
    /// Create an account. The password is read from standard input, so it never appears in
    /// the shell's history or the process list.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: CliRole,
        /// Read the password from standard input (required: there is no other way).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Delete declined enquiries older than the retention period (`enquiry_retention_days`).
    /// The server also does this at start and daily.
    PurgeEnquiries,
    /// Fill the database with made-up cases, people, tasks and events, for trying coopkit out
    /// and for speed tests. Never run it on a database with real cases.
    Demo {
        /// How many cases to make (about ten events each).
        #[arg(long, default_value_t = 200)]
        cases: usize,
        /// How many events to make, with sign-ups, registers and feedback (none by default).
        #[arg(long, default_value_t = 0)]
        events: usize,
    },
    /// Make a document from an answers file, without a server or a database.
    Render {
        #[command(subcommand)]
        document: RenderDocument,
    },
}

/// The documents `coopkit render` can make.
#[derive(Subcommand)]
pub enum RenderDocument {
    /// The co-op's rules, with the legal check as the last section (docs/rules-answers.md).
    Rules(RenderArgs),
    /// The business plan with its financial model (docs/business-plan-answers.md).
    BusinessPlan(RenderArgs),
}

#[derive(clap::Args)]
pub struct RenderArgs {
    /// The answers, as JSON.
    #[arg(long)]
    pub answers: std::path::PathBuf,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Also write the HTML preview here.
    #[arg(long)]
    pub html: Option<std::path::PathBuf>,
    /// The case reference printed in the header; none by default (a draft is already marked
    /// DRAFT, and a default of "DRAFT" printed the word twice).
    #[arg(long, default_value = "")]
    pub reference: String,
    /// The co-op's name, for a business plan (the rules take it from the answers).
    #[arg(long, default_value = "The co-operative")]
    pub name: String,
    /// Make a final version: refused, with the reasons, when the checks find a problem.
    #[arg(long = "final")]
    pub final_version: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CliRole {
    Admin,
    Staff,
    Rep,
}

impl From<CliRole> for Role {
    fn from(role: CliRole) -> Self {
        match role {
            CliRole::Admin => Role::Admin,
            CliRole::Staff => Role::Staff,
            CliRole::Rep => Role::Rep,
        }
    }
}

/// Runs a command that is not `serve`. Returns the process exit code.
pub async fn run_command(command: Command) -> i32 {
    let result = match command {
        Command::Serve => Ok(()),
        Command::Migrate => migrate().await,
        Command::CreateUser {
            email,
            name,
            role,
            password_stdin,
        } => create_user(email, name, role.into(), password_stdin).await,
        Command::PurgeEnquiries => purge_enquiries().await,
        Command::Render { document } => crate::cli_render::render(document),
        Command::Demo { cases, events } => demo(cases, events).await,
    };
    exit_code(result)
}

/// Runs `coopkit render`, which is synchronous: it needs no async runtime (see main.rs).
pub fn render(document: RenderDocument) -> i32 {
    exit_code(crate::cli_render::render(document))
}

fn exit_code(result: Result<(), String>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("coopkit: {message}");
            1
        }
    }
}

fn app_config() -> Result<AppConfig, String> {
    AppConfig::from_figment(&config::figment())
        .map_err(|e| format!("the configuration is not valid: {e}"))
}

async fn migrate() -> Result<(), String> {
    let config = app_config()?;
    crate::db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "The database at {} is up to date.",
        crate::db::redact(&config.database_url)
    );
    Ok(())
}

async fn create_user(
    email: String,
    name: String,
    role: Role,
    password_stdin: bool,
) -> Result<(), String> {
    if !password_stdin {
        return Err("pass --password-stdin and type or pipe the password on standard input".into());
    }
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(|e| format!("could not read the password: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let config = app_config()?;
    let db = crate::db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let input = auth::AccountInput {
        email: &email,
        name: &name,
        password: &password,
        confirm: &password,
    };
    let errors = auth::check_account(&db, &input)
        .await
        .map_err(|e| e.to_string())?;
    if !errors.is_empty() {
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        return Err(messages.join("\n"));
    }
    let hasher = PasswordHasher::new().map_err(|e| e.to_string())?;
    let user = auth::create_user(&db, &hasher, &Clock::system(), &input, role)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Created {} ({}) as {}.",
        user.name,
        user.email,
        role.label()
    );
    Ok(())
}

async fn purge_enquiries() -> Result<(), String> {
    let config = app_config()?;
    let db = crate::db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let days = config.enquiry_retention_days;
    let deleted = crate::services::enquiries::purge(&db, &Clock::system(), days)
        .await
        .map_err(|e| e.to_string())?;
    println!("Deleted {deleted} declined enquiries older than {days} days.");
    Ok(())
}

async fn demo(cases: usize, events: usize) -> Result<(), String> {
    let config = app_config()?;
    let library = crate::domain::pathways::load_pathways(&config.pathways_dir())
        .map_err(|e| format!("the pathway files are not valid: {e}"))?;
    let db = crate::db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    println!("Making {cases} demonstration cases…");
    let made = crate::services::demo::fill(
        &db,
        &Clock::system(),
        &library,
        &config.reference_prefix,
        cases,
    )
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "Made {} cases and {} case history entries in {:.1} s.",
        made.cases,
        made.events,
        started.elapsed().as_secs_f64()
    );
    if events > 0 {
        let started = std::time::Instant::now();
        println!("Making {events} demonstration events…");
        let outreach = crate::services::demo_events::fill(&db, &Clock::system(), events)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "Made {} events with {} sign-ups in {:.1} s.",
            outreach.events,
            outreach.sign_ups,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
