//! The catalog as Open Badges documents and public pages show it: an issuer, and a badge
//! class that gives badges (an excluded or legacy entry never had one: it is not found).

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::file::AlignmentEntry;
use crate::domain::{BadgeKind, Level};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PublicIssuer {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub email: String,
}

/// The issuer `slug`, if there is one.
pub async fn issuer(db: &PgPool, slug: &str) -> Result<Option<PublicIssuer>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name, url, email FROM issuers WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db)
        .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicBadgeClass {
    pub code: String,
    pub title: String,
    pub kind: BadgeKind,
    pub level: Option<Level>,
    pub label: Option<String>,
    pub description: String,
    pub criteria_url: Option<String>,
    /// Its skills (its Open Badges tags): a certification that lists none has its exams'.
    pub skills: Vec<String>,
    #[sqlx(json)]
    pub alignments: Vec<AlignmentEntry>,
    pub retired_on: Option<chrono::NaiveDate>,
    pub issuer_slug: String,
    pub issuer: String,
    /// The exams that earn it (a certification's; an exam's own code).
    pub exams: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// The badge class of `code` (any letter case) when it gives badges.
pub async fn badge_class(db: &PgPool, code: &str) -> Result<Option<PublicBadgeClass>, sqlx::Error> {
    sqlx::query_as(
        "SELECT b.code, b.title, b.kind, b.level, b.label, b.description, b.criteria_url,
                badge_class_skill_names(b.id) AS skills, b.alignments, b.retired_on, i.slug AS issuer_slug, i.name AS issuer,
                CASE WHEN b.kind = 'exam' THEN ARRAY[b.code]
                     ELSE ARRAY(SELECT e.code FROM certification_exams ce
                                  JOIN badge_classes e ON e.id = ce.exam_id
                                 WHERE ce.certification_id = b.id ORDER BY e.code)
                END AS exams,
                b.updated_at
           FROM badge_classes b JOIN issuers i ON i.id = b.issuer_id
          WHERE lower(b.code) = lower($1) AND b.policy = 'eligible'",
    )
    .bind(code)
    .fetch_optional(db)
    .await
}
