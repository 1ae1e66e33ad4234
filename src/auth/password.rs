//! Passwords: the rules a new one must meet, hashing with argon2id, and verification that
//! takes as long for an unknown account as for a wrong password.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 256;

static COMMON: &str = include_str!("common_passwords.txt");

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
    #[error("too common")]
    TooCommon,
}

impl PasswordError {
    /// The Fluent id of the message shown next to the field.
    pub fn message_id(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password-too-short",
            PasswordError::TooLong => "password-too-long",
            PasswordError::TooCommon => "password-too-common",
        }
    }
}

/// A new password that meets the rules: long enough, not absurdly long, not a common one.
/// It never appears in `Debug` output.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, PasswordError> {
        let length = raw.chars().count();
        if length < MIN_LENGTH {
            return Err(PasswordError::TooShort);
        }
        if length > MAX_LENGTH {
            return Err(PasswordError::TooLong);
        }
        if common().contains(raw.to_lowercase().as_str()) {
            return Err(PasswordError::TooCommon);
        }
        Ok(NewPassword(raw.to_owned()))
    }

    /// The argon2id hash (PHC string) to store.
    pub fn hash(&self) -> anyhow::Result<String> {
        let salt = SaltString::generate(&mut OsRng);
        Ok(hasher()
            .hash_password(self.0.as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?
            .to_string())
    }
}

/// argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a password nobody knows, checked when the account does not exist, so that an
/// unknown address takes as long as a wrong password.
fn decoy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        let random: [u8; 24] = rand::random();
        hasher()
            .hash_password(&random, &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Whether `candidate` matches `stored`; with no stored hash, checks against a decoy so the
/// time spent is the same, and answers false.
pub fn verify(candidate: &str, stored: Option<&str>) -> bool {
    let (hash, real) = match stored {
        Some(h) => (h, true),
        None => (decoy_hash(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = hasher()
        .verify_password(candidate.as_bytes(), &parsed)
        .is_ok();
    matches && real
}

/// Hashing takes tens of milliseconds of CPU: run it off the async workers.
pub async fn verify_blocking(candidate: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify(&candidate, stored.as_deref()))
        .await
        .unwrap_or(false)
}

pub async fn hash_blocking(password: NewPassword) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || password.hash()).await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_and_common_passwords_are_refused() {
        assert_eq!(
            NewPassword::parse("short").unwrap_err(),
            PasswordError::TooShort
        );
        let long = "x".repeat(MAX_LENGTH + 1);
        assert_eq!(
            NewPassword::parse(&long).unwrap_err(),
            PasswordError::TooLong
        );
        assert_eq!(
            NewPassword::parse("1234567890").unwrap_err(),
            PasswordError::TooCommon
        );
        assert_eq!(
            NewPassword::parse("Password123").unwrap_err(),
            PasswordError::TooCommon
        );
        assert!(NewPassword::parse("correct horse battery staple").is_ok());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(NewPassword::parse("ééééééééé").is_err());
        assert!(NewPassword::parse("éléphant rose").is_ok());
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let password = NewPassword::parse("correct horse battery staple").unwrap();
        let hash = password.hash().unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", Some(&hash)));
        assert!(!verify("correct horse battery stapler", Some(&hash)));
    }

    #[test]
    fn no_account_never_verifies() {
        assert!(!verify("anything at all", None));
        assert!(!verify("", Some("not a hash")));
    }

    #[test]
    fn debug_hides_the_password() {
        let password = NewPassword::parse("correct horse battery staple").unwrap();
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }
}
