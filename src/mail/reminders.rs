//! Reminders about pending awards: on a schedule of days after the award was issued
//! (default 7 and 30, then none), until it is accepted or declined or its earner follows
//! "stop reminding me". Each reminder carries a fresh claim link.
//!
//! One email per person lists every award due at that moment. A person is an account when
//! the award has one (the email goes to the account's primary address, the one it chose for
//! mail, whichever of its addresses the awards were sent to), else the award's address (all
//! we know of someone without an account). The email has one secret: each award's claim
//! link is derived from it, and it is the one-click unsubscribe address that stops the
//! reminders of every award listed; each award also has its own "stop reminding me" link.
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
    /// Who the award's person is: their account, or the address without one.
    person: String,
    /// Where that person's reminder goes.
    recipient: String,
    locale: String,
    /// Reminders whose day has come, counting this one.
    passed: i32,
}

/// One person's due awards: one email.
struct Reminder<'a> {
    first: &'a Due,
    awards: Vec<String>,
    token: SecretToken,
}

/// The awards of `due` (ordered by person) grouped into one reminder per person. When the
/// batch is full (`due.len() == limit`) the last person may have more due awards beyond the
/// limit: they are left for the next batch, so that they get one email, not two (unless
/// that person alone fills the batch).
fn per_person(due: &[Due], limit: usize) -> Vec<Reminder<'_>> {
    let mut reminders: Vec<Reminder<'_>> = Vec::new();
    for award in due {
        match reminders.last_mut() {
            Some(last) if last.first.person == award.person => last.awards.push(award.id.clone()),
            _ => reminders.push(Reminder {
                first: award,
                awards: vec![award.id.clone()],
                token: SecretToken::generate(&mut rand::rng()),
            }),
        }
    }
    if due.len() >= limit && reminders.len() > 1 {
        reminders.pop();
    }
    reminders
}

/// Queues the reminders due now, about at most `limit` awards; returns how many emails.
pub async fn queue_due(
    pool: &PgPool,
    schedule_days: &[u32],
    limit: i64,
) -> Result<usize, sqlx::Error> {
    if schedule_days.is_empty() || limit < 1 {
        return Ok(0);
    }
    let days: Vec<i32> = schedule_days
        .iter()
        .map(|d| i32::try_from(*d).unwrap_or(i32::MAX))
        .collect();
    let mut tx = pool.begin().await?;
    let due: Vec<Due> = sqlx::query_as(
        "SELECT a.id,
                coalesce('account ' || a.candidate_id, 'address ' || a.recipient_email) AS person,
                coalesce((SELECT e.email FROM candidate_emails e
                           WHERE e.candidate_id = a.candidate_id AND e.is_primary),
                         a.recipient_email) AS recipient,
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
          ORDER BY person, a.created_at, a.id
          LIMIT $2
          FOR UPDATE OF a SKIP LOCKED",
    )
    .bind(&days)
    .bind(limit)
    .bind(AwardState::Pending)
    .fetch_all(&mut *tx)
    .await?;
    let reminders = per_person(&due, usize::try_from(limit).unwrap_or(usize::MAX));
    let mut hashes = Vec::new();
    let mut ids = Vec::new();
    let mut reminder_hashes = Vec::new();
    for reminder in &reminders {
        let reminder_hash = reminder.token.hash();
        for award in &reminder.awards {
            hashes.push(reminder.token.derive(award).hash());
            ids.push(award.as_str());
            reminder_hashes.push(reminder_hash.clone());
        }
    }
    store_claim_links(&mut tx, &hashes, &ids, Some(&reminder_hashes)).await?;
    let emails: Vec<Outgoing<'_>> = reminders
        .iter()
        .map(|reminder| Outgoing {
            to: &reminder.first.recipient,
            locale: locale_of(&reminder.first.locale),
            message: Message::BadgeReminder {
                awards: &reminder.awards,
                token: &reminder.token,
            },
        })
        .collect();
    queue_all(&mut tx, &emails).await?;
    for award in due.iter().filter(|award| ids.contains(&award.id.as_str())) {
        // A server that was down for a while sends one reminder, not every missed one.
        sqlx::query("UPDATE awards SET reminders_sent = $2 WHERE id = $1")
            .bind(&award.id)
            .bind(i16::try_from(award.passed).unwrap_or(i16::MAX))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(reminders.len())
}

/// Forgets what has served its time: ended sessions, passed throttle counters, devices
/// unused for a year, used or expired email links (with what they carried), and job
/// postings expired more than 30 days ago.
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
    if let Err(error) = crate::insights::jobs::purge_expired(pool, chrono::Utc::now()).await {
        tracing::error!(%error, "expired job postings: database error");
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
                // A full batch may leave a person's awards for the next one: look again
                // until nothing is due.
                Ok(n) if n > 0 && !*stop.borrow() => {
                    tracing::info!(reminders = n, "reminders queued");
                    continue;
                }
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
