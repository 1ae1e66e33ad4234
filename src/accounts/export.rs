//! "Download all my data": everything the service keeps about an account, as JSON.

use serde::Serialize;
use sqlx::PgPool;

/// Everything the service keeps about an account, for "download my data".
#[derive(Debug, Serialize)]
pub struct Export {
    pub exported_at: chrono::DateTime<chrono::Utc>,
    pub account: serde_json::Value,
    pub addresses: serde_json::Value,
    pub sign_in_providers: serde_json::Value,
    pub awards: serde_json::Value,
    pub results: serde_json::Value,
    pub emails_sent: serde_json::Value,
}

pub async fn export(db: &PgPool, candidate_id: i64) -> Result<Export, sqlx::Error> {
    let mut tx = db.begin().await?;
    let one =
        |sql: &'static str| sqlx::query_scalar::<_, serde_json::Value>(sql).bind(candidate_id);
    let account = one(
        "SELECT to_jsonb(x) FROM (SELECT display_name, locale, handle, bio, profile_visibility,
                auto_accept, created_at, password_hash IS NOT NULL AS has_password,
                password_changed_at
           FROM candidates WHERE id = $1) x",
    )
    .fetch_one(&mut *tx)
    .await?;
    let addresses = one(
        "SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.email), '[]') FROM (
           SELECT email, is_primary, verified_at, created_at FROM candidate_emails
            WHERE candidate_id = $1) x",
    )
    .fetch_one(&mut *tx)
    .await?;
    let sign_in_providers = one(
        "SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.provider), '[]') FROM (
           SELECT provider, email, name, created_at, last_used_at FROM identities
            WHERE candidate_id = $1) x",
    )
    .fetch_one(&mut *tx)
    .await?;
    let awards = one(
        "SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.issued_on, x.id), '[]') FROM (
           SELECT a.id, b.code AS badge_code, b.title AS badge, i.name AS issuer,
                  a.recipient_email, a.state, a.state_changed_at, a.visibility,
                  a.issued_on, a.expires_on
             FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
             JOIN issuers i ON i.id = b.issuer_id
            WHERE a.candidate_id = $1) x",
    )
    .fetch_one(&mut *tx)
    .await?;
    let results = one(
        "SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.passed_on, x.result_id), '[]') FROM (
           SELECT r.source, r.result_id, r.email, r.given_name, r.family_name, r.exam_code,
                  r.passed_on, r.outcome, r.no_badge_reason, r.received_at
             FROM results r JOIN candidate_emails e ON e.email = r.email_normalized
            WHERE e.candidate_id = $1) x",
    )
    .fetch_one(&mut *tx)
    .await?;
    let emails_sent = one(
        "SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.created_at), '[]') FROM (
           SELECT o.recipient, o.kind, o.state, o.created_at, o.sent_at
             FROM outbox o JOIN candidate_emails e ON e.email = o.recipient
            WHERE e.candidate_id = $1) x",
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Export {
        exported_at: chrono::Utc::now(),
        account,
        addresses,
        sign_in_providers,
        awards,
        results,
        emails_sent,
    })
}
