//! The suppression list: addresses the SMTP server refused for good (a hard bounce). Mail
//! about awards (the award itself, "added to your wallet", reminders) is not sent to them:
//! the outbox worker marks such a message `suppressed` and never retries it. Mail that a
//! form sends (confirm a sign-up or an address, reset a password) is still sent, under its
//! per-address [`super::Permit`]: someone is asking for it at that moment, and it is the way
//! the address is verified again. Verifying the address (its confirm link: [`forget`], in
//! `accounts`) or support ([`clear`]) takes it off the list.
//!
//! The check is made when the worker sends, not when mail is queued: messages queued before
//! the bounce must stop too, and one check is one place to keep right.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::EmailAddress;

/// Why an address is on the list (the table's `reason`).
pub const HARD_BOUNCE: &str = "hard_bounce";

/// An address on the list, for the support console.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Suppressed {
    pub id: i64,
    pub address: String,
    pub reason: String,
    /// What the SMTP server answered.
    pub smtp_reply: String,
    /// The message that bounced (gone once the outbox row is).
    pub outbox_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// Every address on the list, newest first.
pub async fn list(db: &PgPool) -> Result<Vec<Suppressed>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, address, reason, smtp_reply, outbox_id, created_at
           FROM mail_suppressions ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(db)
    .await
}

/// Whether `address` is on the list.
pub async fn is_suppressed(db: &PgPool, address: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM mail_suppressions WHERE address = lower($1))")
        .bind(address)
        .fetch_one(db)
        .await
}

/// Puts `address` on the list after the server refused message `outbox_id` for good with
/// `reply`. An address already on it keeps its first entry.
pub(crate) async fn add_hard_bounce(
    conn: &mut PgConnection,
    address: &str,
    outbox_id: i64,
    reply: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_suppressions (address, reason, smtp_reply, outbox_id)
         VALUES (lower($1), $2, $3, $4) ON CONFLICT (address) DO NOTHING",
    )
    .bind(address)
    .bind(HARD_BOUNCE)
    .bind(reply)
    .bind(outbox_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Support takes entry `id` off the list, in the caller's transaction, audited with
/// `reason`. False when there was no such entry.
pub async fn clear(
    conn: &mut PgConnection,
    actor: Actor,
    id: i64,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let cleared: Option<String> =
        sqlx::query_scalar("DELETE FROM mail_suppressions WHERE id = $1 RETURNING reason")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(was) = cleared else {
        return Ok(false);
    };
    let entry = Entry::new(actor, Action::MailSuppressionCleared)
        .reason(reason)
        .data(serde_json::json!({ "suppressed_for": was }));
    audit::record(&mut *conn, &entry, Subject::MailSuppression(id)).await?;
    Ok(true)
}

/// The address was verified again (its owner opened a link mailed to it): mail flows to it
/// again. In the caller's transaction.
pub async fn forget(conn: &mut PgConnection, address: &EmailAddress) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM mail_suppressions WHERE address = lower($1)")
        .bind(address.as_str())
        .execute(conn)
        .await?;
    Ok(())
}
