//! What anyone may see of awards: a public badge page, a public profile, an Open Badges
//! assertion and the issuer's revocation list all read these views, never an
//! [`EarnedBadge`](super::EarnedBadge), so no recipient address can leak through them.
//!
//! The rule (`domain::award`): an award is public once accepted, while its own visibility
//! and its earner's profile are public. A revoked award stays public on the same terms if it
//! had been accepted before: its URLs then say "revoked" (410 for its assertion) instead of
//! vanishing. Anything else is not found, exactly like an id that never existed.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use crate::domain::{AwardId, AwardState, BadgeKind, Level, Standing};
use crate::openbadges::hashed_identity;

/// An award as anyone may see it: no recipient address, no account id; the recipient is the
/// salted hash an Open Badges assertion carries.
#[derive(Debug, Clone)]
pub struct PublicBadge {
    pub id: String,
    pub code: String,
    pub title: String,
    pub kind: BadgeKind,
    pub level: Option<Level>,
    pub label: Option<String>,
    /// The catalog's description ("" when it gives none).
    pub description: String,
    pub criteria_url: Option<String>,
    pub issuer: String,
    pub issuer_slug: String,
    pub issuer_url: String,
    pub issuer_linkedin: Option<String>,
    /// The earner's name as their profile gives it.
    pub earner: String,
    /// The earner's public profile, when they chose a handle.
    pub earner_handle: Option<String>,
    pub state: AwardState,
    /// Why it was revoked (a revoked award only).
    pub revocation_reason: Option<String>,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub skills: Vec<String>,
    pub retired_on: Option<NaiveDate>,
    /// The exams that earn it (a certification's; an exam's own code).
    pub exams: Vec<String>,
    /// `sha256$…` of the recipient address and the salt.
    pub recipient_identity: String,
    pub recipient_salt: String,
    /// When the catalog entry last changed: the version of its art.
    pub class_updated_at: DateTime<Utc>,
}

impl PublicBadge {
    /// Valid, expiring, expired or revoked, on `today`.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        Standing::of(self.state, self.expires_on, today)
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    code: String,
    title: String,
    kind: BadgeKind,
    level: Option<Level>,
    label: Option<String>,
    description: String,
    criteria_url: Option<String>,
    issuer: String,
    issuer_slug: String,
    issuer_url: String,
    issuer_linkedin: Option<String>,
    earner: String,
    earner_handle: Option<String>,
    state: AwardState,
    state_reason: Option<String>,
    issued_on: NaiveDate,
    expires_on: Option<NaiveDate>,
    skills: Vec<String>,
    retired_on: Option<NaiveDate>,
    exams: Vec<String>,
    recipient_email: String,
    recipient_salt: String,
    class_updated_at: DateTime<Utc>,
}

impl From<Row> for PublicBadge {
    fn from(row: Row) -> PublicBadge {
        PublicBadge {
            recipient_identity: hashed_identity(&row.recipient_email, &row.recipient_salt),
            id: row.id,
            code: row.code,
            title: row.title,
            kind: row.kind,
            level: row.level,
            label: row.label,
            description: row.description,
            criteria_url: row.criteria_url,
            issuer: row.issuer,
            issuer_slug: row.issuer_slug,
            issuer_url: row.issuer_url,
            issuer_linkedin: row.issuer_linkedin,
            earner: row.earner,
            earner_handle: row.earner_handle,
            state: row.state,
            revocation_reason: row.state_reason,
            issued_on: row.issued_on,
            expires_on: row.expires_on,
            skills: row.skills,
            retired_on: row.retired_on,
            exams: row.exams,
            recipient_salt: row.recipient_salt,
            class_updated_at: row.class_updated_at,
        }
    }
}

/// The condition of a public award `a` of the earner `c` (the rule of the module doc).
macro_rules! public_rule {
    () => {
        "a.visibility = 'public' AND c.profile_visibility = 'public'
         AND (a.state = 'accepted' OR (a.state = 'revoked' AND a.accepted_at IS NOT NULL))"
    };
}

/// `SELECT` of the public awards (the rule of the module doc), followed by more conditions.
macro_rules! select_public {
    ($rest:literal) => {
        concat!(
            "SELECT a.id, b.code, b.title, b.kind, b.level, b.label, b.description, b.criteria_url,
                    i.name AS issuer, i.slug AS issuer_slug, i.url AS issuer_url,
                    i.linkedin_organization_id AS issuer_linkedin,
                    c.display_name AS earner, c.handle AS earner_handle,
                    a.state, a.state_reason, a.issued_on, a.expires_on, b.retired_on,
                    -- a certification's skills are those of its exams, unless it lists its own
                    badge_class_skill_names(b.id) AS skills,
                    CASE WHEN b.kind = 'exam' THEN ARRAY[b.code]
                         ELSE ARRAY(SELECT e.code FROM certification_exams ce
                                      JOIN badge_classes e ON e.id = ce.exam_id
                                     WHERE ce.certification_id = b.id ORDER BY e.code)
                    END AS exams,
                    a.recipient_email, a.recipient_salt, b.updated_at AS class_updated_at
               FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
               JOIN issuers i ON i.id = b.issuer_id
               JOIN candidates c ON c.id = a.candidate_id
              WHERE ",
            public_rule!(),
            " ",
            $rest
        )
    };
}

