//! The outbox: delivery to a real SMTP server, retry after a refusal, no double send with
//! two workers, the development mailbox.

use std::collections::BTreeSet;

use accolade::domain::SecretToken;
use accolade::mail::{Mailer, deliver_due};
use sqlx::PgPool;

use crate::helpers::{import_csv_text, spawn_app, test_db};
use crate::smtp::{SmtpCapture, TEST_FROM, test_mail_context};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

async fn states(db: &PgPool) -> Vec<(String, i32)> {
    sqlx::query_as("SELECT state, attempts FROM outbox ORDER BY id")
        .fetch_all(db)
        .await
        .unwrap()
}

#[actix_web::test]
async fn a_new_award_is_announced_by_email_with_a_working_claim_link() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    import_csv_text(
        &db,
        format!("{HEADER}E-1,pearsonvue,mei.chen@example.net,Mei,Chen,AZ-204,2025-11-03,en-GB\n"),
    )
    .await;
    let handled = deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    assert_eq!(handled, 1);

    let received = capture.received();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(mail.to, ["mei.chen@example.net"]);
    assert_eq!(
        mail.subject(),
        "You earned a badge: Microsoft Certified: Azure Developer Associate"
    );
    let text = mail.text();
    assert!(text.contains("Hello Mei,"), "{text}");
    assert!(text.contains("Microsoft awards you the badge"), "{text}");
    let link = text
        .lines()
        .find(|l| l.starts_with("https://badges.example/claim/"))
        .expect("a claim link");
    assert!(mail.html().contains(link));

    // The link's token is stored only as its hash, and leaves the outbox once sent.
    let token = link.rsplit('/').next().unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM claim_tokens WHERE token_hash = $1")
        .bind(SecretToken::from_presented(token).hash())
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let data: serde_json::Value = sqlx::query_scalar("SELECT data FROM outbox")
        .fetch_one(&db)
        .await
        .unwrap();
    assert!(data.get("token").is_none(), "{data}");
    assert_eq!(states(&db).await, [("sent".to_owned(), 1)]);

    // Nothing is sent twice.
    assert_eq!(
        deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
            .await
            .unwrap(),
        0
    );
    assert_eq!(capture.received().len(), 1);
}

#[actix_web::test]
async fn the_email_speaks_the_language_of_the_result_and_escapes_names() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    import_csv_text(
        &db,
        format!(
            "{HEADER}E-2,pearsonvue,eve@example.fr,<b>Eve</b>,Durand,AZ-900,2026-03-02,fr-FR\n"
        ),
    )
    .await;
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    let mail = &capture.received()[0];
    assert_eq!(
        mail.subject(),
        "Vous avez obtenu un badge\u{a0}: Microsoft Certified: Azure Fundamentals"
    );
    let html = mail.html();
    assert!(html.contains("lang=\"fr\""));
    assert!(
        html.contains("Bonjour &#60;b&#62;Eve&#60;/b&#62;")
            || html.contains("Bonjour &lt;b&gt;Eve&lt;/b&gt;"),
        "{html}"
    );
    assert!(!html.contains("<b>Eve</b>"));
    assert!(
        mail.text().contains("Bonjour <b>Eve</b>,"),
        "plain text needs no escaping"
    );
}

#[actix_web::test]
async fn a_refused_message_is_retried_later_and_then_delivered() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    import_csv_text(
        &db,
        format!("{HEADER}E-3,pearsonvue,jamal@example.org,Jamal,Ibrahim,SC-900,2026-10-10,ar-EG\n"),
    )
    .await;
    capture.refuse_next(1);
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    assert!(capture.received().is_empty());
    let (state, attempts, error, later): (String, i32, Option<String>, bool) = sqlx::query_as(
        "SELECT state, attempts, last_error, next_attempt_at > now() + interval '30 seconds' FROM outbox",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!((state.as_str(), attempts), ("queued", 1));
    assert!(error.unwrap().contains("451"));
    assert!(later, "the next attempt waits");

    // Not yet due: nothing happens.
    assert_eq!(
        deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
            .await
            .unwrap(),
        0
    );
    // Time passes.
    sqlx::query("UPDATE outbox SET next_attempt_at = now()")
        .execute(&db)
        .await
        .unwrap();
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    assert_eq!(capture.received().len(), 1);
    assert_eq!(states(&db).await, [("sent".to_owned(), 2)]);
}

