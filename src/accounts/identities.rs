//! Accounts of OpenID Connect providers linked to a candidate's account: signing in with
//! one, connecting and disconnecting them in settings.
//!
//! An account has at most one provider account of each provider (a unique key), so settings
//! shows one line per provider and "Disconnect" names no more than that one. A second
//! provider account of the same provider that vouches for an address of the account is
//! therefore refused ([`SignIn::OtherProviderAccount`]), not silently let in: it may be the
//! candidate's new account at the provider, but it may also be someone the provider let claim
//! the address (a recycled or re-registered address), and the candidate could neither see nor
//! remove it. The candidate who means it signs in as before, disconnects the old one in
//! settings and connects the new one (or resets the password by email to get back in).

use serde_json::json;
use sqlx::{PgConnection, PgPool};

use super::{Action, Created, NewAccount, audit_entry, own};
use crate::auth::oidc::Identity;
use crate::domain::EmailAddress;
use crate::i18n::Locale;

/// The account a provider's subject is linked to.
pub async fn find_identity(
    db: &PgPool,
    provider: &str,
    subject: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE identities SET last_used_at = now()
          WHERE provider = $1 AND subject = $2 RETURNING candidate_id",
    )
    .bind(provider)
    .bind(subject)
    .fetch_optional(db)
    .await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    Linked,
    /// This provider account is linked to another candidate.
    OtherAccount,
    /// The candidate has another account of this provider linked already.
    AlreadyConnected,
}

/// Links a provider account to an account, in the caller's transaction, with what shows it
/// in settings: its verified address and the provider's name for the person.
pub async fn link_identity(
    conn: &mut PgConnection,
    candidate_id: i64,
    provider: &str,
    identity: &Identity,
) -> Result<Linked, sqlx::Error> {
    let subject = identity.subject.as_str();
    let email = identity.verified_email.as_ref();
    let name = identity
        .name
        .as_deref()
        .and_then(super::profile::parse_display_name);
    let owner: Option<i64> = sqlx::query_scalar(
        "SELECT candidate_id FROM identities WHERE provider = $1 AND subject = $2",
    )
    .bind(provider)
    .bind(subject)
    .fetch_optional(&mut *conn)
    .await?;
    match owner {
        Some(owner) if owner == candidate_id => return Ok(Linked::Linked),
        Some(_) => return Ok(Linked::OtherAccount),
        None => {}
    }
    let inserted = sqlx::query(
        "INSERT INTO identities (candidate_id, provider, subject, email, name, last_used_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT DO NOTHING",
    )
    .bind(candidate_id)
    .bind(provider)
    .bind(subject)
    .bind(email.map(EmailAddress::as_str))
    .bind(name)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(Linked::AlreadyConnected);
    }
    let entry = own(candidate_id, Action::ProviderConnected).data(json!({ "provider": provider }));
    audit_entry(conn, candidate_id, entry).await?;
    Ok(Linked::Linked)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlinked {
    Unlinked,
    /// It is the account's only way to sign in (no password, no other provider).
    LastWayIn,
    NotConnected,
}

/// Disconnects a provider, unless the account would be left with no way to sign in.
pub async fn unlink_identity(
    db: &PgPool,
    candidate_id: i64,
    provider: &str,
) -> Result<Unlinked, sqlx::Error> {
    let mut tx = db.begin().await?;
    // Lock the account's row: two disconnects at once cannot both pass the check.
    let has_password: Option<bool> = sqlx::query_scalar(
        "SELECT password_hash IS NOT NULL FROM candidates WHERE id = $1 FOR UPDATE",
    )
    .bind(candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    let others: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM identities WHERE candidate_id = $1 AND provider <> $2",
    )
    .bind(candidate_id)
    .bind(provider)
    .fetch_one(&mut *tx)
    .await?;
    if has_password != Some(true) && others == 0 {
        return Ok(Unlinked::LastWayIn);
    }
    let deleted = sqlx::query("DELETE FROM identities WHERE candidate_id = $1 AND provider = $2")
        .bind(candidate_id)
        .bind(provider)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Ok(Unlinked::NotConnected);
    }
    let entry =
        own(candidate_id, Action::ProviderDisconnected).data(json!({ "provider": provider }));
    audit_entry(&mut tx, candidate_id, entry).await?;
    tx.commit().await?;
    Ok(Unlinked::Unlinked)
}

/// What settings shows of a connected provider account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectedAs {
    /// Its verified address, else the provider's name for the person.
    Known(String),
    /// Neither was given: the provider's own id of the account (its subject).
    Subject(String),
}

/// A provider connected to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub provider: String,
    pub shown_as: ConnectedAs,
}

/// The providers connected to an account, each with what identifies the provider account.
pub async fn connected(db: &PgPool, candidate_id: i64) -> Result<Vec<Connection>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT provider, subject, coalesce(email, name) FROM identities
          WHERE candidate_id = $1 ORDER BY provider",
    )
    .bind(candidate_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(provider, subject, known)| Connection {
            provider,
            shown_as: known.map_or(ConnectedAs::Subject(subject), ConnectedAs::Known),
        })
        .collect())
}

/// Where a provider's sign-in leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    Account(i64),
    /// Not linked, and the provider confirmed no address: nothing says whose it is.
    NoVerifiedEmail,
    /// The address belongs to an account that has another account of this provider
    /// connected (see the module's doc): refused.
    OtherProviderAccount,
}

/// The account a provider's sign-in opens: the one linked to this provider account, else
/// the one that owns its verified address (now linked), else a new one, named by the
/// provider (or by the address) and speaking `locale`. Refused without a verified address,
/// and when the account of the address has another account of this provider connected.
pub async fn sign_in_with(
    db: &PgPool,
    provider: &str,
    identity: &Identity,
    locale: Locale,
) -> Result<SignIn, sqlx::Error> {
    if let Some(id) = find_identity(db, provider, &identity.subject).await? {
        return Ok(SignIn::Account(id));
    }
    let Some(email) = &identity.verified_email else {
        return Ok(SignIn::NoVerifiedEmail);
    };
    let mut tx = db.begin().await?;
    let id = match super::find_by_email(db, email).await? {
        Some((id, _, _)) => id,
        None => {
            let name = identity
                .name
                .clone()
                .and_then(|n| super::profile::parse_display_name(&n))
                .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_owned());
            let created = super::create(
                &mut tx,
                NewAccount {
                    email,
                    display_name: &name,
                    locale,
                    password_hash: None,
                },
            )
            .await?;
            match created {
                Created::Account(id) | Created::AddressTaken(id) => id,
            }
        }
    };
    match link_identity(&mut tx, id, provider, identity).await? {
        Linked::Linked => {
            tx.commit().await?;
            Ok(SignIn::Account(id))
        }
        // Nothing was written: the transaction rolls back when dropped.
        Linked::AlreadyConnected => Ok(SignIn::OtherProviderAccount),
        // Linked by a sign-in of the same provider account that finished meanwhile: open
        // the account it was linked to, as the next sign-in will.
        Linked::OtherAccount => {
            drop(tx);
            Ok(find_identity(db, provider, &identity.subject)
                .await?
                .map_or(SignIn::NoVerifiedEmail, SignIn::Account))
        }
    }
}

/// Connects a provider account to the signed-in account (settings).
pub async fn connect(
    db: &PgPool,
    candidate_id: i64,
    provider: &str,
    identity: &Identity,
) -> Result<Linked, sqlx::Error> {
    let mut tx = db.begin().await?;
    let linked = link_identity(&mut tx, candidate_id, provider, identity).await?;
    tx.commit().await?;
    Ok(linked)
}
