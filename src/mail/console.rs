//! The outbox as the admin console shows it: messages by tab (queued, failing, sent),
//! newest first, a page at a time by key; and a retry of a message that failed.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::message::Kind;
use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::SecretToken;

/// A tab of the outbox list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Waiting for its first attempt, or for the next one.
    Queued,
    /// Failed for good, not sent to a suppressed address, or queued again after a failed
    /// attempt.
    Failing,
    Sent,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Queued, Tab::Failing, Tab::Sent];

    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Queued => "queued",
            Tab::Failing => "failing",
            Tab::Sent => "sent",
        }
    }

    pub fn parse(text: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// A message as the list shows it (never its data: a token may be in it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl OutboxRow {
    /// The console offers a retry: it failed for good, or waits after a failed attempt.
    pub fn retryable(&self) -> bool {
        self.state == "failed" || (self.state == "queued" && self.attempts > 0)
    }
}

/// Up to `limit` messages of `tab` with an id below `before`, newest first (one range scan
/// of `outbox_state_id_idx` or `outbox_failing_idx`).
pub async fn list(
    db: &PgPool,
    tab: Tab,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let which = match tab {
        Tab::Queued => "state = 'queued'",
        Tab::Failing => {
            "(state IN ('failed', 'suppressed') OR (state = 'queued' AND attempts > 0))"
        }
        Tab::Sent => "state = 'sent'",
    };
    let mut query = sqlx::QueryBuilder::<sqlx::Postgres>::new(
        "SELECT id, recipient, kind, state, attempts, last_error, created_at, next_attempt_at,
                sent_at
           FROM outbox WHERE ",
    );
    query.push(which);
    if let Some(before) = before {
        query.push(" AND id < ").push_bind(before);
    }
    query.push(" ORDER BY id DESC LIMIT ").push_bind(limit);
    query.build_query_as().fetch_all(db).await
}

/// What a retry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retried {
    /// Queued to go out now.
    Queued,
    /// Sent, suppressed, or not failing: nothing to retry.
    NotFailing,
    /// Its link was a secret erased when it failed (a password reset, a confirmation): the
    /// person asks for a new one. Only a claim link is made again.
    LinkGone,
    NotFound,
}

/// Queues message `id` to be sent now: the one retry of the consoles (the admin's outbox and
/// support's missing-badge view). A message that failed for good starts its attempts again;
/// its claim link, erased when it failed, is made anew (while the award is pending). A
/// message being sent at this moment is left to its worker.
///
/// Audited as `mail.retried` about what the email was for: its award, else the account its
/// address belongs to, else the message itself; the data names the message and its kind.
pub async fn retry(
    db: &PgPool,
    id: i64,
    actor: Actor,
    reason: Option<&str>,
) -> Result<Retried, sqlx::Error> {
    let mut tx = db.begin().await?;
    type Row = (String, String, i32, bool, Option<String>, bool, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT o.kind, o.state, o.attempts, o.data ? 'token', o.award_id,
                coalesce(a.state = 'pending', false),
                (SELECT e.candidate_id FROM candidate_emails e WHERE e.email = o.recipient)
           FROM outbox o LEFT JOIN awards a ON a.id = o.award_id
          WHERE o.id = $1 AND (o.claimed_until IS NULL OR o.claimed_until <= now())
            FOR UPDATE OF o",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((kind_text, state, attempts, has_token, award_id, pending, owner)) = row else {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM outbox WHERE id = $1)")
            .bind(id)
            .fetch_one(db)
            .await?;
        return Ok(if exists {
            Retried::NotFailing
        } else {
            Retried::NotFound
        });
    };
    let failed = state == "failed";
    if !(failed || (state == "queued" && attempts > 0)) {
        return Ok(Retried::NotFailing);
    }
    let kind = Kind::parse(&kind_text);
    let mut new_token = None;
    if failed && !has_token && kind.is_some_and(needs_token) {
        match (kind, &award_id) {
            (Some(Kind::BadgeEarned), Some(award)) if pending => {
                let token = SecretToken::generate(&mut rand::rng());
                super::store_claim_links(&mut tx, &[token.hash()], &[award.as_str()], None).await?;
                new_token = Some(token);
            }
            _ => return Ok(Retried::LinkGone),
        }
    }
    sqlx::query(
        "UPDATE outbox SET state = 'queued', next_attempt_at = now(), claimed_until = NULL,
                attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END,
                data = CASE WHEN $2::text IS NULL THEN data
                            ELSE data || jsonb_build_object('token', $2::text) END
          WHERE id = $1",
    )
    .bind(id)
    .bind(new_token.as_ref().map(SecretToken::expose))
    .execute(&mut *tx)
    .await?;
    let attempts_after = if failed { 0 } else { attempts };
    let mut entry = Entry::new(actor, Action::MailRetried)
        .change(
            Some(serde_json::json!({ "state": state, "attempts": attempts })),
            serde_json::json!({ "state": "queued", "attempts": attempts_after }),
        )
        .data(serde_json::json!({ "outbox_id": id, "kind": kind_text }));
    if let Some(reason) = reason {
        entry = entry.reason(reason);
    }
    let subject = match (&award_id, owner) {
        (Some(award), _) => Subject::Award(award),
        (None, Some(owner)) => Subject::Candidate(owner),
        (None, None) => Subject::Outbox(id),
    };
    audit::record(&mut tx, &entry, subject).await?;
    tx.commit().await?;
    Ok(Retried::Queued)
}

/// The kinds whose email carries a link with a secret (erased once sent or failed).
fn needs_token(kind: Kind) -> bool {
    match kind {
        Kind::BadgeEarned
        | Kind::BadgeReminder
        | Kind::SignUpConfirm
        | Kind::PasswordReset
        | Kind::EmailVerify => true,
        Kind::BadgeAdded
        | Kind::SignUpExisting
        | Kind::PasswordResetUnknown
        | Kind::EmailTaken
        | Kind::BadgeRevoked
        | Kind::AddressAttached => false,
    }
}
