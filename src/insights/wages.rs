//! The wage data: employment and annual wage percentiles of occupations, nationally, by state
//! and by metropolitan area (the US Bureau of Labor Statistics' OEWS). The file is made by
//! `src/insights/data/build_oews.py` (its top describes the format) and loaded by
//! `accolade insights load FILE` (and by the demo: [`DEMO_WAGES`]).
//!
//! [`parse`] reads a whole file, keeps the good lines and reports each bad one with its number
//! and why; [`load`] writes what was kept, in one transaction, idempotently: a second load of
//! the same file rewrites no row.

use std::collections::{HashMap, HashSet};

use sqlx::{PgConnection, PgPool};

use super::SocCode;
use crate::domain::text::{Lines, is_storable};
use crate::i18n::{Localized, Tr};

/// The wage data the project ships (OEWS May 2025, for the occupations of the demo catalog).
pub const DEMO_WAGES: &str = include_str!("data/oews-2025.tsv");

/// The longest name of an occupation or an area, and the longest source or release.
const MAX_NAME: usize = 200;
const MAX_SOURCE: usize = 300;
const MAX_RELEASE: usize = 100;
const MAX_URL: usize = 500;
/// Figure rows written per statement.
const BATCH: usize = 2000;

/// A wage data file, less its bad lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WagesFile {
    /// Who publishes the data (`source` line).
    pub source: String,
    /// Which release, as its publisher names it, e.g. "May 2025" (`release` line).
    pub release: String,
    /// The publisher's code of the release, e.g. "2025A01", when the file gives it.
    pub release_code: Option<String>,
    /// Where to read about the data (`url` line, https).
    pub url: Option<String>,
    pub occupations: Vec<Occupation>,
    pub areas: Vec<WageArea>,
    pub rows: Vec<WageRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    pub soc: SocCode,
    /// Its English title, as the source names it.
    pub title: String,
}

/// What an area of the wage data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum AreaKind {
    National,
    State,
    /// A metropolitan area, or a nonmetropolitan part of a state.
    Metro,
}

impl AreaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AreaKind::National => "national",
            AreaKind::State => "state",
            AreaKind::Metro => "metro",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "national" => Some(AreaKind::National),
            "state" => Some(AreaKind::State),
            "metro" => Some(AreaKind::Metro),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WageArea {
    /// Seven digits: `0000000` is the nation, `5300000` Washington, `0042660` Seattle.
    pub code: String,
    pub kind: AreaKind,
    pub name: String,
    /// The US postal codes of the states the area lies in (none for the nation).
    pub states: Vec<String>,
}

/// An annual wage in US dollars; `at_least` when the source gives only a floor
/// ("$239,200 or more").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wage {
    pub dollars: i32,
    pub at_least: bool,
}

/// The figures of one occupation in one area: `None` where the source publishes none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WageRow {
    /// Its line in the file.
    pub line: usize,
    pub soc: SocCode,
    pub area: String,
    pub employment: Option<i32>,
    /// The 10th, 25th, 50th (median), 75th and 90th percentiles.
    pub percentiles: [Option<Wage>; 5],
}

/// Why a line of the file was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// The first field is neither a known record nor a SOC code.
    UnknownRecord(String),
    ColumnCount {
        record: &'static str,
        expected: usize,
        found: usize,
    },
    /// A `source`, `release`, `url`, ... line after the first of its kind.
    RepeatedHeader(&'static str),
    /// A text that is empty, too long or holds a control character.
    BadText(&'static str),
    BadUrl(String),
    BadSoc(String),
    BadAreaCode(String),
    BadAreaKind(String),
    BadStates(String),
    /// The nation lists no state; any other area at least one.
    StatesOfKind,
    BadNumber {
        column: &'static str,
        value: String,
    },
    /// The percentiles do not go up from the 10th to the 90th.
    NotIncreasing,
    /// An occupation, an area or a figure row the file already gave (on that line).
    Duplicate(usize),
    UnknownOccupation(String),
    UnknownArea(String),
    /// A figure row with no figure at all.
    NoFigure,
}

/// A bad line: its number (from 1) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problem: LineProblem,
}

/// What makes a whole file unusable: nothing is loaded from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WagesFileError {
    #[error("the file has no `{0}` line: a wage data file names its source and its release")]
    MissingHeader(&'static str),
    #[error("the file has no figure row")]
    NoRows,
}

