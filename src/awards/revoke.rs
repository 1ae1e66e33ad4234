//! Revoking an award: the program withdraws it, with a reason anyone can read. The command
//! line (`accolade award revoke`) and the admin console call [`revoke`].

use sqlx::PgPool;

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::text::{Lines, is_storable};
use crate::domain::{AwardId, AwardState};
use crate::i18n::Locale;
use crate::mail::{self, Message, Outgoing};

/// The longest reason kept: it is shown on the badge page and in the assertion.
pub const MAX_REASON: usize = 500;

/// What a revocation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revoked {
    Revoked,
    /// It was revoked before: nothing changed (the first reason stays).
    AlreadyRevoked,
    /// No award has this id.
    NotFound,
    /// The reason is empty, too long, or holds a control character.
    BadReason,
}

/// An award as the admin console shows it before revoking it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AwardFacts {
    pub id: String,
    pub badge_code: String,
    pub badge_title: String,
    pub recipient_email: String,
    pub state: AwardState,
    pub issued_on: chrono::NaiveDate,
    /// Why it was revoked, when it is.
    pub state_reason: Option<String>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The award `award_id`, whatever its state or visibility (for staff).
pub async fn facts(db: &PgPool, award_id: &AwardId) -> Result<Option<AwardFacts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, b.code AS badge_code, b.title AS badge_title, a.recipient_email, a.state,
                a.issued_on, CASE WHEN a.state = 'revoked' THEN a.state_reason END AS state_reason,
                a.revoked_at
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          WHERE a.id = $1",
    )
    .bind(award_id.as_str())
    .fetch_optional(db)
    .await
}

/// Revokes `award_id` for `reason`, in one transaction with its audit row and the email
/// that tells its earner (to the award's address, in the language of their account, else of
/// their exam result): its claim links stop working, its assertion answers 410 and it is on
/// its issuer's revocation list. An award revoked before changes nothing and is not
/// announced again.
pub async fn revoke(
    db: &PgPool,
    award_id: &AwardId,
    reason: &str,
    actor: Actor,
) -> Result<Revoked, sqlx::Error> {
    let reason = reason.trim();
    if reason.is_empty()
        || reason.chars().count() > MAX_REASON
        || !is_storable(reason, Lines::Single)
    {
        return Ok(Revoked::BadReason);
    }
    let mut tx = db.begin().await?;
    let before: Option<AwardState> = sqlx::query_scalar(
        "UPDATE awards a SET state = $2, state_reason = $3, state_changed_at = now(),
                revoked_at = now()
           FROM (SELECT id, state FROM awards WHERE id = $1 FOR UPDATE) old
          WHERE a.id = old.id AND a.state <> $2
         RETURNING old.state",
    )
    .bind(award_id.as_str())
    .bind(AwardState::Revoked)
    .bind(reason)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM awards WHERE id = $1)")
            .bind(award_id.as_str())
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(if exists {
            Revoked::AlreadyRevoked
        } else {
            Revoked::NotFound
        });
    };
    sqlx::query("UPDATE claim_tokens SET used_at = now() WHERE award_id = $1 AND used_at IS NULL")
        .bind(award_id.as_str())
        .execute(&mut *tx)
        .await?;
    let entry = Entry::new(actor, Action::AwardRevoked)
        .change(
            Some(serde_json::json!({ "state": before })),
            serde_json::json!({ "state": AwardState::Revoked }),
        )
        .reason(reason);
    audit::record(&mut tx, &entry, Subject::Award(award_id.as_str())).await?;
    let (recipient, account_locale, result_locale): (String, Option<String>, Option<String>) =
        sqlx::query_as(
            "SELECT a.recipient_email, c.locale, r.locale
               FROM awards a
               JOIN results r ON r.id = a.result_id
               LEFT JOIN candidates c ON c.id = a.candidate_id
              WHERE a.id = $1",
        )
        .bind(award_id.as_str())
        .fetch_one(&mut *tx)
        .await?;
    // As the award's first email chose it (`results::import`).
    let locale = account_locale
        .as_deref()
        .and_then(Locale::from_tag)
        .or_else(|| result_locale.as_deref().and_then(Locale::from_tag))
        .unwrap_or_default();
    mail::queue_all(
        &mut tx,
        &[Outgoing {
            to: &recipient,
            locale,
            message: Message::BadgeRevoked {
                award: award_id.as_str(),
            },
        }],
    )
    .await?;
    tx.commit().await?;
    Ok(Revoked::Revoked)
}
