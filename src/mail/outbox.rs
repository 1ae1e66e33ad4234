//! The outbox worker: claims due messages with `FOR UPDATE SKIP LOCKED` (so workers in
//! several processes never send one message twice), sends them, and records the outcome.

use std::time::Duration;

use sqlx::PgPool;
use sqlx::types::Json;
use tokio::sync::watch;

use super::dev_mailbox;
use super::message::{Data, Kind};
use super::render::{self, Award, Stored};
use super::transport::{Email, Mailer, SendError};
use crate::domain::EmailAddress;
use crate::i18n::Locale;

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i32 = 12;

/// What templates need to know about the site.
#[derive(Debug, Clone)]
pub struct MailContext {
    /// Public base URL, no trailing slash.
    pub public_url: crate::urls::PublicUrl,
}

#[derive(sqlx::FromRow)]
struct Due {
    id: i64,
    recipient: String,
    kind: String,
    locale: String,
    data: Json<serde_json::Value>,
    attempts: i32,
    badge_title: Option<String>,
    issuer_name: Option<String>,
    given_name: Option<String>,
    award_id: Option<String>,
}

/// An award a row's data lists (a reminder lists several), as its email names it.
#[derive(sqlx::FromRow)]
struct Listed {
    id: String,
    badge_title: String,
    issuer_name: String,
    given_name: Option<String>,
}

/// The awards the data of `due` rows list, read in one query.
async fn listed_awards(
    conn: &mut sqlx::PgConnection,
    due: &[Due],
) -> Result<Vec<Listed>, sqlx::Error> {
    let ids: Vec<&str> = due
        .iter()
        .filter_map(|row| row.data.0.get("awards")?.as_array())
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query_as(
        "SELECT a.id, b.title AS badge_title, i.name AS issuer_name, r.given_name
           FROM awards a
           JOIN results r ON r.id = a.result_id
           JOIN badge_classes b ON b.id = a.badge_class_id
           JOIN issuers i ON i.id = b.issuer_id
          WHERE a.id = ANY($1)",
    )
    .bind(&ids)
    .fetch_all(conn)
    .await
}

/// The wait before attempt `attempts + 1`: 1 minute, doubling, at most 6 hours.
pub fn retry_delay(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 16) - 1).unwrap_or(0);
    Duration::from_secs(60u64.saturating_mul(1 << exponent)).min(Duration::from_secs(6 * 3600))
}

/// Writes a due row's email. A row of a kind this program does not know, or whose data it
/// cannot read, is a permanent failure: it is never sent as something else.
fn email_of(due: &Due, listed: &[Listed], ctx: &MailContext) -> Result<Email, SendError> {
    let kind = Kind::parse(&due.kind)
        .ok_or_else(|| SendError::Permanent(format!("unknown kind of email {:?}", due.kind)))?;
    let data: Data = serde_json::from_value(due.data.0.clone())
        .map_err(|e| SendError::Permanent(format!("the data of this {kind} email: {e}")))?;
    let award = match (&due.award_id, &due.badge_title, &due.issuer_name) {
        (Some(id), Some(badge), Some(issuer)) => Some(Award {
            id,
            badge,
            issuer,
            given_name: due.given_name.as_deref().unwrap_or_default(),
        }),
        _ => None,
    };
    // In the data's order; one not found leaves a gap the renderer refuses.
    let listed: Vec<Award<'_>> = data
        .awards
        .iter()
        .flatten()
        .filter_map(|id| listed.iter().find(|award| award.id == *id))
        .map(|award| Award {
            id: &award.id,
            badge: &award.badge_title,
            issuer: &award.issuer_name,
            given_name: award.given_name.as_deref().unwrap_or_default(),
        })
        .collect();
    let stored = Stored {
        to: &due.recipient,
        kind,
        locale: Locale::from_tag(&due.locale).unwrap_or_default(),
        data: &data,
        award,
        listed: &listed,
    };
    render::render(&stored, &ctx.public_url).map_err(|e| SendError::Permanent(e.to_string()))
}

