//! How a candidate's accepted badges match the open job postings.
//!
//! Rules (each tested in `tests/it/career.rs`):
//! - only the candidate's **accepted** badges count, and not once they have expired: pending,
//!   declined and revoked ones do not (nor does anything about the candidate leave the site:
//!   the matching is a query of this database);
//! - a posting is **open** while `valid_through` is in the future: expired postings are gone
//!   from every page at once, whatever the importer has done since;
//! - a posting matches when it asks for one of the badges by name (certification or exam
//!   code), for an occupation one of them leads to, or for a skill one of them shows (a
//!   certification shows its own skills and those of its exams);
//! - the best match comes first: more badges asked for by name, then more occupations, then
//!   more shared skills (so one certification asked for by name outweighs any number of
//!   occupations and skills); then the newest `datePosted`, then the newest row;
//! - the scoring runs in memory over every open posting (`insights::index`), then the page's
//!   rows are read by id;
//! - filters: an area (postings whose state is one of the area's states; the nation: all),
//!   remote only, a yearly salary of at least X (the top of the posting's range, or its only
//!   figure, reaches X; postings without a salary are left out by this filter).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use super::index::{self, Postings};

/// Postings shown per page of the Career page.
pub const PER_PAGE: i64 = 20;

/// A badge class the candidate holds (accepted, not expired).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Held {
    pub id: i64,
    pub code: String,
    pub title: String,
}

/// The badge classes of the candidate's accepted badges that have not expired, by title.
pub async fn held_classes(db: &PgPool, candidate_id: i64) -> Result<Vec<Held>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT b.id, b.code, b.title
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          WHERE a.candidate_id = $1 AND a.state = 'accepted'
            AND (a.expires_on IS NULL OR a.expires_on >= current_date)
          ORDER BY b.title, b.id",
    )
    .bind(candidate_id)
    .fetch_all(db)
    .await
}

/// What the list of postings is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// The postal codes of the area's states; `None`: the whole nation.
    pub states: Option<Vec<String>>,
    pub remote_only: bool,
    /// A yearly salary of at least this many US dollars.
    pub min_salary: Option<i32>,
}

/// A matching open posting, with why it matches.
#[derive(Debug, Clone)]
pub struct Posting {
    pub id: i64,
    pub title: String,
    pub organization: String,
    pub remote: bool,
    pub locality: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub date_posted: NaiveDate,
    pub valid_through: DateTime<Utc>,
    pub salary_currency: Option<String>,
    /// The salary as sent, in whole units of `salary_currency` per `salary_unit`.
    pub salary_min: Option<i64>,
    pub salary_max: Option<i64>,
    pub salary_unit: Option<String>,
    pub apply_url: String,
    pub demo: bool,
    /// The titles of the candidate's badges it asks for by name.
    pub asks_for: Vec<String>,
    /// How many of the occupations of the candidate's badges it is for.
    pub occupations: i64,
    /// How many skills of the candidate's badges it asks for.
    pub skills: i64,
}

impl Posting {
    /// Where it is, as a line: "Austin, TX", "TX", "Remote" is the template's.
    pub fn place(&self) -> Option<String> {
        let parts: Vec<&str> = [self.locality.as_deref(), self.state.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        match (parts.is_empty(), self.country.as_deref()) {
            (false, _) => Some(parts.join(", ")),
            (true, Some(country)) => Some(country.to_owned()),
            (true, None) => None,
        }
    }
}

/// A page of matching postings.
#[derive(Debug, Clone, Default)]
pub struct PostingsPage {
    pub postings: Vec<Posting>,
    /// How many match in all (every page).
    pub total: i64,
    /// The page shown, from 0.
    pub page: i64,
}

impl PostingsPage {
    pub fn has_next(&self) -> bool {
        (self.page + 1) * PER_PAGE < self.total
    }

    pub fn has_previous(&self) -> bool {
        self.page > 0
    }

    /// Some posting of the page is generated demo data.
    pub fn shows_demo(&self) -> bool {
        self.postings.iter().any(|p| p.demo)
    }
}

/// The columns of a [`Posting`] a page shows; the score's parts come from the index.
#[derive(sqlx::FromRow)]
struct Shown {
    id: i64,
    title: String,
    organization: String,
    remote: bool,
    locality: Option<String>,
    state: Option<String>,
    country: Option<String>,
    date_posted: NaiveDate,
    valid_through: DateTime<Utc>,
    salary_currency: Option<String>,
    salary_min: Option<i64>,
    salary_max: Option<i64>,
    salary_unit: Option<String>,
    apply_url: String,
    demo: bool,
}

/// An employer among the matching open postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employer {
    pub organization: String,
    pub postings: i64,
    /// Some of its postings are generated demo data.
    pub demo: bool,
}

