//! Accolade: the candidate side of a certification program's Open Badges.
//!
//! - [`domain`]: the program's types and rules, pure.
//! - [`catalog`], [`results`], [`mail`]: the features that issue badges.
//! - [`accounts`], [`auth`], [`awards`]: candidates, signing in, and what they do with awards.
//! - [`cache`]: the one in-memory cache (drawings, rendered public pages).
//! - [`art`]: badge pictures and share previews (SVG, PNG with resvg).
//! - [`web`]: the site and the API; [`startup`] builds it.
//! - [`db`]: the database (private cluster or `DATABASE_URL`), migrations, person locks.
//! - [`audit`]: the one writer of the audit log.
//! - [`cli`], [`commands`]: the command line; `main.rs` only calls [`main_entry`].

pub mod accounts;
pub mod art;
pub mod audit;
pub mod auth;
pub mod awards;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod insights;
pub mod mail;
pub mod openbadges;
pub mod results;
pub mod sharing;
pub mod startup;
pub mod support;
pub mod urls;
pub mod web;

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// Parses the command line, sets up logging, runs the command.
pub fn main_entry() -> ExitCode {
    let cli = cli::Cli::parse();
    // PostgreSQL's notices ("relation ... already exists, skipping") are not news, unless
    // the filter asks for them.
    let directives = if cli.settings.log.contains("sqlx") {
        cli.settings.log.clone()
    } else {
        format!("{},sqlx::postgres::notice=warn", cli.settings.log)
    };
    let filter = EnvFilter::try_new(&directives).unwrap_or_else(|_| EnvFilter::new("info"));
    // Every request logs a line: a thread of its own writes them, so that a request never
    // waits for the terminal or the journal (unless 128,000 lines are waiting: then it does,
    // and no line is lost). The guard writes what is left when it is dropped.
    let (writer, written) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        // Colours for a person at a terminal, plain text for a log file or a journal.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let outcome = actix_web::rt::System::new().block_on(commands::run(cli));
    drop(written);
    match outcome {
        Ok(code) => code,
        Err(error) => {
            // Said once, as a chain of causes (no log line and no stack trace beside it).
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("error: {error:#}\n").as_bytes(),
            );
            ExitCode::from(2)
        }
    }
}
