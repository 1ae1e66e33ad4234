//! Open Badges 2.0 conformance: the 1EdTech reference validator (openbadges-validator-core,
//! through `../shared/tools/obtools/ob2-validate`) checks this site's assertions, and the
//! baked PNG and SVG images, of every kind of award: an exam, a certification, a retired
//! exam, an expiring certification, and a revoked award (which must be refused).
//!
//! The validator is not part of the project, so this test is ignored by `cargo test`;
//! `.ci/ob2-conformance` runs it with `OB2_VALIDATE` pointing at the validator.

use std::process::Command;

use crate::helpers::{import_csv_text, spawn_app};
use crate::journey::{awards_of, create_account};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

/// The validator's verdict (its last line) on `target`, checked against `email`. It runs on
/// a blocking thread: the server it fetches from runs on this test's own thread.
async fn validate(validator: &str, target: &str, email: &str) -> String {
    let mut command = Command::new(validator);
    command.args(["--timeout", "20", target, email]);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("the validator runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let verdict = stdout.lines().last().unwrap_or_default().to_owned();
    println!("{target}: {verdict}");
    verdict
}

#[actix_web::test]
#[ignore = "needs the 1EdTech validator: run .ci/ob2-conformance"]
async fn the_reference_validator_accepts_every_kind_of_award_and_refuses_a_revoked_one() {
    let validator = std::env::var("OB2_VALIDATE").expect("OB2_VALIDATE names the validator");
    let app = spawn_app().await;
    // Bob's AZ-104 would, with Ada's AZ-305, earn her a certification instead of the exam's
    // own badge: the expiring certification is his.
    let (email, bob) = ("ada@example.com", "bob@example.com");
    let mut candidates = Vec::new();
    for address in [email, bob] {
        let candidate = create_account(&app.db, address).await;
        sqlx::query("UPDATE candidates SET profile_visibility = 'public' WHERE id = $1")
            .bind(candidate)
            .execute(&app.db)
            .await
            .unwrap();
        candidates.push(candidate);
    }
    let recent = (chrono::Utc::now().date_naive() - chrono::Days::new(30)).to_string();
    import_csv_text(
        &app.db,
        format!(
            "{HEADER}C-1,pearsonvue,{email},Ada,L,AZ-900,2025-01-10,en-US\n\
             C-2,pearsonvue,{email},Ada,L,AZ-305,2025-02-10,en-US\n\
             C-3,pearsonvue,{email},Ada,L,70-742,2019-03-10,en-US\n\
             C-4,pearsonvue,{bob},Bob,B,AZ-104,{recent},en-US\n\
             C-5,pearsonvue,{email},Ada,L,AI-900,2025-04-10,en-US\n"
        ),
    )
    .await;
    for candidate in candidates {
        accolade::awards::accept_all(&app.db, candidate)
            .await
            .unwrap();
    }
    let code_of = |id: String| {
        let db = app.db.clone();
        async move {
            let code: String = sqlx::query_scalar(
                "SELECT b.code FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id WHERE a.id = $1",
            )
            .bind(&id)
            .fetch_one(&db)
            .await
            .unwrap();
            (code, id)
        }
    };
    let mut awards = std::collections::HashMap::new();
    for address in [email, bob] {
        for id in awards_of(&app.db, address).await {
            let (code, id) = code_of(id).await;
            awards.insert(code, (id, address));
        }
    }
    let revoked = &awards["azure-ai-fundamentals"].0;
    let outcome = accolade::awards::revoke(
        &app.db,
        &accolade::domain::AwardId::parse(revoked).unwrap(),
        "Issued in error",
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    assert_eq!(outcome, accolade::awards::Revoked::Revoked);

    let dir = std::env::temp_dir().join(format!("accolade-ob2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for code in [
        "azure-fundamentals",
        "AZ-305",
        "70-742",
        "azure-administrator",
    ] {
        let (id, recipient) = &awards[code];
        let assertion = format!("{}/ob/v2/assertions/{id}", app.address);
        let mut targets = vec![assertion];
        for (ext, path) in [("png", "image.png"), ("svg", "image.svg")] {
            let bytes = app
                .get(&format!("/badges/{id}/{path}"))
                .await
                .bytes()
                .await
                .unwrap();
            let file = dir.join(format!("{code}.{ext}"));
            std::fs::write(&file, &bytes).unwrap();
            targets.push(file.display().to_string());
        }
        for target in targets {
            let verdict = validate(&validator, &target, recipient).await;
            if verdict != "valid" {
                failures.push(format!("{code} {target}: {verdict}"));
            }
        }
    }
    // The wrong recipient is refused.
    let verdict = validate(
        &validator,
        &format!("{}/ob/v2/assertions/{}", app.address, awards["AZ-305"].0),
        "eve@example.com",
    )
    .await;
    if !verdict.starts_with("invalid") {
        failures.push(format!("another recipient: {verdict}"));
    }
    // The revoked one answers 410 and is refused.
    let verdict = validate(
        &validator,
        &format!("{}/ob/v2/assertions/{revoked}", app.address),
        email,
    )
    .await;
    if !verdict.starts_with("invalid") {
        failures.push(format!("revoked: {verdict}"));
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{failures:#?}");
}
