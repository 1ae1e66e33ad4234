//! The open job postings in memory, for matching: what each asks for (badge classes,
//! occupations, skills) and what the filters read (state, remote, yearly salary), so that the
//! Career page scores 100,000 postings in a few milliseconds instead of aggregating them in
//! SQL for every request (benches/career.sh; the SQL version took 300 to 1,300 ms).
//!
//! The index is kept at the postings' generation (`job_postings_generation`, moved by a
//! trigger on every statement that changes a posting or what it asks for, and visible exactly
//! when that change commits): each use reads that one row, and a moved generation rebuilds the
//! index first (one rebuild at a time; the others wait for it). The generation and the
//! postings are read in one repeatable-read transaction, so the index is exactly that
//! generation's. Expiry needs no rebuild: every use compares `valid_through` with the time.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use super::matching::Filters;

/// A posting as matching reads it.
#[derive(Debug, Clone)]
struct Entry {
    id: i64,
    organization: u32,
    state: Option<[u8; 2]>,
    remote: bool,
    salary: Option<i32>,
    date_posted: NaiveDate,
    valid_through: DateTime<Utc>,
    demo: bool,
    classes: Box<[i64]>,
    /// SOC codes as numbers: 15-1244 is 151244.
    occupations: Box<[u32]>,
    skills: Box<[i64]>,
}

/// The postings of one generation.
#[derive(Debug, Default)]
pub struct Index {
    generation: i64,
    entries: Vec<Entry>,
    organizations: Vec<String>,
}

/// What the candidate's badges offer to match: their classes, occupations and skills.
#[derive(Debug, Clone, Default)]
pub struct Offer {
    pub classes: Vec<i64>,
    pub occupations: Vec<u32>,
    pub skills: Vec<i64>,
}

/// The SOC code `15-1244` as the number 151244.
pub fn soc_number(code: &str) -> Option<u32> {
    let (major, minor) = code.split_once('-')?;
    if major.len() != 2 || minor.len() != 4 {
        return None;
    }
    Some(major.parse::<u32>().ok()? * 10_000 + minor.parse::<u32>().ok()?)
}

/// One matching posting: its id and its score's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub id: i64,
    /// The badge classes of the offer it asks for by name.
    pub classes: Vec<i64>,
    pub occupations: i64,
    pub skills: i64,
}

/// Everything the Career page needs of the matches, from one pass.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// The asked-for page, best first.
    pub page: Vec<Match>,
    pub total: i64,
    /// Employers by open matching postings (most first, at most 10), with whether some are
    /// demo data.
    pub employers: Vec<(String, i64, bool)>,
}

