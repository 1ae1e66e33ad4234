//! The addresses of an account: adding one (through a link sent to it), sending that link
//! again or cancelling it, making one primary, removing one.
//!
//! Adding an address answers the same whether or not another account owns it: a free
//! address gets the link, an owned one gets a note to its owner (by their own name) and a
//! link that is never sent, so the settings page shows it waiting either way.

use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

use super::links::{self, Purpose};
use super::{Action, audit, audit_entry, lock_people, own};
use crate::audit::Actor;
use crate::domain::EmailAddress;
use crate::i18n::Locale;
use crate::mail::{self, Message};

/// Moves the awards sent to `email` into the wallet of `candidate_id`, keeping one award of
/// each badge ([`crate::awards::keep_one_of_each`], as the act of `actor`), and awards what
/// the joined history earns ([`crate::results::award_joined_history`]: a certification
/// whose exams were passed under this address and another of the account). Returns how many
/// moved, the ids of the duplicates declined, and the new awards. In the caller's
/// transaction, under the person locks of the account and the address.
pub async fn attach_awards(
    conn: &mut PgConnection,
    candidate_id: i64,
    email: &EmailAddress,
    actor: &Actor,
    reason: Option<&str>,
) -> Result<(u64, Vec<String>, Vec<crate::results::AwardedBadge>), sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE awards SET candidate_id = $1
          WHERE recipient_email = $2 AND candidate_id IS DISTINCT FROM $1",
    )
    .bind(candidate_id)
    .bind(email.as_str())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let duplicates = if moved == 0 {
        Vec::new()
    } else {
        crate::awards::keep_one_of_each(conn, candidate_id, actor, reason).await?
    };
    let awarded = crate::results::award_joined_history(conn, candidate_id).await?;
    Ok((moved, duplicates, awarded))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Added { awards: u64 },
    AlreadyYours,
    TakenByOther,
}

/// Links a verified address to an account, in the caller's transaction.
pub async fn add_address(
    conn: &mut PgConnection,
    candidate_id: i64,
    email: &EmailAddress,
) -> Result<Added, sqlx::Error> {
    lock_people(conn, Some(candidate_id), Some(email.as_str())).await?;
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT candidate_id FROM candidate_emails WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    match owner {
        Some(owner) if owner == candidate_id => return Ok(Added::AlreadyYours),
        Some(_) => return Ok(Added::TakenByOther),
        None => {}
    }
    sqlx::query(
        "INSERT INTO candidate_emails (candidate_id, email, verified_at) VALUES ($1, $2, now())",
    )
    .bind(candidate_id)
    .bind(email.as_str())
    .execute(&mut *conn)
    .await?;
    let (awards, _, _) = attach_awards(
        conn,
        candidate_id,
        email,
        &Actor::Candidate(candidate_id),
        None,
    )
    .await?;
    links::end_sign_ups(conn, email).await?;
    audit(conn, candidate_id, Action::AddressAdded).await?;
    Ok(Added::Added { awards })
}

/// Whether `email` is one of the account's addresses already.
pub async fn is_yours(
    db: &PgPool,
    candidate_id: i64,
    email: &EmailAddress,
) -> Result<bool, sqlx::Error> {
    Ok(matches!(
        super::find_by_email(db, email).await?,
        Some((owner, _, _)) if owner == candidate_id
    ))
}

/// Asks to add `email` to the account: the address gets a link to confirm it, or, when
/// another account owns it, that account's owner is told and the link is never sent. At most
/// [`mail::MAX_PER_HOUR`] such emails go to one address; past that nothing is sent or made,
/// and the answer is the same. `next` is where the link leads once confirmed.
pub async fn request_add(
    db: &PgPool,
    candidate_id: i64,
    email: &EmailAddress,
    next: Option<&str>,
) -> Result<(), sqlx::Error> {
    send_link(db, candidate_id, email, json!({ "next": next }), false).await
}

/// What became of "send the link again" or "cancel" on an address waiting for confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Done,
    /// The address is not waiting (confirmed, cancelled or expired meanwhile).
    NotPending,
}

/// Sends the link of an address waiting for confirmation again, as a new link that replaces
/// the earlier ones (they stop working), under the same limit as adding it.
pub async fn resend(
    db: &PgPool,
    candidate_id: i64,
    email: &EmailAddress,
) -> Result<Pending, sqlx::Error> {
    let data: Option<sqlx::types::Json<Value>> = sqlx::query_scalar(
        "SELECT data FROM email_links
          WHERE candidate_id = $1 AND purpose = 'add_email' AND email = $2
            AND used_at IS NULL AND expires_at > now()
          ORDER BY created_at DESC LIMIT 1",
    )
    .bind(candidate_id)
    .bind(email.as_str())
    .fetch_optional(db)
    .await?;
    let Some(sqlx::types::Json(data)) = data else {
        return Ok(Pending::NotPending);
    };
    send_link(db, candidate_id, email, data, true).await?;
    Ok(Pending::Done)
}

/// Cancels adding an address: it stops waiting, and its links no longer work.
pub async fn cancel(
    db: &PgPool,
    candidate_id: i64,
    email: &EmailAddress,
) -> Result<Pending, sqlx::Error> {
    let mut conn = db.acquire().await?;
    let removed = links::remove_unused(&mut conn, candidate_id, Purpose::AddEmail, email).await?;
    Ok(if removed > 0 {
        Pending::Done
    } else {
        Pending::NotPending
    })
}

