//! `accolade catalog load`: idempotent, and retiring an exam is an edit of the file.

use accolade::catalog::{self, CatalogFile, DEMO_CATALOG, LoadReport};

use crate::helpers::{count, test_db};

#[actix_web::test]
async fn loading_the_same_catalog_again_changes_nothing() {
    let db = test_db().await; // already holds the demo catalog
    let audit_before = count(&db, "audit_log").await;
    let file = CatalogFile::parse(DEMO_CATALOG).unwrap();
    let report = catalog::load(&db, &file, accolade::audit::Actor::CommandLine)
        .await
        .unwrap();
    assert_eq!(report.added + report.updated, 0, "{report:?}");
    assert_eq!(
        report.unchanged,
        1 + file.occupation.len() + file.exam.len() + file.certification.len()
    );
    assert_eq!(count(&db, "audit_log").await, audit_before);
}

#[actix_web::test]
async fn retiring_an_exam_is_an_update_of_the_file() {
    let db = test_db().await;
    let edited = DEMO_CATALOG.replacen(
        "code = \"AZ-900\"\ntitle = \"Microsoft Azure Fundamentals\"\nstatus = \"active\"",
        "code = \"AZ-900\"\ntitle = \"Microsoft Azure Fundamentals\"\nstatus = \"retired\"\nretired_on = \"2026-12-31\"",
        1,
    );
    assert_ne!(edited, DEMO_CATALOG);
    let report = catalog::load(
        &db,
        &CatalogFile::parse(&edited).unwrap(),
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    assert_eq!((report.added, report.updated), (0, 1));
    let (status, retired_on): (String, Option<chrono::NaiveDate>) =
        sqlx::query_as("SELECT status, retired_on FROM badge_classes WHERE code = 'AZ-900'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(status, "retired");
    assert_eq!(retired_on, chrono::NaiveDate::from_ymd_opt(2026, 12, 31));
    // Retired but eligible: passing it still gives its certification's badge.
    let csv = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n\
               R-1,pearsonvue,r@example.com,R,S,AZ-900,2026-11-01,en\n";
    let (summary, _) = crate::helpers::import_csv_text(&db, csv).await;
    assert_eq!(summary.awarded, 1);
}

#[actix_web::test]
async fn changing_what_earns_a_certification_counts_as_an_update() {
    let db = test_db().await;
    let edited = DEMO_CATALOG.replacen(
        "prerequisites_any = [\"azure-administrator\", \"azure-developer\"]",
        "prerequisites_any = [\"azure-administrator\"]",
        1,
    );
    let report = catalog::load(
        &db,
        &CatalogFile::parse(&edited).unwrap(),
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    assert_eq!(
        report,
        LoadReport {
            added: 0,
            updated: 1,
            unchanged: report.unchanged
        }
    );
    let catalog = crate::helpers::catalog(&db).await;
    let devops = catalog
        .certifications()
        .find(|c| c.code == "devops-engineer")
        .unwrap();
    assert_eq!(devops.prerequisites_any.len(), 1);
}
