//! Merging two accounts of one person: the other account's addresses, awards and sign-in
//! identities move to the one kept (its results follow, since results belong to addresses);
//! the other account is closed (deleted: its password, sessions and devices go with it) and
//! its audit trail stays under its id. The same badge in both keeps one award
//! ([`awards::keep_one_of_each`]): the accepted one.
//!
//! It runs under the person locks of every address of both accounts (`db::locks`), like the
//! results import and the linking of addresses, so an import for one of the addresses waits
//! for the merge and then decides on the joined history; and it locks both accounts' awards
//! before deciding which to keep, so an accept of the other account at the same moment is
//! either seen (the accepted one is kept) or finds the award no longer its own.

use serde_json::json;
use sqlx::PgPool;

use super::{Reason, SupportError, begin_locked};
use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::awards;

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub addresses: u64,
    pub awards: u64,
    pub identities: u64,
    /// Awards of a badge held twice, declined.
    pub duplicates: Vec<String>,
    /// Certifications the joined history earns, awarded now (their exams were passed
    /// under addresses of both accounts).
    pub certifications: Vec<crate::results::AwardedBadge>,
}

/// Merges account `other` into account `kept`.
pub async fn merge(
    db: &PgPool,
    staff: Actor,
    kept: i64,
    other: i64,
    reason: &Reason,
) -> Result<Merged, SupportError> {
    if kept == other {
        return Err(SupportError::SameAccount);
    }
    let (mut tx, _) = begin_locked(db, &[kept, other], &[]).await?;
    let found: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM candidates WHERE id = ANY($1) ORDER BY id FOR UPDATE")
            .bind([kept, other])
            .fetch_all(&mut *tx)
            .await?;
    if found.len() != 2 {
        return Err(SupportError::NotFound);
    }
    let staff_closes: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM staff_roles WHERE candidate_id = $1)")
            .bind(other)
            .fetch_one(&mut *tx)
            .await?;
    if staff_closes {
        return Err(SupportError::ClosesStaff);
    }
    let clash: Option<String> = sqlx::query_scalar(
        "SELECT provider FROM identities WHERE candidate_id = $1
         INTERSECT SELECT provider FROM identities WHERE candidate_id = $2 LIMIT 1",
    )
    .bind(kept)
    .bind(other)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(provider) = clash {
        return Err(SupportError::ProviderClash(provider));
    }
    // Both accounts' awards, locked: an accept in flight commits first or finds them moved.
    sqlx::query("SELECT id FROM awards WHERE candidate_id = ANY($1) ORDER BY id FOR UPDATE")
        .bind([kept, other])
        .execute(&mut *tx)
        .await?;
    let addresses = sqlx::query(
        "UPDATE candidate_emails SET candidate_id = $1, is_primary = false WHERE candidate_id = $2",
    )
    .bind(kept)
    .bind(other)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let identities = sqlx::query("UPDATE identities SET candidate_id = $1 WHERE candidate_id = $2")
        .bind(kept)
        .bind(other)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let awards = sqlx::query(
        "UPDATE awards SET candidate_id = $1
          WHERE candidate_id = $2
             OR (candidate_id IS NULL AND recipient_email IN
                   (SELECT email FROM candidate_emails WHERE candidate_id = $1))",
    )
    .bind(kept)
    .bind(other)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let duplicates = awards::keep_one_of_each(&mut tx, kept, &staff, Some(reason.as_str())).await?;
    let certifications = crate::results::award_joined_history(&mut tx, kept).await?;
    // The other account closes: its sessions end now, its row goes (with its password,
    // devices and links); what was moved stays with the account kept.
    sqlx::query("DELETE FROM sessions WHERE candidate_id = $1")
        .bind(other)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM candidates WHERE id = $1")
        .bind(other)
        .execute(&mut *tx)
        .await?;
    let entry = Entry::new(staff, Action::SupportAccountsMerged)
        .change(
            Some(json!({ "accounts": [kept, other] })),
            json!({ "accounts": [kept] }),
        )
        .reason(reason.as_str())
        .data(json!({
            "kept": kept,
            "closed": other,
            "addresses_moved": addresses,
            "awards_moved": awards,
            "identities_moved": identities,
            "duplicates_declined": duplicates,
            "certifications_awarded": certifications,
        }));
    audit::record_each(
        &mut tx,
        &entry,
        &[Subject::Candidate(kept), Subject::Candidate(other)],
    )
    .await?;
    tx.commit().await?;
    Ok(Merged {
        addresses,
        awards,
        identities,
        duplicates,
        certifications,
    })
}
