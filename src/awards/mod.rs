//! What a candidate does with awards: the wallet, accepting and declining, visibility, and
//! the claim links of notification emails.
//!
//! An award belongs to the account (`awards.candidate_id`) that has verified its recipient
//! address; every change here checks that, so nobody acts on someone else's award.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::{
    AwardId, AwardState, BadgeKind, Exposure, Level, SecretToken, Standing, Visibility,
};

mod public;
mod revoke;

pub use public::{
    PublicBadge, PublicProfile, Revocation, is_earner, public_badge, public_profile,
    public_version, public_version_of_class, revocations,
};
pub use revoke::{AwardFacts, MAX_REASON, Revoked, facts, revoke};

/// An award as its earner sees it, with the address it was sent to: only for its earner's
/// own pages (wallet, badge page, claim page) and support. What others see is a
/// [`PublicBadge`], which has no address to leak.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EarnedBadge {
    pub id: String,
    pub code: String,
    pub title: String,
    pub kind: BadgeKind,
    pub level: Option<Level>,
    pub label: Option<String>,
    pub issuer: String,
    /// The issuer's LinkedIn organization id, for "Add to profile".
    pub issuer_linkedin: Option<String>,
    pub recipient_email: String,
    pub state: AwardState,
    pub visibility: Visibility,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub state_changed_at: DateTime<Utc>,
    /// Why it was revoked (only a revoked award has one).
    pub state_reason: Option<String>,
    pub skills: Vec<String>,
    pub retired_on: Option<NaiveDate>,
    pub candidate_id: Option<i64>,
    /// Whether the earner's profile is public (private when the award has no account).
    pub profile_visibility: Visibility,
}

impl EarnedBadge {
    pub fn is_private(&self) -> bool {
        self.visibility == Visibility::Private
    }

    /// Who can see it: what the badge page tells its earner.
    pub fn exposure(&self) -> Exposure {
        Exposure::of(self.state, self.visibility, self.profile_visibility)
    }

    /// Valid, expiring, expired or revoked, on `today`.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        Standing::of(self.state, self.expires_on, today)
    }
}

/// `SELECT` of an [`EarnedBadge`], followed by a `WHERE` clause.
macro_rules! select_badge {
    ($rest:literal) => {
        concat!(
            "SELECT a.id, b.code, b.title, b.kind, b.level, b.label, i.name AS issuer,
                    i.linkedin_organization_id AS issuer_linkedin, a.recipient_email,
                    a.state, a.visibility, a.issued_on, a.expires_on, a.state_changed_at,
                    a.state_reason, b.skills, b.retired_on, a.candidate_id,
                    coalesce(c.profile_visibility, 'private') AS profile_visibility
               FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
               JOIN issuers i ON i.id = b.issuer_id
               LEFT JOIN candidates c ON c.id = a.candidate_id ",
            $rest
        )
    };
}

/// Every award in the wallet of `candidate_id`, newest first.
pub async fn wallet(db: &PgPool, candidate_id: i64) -> Result<Vec<EarnedBadge>, sqlx::Error> {
    sqlx::query_as(select_badge!(
        "WHERE a.candidate_id = $1 ORDER BY a.issued_on DESC, b.title"
    ))
    .bind(candidate_id)
    .fetch_all(db)
    .await
}

/// One award of `candidate_id`'s wallet; `None` when it does not exist or is not theirs.
pub async fn in_wallet(
    db: &PgPool,
    candidate_id: i64,
    award_id: &AwardId,
) -> Result<Option<EarnedBadge>, sqlx::Error> {
    let badge: Option<EarnedBadge> =
        sqlx::query_as(select_badge!("WHERE a.id = $1 AND a.candidate_id = $2"))
            .bind(award_id.as_str())
            .bind(candidate_id)
            .fetch_optional(db)
            .await?;
    let Some(mut badge) = badge else {
        return Ok(None);
    };
    crate::catalog::public::fill_skills(db, badge.kind, &badge.code, &mut badge.skills).await?;
    Ok(Some(badge))
}

/// What became of an accept or decline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Changed,
    /// It was already in that state: nothing changed.
    Unchanged,
    /// Not in this candidate's wallet (or no such award).
    NotYours,
    /// Revoked awards cannot be accepted or declined.
    Revoked,
}

