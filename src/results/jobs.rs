//! Imports started from the admin console: the same engine as `accolade import`
//! ([`import_csv`]), run in the background so the page that started it can show its
//! progress (bytes and lines read, rows refused so far) and then its report (the summary,
//! and each refused line with its reasons).
//!
//! Bounded: at most [`MAX_RUNNING`] imports run on a server at once, one per admin, and a
//! report keeps the first [`MAX_LISTED`] refused lines (the count covers them all). An
//! admin's last import is kept in this process's memory until they start another, so its
//! page must be opened on the process that runs it (sticky sessions behind a balancer); for
//! files past the console's upload limit, the command line imports any size.

use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use indicatif::ProgressBar;
use sqlx::PgPool;
use tokio::sync::Semaphore;

use super::Summary;
use super::csv_file::{CsvFileError, import_csv};
use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::{Catalog, RowError};

/// Imports running at once on one server.
pub const MAX_RUNNING: usize = 1;

/// Refused lines a report lists.
pub const MAX_LISTED: usize = 1000;

/// The imports of the console, by admin.
pub struct Imports {
    jobs: Mutex<HashMap<i64, Arc<Job>>>,
    running: Arc<Semaphore>,
}

impl Default for Imports {
    fn default() -> Self {
        Imports {
            jobs: Mutex::default(),
            running: Arc::new(Semaphore::new(MAX_RUNNING)),
        }
    }
}

/// One import: the file, how far it got, and once over, its outcome.
#[derive(Debug)]
pub struct Job {
    pub file_name: String,
    pub total_bytes: u64,
    pub started_at: DateTime<Utc>,
    read_bytes: AtomicU64,
    lines: AtomicU64,
    rejected: AtomicU64,
    outcome: Mutex<Option<Outcome>>,
}

/// How far a running import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub read_bytes: u64,
    pub total_bytes: u64,
    pub lines: u64,
    pub rejected: u64,
}

impl Progress {
    /// Per cent of the file read (0 to 100).
    pub fn percent(&self) -> i64 {
        if self.total_bytes == 0 {
            return 100;
        }
        i64::try_from(self.read_bytes.min(self.total_bytes) * 100 / self.total_bytes).unwrap_or(100)
    }
}

/// What the import did, and each refused line (the first [`MAX_LISTED`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub summary: Summary,
    pub rejected: Vec<(u64, Vec<RowError>)>,
}

impl Report {
    /// Refused lines the report does not list.
    pub fn unlisted(&self) -> u64 {
        self.summary
            .rejected
            .saturating_sub(self.rejected.len() as u64)
    }
}

/// How an import ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read to the end.
    Done(Report),
    /// Stopped at `line`: what was saved before stays; `unsaved` valid rows read were not
    /// stored. Importing the file again is safe.
    Stopped {
        report: Report,
        unsaved: u64,
        line: u64,
        cause: StopCause,
    },
    /// Nothing imported: the file is empty, or its header lacks these columns.
    Refused { missing: Vec<&'static str> },
    /// The import broke off without saying why (see the server's log).
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopCause {
    /// The file could not be read on (not CSV past some line).
    Unreadable,
    /// A batch could not be written (see the server's log).
    Database,
}

impl Job {
    pub fn progress(&self) -> Progress {
        Progress {
            read_bytes: self.read_bytes.load(Ordering::Relaxed),
            total_bytes: self.total_bytes,
            lines: self.lines.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
        }
    }

    /// `None` while it runs.
    pub fn outcome(&self) -> Option<Outcome> {
        lock(&self.outcome).clone()
    }

    fn finish(&self, outcome: Outcome) {
        lock(&self.outcome).get_or_insert(outcome);
    }
}

/// What a request to start an import got.
#[derive(Debug)]
pub enum Start {
    Started(Arc<Job>),
    /// This admin's previous import still runs.
    AlreadyRunning,
    /// As many imports as the server runs at once are running (another admin's).
    Busy,
}

/// The data a poisoned lock holds is still whole (counters and an outcome set once).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Imports {
    /// The last import of admin `owner`, running or over.
    pub fn of(&self, owner: i64) -> Option<Arc<Job>> {
        lock(&self.jobs).get(&owner).cloned()
    }

    /// Starts importing `bytes` (a CSV file) in the background for admin `owner`; the job
    /// replaces their previous one. Audited when it ends, with its summary.
    #[allow(clippy::too_many_arguments)]
    pub fn start(
        &self,
        owner: i64,
        file_name: String,
        bytes: Vec<u8>,
        pool: PgPool,
        catalog: Catalog,
        actor: Actor,
        today: NaiveDate,
    ) -> Start {
        let mut jobs = lock(&self.jobs);
        if jobs.get(&owner).is_some_and(|job| job.outcome().is_none()) {
            return Start::AlreadyRunning;
        }
        let Ok(permit) = self.running.clone().try_acquire_owned() else {
            return Start::Busy;
        };
        let job = Arc::new(Job {
            file_name,
            total_bytes: bytes.len() as u64,
            started_at: Utc::now(),
            read_bytes: AtomicU64::new(0),
            lines: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            outcome: Mutex::new(None),
        });
        jobs.insert(owner, job.clone());
        drop(jobs);
        let running = job.clone();
        tokio::spawn(async move {
            let work = tokio::spawn(run(running.clone(), bytes, pool, catalog, actor, today));
            if let Err(error) = work.await {
                tracing::error!(%error, "console import broke off");
                running.finish(Outcome::Failed);
            }
            drop(permit);
        });
        Start::Started(job)
    }
}

