//! Candidate accounts: creating them, and finding them by id or address. The rest is in
//! pieces named after what they hold:
//!
//! - [`addresses`]: an account's addresses (add through a link, resend or cancel the link,
//!   make primary, remove), and which email an added address gets;
//! - [`sign_up`] and [`confirm`]: which email a sign-up gets, and what its link does (and the
//!   link of an added address);
//! - [`passwords`]: setting a password, the forgotten password and its reset link;
//! - [`profile`]: name, handle, text, visibility, auto-accept and language;
//! - [`identities`]: accounts of OpenID Connect providers linked to an account;
//! - [`export`] ("download my data") and [`deletion`];
//! - [`links`]: the single-use links sent by email.
//!
//! An address belongs to an account only once its owner has opened a link sent to it (or a
//! provider vouched for it), so every row of `candidate_emails` is verified. Linking an
//! address to an account moves every award sent to it into that account's wallet, under the
//! person locks the results import takes (`db::locks`), so an import never decides on a
//! history that is being relinked. Changes are written to the audit log (`audit`) with the
//! account as subject, never an address.

pub mod addresses;
pub mod confirm;
pub mod deletion;
pub mod export;
pub mod identities;
pub mod links;
pub mod passwords;
pub mod profile;
pub mod sign_up;

use sqlx::{PgConnection, PgPool};

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::db::locks;
use crate::domain::{EmailAddress, Visibility};
use crate::i18n::Locale;

pub use addresses::{Added, Address, Removed, add_address, attach_awards};
pub use deletion::delete;
pub use export::{Export, export};
pub use identities::{Linked, Unlinked};
pub use passwords::{password_hash, set_password};
pub use profile::{Profile, ProfileSaved, save_profile};

/// What the settings page and the handlers need to know about an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub display_name: String,
    pub locale: String,
    pub handle: Option<String>,
    pub bio: String,
    pub profile_visibility: Visibility,
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

/// The account that owns `email`, with its password hash (if it has a password) and its
/// language.
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

/// Takes the person locks of every address of `candidate_id` and of `email`, in the
/// caller's transaction; returns the account's addresses (without `email`).
async fn lock_people(
    conn: &mut PgConnection,
    candidate_id: Option<i64>,
    email: Option<&str>,
) -> Result<Vec<String>, sqlx::Error> {
    let addresses: Vec<String> = match candidate_id {
        Some(id) => {
            sqlx::query_scalar("SELECT email FROM candidate_emails WHERE candidate_id = $1")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?
        }
        None => Vec::new(),
    };
    locks::lock_people(conn, addresses.iter().map(String::as_str).chain(email)).await?;
    Ok(addresses)
}

/// An audit row about an account, by the account itself.
async fn audit(
    conn: &mut PgConnection,
    candidate_id: i64,
    action: Action,
) -> Result<(), sqlx::Error> {
    audit_entry(conn, candidate_id, own(candidate_id, action)).await
}

/// An entry of the account's own doing, to complete before [`audit_entry`].
fn own(candidate_id: i64, action: Action) -> Entry<'static> {
    Entry::new(Actor::Candidate(candidate_id), action)
}

/// Writes `entry` about the account `candidate_id`, in the caller's transaction.
async fn audit_entry(
    conn: &mut PgConnection,
    candidate_id: i64,
    entry: Entry<'_>,
) -> Result<(), sqlx::Error> {
    audit::record(conn, &entry, Subject::Candidate(candidate_id)).await
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
    lock_people(conn, None, Some(new.email.as_str())).await?;
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
    addresses::attach_awards(conn, id, new.email, &Actor::Candidate(id), None).await?;
    links::end_sign_ups(conn, new.email).await?;
    audit(conn, id, Action::AccountCreated).await?;
    Ok(Created::Account(id))
}
