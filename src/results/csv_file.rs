//! `accolade import FILE.csv`: a results file, read as a stream in batches.

use std::io::Read;

use chrono::NaiveDate;
use indicatif::ProgressBar;
use sqlx::PgPool;

use super::import::{ItemOutcome, Summary, import_batch};
use crate::db::locks::partition;
use crate::domain::exam_result::COLUMNS;
use crate::domain::{Catalog, NewResult, RawResult, RowError};

/// Rows written per transaction.
pub const BATCH: usize = 5_000;

/// Batches written at the same time. Each person's rows stay in one stream, in file order,
/// so the rules see every person's history as the file tells it; different streams hold
/// different people and lock different partitions, so PostgreSQL writes them side by side.
pub const STREAMS: usize = 2;

/// How far an import that stopped had got. Every batch is its own transaction, so what
/// committed before the stop stays; importing the same file again is safe, since results
/// already stored are recognised by (source, result_id) and change nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Partial {
    /// The rows dealt with before the stop: those committed, and those refused.
    pub saved: Summary,
    /// Valid rows that were read but not stored (the batches that failed).
    pub unsaved: u64,
    /// The line of the file where the import stopped; nothing after it was read.
    pub line: u64,
}

/// A problem that stops the import (nothing after it is read). Apart from a header without
/// the required columns, the error says what was saved before it.
#[derive(Debug, thiserror::Error)]
pub enum CsvFileError {
    #[error("the file is empty: it needs a header line ({}) and a line per result", COLUMNS.join(","))]
    Empty,
    #[error("the header lacks the column(s) {}; expected {}", .0.join(", "), COLUMNS.join(","))]
    MissingColumns(Vec<&'static str>),
    /// The file could not be read on; the valid rows read before are stored.
    #[error("the file could not be read: {source}")]
    Read {
        source: csv::Error,
        partial: Partial,
    },
    /// A batch could not be written. The other batches written with it and every batch
    /// before are stored, and counted in `partial`.
    #[error("a database error stopped the import: {source}")]
    Database {
        source: sqlx::Error,
        partial: Partial,
    },
}

impl CsvFileError {
    /// What was saved before the stop (`None`: nothing was read).
    pub fn partial(&self) -> Option<&Partial> {
        match self {
            Self::MissingColumns(_) | Self::Empty => None,
            Self::Read { partial, .. } | Self::Database { partial, .. } => Some(partial),
        }
    }
}

/// Imports a CSV stream. Calls `on_rejected(line, errors)` for each refused row and goes on;
/// `progress` advances with the bytes read. A database error stops the import, with the
/// summary of every batch committed until then in the error.
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
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(source) => {
            return Err(CsvFileError::Read {
                source,
                partial: Partial::default(),
            });
        }
    };
    if header.iter().all(str::is_empty) {
        return Err(CsvFileError::Empty);
    }
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
    // The line of the last row read.
    let mut reached = 1;
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => {
                reached = line;
                reject(
                    &mut summary,
                    &mut on_rejected,
                    line,
                    vec![RowError::NotUtf8],
                );
                continue;
            }
            Err(source) => {
                // The rows read before are good: store them, then stop.
                let partial = flush_or_stop(pool, catalog, &mut streams, summary, line).await?;
                return Err(CsvFileError::Read { source, partial });
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        reached = line;
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
                    summary = flush_or_stop(pool, catalog, &mut streams, summary, line)
                        .await?
                        .saved;
                }
            }
            Err(errors) => reject(&mut summary, &mut on_rejected, line, errors),
        }
    }
    let summary = flush_or_stop(pool, catalog, &mut streams, summary, reached)
        .await?
        .saved;
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

/// [`flush`]es, and on a database error stops the import with what was saved.
async fn flush_or_stop(
    pool: &PgPool,
    catalog: &Catalog,
    streams: &mut [Vec<NewResult>; STREAMS],
    mut summary: Summary,
    line: u64,
) -> Result<Partial, CsvFileError> {
    match flush(pool, catalog, streams, &mut summary).await {
        Ok(()) => Ok(Partial {
            saved: summary,
            unsaved: 0,
            line,
        }),
        Err((source, unsaved)) => Err(CsvFileError::Database {
            source,
            partial: Partial {
                saved: summary,
                unsaved,
                line,
            },
        }),
    }
}

/// Writes every stream's batch, all at the same time, and empties them. Each batch is its
/// own transaction and every one is waited for, even when another fails, so `summary`
/// counts exactly the batches that committed. On failure, returns the first error and the
/// number of rows of the batches that failed.
async fn flush(
    pool: &PgPool,
    catalog: &Catalog,
    streams: &mut [Vec<NewResult>; STREAMS],
    summary: &mut Summary,
) -> Result<(), (sqlx::Error, u64)> {
    let mut failure = None;
    let mut unsaved = 0;
    {
        let batches: Vec<&Vec<NewResult>> = streams.iter().filter(|b| !b.is_empty()).collect();
        let writes = batches
            .iter()
            .map(|batch| import_batch(pool, catalog, batch));
        let written = futures_util::future::join_all(writes).await;
        for (batch, outcomes) in batches.iter().zip(written) {
            match outcomes {
                Ok(outcomes) => outcomes.iter().for_each(|o| summary.add(o)),
                Err(error) => {
                    unsaved += batch.len() as u64;
                    failure.get_or_insert(error);
                }
            }
        }
    }
    streams.iter_mut().for_each(Vec::clear);
    match failure {
        None => Ok(()),
        Some(error) => Err((error, unsaved)),
    }
}