#[actix_web::test]
async fn a_mailbox_the_server_says_does_not_exist_is_a_permanent_failure() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    import_csv_text(
        &db,
        format!("{HEADER}E-5,pearsonvue,bounce@example.com,B,O,AZ-900,2026-01-01,en\n"),
    )
    .await;
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    let (state, error, token_gone): (String, Option<String>, bool) =
        sqlx::query_as("SELECT state, last_error, NOT data ? 'token' FROM outbox")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(state, "failed");
    assert!(error.unwrap().contains("550"));
    assert!(token_gone, "a failed message keeps no secret");
    assert!(capture.received().is_empty());
}

#[actix_web::test]
async fn an_unreachable_server_is_a_temporary_failure() {
    let db = test_db().await;
    import_csv_text(
        &db,
        format!("{HEADER}E-4,pearsonvue,ana@example.com,Ana,Souza,DP-203,2024-12-01,pt-BR\n"),
    )
    .await;
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let mailer = Mailer::smtp(&url, TEST_FROM.parse().unwrap()).unwrap();
    deliver_due(&db, &mailer, &test_mail_context(), 10)
        .await
        .unwrap();
    assert_eq!(states(&db).await, [("queued".to_owned(), 1)]);
}

#[actix_web::test]
async fn two_workers_never_send_one_email_twice() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    let rows: String = (0..40)
        .map(|i| format!("W-{i},pearsonvue,person{i}@example.com,P,{i},AZ-900,2026-01-01,en-US\n"))
        .collect();
    import_csv_text(&db, format!("{HEADER}{rows}")).await;

    let worker = |db: PgPool, mailer: Mailer| async move {
        let mut handled = 0;
        loop {
            let n = deliver_due(&db, &mailer, &test_mail_context(), 3)
                .await
                .unwrap();
            if n == 0 {
                return handled;
            }
            handled += n;
        }
    };
    let (a, b) = tokio::join!(
        worker(db.clone(), capture.mailer()),
        worker(db.clone(), capture.mailer())
    );
    assert_eq!(a + b, 40);
    let received = capture.received();
    assert_eq!(received.len(), 40);
    let recipients: BTreeSet<String> = received.iter().map(|m| m.to[0].clone()).collect();
    assert_eq!(recipients.len(), 40, "each person got exactly one email");
}

