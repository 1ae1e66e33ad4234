//! The read side of occupations and wages: the occupations a candidate's badges lead to, with
//! their titles in the reader's language and the wage figures of the nation and of one area;
//! the areas a candidate may pick; the release the figures come from.
//!
//! The figures are the US Bureau of Labor Statistics' (OEWS): annual wages in US dollars, at
//! the 10th, 25th, 50th, 75th and 90th percentiles. A figure the source does not publish is
//! [`Figure::NotPublished`]; one it gives only as a floor ("$239,200 or more") is
//! [`Figure::AtLeast`].

use sqlx::PgPool;

use crate::i18n::Locale;

/// The area of the whole nation in the wage data.
pub const NATIONAL: &str = "0000000";

/// One wage figure as the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// An annual amount in US dollars.
    Published(i32),
    /// The source's top code: this amount or more.
    AtLeast(i32),
    NotPublished,
}

impl Figure {
    fn of(value: Option<i32>, at_least: bool) -> Figure {
        match (value, at_least) {
            (Some(v), false) => Figure::Published(v),
            (Some(v), true) => Figure::AtLeast(v),
            (None, _) => Figure::NotPublished,
        }
    }

    /// The amount, published or as a floor.
    pub fn amount(self) -> Option<i32> {
        match self {
            Figure::Published(v) | Figure::AtLeast(v) => Some(v),
            Figure::NotPublished => None,
        }
    }

    pub fn is_at_least(self) -> bool {
        matches!(self, Figure::AtLeast(_))
    }
}

/// The wages of an occupation in one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wages {
    pub area_code: String,
    /// The area's name as the source writes it ("Texas", "Austin-Round Rock-San Marcos, TX").
    pub area_name: String,
    pub employment: Option<i32>,
    /// 10th, 25th, 50th (median), 75th and 90th percentiles.
    pub percentiles: [Figure; 5],
}

impl Wages {
    pub fn median(&self) -> Figure {
        self.percentiles[2]
    }
}

/// The percentiles the data gives, in the order of [`Wages::percentiles`].
pub const PERCENTILES: [u8; 5] = [10, 25, 50, 75, 90];

/// An occupation a candidate's badges lead to.
#[derive(Debug, Clone)]
pub struct Occupation {
    /// The SOC code, e.g. `15-1244`.
    pub soc_code: String,
    /// Its title in the reader's language (English when there is no translation).
    pub title: String,
    /// The titles of the candidate's badges that lead to it.
    pub badges: Vec<String>,
    /// The catalog's reason for the first of those badges.
    pub reason: String,
    pub national: Option<Wages>,
    /// The figures of the area asked for (none when it is the nation or has none).
    pub local: Option<Wages>,
}

#[derive(sqlx::FromRow)]
struct OccupationRow {
    soc_code: String,
    title: String,
    badges: Vec<String>,
    reason: String,
}

#[derive(sqlx::FromRow)]
struct WageRow {
    soc_code: String,
    area_code: String,
    area_name: String,
    employment: Option<i32>,
    p10: Option<i32>,
    p25: Option<i32>,
    p50: Option<i32>,
    p75: Option<i32>,
    p90: Option<i32>,
    p10_at_least: bool,
    p25_at_least: bool,
    p50_at_least: bool,
    p75_at_least: bool,
    p90_at_least: bool,
}

impl From<WageRow> for Wages {
    fn from(r: WageRow) -> Wages {
        Wages {
            area_code: r.area_code,
            area_name: r.area_name,
            employment: r.employment,
            percentiles: [
                Figure::of(r.p10, r.p10_at_least),
                Figure::of(r.p25, r.p25_at_least),
                Figure::of(r.p50, r.p50_at_least),
                Figure::of(r.p75, r.p75_at_least),
                Figure::of(r.p90, r.p90_at_least),
            ],
        }
    }
}

/// The occupations the badge classes `classes` lead to, each once, in the catalog's order
/// (the position of the mapping, then the title), with the wages of the nation and of `area`.
pub async fn occupations(
    db: &PgPool,
    classes: &[i64],
    locale: Locale,
    area: Option<&str>,
) -> Result<Vec<Occupation>, sqlx::Error> {
    if classes.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<OccupationRow> = sqlx::query_as(
        "SELECT o.soc_code, coalesce(t.title, o.title) AS title,
                array_agg(b.title ORDER BY b.title) AS badges,
                (array_agg(m.reason ORDER BY m.position, b.title))[1] AS reason
           FROM badge_class_occupations m
           JOIN badge_classes b ON b.id = m.badge_class_id
           JOIN occupations o ON o.soc_code = m.soc_code
           LEFT JOIN occupation_titles t ON t.soc_code = o.soc_code AND t.locale = $2
          WHERE m.badge_class_id = ANY($1)
          GROUP BY o.soc_code, t.title
          ORDER BY min(m.position), count(*) DESC, 2",
    )
    .bind(classes)
    .bind(locale.code())
    .fetch_all(db)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let socs: Vec<&str> = rows.iter().map(|r| r.soc_code.as_str()).collect();
    let area = area.filter(|a| *a != NATIONAL);
    let wages: Vec<WageRow> = sqlx::query_as(
        "SELECT w.soc_code, w.area_code, a.name AS area_name, w.employment,
                w.p10, w.p25, w.p50, w.p75, w.p90,
                w.p10_at_least, w.p25_at_least, w.p50_at_least, w.p75_at_least, w.p90_at_least
           FROM wages w JOIN wage_areas a ON a.area_code = w.area_code
          WHERE w.soc_code = ANY($1) AND w.area_code IN ('0000000', coalesce($2, '0000000'))",
    )
    .bind(&socs)
    .bind(area)
    .fetch_all(db)
    .await?;
    let mut national: Vec<(String, Wages)> = Vec::new();
    let mut local: Vec<(String, Wages)> = Vec::new();
    for row in wages {
        let soc = row.soc_code.clone();
        if row.area_code == NATIONAL {
            national.push((soc, row.into()));
        } else {
            local.push((soc, row.into()));
        }
    }
    let take = |list: &mut Vec<(String, Wages)>, soc: &str| {
        list.iter()
            .position(|(s, _)| s == soc)
            .map(|at| list.swap_remove(at).1)
    };
    Ok(rows
        .into_iter()
        .map(|r| Occupation {
            national: take(&mut national, &r.soc_code),
            local: take(&mut local, &r.soc_code),
            soc_code: r.soc_code,
            title: r.title,
            badges: r.badges,
            reason: r.reason,
        })
        .collect())
}