impl Localized for WagesFileError {
    fn localize(&self, t: &Tr) -> String {
        match self {
            WagesFileError::MissingHeader(header) => {
                t.msg1("wages-file-missing-header", "header", *header)
            }
            WagesFileError::NoRows => t.msg("wages-file-no-rows"),
        }
    }
}

impl Localized for LineProblem {
    fn localize(&self, t: &Tr) -> String {
        match self {
            LineProblem::UnknownRecord(first) => {
                t.msg1("wages-line-unknown-record", "value", first)
            }
            LineProblem::ColumnCount {
                record,
                expected,
                found,
            } => t.msgn(
                "wages-line-column-count",
                [
                    ("record", (*record).to_owned()),
                    ("expected", expected.to_string()),
                    ("found", found.to_string()),
                ],
            ),
            LineProblem::RepeatedHeader(header) => {
                t.msg1("wages-line-repeated-header", "header", *header)
            }
            LineProblem::BadText(field) => t.msg1("wages-line-bad-text", "field", *field),
            LineProblem::BadUrl(value) => t.msg1("wages-line-bad-url", "value", value),
            LineProblem::BadSoc(value) => t.msg1("wages-line-bad-soc", "value", value),
            LineProblem::BadAreaCode(value) => t.msg1("wages-line-bad-area-code", "value", value),
            LineProblem::BadAreaKind(value) => t.msg1("wages-line-bad-area-kind", "value", value),
            LineProblem::BadStates(value) => t.msg1("wages-line-bad-states", "value", value),
            LineProblem::StatesOfKind => t.msg("wages-line-states-of-kind"),
            LineProblem::BadNumber { column, value } => {
                t.msg2("wages-line-bad-number", "column", *column, "value", value)
            }
            LineProblem::NotIncreasing => t.msg("wages-line-not-increasing"),
            LineProblem::Duplicate(line) => {
                t.msg1("wages-line-duplicate", "line", line.to_string())
            }
            LineProblem::UnknownOccupation(soc) => {
                t.msg1("wages-line-unknown-occupation", "soc", soc)
            }
            LineProblem::UnknownArea(code) => t.msg1("wages-line-unknown-area", "code", code),
            LineProblem::NoFigure => t.msg("wages-line-no-figure"),
        }
    }
}

/// A parsed file and its bad lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub file: WagesFile,
    pub errors: Vec<LineError>,
}

const PERCENTILE_COLUMNS: [&str; 5] = ["p10", "p25", "p50", "p75", "p90"];

/// A text field of one line, 1 to `max` characters.
fn text(value: &str, field: &'static str, max: usize) -> Result<String, LineProblem> {
    if value.trim().is_empty() || value.chars().count() > max || !is_storable(value, Lines::Single)
    {
        return Err(LineProblem::BadText(field));
    }
    Ok(value.to_owned())
}

fn count(value: &str, column: &'static str) -> Result<Option<i32>, LineProblem> {
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || LineProblem::BadNumber {
        column,
        value: value.to_owned(),
    };
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    value.parse::<i32>().map(Some).map_err(|_| bad())
}

fn wage(value: &str, column: &'static str) -> Result<Option<Wage>, LineProblem> {
    let (digits, at_least) = match value.strip_suffix('+') {
        Some(digits) if !digits.is_empty() => (digits, true),
        _ => (value, false),
    };
    match count(digits, column) {
        Ok(Some(dollars)) if dollars > 0 => Ok(Some(Wage { dollars, at_least })),
        Ok(None) => Ok(None),
        _ => Err(LineProblem::BadNumber {
            column,
            value: value.to_owned(),
        }),
    }
}

fn area_code(value: &str) -> Result<String, LineProblem> {
    if value.len() == 7 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err(LineProblem::BadAreaCode(value.to_owned()))
    }
}

fn soc(value: &str) -> Result<SocCode, LineProblem> {
    SocCode::parse(value).ok_or_else(|| LineProblem::BadSoc(value.to_owned()))
}

fn columns(
    fields: &[&str],
    record: &'static str,
    expected: std::ops::RangeInclusive<usize>,
) -> Result<(), LineProblem> {
    if expected.contains(&fields.len()) {
        Ok(())
    } else {
        Err(LineProblem::ColumnCount {
            record,
            expected: *expected.end(),
            found: fields.len(),
        })
    }
}

