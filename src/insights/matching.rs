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
//! - filters: an area (postings whose state is one of the area's states; the nation: all),
//!   remote only, a yearly salary of at least X (the top of the posting's range, or its only
//!   figure, reaches X; postings without a salary are left out by this filter).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

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
#[derive(Debug, Clone, sqlx::FromRow)]
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

/// The matches of `classes` among the open postings, one row per posting with its score's
/// parts. `$1`: the badge classes; the query's other parameters follow.
const MATCHES: &str = "
    WITH m AS (
        SELECT j.posting_id, array_agg(b.title ORDER BY b.title) AS asks_for,
               0::bigint AS occupations, 0::bigint AS skills
          FROM job_posting_badge_classes j JOIN badge_classes b ON b.id = j.badge_class_id
         WHERE j.badge_class_id = ANY($1)
         GROUP BY j.posting_id
        UNION ALL
        SELECT posting_id, '{}', count(*), 0
          FROM job_posting_occupations
         WHERE soc_code IN (SELECT soc_code FROM badge_class_occupations
                             WHERE badge_class_id = ANY($1))
         GROUP BY posting_id
        UNION ALL
        SELECT posting_id, '{}', 0, count(*)
          FROM job_posting_skills
         WHERE skill_id IN (SELECT skill_id FROM badge_class_skills
                             WHERE badge_class_id = ANY($1)
                            UNION
                            SELECT s.skill_id FROM certification_exams ce
                              JOIN badge_class_skills s ON s.badge_class_id = ce.exam_id
                             WHERE ce.certification_id = ANY($1))
         GROUP BY posting_id
    ), s AS (
        SELECT posting_id, max(asks_for) AS asks_for,
               sum(occupations)::bigint AS occupations, sum(skills)::bigint AS skills
          FROM m GROUP BY posting_id
    )
    SELECT p.id, p.title, p.organization, p.remote, p.locality, p.state, p.country,
           p.date_posted, p.valid_through, p.salary_currency,
           round(p.salary_min)::bigint AS salary_min, round(p.salary_max)::bigint AS salary_max,
           p.salary_unit, p.apply_url, p.demo,
           s.asks_for, s.occupations, s.skills, count(*) OVER () AS total
      FROM s JOIN job_postings p ON p.id = s.posting_id
     WHERE p.valid_through > now()
       AND ($2::text[] IS NULL OR p.state = ANY($2))
       AND (NOT $3 OR p.remote)
       AND ($4::integer IS NULL OR coalesce(p.annual_salary_max, p.annual_salary_min) >= $4)
     ORDER BY cardinality(s.asks_for) DESC, s.occupations DESC, s.skills DESC,
              p.date_posted DESC, p.id DESC
     LIMIT $5 OFFSET $6";

#[derive(sqlx::FromRow)]
struct Row {
    #[sqlx(flatten)]
    posting: Posting,
    total: i64,
}

/// The open postings that match `classes`, best first, narrowed by `filters`: page `page`
/// (from 0) of [`PER_PAGE`].
pub async fn postings(
    db: &PgPool,
    classes: &[i64],
    filters: &Filters,
    page: i64,
) -> Result<PostingsPage, sqlx::Error> {
    let page = page.max(0);
    if classes.is_empty() {
        return Ok(PostingsPage::default());
    }
    let rows: Vec<Row> = sqlx::query_as(MATCHES)
        .bind(classes)
        .bind(filters.states.as_deref())
        .bind(filters.remote_only)
        .bind(filters.min_salary)
        .bind(PER_PAGE)
        .bind(page.saturating_mul(PER_PAGE))
        .fetch_all(db)
        .await?;
    let total = match rows.first() {
        Some(row) => row.total,
        // Past the last page: still say how many there are.
        None if page > 0 => count(db, classes, filters).await?,
        None => 0,
    };
    Ok(PostingsPage {
        postings: rows.into_iter().map(|r| r.posting).collect(),
        total,
        page,
    })
}

/// The conditions of an open posting that matches the badge classes `$1` under the filters
/// `$2` (states), `$3` (remote only) and `$4` (minimum yearly salary).
macro_rules! open_matching {
    () => {
        " WHERE p.valid_through > now()
            AND ($2::text[] IS NULL OR p.state = ANY($2))
            AND (NOT $3 OR p.remote)
            AND ($4::integer IS NULL OR coalesce(p.annual_salary_max, p.annual_salary_min) >= $4)
            AND (p.id IN (SELECT posting_id FROM job_posting_badge_classes
                           WHERE badge_class_id = ANY($1))
                 OR p.id IN (SELECT posting_id FROM job_posting_occupations
                              WHERE soc_code IN (SELECT soc_code FROM badge_class_occupations
                                                  WHERE badge_class_id = ANY($1)))
                 OR p.id IN (SELECT posting_id FROM job_posting_skills
                              WHERE skill_id IN (SELECT skill_id FROM badge_class_skills
                                                  WHERE badge_class_id = ANY($1)
                                                 UNION
                                                 SELECT s.skill_id FROM certification_exams ce
                                                   JOIN badge_class_skills s
                                                     ON s.badge_class_id = ce.exam_id
                                                  WHERE ce.certification_id = ANY($1))))"
    };
}

/// The same set of postings as [`postings`], only counted.
const COUNT: &str = concat!("SELECT count(*) FROM job_postings p", open_matching!());

const EMPLOYERS: &str = concat!(
    "SELECT p.organization, count(*) AS postings, bool_or(p.demo) AS demo FROM job_postings p",
    open_matching!(),
    " GROUP BY p.organization ORDER BY postings DESC, p.organization LIMIT 10"
);

/// How many open postings match `classes` under `filters` (the wallet's count of one badge).
pub async fn count(db: &PgPool, classes: &[i64], filters: &Filters) -> Result<i64, sqlx::Error> {
    if classes.is_empty() {
        return Ok(0);
    }
    sqlx::query_scalar(COUNT)
        .bind(classes)
        .bind(filters.states.as_deref())
        .bind(filters.remote_only)
        .bind(filters.min_salary)
        .fetch_one(db)
        .await
}

/// An employer among the matching open postings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Employer {
    pub organization: String,
    pub postings: i64,
    /// Some of its postings are generated demo data.
    pub demo: bool,
}

/// The employers of the open postings that match `classes` under `filters`, the most
/// postings first, at most 10.
pub async fn employers(
    db: &PgPool,
    classes: &[i64],
    filters: &Filters,
) -> Result<Vec<Employer>, sqlx::Error> {
    if classes.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query_as(EMPLOYERS)
        .bind(classes)
        .bind(filters.states.as_deref())
        .bind(filters.remote_only)
        .bind(filters.min_salary)
        .fetch_all(db)
        .await
}

/// How many open postings ask for the badge class `class_id` by name (the public badge page).
pub async fn asking_for(db: &PgPool, class_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM job_posting_badge_classes j
           JOIN job_postings p ON p.id = j.posting_id
          WHERE j.badge_class_id = $1 AND p.valid_through > now()",
    )
    .bind(class_id)
    .fetch_one(db)
    .await
}
