//! Sign-in throttling: failed attempts are counted per address and per client over a window,
//! in PostgreSQL so that every server process sees the same counts.

use std::net::IpAddr;
use std::time::Duration;

use sqlx::PgPool;

use crate::domain::EmailAddress;

#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// Failures counted over this window.
    pub window: Duration,
    /// Failures allowed per address within the window.
    pub per_address: i64,
    /// Failures allowed per client (IP address) within the window.
    pub per_client: i64,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        ThrottleLimits {
            window: Duration::from_secs(15 * 60),
            per_address: 5,
            per_client: 30,
        }
    }
}

fn keys(email: Option<&EmailAddress>, client: IpAddr) -> Vec<String> {
    let mut keys = vec![format!("client:{client}")];
    if let Some(email) = email {
        keys.push(format!("email:{}", email.as_str()));
    }
    keys
}

/// Whether `email` or `client` has failed too often lately; when so, the wait until the
/// oldest counted failure leaves the window.
pub async fn blocked(
    db: &PgPool,
    limits: ThrottleLimits,
    email: Option<&EmailAddress>,
    client: IpAddr,
) -> Result<Option<Duration>, sqlx::Error> {
    let rows: Vec<(String, i64, f64)> = sqlx::query_as(
        "SELECT key, count(*), extract(epoch FROM min(at) + make_interval(secs => $2) - now())::float8
           FROM sign_in_failures
          WHERE key = ANY($1) AND at > now() - make_interval(secs => $2)
          GROUP BY key",
    )
    .bind(keys(email, client))
    .bind(limits.window.as_secs_f64())
    .fetch_all(db)
    .await?;
    let wait = rows
        .into_iter()
        .filter(|(key, count, _)| {
            let limit = if key.starts_with("email:") {
                limits.per_address
            } else {
                limits.per_client
            };
            *count >= limit
        })
        .map(|(_, _, wait)| Duration::from_secs_f64(wait.max(1.0)))
        .max();
    Ok(wait)
}

/// Counts a failed sign-in.
pub async fn record_failure(
    db: &PgPool,
    email: Option<&EmailAddress>,
    client: IpAddr,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sign_in_failures (key) SELECT unnest($1::text[])")
        .bind(keys(email, client))
        .execute(db)
        .await?;
    Ok(())
}

/// A successful sign-in clears the address's failures (not the client's).
pub async fn clear(db: &PgPool, email: &EmailAddress) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
        .bind(format!("email:{}", email.as_str()))
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets failures older than the window.
pub async fn delete_old(db: &PgPool, limits: ThrottleLimits) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM sign_in_failures WHERE at <= now() - make_interval(secs => $1)")
            .bind(limits.window.as_secs_f64())
            .execute(db)
            .await?
            .rows_affected(),
    )
}
