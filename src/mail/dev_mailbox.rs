//! The development mailbox: where the outbox worker keeps mail when no SMTP server is
//! configured, and what `/dev/mail` reads.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::transport::Email;

/// A kept email, as the mailbox lists and shows it.
#[derive(Debug, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub created_at: DateTime<Utc>,
}

/// How many emails the mailbox lists, newest first.
pub const LISTED: i64 = 500;

/// Keeps the email of outbox row `outbox_id`, in the worker's transaction; returns its id
/// in the mailbox.
pub async fn keep(
    conn: &mut PgConnection,
    outbox_id: i64,
    email: &Email,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO dev_mailbox (outbox_id, recipient, subject, text_body, html_body)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(outbox_id)
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.text)
    .bind(&email.html)
    .fetch_one(conn)
    .await
}

/// The newest [`LISTED`] emails, newest first.
pub async fn latest(db: &PgPool) -> Result<Vec<Mail>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, recipient, subject, text_body, created_at
           FROM dev_mailbox ORDER BY id DESC LIMIT $1",
    )
    .bind(LISTED)
    .fetch_all(db)
    .await
}

/// One email, if the mailbox has it.
pub async fn find(db: &PgPool, id: i64) -> Result<Option<Mail>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, recipient, subject, text_body, created_at FROM dev_mailbox WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The HTML body of one email, if the mailbox has it.
pub async fn html_body(db: &PgPool, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT html_body FROM dev_mailbox WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}