fn area(fields: &[&str]) -> Result<WageArea, LineProblem> {
    columns(fields, "area", 5..=5)?;
    let code = area_code(fields[1])?;
    let kind =
        AreaKind::parse(fields[2]).ok_or_else(|| LineProblem::BadAreaKind(fields[2].into()))?;
    let name = text(fields[3], "name", MAX_NAME)?;
    let states: Vec<String> = if fields[4].is_empty() {
        Vec::new()
    } else {
        fields[4].split(',').map(str::to_owned).collect()
    };
    if !states
        .iter()
        .all(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(LineProblem::BadStates(fields[4].to_owned()));
    }
    if (kind == AreaKind::National) != states.is_empty() {
        return Err(LineProblem::StatesOfKind);
    }
    Ok(WageArea {
        code,
        kind,
        name,
        states,
    })
}

fn row(line: usize, fields: &[&str]) -> Result<WageRow, LineProblem> {
    columns(fields, "figures", 8..=8)?;
    let soc = soc(fields[0])?;
    let area = area_code(fields[1])?;
    let employment = count(fields[2], "employment")?;
    let mut percentiles = [None; 5];
    for (i, column) in PERCENTILE_COLUMNS.iter().enumerate() {
        percentiles[i] = wage(fields[3 + i], column)?;
    }
    let known: Vec<i32> = percentiles.iter().flatten().map(|w| w.dollars).collect();
    if known.windows(2).any(|pair| pair[0] > pair[1]) {
        return Err(LineProblem::NotIncreasing);
    }
    if employment.is_none() && known.is_empty() {
        return Err(LineProblem::NoFigure);
    }
    Ok(WageRow {
        line,
        soc,
        area,
        employment,
        percentiles,
    })
}

