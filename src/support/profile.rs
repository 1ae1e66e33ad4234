//! A candidate's whole record, as support sees it: the account, its addresses (verified, and
//! waiting for their link to be opened), every award in every state (private ones too), the
//! raw results and what the rules made of each, the emails sent and their delivery, the
//! sign-in providers, and the audit trail. Opening it is logged ([`log_view`]).
//!
//! Every list is read by an indexed key of the account or of its addresses.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use super::AccountRef;
use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::{AwardId, AwardState, BadgeKind, NoBadgeReason, Visibility};

/// `SELECT` of an [`Award`], followed by a `WHERE` clause.
macro_rules! select_award {
    () => {
        "SELECT a.id, b.code, b.title, b.kind, a.state, a.visibility, a.recipient_email,
                a.issued_on, a.candidate_id, a.result_id AS result_row, a.state_reason
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id "
    };
}

/// `SELECT` of a [`Mail`], followed by a `WHERE` clause.
macro_rules! select_mail {
    () => {
        "SELECT id, recipient, kind, state, attempts, last_error, created_at, sent_at, award_id
           FROM outbox "
    };
}

/// The most results, emails and audit rows a profile lists (newest first).
pub const LIST_LIMIT: i64 = 100;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub display_name: String,
    pub locale: String,
    pub handle: Option<String>,
    pub profile_visibility: Visibility,
    pub auto_accept: bool,
    pub has_password: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Address {
    pub email: String,
    pub is_primary: bool,
    pub verified_at: DateTime<Utc>,
    /// The SMTP server refused it for good: mail about awards is not sent to it.
    pub suppressed: bool,
}

/// An address the account asked to add, whose link was never opened.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Waiting {
    pub email: String,
    pub asked_at: DateTime<Utc>,
    pub expired: bool,
}

/// An award, in whatever state.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Award {
    pub id: String,
    pub code: String,
    pub title: String,
    pub kind: BadgeKind,
    pub state: AwardState,
    pub visibility: Visibility,
    pub recipient_email: String,
    pub issued_on: NaiveDate,
    pub candidate_id: Option<i64>,
    /// The result (its row) that gave it.
    pub result_row: i64,
    pub state_reason: Option<String>,
}

impl Award {
    pub fn is_pending(&self) -> bool {
        self.state == AwardState::Pending
    }

    /// The Fluent id of its state, as support reads it.
    pub fn state_message_id(&self) -> &'static str {
        match self.state {
            AwardState::Pending => "support-state-pending",
            AwardState::Accepted => "support-state-accepted",
            AwardState::Declined => "support-state-declined",
            AwardState::Revoked => "support-state-revoked",
        }
    }

    pub fn is_private(&self) -> bool {
        self.visibility == Visibility::Private
    }
}

/// A result as the program reported it, with what the rules made of it.
#[derive(Debug, Clone)]
pub struct ResultRow {
    pub row: i64,
    pub source: String,
    pub result_id: String,
    /// The address as reported (letter case kept) and as compared.
    pub email_reported: String,
    pub email: String,
    pub name: String,
    pub exam_code: String,
    pub passed_on: NaiveDate,
    pub received_at: DateTime<Utc>,
    pub outcome: Vec<Outcome>,
}

/// What the rules made of a result, in words support can read out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A badge of the exam itself.
    Awarded,
    /// The pass completed a certification: its badge was awarded instead of the exam's.
    CertificationInstead,
    /// The badge waits under an address no account holds.
    AddressNotOnAnyAccount,
    /// No badge, for this reason.
    NoBadge(NoBadgeReason),
}

impl Outcome {
    /// The Fluent id of its words.
    pub fn message_id(self) -> &'static str {
        match self {
            Outcome::Awarded => "support-outcome-awarded",
            Outcome::CertificationInstead => "support-outcome-certification-instead",
            Outcome::AddressNotOnAnyAccount => "support-outcome-no-account",
            Outcome::NoBadge(NoBadgeReason::Excluded) => "support-outcome-excluded",
            Outcome::NoBadge(NoBadgeReason::Legacy) => "support-outcome-legacy",
            Outcome::NoBadge(NoBadgeReason::AlreadyAwarded) => "support-outcome-already-awarded",
            Outcome::NoBadge(NoBadgeReason::AlreadyHeld) => "support-outcome-already-held",
        }
    }

    /// Whether it is a reason a badge is missing (shown as a warning).
    pub fn is_problem(self) -> bool {
        !matches!(self, Outcome::Awarded | Outcome::CertificationInstead)
    }
}

