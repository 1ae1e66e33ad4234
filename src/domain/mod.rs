//! The program's types and rules. No I/O here: everything in this folder is pure and is
//! tested without a database.

pub mod award;
pub mod award_id;
pub mod catalog;
pub mod date;
pub mod email;
pub mod exam_result;
pub mod rules;
pub mod text;
mod text_enum;
pub mod token;

pub use award::{AwardState, Exposure, Standing, Visibility};
pub use award_id::AwardId;
pub use catalog::{BadgeClass, BadgeKind, Catalog, Level, Policy, Status};
pub use email::EmailAddress;
pub use exam_result::{NewResult, RawResult, RowError};
pub use rules::{Decision, History, NoBadgeReason};
pub use token::SecretToken;
