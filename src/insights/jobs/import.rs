//! An import of a feed of postings, the engine of `accolade jobs import` and of
//! `POST /api/v1/jobs`: each item read and checked on its own (a bad one is reported and the
//! rest goes on), the good ones stored in batches.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::posting::{self, CatalogCodes, NewPosting, PostingWarning};
use super::read::{Item, Position};
use super::store::{self, Outcome, Summary};

/// Postings written per transaction by the command line.
pub const BATCH: usize = 500;

/// What became of one item, with its place in the feed.
#[derive(Debug, Clone)]
pub struct ItemReport {
    pub position: Position,
    /// 0-based, whatever the feed's shape.
    pub index: u64,
    /// The posting's key, when it could be read.
    pub source_key: Option<String>,
    pub outcome: Outcome,
    pub warnings: Vec<PostingWarning>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The feed could not be read on past `position`; what was stored before stays.
    #[error("the feed could not be read further: {source}")]
    Read {
        source: std::io::Error,
        summary: Summary,
    },
    /// A batch could not be written: it is not stored, the batches before it are.
    #[error("the database refused a batch: {source}")]
    Database {
        source: sqlx::Error,
        summary: Summary,
        /// Valid postings of the batch that were not stored.
        unsaved: u64,
    },
}

/// Reads every item of `items`, stores the valid ones `batch` items at a time (each batch one
/// transaction; `None`: all in one), and calls `report` for each item, in the feed's order.
pub async fn import(
    db: &PgPool,
    codes: &CatalogCodes,
    items: impl Iterator<Item = std::io::Result<Item>>,
    now: DateTime<Utc>,
    batch: Option<usize>,
    mut report: impl FnMut(&ItemReport),
) -> Result<Summary, ImportError> {
    let mut summary = Summary::default();
    let mut pending: Vec<(ItemReport, Option<NewPosting>)> = Vec::new();
    for (nth, item) in items.enumerate() {
        let item = match item {
            Ok(item) => item,
            Err(source) => {
                flush(db, now, &mut pending, &mut summary, &mut report).await?;
                return Err(ImportError::Read { source, summary });
            }
        };
        let parsed = item
            .value
            .map_err(|e| vec![e])
            .and_then(|value| posting::parse(&value, codes, now));
        let index = item.position.index(nth as u64);
        let (outcome, source_key, warnings, posting) = match parsed {
            // The outcome is the store's, once written.
            Ok((posting, warnings)) => (
                Outcome::Expired,
                Some(posting.source_key.clone()),
                warnings,
                Some(posting),
            ),
            Err(errors) => (Outcome::Rejected(errors), None, Vec::new(), None),
        };
        let entry = ItemReport {
            position: item.position,
            index,
            source_key,
            outcome,
            warnings,
        };
        pending.push((entry, posting));
        if batch.is_some_and(|b| pending.len() >= b) {
            flush(db, now, &mut pending, &mut summary, &mut report).await?;
        }
    }
    flush(db, now, &mut pending, &mut summary, &mut report).await?;
    Ok(summary)
}

/// Stores the valid postings of `pending` in one transaction, then reports every item.
async fn flush(
    db: &PgPool,
    now: DateTime<Utc>,
    pending: &mut Vec<(ItemReport, Option<NewPosting>)>,
    summary: &mut Summary,
    report: &mut impl FnMut(&ItemReport),
) -> Result<(), ImportError> {
    let postings: Vec<NewPosting> = pending.iter().filter_map(|(_, p)| p.clone()).collect();
    let outcomes =
        store::store(db, &postings, now)
            .await
            .map_err(|source| ImportError::Database {
                source,
                summary: *summary,
                unsaved: postings.len() as u64,
            })?;
    let mut outcomes = outcomes.into_iter();
    for (mut item, posting) in pending.drain(..) {
        if posting.is_some()
            && let Some(outcome) = outcomes.next()
        {
            item.outcome = outcome;
        }
        summary.add(&item.outcome, !item.warnings.is_empty());
        report(&item);
    }
    Ok(())
}