fn shared<T: PartialEq>(asked: &[T], offered: &[T]) -> i64 {
    let n = asked.iter().filter(|a| offered.contains(a)).count();
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A set of ids as a bitmap (ids are small: rows of the catalog and of `skills`).
struct IdSet(Vec<u64>);

impl IdSet {
    fn of(ids: &[i64]) -> IdSet {
        let mut bits = Vec::new();
        for id in ids.iter().filter_map(|id| usize::try_from(*id).ok()) {
            if bits.len() <= id / 64 {
                bits.resize(id / 64 + 1, 0);
            }
            bits[id / 64] |= 1 << (id % 64);
        }
        IdSet(bits)
    }

    fn shared(&self, asked: &[i64]) -> i64 {
        let mut n = 0;
        for id in asked.iter().filter_map(|id| usize::try_from(*id).ok()) {
            if self
                .0
                .get(id / 64)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
            {
                n += 1;
            }
        }
        n
    }
}

impl Index {
    /// The matches of `offer` among the open postings at `now` under `filters`: page `page`
    /// of `per_page`, the total, the employers. The order is that of `insights::matching`.
    pub fn matches(
        &self,
        offer: &Offer,
        filters: &Filters,
        now: DateTime<Utc>,
        page: i64,
        per_page: i64,
    ) -> Matches {
        let states: Option<Vec<[u8; 2]>> = filters.states.as_ref().map(|states| {
            states
                .iter()
                .filter_map(|s| s.as_bytes().try_into().ok())
                .collect()
        });
        let classes = IdSet::of(&offer.classes);
        let skills_offered = IdSet::of(&offer.skills);
        let mut scored: Vec<(i64, i64, i64, NaiveDate, i64, usize)> = Vec::new();
        let mut employers: HashMap<u32, (i64, bool)> = HashMap::new();
        for (at, e) in self.entries.iter().enumerate() {
            if e.valid_through <= now
                || (filters.remote_only && !e.remote)
                || filters
                    .min_salary
                    .is_some_and(|min| e.salary.is_none_or(|s| s < min))
                || states
                    .as_ref()
                    .is_some_and(|states| e.state.is_none_or(|s| !states.contains(&s)))
            {
                continue;
            }
            let names = classes.shared(&e.classes);
            let occupations = shared(&e.occupations, &offer.occupations);
            let skills = skills_offered.shared(&e.skills);
            if names + occupations + skills == 0 {
                continue;
            }
            let employer = employers.entry(e.organization).or_default();
            employer.0 += 1;
            employer.1 |= e.demo;
            scored.push((names, occupations, skills, e.date_posted, e.id, at));
        }
        let total = i64::try_from(scored.len()).unwrap_or(i64::MAX);
        let best_first = |a: &(i64, i64, i64, NaiveDate, i64, usize),
                          b: &(i64, i64, i64, NaiveDate, i64, usize)| {
            (b.0, b.1, b.2, b.3, b.4).cmp(&(a.0, a.1, a.2, a.3, a.4))
        };
        let from = usize::try_from(page.max(0).saturating_mul(per_page)).unwrap_or(usize::MAX);
        let to = from.saturating_add(usize::try_from(per_page).unwrap_or(0));
        if to < scored.len() {
            scored.select_nth_unstable_by(to, best_first);
            scored.truncate(to);
        }
        scored.sort_unstable_by(best_first);
        let page = scored
            .iter()
            .skip(from)
            .map(|&(_, occupations, skills, _, id, at)| Match {
                id,
                classes: self.entries[at]
                    .classes
                    .iter()
                    .copied()
                    .filter(|c| offer.classes.contains(c))
                    .collect(),
                occupations,
                skills,
            })
            .collect();
        let mut employers: Vec<(String, i64, bool)> = employers
            .into_iter()
            .map(|(org, (n, demo))| {
                (
                    self.organizations
                        .get(org as usize)
                        .cloned()
                        .unwrap_or_default(),
                    n,
                    demo,
                )
            })
            .collect();
        employers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        employers.truncate(10);
        Matches {
            page,
            total,
            employers,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    organization: String,
    state: Option<String>,
    remote: bool,
    salary: Option<i32>,
    date_posted: NaiveDate,
    valid_through: DateTime<Utc>,
    demo: bool,
}

/// What one posting asks for: badge classes, occupations, skills.
type Asks = (Vec<i64>, Vec<u32>, Vec<i64>);

async fn generation(db: impl sqlx::PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT generation FROM job_postings_generation")
        .fetch_one(db)
        .await
}

/// Reads the open postings and their generation, in one snapshot.
async fn build(db: &PgPool) -> Result<Index, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute(&mut *tx)
        .await?;
    let generation = generation(&mut *tx).await?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, organization, state, remote,
                coalesce(annual_salary_max, annual_salary_min) AS salary,
                date_posted, valid_through, demo
           FROM job_postings WHERE valid_through > now() ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let pairs = |sql: &'static str| sqlx::query_as::<_, (i64, i64)>(sql);
    let classes = pairs(
        "SELECT j.posting_id, j.badge_class_id FROM job_posting_badge_classes j
           JOIN job_postings p ON p.id = j.posting_id WHERE p.valid_through > now()",
    )
    .fetch_all(&mut *tx)
    .await?;
    let skills = pairs(
        "SELECT j.posting_id, j.skill_id FROM job_posting_skills j
           JOIN job_postings p ON p.id = j.posting_id WHERE p.valid_through > now()",
    )
    .fetch_all(&mut *tx)
    .await?;
    let occupations: Vec<(i64, String)> = sqlx::query_as(
        "SELECT j.posting_id, j.soc_code FROM job_posting_occupations j
           JOIN job_postings p ON p.id = j.posting_id WHERE p.valid_through > now()",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;

    let mut by_id: HashMap<i64, Asks> = HashMap::new();
    for (posting, class) in classes {
        by_id.entry(posting).or_default().0.push(class);
    }
    for (posting, soc) in occupations {
        if let Some(n) = soc_number(&soc) {
            by_id.entry(posting).or_default().1.push(n);
        }
    }
    for (posting, skill) in skills {
        by_id.entry(posting).or_default().2.push(skill);
    }
    let mut organizations: Vec<String> = Vec::new();
    let mut organization_ids: HashMap<String, u32> = HashMap::new();
    let entries = rows
        .into_iter()
        .map(|r| {
            let next = u32::try_from(organizations.len()).unwrap_or(u32::MAX);
            let organization = *organization_ids
                .entry(r.organization.clone())
                .or_insert_with(|| {
                    organizations.push(r.organization.clone());
                    next
                });
            let (classes, occupations, skills) = by_id.remove(&r.id).unwrap_or_default();
            Entry {
                id: r.id,
                organization,
                state: r
                    .state
                    .as_deref()
                    .and_then(|s| s.as_bytes().try_into().ok()),
                remote: r.remote,
                salary: r.salary,
                date_posted: r.date_posted,
                valid_through: r.valid_through,
                demo: r.demo,
                classes: classes.into(),
                occupations: occupations.into(),
                skills: skills.into(),
            }
        })
        .collect();
    Ok(Index {
        generation,
        entries,
        organizations,
    })
}

/// The index, kept between requests (in `AppState`).
#[derive(Default)]
pub struct Postings(tokio::sync::Mutex<Option<Arc<Index>>>);

impl Postings {
    /// The index of the postings as they are now (rebuilt first when they changed).
    pub async fn current(&self, db: &PgPool) -> Result<Arc<Index>, sqlx::Error> {
        let now = generation(db).await?;
        let mut kept = self.0.lock().await;
        if let Some(index) = kept.as_ref()
            && index.generation == now
        {
            return Ok(index.clone());
        }
        let started = std::time::Instant::now();
        let index = Arc::new(build(db).await?);
        tracing::info!(
            postings = index.len(),
            generation = index.generation,
            ms = started.elapsed().as_millis() as u64,
            "job postings index built"
        );
        *kept = Some(index.clone());
        Ok(index)
    }
}

/// The offer of the badge classes `classes`: the classes themselves and the exams of the
/// certifications among them (the program awards the certification instead of its exam, and
/// a posting may ask for the exam, "AZ-104"), their occupations and skills (a certification's
/// own and its exams').
pub async fn offer(db: &PgPool, classes: &[i64]) -> Result<Offer, sqlx::Error> {
    if classes.is_empty() {
        return Ok(Offer::default());
    }
    let exams: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT exam_id FROM certification_exams WHERE certification_id = ANY($1)",
    )
    .bind(classes)
    .fetch_all(db)
    .await?;
    let mut named: Vec<i64> = classes.iter().copied().chain(exams).collect();
    named.sort_unstable();
    named.dedup();
    let occupations: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT soc_code FROM badge_class_occupations WHERE badge_class_id = ANY($1)",
    )
    .bind(classes)
    .fetch_all(db)
    .await?;
    let skills: Vec<i64> = sqlx::query_scalar(
        "SELECT skill_id FROM badge_class_skills WHERE badge_class_id = ANY($1)
         UNION
         SELECT s.skill_id FROM certification_exams ce
           JOIN badge_class_skills s ON s.badge_class_id = ce.exam_id
          WHERE ce.certification_id = ANY($1)",
    )
    .bind(classes)
    .fetch_all(db)
    .await?;
    Ok(Offer {
        classes: named,
        occupations: occupations.iter().filter_map(|s| soc_number(s)).collect(),
        skills,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        id: i64,
        classes: &[i64],
        occupations: &[u32],
        skills: &[i64],
        days_ago: i64,
    ) -> Entry {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        Entry {
            id,
            organization: u32::try_from(id % 2).unwrap_or(0),
            state: Some(*b"TX"),
            remote: id % 2 == 0,
            salary: Some(50_000 + i32::try_from(id).unwrap_or(0) * 10_000),
            date_posted: today - chrono::Duration::days(days_ago),
            valid_through: DateTime::<Utc>::MAX_UTC,
            demo: false,
            classes: classes.into(),
            occupations: occupations.into(),
            skills: skills.into(),
        }
    }

    #[test]
    fn a_name_outweighs_occupations_which_outweigh_skills_then_the_newest_comes_first() {
        let index = Index {
            generation: 1,
            entries: vec![
                entry(1, &[], &[], &[7, 8, 9], 0),
                entry(2, &[], &[151244], &[], 3),
                entry(3, &[5], &[], &[], 9),
                entry(4, &[], &[151244], &[], 1),
                entry(5, &[6], &[999999], &[1], 0),
            ],
            organizations: vec!["Contoso".into(), "Fabrikam".into()],
        };
        let offer = Offer {
            classes: vec![5],
            occupations: vec![151244],
            skills: vec![7, 8, 9],
        };
        let all = index.matches(&offer, &Filters::default(), Utc::now(), 0, 20);
        let ids: Vec<i64> = all.page.iter().map(|m| m.id).collect();
        assert_eq!(ids, [3, 4, 2, 1]);
        assert_eq!(all.total, 4);
        assert_eq!(all.page[0].classes, [5]);
        assert_eq!(all.page[3].skills, 3);
        assert_eq!(all.employers[0], ("Contoso".into(), 2, false));
        assert_eq!(all.employers[1], ("Fabrikam".into(), 2, false));
        let second = index.matches(&offer, &Filters::default(), Utc::now(), 1, 3);
        assert_eq!(second.page.iter().map(|m| m.id).collect::<Vec<_>>(), [1]);
        let remote = Filters {
            remote_only: true,
            ..Filters::default()
        };
        let ids: Vec<i64> = index
            .matches(&offer, &remote, Utc::now(), 0, 20)
            .page
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(ids, [4, 2]);
    }

    #[test]
    fn soc_codes_become_numbers() {
        assert_eq!(soc_number("15-1244"), Some(151_244));
        assert_eq!(soc_number("151244"), None);
        assert_eq!(soc_number("15-12a4"), None);
    }
}