/// Which email an address to add gets (see [`request_add`]); `replace` ends the earlier
/// links of the address first (only when a new one is made).
async fn send_link(
    db: &PgPool,
    candidate_id: i64,
    email: &EmailAddress,
    data: Value,
    replace: bool,
) -> Result<(), sqlx::Error> {
    let account_locale: Locale = super::get(db, candidate_id)
        .await?
        .map(|a| a.locale())
        .unwrap_or_default();
    let owner = super::find_by_email(db, email).await?;
    let mut tx = db.begin().await?;
    if let Some(permit) = mail::permit(&mut tx, email).await? {
        if replace {
            links::end_unused(&mut tx, candidate_id, Purpose::AddEmail, email).await?;
        }
        match owner {
            // Someone else's: tell that address's owner (by their own name), and show the
            // same here as otherwise: the address waits for confirmation, through a link
            // never sent.
            Some((owner, _, locale)) if owner != candidate_id => {
                let owner_name = super::display_name(db, owner).await?;
                let queued = Message::EmailTaken { name: &owner_name };
                mail::queue(&mut tx, permit, mail::locale_of(&locale), queued).await?;
                links::create(
                    &mut tx,
                    Purpose::AddEmail,
                    email,
                    Some(candidate_id),
                    json!({}),
                )
                .await?;
            }
            // Yours already (confirmed meanwhile): nothing to send.
            Some(_) => {}
            None => {
                let token =
                    links::create(&mut tx, Purpose::AddEmail, email, Some(candidate_id), data)
                        .await?;
                let queued = Message::EmailVerify { token: &token };
                mail::queue(&mut tx, permit, account_locale, queued).await?;
            }
        }
    }
    tx.commit().await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Address {
    pub id: i64,
    pub email: String,
    pub is_primary: bool,
    /// Awards sent to this address.
    pub awards: i64,
}

pub async fn addresses(db: &PgPool, candidate_id: i64) -> Result<Vec<Address>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.email, e.is_primary,
                (SELECT count(*) FROM awards a WHERE a.recipient_email = e.email) AS awards
           FROM candidate_emails e WHERE e.candidate_id = $1
          ORDER BY e.is_primary DESC, e.email",
    )
    .bind(candidate_id)
    .fetch_all(db)
    .await
}

/// Addresses waiting for their owner to open the link sent to them.
pub async fn pending_addresses(db: &PgPool, candidate_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT email FROM email_links
          WHERE candidate_id = $1 AND purpose = 'add_email' AND used_at IS NULL
            AND expires_at > now()
          ORDER BY email",
    )
    .bind(candidate_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    Removed { awards: u64 },
    IsPrimary,
    NotFound,
}

/// Unlinks an address (never the primary one). Its awards leave the wallet and wait for
/// whoever verifies the address next.
pub async fn remove_address(
    db: &PgPool,
    candidate_id: i64,
    address_id: i64,
) -> Result<Removed, sqlx::Error> {
    let mut tx = db.begin().await?;
    let row: Option<(String, bool)> = sqlx::query_as(
        "SELECT email, is_primary FROM candidate_emails WHERE id = $1 AND candidate_id = $2",
    )
    .bind(address_id)
    .bind(candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, is_primary)) = row else {
        return Ok(Removed::NotFound);
    };
    if is_primary {
        return Ok(Removed::IsPrimary);
    }
    // The account's history shrinks: lock every address of it, as an import would.
    lock_people(&mut tx, Some(candidate_id), None).await?;
    sqlx::query("DELETE FROM candidate_emails WHERE id = $1")
        .bind(address_id)
        .execute(&mut *tx)
        .await?;
    let awards = sqlx::query(
        "UPDATE awards SET candidate_id = NULL WHERE recipient_email = $1 AND candidate_id = $2",
    )
    .bind(&email)
    .bind(candidate_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    audit(&mut tx, candidate_id, Action::AddressRemoved).await?;
    tx.commit().await?;
    Ok(Removed::Removed { awards })
}

/// Makes one of the account's addresses the primary one; false when it is not theirs. The
/// audit row says which address (by id) was primary before and after.
pub async fn make_primary(
    db: &PgPool,
    candidate_id: i64,
    address_id: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM candidate_emails WHERE id = $1 AND candidate_id = $2")
            .bind(address_id)
            .bind(candidate_id)
            .fetch_optional(&mut *tx)
            .await?;
    if exists.is_none() {
        return Ok(false);
    }
    let before: Option<i64> = sqlx::query_scalar(
        "UPDATE candidate_emails SET is_primary = false
          WHERE candidate_id = $1 AND is_primary RETURNING id",
    )
    .bind(candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("UPDATE candidate_emails SET is_primary = true WHERE id = $1")
        .bind(address_id)
        .execute(&mut *tx)
        .await?;
    let entry = own(candidate_id, Action::PrimaryChanged).change(
        Some(json!({ "address_id": before })),
        json!({ "address_id": address_id }),
    );
    audit_entry(&mut tx, candidate_id, entry).await?;
    tx.commit().await?;
    Ok(true)
}
