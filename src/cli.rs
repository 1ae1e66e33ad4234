//! The command line: `accolade [serve]`, `catalog load`, `insights load`, `import`,
//! `award revoke`, `token`, `generate`, `jobs import|generate`.

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
    /// Manage the career insights' data: occupations and their wages.
    #[command(subcommand)]
    Insights(InsightsCommand),
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
    /// Give or take the roles of the support and admin consoles.
    #[command(subcommand)]
    User(UserCommand),
    /// Job postings (schema.org JobPosting): import them, or generate demo ones.
    #[command(subcommand)]
    Jobs(JobsCommand),
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
pub enum JobsCommand {
    /// Import job postings: a JSON array of schema.org JobPosting objects, or one per line
    /// (JSON lines). A posting sent again changes nothing; a changed one is updated; bad ones
    /// are reported with their line (or index) and the rest goes on. Exit status 0 when every
    /// posting was read, 1 when some were refused, 2 when the import stopped.
    Import {
        /// The file ("-" for standard input).
        file: PathBuf,
    },
    /// Write N realistic demo job postings as JSON lines (fictitious employers, marked as
    /// demo data), open on the given day.
    Generate {
        /// How many postings.
        count: u64,
        /// Seed of the generator: the same seed and day write the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the postings are dated around, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        today: Option<String>,
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
pub enum InsightsCommand {
    /// Load or update the wage data (occupations, areas, employment and wage percentiles)
    /// from a file made by `src/insights/data/build_oews.py`, such as
    /// `src/insights/data/oews-2025.tsv`.
    ///
    /// Bad lines are reported with their number and left out; the rest is loaded. Loading a
    /// file again changes nothing. Exit status 0 when every line was loaded, 1 when some were
    /// rejected (the others are loaded) or the file cannot be used at all.
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

/// A role of the consoles, as typed on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum RoleArg {
    Support,
    Admin,
}

impl From<RoleArg> for crate::auth::roles::Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Support => crate::auth::roles::Role::Support,
            RoleArg::Admin => crate::auth::roles::Role::Admin,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Give the account of EMAIL a role (audited). Exit status 0 when it has the role (now or
    /// before), 1 when no account has this address.
    Grant { role: RoleArg, email: String },
    /// Take a role from the account of EMAIL (audited). Exit status 0 when it no longer has
    /// it, 1 when no account has this address.
    Revoke { role: RoleArg, email: String },
}
