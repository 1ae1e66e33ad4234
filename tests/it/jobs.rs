//! Job postings in: `accolade jobs import`'s engine, `POST /api/v1/jobs`, the generator, the
//! purge of long-expired postings.

use accolade::insights::jobs::{self, ItemReport, Outcome, Summary, read};
use chrono::{Days, Utc};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::helpers::{count, spawn_app, test_db, test_db_with_url};

fn day(offset: i64) -> String {
    let today = Utc::now().date_naive();
    let day = if offset >= 0 {
        today.checked_add_days(Days::new(offset as u64))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    day.unwrap().to_string()
}

/// An open posting (posted 3 days ago, open for 30 more days).
fn posting(key: &str, title: &str) -> Value {
    json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "propertyID": "contoso", "value": key},
        "title": title,
        "hiringOrganization": {"@type": "Organization", "name": "Contoso", "sameAs": "https://contoso.example"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
            "addressLocality": "Seattle", "addressRegion": "WA", "addressCountry": "US"}},
        "datePosted": day(-3),
        "validThrough": day(30),
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": 90000, "maxValue": 120000, "unitText": "YEAR"}},
        "url": format!("https://jobs.example/contoso/{key}"),
        "occupationalCategory": "15-1244.00",
        "skills": ["Virtual networking", {"@type": "DefinedTerm", "name": "PowerShell"}],
        "educationRequirements": {"@type": "EducationalOccupationalCredential",
            "credentialCategory": "certification", "identifier": "AZ-104"},
        "certificationCodes": ["azure-administrator"]
    })
}

fn lines(items: &[Value]) -> String {
    items.iter().map(|i| format!("{i}\n")).collect()
}

/// Imports a feed as `accolade jobs import` does (batches of 500).
async fn import_text(db: &PgPool, text: &str) -> (Summary, Vec<ItemReport>) {
    let codes = jobs::catalog_codes(db).await.unwrap();
    let items = read::open(text.as_bytes()).unwrap();
    let mut reports = Vec::new();
    let summary = jobs::import(
        db,
        &codes,
        items,
        Utc::now(),
        Some(jobs::import::BATCH),
        |item| reports.push(item.clone()),
    )
    .await
    .unwrap();
    (summary, reports)
}

/// (id, row version, updated_at) of every posting, by key.
async fn versions(db: &PgPool) -> Vec<(String, String, chrono::DateTime<Utc>)> {
    sqlx::query_as(
        "SELECT source_key, xmin::text, updated_at FROM job_postings ORDER BY source_key",
    )
    .fetch_all(db)
    .await
    .unwrap()
}

async fn links(db: &PgPool, key: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    sqlx::query_as(
        "SELECT ARRAY(SELECT b.code FROM job_posting_badge_classes l JOIN badge_classes b ON b.id = l.badge_class_id
                       WHERE l.posting_id = p.id ORDER BY 1),
                ARRAY(SELECT soc_code FROM job_posting_occupations WHERE posting_id = p.id ORDER BY 1),
                ARRAY(SELECT s.name FROM job_posting_skills l JOIN skills s ON s.id = l.skill_id
                       WHERE l.posting_id = p.id ORDER BY 1)
           FROM job_postings p WHERE source_key = $1",
    )
    .bind(key)
    .fetch_one(db)
    .await
    .unwrap()
}

