//! Settings of coopkit, read from `Rocket.toml`, then `COOPKIT_*` and `ROCKET_*` variables.

use std::path::{Path, PathBuf};

use rocket::figment::{
    providers::{Env, Serialized},
    Figment,
};
use serde::{Deserialize, Serialize};

/// coopkit's own settings, beside Rocket's (address, port, secret key).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppConfig {
    /// `sqlite://…` or `postgres://…`; set by `COOPKIT_DATABASE_URL`.
    pub database_url: String,
    /// Where the SQLite database and the generated secret key live.
    pub data_dir: PathBuf,
    /// Where page and document templates, pathway files and fonts are read from.
    pub template_dir: PathBuf,
    /// The first part of every case reference, e.g. `PCEC` in `PCEC-2026-0001`.
    pub reference_prefix: String,
    /// Set when coopkit sits behind a proxy that serves it over HTTPS: cookies then get the
    /// `Secure` flag and the `__Host-` prefix.
    pub behind_tls_proxy: bool,
    /// The address people reach coopkit at, used in links printed to the log and in emails.
    pub public_url: Option<String>,
    /// Days a declined enquiry (and the personal data in it) is kept before it is deleted.
    pub enquiry_retention_days: u32,
    /// Fewest survey answers before workers see the survey's totals (fewer would give
    /// individual answers away). Reps and the centre always see them.
    pub survey_min_answers_for_totals: u32,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            database_url: "sqlite://data/coopkit.db?mode=rwc".into(),
            data_dir: PathBuf::from("data"),
            template_dir: PathBuf::from("templates"),
            reference_prefix: "PCEC".into(),
            behind_tls_proxy: false,
            public_url: None,
            enquiry_retention_days: 183,
            survey_min_answers_for_totals: crate::domain::survey::DEFAULT_MIN_ANSWERS_FOR_TOTALS,
        }
    }
}

/// Rocket's figment with coopkit's defaults under it and `COOPKIT_*` variables over it.
pub fn figment() -> Figment {
    rocket::Config::figment()
        .join(Serialized::defaults(AppConfig::default()))
        .merge(Env::prefixed("COOPKIT_").global())
}

impl AppConfig {
    /// The settings, or a message naming what is wrong with them.
    pub fn from_figment(figment: &Figment) -> Result<Self, String> {
        figment.extract().map_err(|e| e.to_string())
    }

    pub fn pathways_dir(&self) -> PathBuf {
        self.template_dir.join("pathways")
    }

    pub fn documents_dir(&self) -> PathBuf {
        self.template_dir.join("documents")
    }

    /// The base of links printed for people, without a trailing slash.
    pub fn base_url(&self, address: &str, port: u16) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{address}:{port}"),
        }
    }
}

/// Outside debug builds Rocket refuses to start without a secret key (it encrypts the session
/// cookie). When none is configured, coopkit makes one on first run and keeps it in the data
/// folder, readable by its owner only, so sessions survive restarts.
pub fn ensure_secret_key(figment: Figment, data_dir: &Path) -> std::io::Result<Figment> {
    // Rocket's own defaults hold an all-zero key, so "is there a key" means "is it non-zero".
    let configured = figment
        .extract_inner::<rocket::config::SecretKey>("secret_key")
        .is_ok_and(|key| !key.is_zero());
    if figment.profile() == "debug" || configured {
        return Ok(figment);
    }
    let path = data_dir.join("secret_key");
    let key = match std::fs::read_to_string(&path) {
        Ok(existing) if !existing.trim().is_empty() => existing.trim().to_string(),
        _ => {
            std::fs::create_dir_all(data_dir)?;
            let key = random_key();
            write_private_file(&path, &key)?;
            tracing::warn!(
                path = %path.display(),
                "no secret key was configured: generated one and saved it with owner-only permissions; set ROCKET_SECRET_KEY to manage it yourself"
            );
            key
        }
    };
    Ok(figment.merge(("secret_key", key)))
}

/// 512 random bits in standard base64, the form Rocket reads (88 characters).
fn random_key() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())
}
