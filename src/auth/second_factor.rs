//! The staff's second factor: a TOTP secret ([`super::totp`]) kept on the server
//! (`staff_totp`), and ten one-time recovery codes kept as hashes (`staff_recovery_codes`).
//!
//! - Setting up: a *pending* secret is shown once (QR code, text, `otpauth://` URI) and
//!   becomes the one in use when a code from it is typed ([`confirm`]); the ten recovery
//!   codes are made then and shown once. Setting up again (a new phone) takes a code of the
//!   secret in use, or a recovery code, and keeps the old secret working until the new one
//!   is confirmed.
//! - Checking ([`verify`]): a code of the current 30-second step or the one before or after;
//!   each step's code works once (the last step used is kept, and only a later one is
//!   accepted), a recovery code works once. Every code is reserved with the throttle first
//!   (`auth::throttle::reserve_code`: 5 wrong codes per account in 15 minutes).
//!
//! What changes the factor is audited. The actor is the account's holder,
//! `Actor::Candidate`, as for a password change: they act on their own account, not
//! through a console (`Actor::Staff` is for what staff do to others there).

use chrono::{DateTime, Utc};
use rand::Rng;
use sqlx::PgPool;

use super::throttle::{self, Refused, ThrottleLimits};
use super::totp::{self, Secret};
use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::token::hash_hex;

/// Recovery codes made at a time.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code (lower-case base32: 5 bits each).
const RECOVERY_CODE_LEN: usize = 10;
const RECOVERY_ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// A recovery code, as shown once (`abcde-fghij`).
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl RecoveryCode {
    fn generate(rng: &mut impl Rng) -> RecoveryCode {
        let code: String = (0..RECOVERY_CODE_LEN)
            .map(|_| char::from(RECOVERY_ALPHABET[rng.random_range(0..32)]))
            .collect();
        RecoveryCode(format!("{}-{}", &code[..5], &code[5..]))
    }

    /// The code for people to write down.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// What is stored of a recovery code: a SHA-256 of the account and the code typed, without
/// its dash, spaces or capitals.
fn recovery_hash(candidate_id: i64, typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let valid =
        code.len() == RECOVERY_CODE_LEN && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b));
    valid.then(|| hash_hex(format!("{candidate_id}:{code}").as_bytes()))
}

/// Where an account stands.
#[derive(Debug, Clone)]
pub struct Status {
    /// When the secret in use was set up (`None`: not set up).
    pub enrolled_at: Option<DateTime<Utc>>,
    /// A secret being set up, not confirmed yet.
    pub pending: Option<Secret>,
    /// Recovery codes not used yet.
    pub recovery_left: i64,
}

impl Status {
    pub fn enrolled(&self) -> bool {
        self.enrolled_at.is_some()
    }
}

pub async fn status(db: &PgPool, candidate_id: i64) -> Result<Status, sqlx::Error> {
    let rows: Vec<(String, Vec<u8>, DateTime<Utc>)> =
        sqlx::query_as("SELECT state, secret, created_at FROM staff_totp WHERE candidate_id = $1")
            .bind(candidate_id)
            .fetch_all(db)
            .await?;
    let recovery_left: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM staff_recovery_codes WHERE candidate_id = $1 AND used_at IS NULL",
    )
    .bind(candidate_id)
    .fetch_one(db)
    .await?;
    let mut status = Status {
        enrolled_at: None,
        pending: None,
        recovery_left,
    };
    for (state, secret, created_at) in rows {
        match state.as_str() {
            "active" => status.enrolled_at = Some(created_at),
            "pending" => status.pending = Secret::from_bytes(&secret),
            _ => {}
        }
    }
    Ok(status)
}

/// Whether the account has a second factor in use.
pub async fn is_enrolled(db: &PgPool, candidate_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM staff_totp WHERE candidate_id = $1 AND state = 'active')",
    )
    .bind(candidate_id)
    .fetch_one(db)
    .await
}