/// Accepts or declines one award. Two requests at the same moment make one change: the
/// update only matches while the state differs, and PostgreSQL serializes the two.
pub async fn set_state(
    db: &PgPool,
    candidate_id: i64,
    award_id: &AwardId,
    to: AwardState,
) -> Result<Changed, sqlx::Error> {
    let mut tx = db.begin().await?;
    // The state before the change comes from the same row version the update replaced.
    let before: Option<AwardState> = sqlx::query_scalar(
        "UPDATE awards a SET state = $3, state_changed_at = now(),
                accepted_at = CASE WHEN $3 = 'accepted' THEN now() END
           FROM (SELECT id, state FROM awards WHERE id = $1) old
          WHERE a.id = old.id AND a.candidate_id = $2 AND a.state <> $3 AND a.state <> $4
         RETURNING old.state",
    )
    .bind(award_id.as_str())
    .bind(candidate_id)
    .bind(to)
    .bind(AwardState::Revoked)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(before) = before {
        settle(
            &mut tx,
            candidate_id,
            &[award_id.as_str().to_owned()],
            before,
            to,
        )
        .await?;
        tx.commit().await?;
        return Ok(Changed::Changed);
    }
    let current: Option<AwardState> =
        sqlx::query_scalar("SELECT state FROM awards WHERE id = $1 AND candidate_id = $2")
            .bind(award_id.as_str())
            .bind(candidate_id)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(match current {
        None => Changed::NotYours,
        Some(AwardState::Revoked) => Changed::Revoked,
        Some(_) => Changed::Unchanged,
    })
}

/// After a change: the claim links are used up, reminders stop, and the audit log says so.
async fn settle(
    conn: &mut sqlx::PgConnection,
    candidate_id: i64,
    award_ids: &[String],
    from: AwardState,
    to: AwardState,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE claim_tokens SET used_at = now() WHERE award_id = ANY($1) AND used_at IS NULL",
    )
    .bind(award_ids)
    .execute(&mut *conn)
    .await?;
    let action = match to {
        AwardState::Pending => Action::AwardPending,
        AwardState::Accepted => Action::AwardAccepted,
        AwardState::Declined => Action::AwardDeclined,
        AwardState::Revoked => Action::AwardRevoked,
    };
    let entry = Entry::new(Actor::Candidate(candidate_id), action).change(
        Some(serde_json::json!({ "state": from })),
        serde_json::json!({ "state": to }),
    );
    let subjects: Vec<Subject> = award_ids.iter().map(|id| Subject::Award(id)).collect();
    audit::record_each(conn, &entry, &subjects).await
}

/// Accepts every pending award of the wallet; returns how many.
pub async fn accept_all(db: &PgPool, candidate_id: i64) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin().await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "UPDATE awards SET state = $2, state_changed_at = now(), accepted_at = now()
          WHERE candidate_id = $1 AND state = $3 RETURNING id",
    )
    .bind(candidate_id)
    .bind(AwardState::Accepted)
    .bind(AwardState::Pending)
    .fetch_all(&mut *tx)
    .await?;
    if !ids.is_empty() {
        settle(
            &mut tx,
            candidate_id,
            &ids,
            AwardState::Pending,
            AwardState::Accepted,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ids.len())
}

/// Makes one award public or private; false when it is not in this wallet.
pub async fn set_visibility(
    db: &PgPool,
    candidate_id: i64,
    award_id: &AwardId,
    visibility: Visibility,
) -> Result<bool, sqlx::Error> {
    let updated =
        sqlx::query("UPDATE awards SET visibility = $3 WHERE id = $1 AND candidate_id = $2")
            .bind(award_id.as_str())
            .bind(candidate_id)
            .bind(visibility)
            .execute(db)
            .await?
            .rows_affected();
    Ok(updated == 1)
}

/// What a claim link leads to.
#[derive(Debug)]
pub enum Claim {
    /// No such link.
    Unknown,
    /// A link of this award, usable or not.
    Found {
        badge: Box<EarnedBadge>,
        used: bool,
        expired: bool,
    },
}

pub async fn claim(db: &PgPool, token: &SecretToken) -> Result<Claim, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        award_id: String,
        used: bool,
        expired: bool,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT award_id, used_at IS NOT NULL AS used,
                coalesce(expires_at <= now(), false) AS expired
           FROM claim_tokens WHERE token_hash = $1",
    )
    .bind(token.hash())
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(Claim::Unknown);
    };
    let badge: Option<EarnedBadge> = sqlx::query_as(select_badge!("WHERE a.id = $1"))
        .bind(&row.award_id)
        .fetch_optional(db)
        .await?;
    Ok(match badge {
        Some(badge) => Claim::Found {
            badge: Box::new(badge),
            used: row.used,
            expired: row.expired,
        },
        None => Claim::Unknown,
    })
}

/// Stops reminders: of the award of a claim link (each badge's "stop reminding me" link in
/// a reminder), or of every award a reminder lists (its one-click unsubscribe address, whose
/// token is the reminder's secret); false when the token is neither.
pub async fn stop_reminders(db: &PgPool, token: &SecretToken) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE awards SET reminders_stopped_at = coalesce(reminders_stopped_at, now())
          WHERE id IN (SELECT award_id FROM claim_tokens
                        WHERE token_hash = $1 OR reminder_hash = $1)",
    )
    .bind(token.hash())
    .execute(db)
    .await?
    .rows_affected();
    Ok(updated > 0)
}
