//! The catalog: loading a catalog file into the database, and reading it back for the rules.

pub mod admin;
pub mod file;
pub mod public;
pub mod store;

pub use file::{
    AlignmentEntry, CatalogFile, CatalogFileError, DEMO_CATALOG, OccupationEntry, OccupationLink,
};
pub use public::{PublicBadgeClass, PublicIssuer, badge_class, issuer};
pub use store::{BadgeArt, IssuerSummary, LoadReport, badge_art, current, issuer_summaries, load};