#[actix_web::test]
#[allow(clippy::type_complexity)]
async fn lines_and_arrays_import_into_the_columns_and_links() {
    let db = test_db().await;
    let (summary, reports) = import_text(
        &db,
        &lines(&[
            posting("1", "Cloud Administrator"),
            posting("2", "Sysadmin"),
        ]),
    )
    .await;
    assert_eq!((summary.received, summary.created), (2, 2));
    assert_eq!(reports[1].position, read::Position::Line(2));
    let array = Value::Array(vec![posting("3", "Network Administrator")]).to_string();
    let (summary, reports) = import_text(&db, &array).await;
    assert_eq!(summary.created, 1);
    assert_eq!(reports[0].position, read::Position::Index(0));
    assert_eq!(count(&db, "job_postings").await, 3);

    let row: (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        bool,
        String,
        Option<i32>,
        Option<i32>,
        String,
        bool,
    ) = sqlx::query_as(
        "SELECT title, organization, organization_url, state, country, remote, salary_unit,
                    annual_salary_min, annual_salary_max, apply_url, demo
               FROM job_postings WHERE source_key = 'contoso:3'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            "Network Administrator".into(),
            "Contoso".into(),
            Some("https://contoso.example/".into()),
            Some("WA".into()),
            Some("US".into()),
            false,
            "YEAR".into(),
            Some(90_000),
            Some(120_000),
            "https://jobs.example/contoso/3".into(),
            false
        )
    );
    let (classes, socs, skills) = links(&db, "contoso:3").await;
    assert_eq!(classes, ["AZ-104", "azure-administrator"]);
    assert_eq!(socs, ["15-1244"]);
    assert_eq!(skills, ["PowerShell", "Virtual networking"]);
    // "Virtual networking" is a skill of the catalog (AZ-104): one row, whatever the case.
    let rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM skills WHERE lower(name) = 'virtual networking'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(rows, 1);
}

#[actix_web::test]
async fn importing_the_same_postings_again_writes_nothing() {
    let db = test_db().await;
    let feed = lines(&[
        posting("1", "Cloud Administrator"),
        posting("2", "Sysadmin"),
    ]);
    import_text(&db, &feed).await;
    let before = versions(&db).await;
    let skills = count(&db, "skills").await;
    let (summary, reports) = import_text(&db, &feed).await;
    assert_eq!(
        (summary.unchanged, summary.created, summary.updated),
        (2, 0, 0)
    );
    assert!(matches!(reports[0].outcome, Outcome::Unchanged(_)));
    assert_eq!(
        versions(&db).await,
        before,
        "no row version or updated_at changed"
    );
    assert_eq!(count(&db, "skills").await, skills);
    let link_versions: Vec<String> =
        sqlx::query_scalar("SELECT xmin::text FROM job_posting_skills ORDER BY 1")
            .fetch_all(&db)
            .await
            .unwrap();
    import_text(&db, &feed).await;
    let again: Vec<String> =
        sqlx::query_scalar("SELECT xmin::text FROM job_posting_skills ORDER BY 1")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(again, link_versions);
}

