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

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
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
    /// An exam or certification of the catalog, by its code (retired, its policy changed).
    BadgeClass(&'a str),
    /// A message of the outbox, by id (retried from the console).
    Outbox(i64),
    /// The results feed as a whole (a file imported from the console).
    Results,
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
            Subject::BadgeClass(code) => format!("badge_class:{code}"),
            Subject::Outbox(id) => format!("outbox:{id}"),
            Subject::Results => "results".to_owned(),
        }
    }
}

macro_rules! actions {
    ($($variant:ident => $text:literal, $message:literal,)*) => {
        /// What was done. The stored names are those the log has used from the start.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in the order they are declared (the audit log's filter lists them).
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

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

            /// The Fluent id of the action's name as the consoles show it.
            pub fn message_id(self) -> &'static str {
                match self {
                    $(Action::$variant => $message,)*
                }
            }
        }
    };
}

actions! {
    AccountCreated => "account.created", "audit-action-account-created",
    AddressAdded => "account.address_added", "audit-action-account-address-added",
    AddressRemoved => "account.address_removed", "audit-action-account-address-removed",
    PrimaryChanged => "account.primary_changed", "audit-action-account-primary-changed",
    PasswordChanged => "account.password_changed", "audit-action-account-password-changed",
    SettingsChanged => "account.settings_changed", "audit-action-account-settings-changed",
    ProviderConnected => "account.provider_connected", "audit-action-account-provider-connected",
    ProviderDisconnected => "account.provider_disconnected", "audit-action-account-provider-disconnected",
    AccountDeleted => "account.deleted", "audit-action-account-deleted",
    AwardPending => "award.pending", "audit-action-award-pending",
    AwardAccepted => "award.accepted", "audit-action-award-accepted",
    AwardDeclined => "award.declined", "audit-action-award-declined",
    AwardRevoked => "award.revoked", "audit-action-award-revoked",
    CatalogLoaded => "catalog.load", "audit-action-catalog-load",
    BadgeClassRetired => "catalog.retired", "audit-action-catalog-retired",
    PolicyChanged => "catalog.policy_changed", "audit-action-catalog-policy-changed",
    ResultsImported => "results.import", "audit-action-results-import",
    MailRetried => "mail.retried", "audit-action-mail-retried",
    MailSuppressionCleared => "mail.suppression_cleared", "audit-action-mail-suppression-cleared",
    TokenCreated => "token.create", "audit-action-token-create",
    TokenRevoked => "token.revoke", "audit-action-token-revoke",
    RoleGranted => "staff.role_granted", "audit-action-staff-role-granted",
    RoleRevoked => "staff.role_revoked", "audit-action-staff-role-revoked",
    SecondFactorEnrolled => "second_factor.enrolled", "audit-action-second-factor-enrolled",
    RecoveryCodesRenewed => "second_factor.recovery_codes_renewed", "audit-action-second-factor-recovery-codes-renewed",
    RecoveryCodeUsed => "second_factor.recovery_code_used", "audit-action-second-factor-recovery-code-used",
    SupportProfileViewed => "support.profile_viewed", "audit-action-support-profile-viewed",
    SupportNotificationResent => "support.notification_resent", "audit-action-support-notification-resent",
    SupportAddressAttached => "support.address_attached", "audit-action-support-address-attached",
    SupportAccountsMerged => "support.accounts_merged", "audit-action-support-accounts-merged",
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

/// What the audit log of the admin console is filtered by (every part optional; the
/// values are compared exactly, as they are stored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `staff:3`, `cli`, `api_token:feed`, ...
    pub actor: Option<String>,
    pub action: Option<Action>,
    /// `award:ID`, `catalog`, `badge_class:AZ-900`, ...
    pub subject: Option<String>,
    /// From this day on (UTC), included.
    pub from: Option<NaiveDate>,
    /// Until this day (UTC), included.
    pub to: Option<NaiveDate>,
}

