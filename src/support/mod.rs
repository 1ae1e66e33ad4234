//! The support console's area: what an agent finds and what they may change.
//!
//! - [`search`]: by address (also addresses no account holds yet), name, award id or result
//!   id, paged by key over indexes that answer a prefix and the next page alike;
//! - [`profile`]: a candidate's whole record (addresses verified or waiting, every award,
//!   the raw results and what the rules made of each, the emails and their delivery, sign-in
//!   providers, the audit trail);
//! - [`missing`]: the "missing badge" view of an address, with its near misses;
//! - [`actions`]: resend a notification, attach an address, retry a failed email;
//!   [`merge`]: merge two accounts of one person.
//!
//! Every action takes a [`Reason`] and writes its audit row (the agent, the reason, the
//! values before and after) in the transaction of its change; opening a profile is logged
//! too. Changes to whose awards are whose run under the person locks (`db::locks`), as the
//! results import and the accounts do, so neither splits what the other joins.

pub mod actions;
pub mod merge;
pub mod missing;
pub mod profile;
pub mod search;

use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use crate::db::locks;
use crate::domain::text::{Lines, is_storable};

/// The longest reason kept with an action.
pub const MAX_REASON: usize = 500;

/// Why an agent acted, as they wrote it: one line, 1 to [`MAX_REASON`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(text: &str) -> Option<Reason> {
        let text = text.trim();
        (!text.is_empty() && text.chars().count() <= MAX_REASON && is_storable(text, Lines::Single))
            .then(|| Reason(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an action refused to do, and the one error type of the area.
#[derive(Debug, thiserror::Error)]
pub enum SupportError {
    /// No such account, award or email.
    #[error("not found")]
    NotFound,
    /// A notification is resent only while its award waits to be accepted.
    #[error("the award is not pending")]
    NotPending,
    /// The address is on this account already.
    #[error("the address is on the account already")]
    AlreadyAttached,
    /// The address belongs to another account: merge them instead.
    #[error("the address belongs to account {0}")]
    AddressTaken(i64),
    /// An account cannot be merged into itself.
    #[error("the same account")]
    SameAccount,
    /// Both accounts sign in with the same provider; an account has one of each.
    #[error("both accounts sign in with {0}")]
    ProviderClash(String),
    /// The account that would close holds a staff role: its roles would go with it. An
    /// admin takes the roles away first (or merges the other way round).
    #[error("the account that would close holds a staff role")]
    ClosesStaff,
    /// Only a failed email is retried.
    #[error("the email has not failed")]
    NotFailed,
    /// The email's link cannot be made again (a reminder, a confirmation, a reset): the
    /// person asks for a new one, or support resends the notification.
    #[error("the email's link is gone")]
    LinkGone,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl SupportError {
    /// The message an agent reads (its Fluent id), for what they can act on.
    pub fn message_id(&self) -> Option<&'static str> {
        Some(match self {
            SupportError::NotPending => "support-error-not-pending",
            SupportError::AlreadyAttached => "support-error-already-attached",
            SupportError::AddressTaken(_) => "support-error-address-taken",
            SupportError::SameAccount => "support-error-same-account",
            SupportError::ProviderClash(_) => "support-error-provider-clash",
            SupportError::NotFailed => "support-error-not-failed",
            SupportError::LinkGone => "support-error-link-gone",
            SupportError::ClosesStaff => "support-error-closes-staff",
            SupportError::NotFound | SupportError::Database(_) => return None,
        })
    }
}

/// An account as the console names it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountRef {
    pub id: i64,
    pub display_name: String,
}

/// The accounts holding `emails`, by address.
pub(crate) async fn owners(
    db: &PgPool,
    emails: &[String],
) -> Result<Vec<(String, AccountRef)>, sqlx::Error> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT e.email, c.id, c.display_name
           FROM candidate_emails e JOIN candidates c ON c.id = e.candidate_id
          WHERE e.email = ANY($1)",
    )
    .bind(emails)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(email, id, display_name)| (email, AccountRef { id, display_name }))
        .collect())
}

/// Begins a transaction holding the person locks of every address of `accounts` and of
/// `extra` (as the results import does: an address linked meanwhile to one of them in a
/// partition not locked yet means starting again with it). Returns the accounts' addresses.
pub(crate) async fn begin_locked(
    db: &PgPool,
    accounts: &[i64],
    extra: &[&str],
) -> Result<(Transaction<'static, Postgres>, Vec<(i64, String)>), sqlx::Error> {
    let mut keys = locks::keys(extra.iter().copied());
    loop {
        let mut tx = db.begin().await?;
        locks::lock(&mut tx, &keys).await?;
        let addresses = addresses_of(&mut tx, accounts).await?;
        let needed = locks::keys(
            extra
                .iter()
                .copied()
                .chain(addresses.iter().map(|(_, e)| e.as_str())),
        );
        if needed.iter().all(|k| keys.contains(k)) {
            return Ok((tx, addresses));
        }
        tx.rollback().await?;
        keys = needed;
    }
}

async fn addresses_of(
    conn: &mut PgConnection,
    accounts: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT candidate_id, email FROM candidate_emails WHERE candidate_id = ANY($1)
          ORDER BY candidate_id, email",
    )
    .bind(accounts)
    .fetch_all(conn)
    .await
}

/// The bounds of the texts that start with `prefix`, byte-wise (`COLLATE "C"`): at least
/// `prefix`, and less than `prefix` followed by the last character of Unicode. Bounds rather
/// than `LIKE 'prefix%'` keep the index range in a prepared statement's generic plan.
fn prefix_bounds(prefix: &str) -> (String, String) {
    (prefix.to_owned(), format!("{prefix}\u{10FFFF}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_one_line_of_some_text_and_not_too_long() {
        assert_eq!(
            Reason::parse("  ticket 1234  ").map(|r| r.0),
            Some("ticket 1234".into())
        );
        assert_eq!(Reason::parse("   "), None);
        assert_eq!(Reason::parse("a\u{0}b"), None);
        assert_eq!(Reason::parse("two\nlines"), None);
        assert!(Reason::parse(&"x".repeat(MAX_REASON)).is_some());
        assert_eq!(Reason::parse(&"x".repeat(MAX_REASON + 1)), None);
    }

    #[test]
    fn a_prefix_bounds_every_text_that_starts_with_it() {
        let (low, high) = prefix_bounds("ada");
        assert!(low.as_str() <= "ada" && "ada.lovelace@x" < high.as_str());
        assert!("adb" > high.as_str());
    }
}
