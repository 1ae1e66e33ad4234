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
    public_version, revocations,
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
                    a.state_reason, badge_class_skill_names(b.id) AS skills, b.retired_on, a.candidate_id,
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
    sqlx::query_as(select_badge!("WHERE a.id = $1 AND a.candidate_id = $2"))
        .bind(award_id.as_str())
        .bind(candidate_id)
        .fetch_optional(db)
        .await
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
    /// Another award of the same badge is accepted in this wallet (two addresses or two
    /// accounts of one person brought it twice): a badge is held once.
    AlreadyHeld,
}

/// Whether `error` is the refusal of a second accepted award of one badge in one wallet
/// (`awards_one_accepted_per_wallet`, checked at commit).
fn is_second_accepted(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.constraint() == Some("awards_one_accepted_per_wallet"))
}

/// Accepts or declines one award. Two requests at the same moment make one change: the
/// update only matches while the state differs, and PostgreSQL serializes the two. An award
/// is not accepted while another of the same badge is accepted in the wallet.
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
            AND NOT ($3 = $5 AND EXISTS (
                SELECT 1 FROM awards o
                 WHERE o.candidate_id = $2 AND o.badge_class_id = a.badge_class_id
                   AND o.state = $5 AND o.id <> a.id))
         RETURNING old.state",
    )
    .bind(award_id.as_str())
    .bind(candidate_id)
    .bind(to)
    .bind(AwardState::Revoked)
    .bind(AwardState::Accepted)
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
        // Another award of the badge accepted at the same moment: the first commit wins.
        return match tx.commit().await {
            Ok(()) => Ok(Changed::Changed),
            Err(e) if is_second_accepted(&e) => Ok(Changed::AlreadyHeld),
            Err(e) => Err(e),
        };
    }
    let current: Option<(AwardState, bool)> = sqlx::query_as(
        "SELECT a.state, EXISTS (SELECT 1 FROM awards o
                                  WHERE o.candidate_id = a.candidate_id AND o.state = $3
                                    AND o.badge_class_id = a.badge_class_id AND o.id <> a.id)
           FROM awards a WHERE a.id = $1 AND a.candidate_id = $2",
    )
    .bind(award_id.as_str())
    .bind(candidate_id)
    .bind(AwardState::Accepted)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(match current {
        None => Changed::NotYours,
        Some((AwardState::Revoked, _)) => Changed::Revoked,
        Some((state, true)) if state != to && to == AwardState::Accepted => Changed::AlreadyHeld,
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

/// Accepts every pending award of the wallet (one of each badge, none of a badge already
/// accepted); returns how many.
pub async fn accept_all(db: &PgPool, candidate_id: i64) -> Result<usize, sqlx::Error> {
    // An accept of one of them at the same moment: the second try sees it.
    match accept_all_once(db, candidate_id).await {
        Err(e) if is_second_accepted(&e) => accept_all_once(db, candidate_id).await,
        outcome => outcome,
    }
}

async fn accept_all_once(db: &PgPool, candidate_id: i64) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin().await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "UPDATE awards SET state = $2, state_changed_at = now(), accepted_at = now()
          WHERE id IN (
                SELECT DISTINCT ON (p.badge_class_id) p.id FROM awards p
                 WHERE p.candidate_id = $1 AND p.state = $3
                   AND NOT EXISTS (SELECT 1 FROM awards o
                                    WHERE o.candidate_id = $1 AND o.state = $2
                                      AND o.badge_class_id = p.badge_class_id)
                 ORDER BY p.badge_class_id, p.issued_on, p.id)
          RETURNING id",
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

/// One award of each badge in the wallet of `candidate_id`, after addresses joined it (an
/// address added or attached, two accounts merged): of awards of the same badge (not
/// revoked), the accepted one stays (the first accepted when both were), else a pending one
/// (the first issued); the others that were pending or accepted are declined, their claim
/// links end and their reminders stop, each audited as the act of `actor` (with its reason).
/// Returns the ids declined. In the caller's transaction, under the person locks; a wallet
/// never keeps two accepted awards of one badge (`awards_one_accepted_per_wallet`).
pub async fn keep_one_of_each(
    conn: &mut sqlx::PgConnection,
    candidate_id: i64,
    actor: &Actor,
    reason: Option<&str>,
) -> Result<Vec<String>, sqlx::Error> {
    let declined: Vec<(String, AwardState, String)> = sqlx::query_as(
        "WITH ranked AS (
            SELECT id, state, first_value(id) OVER w AS kept,
                   row_number() OVER w AS n
              FROM awards
             WHERE candidate_id = $1 AND state <> $2
            WINDOW w AS (PARTITION BY badge_class_id
                         ORDER BY state = $3 DESC, state = $4 DESC, accepted_at NULLS LAST,
                                  issued_on, created_at, id)
         )
         UPDATE awards a SET state = $5, accepted_at = NULL, state_changed_at = now(),
                reminders_stopped_at = coalesce(a.reminders_stopped_at, now())
           FROM ranked r
          WHERE a.id = r.id AND r.n > 1 AND r.state IN ($3, $4)
         RETURNING a.id, r.state, r.kept",
    )
    .bind(candidate_id)
    .bind(AwardState::Revoked)
    .bind(AwardState::Accepted)
    .bind(AwardState::Pending)
    .bind(AwardState::Declined)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<String> = declined.iter().map(|(id, _, _)| id.clone()).collect();
    if ids.is_empty() {
        return Ok(ids);
    }
    sqlx::query(
        "UPDATE claim_tokens SET used_at = now() WHERE award_id = ANY($1) AND used_at IS NULL",
    )
    .bind(&ids)
    .execute(&mut *conn)
    .await?;
    for (id, before, kept) in &declined {
        let mut entry = Entry::new(actor.clone(), Action::AwardDeclined)
            .change(
                Some(serde_json::json!({ "state": before })),
                serde_json::json!({ "state": AwardState::Declined }),
            )
            .data(serde_json::json!({ "duplicate_of": kept }));
        if let Some(reason) = reason {
            entry = entry.reason(reason);
        }
        audit::record(conn, &entry, Subject::Award(id)).await?;
    }
    Ok(ids)
}
