//! Catalog queries.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};

use super::file::{CatalogFile, Details, OccupationLink};
use crate::audit::{self, Action, Actor, Subject};
use crate::domain::{BadgeClass, BadgeKind, Catalog, Level, Policy, Status};

/// What a load changed. Loading the same file twice gives all-unchanged the second time.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LoadReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl LoadReport {
    pub fn changed(&self) -> bool {
        self.added + self.updated > 0
    }
}

/// Runs an upsert that returns `xmax = 0` (inserted) for a changed row and nothing for an
/// unchanged one, and counts it. Returns whether the row was left unchanged.
async fn upsert_outcome(
    conn: &mut PgConnection,
    query: sqlx::query::QueryScalar<'_, sqlx::Postgres, bool, sqlx::postgres::PgArguments>,
    report: &mut LoadReport,
) -> Result<bool, sqlx::Error> {
    Ok(match query.fetch_optional(&mut *conn).await? {
        Some(true) => {
            report.added += 1;
            false
        }
        Some(false) => {
            report.updated += 1;
            false
        }
        None => {
            report.unchanged += 1;
            true
        }
    })
}

/// Loads or updates everything in `file`, in one transaction. Entries missing from the file
/// are left as they are: awards point at them, and retiring is done by editing the file.
pub async fn load(
    pool: &PgPool,
    file: &CatalogFile,
    actor: Actor,
) -> Result<LoadReport, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut report = LoadReport::default();

    for issuer in &file.issuer {
        let query = sqlx::query_scalar(
            "INSERT INTO issuers (slug, name, url, email, linkedin_organization_id)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (slug) DO UPDATE
                SET name = EXCLUDED.name, url = EXCLUDED.url, email = EXCLUDED.email,
                    linkedin_organization_id = EXCLUDED.linkedin_organization_id, updated_at = now()
              WHERE (issuers.name, issuers.url, issuers.email, issuers.linkedin_organization_id)
                    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.url, EXCLUDED.email,
                                      EXCLUDED.linkedin_organization_id)
             RETURNING (xmax = 0)",
        )
        .bind(&issuer.slug)
        .bind(&issuer.name)
        .bind(&issuer.url)
        .bind(&issuer.email)
        .bind(&issuer.linkedin_organization_id);
        upsert_outcome(&mut tx, query, &mut report).await?;
    }
    let issuer_ids = ids_by_key(&mut tx, "SELECT slug, id FROM issuers").await?;
    load_occupations(&mut tx, file, &mut report).await?;

    struct Entry<'a> {
        kind: BadgeKind,
        code: String,
        title: &'a str,
        status: Status,
        retired_on: Option<NaiveDate>,
        policy: Policy,
        issuer: &'a str,
        source: Option<&'a str>,
        skills: &'a [String],
        occupations: &'a [OccupationLink],
        details: Details<'a>,
    }
    let levels = file.levels();
    let exams = file.exam.iter().map(|e| Entry {
        kind: BadgeKind::Exam,
        code: e.code.to_uppercase(),
        title: &e.title,
        status: e.status,
        retired_on: e.retired_on,
        policy: e.badge,
        issuer: file.issuer_of(&e.issuer),
        source: e.source.as_deref(),
        skills: &e.skills,
        occupations: &e.occupations,
        details: e.details(),
    });
    let certs = file.certification.iter().map(|c| Entry {
        kind: BadgeKind::Certification,
        code: c.code.clone(),
        title: &c.title,
        status: c.status,
        retired_on: c.retired_on,
        policy: c.badge,
        issuer: file.issuer_of(&c.issuer),
        source: None,
        skills: &c.skills,
        occupations: &c.occupations,
        details: c.details(),
    });
    let entries: Vec<Entry<'_>> = exams.chain(certs).collect();
    let mut unchanged_codes = std::collections::HashSet::new();
    for entry in &entries {
        let query = sqlx::query_scalar(
            "INSERT INTO badge_classes (issuer_id, kind, code, title, status, retired_on, policy, source,
                                        level, label, description, criteria_url, valid_months, alignments)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (lower(code)) DO UPDATE
                SET issuer_id = EXCLUDED.issuer_id, kind = EXCLUDED.kind, code = EXCLUDED.code,
                    title = EXCLUDED.title, status = EXCLUDED.status, retired_on = EXCLUDED.retired_on,
                    policy = EXCLUDED.policy, source = EXCLUDED.source,
                    level = EXCLUDED.level, label = EXCLUDED.label, description = EXCLUDED.description,
                    criteria_url = EXCLUDED.criteria_url, valid_months = EXCLUDED.valid_months,
                    alignments = EXCLUDED.alignments, updated_at = now()
              WHERE (badge_classes.issuer_id, badge_classes.kind, badge_classes.code, badge_classes.title,
                     badge_classes.status, badge_classes.retired_on, badge_classes.policy,
                     badge_classes.source, badge_classes.level, badge_classes.label,
                     badge_classes.description, badge_classes.criteria_url, badge_classes.valid_months,
                     badge_classes.alignments)
                    IS DISTINCT FROM
                    (EXCLUDED.issuer_id, EXCLUDED.kind, EXCLUDED.code, EXCLUDED.title, EXCLUDED.status,
                     EXCLUDED.retired_on, EXCLUDED.policy, EXCLUDED.source, EXCLUDED.level, EXCLUDED.label, EXCLUDED.description, EXCLUDED.criteria_url,
                     EXCLUDED.valid_months, EXCLUDED.alignments)
             RETURNING (xmax = 0)",
        )
        .bind(issuer_ids.get(entry.issuer).copied().unwrap_or_default())
        .bind(entry.kind)
        .bind(&entry.code)
        .bind(entry.title)
        .bind(entry.status)
        .bind(entry.retired_on)
        .bind(entry.policy)
        .bind(entry.source)
        .bind(levels.get(&entry.code.to_lowercase()).copied())
        .bind(entry.details.label)
        .bind(entry.details.description.unwrap_or_default())
        .bind(entry.details.criteria_url)
        .bind(entry.details.valid_months.map(i32::from))
        .bind(sqlx::types::Json(entry.details.alignment));
        if upsert_outcome(&mut tx, query, &mut report).await? {
            unchanged_codes.insert(entry.code.to_lowercase());
        }
    }

    let ids = ids_by_key(&mut tx, "SELECT lower(code), id FROM badge_classes").await?;
    let id_of = |code: &str| ids.get(&code.to_lowercase()).copied().unwrap_or_default();
    // Skills and occupations: what the entry stands for and leads to.
    let skill_ids = upsert_skills(&mut tx, file).await?;
    let mut skills_now = skills_by_class(&mut tx).await?;
    let mut occupations_now = occupations_by_class(&mut tx).await?;
    let mut relinked = Vec::new();
    for entry in &entries {
        let class_id = id_of(&entry.code);
        let skills: Vec<i64> = entry
            .skills
            .iter()
            .filter_map(|name| skill_ids.get(&name.to_lowercase()).copied())
            .collect();
        let occupations: Vec<(String, String)> = entry
            .occupations
            .iter()
            .map(|link| (link.soc.clone(), link.reason.clone()))
            .collect();
        let skills_changed = skills_now.remove(&class_id).unwrap_or_default() != skills;
        if skills_changed {
            sqlx::query("DELETE FROM badge_class_skills WHERE badge_class_id = $1")
                .bind(class_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO badge_class_skills (badge_class_id, skill_id, position)
                 SELECT $1, skill_id, (n - 1)::smallint
                   FROM unnest($2::bigint[]) WITH ORDINALITY AS s(skill_id, n)",
            )
            .bind(class_id)
            .bind(&skills)
            .execute(&mut *tx)
            .await?;
        }
        let occupations_changed =
            occupations_now.remove(&class_id).unwrap_or_default() != occupations;
        if occupations_changed {
            sqlx::query("DELETE FROM badge_class_occupations WHERE badge_class_id = $1")
                .bind(class_id)
                .execute(&mut *tx)
                .await?;
            let (socs, reasons): (Vec<String>, Vec<String>) = occupations.into_iter().unzip();
            sqlx::query(
                "INSERT INTO badge_class_occupations (badge_class_id, soc_code, position, reason)
                 SELECT $1, soc, (n - 1)::smallint, reason
                   FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS o(soc, reason, n)",
            )
            .bind(class_id)
            .bind(&socs)
            .bind(&reasons)
            .execute(&mut *tx)
            .await?;
        }
        if skills_changed || occupations_changed {
            relinked.push(entry.code.to_lowercase());
        }
    }
    for cert in &file.certification {
        let cert_id = id_of(&cert.code);
        let exams: BTreeSet<i64> = cert.exams.iter().map(|e| id_of(e)).collect();
        let prerequisites: BTreeSet<i64> =
            cert.prerequisites_any.iter().map(|p| id_of(p)).collect();
        let changed_exams = replace_links(
            &mut tx,
            "SELECT exam_id FROM certification_exams WHERE certification_id = $1",
            "DELETE FROM certification_exams WHERE certification_id = $1",
            "INSERT INTO certification_exams (certification_id, exam_id) SELECT $1, unnest($2::bigint[])",
            cert_id,
            &exams,
        )
        .await?;
        let changed_prerequisites = replace_links(
            &mut tx,
            "SELECT prerequisite_id FROM certification_prerequisites WHERE certification_id = $1",
            "DELETE FROM certification_prerequisites WHERE certification_id = $1",
            "INSERT INTO certification_prerequisites (certification_id, prerequisite_id) SELECT $1, unnest($2::bigint[])",
            cert_id,
            &prerequisites,
        )
        .await?;
        if changed_exams || changed_prerequisites {
            relinked.push(cert.code.to_lowercase());
        }
    }
    for code in relinked {
        if unchanged_codes.remove(&code) {
            // The entry's own row was unchanged, but what earns it, what it stands for or
            // what it leads to changed.
            report.unchanged -= 1;
            report.updated += 1;
        }
    }

    if report.changed() {
        let data = serde_json::json!({
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
        });
        let entry = audit::Entry::new(actor, Action::CatalogLoaded).data(data);
        audit::record(&mut tx, &entry, Subject::Catalog).await?;
    }
    tx.commit().await?;
    Ok(report)
}

