//! The one writer of the audit log (`audit_log`): who did what to what, when, and why.
//!
//! Every row has a typed [`Actor`] (a candidate, a staff member, the command line, an API
//! token), a typed [`Action`] and, mostly, a [`Subject`]. Where an action changes a value,
//! the row records it before and after; where the person acting gives a reason (the support
//! console will ask for one), the row keeps it. Rows are written in the caller's
//! transaction, so an action and its row are stored together or not at all.
//!
//! Actors and subjects are stored as text, `kind:id` (`candidate:12`, `award:Xy..`,
//! `api_token:feed`), or a bare word (`cli`, `catalog`); the database checks the form. No
//! address or name goes into a row: the log outlives a deleted account, and a subject is
//! an id, never an address.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};

/// Who acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A candidate, on their own account and awards.
    Candidate(i64),
    /// A member of staff (the support and admin consoles).
    Staff(i64),
    /// Whoever runs `accolade` on the server (catalog loads, tokens, the demo).
    CommandLine,
    /// A feed, by the name of its token.
    ApiToken(String),
}

impl Actor {
    /// The stored form.
    pub fn to_text(&self) -> String {
        match self {
            Actor::Candidate(id) => format!("candidate:{id}"),
            Actor::Staff(id) => format!("staff:{id}"),
            Actor::CommandLine => "cli".to_owned(),
            Actor::ApiToken(name) => format!("api_token:{name}"),
        }
    }

    /// Reads the stored form back.
    pub fn parse(text: &str) -> Option<Actor> {
        if text == "cli" {
            return Some(Actor::CommandLine);
        }
        let (kind, id) = text.split_once(':')?;
        match kind {
            "candidate" => id.parse().ok().map(Actor::Candidate),
            "staff" => id.parse().ok().map(Actor::Staff),
            "api_token" if !id.is_empty() => Some(Actor::ApiToken(id.to_owned())),
            _ => None,
        }
    }
}

/// What an action was done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    Candidate(i64),
    Award(&'a str),
    /// An API token, by name.
    ApiToken(&'a str),
    /// The catalog as a whole (a load).
    Catalog,
    /// An entry of the mail suppression list (`mail::suppression`), by id.
    MailSuppression(i64),
}

impl Subject<'_> {
    /// The stored form.
    pub fn to_text(&self) -> String {
        match self {
            Subject::Candidate(id) => format!("candidate:{id}"),
            Subject::Award(id) => format!("award:{id}"),
            Subject::ApiToken(name) => format!("api_token:{name}"),
            Subject::Catalog => "catalog".to_owned(),
            Subject::MailSuppression(id) => format!("mail_suppression:{id}"),
        }
    }
}

macro_rules! actions {
    ($($variant:ident => $text:literal,)*) => {
        /// What was done. The stored names are those the log has used from the start.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Action::$variant => $text,)*
                }
            }

            pub fn parse(text: &str) -> Option<Action> {
                match text {
                    $($text => Some(Action::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    AccountCreated => "account.created",
    AddressAdded => "account.address_added",
    AddressRemoved => "account.address_removed",
    PrimaryChanged => "account.primary_changed",
    PasswordChanged => "account.password_changed",
    SettingsChanged => "account.settings_changed",
    ProviderConnected => "account.provider_connected",
    ProviderDisconnected => "account.provider_disconnected",
    AccountDeleted => "account.deleted",
    AwardPending => "award.pending",
    AwardAccepted => "award.accepted",
    AwardDeclined => "award.declined",
    AwardRevoked => "award.revoked",
    CatalogLoaded => "catalog.load",
    MailSuppressionCleared => "mail.suppression_cleared",
    TokenCreated => "token.create",
    TokenRevoked => "token.revoke",
    RoleGranted => "staff.role_granted",
    RoleRevoked => "staff.role_revoked",
    SupportProfileViewed => "support.profile_viewed",
    SupportNotificationResent => "support.notification_resent",
    SupportAddressAttached => "support.address_attached",
    SupportAccountsMerged => "support.accounts_merged",
    SupportMailRetried => "support.mail_retried",
}

/// One row to write, less its subject (so one entry can be written about several).
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub actor: Actor,
    pub action: Action,
    /// The value before the action changed it, and after (`None` when there is none).
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// Why, when the person acting said so.
    pub reason: Option<&'a str>,
    /// Anything else worth keeping (what a catalog load changed, which provider).
    pub data: Option<Value>,
}

impl<'a> Entry<'a> {
    pub fn new(actor: Actor, action: Action) -> Entry<'a> {
        Entry {
            actor,
            action,
            before: None,
            after: None,
            reason: None,
            data: None,
        }
    }

    /// A value that changed: what it was (if known) and what it became.
    pub fn change(mut self, before: Option<Value>, after: Value) -> Entry<'a> {
        self.before = before;
        self.after = Some(after);
        self
    }

    pub fn reason(mut self, reason: &'a str) -> Entry<'a> {
        self.reason = Some(reason);
        self
    }

    pub fn data(mut self, data: Value) -> Entry<'a> {
        self.data = Some(data);
        self
    }
}