#[actix_web::test]
async fn a_changed_posting_updates_its_row_and_what_it_asks_for() {
    let db = test_db().await;
    import_text(
        &db,
        &lines(&[
            posting("1", "Cloud Administrator"),
            posting("2", "Sysadmin"),
        ]),
    )
    .await;
    let before = versions(&db).await;
    let mut changed = posting("1", "Senior Cloud Administrator");
    changed["skills"] = json!("Kubernetes, powershell");
    changed["educationRequirements"] = json!([]);
    changed["certificationCodes"] = json!(["AZ-305", "CISSP"]);
    changed["occupationalCategory"] = json!(["15-1244", "15-1241"]);
    let (summary, reports) = import_text(&db, &lines(&[changed, posting("2", "Sysadmin")])).await;
    assert_eq!(
        (summary.updated, summary.unchanged, summary.with_warnings),
        (1, 1, 1)
    );
    assert!(matches!(reports[0].outcome, Outcome::Updated(_)));
    assert_eq!(
        reports[0].warnings,
        [jobs::PostingWarning::UnknownCertification("CISSP".into())]
    );
    let after = versions(&db).await;
    assert_ne!(after[0], before[0]);
    assert!(after[0].2 > before[0].2, "updated_at moved");
    assert_eq!(after[1], before[1], "the other posting is untouched");
    let title: String =
        sqlx::query_scalar("SELECT title FROM job_postings WHERE source_key = 'contoso:1'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(title, "Senior Cloud Administrator");
    let (classes, socs, skills) = links(&db, "contoso:1").await;
    assert_eq!(classes, ["AZ-305"]);
    assert_eq!(socs, ["15-1241", "15-1244"]);
    // "powershell" is the PowerShell row made by the first import.
    assert_eq!(skills, ["Kubernetes", "PowerShell"]);
    assert_eq!(count(&db, "job_postings").await, 2);
}

#[actix_web::test]
async fn bad_items_are_reported_with_their_line_and_the_rest_is_stored() {
    let db = test_db().await;
    let mut no_title = posting("b1", "x");
    no_title.as_object_mut().unwrap().remove("title");
    let mut http = posting("b2", "Admin");
    http["url"] = json!("http://jobs.example/contoso/b2");
    let mut bad_date = posting("b3", "Admin");
    bad_date["datePosted"] = json!("yesterday");
    let mut reversed = posting("b4", "Admin");
    reversed["validThrough"] = json!(day(-10));
    let mut unknown_fields = posting("g2", "Admin");
    unknown_fields["x-internal-code"] = json!({"anything": [1, 2]});
    unknown_fields["employmentType"] = json!("FULL_TIME");
    let mut feed = lines(&[
        posting("g1", "Admin"),
        no_title,
        http,
        bad_date,
        reversed,
        unknown_fields,
    ]);
    feed.push_str("{\"title\": \"broken\",\n");
    feed.push_str(&format!(
        "{{\"description\": \"{}\"}}\n",
        "x".repeat(300 * 1024)
    ));
    feed.push_str("[1, 2]\n");
    feed.push_str(&lines(&[posting("g3", "Admin")]));
    let (summary, reports) = import_text(&db, &feed).await;
    assert_eq!(
        (summary.received, summary.created, summary.rejected),
        (10, 3, 7)
    );
    let refused: Vec<(read::Position, Vec<&str>)> = reports
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Rejected(errors) => {
                Some((r.position, errors.iter().map(|e| e.code()).collect()))
            }
            _ => None,
        })
        .collect();
    use read::Position::Line;
    assert_eq!(
        refused,
        [
            (Line(2), vec!["missing"]),
            (Line(3), vec!["not_https"]),
            (Line(4), vec!["invalid_date"]),
            (Line(5), vec!["ends_before_posted"]),
            (Line(7), vec!["not_json"]),
            (Line(8), vec!["item_too_large"]),
            (Line(9), vec!["not_an_object"]),
        ]
    );
    assert_eq!(count(&db, "job_postings").await, 3);
}

#[actix_web::test]
async fn a_new_posting_already_expired_is_not_stored_but_a_known_one_closes() {
    let db = test_db().await;
    import_text(&db, &lines(&[posting("1", "Admin")])).await;
    let mut closed = posting("1", "Admin");
    closed["datePosted"] = json!(day(-20));
    closed["validThrough"] = json!(day(-1));
    let mut old = posting("2", "Admin");
    old["datePosted"] = json!(day(-20));
    old["validThrough"] = json!(day(-1));
    let (summary, _) = import_text(&db, &lines(&[closed, old])).await;
    assert_eq!((summary.updated, summary.expired), (1, 1));
    assert_eq!(count(&db, "job_postings").await, 1);
    let open: i64 =
        sqlx::query_scalar("SELECT count(*) FROM job_postings WHERE valid_through > now()")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(open, 0);
}

#[actix_web::test]
async fn postings_expired_more_than_30_days_ago_are_purged_with_their_links() {
    let db = test_db().await;
    import_text(
        &db,
        &lines(&[
            posting("old", "A"),
            posting("recent", "B"),
            posting("open", "C"),
        ]),
    )
    .await;
    sqlx::query(
        "UPDATE job_postings SET date_posted = current_date - 90, valid_through = now() - interval '31 days'
          WHERE source_key = 'contoso:old';
         ",
    )
    .execute(&db)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE job_postings SET date_posted = current_date - 90, valid_through = now() - interval '29 days'
          WHERE source_key = 'contoso:recent'",
    )
    .execute(&db)
    .await
    .unwrap();
    let purged = jobs::purge_expired(&db, Utc::now()).await.unwrap();
    assert_eq!(purged, 1);
    let keys: Vec<String> = sqlx::query_scalar("SELECT source_key FROM job_postings ORDER BY 1")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(keys, ["contoso:open", "contoso:recent"]);
    assert_eq!(count(&db, "job_posting_skills").await, 4);
    assert_eq!(count(&db, "job_posting_occupations").await, 2);
    // The housekeeping of the reminders worker runs it too.
    sqlx::query("UPDATE job_postings SET valid_through = now() - interval '40 days' WHERE source_key = 'contoso:recent'")
        .execute(&db)
        .await
        .unwrap();
    accolade::mail::reminders::housekeeping(
        &db,
        accolade::config::Settings::default().session_limits(),
    )
    .await;
    assert_eq!(count(&db, "job_postings").await, 1);
}