#[actix_web::test]
async fn without_smtp_mail_lands_in_the_development_mailbox() {
    let app = spawn_app().await;
    import_csv_text(
        &app.db,
        format!("{HEADER}D-1,pearsonvue,lukas@example.de,Lukas,Becker,70-480,2018-03-09,de-DE\n"),
    )
    .await;
    let mailer = Mailer::DevMailbox {
        from: TEST_FROM.parse().unwrap(),
    };
    deliver_due(&app.db, &mailer, &test_mail_context(), 10)
        .await
        .unwrap();

    let list = app.get("/dev/mail").await.text().await.unwrap();
    assert!(list.contains("lukas@example.de"));
    assert!(list.contains("You earned a badge: Programming in HTML5 with JavaScript and CSS3"));
    let id: i64 = sqlx::query_scalar("SELECT id FROM dev_mailbox")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let page = app
        .get(&format!("/dev/mail/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("https://badges.example/claim/"));
    let html = app.get(&format!("/dev/mail/{id}/html")).await;
    assert_eq!(html.status(), 200);
    let csp = html.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("sandbox") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(app.get("/dev/mail/999999").await.status(), 404);
    assert_eq!(app.get("/dev/mail/not-a-number").await.status(), 404);
}

#[actix_web::test]
async fn with_smtp_configured_there_is_no_development_mailbox() {
    let capture = SmtpCapture::start();
    let mut settings = crate::helpers::test_settings();
    settings.smtp_url = Some(capture.url.clone());
    let app = crate::helpers::spawn_app_with(settings).await;
    assert_eq!(app.get("/dev/mail").await.status(), 404);
}

#[actix_web::test]
async fn the_server_s_own_worker_delivers_new_mail() {
    let capture = SmtpCapture::start();
    let mut settings = crate::helpers::test_settings();
    settings.smtp_url = Some(capture.url.clone());
    settings.outbox_interval_ms = 50;
    let app = crate::helpers::spawn_app_with(settings).await;
    import_csv_text(
        &app.db,
        format!("{HEADER}S-1,pearsonvue,sofia@example.it,Sofia,Rossi,MO-200,2026-06-06,it-IT\n"),
    )
    .await;
    for _ in 0..100 {
        if !capture.received().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(capture.received().len(), 1);
    app.stop().await;
}

#[actix_web::test]
async fn an_outbox_row_of_a_kind_the_program_does_not_know_fails_and_is_never_sent() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    // A row written by another version of the program (its constraint dropped to let it in).
    sqlx::query("ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check")
        .execute(&db)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO outbox (recipient, kind, locale, data)
         VALUES ('ada@example.com', 'badge_renewed', 'en', '{}')",
    )
    .execute(&db)
    .await
    .unwrap();
    assert_eq!(
        deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
            .await
            .unwrap(),
        1
    );
    let (state, error): (String, Option<String>) =
        sqlx::query_as("SELECT state, last_error FROM outbox")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(state, "failed");
    let error = error.unwrap_or_default();
    assert!(
        error.contains("unknown kind") && error.contains("badge_renewed"),
        "{error}"
    );
    assert!(
        capture.received().is_empty(),
        "nothing is sent in its place"
    );
}

#[actix_web::test]
async fn the_outbox_accepts_exactly_the_kinds_of_email_the_program_names() {
    let db = test_db().await;
    let check: String = sqlx::query_scalar(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'outbox_kind_check'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let quoted = regex::Regex::new(r"'([a-z_]+)'").unwrap();
    let allowed: BTreeSet<String> = quoted
        .captures_iter(&check)
        .map(|c| c[1].to_owned())
        .collect();
    let named: BTreeSet<String> = accolade::mail::Kind::ALL
        .into_iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    assert_eq!(allowed, named, "{check}");
}

#[actix_web::test]
async fn an_email_of_a_form_is_never_queued_without_its_permit() {
    use accolade::mail::{Message, Outgoing, queue_all};
    let db = test_db().await;
    let mut tx = db.begin().await.unwrap();
    let refused = queue_all(
        &mut tx,
        &[Outgoing {
            to: "ada@example.com",
            locale: accolade::i18n::Locale::default(),
            message: Message::PasswordResetUnknown,
        }],
    )
    .await;
    assert!(refused.is_err(), "queued without a permit");
    tx.commit().await.unwrap();
    assert_eq!(crate::helpers::count(&db, "outbox").await, 0);
}

#[actix_web::test]
async fn the_french_plain_text_email_puts_a_space_before_the_colon_of_its_link() {
    let db = test_db().await;
    let capture = SmtpCapture::start();
    import_csv_text(
        &db,
        format!("{HEADER}F-1,pearsonvue,eve@example.fr,Eve,Durand,AZ-900,2026-03-02,fr-FR\n"),
    )
    .await;
    deliver_due(&db, &capture.mailer(), &test_mail_context(), 10)
        .await
        .unwrap();
    let text = capture.received()[0].text();
    let lines: Vec<&str> = text.lines().collect();
    let label = lines
        .iter()
        .position(|l| *l == "Réclamer votre badge\u{a0}:")
        .unwrap_or_else(|| panic!("no link label in: {text}"));
    assert!(
        lines[label + 1].starts_with("https://badges.example/claim/"),
        "{text}"
    );
    assert!(!text.contains("badge:"), "{text}");
}

#[actix_web::test]
async fn in_the_development_mailbox_the_email_s_links_can_be_followed() {
    let app = spawn_app().await;
    import_csv_text(
        &app.db,
        format!("{HEADER}D-2,pearsonvue,lukas@example.de,Lukas,Becker,70-480,2018-03-09,de-DE\n"),
    )
    .await;
    let mailer = Mailer::DevMailbox {
        from: TEST_FROM.parse().unwrap(),
    };
    deliver_due(&app.db, &mailer, &test_mail_context(), 10)
        .await
        .unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM dev_mailbox")
        .fetch_one(&app.db)
        .await
        .unwrap();

    // The text version's addresses are links.
    let page = app
        .get(&format!("/dev/mail/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let link = regex::Regex::new(r#"<a href="(https://badges\.example/claim/[^"]+)">([^<]+)</a>"#)
        .unwrap();
    let found = link
        .captures(&page)
        .expect("a claim link in the text version");
    assert_eq!(&found[1], &found[2], "the link shows its address");

    // The HTML version's links take the whole window (the claim page refuses frames), on a
    // click only, and it still runs no script.
    let html = app.get(&format!("/dev/mail/{id}/html")).await;
    let csp = html.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("sandbox allow-top-navigation-by-user-activation")
            && !csp.contains("allow-scripts")
            && !csp.contains("script-src"),
        "{csp}"
    );
    let body = html.text().await.unwrap();
    assert!(body.contains(r#"<base target="_top">"#), "{body}");
    assert!(body.contains(&found[1]), "{body}");
}
