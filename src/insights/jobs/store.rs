//! Writing postings: an upsert by `source_key` that compares before it writes, so a posting
//! sent again unchanged touches no row (no `updated_at`, no new row version), and a changed
//! one updates its row and replaces what it asks for. Skills are created when new (one row
//! per name, letter case aside). Also the purge of postings long expired.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};

use super::posting::{CatalogCodes, NewPosting, PostingError};

/// Postings expired for longer than this are deleted (with what they ask for).
pub const PURGE_AFTER_DAYS: i32 = 30;

/// Advisory lock of the postings' writers: two imports never interleave.
const LOCK: i64 = 0x4143_434f_4c4a_4f42; // "ACCOLJOB"

/// What became of one posting of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new posting, stored with this id.
    Created(i64),
    /// A posting known by its `source_key` that changed: its row and links were updated.
    Updated(i64),
    /// Known and the same: nothing was written.
    Unchanged(i64),
    /// New, but its `validThrough` has passed: not stored (it would never be shown).
    Expired,
    /// Refused; nothing stored.
    Rejected(Vec<PostingError>),
}

impl Outcome {
    /// The API's `outcome`.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Created(_) => "created",
            Outcome::Updated(_) => "updated",
            Outcome::Unchanged(_) => "unchanged",
            Outcome::Expired => "expired",
            Outcome::Rejected(_) => "rejected",
        }
    }

    pub fn posting_id(&self) -> Option<i64> {
        match self {
            Outcome::Created(id) | Outcome::Updated(id) | Outcome::Unchanged(id) => Some(*id),
            Outcome::Expired | Outcome::Rejected(_) => None,
        }
    }
}

/// Counts of a whole import.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub received: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub expired: u64,
    pub rejected: u64,
    /// Postings stored with something left out (see their warnings).
    pub with_warnings: u64,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome, warned: bool) {
        self.received += 1;
        match outcome {
            Outcome::Created(_) => self.created += 1,
            Outcome::Updated(_) => self.updated += 1,
            Outcome::Unchanged(_) => self.unchanged += 1,
            Outcome::Expired => self.expired += 1,
            Outcome::Rejected(_) => self.rejected += 1,
        }
        if warned && !matches!(outcome, Outcome::Rejected(_)) {
            self.with_warnings += 1;
        }
    }
}

/// The codes and titles of the catalog's badge classes, for what postings ask for.
pub async fn catalog_codes(db: &PgPool) -> Result<CatalogCodes, sqlx::Error> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, code, title FROM badge_classes ORDER BY id")
            .fetch_all(db)
            .await?;
    Ok(CatalogCodes::new(rows))
}

/// A posting as its row and links hold it: what "unchanged" compares.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
struct Record {
    title: String,
    organization: String,
    organization_url: Option<String>,
    description: Option<String>,
    remote: bool,
    locality: Option<String>,
    state: Option<String>,
    country: Option<String>,
    date_posted: NaiveDate,
    valid_through: DateTime<Utc>,
    salary_currency: Option<String>,
    salary_min_cents: Option<i64>,
    salary_max_cents: Option<i64>,
    salary_unit: Option<String>,
    annual_salary_min: Option<i32>,
    annual_salary_max: Option<i32>,
    apply_url: String,
    demo: bool,
    /// Ascending, as the links below.
    badge_classes: Vec<i64>,
    occupations: Vec<String>,
    skills: Vec<i64>,
}

#[derive(sqlx::FromRow)]
struct Existing {
    id: i64,
    source_key: String,
    #[sqlx(flatten)]
    record: Record,
}

impl Record {
    /// `skills`: the ids of the posting's skills (a posting with a skill that has no row yet
    /// cannot be the stored one: the caller does not compare it).
    fn of(posting: &NewPosting, skills: Vec<i64>) -> Record {
        let salary = posting.salary.as_ref();
        let mut skills = skills;
        skills.sort_unstable();
        skills.dedup();
        Record {
            title: posting.title.clone(),
            organization: posting.organization.clone(),
            organization_url: posting.organization_url.clone(),
            description: posting.description.clone(),
            remote: posting.remote,
            locality: posting.locality.clone(),
            state: posting.state.clone(),
            country: posting.country.clone(),
            date_posted: posting.date_posted,
            valid_through: posting.valid_through,
            salary_currency: salary.map(|s| s.currency.clone()),
            salary_min_cents: salary.map(|s| s.min_cents),
            salary_max_cents: salary.and_then(|s| s.max_cents),
            salary_unit: salary.map(|s| s.unit.as_str().to_owned()),
            annual_salary_min: salary.map(|s| s.annual_min()),
            annual_salary_max: salary.and_then(|s| s.annual_max()),
            apply_url: posting.apply_url.clone(),
            demo: posting.demo,
            badge_classes: posting.badge_classes.clone(),
            occupations: posting.occupations.clone(),
            skills,
        }
    }
}