/// The open postings that match the badges `held`, best first, narrowed by `filters`: page
/// `page` (from 0) of [`PER_PAGE`], and the employers of all of them (most postings first, at
/// most 10). Scored in memory (`insights::index`); the page's rows are then read by id.
pub async fn postings(
    db: &PgPool,
    index: &Postings,
    held: &[Held],
    filters: &Filters,
    page: i64,
) -> Result<(PostingsPage, Vec<Employer>), sqlx::Error> {
    let page = page.max(0);
    if held.is_empty() {
        return Ok((PostingsPage::default(), Vec::new()));
    }
    let classes: Vec<i64> = held.iter().map(|h| h.id).collect();
    let offer = index::offer(db, &classes).await?;
    let found = index
        .current(db)
        .await?
        .matches(&offer, filters, Utc::now(), page, PER_PAGE);
    let ids: Vec<i64> = found.page.iter().map(|m| m.id).collect();
    let asked: Vec<i64> = found
        .page
        .iter()
        .flat_map(|m| m.classes.iter().copied())
        .filter(|c| !held.iter().any(|h| h.id == *c))
        .collect();
    let exam_codes: std::collections::HashMap<i64, String> =
        sqlx::query_as::<_, (i64, String)>("SELECT id, code FROM badge_classes WHERE id = ANY($1)")
            .bind(&asked)
            .fetch_all(db)
            .await?
            .into_iter()
            .collect();
    let mut rows: Vec<Shown> = sqlx::query_as(
        "SELECT id, title, organization, remote, locality, state, country, date_posted,
                valid_through, salary_currency, round(salary_min)::bigint AS salary_min,
                round(salary_max)::bigint AS salary_max, salary_unit, apply_url, demo
           FROM job_postings WHERE id = ANY($1)",
    )
    .bind(&ids)
    .fetch_all(db)
    .await?;
    let postings = found
        .page
        .iter()
        .filter_map(|m| {
            let at = rows.iter().position(|r| r.id == m.id)?;
            let r = rows.swap_remove(at);
            // A class asked for is one held, or an exam of one held (named by its code).
            let mut asks_for: Vec<String> = m
                .classes
                .iter()
                .filter_map(|c| {
                    held.iter()
                        .find(|h| h.id == *c)
                        .map(|h| h.title.clone())
                        .or_else(|| exam_codes.get(c).cloned())
                })
                .collect();
            asks_for.sort();
            asks_for.dedup();
            Some(Posting {
                id: r.id,
                title: r.title,
                organization: r.organization,
                remote: r.remote,
                locality: r.locality,
                state: r.state,
                country: r.country,
                date_posted: r.date_posted,
                valid_through: r.valid_through,
                salary_currency: r.salary_currency,
                salary_min: r.salary_min,
                salary_max: r.salary_max,
                salary_unit: r.salary_unit,
                apply_url: r.apply_url,
                demo: r.demo,
                asks_for,
                occupations: m.occupations,
                skills: m.skills,
            })
        })
        .collect();
    let employers = found
        .employers
        .into_iter()
        .map(|(organization, postings, demo)| Employer {
            organization,
            postings,
            demo,
        })
        .collect();
    Ok((
        PostingsPage {
            postings,
            total: found.total,
            page,
        },
        employers,
    ))
}

/// How many open postings match the badge classes `classes` under `filters` (the wallet's
/// count of one badge).
pub async fn count(
    db: &PgPool,
    index: &Postings,
    classes: &[i64],
    filters: &Filters,
) -> Result<i64, sqlx::Error> {
    if classes.is_empty() {
        return Ok(0);
    }
    let offer = index::offer(db, classes).await?;
    Ok(index
        .current(db)
        .await?
        .matches(&offer, filters, Utc::now(), 0, 0)
        .total)
}

/// How many open postings ask for the badge class `class_id` by name, or for one of its exams
/// when it is a certification (the public badge page).
pub async fn asking_for(db: &PgPool, class_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(DISTINCT j.posting_id) FROM job_posting_badge_classes j
           JOIN job_postings p ON p.id = j.posting_id
          WHERE (j.badge_class_id = $1
                 OR j.badge_class_id IN (SELECT exam_id FROM certification_exams
                                          WHERE certification_id = $1))
            AND p.valid_through > now()",
    )
    .bind(class_id)
    .fetch_one(db)
    .await
}