/// The secret being set up, made now when there is none (a first setup: the settings page
/// shows it at once).
pub async fn pending_or_new(db: &PgPool, candidate_id: i64) -> Result<Secret, sqlx::Error> {
    let secret = Secret::generate(&mut rand::rng());
    let stored: Vec<u8> = sqlx::query_scalar(
        "INSERT INTO staff_totp (candidate_id, state, secret) VALUES ($1, 'pending', $2)
         ON CONFLICT (candidate_id, state) DO UPDATE SET secret = staff_totp.secret
         RETURNING secret",
    )
    .bind(candidate_id)
    .bind(secret.as_bytes())
    .fetch_one(db)
    .await?;
    Ok(Secret::from_bytes(&stored).unwrap_or(secret))
}

/// Gives up the secret being set up (the one in use, if any, stays).
pub async fn cancel_pending(db: &PgPool, candidate_id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM staff_totp WHERE candidate_id = $1 AND state = 'pending'")
            .bind(candidate_id)
            .execute(db)
            .await?
            .rows_affected()
            > 0,
    )
}

/// Which factor a right code was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Totp,
    /// A recovery code, now used; so many are left.
    RecoveryCode {
        left: i64,
    },
}

/// What a code typed did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    Done(T),
    /// Not the code of this step or the ones beside it, nor an unused recovery code.
    Wrong,
    /// The code of a step already used (seen, or typed twice).
    Replayed,
    /// Too many wrong codes lately: not checked.
    Refused(Refused),
    /// Nothing to check it against (no secret in use, or none being set up).
    NotSetUp,
}

impl<T> Outcome<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Done(t) => Outcome::Done(f(t)),
            Outcome::Wrong => Outcome::Wrong,
            Outcome::Replayed => Outcome::Replayed,
            Outcome::Refused(r) => Outcome::Refused(r),
            Outcome::NotSetUp => Outcome::NotSetUp,
        }
    }
}

/// Checks a code of the secret in use, or a recovery code, typed by account
/// `candidate_id` at `now` (Unix seconds), after reserving it with the throttle.
pub async fn verify(
    db: &PgPool,
    limits: &ThrottleLimits,
    candidate_id: i64,
    code: &str,
    now: u64,
) -> Result<Outcome<Factor>, sqlx::Error> {
    let active: Option<(Vec<u8>, Option<i64>)> = sqlx::query_as(
        "SELECT secret, last_step FROM staff_totp WHERE candidate_id = $1 AND state = 'active'",
    )
    .bind(candidate_id)
    .fetch_optional(db)
    .await?;
    let Some(secret) = active.and_then(|(secret, _)| Secret::from_bytes(&secret)) else {
        return Ok(Outcome::NotSetUp);
    };
    let attempt = match throttle::reserve_code(db, limits, candidate_id).await? {
        Ok(attempt) => attempt,
        Err(refused) => return Ok(Outcome::Refused(refused)),
    };
    let outcome = if totp::normalize(code).is_some() {
        match totp::matching_step(&secret, code, now) {
            None => Outcome::Wrong,
            Some(step) => {
                if use_step(db, candidate_id, step).await? {
                    Outcome::Done(Factor::Totp)
                } else {
                    Outcome::Replayed
                }
            }
        }
    } else {
        match use_recovery_code(db, candidate_id, code).await? {
            Some(left) => Outcome::Done(Factor::RecoveryCode { left }),
            None => Outcome::Wrong,
        }
    };
    if matches!(outcome, Outcome::Done(_)) {
        attempt.succeeded(db).await?;
    }
    Ok(outcome)
}