/// An email of the outbox and how its delivery went.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub award_id: Option<String>,
}

impl Mail {
    pub fn is_failed(&self) -> bool {
        self.state == "failed"
    }

    /// The Fluent id of its delivery state.
    pub fn state_message_id(&self) -> &'static str {
        match self.state.as_str() {
            "queued" => "support-mail-queued",
            "sent" => "support-mail-sent",
            "failed" => "support-mail-failed",
            _ => "support-mail-suppressed",
        }
    }

    /// The Fluent id of its kind.
    pub fn kind_message_id(&self) -> &'static str {
        match self.kind.as_str() {
            "badge_earned" => "support-mail-kind-badge-earned",
            "badge_added" => "support-mail-kind-badge-added",
            "badge_reminder" => "support-mail-kind-badge-reminder",
            "badge_revoked" => "support-mail-kind-badge-revoked",
            "address_attached" => "support-mail-kind-address-attached",
            "sign_up_confirm" | "sign_up_existing" => "support-mail-kind-sign-up",
            "password_reset" | "password_reset_unknown" => "support-mail-kind-password",
            _ => "support-mail-kind-address",
        }
    }
}

/// A provider account linked for sign-in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Identity {
    pub provider: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub account: Account,
    pub addresses: Vec<Address>,
    pub waiting: Vec<Waiting>,
    pub awards: Vec<Award>,
    pub results: Vec<ResultRow>,
    pub mails: Vec<Mail>,
    pub identities: Vec<Identity>,
    /// Newest first.
    pub trail: Vec<audit::Row>,
}

