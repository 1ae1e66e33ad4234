//! Job postings in: employers' schema.org `JobPosting`s, from `accolade jobs import FILE`
//! and `POST /api/v1/jobs`, checked one by one ([`posting::parse`]), stored by
//! [`store::store`] (an upsert by `source_key` that writes nothing for a posting sent again
//! unchanged), and purged 30 days after they expire ([`store::purge_expired`], run by the
//! housekeeping of the reminders worker and by each `accolade jobs import`). Reads never show
//! a posting past its `valid_through` (the Career pages' queries, in `insights`, filter on it).
//!
//! # The feed
//!
//! A JSON array of postings, or JSON lines (one posting per line) — the first character
//! decides ([`read`]). An array is read whole into memory; JSON lines stream, so large files
//! are best sent as lines. Each posting is a schema.org `JobPosting` object (`@type`, when given,
//! must be `JobPosting`; properties not listed here are ignored):
//!
//! | property | read as |
//! |---|---|
//! | `identifier` | a `PropertyValue` (`propertyID:value` is the key) or a text (`hiringOrganization:text`); without it, `url` is the key. A re-import of the same key updates that posting. `propertyID` `"accolade-demo"` marks generated demo data |
//! | `title` | required, one line, at most 200 characters |
//! | `hiringOrganization` | an `Organization` (`name` required, its first https `sameAs` or `url` kept) or a text |
//! | `jobLocation` | a `Place` whose `address` is a `PostalAddress` (`addressLocality`, `addressRegion`: a US state's name or postal code, `addressCountry`: a text or a `Country`, ISO 3166 alpha-2 or a common name) or a text; the first of a list |
//! | `jobLocationType` | `"TELECOMMUTE"`: remote (`applicantLocationRequirements`, a `Country`, names its country). A posting is remote or names a place |
//! | `datePosted` | required: `YYYY-MM-DD` or an RFC 3339 date-time (its own day); not after tomorrow |
//! | `validThrough` | **required** (a posting without an end is refused: it would be shown for ever); a date means through that whole day (UTC); a date-time without an offset is UTC; not before `datePosted`. A new posting already past it is answered `expired` and not stored; a known one is updated (so an employer closes a posting early by sending it again) |
//! | `baseSalary` | optional `MonetaryAmount`: `currency` (ISO 4217) and `value`, a `QuantitativeValue` with `value` or `minValue`/`maxValue` (a `maxValue` alone is taken as the one figure) and `unitText` `HOUR`, `DAY`, `WEEK`, `MONTH` or `YEAR` (required). Yearly amounts for the filter: hour × 2,080, day × 260, week × 52, month × 12 |
//! | `potentialAction` / `url` | the apply URL: the `target` (text or `EntryPoint.urlTemplate`) of an `ApplyAction`, else `url`. Required, an absolute https URL of at most 2,000 characters (`directApply`, a boolean in schema.org, is ignored) |
//! | `description` | optional plain text: HTML tags are removed and character references decoded; shortened to 10,000 characters (with a warning); never rendered as HTML |
//! | `occupationalCategory` | SOC codes: `"15-1244"`, O*NET `"15-1244.00"` (either may be followed by the title), or `CategoryCode` objects with `codeValue`; one or a list. Other texts are left out with a warning |
//! | `skills` | a text (a list separated by commas or semicolons), or `DefinedTerm`s (their `name`), or a list of texts; a new skill becomes a row, matched without regard to letter case |
//! | `educationRequirements`, `qualifications` | `EducationalOccupationalCredential`s whose `credentialCategory` is `"certification"`: their `identifier` (else `name`) is a catalog code (`AZ-104`, `azure-administrator`) or title, letter case aside. Other credentials are ignored |
//! | `certificationCodes` | Accolade's extension: a list of catalog codes (or one text, comma-separated) |
//!
//! A certification the catalog does not know is a **warning**, not a refusal: the posting is
//! stored without it (an employer asking for another vendor's certification still has a good
//! posting). At most 50 skills, occupations and certifications each.
//!
//! Limits: the body of `POST /api/v1/jobs` is at most `ACCOLADE_API_MAX_BODY` bytes (413
//! past it) and [`MAX_ITEMS`] postings; a line of a JSON-lines file at most
//! [`read::MAX_ITEM_BYTES`] bytes; the text limits above.

pub mod generate;
pub mod import;
pub mod messages;
pub mod places;
pub mod posting;
pub mod read;
pub mod store;

pub use import::{ImportError, ItemReport, import};
pub use posting::{CatalogCodes, NewPosting, PostingError, PostingWarning};
pub use store::{Outcome, Summary, catalog_codes, purge_expired};

/// Most postings one request of the API may carry (the command line reads any number).
pub const MAX_ITEMS: usize = 10_000;