/// Reads the file through, counting bytes and lines for the progress.
struct Counting<'a> {
    bytes: &'a [u8],
    job: &'a Job,
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.bytes.read(buf)?;
        let lines = buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        self.job.read_bytes.fetch_add(n as u64, Ordering::Relaxed);
        self.job.lines.fetch_add(lines, Ordering::Relaxed);
        Ok(n)
    }
}

async fn run(
    job: Arc<Job>,
    bytes: Vec<u8>,
    pool: PgPool,
    catalog: Catalog,
    actor: Actor,
    today: NaiveDate,
) {
    let mut rejected = Vec::new();
    let input = Counting {
        bytes: &bytes,
        job: &job,
    };
    let imported = import_csv(
        &pool,
        &catalog,
        input,
        today,
        &ProgressBar::hidden(),
        |line, errors| {
            job.rejected.fetch_add(1, Ordering::Relaxed);
            if rejected.len() < MAX_LISTED {
                rejected.push((line, errors.to_vec()));
            }
        },
    )
    .await;
    let outcome = match imported {
        Ok(summary) => Outcome::Done(Report { summary, rejected }),
        Err(CsvFileError::Empty) => Outcome::Refused {
            missing: Vec::new(),
        },
        Err(CsvFileError::MissingColumns(missing)) => Outcome::Refused { missing },
        Err(error) => {
            tracing::error!(error = ?error, "console import stopped");
            let cause = match error {
                CsvFileError::Read { .. } => StopCause::Unreadable,
                _ => StopCause::Database,
            };
            let partial = error.partial().copied().unwrap_or_default();
            Outcome::Stopped {
                report: Report {
                    summary: partial.saved,
                    rejected,
                },
                unsaved: partial.unsaved,
                line: partial.line,
                cause,
            }
        }
    };
    if let Err(error) = record(&pool, &job, &outcome, actor).await {
        tracing::error!(%error, "the audit row of a console import could not be written");
    }
    job.finish(outcome);
}

/// The audit row of an import that stored something (or stopped trying).
async fn record(
    pool: &PgPool,
    job: &Job,
    outcome: &Outcome,
    actor: Actor,
) -> Result<(), sqlx::Error> {
    let (summary, stopped) = match outcome {
        Outcome::Done(report) => (report.summary, false),
        Outcome::Stopped { report, .. } => (report.summary, true),
        Outcome::Refused { .. } | Outcome::Failed => return Ok(()),
    };
    let data = serde_json::json!({
        "file": job.file_name,
        "bytes": job.total_bytes,
        "summary": summary,
        "stopped": stopped,
    });
    let mut conn = pool.acquire().await?;
    let entry = Entry::new(actor, Action::ResultsImported).data(data);
    audit::record(&mut conn, &entry, Subject::Results).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_a_share_of_the_file_read() {
        let progress = |read_bytes, total_bytes| Progress {
            read_bytes,
            total_bytes,
            lines: 0,
            rejected: 0,
        };
        assert_eq!(progress(0, 200).percent(), 0);
        assert_eq!(progress(50, 200).percent(), 25);
        assert_eq!(progress(300, 200).percent(), 100);
        assert_eq!(progress(0, 0).percent(), 100);
    }

    #[test]
    fn a_report_counts_the_refused_lines_it_does_not_list() {
        let report = Report {
            summary: Summary {
                rejected: 1500,
                ..Summary::default()
            },
            rejected: vec![(2, vec![RowError::NotUtf8]); MAX_LISTED],
        };
        assert_eq!(report.unlisted(), 500);
    }
}