/// Where a page of the log starts: the rows before this one (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: DateTime<Utc>,
    pub id: i64,
}

impl Cursor {
    /// The form a link carries: `MICROSECONDS-ID`.
    pub fn to_text(self) -> String {
        format!("{}-{}", self.at.timestamp_micros(), self.id)
    }

    pub fn parse(text: &str) -> Option<Cursor> {
        let (micros, id) = text.split_once('-')?;
        Some(Cursor {
            at: DateTime::from_timestamp_micros(micros.parse().ok()?)?,
            id: id.parse().ok()?,
        })
    }
}

/// A row of the log as the console lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub reason: Option<String>,
    pub before: Option<Json<Value>>,
    pub after: Option<Json<Value>>,
    pub data: Json<Value>,
}

impl Listed {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            at: self.at,
            id: self.id,
        }
    }
}

/// Up to `limit` rows matching `filter`, newest first, before `before` (keyset paging: each
/// page is one range scan of an index on `(actor | action | subject, at, id)` or `(at, id)`,
/// however long the log).
pub async fn search(
    db: &PgPool,
    filter: &Filter,
    before: Option<Cursor>,
    limit: i64,
) -> Result<Vec<Listed>, sqlx::Error> {
    let mut query = sqlx::QueryBuilder::<sqlx::Postgres>::new(
        "SELECT id, at, actor, action, subject, reason, before, after, data FROM audit_log WHERE true",
    );
    if let Some(actor) = &filter.actor {
        query.push(" AND actor = ").push_bind(actor.clone());
    }
    if let Some(action) = filter.action {
        query.push(" AND action = ").push_bind(action.as_str());
    }
    if let Some(subject) = &filter.subject {
        query.push(" AND subject = ").push_bind(subject.clone());
    }
    if let Some(from) = filter.from {
        query
            .push(" AND at >= ")
            .push_bind(from.and_time(NaiveTime::MIN).and_utc());
    }
    if let Some(next) = filter.to.and_then(|to| to.succ_opt()) {
        query
            .push(" AND at < ")
            .push_bind(next.and_time(NaiveTime::MIN).and_utc());
    }
    if let Some(cursor) = before {
        query
            .push(" AND (at, id) < (")
            .push_bind(cursor.at)
            .push(", ")
            .push_bind(cursor.id)
            .push(")");
    }
    query
        .push(" ORDER BY at DESC, id DESC LIMIT ")
        .push_bind(limit);
    query.build_query_as().fetch_all(db).await
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
    fn every_action_has_a_name_in_every_language() {
        for locale in crate::i18n::Locale::all() {
            let t = crate::i18n::Tr::new(locale);
            for action in Action::ALL {
                let name = t.msg(action.message_id());
                assert!(
                    !name.is_empty() && name != action.message_id() && !name.contains("Unknown"),
                    "{action:?} in {}: {name:?}",
                    locale.code()
                );
            }
        }
    }

    #[test]
    fn actions_keep_the_names_the_log_has_always_used() {
        assert_eq!(Action::AwardAccepted.as_str(), "award.accepted");
        assert_eq!(Action::AccountDeleted.as_str(), "account.deleted");
        assert_eq!(Action::TokenRevoked.as_str(), "token.revoke");
        assert_eq!(Action::parse("catalog.load"), Some(Action::CatalogLoaded));
        assert_eq!(Action::parse("award.stolen"), None);
        assert!(Action::ALL.contains(&Action::MailRetried));
    }

    #[test]
    fn a_cursor_reads_back_as_it_was_written() {
        let cursor = Cursor {
            at: DateTime::from_timestamp_micros(1_764_000_000_123_456).unwrap_or_default(),
            id: 42,
        };
        assert_eq!(Cursor::parse(&cursor.to_text()), Some(cursor));
        assert_eq!(Cursor::parse("x-1"), None);
        assert_eq!(Cursor::parse("12"), None);
    }
}