/// Reads a wage data file: every line is checked, the bad ones are reported (and left out),
/// the rest is kept. Figure rows must name an occupation and an area the file defines.
pub fn parse(input: &str) -> Result<Parsed, WagesFileError> {
    let mut errors = Vec::new();
    let mut source = None;
    let mut release = None;
    let mut url = None;
    let mut others: HashSet<&'static str> = HashSet::new();
    let mut occupations: Vec<Occupation> = Vec::new();
    let mut areas: Vec<WageArea> = Vec::new();
    let mut rows: Vec<WageRow> = Vec::new();
    // Where each occupation, area and (occupation, area) was first given.
    let mut occupation_lines: HashMap<SocCode, usize> = HashMap::new();
    let mut area_lines: HashMap<String, usize> = HashMap::new();

    for (index, raw) in input.lines().enumerate() {
        let line = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        let outcome: Result<(), LineProblem> = (|| {
            match fields[0] {
                "source" => {
                    columns(&fields, "source", 2..=2)?;
                    if source.is_some() {
                        return Err(LineProblem::RepeatedHeader("source"));
                    }
                    source = Some(text(fields[1], "source", MAX_SOURCE)?);
                }
                "release" => {
                    columns(&fields, "release", 2..=3)?;
                    if release.is_some() {
                        return Err(LineProblem::RepeatedHeader("release"));
                    }
                    let name = text(fields[1], "release", MAX_RELEASE)?;
                    let code = match fields.get(2) {
                        Some(code) => Some(text(code, "release", MAX_RELEASE)?),
                        None => None,
                    };
                    release = Some((name, code));
                }
                "url" => {
                    columns(&fields, "url", 2..=2)?;
                    if url.is_some() {
                        return Err(LineProblem::RepeatedHeader("url"));
                    }
                    let value = fields[1];
                    if !value.starts_with("https://")
                        || value.len() > MAX_URL
                        || value.contains(char::is_whitespace)
                        || !is_storable(value, Lines::Single)
                    {
                        return Err(LineProblem::BadUrl(value.to_owned()));
                    }
                    url = Some(value.to_owned());
                }
                // Provenance: kept in the file for people, not loaded.
                header @ ("data" | "package" | "licence") => {
                    let header: &'static str = match header {
                        "data" => "data",
                        "package" => "package",
                        _ => "licence",
                    };
                    columns(&fields, header, 2..=3)?;
                    if !others.insert(header) {
                        return Err(LineProblem::RepeatedHeader(header));
                    }
                    for field in &fields[1..] {
                        text(field, header, 2000)?;
                    }
                }
                "occupation" => {
                    columns(&fields, "occupation", 3..=3)?;
                    let soc = soc(fields[1])?;
                    let title = text(fields[2], "title", MAX_NAME)?;
                    if let Some(first) = occupation_lines.get(&soc) {
                        return Err(LineProblem::Duplicate(*first));
                    }
                    occupation_lines.insert(soc.clone(), line);
                    occupations.push(Occupation { soc, title });
                }
                "area" => {
                    let area = area(&fields)?;
                    if let Some(first) = area_lines.get(&area.code) {
                        return Err(LineProblem::Duplicate(*first));
                    }
                    area_lines.insert(area.code.clone(), line);
                    areas.push(area);
                }
                first if SocCode::parse(first).is_some() => rows.push(row(line, &fields)?),
                first if first.len() == 7 && first.as_bytes()[2] == b'-' => {
                    return Err(LineProblem::BadSoc(first.to_owned()));
                }
                first => return Err(LineProblem::UnknownRecord(first.to_owned())),
            }
            Ok(())
        })();
        if let Err(problem) = outcome {
            errors.push(LineError { line, problem });
        }
    }

    // Figure rows: of a known occupation and area, each pair once.
    let mut row_lines: HashMap<(SocCode, String), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        let problem = if !occupation_lines.contains_key(&row.soc) {
            Some(LineProblem::UnknownOccupation(row.soc.to_string()))
        } else if !area_lines.contains_key(&row.area) {
            Some(LineProblem::UnknownArea(row.area.clone()))
        } else {
            row_lines
                .get(&(row.soc.clone(), row.area.clone()))
                .map(|first| LineProblem::Duplicate(*first))
        };
        match problem {
            Some(problem) => errors.push(LineError {
                line: row.line,
                problem,
            }),
            None => {
                row_lines.insert((row.soc.clone(), row.area.clone()), row.line);
                kept.push(row);
            }
        }
    }
    errors.sort_by_key(|e| e.line);

    let source = source.ok_or(WagesFileError::MissingHeader("source"))?;
    let (release, release_code) = release.ok_or(WagesFileError::MissingHeader("release"))?;
    if kept.is_empty() {
        return Err(WagesFileError::NoRows);
    }
    Ok(Parsed {
        file: WagesFile {
            source,
            release,
            release_code,
            url,
            occupations,
            areas,
            rows: kept,
        },
        errors,
    })
}

/// Rows added, changed and left as they were by a load.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Counts {
    /// Counts the outcomes of an upsert that returned `xmax = 0` for each row it wrote, out
    /// of `total` rows sent.
    fn of(written: &[bool], total: usize) -> Self {
        let added = written.iter().filter(|inserted| **inserted).count();
        Counts {
            added,
            updated: written.len() - added,
            unchanged: total - written.len(),
        }
    }

    fn add(&mut self, other: Counts) {
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// What a load did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct WagesReport {
    /// The `wage_releases` row of the file's source and release.
    pub release_id: i64,
    pub occupations: Counts,
    pub areas: Counts,
    pub figures: Counts,
}

