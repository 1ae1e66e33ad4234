//! The results feed: passed exams in, awards and their notification emails out.
//!
//! Both doors, the CSV import (`accolade import`) and `POST /api/v1/results`, validate each
//! row into a [`NewResult`](crate::domain::NewResult) and hand batches to [`import::import_batch`],
//! which applies the program's rules and writes results, awards, claim tokens and emails in
//! one transaction.

pub mod csv_file;
pub mod import;
pub mod jobs;
pub mod messages;

pub use import::{AwardedBadge, ItemOutcome, Summary, award_joined_history, import_batch};