/// Writes `entry` about `subject`, in the caller's transaction.
pub async fn record(
    conn: &mut PgConnection,
    entry: &Entry<'_>,
    subject: Subject<'_>,
) -> Result<(), sqlx::Error> {
    record_each(conn, entry, &[subject]).await
}

/// Writes `entry` once for each of `subjects` (the awards of an "accept all"), in the
/// caller's transaction.
pub async fn record_each(
    conn: &mut PgConnection,
    entry: &Entry<'_>,
    subjects: &[Subject<'_>],
) -> Result<(), sqlx::Error> {
    let subjects: Vec<String> = subjects.iter().map(Subject::to_text).collect();
    sqlx::query(
        "INSERT INTO audit_log (actor, action, subject, reason, data, before, after)
         SELECT $1, $2, s, $3, coalesce($4, '{}'), $5, $6 FROM unnest($7::text[]) AS s",
    )
    .bind(entry.actor.to_text())
    .bind(entry.action.as_str())
    .bind(entry.reason)
    .bind(entry.data.as_ref().map(Json))
    .bind(entry.before.as_ref().map(Json))
    .bind(entry.after.as_ref().map(Json))
    .bind(&subjects)
    .execute(conn)
    .await?;
    Ok(())
}

/// A row as it was written.
#[derive(Debug, Clone)]
pub struct Row {
    pub at: DateTime<Utc>,
    /// `None` only for a row no version of Accolade wrote.
    pub actor: Option<Actor>,
    pub action: Option<Action>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub reason: Option<String>,
    pub data: Value,
}

/// Every row about `subject`, oldest first (for the support console).
pub async fn about(db: &PgPool, subject: Subject<'_>) -> Result<Vec<Row>, sqlx::Error> {
    let mut rows = about_any(db, &[subject], None).await?;
    rows.reverse();
    Ok(rows)
}

/// The rows about any of `subjects`, newest first, at most `limit` of them (all when
/// `None`): a candidate's trail in the support console (the account and its awards).
pub async fn about_any(
    db: &PgPool,
    subjects: &[Subject<'_>],
    limit: Option<i64>,
) -> Result<Vec<Row>, sqlx::Error> {
    let subjects: Vec<String> = subjects.iter().map(Subject::to_text).collect();
    type Stored = (
        DateTime<Utc>,
        String,
        String,
        Option<Json<Value>>,
        Option<Json<Value>>,
        Option<String>,
        Json<Value>,
    );
    let rows: Vec<Stored> = sqlx::query_as(
        "SELECT at, actor, action, before, after, reason, data FROM audit_log
          WHERE subject = ANY($1) ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(&subjects)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(at, actor, action, before, after, reason, Json(data))| Row {
                at,
                actor: Actor::parse(&actor),
                action: Action::parse(&action),
                before: before.map(|Json(v)| v),
                after: after.map(|Json(v)| v),
                reason,
                data,
            },
        )
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_actor_reads_back_as_it_was_written() {
        for actor in [
            Actor::Candidate(12),
            Actor::Staff(3),
            Actor::CommandLine,
            Actor::ApiToken("pearson-feed".into()),
        ] {
            assert_eq!(Actor::parse(&actor.to_text()), Some(actor));
        }
        assert_eq!(Actor::parse("candidate:x"), None);
        assert_eq!(Actor::parse("tests"), None);
    }

    #[test]
    fn actions_keep_the_names_the_log_has_always_used() {
        assert_eq!(Action::AwardAccepted.as_str(), "award.accepted");
        assert_eq!(Action::AccountDeleted.as_str(), "account.deleted");
        assert_eq!(Action::TokenRevoked.as_str(), "token.revoke");
        assert_eq!(Action::parse("catalog.load"), Some(Action::CatalogLoaded));
        assert_eq!(Action::parse("award.stolen"), None);
    }
}
