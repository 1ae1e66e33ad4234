//! Passwords of accounts: setting one (which ends every session of the account), the
//! forgotten password and its single-use reset link. Hashing and checking are `auth`'s.

use sqlx::{PgConnection, PgPool};

use super::links::{self, Purpose, Taken};
use super::{Action, audit};
use crate::domain::{EmailAddress, SecretToken};
use crate::i18n::Locale;
use crate::mail::{self, Message};

/// Sets a new password and ends every session of the account (the caller renews its own),
/// in the caller's transaction.
pub async fn set_password(
    conn: &mut PgConnection,
    candidate_id: i64,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE candidates SET password_hash = $2, password_changed_at = now() WHERE id = $1",
    )
    .bind(candidate_id)
    .bind(hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE candidate_id = $1")
        .bind(candidate_id)
        .execute(&mut *conn)
        .await?;
    audit(conn, candidate_id, Action::PasswordChanged).await
}

/// Sets a new password (see [`set_password`]) in a transaction of its own.
pub async fn change_password(
    db: &PgPool,
    candidate_id: i64,
    hash: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    set_password(&mut tx, candidate_id, hash).await?;
    tx.commit().await
}

pub async fn password_hash(db: &PgPool, candidate_id: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, Option<String>>(
        "SELECT password_hash FROM candidates WHERE id = $1",
    )
    .bind(candidate_id)
    .fetch_optional(db)
    .await?
    .flatten())
}

/// "Forgot your password": an address with an account gets a reset link (replacing the ones
/// sent before), in the account's language; one without gets a note saying so, in
/// `page_locale`. Known or not, the same lookups and the same permit, so the answer takes as
/// long; and no link is made (or replaces an earlier one) unless its email is sent.
pub async fn request_reset(
    db: &PgPool,
    email: &EmailAddress,
    page_locale: Locale,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let account = super::find_by_email(db, email).await?;
    // (An unknown address looks up a name too, for an id no account has.)
    let name = super::display_name(db, account.as_ref().map_or(0, |a| a.0)).await?;
    if let Some(permit) = mail::permit(&mut tx, email).await? {
        match account {
            Some((id, _, locale)) => {
                // A new link replaces the ones sent before.
                links::revoke(&mut tx, id, Purpose::ResetPassword).await?;
                let token = links::create(
                    &mut tx,
                    Purpose::ResetPassword,
                    email,
                    Some(id),
                    serde_json::json!({}),
                )
                .await?;
                let queued = Message::PasswordReset {
                    name: &name,
                    token: &token,
                };
                mail::queue(&mut tx, permit, mail::locale_of(&locale), queued).await?;
            }
            None => {
                let queued = Message::PasswordResetUnknown;
                mail::queue(&mut tx, permit, page_locale, queued).await?;
            }
        }
    }
    tx.commit().await
}

/// What a reset link is, without using it (to show its form).
pub async fn reset_link(db: &PgPool, token: &SecretToken) -> Result<Taken, sqlx::Error> {
    let mut conn = db.acquire().await?;
    links::peek(&mut conn, token, &[Purpose::ResetPassword]).await
}

/// What became of a new password given through a reset link.
#[derive(Debug)]
pub enum Reset {
    /// The password of this account is set, and its sessions ended.
    Done(i64),
    /// The link cannot be used (used, expired, unknown): nothing changed.
    Refused(Taken),
}

/// Uses a reset link once to set the password hashed as `hash`.
pub async fn reset(db: &PgPool, token: &SecretToken, hash: &str) -> Result<Reset, sqlx::Error> {
    let mut tx = db.begin().await?;
    let link = match links::take(&mut tx, token, &[Purpose::ResetPassword]).await? {
        Taken::Valid(link) => link,
        other => return Ok(Reset::Refused(other)),
    };
    let Some(id) = link.candidate_id else {
        return Ok(Reset::Refused(Taken::Unknown));
    };
    set_password(&mut tx, id, hash).await?;
    tx.commit().await?;
    Ok(Reset::Done(id))
}
