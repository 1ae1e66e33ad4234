//! The catalog: loading a catalog file into the database, and reading it back for the rules.

pub mod file;
pub mod store;

pub use file::{CatalogFile, CatalogFileError, DEMO_CATALOG};
pub use store::{BadgeArt, IssuerSummary, LoadReport, badge_art, current, issuer_summaries, load};
