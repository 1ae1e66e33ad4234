//! Mail that arrives once and is let in: a Message-ID on every message, each message recorded
//! as sent as soon as the server accepts it (a worker killed mid-send sends nothing twice), a
//! stop that waits for one message only, the EHLO name, and the suppression list of addresses
//! that bounced.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use accolade::audit::Actor;
use accolade::mail::{deliver_due, run_worker, suppression};
use sqlx::PgPool;

use crate::helpers::{import_csv_text, spawn_app_with, test_db, test_db_with_url, test_settings};
use crate::journey::spawn_mail_app;
use crate::smtp::{SmtpCapture, test_mail_context};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

/// Imports one passed exam for each address (a badge each).
async fn import_awards(db: &PgPool, addresses: &[String]) {
    let rows: String = addresses
        .iter()
        .enumerate()
        .map(|(i, a)| format!("D-{i}-{a},pearsonvue,{a},P,{i},AZ-900,2026-01-01,en-US\n"))
        .collect();
    let (_, rejected) = import_csv_text(db, format!("{HEADER}{rows}")).await;
    assert!(rejected.is_empty(), "{rejected:?}");
}

fn people(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("person{i}@example.com")).collect()
}

async fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[actix_web::test]
async fn every_email_has_its_own_message_id_under_the_sender_s_domain_and_a_resend_keeps_it() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    import_awards(&db, &people(3)).await;
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    let received = capture.received();
    assert_eq!(received.len(), 3);
    let form = regex::Regex::new(r"^<[0-9]+\.[0-9a-f]{32}@accolade\.example>$").unwrap();
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| m.message_id().expect("a Message-ID"))
        .collect();
    for id in &ids {
        assert!(form.is_match(id), "{id}");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "one id per message");

    // The server accepted a message but its answer was lost: the row is sent again, with
    // the same id, so that the receiver can drop the copy.
    let first = received[0].clone();
    sqlx::query(
        "UPDATE outbox SET state = 'queued', sent_at = NULL, data = '{\"token\": \"again\"}'
          WHERE recipient = $1",
    )
    .bind(&first.to[0])
    .execute(&db)
    .await
    .unwrap();
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    let again = capture.received();
    assert_eq!(again.len(), 4);
    assert_eq!(again[3].to, first.to);
    assert_eq!(again[3].message_id(), first.message_id());
}

#[actix_web::test]
async fn a_message_refused_for_a_while_keeps_its_message_id_when_it_is_retried() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    import_awards(&db, &people(1)).await;
    let (id, nonce): (i64, String) = sqlx::query_as("SELECT id, message_nonce FROM outbox")
        .fetch_one(&db)
        .await
        .unwrap();
    capture.refuse_next(1);
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    assert!(capture.received().is_empty());
    sqlx::query("UPDATE outbox SET next_attempt_at = now()")
        .execute(&db)
        .await
        .unwrap();
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    let received = capture.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].message_id(),
        Some(format!("<{id}.{nonce}@accolade.example>"))
    );
}

/// `accolade serve` on `database_url`, sending its mail to `smtp`.
fn serve(database_url: &str, smtp: &str, dir: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_accolade"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("ACCOLADE_DATA_DIR", dir)
        .env("ACCOLADE_BIND", "127.0.0.1:0")
        .env("ACCOLADE_SMTP_URL", smtp)
        .env("ACCOLADE_OUTBOX_INTERVAL_MS", "50")
        .env("ACCOLADE_REMINDER_INTERVAL_SECS", "0")
        .env("ACCOLADE_DEMO", "false")
        .env("ACCOLADE_LOG", "warn")
        .env("LANG", "C.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn per_recipient(capture: &SmtpCapture) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for mail in capture.received() {
        *counts.entry(mail.to[0].clone()).or_default() += 1;
    }
    counts
}