#[actix_web::test]
async fn the_generated_postings_import_without_a_refusal() {
    let db = test_db().await;
    let mut file = Vec::new();
    jobs::generate::write_postings(&mut file, 400, 5, Utc::now().date_naive()).unwrap();
    let text = String::from_utf8(file).unwrap();
    let (summary, reports) = import_text(&db, &text).await;
    let troubles: Vec<_> = reports
        .iter()
        .filter(|r| !r.warnings.is_empty() || !matches!(r.outcome, Outcome::Created(_)))
        .collect();
    assert!(troubles.is_empty(), "{troubles:?}");
    assert_eq!(summary.created, 400);
    let demo: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM job_postings WHERE demo AND valid_through > now()",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(demo, 400);
    assert!(count(&db, "job_posting_badge_classes").await >= 400);
    let (again, _) = import_text(&db, &text).await;
    assert_eq!(again.unchanged, 400);
}

#[actix_web::test]
async fn the_demo_loads_postings_when_none_is_open() {
    let db = test_db().await;
    let loaded = accolade::demo::load_jobs_if_none_open(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(loaded.created, accolade::demo::DEMO_POSTINGS);
    assert_eq!(loaded.rejected, 0);
    assert!(
        accolade::demo::load_jobs_if_none_open(&db)
            .await
            .unwrap()
            .is_none()
    );
}

async fn post_jobs(
    app: &crate::helpers::TestApp,
    token: Option<&str>,
    body: String,
    language: &str,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/api/v1/jobs", app.address))
        .header("Content-Type", "application/json")
        .header("Accept-Language", language)
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[actix_web::test]
async fn the_api_refuses_a_request_without_a_valid_token() {
    let app = spawn_app().await;
    let body = Value::Array(vec![posting("1", "Admin")]).to_string();
    let response = post_jobs(&app, None, body.clone(), "en").await;
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "unauthorized");
    let wrong = post_jobs(&app, Some("not-a-token"), body, "en").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(count(&app.db, "job_postings").await, 0);
}

#[actix_web::test]
async fn the_api_answers_an_outcome_for_every_item() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let mut http = posting("2", "Admin");
    http["url"] = json!("http://jobs.example/2");
    let mut unknown = posting("3", "Admin");
    unknown["certificationCodes"] = json!(["CISSP"]);
    let body = Value::Array(vec![posting("1", "Admin"), http, json!("text"), unknown]).to_string();
    let response = post_jobs(&app, Some(&token), body.clone(), "en").await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    let items = answer["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["outcome"], "created");
    assert_eq!(items[0]["source_key"], "contoso:1");
    assert!(items[0]["posting_id"].as_i64().is_some());
    assert_eq!(items[1]["outcome"], "rejected");
    assert_eq!(items[1]["errors"][0]["field"], "url");
    assert_eq!(items[1]["errors"][0]["code"], "not_https");
    assert_eq!(
        items[1]["errors"][0]["message"],
        "url: “http://jobs.example/2” is not an absolute https URL"
    );
    assert_eq!(items[2]["errors"][0]["code"], "not_an_object");
    assert_eq!(items[3]["outcome"], "created");
    assert_eq!(items[3]["warnings"][0]["code"], "unknown_certification");
    assert_eq!(items[3]["warnings"][0]["field"], "educationRequirements");
    assert_eq!(
        answer["summary"],
        json!({"received": 4, "created": 2, "updated": 0, "unchanged": 0, "expired": 0,
               "rejected": 2, "with_warnings": 1})
    );

    // Again, as JSON lines: nothing changes, and the lines are named.
    let lines_body = lines(&[posting("1", "Admin"), posting("3", "Admin")]);
    let answer: Value = post_jobs(&app, Some(&token), lines_body, "en")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(answer["items"][0]["outcome"], "unchanged");
    assert_eq!(answer["items"][1]["line"], 2);
    assert_eq!(
        answer["items"][1]["outcome"], "updated",
        "its certifications changed"
    );
    assert_eq!(count(&app.db, "job_postings").await, 2);
}

#[actix_web::test]
async fn the_api_explains_refusals_in_the_language_of_the_request() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let mut item = posting("1", "Admin");
    item.as_object_mut().unwrap().remove("validThrough");
    let answer: Value = post_jobs(&app, Some(&token), lines(&[item]), "fr-FR,fr;q=0.9")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(answer["items"][0]["errors"][0]["code"], "missing");
    assert_eq!(
        answer["items"][0]["errors"][0]["message"],
        "validThrough manque"
    );
}

