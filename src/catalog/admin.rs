//! What the admin console does to the catalog between two loads of a file: it lists the
//! exams and certifications, retires one with a date, and changes a badge policy. Each
//! change is one guarded `UPDATE` with its audit row (the value before and after), in one
//! transaction; a change to what it already is writes nothing.
//!
//! The next load of a catalog file sets every entry it names to what the file says, so a
//! change made here is lost if the file still says otherwise: the console says so.

use chrono::NaiveDate;
use serde_json::json;
use sqlx::PgPool;

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::{BadgeKind, Policy, Status};

/// An exam or certification as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CatalogEntry {
    pub code: String,
    pub title: String,
    pub kind: BadgeKind,
    pub issuer: String,
    pub status: Status,
    pub retired_on: Option<NaiveDate>,
    pub policy: Policy,
}

macro_rules! select {
    () => {
        "SELECT b.code, b.title, b.kind, i.name AS issuer, b.status, b.retired_on, b.policy
           FROM badge_classes b JOIN issuers i ON i.id = b.issuer_id "
    };
}

/// Every entry, exams then certifications, by code. The catalog of a program is hundreds
/// of entries, not millions: it is listed whole.
pub async fn entries(db: &PgPool) -> Result<Vec<CatalogEntry>, sqlx::Error> {
    sqlx::query_as(concat!(select!(), "ORDER BY b.kind DESC, lower(b.code)"))
        .fetch_all(db)
        .await
}

/// The entry of `code`, in any letter case.
pub async fn entry(db: &PgPool, code: &str) -> Result<Option<CatalogEntry>, sqlx::Error> {
    sqlx::query_as(concat!(select!(), "WHERE lower(b.code) = lower($1)"))
        .bind(code)
        .fetch_optional(db)
        .await
}

/// What a change of the console did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// It was so already: nothing written.
    Unchanged,
    /// No entry has this code.
    NotFound,
}

/// Retires the entry of `code` on `on` (or moves the date of a retirement). Its awards
/// stay claimable and shareable (rule 5); an eligible exam keeps giving its badge.
pub async fn retire(
    db: &PgPool,
    code: &str,
    on: NaiveDate,
    actor: Actor,
) -> Result<Changed, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed: Option<(String, Status, Option<NaiveDate>)> = sqlx::query_as(
        "UPDATE badge_classes b SET status = 'retired', retired_on = $2, updated_at = now()
           FROM (SELECT id, status, retired_on FROM badge_classes
                  WHERE lower(code) = lower($1) FOR UPDATE) old
          WHERE b.id = old.id AND (old.status, old.retired_on) IS DISTINCT FROM ('retired', $2)
         RETURNING b.code, old.status, old.retired_on",
    )
    .bind(code)
    .bind(on)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((code, status, retired_on)) = changed else {
        return unchanged_or_missing(db, code).await;
    };
    let entry = Entry::new(actor, Action::BadgeClassRetired).change(
        Some(json!({ "status": status, "retired_on": retired_on })),
        json!({ "status": Status::Retired, "retired_on": on }),
    );
    audit::record(&mut tx, &entry, Subject::BadgeClass(&code)).await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

/// Sets the badge policy of the entry of `code`. It decides the badges of results imported
/// from then on; awards made before stay as they are.
pub async fn set_policy(
    db: &PgPool,
    code: &str,
    policy: Policy,
    actor: Actor,
) -> Result<Changed, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed: Option<(String, Policy)> = sqlx::query_as(
        "UPDATE badge_classes b SET policy = $2, updated_at = now()
           FROM (SELECT id, policy FROM badge_classes
                  WHERE lower(code) = lower($1) FOR UPDATE) old
          WHERE b.id = old.id AND old.policy <> $2
         RETURNING b.code, old.policy",
    )
    .bind(code)
    .bind(policy)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((code, before)) = changed else {
        return unchanged_or_missing(db, code).await;
    };
    let entry = Entry::new(actor, Action::PolicyChanged).change(
        Some(json!({ "policy": before })),
        json!({ "policy": policy }),
    );
    audit::record(&mut tx, &entry, Subject::BadgeClass(&code)).await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

async fn unchanged_or_missing(db: &PgPool, code: &str) -> Result<Changed, sqlx::Error> {
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM badge_classes WHERE lower(code) = lower($1))",
    )
    .bind(code)
    .fetch_one(db)
    .await?;
    Ok(if exists {
        Changed::Unchanged
    } else {
        Changed::NotFound
    })
}