/// The titles of the occupations one badge class leads to, in the catalog's order, in the
/// reader's language (for the public badge page).
pub async fn occupation_titles(
    db: &PgPool,
    class_id: i64,
    locale: Locale,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce(t.title, o.title)
           FROM badge_class_occupations m
           JOIN occupations o ON o.soc_code = m.soc_code
           LEFT JOIN occupation_titles t ON t.soc_code = o.soc_code AND t.locale = $2
          WHERE m.badge_class_id = $1
          ORDER BY m.position",
    )
    .bind(class_id)
    .bind(locale.code())
    .fetch_all(db)
    .await
}

/// Where the wage figures come from, for the caption under every chart.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Release {
    /// "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics"
    pub source: String,
    /// "May 2025"
    pub release: String,
}

/// The release of the wage figures: the last one loaded.
pub async fn release(db: &PgPool) -> Result<Option<Release>, sqlx::Error> {
    sqlx::query_as(
        "SELECT source, release FROM wage_releases r
          WHERE EXISTS (SELECT 1 FROM wages w WHERE w.release_id = r.id)
          ORDER BY loaded_at DESC, id DESC LIMIT 1",
    )
    .fetch_optional(db)
    .await
}

/// The kind of an area of the wage data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    National,
    State,
    Metro,
}

impl AreaKind {
    pub fn parse(text: &str) -> Option<AreaKind> {
        match text {
            "national" => Some(AreaKind::National),
            "state" => Some(AreaKind::State),
            "metro" => Some(AreaKind::Metro),
            _ => None,
        }
    }
}

/// An area of the wage data, as the picker offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub code: String,
    pub kind: AreaKind,
    pub name: String,
    /// The postal codes of its states (empty for the nation).
    pub states: Vec<String>,
}

impl Area {
    pub fn is_national(&self) -> bool {
        self.kind == AreaKind::National
    }
}

#[derive(sqlx::FromRow)]
struct AreaRow {
    area_code: String,
    kind: String,
    name: String,
    states: Vec<String>,
}

impl TryFrom<AreaRow> for Area {
    type Error = sqlx::Error;
    fn try_from(r: AreaRow) -> Result<Area, sqlx::Error> {
        Ok(Area {
            kind: AreaKind::parse(&r.kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("area kind {:?}", r.kind).into()))?,
            code: r.area_code,
            name: r.name,
            states: r.states,
        })
    }
}

/// Every area of the wage data: the nation, then the states, then the metropolitan areas,
/// each by name.
pub async fn areas(db: &PgPool) -> Result<Vec<Area>, sqlx::Error> {
    let rows: Vec<AreaRow> = sqlx::query_as(
        "SELECT area_code, kind, name, states FROM wage_areas
          ORDER BY array_position(ARRAY['national', 'state', 'metro'], kind), name",
    )
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Area::try_from).collect()
}

/// One area by its code.
pub async fn area(db: &PgPool, code: &str) -> Result<Option<Area>, sqlx::Error> {
    let row: Option<AreaRow> =
        sqlx::query_as("SELECT area_code, kind, name, states FROM wage_areas WHERE area_code = $1")
            .bind(code)
            .fetch_optional(db)
            .await?;
    row.map(Area::try_from).transpose()
}

/// The area the candidate picked for the Career page, if any.
pub async fn career_area(db: &PgPool, candidate_id: i64) -> Result<Option<Area>, sqlx::Error> {
    let row: Option<AreaRow> = sqlx::query_as(
        "SELECT a.area_code, a.kind, a.name, a.states
           FROM candidates c JOIN wage_areas a ON a.area_code = c.career_area
          WHERE c.id = $1",
    )
    .bind(candidate_id)
    .fetch_optional(db)
    .await?;
    row.map(Area::try_from).transpose()
}

/// Remembers the candidate's area (`None`: the nation). `false` when the area is unknown.
pub async fn set_career_area(
    db: &PgPool,
    candidate_id: i64,
    area: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let area = area.filter(|a| !a.is_empty() && *a != NATIONAL);
    let changed = sqlx::query(
        "UPDATE candidates SET career_area = $2
          WHERE id = $1 AND ($2::text IS NULL OR EXISTS
                (SELECT 1 FROM wage_areas WHERE area_code = $2))",
    )
    .bind(candidate_id)
    .bind(area)
    .execute(db)
    .await?;
    Ok(changed.rows_affected() == 1)
}
