//! The demo: a fresh database gets the demo catalog and demo results, so a newcomer finds
//! awards waiting and their emails in `/dev/mail`, and the wage data of the career insights.
//! Also the generator of realistic results.

pub mod generate;

use indicatif::ProgressBar;
use sqlx::PgPool;

use crate::accounts::{self, NewAccount};
use crate::auth::password::NewPassword;
use crate::catalog::{self, CatalogFile, DEMO_CATALOG};
use crate::domain::EmailAddress;
use crate::insights::wages::{self, DEMO_WAGES, WagesReport};
use crate::results::Summary;
use crate::results::csv_file::import_csv;

/// Results of the demo: the sample feed's good rows (passes of 2009 to 2026).
pub const DEMO_RESULTS: &str = include_str!("results.csv");

/// The demo candidate, ready to sign in: their results are in the demo feed.
pub const DEMO_EMAIL: &str = "lukas.becker@example.de";
pub const DEMO_PASSWORD: &str = "accolade-demo-2026";

/// Loads the demo catalog and results into an empty database (no catalog, no candidate, no
/// result), and creates the demo candidate's account (their awards wait in the wallet, to
/// claim). A database with any data of its own is left alone.
pub async fn load_if_empty(pool: &PgPool) -> anyhow::Result<Option<Summary>> {
    let has_data: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM issuers) OR EXISTS (SELECT 1 FROM candidates)
             OR EXISTS (SELECT 1 FROM results)",
    )
    .fetch_one(pool)
    .await?;
    if has_data {
        return Ok(None);
    }
    let file = CatalogFile::parse(DEMO_CATALOG)?;
    catalog::load(pool, &file, crate::audit::Actor::CommandLine).await?;
    let catalog = catalog::current(pool).await?;
    let today = chrono::Utc::now().date_naive();
    let summary = import_csv(
        pool,
        &catalog,
        DEMO_RESULTS.as_bytes(),
        today,
        &ProgressBar::hidden(),
        |line, errors| tracing::warn!(line, ?errors, "demo row refused"),
    )
    .await?;
    create_demo_candidate(pool).await?;
    Ok(Some(summary))
}

/// The career insights of the demo, on a database the demo may touch: the wage data the
/// project ships ([`DEMO_WAGES`]) when the wages table is empty, and, on a database that
/// holds the demo catalog as it was before its badges were mapped to occupations, the demo
/// catalog again (loading it is idempotent), so existing development databases get both.
pub async fn load_insights_if_missing(pool: &PgPool) -> anyhow::Result<Option<WagesReport>> {
    let (old_demo_catalog, no_wages): (bool, bool) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM issuers WHERE slug = 'microsoft')
                AND NOT EXISTS (SELECT 1 FROM badge_class_occupations),
                NOT EXISTS (SELECT 1 FROM wages)",
    )
    .fetch_one(pool)
    .await?;
    if old_demo_catalog {
        let file = CatalogFile::parse(DEMO_CATALOG)?;
        catalog::load(pool, &file, crate::audit::Actor::CommandLine).await?;
    }
    if !no_wages {
        return Ok(None);
    }
    let parsed = wages::parse(DEMO_WAGES)?;
    anyhow::ensure!(
        parsed.errors.is_empty(),
        "the demo wage data has bad lines: {:?}",
        parsed.errors
    );
    Ok(Some(wages::load(pool, &parsed.file).await?))
}

/// Demo job postings `cargo run` loads.
pub const DEMO_POSTINGS: u64 = 300;

/// Loads [`DEMO_POSTINGS`] generated postings (marked as demo data, dated around today)
/// when no posting is open and none came from an employer: on a fresh database, or once the
/// last demo set has expired. The generator's keys are the same every day, so a new set
/// updates the old one.
pub async fn load_jobs_if_none_open(
    pool: &PgPool,
) -> anyhow::Result<Option<crate::insights::jobs::Summary>> {
    use crate::insights::jobs;
    let now = chrono::Utc::now();
    if !jobs::store::demo_may_load(pool, now).await? {
        return Ok(None);
    }
    let mut file = Vec::new();
    jobs::generate::write_postings(&mut file, DEMO_POSTINGS, 1, now.date_naive())?;
    let codes = jobs::catalog_codes(pool).await?;
    let items = jobs::read::open(file.as_slice())?;
    let summary = jobs::import(
        pool,
        &codes,
        items,
        now,
        Some(jobs::import::BATCH),
        |item| {
            if let jobs::Outcome::Rejected(errors) = &item.outcome {
                tracing::warn!(index = item.index, ?errors, "demo posting refused");
            }
        },
    )
    .await?;
    Ok(Some(summary))
}

/// Whether the demo candidate exists and still signs in with [`DEMO_PASSWORD`] (the start
/// banner names it only then).
pub async fn has_published_password(pool: &PgPool) -> anyhow::Result<bool> {
    let email = EmailAddress::parse(DEMO_EMAIL)?;
    let Some((_, Some(hash), _)) = accounts::find_by_email(pool, &email).await? else {
        return Ok(false);
    };
    Ok(tokio::task::spawn_blocking(move || {
        crate::auth::password::verify(DEMO_PASSWORD, Some(&hash))
    })
    .await?)
}

async fn create_demo_candidate(pool: &PgPool) -> anyhow::Result<()> {
    let email = EmailAddress::parse(DEMO_EMAIL)?;
    let hash = NewPassword::parse(DEMO_PASSWORD)
        .map_err(|e| anyhow::anyhow!("demo password: {e}"))?
        .hash()?;
    let mut tx = pool.begin().await?;
    accounts::create(
        &mut tx,
        NewAccount {
            email: &email,
            display_name: "Lukas Becker",
            locale: crate::i18n::Locale::default(),
            password_hash: Some(&hash),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
