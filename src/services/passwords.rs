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
}

/// Verified against when an email is unknown, so that a wrong email takes as long as a wrong
/// password and does not reveal who has an account. It only has to cost what a real check
/// costs, so it is a constant with the same parameters as `Argon2::default()` (the test below
/// fails if they drift apart): working it out at start cost every server and CLI start a
/// 19 MiB allocation and a full hash (docs/performance.md). Made with the `argon2` command:
/// `echo -n "coopkit decoy password, never valid" | argon2 coopkit-decoy-salt -id -t 2 -k 19456 -p 1 -l 32 -e`.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$Y29vcGtpdC1kZWNveS1zYWx0$Rgw4nug5+g/VZRe5RHFkKc0CHR3xKlIve/Kxb5GGcbI";

impl PasswordHasher {
    pub fn new() -> AppResult<Self> {
        Ok(Self {
            permits: Arc::new(Semaphore::new(2)),
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
        let hash = stored.unwrap_or_else(|| DECOY_HASH.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decoy_costs_what_a_real_check_costs() {
        let decoy = PasswordHash::new(DECOY_HASH).unwrap();
        let real = hash_now("any password at all").unwrap();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(decoy.algorithm, real.algorithm);
        assert_eq!(decoy.version, real.version);
        assert_eq!(decoy.params, real.params, "memory, passes and lanes");
        assert_eq!(
            decoy.hash.map(|h| h.len()),
            real.hash.map(|h| h.len()),
            "output length"
        );
        assert!(verify_now(
            "coopkit decoy password, never valid",
            DECOY_HASH
        ));
        assert!(!verify_now("a guess", DECOY_HASH));
    }
}
