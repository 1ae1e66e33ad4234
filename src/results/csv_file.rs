//! `accolade import FILE.csv`: a results file, read as a stream in batches.

use std::io::Read;

use chrono::NaiveDate;
use indicatif::ProgressBar;
use sqlx::PgPool;

use super::import::{ItemOutcome, Summary, import_batch};
use crate::domain::exam_result::COLUMNS;
use crate::domain::{Catalog, NewResult, RawResult, RowError};

/// Rows written per transaction.
pub const BATCH: usize = 5_000;

/// A problem with the whole file (nothing after it is read).
#[derive(Debug, thiserror::Error)]
pub enum CsvFileError {
    #[error("the header lacks the column(s) {}; expected {}", .0.join(", "), COLUMNS.join(","))]
    MissingColumns(Vec<&'static str>),
    #[error("the file could not be read: {0}")]
    Read(#[from] csv::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Imports a CSV stream. Calls `on_rejected(line, errors)` for each refused row and goes on;
/// `progress` advances with the bytes read.
pub async fn import_csv<R: Read>(
    pool: &PgPool,
    catalog: &Catalog,
    input: R,
    today: NaiveDate,
    progress: &ProgressBar,
    mut on_rejected: impl FnMut(u64, &[RowError]),
) -> Result<Summary, CsvFileError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = reader.headers()?.clone();
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|name| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
        .collect();
    // Every column but the locale is required.
    let missing: Vec<&'static str> = COLUMNS
        .iter()
        .zip(&index)
        .filter(|(name, i)| i.is_none() && **name != "locale")
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(CsvFileError::MissingColumns(missing));
    }

    let mut summary = Summary::default();
    let mut batch: Vec<NewResult> = Vec::with_capacity(BATCH);
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => {
                reject(
                    &mut summary,
                    &mut on_rejected,
                    line,
                    vec![RowError::NotUtf8],
                );
                continue;
            }
            Err(e) => return Err(e.into()),
        }
        let line = record.position().map_or(line, |p| p.line());
        progress.set_position(record.position().map_or(0, |p| p.byte()));
        if record.len() != header.len() {
            let error = RowError::ColumnCount {
                expected: header.len(),
                found: record.len(),
            };
            reject(&mut summary, &mut on_rejected, line, vec![error]);
            continue;
        }
        let field = |column: usize| index[column].and_then(|i| record.get(i)).map(str::to_owned);
        let raw = RawResult {
            result_id: field(0),
            source: field(1),
            email: field(2),
            given_name: field(3),
            family_name: field(4),
            exam_code: field(5),
            passed_on: field(6),
            locale: field(7),
        };
        match raw.validate(catalog, today) {
            Ok(result) => batch.push(result),
            Err(errors) => reject(&mut summary, &mut on_rejected, line, errors),
        }
        if batch.len() >= BATCH {
            flush(pool, catalog, &mut batch, &mut summary).await?;
        }
    }
    flush(pool, catalog, &mut batch, &mut summary).await?;
    progress.finish_and_clear();
    Ok(summary)
}

fn reject(
    summary: &mut Summary,
    on_rejected: &mut impl FnMut(u64, &[RowError]),
    line: u64,
    errors: Vec<RowError>,
) {
    on_rejected(line, &errors);
    summary.add(&ItemOutcome::Rejected(errors));
}

async fn flush(
    pool: &PgPool,
    catalog: &Catalog,
    batch: &mut Vec<NewResult>,
    summary: &mut Summary,
) -> Result<(), sqlx::Error> {
    if batch.is_empty() {
        return Ok(());
    }
    for outcome in import_batch(pool, catalog, batch).await? {
        summary.add(&outcome);
    }
    batch.clear();
    Ok(())
}