#[actix_web::test]
async fn a_server_killed_in_the_middle_of_a_slow_send_sends_no_email_twice_after_its_restart() {
    let (db, url) = test_db_with_url().await;
    let dir = std::env::temp_dir().join(format!("accolade-tests-{}-kill", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let capture = SmtpCapture::start();
    capture.answer_slowly(Duration::from_millis(300));
    import_awards(&db, &people(20)).await;

    let mut server = serve(&url, &capture.url, &dir);
    // Killed while the server holds the 7th message: 6 were accepted.
    wait_until(
        "6 messages and a 7th begun",
        Duration::from_secs(60),
        || capture.started() >= 7,
    )
    .await;
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await; // the 7th's answer comes too late
    assert_eq!(capture.received().len(), 6);
    let (sent, claimed): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE state = 'sent'),
                count(*) FILTER (WHERE state = 'queued' AND claimed_until > now())
           FROM outbox",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        (sent, claimed),
        (6, 1),
        "each accepted message was recorded at once"
    );

    // The restarted server sends the rest, but not the message the dead one was sending
    // while its lease runs...
    capture.answer_slowly(Duration::ZERO);
    let mut server = serve(&url, &capture.url, &dir);
    wait_until("19 messages", Duration::from_secs(60), || {
        capture.received().len() >= 19
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(capture.received().len(), 19);
    // ...and takes it over once the lease has run out.
    sqlx::query("UPDATE outbox SET claimed_until = now() WHERE claimed_until IS NOT NULL")
        .execute(&db)
        .await
        .unwrap();
    wait_until("20 messages", Duration::from_secs(60), || {
        capture.received().len() >= 20
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(server.id()).unwrap()),
        nix::sys::signal::Signal::SIGINT,
    );
    server.wait().unwrap();

    let counts = per_recipient(&capture);
    assert_eq!(counts.len(), 20, "every award's email arrived");
    assert!(
        counts.values().all(|&n| n == 1),
        "none arrived twice: {counts:?}"
    );
    let sent: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE state = 'sent'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(sent, 20);
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn a_stop_waits_for_the_message_being_sent_not_for_a_batch_of_slow_ones() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    capture.answer_slowly(Duration::from_millis(1500));
    import_awards(&db, &people(6)).await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(run_worker(
        db.clone(),
        capture.mailer(),
        test_mail_context(),
        Duration::from_millis(50),
        stopped,
    ));
    wait_until("a first message begun", Duration::from_secs(10), || {
        capture.started() >= 1
    })
    .await;
    let asked = Instant::now();
    stop.send(true).unwrap();
    worker.await.unwrap();
    let waited = asked.elapsed();
    assert!(
        waited < Duration::from_secs(3),
        "the stop waited {waited:?} (6 slow messages take 9 s)"
    );
    assert_eq!(
        capture.received().len(),
        1,
        "the message in flight was finished"
    );
    let (sent, waiting): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE state = 'sent'),
                count(*) FILTER (WHERE state = 'queued' AND claimed_until IS NULL)
           FROM outbox",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        (sent, waiting),
        (1, 5),
        "the others wait, free for the next worker"
    );
}

#[actix_web::test]
async fn the_smtp_greeting_names_the_host_of_the_public_address_or_the_setting() {
    for (helo, expected) in [
        (None, "badges.example.org"),
        (Some("mta.example.net"), "mta.example.net"),
    ] {
        let capture = SmtpCapture::start();
        let mut settings = test_settings();
        settings.smtp_url = Some(capture.url.clone());
        settings.public_url = Some("https://badges.example.org:8443".into());
        settings.smtp_helo = helo.map(str::to_owned);
        settings.outbox_interval_ms = 50;
        let app = spawn_app_with(settings).await;
        import_awards(&app.db, &people(1)).await;
        wait_until("the email", Duration::from_secs(10), || {
            !capture.received().is_empty()
        })
        .await;
        assert_eq!(capture.received()[0].helo, expected);
        app.stop().await;
    }
}

async fn state_of(db: &PgPool, kind: &str) -> Vec<(String, Option<String>)> {
    sqlx::query_as("SELECT state, last_error FROM outbox WHERE kind = $1 ORDER BY id")
        .bind(kind)
        .fetch_all(db)
        .await
        .unwrap()
}

