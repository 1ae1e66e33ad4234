//! `accolade import FILE.csv`: a results file, read as a stream in batches.

use std::io::Read;

use chrono::NaiveDate;
use indicatif::ProgressBar;
use sqlx::PgPool;

use super::import::{ItemOutcome, Summary, import_batch, partition};
use crate::domain::exam_result::COLUMNS;
use crate::domain::{Catalog, NewResult, RawResult, RowError};

/// Rows written per transaction.
pub const BATCH: usize = 5_000;

/// Batches written at the same time. Each person's rows stay in one stream, in file order,
/// so the rules see every person's history as the file tells it; different streams hold
/// different people and lock different partitions, so PostgreSQL writes them side by side.
pub const STREAMS: usize = 2;

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
    let mut streams: [Vec<NewResult>; STREAMS] = std::array::from_fn(|_| Vec::with_capacity(BATCH));
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
            Ok(result) => {
                let stream = partition(result.email.as_str()) as usize % STREAMS;
                streams[stream].push(result);
                if streams[stream].len() >= BATCH {
                    flush(pool, catalog, &mut streams, &mut summary).await?;
                }
            }
            Err(errors) => reject(&mut summary, &mut on_rejected, line, errors),
        }
    }
    flush(pool, catalog, &mut streams, &mut summary).await?;
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

/// Writes every stream's batch, all at the same time, and empties them.
async fn flush(
    pool: &PgPool,
    catalog: &Catalog,
    streams: &mut [Vec<NewResult>; STREAMS],
    summary: &mut Summary,
) -> Result<(), sqlx::Error> {
    let writes = streams
        .iter()
        .filter(|batch| !batch.is_empty())
        .map(|batch| import_batch(pool, catalog, batch));
    for outcomes in futures_util::future::try_join_all(writes).await? {
        for outcome in &outcomes {
            summary.add(outcome);
        }
    }
    streams.iter_mut().for_each(Vec::clear);
    Ok(())
}
