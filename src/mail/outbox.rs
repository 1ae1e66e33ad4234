//! The outbox worker: claims due messages one at a time, with `FOR UPDATE SKIP LOCKED` and
//! a lease (`claimed_until`, [`LEASE`]), so that workers in several processes never send one
//! message twice and the messages of a worker that died are taken over; sends each, and
//! records it as sent as soon as the SMTP server accepts it.
//!
//! What can still happen: a server that accepted a message but whose answer was lost (the
//! connection broke, [`SEND_TIMEOUT`](super::transport::SEND_TIMEOUT) passed, the process died before recording it) gets
//! that message again, by nature: delivery is at least once there. Its Message-ID is the
//! same, so a receiver that drops duplicates drops it.

use std::time::Duration;

use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};
use tokio::sync::watch;

use super::message::{Data, Kind};
use super::render::{self, Award, Stored};
use super::transport::{Email, Mailer, SendError};
use super::{dev_mailbox, suppression};
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
    message_nonce: String,
    suppressed: bool,
    badge_code: Option<String>,
    badge_title: Option<String>,
    issuer_name: Option<String>,
    given_name: Option<String>,
    award_id: Option<String>,
    /// The award's reason, when it is revoked.
    revocation_reason: Option<String>,
}

/// An award a row's data lists (a reminder lists several), as its email names it.
#[derive(sqlx::FromRow)]
struct Listed {
    id: String,
    badge_code: String,
    badge_title: String,
    issuer_name: String,
    given_name: Option<String>,
}

