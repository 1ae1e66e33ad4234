//! The `accolade` binary itself: `serve` on a fresh data folder (its own PostgreSQL, the
//! demo, a clean stop), and the command line's summaries and exit codes.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{SAMPLE_FEED, count, spawn_app, test_db_with_url};

const BIN: &str = env!("CARGO_BIN_EXE_accolade");

fn accolade(database_url: &str, args: &[&str]) -> Output {
    accolade_in(database_url, args, "C.UTF-8")
}

/// Runs the binary in a terminal whose language is `lang`.
pub(crate) fn accolade_in(database_url: &str, args: &[&str], lang: &str) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ACCOLADE_LOG", "warn")
        .env("LANG", lang)
        .output()
        .unwrap()
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accolade-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn help_lists_the_subcommands() {
    let output = Command::new(BIN).arg("--help").output().unwrap();
    let help = text(&output.stdout);
    for command in [
        "serve", "migrate", "catalog", "insights", "import", "award", "token", "user", "jobs",
        "generate",
    ] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
    assert!(help.contains("ACCOLADE_DATA_DIR") && help.contains("DATABASE_URL"));
}

#[actix_web::test]
async fn import_prints_a_summary_reports_bad_lines_and_fails_when_rows_were_rejected() {
    let (db, url) = test_db_with_url().await;
    let dir = temp_dir("import");
    let file = dir.join("results.csv");
    std::fs::write(&file, SAMPLE_FEED).unwrap();
    let file = file.to_str().unwrap();

    let first = accolade(&url, &["import", file]);
    assert_eq!(first.status.code(), Some(1), "rows were rejected");
    assert_eq!(
        text(&first.stdout).trim(),
        "30 rows: 22 imported, 1 already known, 19 badges awarded, 4 without a badge by the rules, 7 rejected"
    );
    let errors = text(&first.stderr);
    assert!(
        errors.contains("line 27: the exam code “XX-999” is not in the catalog"),
        "{errors}"
    );
    assert!(
        errors.contains("line 31: the row has 6 columns instead of 8"),
        "{errors}"
    );

    let again = accolade(&url, &["import", file]);
    assert_eq!(
        text(&again.stdout).trim(),
        "30 rows: 0 imported, 23 already known, 0 badges awarded, 0 without a badge by the rules, 7 rejected"
    );
    assert_eq!(count(&db, "outbox").await, 19);

    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\nG-1,pearsonvue,g@example.com,G,H,AZ-900,2026-01-01,en\n",
    )
    .unwrap();
    let clean = accolade(&url, &["import", good.to_str().unwrap()]);
    assert!(clean.status.success(), "{}", text(&clean.stderr));
    let french = accolade_in(&url, &["import", file], "fr_FR.UTF-8");
    assert!(
        text(&french.stdout).starts_with("30 lignes\u{a0}: 0 importées"),
        "{}",
        text(&french.stdout)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn a_missing_or_invalid_file_is_explained() {
    let (_db, url) = test_db_with_url().await;
    let missing = accolade(&url, &["import", "/nonexistent/results.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = text(&missing.stderr);
    assert!(stderr.contains("could not open /nonexistent/results.csv"));
    // Said once, in plain text (the output is not a terminal), with no stack trace.
    assert_eq!(stderr.matches("could not open").count(), 1, "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");

    let dir = temp_dir("empty-csv");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let refused = accolade(&url, &["import", empty.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("the file is empty"),
        "{}",
        text(&refused.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);

    let dir = temp_dir("catalog");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[[issuer]]\nslug = \"Not A Slug\"\n").unwrap();
    let refused = accolade(&url, &["catalog", "load", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("is not a valid catalog"),
        "{}",
        text(&refused.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn loading_the_catalog_file_twice_reports_nothing_changed() {
    let (_db, url) = test_db_with_url().await; // holds the demo catalog already
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/demo/catalog.toml");
    let output = accolade(&url, &["catalog", "load", path]);
    assert!(output.status.success());
    assert!(text(&output.stdout).starts_with("catalog: 0 added, 0 updated, "));
}

#[actix_web::test]
async fn a_role_given_and_taken_on_the_command_line_is_audited() {
    let app = crate::journey::spawn_mail_app().await;
    let url = app.database_url.clone();
    let staff = app
        .signed_in_as_staff("agent@example.com", accolade::auth::roles::Role::Support)
        .await;
    let id = crate::journey::create_account(&app.db, "agent@example.com").await;
    let roles = async || accolade::auth::roles::of(&app.db, id).await.unwrap();
    assert!(roles().await.allow(accolade::auth::roles::Role::Support));
    assert!(!roles().await.allow(accolade::auth::roles::Role::Admin));
    drop(staff);

    let granted = accolade(&url, &["user", "grant", "admin", "Agent@Example.com"]);
    assert!(granted.status.success(), "{}", text(&granted.stderr));
    assert!(text(&granted.stdout).contains("agent@example.com now has the role admin"));
    assert!(roles().await.admin);
    let again = accolade(&url, &["user", "grant", "admin", "agent@example.com"]);
    assert!(again.status.success());
    assert!(text(&again.stdout).contains("nothing changed"));

    let revoked = accolade(&url, &["user", "revoke", "support", "agent@example.com"]);
    assert!(revoked.status.success());
    assert!(!roles().await.support && roles().await.admin);
    let nobody = accolade(&url, &["user", "grant", "support", "nobody@example.com"]);
    assert_eq!(nobody.status.code(), Some(1));
    assert!(text(&nobody.stderr).contains("no account has the address nobody@example.com"));

    let trail: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT actor, action, before->>'role', after->>'role' FROM audit_log
          WHERE subject = $1 AND action LIKE 'staff.%' ORDER BY id",
    )
    .bind(format!("candidate:{id}"))
    .fetch_all(&app.db)
    .await
    .unwrap();
    let step = |action: &str, before: Option<&str>, after: &str| {
        (
            "cli".to_owned(),
            action.to_owned(),
            before.map(str::to_owned),
            Some(after.to_owned()),
        )
    };
    assert_eq!(
        trail,
        [
            step("staff.role_granted", None, "support"),
            step("staff.role_granted", None, "admin"),
            step("staff.role_revoked", Some("support"), "none"),
        ]
    );
}

#[actix_web::test]
async fn a_token_made_on_the_command_line_opens_the_api() {
    let app = spawn_app().await;
    let url = app.database_url.clone();
    let none = text(&accolade(&url, &["token", "list"]).stdout);
    assert!(none.contains("No API tokens yet"), "{none}");
    let created = accolade(&url, &["token", "create", "pearsonvue-feed"]);
    assert!(created.status.success(), "{}", text(&created.stderr));
    let token = text(&created.stdout).trim().to_owned();
    assert_eq!(token.len(), 43);

    let body = serde_json::json!([]);
    assert_eq!(app.post_results(Some(&token), &body).await.status(), 200);
    let duplicate = accolade(&url, &["token", "create", "pearsonvue-feed"]);
    assert_eq!(duplicate.status.code(), Some(1));

    let listed = text(&accolade(&url, &["token", "list"]).stdout);
    assert!(listed.contains("pearsonvue-feed") && listed.contains("live"));
    // Its dates read as the terminal's language writes them.
    let (created, used): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) =
        sqlx::query_as("SELECT created_at, last_used_at FROM api_tokens")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let english = accolade::i18n::Locale::default();
    assert!(
        listed.contains(&format!(
            "created {}",
            accolade::i18n::format::date_time(english, created)
        )),
        "{listed}"
    );
    assert!(
        listed.contains(&format!(
            "last used {}",
            accolade::i18n::format::date_time(english, used)
        )),
        "{listed}"
    );
    let french = accolade::i18n::Locale::from_tag("fr").unwrap();
    let listed = text(&accolade_in(&url, &["token", "list"], "fr_FR.UTF-8").stdout);
    assert!(
        listed.contains(&format!(
            "créé le {}",
            accolade::i18n::format::date_time(french, created)
        )),
        "{listed}"
    );
    assert!(!listed.contains(&token), "the token is never shown again");

    assert!(
        accolade(&url, &["token", "revoke", "pearsonvue-feed"])
            .status
            .success()
    );
    assert_eq!(app.post_results(Some(&token), &body).await.status(), 401);
}

#[actix_web::test]
async fn migrations_run_once_when_several_processes_start_together() {
    let (_db, url) = test_db_with_url().await;
    let url = url.replace("test_", "fresh_");
    let fresh = url[url.find("localhost/").unwrap() + 10..url.find('?').unwrap()].to_owned();
    let (admin, _) = test_db_with_url().await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {fresh}")))
        .execute(&admin)
        .await
        .unwrap();
    let runs: Vec<_> = (0..3)
        .map(|_| {
            Command::new(BIN)
                .args(["migrate"])
                .env("DATABASE_URL", &url)
                .env("ACCOLADE_LOG", "warn")
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for run in runs {
        let output = run.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
}

/// `accolade` serving from a fresh data folder with `envs`: the child, its stdout after the
/// first line, that line (the start banner's) and the URL it names.
fn serve(
    dir: &std::path::Path,
    envs: &[(&str, &str)],
) -> (
    std::process::Child,
    BufReader<std::process::ChildStdout>,
    String,
    String,
) {
    let mut child = Command::new(BIN)
        .env_remove("DATABASE_URL")
        .env("ACCOLADE_DATA_DIR", dir)
        .env("ACCOLADE_BIND", "127.0.0.1:0")
        .env("ACCOLADE_LOG", "warn")
        .env("LANG", "C.UTF-8")
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut ready = String::new();
    stdout.read_line(&mut ready).unwrap();
    let url = ready
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {ready:?}"))
        .trim_end_matches('/')
        .to_owned();
    (child, stdout, ready, url)
}

/// `cargo run` on a fresh machine: its own PostgreSQL, the demo, mail in /dev/mail, and a
/// clean stop on Ctrl-C that stops PostgreSQL too.
#[actix_web::test]
async fn serve_on_a_fresh_data_folder_runs_the_demo_and_stops_cleanly() {
    let dir = temp_dir("serve");
    let (mut child, _stdout, _, url) = serve(&dir, &[("ACCOLADE_OUTBOX_INTERVAL_MS", "100")]);

    let client = reqwest::Client::new();
    let landing = client.get(format!("{url}/")).send().await.unwrap();
    assert_eq!(landing.status(), 200);
    let started = Instant::now();
    let mut mails = 0;
    while started.elapsed() < Duration::from_secs(20) {
        let page = client
            .get(format!("{url}/dev/mail"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        mails = page.matches("/dev/mail/").count();
        if mails >= 19 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        mails, 19,
        "every demo award's email is in the development mailbox"
    );
    assert!(
        dir.join("session.key").is_file(),
        "the session secret is generated and kept"
    );

    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(
        !dir.join("postgres/pgdata/postmaster.pid").exists(),
        "PostgreSQL stopped with the server"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A public address without a mail transport would hand every password reset to whoever
/// opens /dev/mail: the server refuses to start, and says what to set.
#[actix_web::test]
async fn serve_on_a_public_address_without_smtp_refuses_to_start() {
    let (_db, url) = test_db_with_url().await;
    let output = Command::new(BIN)
        .env("DATABASE_URL", &url)
        .env("ACCOLADE_BIND", "0.0.0.0:0")
        .env("ACCOLADE_LOG", "warn")
        .env("LANG", "C.UTF-8")
        .env_remove("ACCOLADE_SMTP_URL")
        .env_remove("ACCOLADE_DEV_MAILBOX")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no SMTP server is set"), "{stderr}");
    assert!(stderr.contains("ACCOLADE_SMTP_URL"), "{stderr}");
    assert!(text(&output.stdout).is_empty(), "{}", text(&output.stdout));
}

/// With SMTP set, nothing of the development side shows: no mailbox in the banner, no demo
/// account (its password is published), no demo data sent to example addresses.
#[actix_web::test]
async fn serve_with_smtp_advertises_no_mailbox_and_loads_no_demo() {
    let dir = temp_dir("serve-smtp");
    let (mut child, mut stdout, ready, url) = serve(
        &dir,
        &[
            ("ACCOLADE_SMTP_URL", "smtp://127.0.0.1:1"),
            ("ACCOLADE_OUTBOX_INTERVAL_MS", "0"),
        ],
    );
    let mailbox = reqwest::get(format!("{url}/dev/mail")).await.unwrap();
    assert_eq!(mailbox.status(), 404);
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    let banner = format!("{ready}{rest}");
    assert!(!banner.contains("/dev/mail"), "{banner}");
    assert!(!banner.contains("accolade-demo-2026"), "{banner}");
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn import_refuses_a_row_with_a_nul_by_its_line_and_exits_as_for_any_rejected_row() {
    let (db, url) = test_db_with_url().await;
    let dir = temp_dir("import-nul");
    let file = dir.join("results.csv");
    std::fs::write(
        &file,
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n\
         N-1,pearsonvue,one@example.com,One,Row,AZ-900,2026-01-01,en-US\n\
         N-2,pearsonvue,nul@example.com,Ca\u{0}mille,Durand,AZ-900,2026-01-01,fr-FR\n\
         N-3,pearsonvue,three@example.com,Three,Row,AI-900,2026-01-02,\n",
    )
    .unwrap();
    let output = accolade(&url, &["import", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout).trim(),
        "3 rows: 2 imported, 0 already known, 2 badges awarded, 0 without a badge by the rules, 1 rejected"
    );
    let errors = text(&output.stderr);
    assert!(
        errors.contains(
            "line 3: given_name contains a control character (such as U+0000), which cannot be stored"
        ),
        "{errors}"
    );
    assert_eq!(count(&db, "results").await, 2);
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn a_french_import_names_the_fields_of_refused_rows_in_french() {
    let (_db, url) = test_db_with_url().await;
    let dir = temp_dir("import-fr");
    let file = dir.join("results.csv");
    std::fs::write(
        &file,
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n\
         F-1,pearsonvue,,Camille,Durand,AZ-900,2026-01-01,fr-FR\n\
         F-2,pearsonvue,nul@example.com,Ca\u{0}mille,Durand,AZ-900,2026-01-01,fr-FR\n",
    )
    .unwrap();
    let output = accolade_in(&url, &["import", file.to_str().unwrap()], "fr_FR.UTF-8");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let errors = text(&output.stderr);
    assert!(
        errors.contains("ligne 2\u{a0}: il manque l’adresse e-mail (email)"),
        "{errors}"
    );
    assert!(
        errors.contains("ligne 3\u{a0}: le prénom (given_name) contient un caractère de contrôle"),
        "{errors}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn an_import_stopped_by_a_database_error_prints_what_was_saved_and_that_a_rerun_is_safe() {
    use accolade::results::csv_file::BATCH;
    let (db, url) = test_db_with_url().await;
    crate::helpers::fail_inserts_of(&db, crate::helpers::FAILING_RESULT).await;
    let dir = temp_dir("import-stopped");
    let file = dir.join("results.csv");
    std::fs::write(&file, crate::helpers::csv_with_a_failing_batch()).unwrap();
    let file = file.to_str().unwrap();

    let stopped = accolade(&url, &["import", file]);
    assert_eq!(stopped.status.code(), Some(2));
    assert_eq!(
        text(&stopped.stdout).trim(),
        format!(
            "{} rows: {BATCH} imported, 0 already known, {BATCH} badges awarded, 0 without a badge by the rules, 1 rejected",
            BATCH + 1
        )
    );
    let errors = text(&stopped.stderr);
    for expected in [
        format!(
            "the import stopped at line {}: the database refused a batch",
            5 + BATCH
        ),
        "the test refuses result BOOM".to_owned(),
        "3 valid rows (of the batch that failed) were not saved".to_owned(),
        "Importing the same file again is safe".to_owned(),
    ] {
        assert!(errors.contains(&expected), "{expected:?} not in {errors}");
    }
    assert_eq!(count(&db, "results").await, BATCH as i64);

    let french = accolade_in(&url, &["import", file], "fr_FR.UTF-8");
    assert_eq!(french.status.code(), Some(2));
    let errors = text(&french.stderr);
    assert!(
        errors.contains("Importer de nouveau le même fichier est sans risque"),
        "{errors}"
    );

    crate::helpers::stop_failing_inserts(&db).await;
    let rerun = accolade(&url, &["import", file]);
    assert_eq!(rerun.status.code(), Some(1), "one row is still refused");
    assert!(
        text(&rerun.stdout).contains(&format!("4 imported, {BATCH} already known")),
        "{}",
        text(&rerun.stdout)
    );
    assert_eq!(count(&db, "results").await, BATCH as i64 + 4);
    let _ = std::fs::remove_dir_all(dir);
}
