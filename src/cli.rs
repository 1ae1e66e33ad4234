//! The command line: `accolade [serve]`, `catalog load`, `import`, `award revoke`, `token`,
//! `generate`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Settings;

#[derive(Debug, Parser)]
#[command(
    name = "accolade",
    version,
    about = "Open Badges for a certification program"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site and send mail (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Manage the catalog of exams and certifications.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Import exam results from a CSV file (columns: result_id, source, email, given_name,
    /// family_name, exam_code, passed_on, locale).
    Import {
        /// The CSV file ("-" for standard input).
        file: PathBuf,
    },
    /// Act on one award.
    #[command(subcommand)]
    Award(AwardCommand),
    /// Manage the API tokens of the results feed.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write N realistic exam results as CSV, for benchmarks and demos.
    Generate {
        /// How many results.
        count: u64,
        /// Seed of the generator: the same seed writes the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write ("-" for standard output).
        #[arg(long, short, default_value = "-")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Load or update issuers, exams and certifications from a TOML file.
    Load { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum AwardCommand {
    /// Revoke an award, for a reason anyone who checks it reads.
    ///
    /// Its page and its assertion say it is revoked, it is on its issuer's revocation list,
    /// its claim links stop working and its earner gets an email. Exit status 0 when it is
    /// revoked, or was already (then nothing changes: the first reason stays and no second
    /// email goes out); 1 when no award has this id or the reason is refused.
    Revoke {
        /// The award's id (as in its URLs, `/badges/AWARD_ID`). It may begin with a dash.
        #[arg(allow_hyphen_values = true)]
        award_id: String,
        /// Why, in one line (at most 500 characters): anyone who checks the badge reads it.
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token for a feed; it is printed once and stored only as a hash.
    Create { name: String },
    /// List tokens (names and dates, never the tokens).
    List,
    /// Revoke the live token of a feed.
    Revoke { name: String },
}