/// The awards the data of a message lists (a reminder of several badges), read in one
/// query; no query at all for a message that lists none.
async fn listed_awards(pool: &PgPool, message: &Due) -> Result<Vec<Listed>, sqlx::Error> {
    let ids: Vec<&str> = message
        .data
        .0
        .get("awards")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query_as(
        "SELECT a.id, b.code AS badge_code, b.title AS badge_title, i.name AS issuer_name,
                r.given_name
           FROM awards a
           JOIN results r ON r.id = a.result_id
           JOIN badge_classes b ON b.id = a.badge_class_id
           JOIN issuers i ON i.id = b.issuer_id
          WHERE a.id = ANY($1)",
    )
    .bind(&ids)
    .fetch_all(pool)
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
    let award = match (
        &due.award_id,
        &due.badge_code,
        &due.badge_title,
        &due.issuer_name,
    ) {
        (Some(id), Some(code), Some(badge), Some(issuer)) => Some(Award {
            id,
            code,
            badge,
            issuer,
            given_name: due.given_name.as_deref().unwrap_or_default(),
            revocation_reason: due.revocation_reason.as_deref(),
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
            code: &award.badge_code,
            badge: &award.badge_title,
            issuer: &award.issuer_name,
            given_name: award.given_name.as_deref().unwrap_or_default(),
            // A reminder lists pending awards: none is revoked.
            revocation_reason: None,
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

/// How long a claimed message stays its worker's. Longer than any send may take
/// ([`SEND_TIMEOUT`](super::transport::SEND_TIMEOUT)), so a live worker never loses the message it is sending; the message
/// of a worker that died is taken over once this has passed.
pub const LEASE: Duration = Duration::from_secs(120);

/// What the worker writes in `last_error` of a message it did not send to an address on
/// the suppression list.
pub const SUPPRESSED: &str = "not sent: the address is on the suppression list (it bounced)";

/// Claims the next due message for [`LEASE`], in a statement of its own (committed at once:
/// other workers skip it from then on, and take it over if this one dies).
async fn claim(pool: &PgPool) -> Result<Option<Due>, sqlx::Error> {
    sqlx::query_as(
        "WITH next AS (
             SELECT id FROM outbox
              WHERE state = 'queued' AND next_attempt_at <= now()
                AND (claimed_until IS NULL OR claimed_until <= now())
              ORDER BY next_attempt_at, id
              LIMIT 1
              FOR UPDATE SKIP LOCKED
         ), claimed AS (
             UPDATE outbox o SET claimed_until = now() + make_interval(secs => $1)
               FROM next WHERE o.id = next.id
             RETURNING o.*
         )
         SELECT o.id, o.recipient, o.kind, o.locale, o.data, o.attempts, o.message_nonce,
                EXISTS (SELECT 1 FROM mail_suppressions s WHERE s.address = lower(o.recipient))
                    AS suppressed,
                b.code AS badge_code, b.title AS badge_title, i.name AS issuer_name,
                r.given_name, o.award_id,
                CASE WHEN a.state = 'revoked' THEN a.state_reason END AS revocation_reason
           FROM claimed o
           LEFT JOIN awards a ON a.id = o.award_id
           LEFT JOIN results r ON r.id = a.result_id
           LEFT JOIN badge_classes b ON b.id = a.badge_class_id
           LEFT JOIN issuers i ON i.id = b.issuer_id",
    )
    .bind(LEASE.as_secs_f64())
    .fetch_optional(pool)
    .await
}

/// Delivers up to `limit` due messages, one after the other; returns how many it handled
/// (sent, retried, failed or suppressed). Each is claimed on its own and recorded as soon
/// as the server answers, so a worker killed at any moment leaves at most the message it
/// was sending in doubt (see [`LEASE`]).
pub async fn deliver_due(
    pool: &PgPool,
    mailer: &Mailer,
    ctx: &MailContext,
    limit: i64,
) -> Result<usize, sqlx::Error> {
    let mut handled = 0;
    while (handled as i64) < limit {
        let Some(message) = claim(pool).await? else {
            break;
        };
        deliver(pool, mailer, ctx, &message).await?;
        handled += 1;
    }
    Ok(handled)
}

/// Sends one claimed message and records what happened.
async fn deliver(
    pool: &PgPool,
    mailer: &Mailer,
    ctx: &MailContext,
    message: &Due,
) -> Result<(), sqlx::Error> {
    let suppressible = Kind::parse(&message.kind).is_some_and(|kind| !kind.needs_permit());
    if message.suppressed && suppressible {
        tracing::info!(outbox = message.id, to = %masked(&message.recipient), "mail not sent: address suppressed");
        sqlx::query(
            "UPDATE outbox SET state = 'suppressed', last_error = $2, claimed_until = NULL,
                    data = data - 'token'
              WHERE id = $1",
        )
        .bind(message.id)
        .bind(SUPPRESSED)
        .execute(pool)
        .await?;
        return Ok(());
    }
    let unique = format!("{}.{}", message.id, message.message_nonce);
    let listed = listed_awards(pool, message).await?;
    let outcome = match email_of(message, &listed, ctx) {
        Err(e) => Err(e),
        Ok(email) if mailer.is_dev_mailbox() => {
            let mut tx = pool.begin().await?;
            let id = dev_mailbox::keep(&mut tx, message.id, &email).await?;
            mark_sent(&mut tx, message).await?;
            tx.commit().await?;
            tracing::info!(
                outbox = message.id,
                to = %masked(&message.recipient),
                url = %ctx.public_url.absolute(&crate::urls::dev_mail_message(id)),
                "mail kept in the development mailbox"
            );
            return Ok(());
        }
        Ok(email) => mailer.send_smtp(&email, &unique).await,
    };
    let attempts = message.attempts + 1;
    match outcome {
        Ok(()) => {
            let mut conn = pool.acquire().await?;
            mark_sent(&mut conn, message).await?;
            tracing::info!(outbox = message.id, to = %masked(&message.recipient), "mail sent");
        }
        Err(SendError::Transient(error)) if attempts < MAX_ATTEMPTS => {
            let delay = retry_delay(attempts);
            tracing::warn!(outbox = message.id, attempts, retry_in = ?delay, %error, "mail not sent, will retry");
            sqlx::query(
                "UPDATE outbox SET attempts = $2, last_error = $3, claimed_until = NULL,
                        next_attempt_at = now() + make_interval(secs => $4)
                  WHERE id = $1",
            )
            .bind(message.id)
            .bind(attempts)
            .bind(&error)
            .bind(delay.as_secs_f64())
            .execute(pool)
            .await?;
        }
        Err(error) => {
            tracing::error!(outbox = message.id, attempts, %error, "mail failed for good");
            let mut tx = pool.begin().await?;
            sqlx::query(
                "UPDATE outbox SET state = 'failed', attempts = $2, last_error = $3,
                        claimed_until = NULL, data = data - 'token'
                  WHERE id = $1",
            )
            .bind(message.id)
            .bind(attempts)
            .bind(error.to_string())
            .execute(&mut *tx)
            .await?;
            if let SendError::Bounced(reply) = &error {
                suppression::add_hard_bounce(&mut tx, &message.recipient, message.id, reply)
                    .await?;
                tracing::warn!(outbox = message.id, to = %masked(&message.recipient), "address suppressed after a hard bounce");
            }
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Records `message` as sent (and erases its token).
async fn mark_sent(conn: &mut PgConnection, message: &Due) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET state = 'sent', sent_at = now(), attempts = $2, last_error = NULL,
                claimed_until = NULL, data = data - 'token'
          WHERE id = $1",
    )
    .bind(message.id)
    .bind(message.attempts + 1)
    .execute(conn)
    .await?;
    Ok(())
}

/// Runs until `stop` turns true: delivers what is due, then waits `interval`. It stops
/// between two messages: a stop waits for the message being sent, at most
/// [`SEND_TIMEOUT`](super::transport::SEND_TIMEOUT), never for a batch.
pub async fn run_worker(
    pool: PgPool,
    mailer: Mailer,
    ctx: MailContext,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        loop {
            if *stop.borrow() {
                return;
            }
            match deliver_due(&pool, &mailer, &ctx, 1).await {
                Ok(1) => continue,
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