/// Stores `postings` in one transaction (all or nothing) and says what became of each, in
/// order. A `source_key` repeated in the batch is written in turn: the last one wins.
pub async fn store(
    db: &PgPool,
    postings: &[NewPosting],
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, sqlx::Error> {
    let mut outcomes = Vec::with_capacity(postings.len());
    if postings.is_empty() {
        return Ok(outcomes);
    }
    let mut tx = db.begin().await?;
    // The CHECK `valid_through::date >= date_posted` reads the day in the session's zone:
    // the days of the feed are UTC days.
    sqlx::query("SET LOCAL TimeZone = 'UTC'")
        .execute(&mut *tx)
        .await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(LOCK)
        .execute(&mut *tx)
        .await?;
    let mut start = 0;
    while start < postings.len() {
        // A round: as many postings as come before a key repeats.
        let mut keys = HashSet::new();
        let end = postings[start..]
            .iter()
            .position(|p| !keys.insert(p.source_key.as_str()))
            .map_or(postings.len(), |n| start + n);
        outcomes.extend(store_round(&mut tx, &postings[start..end], now).await?);
        start = end;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// The ids of skills by name (letter case aside), for the names that have a row.
async fn skill_ids(
    conn: &mut PgConnection,
    names: &[String],
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT n, s.id FROM unnest($1::text[]) AS n JOIN skills s ON lower(s.name) = lower(n)",
    )
    .bind(names)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Postings with distinct keys.
async fn store_round(
    conn: &mut PgConnection,
    postings: &[NewPosting],
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, sqlx::Error> {
    let keys: Vec<&str> = postings.iter().map(|p| p.source_key.as_str()).collect();
    let existing: Vec<Existing> = sqlx::query_as(
        "SELECT p.id, p.source_key, p.title, p.organization, p.organization_url, p.description,
                p.remote, p.locality, p.state, p.country, p.date_posted, p.valid_through,
                p.salary_currency, (p.salary_min * 100)::int8 AS salary_min_cents,
                (p.salary_max * 100)::int8 AS salary_max_cents, p.salary_unit,
                p.annual_salary_min, p.annual_salary_max, p.apply_url, p.demo,
                ARRAY(SELECT badge_class_id FROM job_posting_badge_classes
                       WHERE posting_id = p.id ORDER BY 1) AS badge_classes,
                ARRAY(SELECT soc_code FROM job_posting_occupations
                       WHERE posting_id = p.id ORDER BY 1) AS occupations,
                ARRAY(SELECT skill_id FROM job_posting_skills
                       WHERE posting_id = p.id ORDER BY 1) AS skills
           FROM job_postings p
          WHERE p.source_key = ANY($1)
          FOR UPDATE",
    )
    .bind(&keys)
    .fetch_all(&mut *conn)
    .await?;
    let existing: HashMap<String, (i64, Record)> = existing
        .into_iter()
        .map(|e| (e.source_key, (e.id, e.record)))
        .collect();

    let names: Vec<String> = postings.iter().flat_map(|p| p.skills.clone()).collect();
    let mut skills = skill_ids(conn, &names).await?;
    let known_skills = |posting: &NewPosting, skills: &HashMap<String, i64>| -> Option<Vec<i64>> {
        posting
            .skills
            .iter()
            .map(|n| skills.get(n).copied())
            .collect()
    };

    // What to write: (index in the round, the row to update if any).
    let mut outcomes: Vec<Option<Outcome>> = vec![None; postings.len()];
    let mut writes: Vec<(usize, Option<i64>)> = Vec::new();
    for (i, posting) in postings.iter().enumerate() {
        match existing.get(&posting.source_key) {
            Some((id, stored)) => {
                let same = known_skills(posting, &skills)
                    .is_some_and(|ids| Record::of(posting, ids) == *stored);
                if same {
                    outcomes[i] = Some(Outcome::Unchanged(*id));
                } else {
                    writes.push((i, Some(*id)));
                }
            }
            None if posting.valid_through <= now => outcomes[i] = Some(Outcome::Expired),
            None => writes.push((i, None)),
        }
    }

    // New skills of the postings written.
    let missing: Vec<String> = writes
        .iter()
        .flat_map(|(i, _)| postings[*i].skills.iter())
        .filter(|n| !skills.contains_key(*n))
        .cloned()
        .collect();
    if !missing.is_empty() {
        sqlx::query(
            "INSERT INTO skills (name)
             SELECT DISTINCT ON (lower(n)) n FROM unnest($1::text[]) WITH ORDINALITY AS u(n, o)
              ORDER BY lower(n), o
             ON CONFLICT ((lower(name))) DO NOTHING",
        )
        .bind(&missing)
        .execute(&mut *conn)
        .await?;
        skills.extend(skill_ids(conn, &missing).await?);
    }

    let mut inserts = Columns::default();
    let mut updates = Columns::default();
    let mut update_ids = Vec::new();
    for (i, id) in &writes {
        match id {
            Some(id) => {
                update_ids.push(*id);
                updates.push(&postings[*i]);
            }
            None => inserts.push(&postings[*i]),
        }
    }
    let mut written_ids: HashMap<usize, i64> = HashMap::new();
    if !inserts.source_key.is_empty() {
        let created: Vec<(i64, String)> = sqlx::query_as(
            "INSERT INTO job_postings (source_key, title, organization, organization_url,
                    description, remote, locality, state, country, date_posted, valid_through,
                    salary_currency, salary_min, salary_max, salary_unit, annual_salary_min,
                    annual_salary_max, apply_url, demo)
             SELECT k, t, o, ou, d, r, l, s, c, dp, vt, sc, smin::numeric / 100,
                    smax::numeric / 100, su, amin, amax, au, demo
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                           $6::bool[], $7::text[], $8::text[], $9::text[], $10::date[],
                           $11::timestamptz[], $12::text[], $13::int8[], $14::int8[],
                           $15::text[], $16::int4[], $17::int4[], $18::text[], $19::bool[])
                    AS u(k, t, o, ou, d, r, l, s, c, dp, vt, sc, smin, smax, su, amin, amax,
                         au, demo)
             RETURNING id, source_key",
        )
        .bind(&inserts.source_key)
        .bind(&inserts.title)
        .bind(&inserts.organization)
        .bind(&inserts.organization_url)
        .bind(&inserts.description)
        .bind(&inserts.remote)
        .bind(&inserts.locality)
        .bind(&inserts.state)
        .bind(&inserts.country)
        .bind(&inserts.date_posted)
        .bind(&inserts.valid_through)
        .bind(&inserts.salary_currency)
        .bind(&inserts.salary_min)
        .bind(&inserts.salary_max)
        .bind(&inserts.salary_unit)
        .bind(&inserts.annual_min)
        .bind(&inserts.annual_max)
        .bind(&inserts.apply_url)
        .bind(&inserts.demo)
        .fetch_all(&mut *conn)
        .await?;
        let by_key: HashMap<String, i64> = created.into_iter().map(|(id, k)| (k, id)).collect();
        for (i, id) in &writes {
            if id.is_none()
                && let Some(new_id) = by_key.get(&postings[*i].source_key)
            {
                written_ids.insert(*i, *new_id);
                outcomes[*i] = Some(Outcome::Created(*new_id));
            }
        }
    }
    if !update_ids.is_empty() {
        sqlx::query(
            "UPDATE job_postings p
                SET title = u.t, organization = u.o, organization_url = u.ou, description = u.d,
                    remote = u.r, locality = u.l, state = u.s, country = u.c,
                    date_posted = u.dp, valid_through = u.vt, salary_currency = u.sc,
                    salary_min = u.smin::numeric / 100, salary_max = u.smax::numeric / 100,
                    salary_unit = u.su, annual_salary_min = u.amin, annual_salary_max = u.amax,
                    apply_url = u.au, demo = u.demo, updated_at = now()
               FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[],
                           $6::bool[], $7::text[], $8::text[], $9::text[], $10::date[],
                           $11::timestamptz[], $12::text[], $13::int8[], $14::int8[],
                           $15::text[], $16::int4[], $17::int4[], $18::text[], $19::bool[])
                    AS u(id, t, o, ou, d, r, l, s, c, dp, vt, sc, smin, smax, su, amin, amax,
                         au, demo)
              WHERE p.id = u.id",
        )
        .bind(&update_ids)
        .bind(&updates.title)
        .bind(&updates.organization)
        .bind(&updates.organization_url)
        .bind(&updates.description)
        .bind(&updates.remote)
        .bind(&updates.locality)
        .bind(&updates.state)
        .bind(&updates.country)
        .bind(&updates.date_posted)
        .bind(&updates.valid_through)
        .bind(&updates.salary_currency)
        .bind(&updates.salary_min)
        .bind(&updates.salary_max)
        .bind(&updates.salary_unit)
        .bind(&updates.annual_min)
        .bind(&updates.annual_max)
        .bind(&updates.apply_url)
        .bind(&updates.demo)
        .execute(&mut *conn)
        .await?;
        for table in [
            "job_posting_badge_classes",
            "job_posting_occupations",
            "job_posting_skills",
        ] {
            let sql = format!("DELETE FROM {table} WHERE posting_id = ANY($1)");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&update_ids)
                .execute(&mut *conn)
                .await?;
        }
        for (i, id) in &writes {
            if let Some(id) = id {
                written_ids.insert(*i, *id);
                outcomes[*i] = Some(Outcome::Updated(*id));
            }
        }
    }

    // What the written postings ask for.
    let (mut class_posting, mut class_id) = (Vec::new(), Vec::new());
    let (mut soc_posting, mut soc_code) = (Vec::new(), Vec::new());
    let (mut skill_posting, mut skill_id) = (Vec::new(), Vec::new());
    for (i, id) in &written_ids {
        let posting = &postings[*i];
        for class in &posting.badge_classes {
            class_posting.push(*id);
            class_id.push(*class);
        }
        for soc in &posting.occupations {
            soc_posting.push(*id);
            soc_code.push(soc.clone());
        }
        let mut ids: Vec<i64> = posting
            .skills
            .iter()
            .filter_map(|n| skills.get(n).copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for skill in ids {
            skill_posting.push(*id);
            skill_id.push(skill);
        }
    }
    if !class_posting.is_empty() {
        sqlx::query(
            "INSERT INTO job_posting_badge_classes (posting_id, badge_class_id)
             SELECT * FROM unnest($1::int8[], $2::int8[])",
        )
        .bind(&class_posting)
        .bind(&class_id)
        .execute(&mut *conn)
        .await?;
    }
    if !soc_posting.is_empty() {
        sqlx::query(
            "INSERT INTO job_posting_occupations (posting_id, soc_code)
             SELECT * FROM unnest($1::int8[], $2::text[])",
        )
        .bind(&soc_posting)
        .bind(&soc_code)
        .execute(&mut *conn)
        .await?;
    }
    if !skill_posting.is_empty() {
        sqlx::query(
            "INSERT INTO job_posting_skills (posting_id, skill_id)
             SELECT * FROM unnest($1::int8[], $2::int8[])",
        )
        .bind(&skill_posting)
        .bind(&skill_id)
        .execute(&mut *conn)
        .await?;
    }
    // Every posting has its outcome by now.
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::Expired))
        .collect())
}

