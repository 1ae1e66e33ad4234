//! The actions of support, each with its reason and its audit row (the agent, the reason,
//! before and after) in the transaction of the change:
//!
//! - [`resend`]: the notification of a pending award again, with a fresh claim link (the
//!   email a new award gets); earlier links keep working;
//! - [`attach`]: an address (no account's yet) joins an account, verified by support's
//!   word, and its awards move into the wallet; the owner is told at their primary address;
//! - [`retry`]: a failed email is queued again (a badge's email gets a fresh claim link,
//!   since a failed one's was erased).

use serde_json::json;
use sqlx::PgPool;

use super::{Reason, SupportError, begin_locked};
use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::{AwardId, AwardState, EmailAddress, SecretToken};
use crate::i18n::Locale;
use crate::mail::{self, Kind, Message, Outgoing};

/// Claim links of `award` that still work.
async fn live_links(conn: &mut sqlx::PgConnection, award: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM claim_tokens
          WHERE award_id = $1 AND used_at IS NULL AND (expires_at IS NULL OR expires_at > now())",
    )
    .bind(award)
    .fetch_one(conn)
    .await
}

/// Sends the notification of pending award `award_id` again, with a fresh claim link, to the
/// address it was sent to, in the language its first email chose.
pub async fn resend(
    db: &PgPool,
    staff: Actor,
    award_id: &AwardId,
    reason: &Reason,
) -> Result<(), SupportError> {
    let mut tx = db.begin().await?;
    let row: Option<(AwardState, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT a.state, a.recipient_email, c.locale, r.locale
           FROM awards a JOIN results r ON r.id = a.result_id
           LEFT JOIN candidates c ON c.id = a.candidate_id
          WHERE a.id = $1 FOR UPDATE OF a",
    )
    .bind(award_id.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((state, recipient, account_locale, result_locale)) = row else {
        return Err(SupportError::NotFound);
    };
    if state != AwardState::Pending {
        return Err(SupportError::NotPending);
    }
    let locale = account_locale
        .as_deref()
        .and_then(Locale::from_tag)
        .or_else(|| result_locale.as_deref().and_then(Locale::from_tag))
        .unwrap_or_default();
    let before = live_links(&mut tx, award_id.as_str()).await?;
    let token = SecretToken::generate(&mut rand::rng());
    mail::store_claim_links(&mut tx, &[token.hash()], &[award_id.as_str()], None).await?;
    mail::queue_all(
        &mut tx,
        &[Outgoing {
            to: &recipient,
            locale,
            message: Message::BadgeEarned {
                award: award_id.as_str(),
                token: &token,
            },
        }],
    )
    .await?;
    let entry = Entry::new(staff, Action::SupportNotificationResent)
        .change(
            Some(json!({ "claim_links": before })),
            json!({ "claim_links": before + 1 }),
        )
        .reason(reason.as_str())
        .data(json!({ "kind": Kind::BadgeEarned.as_str() }));
    audit::record(&mut tx, &entry, Subject::Award(award_id.as_str())).await?;
    tx.commit().await?;
    Ok(())
}

/// What [`attach`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attached {
    /// Awards sent to the address, now in the wallet.
    pub awards: u64,
    /// Awards of a badge the account held already, declined (see
    /// [`crate::awards::keep_one_of_each`]).
    pub duplicates: usize,
    /// Certifications the joined history earns, awarded now (see
    /// [`crate::results::award_joined_history`]).
    pub certifications: usize,
}

/// Attaches `email` to account `candidate_id`: the address is verified on support's word,
/// its awards move into the wallet, waiting links for it end, and the owner is told at
/// their primary address.
pub async fn attach(
    db: &PgPool,
    staff: Actor,
    candidate_id: i64,
    email: &EmailAddress,
    reason: &Reason,
) -> Result<Attached, SupportError> {
    let (mut tx, addresses) = begin_locked(db, &[candidate_id], &[email.as_str()]).await?;
    let account: Option<(String, String)> =
        sqlx::query_as("SELECT display_name, locale FROM candidates WHERE id = $1 FOR UPDATE")
            .bind(candidate_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((name, locale)) = account else {
        return Err(SupportError::NotFound);
    };
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT candidate_id FROM candidate_emails WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    match owner {
        Some(owner) if owner == candidate_id => return Err(SupportError::AlreadyAttached),
        Some(owner) => return Err(SupportError::AddressTaken(owner)),
        None => {}
    }
    let address_id: i64 = sqlx::query_scalar(
        "INSERT INTO candidate_emails (candidate_id, email, verified_at)
         VALUES ($1, $2, now()) RETURNING id",
    )
    .bind(candidate_id)
    .bind(email.as_str())
    .fetch_one(&mut *tx)
    .await?;
    let (awards, duplicates, awarded) =
        crate::accounts::attach_awards(&mut tx, candidate_id, email, &staff, Some(reason.as_str()))
            .await?;
    // The address has its account now: links that would add or sign it up elsewhere end.
    sqlx::query(
        "UPDATE email_links SET used_at = now(), data = '{}'
          WHERE email = $1 AND purpose IN ('sign_up', 'add_email') AND used_at IS NULL",
    )
    .bind(email.as_str())
    .execute(&mut *tx)
    .await?;
    let primary: Option<String> = sqlx::query_scalar(
        "SELECT email FROM candidate_emails WHERE candidate_id = $1 AND is_primary",
    )
    .bind(candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(primary) = primary {
        mail::queue_all(
            &mut tx,
            &[Outgoing {
                to: &primary,
                locale: mail::locale_of(&locale),
                message: Message::AddressAttached {
                    name: &name,
                    address: email.as_str(),
                },
            }],
        )
        .await?;
    }
    let entry = Entry::new(staff, Action::SupportAddressAttached)
        .change(
            Some(json!({ "addresses": addresses.len() })),
            json!({ "addresses": addresses.len() + 1, "address_id": address_id }),
        )
        .reason(reason.as_str())
        .data(json!({
            "awards_moved": awards,
            "duplicates_declined": duplicates.len(),
            "certifications_awarded": awarded,
        }));
    audit::record(&mut tx, &entry, Subject::Candidate(candidate_id)).await?;
    tx.commit().await?;
    Ok(Attached {
        awards,
        duplicates: duplicates.len(),
        certifications: awarded.len(),
    })
}

/// Queues failed email `outbox_id` again, from its first attempt, through the one retry of
/// the consoles ([`mail::console::retry`]), with the agent's reason. A badge's email gets a
/// fresh claim link (the failed one's was erased); an email whose link cannot be made again
/// (a reminder, a confirmation or reset link) is refused: the person asks anew, or support
/// resends the badge's notification.
pub async fn retry(
    db: &PgPool,
    staff: Actor,
    outbox_id: i64,
    reason: &Reason,
) -> Result<(), SupportError> {
    use mail::console::Retried;
    match mail::console::retry(db, outbox_id, staff, Some(reason.as_str())).await? {
        Retried::Queued => Ok(()),
        Retried::NotFailing => Err(SupportError::NotFailed),
        Retried::LinkGone => Err(SupportError::LinkGone),
        Retried::NotFound => Err(SupportError::NotFound),
    }
}
