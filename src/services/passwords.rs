//! Password hashing with argon2id.
//!
//! Hashing is deliberately slow (OWASP's 19 MiB, two passes: the argon2 crate's defaults), so
//! it runs on blocking threads, never on the async workers that serve pages, and at most two
//! at a time: a burst of sign-ins, or an attack of them, must not starve other pages.

use std::sync::Arc;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// Verified against when an email is unknown, so that a wrong email takes as long as a
    /// wrong password and does not reveal who has an account.
    decoy_hash: Arc<str>,
}

impl PasswordHasher {
    pub fn new() -> AppResult<Self> {
        let decoy_hash = hash_now("coopkit decoy password, never valid")?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(2)),
            decoy_hash: decoy_hash.into(),
        })
    }

    pub async fn hash(&self, password: String) -> AppResult<String> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_now(&password)).await?
    }

    /// Whether `password` matches `stored`, or, when there is no stored hash, a decoy check
    /// that always fails after the same work.
    pub async fn verify(&self, password: String, stored: Option<String>) -> AppResult<bool> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.decoy_hash.to_string());
        let matches = tokio::task::spawn_blocking(move || verify_now(&password, &hash)).await?;
        Ok(known && matches)
    }
}

fn hash_now(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing a password failed: {e}")))
}

fn verify_now(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}
