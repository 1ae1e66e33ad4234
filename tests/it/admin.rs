//! The admin console: every route answers an admin and is a 404 for everyone else
//! (anonymous, candidate, support); each action changes what it should and writes its audit
//! row with the admin as the actor.

use std::time::Duration;

use accolade::auth::roles::Role;
use sqlx::PgPool;

use crate::helpers::{TestApp, import_csv_text};
use crate::journey::{MailApp, award_state, awards_of, location, spawn_mail_app, visible_text};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const ADMIN: &str = "admin@accolade.example";
const BOUNDARY: &str = "----accolade-admin-test-boundary";

const PAGES: [&str; 8] = [
    "/admin",
    "/admin/catalog",
    "/admin/catalog/AZ-900",
    "/admin/results",
    "/admin/awards",
    "/admin/tokens",
    "/admin/outbox",
    "/admin/audit",
];

const FORMS: [&str; 5] = [
    "/admin/catalog/AZ-900",
    "/admin/awards",
    "/admin/tokens",
    "/admin/outbox",
    "/admin/catalog",
];

async fn admin(app: &MailApp) -> TestApp {
    app.signed_in_as_staff(ADMIN, Role::Admin).await
}

async fn staff_id(db: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar("SELECT candidate_id FROM candidate_emails WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .unwrap()
}

/// The newest audit row of `action`: (actor, subject, reason).
async fn last_audit(db: &PgPool, action: &str) -> (String, Option<String>, Option<String>) {
    sqlx::query_as(
        "SELECT actor, subject, reason FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(action)
    .fetch_optional(db)
    .await
    .unwrap()
    .unwrap_or_else(|| panic!("no audit row {action}"))
}

/// A multipart body with the CSRF field and one file.
fn multipart(csrf: &str, name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(app: &TestApp, path: &str, name: &str, bytes: &[u8]) -> reqwest::Response {
    let csrf = app.csrf().await;
    app.client
        .post(format!("{}{path}", app.address))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&csrf, name, bytes))
        .send()
        .await
        .unwrap()
}

/// One AZ-900 pass for `email`; its award's id.
async fn award(db: &PgPool, email: &str) -> String {
    let (_, rejected) = import_csv_text(
        db,
        format!("{HEADER}R-1,pearsonvue,{email},Ada,Lovelace,AZ-900,2025-06-01,en\n"),
    )
    .await;
    assert!(rejected.is_empty(), "{rejected:?}");
    awards_of(db, email).await.remove(0)
}

#[actix_web::test]
async fn every_console_route_is_a_404_for_anyone_but_an_admin() {
    let app = spawn_mail_app().await;
    let anonymous = app.with_new_client();
    let candidate = app.signed_in_as("candidate@example.org").await;
    let support = app
        .signed_in_as_staff("support@accolade.example", Role::Support)
        .await;
    let admin = admin(&app).await;
    for (who, browser) in [
        ("anonymous", &anonymous),
        ("candidate", &candidate),
        ("support", &support),
    ] {
        for path in PAGES {
            let status = browser.get(path).await.status();
            assert_eq!(status, 404, "{who} GET {path}");
        }
        for path in FORMS {
            let response = browser
                .post_form(path, &[("action", "revoke"), ("name", "feed"), ("id", "1")])
                .await;
            assert_eq!(response.status(), 404, "{who} POST {path}");
        }
    }
    for path in PAGES {
        admin.page(path, 200).await;
    }
    // Nothing the others posted changed anything.
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE actor LIKE 'staff:%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[actix_web::test]
async fn the_console_speaks_french_and_a_form_without_its_csrf_token_is_refused() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let page = visible_text(&admin.page("/admin?lang=fr", 200).await);
    assert!(page.contains("Console d’administration"), "{page}");
    assert!(page.contains("Journal d’audit"), "{page}");
    let response = admin
        .post_raw(
            "/admin/catalog/AZ-900",
            &[("action", "policy"), ("policy", "excluded")],
        )
        .await;
    assert_eq!(response.status(), 403);
}

#[actix_web::test]
async fn an_admin_retires_an_exam_with_a_date_and_it_is_audited() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let response = admin
        .post_form(
            "/admin/catalog/AZ-900",
            &[("action", "retire"), ("retired_on", "2026-06-30")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/admin/catalog/AZ-900");
    let (status, on): (String, Option<chrono::NaiveDate>) =
        sqlx::query_as("SELECT status, retired_on FROM badge_classes WHERE code = 'AZ-900'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status, "retired");
    assert_eq!(on, chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
    let page = visible_text(&admin.page("/admin/catalog/AZ-900", 200).await);
    assert!(page.contains("Retired on 30 June 2026"), "{page}");
    let id = staff_id(&app.db, ADMIN).await;
    let (actor, subject, _) = last_audit(&app.db, "catalog.retired").await;
    assert_eq!(actor, format!("staff:{id}"));
    assert_eq!(subject.as_deref(), Some("badge_class:AZ-900"));
    // The same again changes nothing and writes nothing.
    admin
        .post_form(
            "/admin/catalog/AZ-900",
            &[("action", "retire"), ("retired_on", "2026-06-30")],
        )
        .await;
    let rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'catalog.retired'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(rows, 1);
    // A date that is none is shown by its field.
    let response = admin
        .post_form(
            "/admin/catalog/AZ-900",
            &[("action", "retire"), ("retired_on", "2026-02-30")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("YYYY-MM-DD"));
    assert_eq!(admin.get("/admin/catalog/NO-SUCH").await.status(), 404);
}

#[actix_web::test]
async fn a_badge_policy_changed_in_the_console_decides_the_next_results() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let response = admin
        .post_form(
            "/admin/catalog/AZ-900",
            &[("action", "policy"), ("policy", "excluded")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (actor, subject, _) = last_audit(&app.db, "catalog.policy_changed").await;
    assert_eq!(actor, format!("staff:{}", staff_id(&app.db, ADMIN).await));
    assert_eq!(subject.as_deref(), Some("badge_class:AZ-900"));
    let (summary, _) = import_csv_text(
        &app.db,
        format!("{HEADER}R-9,pearsonvue,ex@example.org,Ada,L,AZ-900,2025-06-01,en\n"),
    )
    .await;
    assert_eq!(
        (summary.imported, summary.awarded, summary.no_badge),
        (1, 0, 1)
    );
    let response = admin
        .post_form(
            "/admin/catalog/AZ-900",
            &[("action", "policy"), ("policy", "generous")],
        )
        .await;
    assert_eq!(response.status(), 422);
}

#[actix_web::test]
async fn a_catalog_file_is_loaded_from_the_console_and_a_bad_one_is_explained() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let response = upload(
        &admin,
        "/admin/catalog",
        "catalog.toml",
        accolade::catalog::DEMO_CATALOG.as_bytes(),
    )
    .await;
    assert_eq!(response.status(), 200);
    let page = visible_text(&response.text().await.unwrap());
    assert!(
        page.contains("Catalog loaded: 0 added, 0 updated"),
        "{page}"
    );
    let response = upload(&admin, "/admin/catalog", "x.toml", b"[[exam]]\ncode = 1").await;
    assert_eq!(response.status(), 422);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("This file is not a valid catalog"), "{page}");
    let big = vec![b'#'; 1024 * 1024 + 1];
    let response = upload(&admin, "/admin/catalog", "big.toml", &big).await;
    assert_eq!(response.status(), 413);
}

#[actix_web::test]
async fn an_admin_revokes_an_award_with_a_reason_as_the_command_line_does() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let id = award(&app.db, "ada@example.org").await;
    let page = visible_text(&admin.page(&format!("/admin/awards?id={id}"), 200).await);
    assert!(page.contains("ada@example.org"), "{page}");
    assert!(page.contains("Pending"), "{page}");
    // No reason: refused, by the field.
    let response = admin
        .post_form("/admin/awards", &[("award_id", &id), ("reason", "  ")])
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(award_state(&app.db, &id).await, "pending");
    let reason = "The exam result was annulled.";
    let response = admin
        .post_form("/admin/awards", &[("award_id", &id), ("reason", reason)])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(award_state(&app.db, &id).await, "revoked");
    let (actor, subject, kept) = last_audit(&app.db, "award.revoked").await;
    assert_eq!(actor, format!("staff:{}", staff_id(&app.db, ADMIN).await));
    assert_eq!(subject, Some(format!("award:{id}")));
    assert_eq!(kept.as_deref(), Some(reason));
    let told: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE kind = 'badge_revoked' AND award_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(told, 1);
    let page = visible_text(&admin.page(&location(&response), 200).await);
    assert!(page.contains(reason), "{page}");
    // Again: nothing changes, no second email.
    admin
        .post_form("/admin/awards", &[("award_id", &id), ("reason", "other")])
        .await;
    let rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'award.revoked'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(rows, 1);
    assert_eq!(
        admin
            .get("/admin/awards?id=nothing-here-at-all")
            .await
            .status(),
        404
    );
}

#[actix_web::test]
async fn a_token_is_shown_once_listed_with_its_last_use_and_revoked() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let response = admin
        .post_form(
            "/admin/tokens",
            &[("action", "create"), ("name", "pearson-feed")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let token = regex::Regex::new(r#"id="secret" type="text" readonly value="([A-Za-z0-9_-]+)""#)
        .unwrap()
        .captures(&html)
        .map(|c| c[1].to_owned())
        .expect("the token on the page");
    let staff = format!("staff:{}", staff_id(&app.db, ADMIN).await);
    let (actor, subject, _) = last_audit(&app.db, "token.create").await;
    assert_eq!(
        (actor, subject.as_deref()),
        (staff.clone(), Some("api_token:pearson-feed"))
    );
    // It works, and the list says when it was used; the token itself is never shown again.
    let used = app.post_results(Some(&token), &serde_json::json!([])).await;
    assert_eq!(used.status(), 200);
    let list = admin.page("/admin/tokens", 200).await;
    assert!(!list.contains(&token));
    assert!(!visible_text(&list).contains("Never"), "{list}");
    let taken = admin
        .post_form(
            "/admin/tokens",
            &[("action", "create"), ("name", "pearson-feed")],
        )
        .await;
    assert_eq!(taken.status(), 422);
    let response = admin
        .post_form(
            "/admin/tokens",
            &[("action", "revoke"), ("name", "pearson-feed")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (actor, _, _) = last_audit(&app.db, "token.revoke").await;
    assert_eq!(actor, staff);
    let refused = app.post_results(Some(&token), &serde_json::json!([])).await;
    assert_eq!(refused.status(), 401);
}

#[actix_web::test]
async fn a_failed_claim_email_is_retried_with_a_new_claim_link_and_audited() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let id = award(&app.db, "ada@example.org").await;
    let outbox: i64 = sqlx::query_scalar(
        "UPDATE outbox SET state = 'failed', attempts = 12, last_error = 'mailbox unavailable',
                data = data - 'token'
          WHERE award_id = $1 AND kind = 'badge_earned' RETURNING id",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let failing = visible_text(&admin.page("/admin/outbox?tab=failing", 200).await);
    assert!(failing.contains("mailbox unavailable"), "{failing}");
    assert!(failing.contains("Retry"), "{failing}");
    let sent = visible_text(&admin.page("/admin/outbox?tab=sent", 200).await);
    assert!(!sent.contains("mailbox unavailable"));
    let response = admin
        .post_form("/admin/outbox?tab=failing", &[("id", &outbox.to_string())])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/admin/outbox?tab=failing");
    let (state, has_token): (String, bool) =
        sqlx::query_as("SELECT state, data ? 'token' FROM outbox WHERE id = $1")
            .bind(outbox)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((state.as_str(), has_token), ("queued", true));
    let (actor, subject, _) = last_audit(&app.db, "mail.retried").await;
    assert_eq!(actor, format!("staff:{}", staff_id(&app.db, ADMIN).await));
    // About the award the email was for, naming the message (as support's retry is).
    assert_eq!(subject, Some(format!("award:{id}")));
    // Delivered, its new link claims the award.
    let mail = app.last_mail_to("ada@example.org").await;
    crate::journey::link_in(&mail, "/claim/");
    let links: i64 = sqlx::query_scalar("SELECT count(*) FROM claim_tokens WHERE award_id = $1")
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(links, 2);
    // Not failing any more: nothing to retry.
    let again = admin
        .post_form("/admin/outbox", &[("id", &outbox.to_string())])
        .await;
    assert_eq!(again.status(), 303);
    let rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'mail.retried'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(rows, 1);
}

#[actix_web::test]
async fn the_outbox_and_the_audit_log_are_paged_by_key() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    sqlx::query(
        "INSERT INTO outbox (recipient, kind, locale, state, sent_at)
         SELECT 'r' || n || '@example.org', 'badge_earned', 'en', 'sent', now()
           FROM generate_series(1, 60) n",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let first = admin.page("/admin/outbox?tab=sent", 200).await;
    assert!(first.contains("r60@example.org") && !first.contains("r10@example.org"));
    let older = regex::Regex::new(r#"href="(/admin/outbox\?tab=sent&#38;before=\d+)""#)
        .unwrap()
        .captures(&first)
        .map(|c| c[1].replace("&#38;", "&"))
        .unwrap_or_else(|| panic!("a link to older messages: {first}"));
    let second = admin.page(&older, 200).await;
    assert!(second.contains("r10@example.org") && !second.contains("r60@example.org"));

    sqlx::query(
        "INSERT INTO audit_log (actor, action, subject, at)
         SELECT 'cli', 'token.create', 'api_token:t' || n, now() - make_interval(mins => n)
           FROM generate_series(1, 60) n",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let first = admin
        .page("/admin/audit?action=token.create&actor=cli", 200)
        .await;
    assert!(first.contains("api_token:t1<") && !first.contains("api_token:t55<"));
    let older = regex::Regex::new(r#"href="(/admin/audit\?[^"]*before=[0-9-]+)""#)
        .unwrap()
        .captures(&first)
        .map(|c| c[1].replace("&#38;", "&"))
        .unwrap_or_else(|| panic!("a link to older entries: {first}"));
    assert!(older.contains("action=token.create"), "{older}");
    let second = admin.page(&older, 200).await;
    assert!(second.contains("api_token:t55<") && !second.contains("api_token:t1<"));
    // Filters by subject and by date; a bad date is shown by its field.
    let one = admin.page("/admin/audit?subject=api_token%3At7", 200).await;
    assert!(one.contains("api_token:t7<") && !one.contains("api_token:t8<"));
    let none = visible_text(&admin.page("/admin/audit?from=2099-01-01", 200).await);
    assert!(none.contains("No entry matches"), "{none}");
    assert_eq!(admin.get("/admin/audit?to=yesterday").await.status(), 422);
}

#[actix_web::test]
async fn a_results_file_is_imported_in_the_background_with_the_command_lines_report() {
    let app = spawn_mail_app().await;
    let admin = admin(&app).await;
    let csv = format!(
        "{HEADER}R-1,pearsonvue,ada@example.org,Ada,Lovelace,AZ-900,2025-06-01,en\n\
         R-2,pearsonvue,not-an-address,Ada,Lovelace,AZ-900,2025-06-01,en\n\
         R-3,pearsonvue,bob@example.org,Bob,B,NO-SUCH,2025-06-01,en\n"
    );
    let response = upload(&admin, "/admin/results", "feed.csv", csv.as_bytes()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/admin/results");
    let mut page = String::new();
    for _ in 0..100 {
        page = visible_text(&admin.page("/admin/results", 200).await);
        if !page.contains("% read") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(page.contains("Import finished"), "{page}");
    assert!(page.contains("Import of feed.csv"), "{page}");
    assert!(page.contains("Badges awarded 1"), "{page}");
    assert!(page.contains("Refused 2"), "{page}");
    assert!(
        page.contains("3 “not-an-address” is not a valid email address"),
        "{page}"
    );
    assert!(page.contains("NO-SUCH"), "{page}");
    assert_eq!(awards_of(&app.db, "ada@example.org").await.len(), 1);
    let (actor, subject, _) = last_audit(&app.db, "results.import").await;
    assert_eq!(actor, format!("staff:{}", staff_id(&app.db, ADMIN).await));
    assert_eq!(subject.as_deref(), Some("results"));
    // A file without the columns is refused, with what is missing.
    let response = upload(&admin, "/admin/results", "bad.csv", b"a,b\n1,2\n").await;
    assert_eq!(response.status(), 303);
    let mut page = String::new();
    for _ in 0..100 {
        page = visible_text(&admin.page("/admin/results", 200).await);
        if page.contains("bad.csv") && !page.contains("% read") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(page.contains("The header lacks the column(s)"), "{page}");
    // No file chosen, a file too large.
    let response = upload(&admin, "/admin/results", "", b"").await;
    assert_eq!(response.status(), 422);
    let big = vec![b'x'; 32 * 1024 * 1024 + 1];
    let response = upload(&admin, "/admin/results", "big.csv", &big).await;
    assert_eq!(response.status(), 413);
    assert!(visible_text(&response.text().await.unwrap()).contains("larger than 32 MB"));
}