fn masked(address: &str) -> String {
    EmailAddress::parse(address).map_or_else(|_| "***".to_owned(), |a| a.masked())
}

/// Delivers up to `limit` due messages; returns how many it handled (sent, retried or failed).
pub async fn deliver_due(
    pool: &PgPool,
    mailer: &Mailer,
    ctx: &MailContext,
    limit: i64,
) -> Result<usize, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let due: Vec<Due> = sqlx::query_as(
        "SELECT o.id, o.recipient, o.kind, o.locale, o.data, o.attempts,
                b.title AS badge_title, i.name AS issuer_name, r.given_name, o.award_id
           FROM outbox o
           LEFT JOIN awards a ON a.id = o.award_id
           LEFT JOIN results r ON r.id = a.result_id
           LEFT JOIN badge_classes b ON b.id = a.badge_class_id
           LEFT JOIN issuers i ON i.id = b.issuer_id
          WHERE o.state = 'queued' AND o.next_attempt_at <= now()
          ORDER BY o.next_attempt_at, o.id
          LIMIT $1
          FOR UPDATE OF o SKIP LOCKED",
    )
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let listed = listed_awards(&mut tx, &due).await?;

    for message in &due {
        let outcome = match email_of(message, &listed, ctx) {
            Err(e) => Err(e),
            Ok(email) if mailer.is_dev_mailbox() => {
                let id = dev_mailbox::keep(&mut tx, message.id, &email).await?;
                tracing::info!(
                    outbox = message.id,
                    to = %masked(&message.recipient),
                    url = %ctx.public_url.absolute(&crate::urls::dev_mail_message(id)),
                    "mail kept in the development mailbox"
                );
                Ok(())
            }
            Ok(email) => mailer.send_smtp(&email).await,
        };
        let attempts = message.attempts + 1;
        match outcome {
            Ok(()) => {
                sqlx::query(
                    "UPDATE outbox SET state = 'sent', sent_at = now(), attempts = $2,
                            last_error = NULL, data = data - 'token'
                      WHERE id = $1",
                )
                .bind(message.id)
                .bind(attempts)
                .execute(&mut *tx)
                .await?;
                if !mailer.is_dev_mailbox() {
                    tracing::info!(outbox = message.id, to = %masked(&message.recipient), "mail sent");
                }
            }
            Err(SendError::Transient(error)) if attempts < MAX_ATTEMPTS => {
                let delay = retry_delay(attempts);
                tracing::warn!(outbox = message.id, attempts, retry_in = ?delay, %error, "mail not sent, will retry");
                sqlx::query(
                    "UPDATE outbox SET attempts = $2, last_error = $3,
                            next_attempt_at = now() + make_interval(secs => $4)
                      WHERE id = $1",
                )
                .bind(message.id)
                .bind(attempts)
                .bind(&error)
                .bind(delay.as_secs_f64())
                .execute(&mut *tx)
                .await?;
            }
            Err(error) => {
                tracing::error!(outbox = message.id, attempts, %error, "mail failed for good");
                sqlx::query(
                    "UPDATE outbox SET state = 'failed', attempts = $2, last_error = $3,
                            data = data - 'token'
                      WHERE id = $1",
                )
                .bind(message.id)
                .bind(attempts)
                .bind(error.to_string())
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(due.len())
}

/// Runs until `stop` turns true: delivers what is due, then waits `interval`.
pub async fn run_worker(
    pool: PgPool,
    mailer: Mailer,
    ctx: MailContext,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    const BATCH: i64 = 32;
    loop {
        loop {
            match deliver_due(&pool, &mailer, &ctx, BATCH).await {
                Ok(n) if n as i64 == BATCH && !*stop.borrow() => continue,
                Ok(_) => break,
                Err(error) => {
                    tracing::error!(%error, "outbox: database error");
                    break;
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}