#[actix_web::test]
async fn after_a_hard_bounce_no_more_award_mail_goes_to_the_address_until_it_is_verified_again() {
    let app = spawn_mail_app().await;
    let address = "mei@example.net";
    app.smtp.mailbox_exists(address, false);
    import_awards(&app.db, &[address.to_owned()]).await;
    assert!(app.deliver().await.is_empty());
    assert_eq!(state_of(&app.db, "badge_earned").await[0].0, "failed");

    let listed = suppression::list(&app.db).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].address, address);
    assert_eq!(listed[0].reason, "hard_bounce");
    assert!(listed[0].smtp_reply.contains("550"), "{:?}", listed[0]);

    // The mailbox exists again, but nothing tells Accolade: a reminder and a new award are
    // not sent, marked so, and never retried.
    app.smtp.mailbox_exists(address, true);
    sqlx::query("UPDATE awards SET created_at = now() - interval '8 days'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        accolade::mail::reminders::queue_due(&app.db, &[7, 30], 100)
            .await
            .unwrap(),
        1
    );
    let (_, rejected) = import_csv_text(
        &app.db,
        format!("{HEADER}D-2,pearsonvue,{address},Mei,Chen,AZ-204,2025-11-03,en-US\n"),
    )
    .await;
    assert!(rejected.is_empty());
    assert!(app.deliver().await.is_empty(), "nothing sent");
    for kind in ["badge_reminder", "badge_earned"] {
        let rows = state_of(&app.db, kind).await;
        let (state, error) = rows.last().unwrap();
        assert_eq!(state, "suppressed", "{kind}");
        assert!(
            error
                .as_deref()
                .unwrap_or_default()
                .contains("suppression list"),
            "{error:?}"
        );
    }
    let retried: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE state = 'queued' OR claimed_until IS NOT NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(retried, 0, "nothing waits to be tried again");

    // Its owner signs up with it: the confirmation a form asked for is sent, and confirming
    // takes the address off the list.
    app.sign_up(address, "Mei Chen").await;
    assert!(suppression::list(&app.db).await.unwrap().is_empty());
    import_csv_text(
        &app.db,
        format!("{HEADER}D-3,pearsonvue,{address},Mei,Chen,SC-900,2025-11-04,en-US\n"),
    )
    .await;
    let last = app.last_mail_to(address).await;
    assert!(
        last.subject()
            .contains("Security, Compliance, and Identity Fundamentals"),
        "{}",
        last.subject()
    );
}

#[actix_web::test]
async fn support_can_list_and_clear_a_suppressed_address_and_the_clearing_is_audited() {
    let app = spawn_mail_app().await;
    import_awards(&app.db, &["bounce@example.com".to_owned()]).await;
    app.deliver().await;
    let listed = suppression::list(&app.db).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(
        suppression::is_suppressed(&app.db, "Bounce@Example.com")
            .await
            .unwrap()
    );

    let mut tx = app.db.begin().await.unwrap();
    let cleared = suppression::clear(&mut tx, Actor::Staff(7), listed[0].id, "asked by phone")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(cleared);
    assert!(suppression::list(&app.db).await.unwrap().is_empty());
    let mut tx = app.db.begin().await.unwrap();
    assert!(
        !suppression::clear(&mut tx, Actor::Staff(7), listed[0].id, "again")
            .await
            .unwrap(),
        "nothing left to clear"
    );
    tx.commit().await.unwrap();

    let (actor, action, subject, reason): (String, String, String, Option<String>) =
        sqlx::query_as(
            "SELECT actor, action, subject, reason FROM audit_log
              WHERE action = 'mail.suppression_cleared'",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        (actor.as_str(), action.as_str(), reason.as_deref()),
        (
            "staff:7",
            "mail.suppression_cleared",
            Some("asked by phone")
        )
    );
    assert_eq!(subject, format!("mail_suppression:{}", listed[0].id));
}

#[actix_web::test]
async fn a_form_s_email_still_goes_to_a_suppressed_address_so_that_it_can_be_verified_again() {
    let app = spawn_mail_app().await;
    let address = "ana@example.com";
    app.smtp.mailbox_exists(address, false);
    import_awards(&app.db, &[address.to_owned()]).await;
    app.deliver().await;
    app.smtp.mailbox_exists(address, true);
    // An account made without opening a link (as a provider's sign-in does) clears nothing.
    crate::journey::create_account(&app.db, address).await;
    assert!(suppression::is_suppressed(&app.db, address).await.unwrap());
    let response = app
        .post_form("/password/forgot", &[("email", address)])
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let mail = app.last_mail_to(address).await;
    assert!(mail.text().contains("/password/reset/"), "{}", mail.text());
    // Mail about awards stays suppressed meanwhile.
    assert!(
        suppression::is_suppressed(&app.db, address).await.unwrap(),
        "a link sent is not a link opened"
    );
}
