//! Candidate accounts: creating them, their addresses, passwords and settings, export and
//! deletion.
//!
//! An address belongs to an account only once its owner has opened a link sent to it (or a
//! provider vouched for it), so every row of `candidate_emails` is verified. Linking an
//! address to an account moves every award sent to it into that account's wallet, under the
//! same partition locks the results import takes (`results::import::lock`), so an import
//! never decides on a history that is being relinked.

pub mod links;

use serde::Serialize;
use sqlx::{PgConnection, PgPool};

use crate::domain::EmailAddress;
use crate::i18n::Locale;
use crate::results::import::{lock, lock_keys};

/// What the settings page and the handlers need to know about an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub display_name: String,
    pub locale: String,
    pub handle: Option<String>,
    pub bio: String,
    pub profile_visibility: String,
    pub auto_accept: bool,
    pub has_password: bool,
    pub primary_email: String,
}

impl Account {
    pub fn locale(&self) -> Locale {
        Locale::from_tag(&self.locale).unwrap_or_default()
    }
}

pub async fn get(db: &PgPool, id: i64) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.display_name, c.locale, c.handle, c.bio, c.profile_visibility,
                c.auto_accept, c.password_hash IS NOT NULL AS has_password,
                coalesce(e.email, '') AS primary_email
           FROM candidates c
           LEFT JOIN candidate_emails e ON e.candidate_id = c.id AND e.is_primary
          WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The account's display name ("" when there is no such account).
pub async fn display_name(db: &PgPool, id: i64) -> Result<String, sqlx::Error> {
    Ok(
        sqlx::query_scalar("SELECT display_name FROM candidates WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?
            .unwrap_or_default(),
    )
}

/// The account that owns `email`, with its password hash (if it has a password).
pub async fn find_by_email(
    db: &PgPool,
    email: &EmailAddress,
) -> Result<Option<(i64, Option<String>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.password_hash, c.locale
           FROM candidate_emails e JOIN candidates c ON c.id = e.candidate_id
          WHERE e.email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(db)
    .await
}

/// Takes the partition locks of `email` and of every address of `candidate_id`.
async fn lock_addresses(
    conn: &mut PgConnection,
    candidate_id: Option<i64>,
    email: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut addresses: Vec<String> = match candidate_id {
        Some(id) => {
            sqlx::query_scalar("SELECT email FROM candidate_emails WHERE candidate_id = $1")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?
        }
        None => Vec::new(),
    };
    addresses.extend(email.map(str::to_owned));
    lock(conn, &lock_keys(addresses.iter().map(String::as_str))).await
}

/// Moves the awards sent to `email` into the wallet of `candidate_id`.
async fn attach_awards(
    conn: &mut PgConnection,
    candidate_id: i64,
    email: &EmailAddress,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE awards SET candidate_id = $1
          WHERE recipient_email = $2 AND candidate_id IS DISTINCT FROM $1",
    )
    .bind(candidate_id)
    .bind(email.as_str())
    .execute(conn)
    .await?
    .rows_affected())
}

pub struct NewAccount<'a> {
    pub email: &'a EmailAddress,
    pub display_name: &'a str,
    pub locale: Locale,
    pub password_hash: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    Account(i64),
    /// The address belongs to an account already.
    AddressTaken(i64),
}

/// Creates an account whose primary address is `email` (verified), in the caller's
/// transaction, and moves the awards sent to that address into its wallet.
pub async fn create(conn: &mut PgConnection, new: NewAccount<'_>) -> Result<Created, sqlx::Error> {
    lock_addresses(conn, None, Some(new.email.as_str())).await?;
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT candidate_id FROM candidate_emails WHERE email = $1")
            .bind(new.email.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(owner) = owner {
        return Ok(Created::AddressTaken(owner));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO candidates (display_name, locale, password_hash, password_changed_at)
         VALUES ($1, $2, $3, CASE WHEN $3 IS NULL THEN NULL ELSE now() END) RETURNING id",
    )
    .bind(new.display_name)
    .bind(new.locale.code())
    .bind(new.password_hash)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO candidate_emails (candidate_id, email, verified_at, is_primary)
         VALUES ($1, $2, now(), true)",
    )
    .bind(id)
    .bind(new.email.as_str())
    .execute(&mut *conn)
    .await?;
    attach_awards(conn, id, new.email).await?;
    links::end_sign_ups(conn, new.email).await?;
    audit(conn, id, "account.created", None).await?;
    Ok(Created::Account(id))
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
    lock_addresses(conn, Some(candidate_id), Some(email.as_str())).await?;
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
    let awards = attach_awards(conn, candidate_id, email).await?;
    links::end_sign_ups(conn, email).await?;
    audit(conn, candidate_id, "account.address_added", None).await?;
    Ok(Added::Added { awards })
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
    lock_addresses(&mut tx, Some(candidate_id), None).await?;
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
    audit(&mut tx, candidate_id, "account.address_removed", None).await?;
    tx.commit().await?;
    Ok(Removed::Removed { awards })
}