/// The profile of account `id`; `None` when there is none.
pub async fn load(db: &PgPool, id: i64) -> Result<Option<Profile>, sqlx::Error> {
    let account: Option<Account> = sqlx::query_as(
        "SELECT id, display_name, locale, handle, profile_visibility, auto_accept,
                password_hash IS NOT NULL AS has_password, created_at
           FROM candidates WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(account) = account else {
        return Ok(None);
    };
    let addresses: Vec<Address> = sqlx::query_as(
        "SELECT e.email, e.is_primary, e.verified_at,
                EXISTS (SELECT 1 FROM mail_suppressions s WHERE s.address = e.email) AS suppressed
           FROM candidate_emails e WHERE e.candidate_id = $1
          ORDER BY e.is_primary DESC, e.email",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let waiting: Vec<Waiting> = sqlx::query_as(
        "SELECT DISTINCT ON (email) email, created_at AS asked_at, expires_at <= now() AS expired
           FROM email_links
          WHERE candidate_id = $1 AND purpose = 'add_email' AND used_at IS NULL
          ORDER BY email, created_at DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let emails: Vec<String> = addresses.iter().map(|a| a.email.clone()).collect();
    let awards = awards_of(db, Some(id), &emails).await?;
    let results = results_of(db, &emails, &awards).await?;
    let mails = mails_to(db, &emails).await?;
    let identities: Vec<Identity> = sqlx::query_as(
        "SELECT provider, email, name, created_at, last_used_at FROM identities
          WHERE candidate_id = $1 ORDER BY provider",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let mut subjects = vec![Subject::Candidate(id)];
    subjects.extend(awards.iter().map(|a| Subject::Award(&a.id)));
    let trail = audit::about_any(db, &subjects, Some(LIST_LIMIT)).await?;
    Ok(Some(Profile {
        account,
        addresses,
        waiting,
        awards,
        results,
        mails,
        identities,
        trail,
    }))
}

/// One award, by id.
pub async fn award(db: &PgPool, id: &AwardId) -> Result<Option<Award>, sqlx::Error> {
    sqlx::query_as(concat!(select_award!(), "WHERE a.id = $1"))
        .bind(id.as_str())
        .fetch_optional(db)
        .await
}

/// One email of the outbox, by id.
pub async fn mail(db: &PgPool, id: i64) -> Result<Option<Mail>, sqlx::Error> {
    sqlx::query_as(concat!(select_mail!(), "WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// An account's id and name.
pub async fn account_ref(db: &PgPool, id: i64) -> Result<Option<AccountRef>, sqlx::Error> {
    sqlx::query_as("SELECT id, display_name FROM candidates WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Writes that `staff` opened the profile of `id`.
pub async fn log_view(db: &PgPool, staff: Actor, id: i64) -> Result<(), sqlx::Error> {
    let mut conn = db.acquire().await?;
    audit::record(
        &mut conn,
        &Entry::new(staff, Action::SupportProfileViewed),
        Subject::Candidate(id),
    )
    .await
}

/// The awards of account `id` and those sent to `emails`, newest first.
pub(crate) async fn awards_of(
    db: &PgPool,
    id: Option<i64>,
    emails: &[String],
) -> Result<Vec<Award>, sqlx::Error> {
    sqlx::query_as(concat!(
        select_award!(),
        "WHERE a.candidate_id = $1 OR a.recipient_email = ANY($2)
          ORDER BY a.issued_on DESC, b.title"
    ))
    .bind(id)
    .bind(emails)
    .fetch_all(db)
    .await
}

/// The results reported under `emails`, newest first, with what the rules made of them
/// (`awards`: the awards they may have given).
pub(crate) async fn results_of(
    db: &PgPool,
    emails: &[String],
    awards: &[Award],
) -> Result<Vec<ResultRow>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Stored {
        id: i64,
        source: String,
        result_id: String,
        email: String,
        email_normalized: String,
        given_name: String,
        family_name: String,
        exam_code: String,
        passed_on: NaiveDate,
        received_at: DateTime<Utc>,
        no_badge_reason: Option<String>,
    }
    let rows: Vec<Stored> = sqlx::query_as(
        "SELECT id, source, result_id, email, email_normalized, given_name, family_name,
                exam_code, passed_on, received_at, no_badge_reason
           FROM results WHERE email_normalized = ANY($1)
          ORDER BY passed_on DESC, id DESC LIMIT $2",
    )
    .bind(emails)
    .bind(LIST_LIMIT)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let reason = r.no_badge_reason.as_deref().and_then(NoBadgeReason::parse);
            let given: Vec<&Award> = awards.iter().filter(|a| a.result_row == r.id).collect();
            ResultRow {
                outcome: outcome(reason, &given),
                row: r.id,
                source: r.source,
                result_id: r.result_id,
                email_reported: r.email,
                email: r.email_normalized,
                name: format!("{} {}", r.given_name, r.family_name),
                exam_code: r.exam_code,
                passed_on: r.passed_on,
                received_at: r.received_at,
            }
        })
        .collect())
}

/// What the rules made of a result: its reason for no badge, or the awards it gave.
fn outcome(reason: Option<NoBadgeReason>, given: &[&Award]) -> Vec<Outcome> {
    if let Some(reason) = reason {
        return vec![Outcome::NoBadge(reason)];
    }
    let mut outcome = Vec::new();
    if given.iter().any(|a| a.kind == BadgeKind::Certification) {
        outcome.push(Outcome::CertificationInstead);
    } else {
        outcome.push(Outcome::Awarded);
    }
    if given.iter().any(|a| a.candidate_id.is_none()) {
        outcome.push(Outcome::AddressNotOnAnyAccount);
    }
    outcome
}

/// The emails to `emails`, newest first.
pub(crate) async fn mails_to(db: &PgPool, emails: &[String]) -> Result<Vec<Mail>, sqlx::Error> {
    sqlx::query_as(concat!(
        select_mail!(),
        "WHERE recipient = ANY($1) ORDER BY id DESC LIMIT $2"
    ))
    .bind(emails)
    .bind(LIST_LIMIT)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn award(kind: BadgeKind, candidate_id: Option<i64>) -> Award {
        Award {
            id: "a".into(),
            code: "AZ-104".into(),
            title: "t".into(),
            kind,
            state: AwardState::Pending,
            visibility: Visibility::Public,
            recipient_email: "a@example.com".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            candidate_id,
            result_row: 1,
            state_reason: None,
        }
    }

    #[test]
    fn a_result_says_in_words_what_the_rules_made_of_it() {
        assert_eq!(
            outcome(Some(NoBadgeReason::Legacy), &[]),
            [Outcome::NoBadge(NoBadgeReason::Legacy)]
        );
        let exam = award(BadgeKind::Exam, Some(1));
        assert_eq!(outcome(None, &[&exam]), [Outcome::Awarded]);
        let certification = award(BadgeKind::Certification, None);
        assert_eq!(
            outcome(None, &[&certification]),
            [
                Outcome::CertificationInstead,
                Outcome::AddressNotOnAnyAccount
            ]
        );
    }
}
