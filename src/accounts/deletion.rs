//! Deleting an account: what belongs to the person goes, the program's record stays.

use sqlx::PgPool;

use super::{Action, audit, links, lock_people};
use crate::domain::{AwardState, Visibility};

/// Deletes an account: its name, profile, password, addresses, provider links, sessions,
/// known devices, email links (used ones too), its own emails and its throttle counters
/// are erased. Its awards stay, as the program's record of the exam results,
/// but leave every public place: they go back to pending and private, with no account, and
/// wait for whoever verifies their address again, without reminders.
pub async fn delete(db: &PgPool, candidate_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    // The account's history goes: lock every address of it, as an import would.
    let addresses = lock_people(&mut tx, Some(candidate_id), None).await?;
    sqlx::query(
        "UPDATE awards SET candidate_id = NULL, visibility = $2,
                state = CASE WHEN state = $3 THEN state ELSE $4 END,
                accepted_at = CASE WHEN state = $3 THEN accepted_at END,
                state_changed_at = now(),
                reminders_stopped_at = coalesce(reminders_stopped_at, now())
          WHERE candidate_id = $1",
    )
    .bind(candidate_id)
    .bind(Visibility::Private)
    .bind(AwardState::Revoked)
    .bind(AwardState::Pending)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM candidates WHERE id = $1")
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    // The account's own emails (confirmations, resets), its links (a sign-up's name and
    // password hash) and its throttle counters go too; the notifications of awards stay
    // with the awards.
    sqlx::query("DELETE FROM outbox WHERE recipient = ANY($1) AND award_id IS NULL")
        .bind(&addresses)
        .execute(&mut *tx)
        .await?;
    links::erase(&mut tx, candidate_id, &addresses).await?;
    crate::auth::throttle::forget_addresses(&mut tx, &addresses).await?;
    audit(&mut tx, candidate_id, Action::AccountDeleted).await?;
    tx.commit().await?;
    Ok(())
}