/// Writes the file's occupations (their English titles), areas, release and figures, in one
/// transaction. Rows that already hold the same values are not rewritten, so loading a file
/// twice changes nothing. A figure row replaces the earlier figures of its occupation and
/// area (from another release too); figures the file does not give are left as they are.
pub async fn load(pool: &PgPool, file: &WagesFile) -> Result<WagesReport, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut report = WagesReport {
        release_id: release(&mut tx, file).await?,
        ..WagesReport::default()
    };

    let (socs, titles): (Vec<&str>, Vec<&str>) = file
        .occupations
        .iter()
        .map(|o| (o.soc.as_str(), o.title.as_str()))
        .unzip();
    let written: Vec<bool> = sqlx::query_scalar(
        "INSERT INTO occupations (soc_code, title)
         SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (soc_code) DO UPDATE SET title = EXCLUDED.title
          WHERE occupations.title IS DISTINCT FROM EXCLUDED.title
         RETURNING (xmax = 0)",
    )
    .bind(&socs)
    .bind(&titles)
    .fetch_all(&mut *tx)
    .await?;
    report.occupations = Counts::of(&written, socs.len());

    let codes: Vec<&str> = file.areas.iter().map(|a| a.code.as_str()).collect();
    let kinds: Vec<&str> = file.areas.iter().map(|a| a.kind.as_str()).collect();
    let names: Vec<&str> = file.areas.iter().map(|a| a.name.as_str()).collect();
    let states: Vec<String> = file.areas.iter().map(|a| a.states.join(",")).collect();
    let written: Vec<bool> = sqlx::query_scalar(
        "INSERT INTO wage_areas (area_code, kind, name, states)
         SELECT code, kind, name, string_to_array(states, ',')
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS a(code, kind, name, states)
         ON CONFLICT (area_code) DO UPDATE
            SET kind = EXCLUDED.kind, name = EXCLUDED.name, states = EXCLUDED.states
          WHERE (wage_areas.kind, wage_areas.name, wage_areas.states)
                IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.states)
         RETURNING (xmax = 0)",
    )
    .bind(&codes)
    .bind(&kinds)
    .bind(&names)
    .bind(&states)
    .fetch_all(&mut *tx)
    .await?;
    report.areas = Counts::of(&written, codes.len());

    for batch in file.rows.chunks(BATCH) {
        report
            .figures
            .add(figures(&mut tx, report.release_id, batch).await?);
    }
    tx.commit().await?;
    Ok(report)
}

/// The id of the release row of the file, made or updated (its URL) when needed.
async fn release(conn: &mut PgConnection, file: &WagesFile) -> Result<i64, sqlx::Error> {
    let written: Option<i64> = sqlx::query_scalar(
        "INSERT INTO wage_releases (source, release, url) VALUES ($1, $2, $3)
         ON CONFLICT (source, release) DO UPDATE SET url = EXCLUDED.url
          WHERE wage_releases.url IS DISTINCT FROM EXCLUDED.url
         RETURNING id",
    )
    .bind(&file.source)
    .bind(&file.release)
    .bind(&file.url)
    .fetch_optional(&mut *conn)
    .await?;
    match written {
        Some(id) => Ok(id),
        None => {
            sqlx::query_scalar("SELECT id FROM wage_releases WHERE source = $1 AND release = $2")
                .bind(&file.source)
                .bind(&file.release)
                .fetch_one(&mut *conn)
                .await
        }
    }
}