/// Upserts the `[[occupation]]` entries of the file and makes their titles in other
/// languages those of the file; each counts as an entry of the report.
async fn load_occupations(
    conn: &mut PgConnection,
    file: &CatalogFile,
    report: &mut LoadReport,
) -> Result<(), sqlx::Error> {
    if file.occupation.is_empty() {
        return Ok(());
    }
    let socs: Vec<&str> = file.occupation.iter().map(|o| o.soc.as_str()).collect();
    let mut titles_now: HashMap<String, BTreeMap<String, String>> = HashMap::new();
    for (soc, locale, title) in sqlx::query_as::<_, (String, String, String)>(
        "SELECT soc_code, locale, title FROM occupation_titles WHERE soc_code = ANY($1)",
    )
    .bind(&socs)
    .fetch_all(&mut *conn)
    .await?
    {
        titles_now.entry(soc).or_default().insert(locale, title);
    }
    for occupation in &file.occupation {
        let query = sqlx::query_scalar(
            "INSERT INTO occupations (soc_code, title) VALUES ($1, $2)
             ON CONFLICT (soc_code) DO UPDATE SET title = EXCLUDED.title
              WHERE occupations.title IS DISTINCT FROM EXCLUDED.title
             RETURNING (xmax = 0)",
        )
        .bind(&occupation.soc)
        .bind(&occupation.title);
        let unchanged = upsert_outcome(&mut *conn, query, report).await?;
        if titles_now.remove(&occupation.soc).unwrap_or_default() == occupation.titles {
            continue;
        }
        sqlx::query("DELETE FROM occupation_titles WHERE soc_code = $1")
            .bind(&occupation.soc)
            .execute(&mut *conn)
            .await?;
        let (locales, titles): (Vec<&String>, Vec<&String>) = occupation.titles.iter().unzip();
        sqlx::query(
            "INSERT INTO occupation_titles (soc_code, locale, title)
             SELECT $1, locale, title FROM unnest($2::text[], $3::text[]) AS t(locale, title)",
        )
        .bind(&occupation.soc)
        .bind(locales)
        .bind(titles)
        .execute(&mut *conn)
        .await?;
        if unchanged {
            report.unchanged -= 1;
            report.updated += 1;
        }
    }
    Ok(())
}