#[actix_web::test]
async fn the_api_refuses_bodies_too_large_or_not_json() {
    let app = spawn_app().await; // the tests' limit is 64 KiB
    let token = app.api_token().await;
    let many: Vec<Value> = (0..200).map(|i| posting(&i.to_string(), "Admin")).collect();
    let response = post_jobs(&app, Some(&token), Value::Array(many).to_string(), "en").await;
    assert_eq!(response.status(), 413);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "payload_too_large");
    assert!(error["message"].as_str().unwrap().contains("65536 bytes"));

    let broken = post_jobs(&app, Some(&token), "[{\"title\": ".into(), "en").await;
    assert_eq!(broken.status(), 400);
    let empty = post_jobs(&app, Some(&token), "  ".into(), "en").await;
    assert_eq!(empty.status(), 400);
    assert_eq!(count(&app.db, "job_postings").await, 0);
}

#[actix_web::test]
async fn the_command_line_imports_a_file_and_reports_bad_lines() {
    let (db, url) = test_db_with_url().await;
    let dir = std::env::temp_dir().join(format!("accolade-tests-{}-jobs", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("postings.jsonl");
    let mut http = posting("2", "Admin");
    http["url"] = json!("http://jobs.example/2");
    std::fs::write(&file, lines(&[posting("1", "Admin"), http])).unwrap();
    let file = file.to_str().unwrap();
    let run = crate::binary::accolade_in(&url, &["jobs", "import", file], "C.UTF-8");
    assert_eq!(run.status.code(), Some(1), "a line was refused");
    assert_eq!(
        crate::binary::text(&run.stdout).trim(),
        "2 postings: 1 new, 0 updated, 0 unchanged, 0 already expired (not stored), 1 rejected, 0 stored with warnings"
    );
    assert!(
        crate::binary::text(&run.stderr)
            .contains("line 2: url: “http://jobs.example/2” is not an absolute https URL"),
        "{}",
        crate::binary::text(&run.stderr)
    );
    let generated = dir.join("generated.jsonl");
    let generate = crate::binary::accolade_in(
        &url,
        &[
            "jobs",
            "generate",
            "50",
            "--seed",
            "9",
            "-o",
            generated.to_str().unwrap(),
        ],
        "C.UTF-8",
    );
    assert_eq!(generate.status.code(), Some(0));
    let run = crate::binary::accolade_in(
        &url,
        &["jobs", "import", generated.to_str().unwrap()],
        "fr_FR.UTF-8",
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        crate::binary::text(&run.stderr)
    );
    assert!(crate::binary::text(&run.stdout).starts_with("50 offres : 50 nouvelles"));
    assert_eq!(count(&db, "job_postings").await, 51);
    let _ = std::fs::remove_dir_all(&dir);
}