/// The public view of an award: `None` unless the award exists and its earner shows it.
pub async fn public_badge(
    db: &PgPool,
    award_id: &AwardId,
) -> Result<Option<PublicBadge>, sqlx::Error> {
    // One query: this is what the page employers open most reads.
    let row: Option<Row> = sqlx::query_as(select_public!("AND a.id = $1"))
        .bind(award_id.as_str())
        .fetch_optional(db)
        .await?;
    Ok(row.map(PublicBadge::from))
}

/// The version of the public view of `award_id`: `None` when it has none (as
/// [`public_badge`]), else a text that changes whenever anything the view shows may have
/// changed, so that what was made from the view (a rendered page) can be kept until then.
///
/// It is made of the row versions (`xmin`, the transaction that last wrote the row) of the
/// award and its earner, and the time of the last catalog change (a catalog load stamps every
/// badge class and issuer it loads): one lookup by key, much cheaper than the view itself.
/// It comes with the award's badge class (what the public page's career section is about).
pub async fn public_version(
    db: &PgPool,
    award_id: &AwardId,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    sqlx::query_as(concat!(
        "SELECT concat_ws('/', a.xmin, c.xmin,
                   (SELECT extract(epoch FROM max(updated_at)) FROM badge_classes),
                   (SELECT extract(epoch FROM max(updated_at)) FROM issuers)),
                a.badge_class_id
           FROM awards a JOIN candidates c ON c.id = a.candidate_id
          WHERE a.id = $1 AND ",
        public_rule!()
    ))
    .bind(award_id.as_str())
    .fetch_optional(db)
    .await
}

/// A public profile: its owner's name and text, and their public badges, newest first
/// (revoked ones are not shown there).
#[derive(Debug, Clone)]
pub struct PublicProfile {
    pub name: String,
    pub handle: String,
    pub bio: String,
    pub badges: Vec<PublicBadge>,
}

/// The profile at `handle`: `None` when there is none or it is private.
pub async fn public_profile(
    db: &PgPool,
    handle: &str,
) -> Result<Option<PublicProfile>, sqlx::Error> {
    let owner: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, display_name, handle, bio FROM candidates
          WHERE handle = lower($1) AND profile_visibility = 'public'",
    )
    .bind(handle)
    .fetch_optional(db)
    .await?;
    let Some((id, name, handle, bio)) = owner else {
        return Ok(None);
    };
    let rows: Vec<Row> = sqlx::query_as(select_public!(
        "AND a.candidate_id = $1 AND a.state = 'accepted' ORDER BY a.issued_on DESC, b.title"
    ))
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(Some(PublicProfile {
        name,
        handle,
        bio,
        badges: rows.into_iter().map(PublicBadge::from).collect(),
    }))
}

/// A revoked public award, as the issuer's revocation list names it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Revocation {
    pub award_id: String,
    pub reason: String,
}

/// The revoked public awards of the issuer `slug`, oldest revocation first; `None` when
/// there is no such issuer.
pub async fn revocations(
    db: &PgPool,
    issuer_slug: &str,
) -> Result<Option<Vec<Revocation>>, sqlx::Error> {
    let issuer: Option<i64> = sqlx::query_scalar("SELECT id FROM issuers WHERE slug = $1")
        .bind(issuer_slug)
        .fetch_optional(db)
        .await?;
    let Some(issuer) = issuer else {
        return Ok(None);
    };
    let list = sqlx::query_as(
        "SELECT a.id AS award_id, a.state_reason AS reason
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
           JOIN candidates c ON c.id = a.candidate_id
          WHERE b.issuer_id = $1 AND a.state = 'revoked' AND a.accepted_at IS NOT NULL
            AND a.visibility = 'public' AND c.profile_visibility = 'public'
          ORDER BY a.revoked_at, a.id",
    )
    .bind(issuer)
    .fetch_all(db)
    .await?;
    Ok(Some(list))
}

/// Whether `candidate_id` earned `award_id`: its public page then offers them the ways to
/// share it.
pub async fn is_earner(
    db: &PgPool,
    award_id: &AwardId,
    candidate_id: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM awards WHERE id = $1 AND candidate_id = $2)")
        .bind(award_id.as_str())
        .bind(candidate_id)
        .fetch_one(db)
        .await
}