/// Records `step` as used, unless it (or a later one) was: one statement, so two requests
/// with the same code cannot both pass.
async fn use_step(db: &PgPool, candidate_id: i64, step: u64) -> Result<bool, sqlx::Error> {
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    Ok(sqlx::query(
        "UPDATE staff_totp SET last_step = $2
          WHERE candidate_id = $1 AND state = 'active' AND (last_step IS NULL OR last_step < $2)",
    )
    .bind(candidate_id)
    .bind(step)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Uses a recovery code, audited; returns how many are left, or `None` when it is not one
/// of the account's unused codes.
async fn use_recovery_code(
    db: &PgPool,
    candidate_id: i64,
    typed: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let Some(hash) = recovery_hash(candidate_id, typed) else {
        return Ok(None);
    };
    let mut tx = db.begin().await?;
    let used = sqlx::query(
        "UPDATE staff_recovery_codes SET used_at = now()
          WHERE candidate_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(candidate_id)
    .bind(&hash)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !used {
        return Ok(None);
    }
    let left: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM staff_recovery_codes WHERE candidate_id = $1 AND used_at IS NULL",
    )
    .bind(candidate_id)
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new(Actor::Candidate(candidate_id), Action::RecoveryCodeUsed)
        .data(serde_json::json!({ "left": left }));
    audit::record(&mut tx, &entry, Subject::Candidate(candidate_id)).await?;
    tx.commit().await?;
    Ok(Some(left))
}

/// Confirms the secret being set up with a code of it: it becomes the one in use (the old
/// one, if any, is gone), the code's step counts as used, and ten new recovery codes replace
/// the old ones. Audited.
pub async fn confirm(
    db: &PgPool,
    limits: &ThrottleLimits,
    candidate_id: i64,
    code: &str,
    now: u64,
) -> Result<Outcome<Vec<RecoveryCode>>, sqlx::Error> {
    let pending: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT secret FROM staff_totp WHERE candidate_id = $1 AND state = 'pending'",
    )
    .bind(candidate_id)
    .fetch_optional(db)
    .await?;
    let Some(secret) = pending.and_then(|s| Secret::from_bytes(&s)) else {
        return Ok(Outcome::NotSetUp);
    };
    let attempt = match throttle::reserve_code(db, limits, candidate_id).await? {
        Ok(attempt) => attempt,
        Err(refused) => return Ok(Outcome::Refused(refused)),
    };
    let Some(step) = totp::matching_step(&secret, code, now) else {
        return Ok(Outcome::Wrong);
    };
    let mut tx = db.begin().await?;
    let again = sqlx::query("DELETE FROM staff_totp WHERE candidate_id = $1 AND state = 'active'")
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    let confirmed = sqlx::query(
        "UPDATE staff_totp SET state = 'active', last_step = $3, created_at = now()
          WHERE candidate_id = $1 AND state = 'pending' AND secret = $2",
    )
    .bind(candidate_id)
    .bind(secret.as_bytes())
    .bind(i64::try_from(step).unwrap_or(i64::MAX))
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !confirmed {
        // Set up again or cancelled meanwhile, in another tab.
        return Ok(Outcome::NotSetUp);
    }
    let codes = replace_recovery_codes(&mut tx, candidate_id).await?;
    let entry = Entry::new(Actor::Candidate(candidate_id), Action::SecondFactorEnrolled).data(
        serde_json::json!({ "method": "totp", "replaced": again, "recovery_codes": codes.len() }),
    );
    audit::record(&mut tx, &entry, Subject::Candidate(candidate_id)).await?;
    tx.commit().await?;
    attempt.succeeded(db).await?;
    Ok(Outcome::Done(codes))
}

/// Starts setting up again (a new phone), with a code of the factor in use or a recovery
/// code: a new pending secret, which replaces one being set up before. The one in use keeps
/// working until the new one is confirmed.
pub async fn start_again(
    db: &PgPool,
    limits: &ThrottleLimits,
    candidate_id: i64,
    code: &str,
    now: u64,
) -> Result<Outcome<Factor>, sqlx::Error> {
    let outcome = verify(db, limits, candidate_id, code, now).await?;
    if matches!(outcome, Outcome::Done(_)) {
        let secret = Secret::generate(&mut rand::rng());
        sqlx::query(
            "INSERT INTO staff_totp (candidate_id, state, secret) VALUES ($1, 'pending', $2)
             ON CONFLICT (candidate_id, state)
             DO UPDATE SET secret = excluded.secret, created_at = now()",
        )
        .bind(candidate_id)
        .bind(secret.as_bytes())
        .execute(db)
        .await?;
    }
    Ok(outcome)
}

/// Ten new recovery codes instead of the old ones (used or not), with a code of the factor
/// in use or a recovery code. Audited.
pub async fn renew_recovery_codes(
    db: &PgPool,
    limits: &ThrottleLimits,
    candidate_id: i64,
    code: &str,
    now: u64,
) -> Result<Outcome<Vec<RecoveryCode>>, sqlx::Error> {
    let outcome = verify(db, limits, candidate_id, code, now).await?;
    if !matches!(outcome, Outcome::Done(_)) {
        return Ok(outcome.map(|_| Vec::new()));
    }
    let mut tx = db.begin().await?;
    let codes = replace_recovery_codes(&mut tx, candidate_id).await?;
    let entry = Entry::new(Actor::Candidate(candidate_id), Action::RecoveryCodesRenewed)
        .data(serde_json::json!({ "recovery_codes": codes.len() }));
    audit::record(&mut tx, &entry, Subject::Candidate(candidate_id)).await?;
    tx.commit().await?;
    Ok(Outcome::Done(codes))
}

async fn replace_recovery_codes(
    tx: &mut sqlx::PgConnection,
    candidate_id: i64,
) -> Result<Vec<RecoveryCode>, sqlx::Error> {
    sqlx::query("DELETE FROM staff_recovery_codes WHERE candidate_id = $1")
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    let mut rng = rand::rng();
    let codes: Vec<RecoveryCode> = (0..RECOVERY_CODES)
        .map(|_| RecoveryCode::generate(&mut rng))
        .collect();
    let hashes: Vec<String> = codes
        .iter()
        .filter_map(|c| recovery_hash(candidate_id, c.expose()))
        .collect();
    sqlx::query(
        "INSERT INTO staff_recovery_codes (candidate_id, code_hash)
         SELECT $1, h FROM unnest($2::text[]) AS h ON CONFLICT DO NOTHING",
    )
    .bind(candidate_id)
    .bind(&hashes)
    .execute(&mut *tx)
    .await?;
    Ok(codes)
}

/// The secret in use of an account, for tests and the browser tests that must compute a
/// code as the staff member's phone would (`totp::code_at`). Never shown on a page.
pub async fn secret_of(db: &PgPool, candidate_id: i64) -> Result<Option<Secret>, sqlx::Error> {
    let secret: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT secret FROM staff_totp WHERE candidate_id = $1 AND state = 'active'",
    )
    .bind(candidate_id)
    .fetch_optional(db)
    .await?;
    Ok(secret.and_then(|s| Secret::from_bytes(&s)))
}

/// Now, in Unix seconds.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_code_is_read_however_it_is_typed() {
        let code = RecoveryCode::generate(&mut rand::rng());
        assert_eq!(code.expose().len(), RECOVERY_CODE_LEN + 1);
        let hash = recovery_hash(7, code.expose());
        assert!(hash.is_some());
        let typed = code.expose().to_uppercase().replace('-', " ");
        assert_eq!(recovery_hash(7, &typed), hash);
        // Another account's code of the same letters is another hash.
        assert_ne!(recovery_hash(8, code.expose()), hash);
        assert_eq!(recovery_hash(7, "123456"), None);
        assert_eq!(recovery_hash(7, "abcde-fghi1"), None);
        assert_eq!(format!("{code:?}"), "RecoveryCode(..)");
    }
}
