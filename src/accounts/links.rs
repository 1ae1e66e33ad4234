//! Single-use links sent by email (`email_links`): confirm a sign-up, reset a password,
//! verify an added address. The raw token lives only in the email (through the outbox).

use std::time::Duration;

use serde_json::Value;
use sqlx::PgConnection;
use sqlx::types::Json;

use crate::domain::{EmailAddress, SecretToken};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    SignUp,
    ResetPassword,
    AddEmail,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignUp => "sign_up",
            Purpose::ResetPassword => "reset_password",
            Purpose::AddEmail => "add_email",
        }
    }

    fn parse(s: &str) -> Option<Purpose> {
        match s {
            "sign_up" => Some(Purpose::SignUp),
            "reset_password" => Some(Purpose::ResetPassword),
            "add_email" => Some(Purpose::AddEmail),
            _ => None,
        }
    }

    /// How long a link stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::ResetPassword => Duration::from_secs(60 * 60),
            Purpose::SignUp | Purpose::AddEmail => Duration::from_secs(7 * 24 * 60 * 60),
        }
    }
}

/// A link that was valid when taken; it is now used.
#[derive(Debug)]
pub struct Link {
    pub purpose: Purpose,
    pub email: EmailAddress,
    pub candidate_id: Option<i64>,
    pub data: Value,
}

/// What a presented token turned out to be.
#[derive(Debug)]
pub enum Taken {
    Valid(Link),
    Used,
    Expired,
    Unknown,
}

/// Stores a new link; returns the token to put in the email.
pub async fn create(
    conn: &mut PgConnection,
    purpose: Purpose,
    email: &EmailAddress,
    candidate_id: Option<i64>,
    data: Value,
) -> Result<SecretToken, sqlx::Error> {
    let token = SecretToken::generate(&mut rand::rng());
    sqlx::query(
        "INSERT INTO email_links (token_hash, purpose, email, candidate_id, data, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))",
    )
    .bind(token.hash())
    .bind(purpose.as_str())
    .bind(email.as_str())
    .bind(candidate_id)
    .bind(Json(data))
    .bind(purpose.lifetime().as_secs_f64())
    .execute(conn)
    .await?;
    Ok(token)
}

/// Looks a token up without using it (to show the form of a reset link, say).
pub async fn peek(
    conn: &mut PgConnection,
    token: &SecretToken,
    purposes: &[Purpose],
) -> Result<Taken, sqlx::Error> {
    find(conn, token, purposes, false).await
}

/// Uses a link once, in the caller's transaction: a second use finds it used.
pub async fn take(
    conn: &mut PgConnection,
    token: &SecretToken,
    purposes: &[Purpose],
) -> Result<Taken, sqlx::Error> {
    find(conn, token, purposes, true).await
}

async fn find(
    conn: &mut PgConnection,
    token: &SecretToken,
    purposes: &[Purpose],
    use_it: bool,
) -> Result<Taken, sqlx::Error> {
    /// purpose, email, candidate, data, used, expired
    type Row = (String, String, Option<i64>, Json<Value>, bool, bool);
    let row: Option<Row> = sqlx::query_as(
        "SELECT purpose, email, candidate_id, data, used_at IS NOT NULL, expires_at <= now()
           FROM email_links WHERE token_hash = $1 FOR UPDATE",
    )
    .bind(token.hash())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((purpose, email, candidate_id, Json(data), used, expired)) = row else {
        return Ok(Taken::Unknown);
    };
    let (Some(purpose), Ok(email)) = (Purpose::parse(&purpose), EmailAddress::parse(&email)) else {
        return Ok(Taken::Unknown);
    };
    if !purposes.contains(&purpose) {
        return Ok(Taken::Unknown);
    }
    if used {
        return Ok(Taken::Used);
    }
    if expired {
        return Ok(Taken::Expired);
    }
    if use_it {
        // What the link carried (a sign-up's name and password hash) has done its work.
        sqlx::query("UPDATE email_links SET used_at = now(), data = '{}' WHERE token_hash = $1")
            .bind(token.hash())
            .execute(&mut *conn)
            .await?;
    }
    Ok(Taken::Valid(Link {
        purpose,
        email,
        candidate_id,
        data,
    }))
}

/// How long a used or expired link is kept (so that opening it again says "already used"
/// or "expired" rather than "unknown"), without what it carried.
pub const KEPT_AFTER_USE_DAYS: i32 = 30;

/// Ends every unused sign-up link of `email` and erases what they carried (an account now
/// owns the address: their names and password hashes are of no use).
pub async fn end_sign_ups(
    conn: &mut PgConnection,
    email: &EmailAddress,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE email_links SET used_at = coalesce(used_at, now()), data = '{}'
          WHERE email = $1 AND purpose = 'sign_up' AND (used_at IS NULL OR data <> '{}')",
    )
    .bind(email.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Erases every link sent to these addresses or asked for by the account (it is deleted).
pub async fn erase(
    conn: &mut PgConnection,
    candidate_id: i64,
    addresses: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM email_links WHERE candidate_id = $1 OR email = ANY($2)")
        .bind(candidate_id)
        .bind(addresses)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes links used or expired more than [`KEPT_AFTER_USE_DAYS`] ago, and erases what
/// expired links carried at once.
pub async fn purge(db: &sqlx::PgPool) -> Result<u64, sqlx::Error> {
    sqlx::query("UPDATE email_links SET data = '{}' WHERE expires_at <= now() AND data <> '{}'")
        .execute(db)
        .await?;
    Ok(sqlx::query(
        "DELETE FROM email_links
          WHERE used_at <= now() - make_interval(days => $1)
             OR expires_at <= now() - make_interval(days => $1)",
    )
    .bind(KEPT_AFTER_USE_DAYS)
    .execute(db)
    .await?
    .rows_affected())
}

/// Ends the unused links of an account for a purpose (a new reset link replaces the old).
pub async fn revoke(
    conn: &mut PgConnection,
    candidate_id: i64,
    purpose: Purpose,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE email_links SET used_at = now()
          WHERE candidate_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(candidate_id)
    .bind(purpose.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the unused links of an account for a purpose and address (a new link replaces
/// them): opening one says it was used.
pub async fn end_unused(
    conn: &mut PgConnection,
    candidate_id: i64,
    purpose: Purpose,
    email: &EmailAddress,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE email_links SET used_at = now(), data = '{}'
          WHERE candidate_id = $1 AND purpose = $2 AND email = $3 AND used_at IS NULL",
    )
    .bind(candidate_id)
    .bind(purpose.as_str())
    .bind(email.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes the unused, unexpired links of an account for a purpose and address (the
/// request is cancelled): opening one finds nothing. Returns how many there were.
pub async fn remove_unused(
    conn: &mut PgConnection,
    candidate_id: i64,
    purpose: Purpose,
    email: &EmailAddress,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "DELETE FROM email_links
          WHERE candidate_id = $1 AND purpose = $2 AND email = $3 AND used_at IS NULL
            AND expires_at > now()",
    )
    .bind(candidate_id)
    .bind(purpose.as_str())
    .bind(email.as_str())
    .execute(conn)
    .await?
    .rows_affected())
}
