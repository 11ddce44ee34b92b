//! Random secrets and their stored form.
//!
//! Session tokens, one-time links and CSRF tokens are 256 bits from the operating system's
//! generator, written as URL-safe base64. Only a SHA-256 hash of a token is ever stored, so a
//! leaked database cannot be turned into a working link or session.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::{rngs::OsRng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `bytes` random bytes as URL-safe base64.
pub fn random_base64(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// A fresh 256-bit token.
pub fn new_token() -> String {
    random_base64(32)
}

/// The stored form of a token: hex SHA-256.
pub fn hash_token(token: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Every signed-in request hashes its token: one String, not one per byte.
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

/// The CSRF token that goes with a session (or an anonymous visitor's pre-session) token.
/// Deriving it means nothing extra is stored or looked up, and it cannot be guessed without
/// the session token, which lives only in an encrypted cookie.
pub fn csrf_token_for(session_token: &str) -> String {
    let digest = Sha256::digest(format!("coopkit-csrf:{session_token}").as_bytes());
    URL_SAFE_NO_PAD.encode(digest)
}

/// Compares two secrets without leaking, through timing, how much of them matched.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "32 bytes of base64 without padding");
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), hash_token(&b));
    }

    #[test]
    fn stored_hashes_are_lowercase_hex_sha256() {
        // Sessions and links already stored were hashed this way: the form must not change.
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn csrf_tokens_follow_the_session() {
        assert_eq!(csrf_token_for("s1"), csrf_token_for("s1"));
        assert_ne!(csrf_token_for("s1"), csrf_token_for("s2"));
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