/// Upserts one batch of figure rows.
async fn figures(
    conn: &mut PgConnection,
    release_id: i64,
    rows: &[WageRow],
) -> Result<Counts, sqlx::Error> {
    let socs: Vec<&str> = rows.iter().map(|r| r.soc.as_str()).collect();
    let areas: Vec<&str> = rows.iter().map(|r| r.area.as_str()).collect();
    let employment: Vec<Option<i32>> = rows.iter().map(|r| r.employment).collect();
    let dollars = |i: usize| -> Vec<Option<i32>> {
        rows.iter()
            .map(|r| r.percentiles[i].map(|w| w.dollars))
            .collect()
    };
    let at_least = |i: usize| -> Vec<bool> {
        rows.iter()
            .map(|r| r.percentiles[i].is_some_and(|w| w.at_least))
            .collect()
    };
    let written: Vec<bool> = sqlx::query_scalar(
        "INSERT INTO wages (soc_code, area_code, release_id, employment, p10, p25, p50, p75, p90,
                            p10_at_least, p25_at_least, p50_at_least, p75_at_least, p90_at_least)
         SELECT soc, area, $1, employment, p10, p25, p50, p75, p90, a10, a25, a50, a75, a90
           FROM unnest($2::text[], $3::text[], $4::integer[], $5::integer[], $6::integer[],
                       $7::integer[], $8::integer[], $9::integer[], $10::boolean[],
                       $11::boolean[], $12::boolean[], $13::boolean[], $14::boolean[])
                AS f(soc, area, employment, p10, p25, p50, p75, p90, a10, a25, a50, a75, a90)
         ON CONFLICT (soc_code, area_code) DO UPDATE
            SET release_id = EXCLUDED.release_id, employment = EXCLUDED.employment,
                p10 = EXCLUDED.p10, p25 = EXCLUDED.p25, p50 = EXCLUDED.p50, p75 = EXCLUDED.p75,
                p90 = EXCLUDED.p90, p10_at_least = EXCLUDED.p10_at_least,
                p25_at_least = EXCLUDED.p25_at_least, p50_at_least = EXCLUDED.p50_at_least,
                p75_at_least = EXCLUDED.p75_at_least, p90_at_least = EXCLUDED.p90_at_least
          WHERE (wages.release_id, wages.employment, wages.p10, wages.p25, wages.p50, wages.p75,
                 wages.p90, wages.p10_at_least, wages.p25_at_least, wages.p50_at_least,
                 wages.p75_at_least, wages.p90_at_least)
                IS DISTINCT FROM
                (EXCLUDED.release_id, EXCLUDED.employment, EXCLUDED.p10, EXCLUDED.p25,
                 EXCLUDED.p50, EXCLUDED.p75, EXCLUDED.p90, EXCLUDED.p10_at_least,
                 EXCLUDED.p25_at_least, EXCLUDED.p50_at_least, EXCLUDED.p75_at_least,
                 EXCLUDED.p90_at_least)
         RETURNING (xmax = 0)",
    )
    .bind(release_id)
    .bind(&socs)
    .bind(&areas)
    .bind(&employment)
    .bind(dollars(0))
    .bind(dollars(1))
    .bind(dollars(2))
    .bind(dollars(3))
    .bind(dollars(4))
    .bind(at_least(0))
    .bind(at_least(1))
    .bind(at_least(2))
    .bind(at_least(3))
    .bind(at_least(4))
    .fetch_all(&mut *conn)
    .await?;
    Ok(Counts::of(&written, rows.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "source\tBLS OEWS\nrelease\tMay 2025\t2025A01\nurl\thttps://www.bls.gov/oes/\n\
        occupation\t15-1244\tNetwork and Computer Systems Administrators\n\
        area\t0000000\tnational\tNational\t\narea\t5300000\tstate\tWashington\tWA\n";

    fn parsed(rows: &str) -> Parsed {
        parse(&format!("{HEAD}{rows}")).unwrap()
    }

    fn problems(rows: &str) -> Vec<(usize, LineProblem)> {
        parsed(rows)
            .errors
            .into_iter()
            .map(|e| (e.line, e.problem))
            .collect()
    }

    #[test]
    fn the_demo_file_parses_without_a_bad_line() {
        let parsed = parse(DEMO_WAGES).unwrap();
        assert_eq!(parsed.errors, vec![]);
        let file = parsed.file;
        assert_eq!(file.release, "May 2025");
        assert_eq!(file.release_code.as_deref(), Some("2025A01"));
        assert!(file.source.contains("Bureau of Labor Statistics"));
        assert_eq!(file.areas.len(), 583);
        let national = file
            .rows
            .iter()
            .find(|r| r.soc.as_str() == "15-1244" && r.area == "0000000")
            .unwrap();
        assert_eq!(national.employment, Some(314_340));
        assert_eq!(
            national.percentiles[2],
            Some(Wage {
                dollars: 99_130,
                at_least: false
            })
        );
        let philadelphia = file.areas.iter().find(|a| a.code == "0037980").unwrap();
        assert_eq!(philadelphia.states, ["PA", "NJ", "DE", "MD"]);
        assert_eq!(philadelphia.kind, AreaKind::Metro);
    }

    #[test]
    fn the_demo_file_has_national_figures_for_every_occupation_of_the_demo_catalog() {
        // Fails when the catalog maps a new occupation and build_oews.py was not run again.
        let catalog = crate::catalog::CatalogFile::parse(crate::catalog::DEMO_CATALOG).unwrap();
        let file = parse(DEMO_WAGES).unwrap().file;
        for occupation in &catalog.occupation {
            let data = file
                .occupations
                .iter()
                .find(|o| o.soc.as_str() == occupation.soc)
                .unwrap_or_else(|| panic!("{} is not in the wage data", occupation.soc));
            assert_eq!(
                data.title, occupation.title,
                "the catalog uses the SOC title"
            );
            let national = file
                .rows
                .iter()
                .find(|r| r.soc == data.soc && r.area == "0000000")
                .unwrap();
            assert!(national.employment.is_some() && national.percentiles[2].is_some());
        }
    }

    #[test]
    fn a_figure_row_reads_empty_figures_and_floors() {
        let file = parsed("15-1244\t5300000\t\t70000\t80000\t100000\t\t239200+\n").file;
        let row = &file.rows[0];
        assert_eq!(row.line, 7);
        assert_eq!(row.employment, None);
        assert_eq!(row.percentiles[3], None);
        assert_eq!(
            row.percentiles[4],
            Some(Wage {
                dollars: 239_200,
                at_least: true
            })
        );
    }

    #[test]
    fn each_bad_line_is_reported_with_its_number_and_the_rest_is_kept() {
        let rows = "15-1244\t0000000\t314340\t62640\t78010\t99130\t126640\t155050\n\
            15-1244\t5300000\t1\t9\t8\t7\t6\t5\n\
            15-1244\t5300000\tmany\t1\t2\t3\t4\t5\n\
            15-1244\t5300000\t1\t2\n\
            15-9999\t5300000\t1\t1\t2\t3\t4\t5\n\
            15-1244\t9900000\t1\t1\t2\t3\t4\t5\n\
            15-1244\t0000000\t1\t1\t2\t3\t4\t5\n\
            151244\t5300000\t1\t1\t2\t3\t4\t5\n\
            15-12a4\t5300000\t1\t1\t2\t3\t4\t5\n\
            area\t1234567\tcounty\tX\tWA\n\
            area\t1234567\tstate\tX\twa\n\
            area\t1234567\tstate\tX\t\n\
            area\t0000000\tnational\tNational\t\n\
            occupation\t15-1244\tAgain\n\
            source\tagain\n\
            15-1244\t5300000\t0\t1\t2\t0\t4\t5\n\
            15-1244\t5300000\t\t\t\t\t\t\n\
            15-1244\t5300000\t100\t\t50000\t\t60000\t239200+\n";
        let found = problems(rows);
        let expected = vec![
            (8, LineProblem::NotIncreasing),
            (
                9,
                LineProblem::BadNumber {
                    column: "employment",
                    value: "many".into(),
                },
            ),
            (
                10,
                LineProblem::ColumnCount {
                    record: "figures",
                    expected: 8,
                    found: 4,
                },
            ),
            (11, LineProblem::UnknownOccupation("15-9999".into())),
            (12, LineProblem::UnknownArea("9900000".into())),
            (13, LineProblem::Duplicate(7)),
            (14, LineProblem::UnknownRecord("151244".into())),
            (15, LineProblem::BadSoc("15-12a4".into())),
            (16, LineProblem::BadAreaKind("county".into())),
            (17, LineProblem::BadStates("wa".into())),
            (18, LineProblem::StatesOfKind),
            (19, LineProblem::Duplicate(5)),
            (20, LineProblem::Duplicate(4)),
            (21, LineProblem::RepeatedHeader("source")),
            (
                22,
                LineProblem::BadNumber {
                    column: "p50",
                    value: "0".into(),
                },
            ),
            (23, LineProblem::NoFigure),
        ];
        assert_eq!(found, expected);
        let file = parsed(rows).file;
        assert_eq!(file.rows.len(), 2, "the good rows are kept");
        assert_eq!(file.rows[1].line, 24);
    }

    #[test]
    fn a_file_without_its_source_release_or_rows_is_refused() {
        assert_eq!(
            parse("release\tMay 2025\n15-1244\t0000000\t1\t\t\t\t\t\n"),
            Err(WagesFileError::MissingHeader("source"))
        );
        assert_eq!(
            parse("source\tX\n"),
            Err(WagesFileError::MissingHeader("release"))
        );
        assert_eq!(parse(HEAD), Err(WagesFileError::NoRows));
    }

    #[test]
    fn every_problem_has_a_message_in_every_language() {
        for locale in crate::i18n::Locale::all() {
            let t = Tr::new(locale);
            for problem in [
                LineProblem::UnknownRecord("x".into()),
                LineProblem::NotIncreasing,
                LineProblem::Duplicate(3),
            ] {
                let text = problem.localize(&t);
                assert!(!text.is_empty() && !text.contains("wages-"), "{text}");
            }
            let text = WagesFileError::NoRows.localize(&t);
            assert!(!text.contains("wages-"), "{text}");
        }
    }
}
