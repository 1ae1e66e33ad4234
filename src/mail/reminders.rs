//! Reminders about pending awards: on a schedule of days after the award was issued
//! (default 7 and 30, then none), until it is accepted or declined or its earner follows
//! "stop reminding me". Each reminder carries a fresh claim link.
//!
//! Due awards are claimed with `FOR UPDATE SKIP LOCKED` and their count of reminders sent is
//! raised in the same transaction as the queued email, so several processes never send one
//! reminder twice.

use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::watch;

use super::{Message, Outgoing, locale_of, queue_all, store_claim_links};
use crate::domain::{AwardState, SecretToken};

#[derive(sqlx::FromRow)]
struct Due {
    id: String,
    recipient_email: String,
    locale: String,
    /// Reminders whose day has come, counting this one.
    passed: i32,
}

/// Queues the reminders due now (at most `limit`); returns how many.
pub async fn queue_due(
    pool: &PgPool,
    schedule_days: &[u32],
    limit: i64,
) -> Result<usize, sqlx::Error> {
    if schedule_days.is_empty() {
        return Ok(0);
    }
    let days: Vec<i32> = schedule_days
        .iter()
        .map(|d| i32::try_from(*d).unwrap_or(i32::MAX))
        .collect();
    let mut tx = pool.begin().await?;
    let due: Vec<Due> = sqlx::query_as(
        "SELECT a.id, a.recipient_email,
                coalesce(c.locale,
                         (SELECT o.locale FROM outbox o WHERE o.award_id = a.id ORDER BY o.id LIMIT 1),
                         'en') AS locale,
                (SELECT count(*)::int FROM unnest($1::int[]) d
                  WHERE a.created_at + make_interval(days => d) <= now()) AS passed
           FROM awards a
           LEFT JOIN candidates c ON c.id = a.candidate_id
          WHERE a.state = $3 AND a.reminders_stopped_at IS NULL
            AND a.reminders_sent < cardinality($1::int[])
            AND a.created_at + make_interval(days => ($1::int[])[a.reminders_sent + 1]) <= now()
          ORDER BY a.created_at
          LIMIT $2
          FOR UPDATE OF a SKIP LOCKED",
    )
    .bind(&days)
    .bind(limit)
    .bind(AwardState::Pending)
    .fetch_all(&mut *tx)
    .await?;
    let tokens: Vec<SecretToken> = due
        .iter()
        .map(|_| SecretToken::generate(&mut rand::rng()))
        .collect();
    let hashes: Vec<String> = tokens.iter().map(SecretToken::hash).collect();
    let ids: Vec<&str> = due.iter().map(|award| award.id.as_str()).collect();
    store_claim_links(&mut tx, &hashes, &ids).await?;
    let reminders: Vec<Outgoing<'_>> = due
        .iter()
        .zip(&tokens)
        .map(|(award, token)| Outgoing {
            to: &award.recipient_email,
            locale: locale_of(&award.locale),
            message: Message::BadgeReminder {
                award: &award.id,
                token,
            },
        })
        .collect();
    queue_all(&mut tx, &reminders).await?;
    for award in &due {
        // A server that was down for a while sends one reminder, not every missed one.
        sqlx::query("UPDATE awards SET reminders_sent = $2 WHERE id = $1")
            .bind(&award.id)
            .bind(i16::try_from(award.passed).unwrap_or(i16::MAX))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(due.len())
}

/// Forgets what has served its time: ended sessions, passed throttle counters, devices
/// unused for a year, and used or expired email links (with what they carried).
pub async fn housekeeping(pool: &PgPool, sessions: crate::auth::SessionLimits) {
    if let Err(error) = crate::auth::PgSessionStore::delete_expired(pool, sessions).await {
        tracing::error!(%error, "sessions: database error");
    }
    if let Err(error) = crate::auth::throttle::delete_old(pool).await {
        tracing::error!(%error, "throttle counters: database error");
    }
    if let Err(error) = crate::auth::throttle::devices::delete_old(pool).await {
        tracing::error!(%error, "known devices: database error");
    }
    if let Err(error) = crate::accounts::links::purge(pool).await {
        tracing::error!(%error, "email links: database error");
    }
}

/// Runs until `stop` turns true: queues due reminders, does the [`housekeeping`], then
/// waits `interval`.
pub async fn run_worker(
    pool: PgPool,
    schedule_days: Vec<u32>,
    sessions: crate::auth::SessionLimits,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    const BATCH: i64 = 200;
    loop {
        loop {
            match queue_due(&pool, &schedule_days, BATCH).await {
                Ok(n) if n as i64 == BATCH && !*stop.borrow() => continue,
                Ok(n) => {
                    if n > 0 {
                        tracing::info!(reminders = n, "reminders queued");
                    }
                    break;
                }
                Err(error) => {
                    tracing::error!(%error, "reminders: database error");
                    break;
                }
            }
        }
        housekeeping(&pool, sessions).await;
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}