/// Makes sure every skill the file names is a row (one per name, whatever the letter case;
/// the file's first spelling of a name becomes the row's), and returns the ids by
/// lower-cased name.
async fn upsert_skills(
    conn: &mut PgConnection,
    file: &CatalogFile,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let mut seen = std::collections::HashSet::new();
    let names: Vec<&str> = file
        .exam
        .iter()
        .flat_map(|e| &e.skills)
        .chain(file.certification.iter().flat_map(|c| &c.skills))
        .map(String::as_str)
        .filter(|name| seen.insert(name.to_lowercase()))
        .collect();
    sqlx::query(
        "INSERT INTO skills (name) SELECT unnest($1::text[])
         ON CONFLICT ((lower(name))) DO UPDATE SET name = EXCLUDED.name
          WHERE skills.name IS DISTINCT FROM EXCLUDED.name",
    )
    .bind(&names)
    .execute(&mut *conn)
    .await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT lower(name), id FROM skills WHERE lower(name) = ANY(SELECT lower(unnest($1::text[])))",
    )
    .bind(&names)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The skills of every badge class, in order.
async fn skills_by_class(conn: &mut PgConnection) -> Result<HashMap<i64, Vec<i64>>, sqlx::Error> {
    let mut lists: HashMap<i64, Vec<i64>> = HashMap::new();
    for (class, skill) in sqlx::query_as::<_, (i64, i64)>(
        "SELECT badge_class_id, skill_id FROM badge_class_skills ORDER BY badge_class_id, position",
    )
    .fetch_all(conn)
    .await?
    {
        lists.entry(class).or_default().push(skill);
    }
    Ok(lists)
}

