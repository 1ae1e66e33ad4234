//! Merging two accounts of one person: the other account's addresses, awards and sign-in
//! identities move to the one kept (its results follow, since results belong to addresses);
//! the other account is closed (deleted: its password, sessions and devices go with it) and
//! its audit trail stays under its id. The same badge in both keeps one award
//! ([`keep_one_of_each`]): the accepted one.
//!
//! It runs under the person locks of every address of both accounts (`db::locks`), like the
//! results import and the linking of addresses, so an import for one of the addresses waits
//! for the merge and then decides on the joined history; and it locks both accounts' awards
//! before deciding which to keep, so an accept of the other account at the same moment is
//! either seen (the accepted one is kept) or finds the award no longer its own.

use serde_json::json;
use sqlx::{PgConnection, PgPool};

use super::{Reason, SupportError, begin_locked};
use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::AwardState;

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub addresses: u64,
    pub awards: u64,
    pub identities: u64,
    /// Awards of a badge held twice, declined.
    pub duplicates: Vec<String>,
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
    let duplicates = keep_one_of_each(&mut tx, kept, &staff, reason).await?;
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
    })
}

/// One award of each badge in the wallet of `candidate_id`, after addresses joined it: of
/// awards of the same badge (not revoked), the accepted one stays (the first accepted when
/// both were), else a pending one (the first issued); the others that were pending or
/// accepted are declined, their claim links end and their reminders stop, each audited.
/// Returns the ids declined. In the caller's transaction, under the person locks.
pub(crate) async fn keep_one_of_each(
    conn: &mut PgConnection,
    candidate_id: i64,
    staff: &Actor,
    reason: &Reason,
) -> Result<Vec<String>, sqlx::Error> {
    let declined: Vec<(String, AwardState, String)> = sqlx::query_as(
        "WITH ranked AS (
            SELECT id, state, first_value(id) OVER w AS kept,
                   row_number() OVER w AS n
              FROM awards
             WHERE candidate_id = $1 AND state <> $2
            WINDOW w AS (PARTITION BY badge_class_id
                         ORDER BY state = $3 DESC, state = $4 DESC, accepted_at NULLS LAST,
                                  issued_on, created_at, id)
         )
         UPDATE awards a SET state = $5, accepted_at = NULL, state_changed_at = now(),
                reminders_stopped_at = coalesce(a.reminders_stopped_at, now())
           FROM ranked r
          WHERE a.id = r.id AND r.n > 1 AND r.state IN ($3, $4)
         RETURNING a.id, r.state, r.kept",
    )
    .bind(candidate_id)
    .bind(AwardState::Revoked)
    .bind(AwardState::Accepted)
    .bind(AwardState::Pending)
    .bind(AwardState::Declined)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<String> = declined.iter().map(|(id, _, _)| id.clone()).collect();
    if ids.is_empty() {
        return Ok(ids);
    }
    sqlx::query(
        "UPDATE claim_tokens SET used_at = now() WHERE award_id = ANY($1) AND used_at IS NULL",
    )
    .bind(&ids)
    .execute(&mut *conn)
    .await?;
    for (id, before, kept) in &declined {
        let entry = Entry::new(staff.clone(), Action::AwardDeclined)
            .change(
                Some(json!({ "state": before })),
                json!({ "state": AwardState::Declined }),
            )
            .reason(reason.as_str())
            .data(json!({ "duplicate_of": kept }));
        audit::record(conn, &entry, Subject::Award(id)).await?;
    }
    Ok(ids)
}