/// Makes one of the account's addresses the primary one; false when it is not theirs.
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
    sqlx::query(
        "UPDATE candidate_emails SET is_primary = false WHERE candidate_id = $1 AND is_primary",
    )
    .bind(candidate_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE candidate_emails SET is_primary = true WHERE id = $1")
        .bind(address_id)
        .execute(&mut *tx)
        .await?;
    audit(&mut tx, candidate_id, "account.primary_changed", None).await?;
    tx.commit().await?;
    Ok(true)
}

/// Sets a new password and ends every session of the account (the caller renews its own).
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
    audit(conn, candidate_id, "account.password_changed", None).await
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

/// The settings a candidate changes on `/settings`.
#[derive(Debug, Clone)]
pub struct Profile {
    pub display_name: String,
    pub handle: Option<String>,
    pub bio: String,
    pub profile_visibility: String,
    pub auto_accept: bool,
    pub locale: Locale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileSaved {
    Saved,
    HandleTaken,
}

pub async fn save_profile(
    db: &PgPool,
    candidate_id: i64,
    profile: &Profile,
) -> Result<ProfileSaved, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE candidates SET display_name = $2, handle = $3, bio = $4, profile_visibility = $5,
                auto_accept = $6, locale = $7
          WHERE id = $1",
    )
    .bind(candidate_id)
    .bind(&profile.display_name)
    .bind(&profile.handle)
    .bind(&profile.bio)
    .bind(&profile.profile_visibility)
    .bind(profile.auto_accept)
    .bind(profile.locale.code())
    .execute(db)
    .await;
    match result {
        Ok(_) => Ok(ProfileSaved::Saved),
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("candidates_handle_key") => {
            Ok(ProfileSaved::HandleTaken)
        }
        Err(e) => Err(e),
    }
}

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
           SELECT provider, email, created_at, last_used_at FROM identities
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

/// Deletes an account: its name, profile, password, addresses, provider links, sessions,
/// known devices, email links (used ones too), its own emails and its throttle counters
/// are erased. Its awards stay, as the program's record of the exam results,
/// but leave every public place: they go back to pending and private, with no account, and
/// wait for whoever verifies their address again, without reminders.
pub async fn delete(db: &PgPool, candidate_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let addresses: Vec<String> =
        sqlx::query_scalar("SELECT email FROM candidate_emails WHERE candidate_id = $1")
            .bind(candidate_id)
            .fetch_all(&mut *tx)
            .await?;
    lock(&mut tx, &lock_keys(addresses.iter().map(String::as_str))).await?;
    sqlx::query(
        "UPDATE awards SET candidate_id = NULL, visibility = 'private',
                state = CASE WHEN state = 'revoked' THEN state ELSE 'pending' END,
                state_changed_at = now(),
                reminders_stopped_at = coalesce(reminders_stopped_at, now())
          WHERE candidate_id = $1",
    )
    .bind(candidate_id)
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
    audit(&mut tx, candidate_id, "account.deleted", None).await?;
    tx.commit().await?;
    Ok(())
}

/// An audit row about an account; the subject is its id, never an address.
pub async fn audit(
    conn: &mut PgConnection,
    candidate_id: i64,
    action: &str,
    data: Option<serde_json::Value>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (actor, action, subject, data) VALUES ($1, $2, $1, coalesce($3, '{}'))",
    )
    .bind(format!("candidate:{candidate_id}"))
    .bind(action)
    .bind(data.map(sqlx::types::Json))
    .execute(conn)
    .await?;
    Ok(())
}

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

/// Links a provider's subject to an account, in the caller's transaction.
pub async fn link_identity(
    conn: &mut PgConnection,
    candidate_id: i64,
    provider: &str,
    subject: &str,
    email: Option<&EmailAddress>,
) -> Result<Linked, sqlx::Error> {
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
        "INSERT INTO identities (candidate_id, provider, subject, email, last_used_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT DO NOTHING",
    )
    .bind(candidate_id)
    .bind(provider)
    .bind(subject)
    .bind(email.map(EmailAddress::as_str))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(Linked::AlreadyConnected);
    }
    audit(
        conn,
        candidate_id,
        "account.provider_connected",
        Some(serde_json::json!({ "provider": provider })),
    )
    .await?;
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
    audit(
        &mut tx,
        candidate_id,
        "account.provider_disconnected",
        Some(serde_json::json!({ "provider": provider })),
    )
    .await?;
    tx.commit().await?;
    Ok(Unlinked::Unlinked)
}
