//! Tokens of the results API (`api_tokens`): made and revoked on the command line, presented
//! by feeds as `Authorization: Bearer <token>`. Only the SHA-256 of a token is stored; a
//! revoked token stays for the record. Making and revoking one each write the token and its
//! audit row in one transaction.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::SecretToken;

/// What became of a request for a new token.
#[derive(Debug)]
pub enum Created {
    /// The token, to show once: it is never shown again.
    Created(SecretToken),
    /// A live token has that name already.
    NameTaken,
    /// Names are letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most
    /// 63 characters.
    BadName,
}

/// Makes a token named `name` and records who made it, in one transaction.
pub async fn create(db: &PgPool, name: &str, actor: Actor) -> Result<Created, sqlx::Error> {
    let token = SecretToken::generate(&mut rand::rng());
    let mut tx = db.begin().await?;
    let inserted = sqlx::query("INSERT INTO api_tokens (name, token_hash) VALUES ($1, $2)")
        .bind(name)
        .bind(token.hash())
        .execute(&mut *tx)
        .await;
    match inserted {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(Created::NameTaken),
        Err(sqlx::Error::Database(e)) if e.is_check_violation() => return Ok(Created::BadName),
        Err(e) => return Err(e),
    }
    let entry = Entry::new(actor, Action::TokenCreated);
    audit::record(&mut tx, &entry, Subject::ApiToken(name)).await?;
    tx.commit().await?;
    Ok(Created::Created(token))
}

/// Revokes the live token named `name` and records who did it, in one transaction; false
/// when no live token has that name.
pub async fn revoke(db: &PgPool, name: &str, actor: Actor) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let revoked = sqlx::query(
        "UPDATE api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL",
    )
    .bind(name)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if revoked == 0 {
        return Ok(false);
    }
    let entry = Entry::new(actor, Action::TokenRevoked);
    audit::record(&mut tx, &entry, Subject::ApiToken(name)).await?;
    tx.commit().await?;
    Ok(true)
}

/// A token as `accolade token list` shows it (never the token itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Every token, live and revoked, by name then age.
pub async fn list(db: &PgPool) -> Result<Vec<Listed>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY name, created_at",
    )
    .fetch_all(db)
    .await
}

/// The name of the live token `presented` is, noting its use; `None` for any other.
pub async fn authenticate(
    db: &PgPool,
    presented: &SecretToken,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE api_tokens SET last_used_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL
         RETURNING name",
    )
    .bind(presented.hash())
    .fetch_optional(db)
    .await
}