/// The occupations of every badge class, in order, each with its reason.
async fn occupations_by_class(
    conn: &mut PgConnection,
) -> Result<HashMap<i64, Vec<(String, String)>>, sqlx::Error> {
    let mut lists: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for (class, soc, reason) in sqlx::query_as::<_, (i64, String, String)>(
        "SELECT badge_class_id, soc_code, reason FROM badge_class_occupations
          ORDER BY badge_class_id, position",
    )
    .fetch_all(conn)
    .await?
    {
        lists.entry(class).or_default().push((soc, reason));
    }
    Ok(lists)
}

/// Makes the linked set of `owner` equal to `wanted`; true when it changed.
async fn replace_links(
    conn: &mut PgConnection,
    select: &'static str,
    delete: &'static str,
    insert: &'static str,
    owner: i64,
    wanted: &BTreeSet<i64>,
) -> Result<bool, sqlx::Error> {
    let current: BTreeSet<i64> = sqlx::query_scalar(select)
        .bind(owner)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    if &current == wanted {
        return Ok(false);
    }
    sqlx::query(delete).bind(owner).execute(&mut *conn).await?;
    let ids: Vec<i64> = wanted.iter().copied().collect();
    sqlx::query(insert)
        .bind(owner)
        .bind(ids)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct ClassRow {
    id: i64,
    kind: BadgeKind,
    code: String,
    title: String,
    policy: Policy,
    status: Status,
    retired_on: Option<NaiveDate>,
}

/// The rows `(key, id)` of `sql`, as a map from key to id.
async fn ids_by_key(
    conn: &mut PgConnection,
    sql: &'static str,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let rows = sqlx::query_as::<_, (String, i64)>(sql)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The pairs `(certification, other)` of `sql`, as each certification's list of others in
/// the order of the rows.
async fn lists(
    conn: &mut PgConnection,
    sql: &'static str,
) -> Result<HashMap<i64, Vec<i64>>, sqlx::Error> {
    let mut lists: HashMap<i64, Vec<i64>> = HashMap::new();
    for (cert, other) in sqlx::query_as::<_, (i64, i64)>(sql).fetch_all(conn).await? {
        lists.entry(cert).or_default().push(other);
    }
    Ok(lists)
}

/// The catalog as it is now, for the rules.
pub async fn current(pool: &PgPool) -> Result<Catalog, sqlx::Error> {
    current_in(&mut *pool.acquire().await?).await
}

/// The catalog as a transaction sees it (one that decides awards under the person locks).
pub async fn current_in(conn: &mut PgConnection) -> Result<Catalog, sqlx::Error> {
    let rows: Vec<ClassRow> = sqlx::query_as(
        "SELECT id, kind, code, title, policy, status, retired_on FROM badge_classes ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut exams = lists(
        &mut *conn,
        "SELECT certification_id, exam_id FROM certification_exams ORDER BY exam_id",
    )
    .await?;
    let mut prerequisites = lists(
        &mut *conn,
        "SELECT certification_id, prerequisite_id FROM certification_prerequisites ORDER BY prerequisite_id",
    )
    .await?;
    let classes = rows.into_iter().map(|row| BadgeClass {
        id: row.id,
        kind: row.kind,
        code: row.code,
        title: row.title,
        policy: row.policy,
        status: row.status,
        retired_on: row.retired_on,
        exams: exams.remove(&row.id).unwrap_or_default(),
        prerequisites_any: prerequisites.remove(&row.id).unwrap_or_default(),
    });
    Ok(Catalog::new(classes))
}

/// An issuer as the landing page lists it: its name and how many badges it gives.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IssuerSummary {
    pub name: String,
    pub badges: i64,
}

/// Every issuer with the number of its badge classes that give a badge, by name.
pub async fn issuer_summaries(pool: &PgPool) -> Result<Vec<IssuerSummary>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.name, count(b.id) AS badges
           FROM issuers i JOIN badge_classes b ON b.issuer_id = i.id AND b.policy = 'eligible'
          GROUP BY i.id ORDER BY i.name",
    )
    .fetch_all(pool)
    .await
}

/// What the picture of a badge class is drawn from.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BadgeArt {
    pub code: String,
    pub title: String,
    pub kind: BadgeKind,
    pub issuer: String,
    /// The level the catalog states or its title names (see `CatalogFile::levels`).
    pub level: Option<Level>,
    /// The short label the catalog gives, if any (otherwise `art::short_label` makes one).
    pub label: Option<String>,
    pub status: Status,
    /// When the class or its issuer last changed: the version of its picture.
    pub updated_at: DateTime<Utc>,
}

impl BadgeArt {
    /// The version its cached picture is kept under.
    pub fn version(&self) -> String {
        self.updated_at.timestamp_micros().to_string()
    }
}

/// The badge class of `code` (in any letter case), for its picture.
pub async fn badge_art(pool: &PgPool, code: &str) -> Result<Option<BadgeArt>, sqlx::Error> {
    sqlx::query_as(
        "SELECT b.code, b.title, b.kind, i.name AS issuer, b.level, b.label, b.status,
                greatest(b.updated_at, i.updated_at) AS updated_at
           FROM badge_classes b JOIN issuers i ON i.id = b.issuer_id
          WHERE lower(b.code) = lower($1)",
    )
    .bind(code)
    .fetch_optional(pool)
    .await
}