/// The postings' columns, for `unnest`.
#[derive(Default)]
struct Columns {
    source_key: Vec<String>,
    title: Vec<String>,
    organization: Vec<String>,
    organization_url: Vec<Option<String>>,
    description: Vec<Option<String>>,
    remote: Vec<bool>,
    locality: Vec<Option<String>>,
    state: Vec<Option<String>>,
    country: Vec<Option<String>>,
    date_posted: Vec<NaiveDate>,
    valid_through: Vec<DateTime<Utc>>,
    salary_currency: Vec<Option<String>>,
    salary_min: Vec<Option<i64>>,
    salary_max: Vec<Option<i64>>,
    salary_unit: Vec<Option<&'static str>>,
    annual_min: Vec<Option<i32>>,
    annual_max: Vec<Option<i32>>,
    apply_url: Vec<String>,
    demo: Vec<bool>,
}

impl Columns {
    fn push(&mut self, p: &NewPosting) {
        let salary = p.salary.as_ref();
        self.source_key.push(p.source_key.clone());
        self.title.push(p.title.clone());
        self.organization.push(p.organization.clone());
        self.organization_url.push(p.organization_url.clone());
        self.description.push(p.description.clone());
        self.remote.push(p.remote);
        self.locality.push(p.locality.clone());
        self.state.push(p.state.clone());
        self.country.push(p.country.clone());
        self.date_posted.push(p.date_posted);
        self.valid_through.push(p.valid_through);
        self.salary_currency
            .push(salary.map(|s| s.currency.clone()));
        self.salary_min.push(salary.map(|s| s.min_cents));
        self.salary_max.push(salary.and_then(|s| s.max_cents));
        self.salary_unit.push(salary.map(|s| s.unit.as_str()));
        self.annual_min.push(salary.map(|s| s.annual_min()));
        self.annual_max.push(salary.and_then(|s| s.annual_max()));
        self.apply_url.push(p.apply_url.clone());
        self.demo.push(p.demo);
    }
}

/// Deletes the postings expired more than [`PURGE_AFTER_DAYS`] days before `now` (what they
/// ask for goes with them). Reads never show a posting past its `valid_through` anyway; this
/// keeps the table to the postings that may still matter. Returns how many went.
pub async fn purge_expired(db: &PgPool, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM job_postings WHERE valid_through < $1 - make_interval(days => $2)",
    )
    .bind(now)
    .bind(PURGE_AFTER_DAYS)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Whether the demo may load its postings: no posting is open at `now` and none was sent by
/// an employer (only expired demo postings, or none at all).
pub async fn demo_may_load(db: &PgPool, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT NOT EXISTS (SELECT 1 FROM job_postings WHERE NOT demo OR valid_through > $1)",
    )
    .bind(now)
    .fetch_one(db)
    .await
}
