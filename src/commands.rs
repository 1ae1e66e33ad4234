//! What each subcommand does. Output for people goes to stdout (results) and stderr (rows
//! refused, progress); logs go through tracing.

use std::io::{self, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::audit::Actor;
use crate::auth::api_tokens;
use crate::awards::{self, MAX_REASON, Revoked};
use crate::catalog::{self, CatalogFile};
use crate::cli::{
    AwardCommand, CatalogCommand, Cli, Command, InsightsCommand, JobsCommand, TokenCommand,
    UserCommand,
};
use crate::config::Settings;
use crate::db::{self, Database};
use crate::domain::AwardId;
use crate::i18n::{Locale, Localized, Tr};
use crate::results::Summary;
use crate::results::csv_file::{CsvFileError, import_csv};
use crate::startup::Application;

/// The language of the terminal (LANG / LC_ALL / LC_MESSAGES), else English.
fn terminal_tr() -> Tr {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Locale::from_tag(&v))
        .unwrap_or_default();
    Tr::new(locale)
}

/// Writes a line to stdout; a closed pipe is not an error worth a panic.
fn say(line: &str) {
    let _ = writeln!(io::stdout().lock(), "{line}");
}

fn warn(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut settings = cli.settings;
    settings.oidc_providers =
        crate::auth::oidc::ProviderConfig::from_env(|name| std::env::var(name).ok())?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&settings).await,
        Command::Generate {
            count,
            seed,
            output,
        } => {
            generate(count, seed, &output)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => with_database(&settings, async |_| Ok(ExitCode::SUCCESS)).await,
        Command::Catalog(CatalogCommand::Load { file }) => {
            with_database(&settings, async |db| load_catalog(db, &file).await).await
        }
        Command::Insights(InsightsCommand::Load { file }) => {
            with_database(&settings, async |db| load_wages(db, &file).await).await
        }
        Command::Import { file } => {
            with_database(&settings, async |db| import(db, &file).await).await
        }
        Command::Award(AwardCommand::Revoke { award_id, reason }) => {
            // An id that cannot be one is refused before the database is opened.
            let Some(id) = AwardId::parse(&award_id) else {
                warn(&terminal_tr().msg1("cli-award-bad-id", "award", &award_id));
                return Ok(ExitCode::from(1));
            };
            with_database(&settings, async |db| revoke_award(db, &id, &reason).await).await
        }
        Command::Token(command) => {
            with_database(&settings, async |db| token(db, command).await).await
        }
        Command::User(command) => {
            with_database(&settings, async |db| user_role(db, command).await).await
        }
        Command::Jobs(JobsCommand::Import { file }) => {
            with_database(&settings, async |db| import_jobs(db, &file).await).await
        }
        Command::Jobs(JobsCommand::Generate {
            count,
            seed,
            today,
            output,
        }) => {
            let today = match today {
                Some(day) => crate::domain::date::parse_date(&day)
                    .map_err(|e| anyhow::anyhow!("--today {day:?} {e}"))?,
                None => chrono::Utc::now().date_naive(),
            };
            generate_jobs(count, seed, today, &output)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Opens (and migrates) the database, runs `command` on it, then closes it, stopping the
/// private cluster if this process started it.
async fn with_database(
    settings: &Settings,
    command: impl AsyncFnOnce(&Database) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    let database = open(settings).await?;
    let outcome = command(&database).await;
    database.close().await?;
    outcome
}

async fn open(settings: &Settings) -> anyhow::Result<Database> {
    let database = Database::open(settings).await?;
    db::migrate(&database.pool).await?;
    Ok(database)
}

async fn serve(settings: &Settings) -> anyhow::Result<ExitCode> {
    // Refuse a public server that would show every email at /dev/mail, and read (or make)
    // the session secret, before anything starts: a bad setting stops the start, not a
    // request.
    settings.check_exposure()?;
    settings.session_key()?;
    let database = open(settings).await?;
    // The demo (with its published password) is for a developer's machine: never with real
    // mail, never on a public address, never on a database that has data.
    let demo_allowed = settings.demo && settings.smtp_url.is_none() && settings.is_local_only();
    let demo = if demo_allowed {
        crate::demo::load_if_empty(&database.pool).await?
    } else {
        None
    };
    if demo_allowed
        && let Some(wages) = crate::demo::load_insights_if_missing(&database.pool).await?
    {
        tracing::info!(
            figures = wages.figures.added,
            areas = wages.areas.added,
            "demo wage data loaded"
        );
    }
    if demo_allowed
        && let Some(summary) = crate::demo::load_jobs_if_none_open(&database.pool).await?
    {
        tracing::info!(
            postings = summary.created + summary.updated,
            "demo job postings loaded"
        );
    }
    if let Some(summary) = demo {
        tracing::info!(
            results = summary.imported,
            awards = summary.awarded,
            "demo catalog and results loaded"
        );
    }
    let app = Application::build(settings, database.pool.clone()).await?;
    let url = app.public_url().to_owned();
    tracing::info!(%url, "Accolade is ready");
    let t = terminal_tr();
    say(&t.msg1("cli-serve-ready", "url", &url));
    if settings.uses_dev_mailbox() {
        say(&t.msg1("cli-serve-dev-mailbox", "url", &url));
    }
    if settings.uses_dev_mailbox() && crate::demo::has_published_password(&database.pool).await? {
        say(&t.msg2(
            "cli-serve-demo-account",
            "email",
            crate::demo::DEMO_EMAIL,
            "password",
            crate::demo::DEMO_PASSWORD,
        ));
    }
    let served = app.run_until_stopped().await;
    database.close().await?;
    served?;
    Ok(ExitCode::SUCCESS)
}

async fn load_catalog(database: &Database, path: &Path) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let file = CatalogFile::parse(&text)
        .with_context(|| format!("{} is not a valid catalog", path.display()))?;
    let report = catalog::load(&database.pool, &file, Actor::CommandLine).await?;
    say(&terminal_tr().msgn(
        "cli-catalog-summary",
        [
            ("added", report.added.to_string()),
            ("updated", report.updated.to_string()),
            ("unchanged", report.unchanged.to_string()),
        ],
    ));
    Ok(ExitCode::SUCCESS)
}

/// `insights load FILE`: 0 when every line loaded, 1 when some were rejected (the good ones
/// are loaded all the same) or the file is not wage data at all.
async fn load_wages(database: &Database, path: &Path) -> anyhow::Result<ExitCode> {
    use crate::insights::wages;
    let t = terminal_tr();
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let parsed = match wages::parse(&text) {
        Ok(parsed) => parsed,
        Err(error) => {
            warn(&t.msg2(
                "cli-insights-refused",
                "file",
                path.display().to_string(),
                "reason",
                error.localize(&t),
            ));
            return Ok(ExitCode::from(1));
        }
    };
    for error in &parsed.errors {
        warn(&t.msg2(
            "cli-insights-rejected-line",
            "line",
            error.line.to_string(),
            "reason",
            error.problem.localize(&t),
        ));
    }
    let report = wages::load(&database.pool, &parsed.file).await?;
    let counts = |c: wages::Counts| {
        t.msgn(
            "cli-insights-counts",
            [
                ("added", c.added.to_string()),
                ("updated", c.updated.to_string()),
                ("unchanged", c.unchanged.to_string()),
            ],
        )
    };
    say(&t.msgn(
        "cli-insights-summary",
        [
            ("source", parsed.file.source.clone()),
            ("release", parsed.file.release.clone()),
            ("occupations", counts(report.occupations)),
            ("areas", counts(report.areas)),
            ("figures", counts(report.figures)),
            ("rejected", parsed.errors.len().to_string()),
        ],
    ));
    Ok(if parsed.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

async fn import(database: &Database, path: &Path) -> anyhow::Result<ExitCode> {
    let catalog = catalog::current(&database.pool).await?;
    anyhow::ensure!(
        !catalog.is_empty(),
        "the catalog is empty: load one first with `accolade catalog load FILE.toml`"
    );
    let (input, size): (Box<dyn Read>, u64) = if path == Path::new("-") {
        (Box::new(io::stdin().lock()), 0)
    } else {
        let file = std::fs::File::open(path)
            .with_context(|| format!("could not open {}", path.display()))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        (Box::new(file), size)
    };
    let progress = if io::stderr().is_terminal() && size > 0 {
        let bar = ProgressBar::new(size);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta})",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let t = terminal_tr();
    let today = chrono::Utc::now().date_naive();
    let imported = import_csv(
        &database.pool,
        &catalog,
        BufReader::with_capacity(1 << 20, input),
        today,
        &progress,
        |line, errors| {
            let reasons: Vec<String> = errors.iter().map(|e| e.localize(&t)).collect();
            progress.suspend(|| {
                warn(&t.msgn(
                    "cli-import-rejected-line",
                    [("line", line.to_string()), ("reasons", reasons.join("; "))],
                ));
            });
        },
    )
    .await;
    progress.finish_and_clear();
    let summary = match imported {
        Ok(summary) => summary,
        Err(error) => {
            // Stopped midway: what was saved stays saved, and the summary says what it is.
            let (partial, stopped) = match &error {
                CsvFileError::Database { source, partial } => (
                    *partial,
                    t.msgn(
                        "cli-import-stopped",
                        [
                            ("line", partial.line.to_string()),
                            ("error", source.to_string()),
                        ],
                    ),
                ),
                CsvFileError::Read { source, partial } => (
                    *partial,
                    t.msgn(
                        "cli-import-stopped-read",
                        [
                            ("line", partial.line.to_string()),
                            ("error", source.to_string()),
                        ],
                    ),
                ),
                CsvFileError::MissingColumns(_) | CsvFileError::Empty => {
                    return Err(error.into());
                }
            };
            tracing::error!(error = ?error, line = partial.line, "import stopped");
            say(&summary_line(&t, &partial.saved));
            warn(&stopped);
            warn(&t.count(
                "cli-import-unsaved",
                "count",
                i64::try_from(partial.unsaved).unwrap_or(i64::MAX),
            ));
            warn(&t.msg("cli-import-rerun"));
            return Ok(ExitCode::from(2));
        }
    };
    say(&summary_line(&t, &summary));
    Ok(if summary.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The one-line summary of an import.
fn summary_line(t: &Tr, summary: &Summary) -> String {
    t.msgn(
        "cli-import-summary",
        [
            ("received", summary.received.to_string()),
            ("imported", summary.imported.to_string()),
            ("known", summary.already_known.to_string()),
            ("awarded", summary.awarded.to_string()),
            ("nobadge", summary.no_badge.to_string()),
            ("rejected", summary.rejected.to_string()),
        ],
    )
}

async fn token(database: &Database, command: TokenCommand) -> anyhow::Result<ExitCode> {
    let t = terminal_tr();
    match command {
        TokenCommand::Create { name } => {
            match api_tokens::create(&database.pool, &name, Actor::CommandLine).await? {
                api_tokens::Created::Created(token) => {
                    warn(&t.msg1("cli-token-created", "name", &name));
                    say(token.expose());
                    Ok(ExitCode::SUCCESS)
                }
                api_tokens::Created::NameTaken => {
                    warn(&t.msg1("cli-token-exists", "name", &name));
                    Ok(ExitCode::from(1))
                }
                api_tokens::Created::BadName => {
                    warn(&t.msg("cli-token-bad-name"));
                    Ok(ExitCode::from(1))
                }
            }
        }
        TokenCommand::List => {
            let tokens = api_tokens::list(&database.pool).await?;
            if tokens.is_empty() {
                say(&t.msg("cli-token-none"));
            }
            for token in tokens {
                let used = token.last_used_at.map_or_else(
                    || t.msg("cli-token-never-used"),
                    |u| t.msg1("cli-token-last-used", "date", t.date_time(u)),
                );
                let state = token.revoked_at.map_or_else(
                    || t.msg("cli-token-live"),
                    |r| t.msg1("cli-token-revoked-on", "date", t.date_time(r)),
                );
                say(&t.msgn(
                    "cli-token-line",
                    [
                        ("name", token.name),
                        ("created", t.date_time(token.created_at)),
                        ("used", used),
                        ("state", state),
                    ],
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        TokenCommand::Revoke { name } => {
            if !api_tokens::revoke(&database.pool, &name, Actor::CommandLine).await? {
                warn(&t.msg1("cli-token-not-found", "name", &name));
                return Ok(ExitCode::from(1));
            }
            say(&t.msg1("cli-token-revoked", "name", &name));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `award revoke`: 0 when the award is revoked, by this run or before it (a second run
/// changes nothing: the first reason stays, and no second email goes out); 1 when there is
/// no such award or the reason is refused.
async fn revoke_award(database: &Database, id: &AwardId, reason: &str) -> anyhow::Result<ExitCode> {
    let t = terminal_tr();
    let award = id.as_str();
    match awards::revoke(&database.pool, id, reason, Actor::CommandLine).await? {
        Revoked::Revoked => {
            say(&t.msg1("cli-award-revoked", "award", award));
            Ok(ExitCode::SUCCESS)
        }
        Revoked::AlreadyRevoked => {
            say(&t.msg1("cli-award-already-revoked", "award", award));
            Ok(ExitCode::SUCCESS)
        }
        Revoked::NotFound => {
            warn(&t.msg1("cli-award-not-found", "award", award));
            Ok(ExitCode::from(1))
        }
        Revoked::BadReason => {
            warn(&t.msg1("cli-award-bad-reason", "max", MAX_REASON.to_string()));
            Ok(ExitCode::from(1))
        }
    }
}

/// `user grant|revoke ROLE EMAIL`.
async fn user_role(database: &Database, command: UserCommand) -> anyhow::Result<ExitCode> {
    use crate::auth::roles::{self, Change, Role};
    let t = terminal_tr();
    let (give, role, email) = match command {
        UserCommand::Grant { role, email } => (true, Role::from(role), email),
        UserCommand::Revoke { role, email } => (false, Role::from(role), email),
    };
    let Ok(address) = crate::domain::EmailAddress::parse(&email) else {
        warn(&t.msg1("cli-user-no-account", "email", &email));
        return Ok(ExitCode::from(1));
    };
    let change = if give {
        roles::grant(&database.pool, &address, role, Actor::CommandLine).await?
    } else {
        roles::revoke(&database.pool, &address, role, Actor::CommandLine).await?
    };
    let id = match (change, give) {
        (Change::NoAccount, _) => {
            warn(&t.msg1("cli-user-no-account", "email", address.as_str()));
            return Ok(ExitCode::from(1));
        }
        (Change::Done, true) => "cli-user-granted",
        (Change::Unchanged, true) => "cli-user-already-granted",
        (Change::Done, false) => "cli-user-revoked",
        (Change::Unchanged, false) => "cli-user-already-revoked",
    };
    say(&t.msg2(id, "role", role.as_str(), "email", address.as_str()));
    Ok(ExitCode::SUCCESS)
}

fn generate(count: u64, seed: u64, output: &Path) -> anyhow::Result<()> {
    if output == Path::new("-") {
        let mut out = io::BufWriter::new(io::stdout().lock());
        crate::demo::generate::write_results(&mut out, count, seed)?;
    } else {
        let file = std::fs::File::create(output)
            .with_context(|| format!("could not create {}", output.display()))?;
        crate::demo::generate::write_results(&mut io::BufWriter::new(file), count, seed)?;
    }
    Ok(())
}

/// `jobs import FILE`: 0 when every posting was read (stored, unchanged or already expired),
/// 1 when some were refused, 2 when the import stopped (what was stored before stays).
async fn import_jobs(database: &Database, path: &Path) -> anyhow::Result<ExitCode> {
    use crate::insights::jobs::{self, ImportError, Outcome, read};
    let t = terminal_tr();
    let input: Box<dyn Read> = if path == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(path)
                .with_context(|| format!("could not open {}", path.display()))?,
        )
    };
    let items = match read::open(BufReader::with_capacity(1 << 20, input)) {
        Ok(items) => items,
        Err(read::ReadError::Empty) => {
            warn(&t.msg("cli-jobs-empty"));
            return Ok(ExitCode::from(1));
        }
        Err(read::ReadError::NotAnArray(error)) => {
            warn(&t.msg1("cli-jobs-unreadable", "error", error));
            return Ok(ExitCode::from(1));
        }
        Err(read::ReadError::Io(error)) => {
            return Err(error).with_context(|| format!("could not read {}", path.display()));
        }
    };
    let now = chrono::Utc::now();
    let purged = jobs::purge_expired(&database.pool, now).await?;
    if purged > 0 {
        say(&t.count(
            "cli-jobs-purged",
            "count",
            i64::try_from(purged).unwrap_or(i64::MAX),
        ));
    }
    let codes = jobs::catalog_codes(&database.pool).await?;
    let where_ = |item: &jobs::ItemReport, line_id: &'static str, item_id: &'static str| match item
        .position
    {
        read::Position::Line(line) => (line_id, "line", line.to_string()),
        read::Position::Index(index) => (item_id, "index", index.to_string()),
    };
    let imported = jobs::import(
        &database.pool,
        &codes,
        items,
        now,
        Some(jobs::import::BATCH),
        |item| {
            if let Outcome::Rejected(errors) = &item.outcome {
                let reasons: Vec<String> = errors.iter().map(|e| e.localize(&t)).collect();
                let (id, name, at) =
                    where_(item, "cli-jobs-rejected-line", "cli-jobs-rejected-item");
                warn(&t.msg2(id, name, at, "reasons", reasons.join("; ")));
            } else if !item.warnings.is_empty() {
                let reasons: Vec<String> = item.warnings.iter().map(|w| w.localize(&t)).collect();
                let (id, name, at) = where_(item, "cli-jobs-warning-line", "cli-jobs-warning-item");
                warn(&t.msg2(id, name, at, "reasons", reasons.join("; ")));
            }
        },
    )
    .await;
    let summary = match imported {
        Ok(summary) => summary,
        Err(error) => {
            let (summary, unsaved) = match &error {
                ImportError::Read { summary, .. } => (*summary, 0),
                ImportError::Database {
                    summary, unsaved, ..
                } => (*summary, *unsaved),
            };
            tracing::error!(error = ?error, "job postings import stopped");
            say(&jobs_summary_line(&t, &summary));
            warn(&t.msg1("cli-jobs-stopped", "error", error.to_string()));
            warn(&t.count(
                "cli-jobs-unsaved",
                "count",
                i64::try_from(unsaved).unwrap_or(i64::MAX),
            ));
            warn(&t.msg("cli-jobs-rerun"));
            return Ok(ExitCode::from(2));
        }
    };
    say(&jobs_summary_line(&t, &summary));
    Ok(if summary.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn jobs_summary_line(t: &Tr, summary: &crate::insights::jobs::Summary) -> String {
    t.msgn(
        "cli-jobs-summary",
        [
            ("received", summary.received.to_string()),
            ("created", summary.created.to_string()),
            ("updated", summary.updated.to_string()),
            ("unchanged", summary.unchanged.to_string()),
            ("expired", summary.expired.to_string()),
            ("rejected", summary.rejected.to_string()),
            ("warned", summary.with_warnings.to_string()),
        ],
    )
}

fn generate_jobs(
    count: u64,
    seed: u64,
    today: chrono::NaiveDate,
    output: &Path,
) -> anyhow::Result<()> {
    use crate::insights::jobs::generate::write_postings;
    if output == Path::new("-") {
        let mut out = io::BufWriter::new(io::stdout().lock());
        write_postings(&mut out, count, seed, today)?;
    } else {
        let file = std::fs::File::create(output)
            .with_context(|| format!("could not create {}", output.display()))?;
        write_postings(&mut io::BufWriter::new(file), count, seed, today)?;
    }
    Ok(())
}
