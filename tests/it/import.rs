//! `accolade import`: the sample feed, every kind of bad row, idempotency, letter case,
//! non-ASCII and markup in names.

use std::collections::{BTreeMap, BTreeSet};

use accolade::domain::RowError;
use accolade::domain::exam_result::Field;

use crate::helpers::{SAMPLE_FEED, count, import_csv_text, test_db};

/// The line of the sample feed that holds `result_id` (first occurrence).
fn line_of(result_id: &str) -> u64 {
    SAMPLE_FEED
        .lines()
        .position(|l| l.starts_with(&format!("{result_id},")))
        .map(|i| i as u64 + 1)
        .unwrap()
}

/// Badge codes awarded to each address.
async fn awards_by_address(db: &sqlx::PgPool) -> BTreeMap<String, BTreeSet<String>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.recipient_email, b.code FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (email, code) in rows {
        map.entry(email).or_default().insert(code);
    }
    map
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

#[actix_web::test]
async fn the_sample_feed_gives_each_candidate_the_badges_the_rules_say() {
    let db = test_db().await;
    let (summary, _) = import_csv_text(&db, SAMPLE_FEED).await;
    assert_eq!(summary.received, 30);
    assert_eq!(summary.imported, 22);
    assert_eq!(summary.already_known, 1, "PV-1000016 is in the file twice");
    assert_eq!(summary.rejected, 7);

    let awards = awards_by_address(&db).await;
    let expect = |email: &str, codes: &[&str]| {
        assert_eq!(awards.get(email), Some(&set(codes)), "{email}");
    };
    // An exam that earns a certification: the certification's badge instead.
    expect(
        "camille.durand@example.org",
        &[
            "azure-fundamentals",
            "azure-administrator",
            "azure-solutions-architect",
        ],
    );
    // AZ-305 before its prerequisite: the exam's own badge, then both certifications when
    // AZ-104 arrives. Two spellings of one address are one recipient.
    expect(
        "raj.patel@example.com",
        &["AZ-305", "azure-administrator", "azure-solutions-architect"],
    );
    // A prerequisite that can be either of two certifications.
    expect(
        "mei.chen@example.net",
        &["azure-developer", "devops-engineer"],
    );
    // Three exams make the MCSA; the first two give their own (retired) exam badges.
    expect(
        "lukas.becker@example.de",
        &["70-740", "70-741", "mcsa-windows-server-2016", "70-480"],
    );
    // Excluded and legacy exams give nothing; a retired certification still does.
    expect("ana.souza@example.com.br", &["azure-data-engineer"]);
    // One person under two addresses (no account yet): each address its own badges; MOS 2010 excluded.
    expect("sofia.rossi@example.it", &["mos-excel-associate"]);
    expect("sofia.r@student.example.it", &["mos-word-associate"]);
    expect(
        "jamal.ibrahim@example.org",
        &[
            "security-compliance-identity-fundamentals",
            "azure-ai-fundamentals",
        ],
    );
    expect("o'brien.siobhan@example.ie", &["azure-data-fundamentals"]);
    expect("zoë.lefèvre@example.fr", &["azure-fundamentals"]);
    assert_eq!(awards.len(), 10);

    // Results without a badge are kept with the reason, for support.
    let reasons: BTreeMap<String, Option<String>> = sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT result_id, no_badge_reason FROM results",
    )
    .fetch_all(&db)
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert_eq!(reasons["PV-1000012"].as_deref(), Some("excluded"), "74-343");
    assert_eq!(
        reasons["PV-1000013"].as_deref(),
        Some("excluded"),
        "MB2-712"
    );
    assert_eq!(reasons["PV-1000014"].as_deref(), Some("legacy"), "70-290");
    assert_eq!(reasons["CP-2000002"].as_deref(), Some("excluded"), "77-881");
    assert_eq!(reasons["PV-1000001"], None);

    // Every award has its email waiting in the outbox, written in the same transaction.
    assert_eq!(count(&db, "awards").await, 19);
    assert_eq!(count(&db, "outbox").await, 19);
    assert_eq!(count(&db, "claim_tokens").await, 19);
}

#[actix_web::test]
async fn each_bad_row_of_the_sample_is_reported_with_its_line_and_reason() {
    let db = test_db().await;
    let (_, rejected) = import_csv_text(&db, SAMPLE_FEED).await;
    let rejected: BTreeMap<u64, Vec<RowError>> = rejected.into_iter().collect();
    let reason = |id: &str| rejected.get(&line_of(id)).cloned().unwrap_or_default();
    assert!(matches!(
        reason("PV-1000020")[..],
        [RowError::InvalidEmail(_)]
    ));
    assert!(matches!(
        reason("PV-1000021")[..],
        [RowError::InvalidEmail(_)]
    ));
    assert_eq!(
        reason("PV-1000022"),
        vec![RowError::UnknownExam("XX-999".into())]
    );
    assert_eq!(
        reason("PV-1000023"),
        vec![RowError::InvalidDate("2026-02-30".into())]
    );
    assert_eq!(reason("PV-1000024"), vec![RowError::Missing(Field::Email)]);
    assert!(matches!(
        reason("PV-1000025")[..],
        [RowError::FutureDate(_)]
    ));
    assert_eq!(
        reason("PV-1000026"),
        vec![RowError::ColumnCount {
            expected: 8,
            found: 6
        }]
    );
    assert_eq!(rejected.len(), 7);
}

#[actix_web::test]
async fn importing_the_same_file_again_changes_nothing_and_sends_nothing() {
    let db = test_db().await;
    import_csv_text(&db, SAMPLE_FEED).await;
    let outbox_before = count(&db, "outbox").await;
    let awards_before = awards_by_address(&db).await;

    let (again, rejected) = import_csv_text(&db, SAMPLE_FEED).await;
    assert_eq!(again.imported, 0);
    assert_eq!(again.awarded, 0);
    assert_eq!(again.already_known, 23);
    assert_eq!(rejected.len(), 7, "bad rows are still reported");
    assert_eq!(count(&db, "outbox").await, outbox_before);
    assert_eq!(awards_by_address(&db).await, awards_before);
    assert_eq!(count(&db, "results").await, 22);
}

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

#[actix_web::test]
async fn every_kind_of_bad_row_is_refused_and_the_rest_of_the_batch_goes_on() {
    let db = test_db().await;
    let long_name = "x".repeat(201);
    let csv = format!(
        "{HEADER}\
         R-1,pearsonvue,ok@example.com,Ok,Row,AZ-900,2026-01-01,en-US\n\
         ,pearsonvue,a@example.com,A,B,AZ-900,2026-01-01,en-US\n\
         R-3,Pearson VUE!,a@example.com,A,B,AZ-900,2026-01-01,en-US\n\
         R-4,pearsonvue,a@example.com,,B,AZ-900,2026-01-01,en-US\n\
         R-5,pearsonvue,a@example.com,{long_name},B,AZ-900,2026-01-01,en-US\n\
         R-6,pearsonvue,a@example.com,A,B,,2026-01-01,en-US\n\
         R-7,pearsonvue,a@example.com,A,B,AZ-900,01/02/2026,en-US\n\
         R-8,pearsonvue,a@example.com,A,B,AZ-900,2026-01-01,not a locale!\n\
         R-9,pearsonvue,a@@example.com,A,B,AZ-900,2026-01-01,en-US\n\
         R-10,pearsonvue,a@example.com,A,B,AZ-900,2026-01-01,en-US,extra\n\
         R-11,pearsonvue,,,,,,\n\
         R-12,pearsonvue,last@example.com,Last,Row,AI-900,2026-01-02,\n"
    );
    let (summary, rejected) = import_csv_text(&db, &csv).await;
    let imported: Vec<String> = sqlx::query_scalar("SELECT result_id FROM results ORDER BY id")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(imported, ["R-1", "R-12"], "the two good rows are imported");
    assert_eq!(summary.rejected, 10);
    let by_line: BTreeMap<u64, Vec<RowError>> = rejected.into_iter().collect();
    assert_eq!(by_line[&3], vec![RowError::Missing(Field::ResultId)]);
    assert!(matches!(by_line[&4][..], [RowError::InvalidSource(_)]));
    assert_eq!(by_line[&5], vec![RowError::Missing(Field::GivenName)]);
    assert_eq!(by_line[&6], vec![RowError::TooLong(Field::GivenName)]);
    assert_eq!(by_line[&7], vec![RowError::Missing(Field::ExamCode)]);
    assert_eq!(
        by_line[&8],
        vec![RowError::InvalidDate("01/02/2026".into())]
    );
    assert_eq!(
        by_line[&9],
        vec![RowError::InvalidLocale("not a locale!".into())]
    );
    assert_eq!(
        by_line[&10],
        vec![RowError::InvalidEmail("a@@example.com".into())]
    );
    assert_eq!(
        by_line[&11],
        vec![RowError::ColumnCount {
            expected: 8,
            found: 9
        }]
    );
    // A row with everything missing says everything that is missing.
    assert_eq!(by_line[&12].len(), 5);
}

#[actix_web::test]
async fn a_row_that_is_not_utf8_is_refused_and_the_next_row_is_imported() {
    let db = test_db().await;
    let mut csv = HEADER.as_bytes().to_vec();
    csv.extend_from_slice(b"R-1,pearsonvue,a@example.com,Ren\xe9,B,AZ-900,2026-01-01,fr-FR\n");
    csv.extend_from_slice(b"R-2,pearsonvue,b@example.com,Bob,B,AZ-900,2026-01-01,en-US\n");
    let (summary, rejected) = import_csv_text(&db, &csv).await;
    assert_eq!(summary.imported, 1);
    assert_eq!(rejected, vec![(2, vec![RowError::NotUtf8])]);
}

#[actix_web::test]
async fn a_file_without_the_required_columns_is_refused_whole() {
    let db = test_db().await;
    let catalog = crate::helpers::catalog(&db).await;
    let outcome = accolade::results::csv_file::import_csv(
        &db,
        &catalog,
        "result_id,email\nR-1,a@example.com\n".as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        &indicatif::ProgressBar::hidden(),
        |_, _| {},
    )
    .await;
    let error = outcome.unwrap_err().to_string();
    assert!(error.contains("source"), "{error}");
    assert!(error.contains("exam_code"), "{error}");
    assert_eq!(count(&db, "results").await, 0);
}

#[actix_web::test]
async fn addresses_are_compared_without_letter_case_and_names_are_kept_as_given() {
    let db = test_db().await;
    let csv = format!(
        "{HEADER}\
         C-1,pearsonvue,Zoë.Lefèvre@Example.FR,Zoë,Lefèvre,AZ-104,2026-01-01,fr-FR\n\
         C-2,pearsonvue,zoë.lefèvre@example.fr,Zoë,Lefèvre,AZ-104,2026-02-01,fr-FR\n\
         C-3,pearsonvue,eve@example.com,<b>Eve</b>,\"Mallory, \"\"the tester\"\"\",AZ-900,2026-02-03,en-US\n"
    );
    let (summary, _) = import_csv_text(&db, &csv).await;
    assert_eq!(summary.imported, 3);
    assert_eq!(
        summary.awarded, 2,
        "the retake under another spelling gives nothing new"
    );
    let reason: Option<String> =
        sqlx::query_scalar("SELECT no_badge_reason FROM results WHERE result_id = 'C-2'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(reason.as_deref(), Some("already_held"));
    let (email, given): (String, String) =
        sqlx::query_as("SELECT email, given_name FROM results WHERE result_id = 'C-1'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(
        email, "Zoë.Lefèvre@Example.FR",
        "the address is kept as reported"
    );
    assert_eq!(given, "Zoë");
    let (given, family): (String, String) =
        sqlx::query_as("SELECT given_name, family_name FROM results WHERE result_id = 'C-3'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(given, "<b>Eve</b>");
    assert_eq!(family, "Mallory, \"the tester\"");
}

#[actix_web::test]
async fn history_from_an_earlier_import_counts_for_a_certification() {
    let db = test_db().await;
    import_csv_text(&db, format!("{HEADER}H-1,pearsonvue,h@example.com,H,I,70-740,2019-01-01,\nH-2,pearsonvue,h@example.com,H,I,70-741,2019-02-01,\n")).await;
    let (summary, _) = import_csv_text(
        &db,
        format!("{HEADER}H-3,pearsonvue,h@example.com,H,I,70-742,2020-01-01,\n"),
    )
    .await;
    assert_eq!(summary.awarded, 1);
    let awards = awards_by_address(&db).await;
    assert_eq!(
        awards["h@example.com"],
        set(&["70-740", "70-741", "mcsa-windows-server-2016"])
    );
}

#[actix_web::test]
async fn concurrent_batches_about_one_person_see_each_other() {
    let db = test_db().await;
    let catalog = crate::helpers::catalog(&db).await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let result = |id: String, email: &str, exam: &str| {
        accolade::domain::RawResult {
            result_id: Some(id),
            source: Some("pearsonvue".into()),
            email: Some(email.into()),
            given_name: Some("Raj".into()),
            family_name: Some("Patel".into()),
            exam_code: Some(exam.into()),
            passed_on: Some("2026-01-10".into()),
            locale: None,
        }
        .validate(&catalog, today)
        .unwrap()
    };
    // The expert exam in one batch, its prerequisite in the other, written at the same time:
    // whichever commits second must see the first and award the expert certification.
    for person in 0..20 {
        let email = format!("raj{person}@example.com");
        let expert = [result(format!("X-{person}-a"), &email, "AZ-305")];
        let prerequisite = [result(format!("X-{person}-b"), &email, "AZ-104")];
        let (a, b) = tokio::join!(
            accolade::results::import_batch(&db, &catalog, &expert),
            accolade::results::import_batch(&db, &catalog, &prerequisite)
        );
        a.unwrap();
        b.unwrap();
    }
    let architects: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          WHERE b.code = 'azure-solutions-architect'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(architects, 20);
}

#[actix_web::test]
async fn a_file_imported_in_parallel_streams_gives_what_one_stream_would() {
    // Many people, several results each: the streams split people, never one person.
    let db = test_db().await;
    let mut csv = Vec::new();
    accolade::demo::generate::write_results(&mut csv, 12_000, 3).unwrap();
    let (summary, rejected) = import_csv_text(&db, &csv).await;
    assert!(rejected.is_empty());
    assert_eq!(summary.imported, 12_000);
    // Every award follows the rules for its person's whole history, in file order.
    let catalog = crate::helpers::catalog(&db).await;
    let text = String::from_utf8(csv).unwrap();
    let mut histories: BTreeMap<String, accolade::domain::History> = BTreeMap::new();
    let mut expected = 0u64;
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let email = fields[2].to_lowercase();
        let exam = catalog.exam_by_code(fields[5]).unwrap();
        let history = histories.entry(email).or_default();
        let decision = accolade::domain::rules::decide(&catalog, history, exam);
        if let accolade::domain::Decision::Award(classes) = &decision {
            expected += classes.len() as u64;
        }
        history.record(exam.id, &decision);
    }
    assert_eq!(summary.awarded, expected);
    assert_eq!(count(&db, "awards").await as u64, expected);
}

#[actix_web::test]
async fn a_row_with_a_nul_is_refused_with_its_line_and_the_good_rows_around_it_are_imported() {
    let db = test_db().await;
    let csv = format!(
        "{HEADER}\
         N-1,pearsonvue,one@example.com,One,Row,AZ-900,2026-01-01,en-US\n\
         N-2,pearsonvue,nul@example.com,Ca\u{0}mille,Durand,AZ-900,2026-01-01,fr-FR\n\
         N-3,pearsonvue,three@example.com,Three,Row,AI-900,2026-01-02,\n\
         N-4,pearsonvue,esc@example.com,Eve,Row\u{1b}[2J,AZ-900,2026-01-01,\n\
         N-5,pearsonvue,five@example.com,Five,Row,AZ-900,1989-12-31,\n"
    );
    let (summary, rejected) = import_csv_text(&db, &csv).await;
    let imported: Vec<String> = sqlx::query_scalar("SELECT result_id FROM results ORDER BY id")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(imported, ["N-1", "N-3"]);
    assert_eq!(summary.imported, 2);
    assert_eq!(summary.rejected, 3);
    assert_eq!(
        rejected,
        vec![
            (3, vec![RowError::ControlCharacter(Field::GivenName)]),
            (5, vec![RowError::ControlCharacter(Field::FamilyName)]),
            (
                6,
                vec![RowError::ImplausibleDate(
                    chrono::NaiveDate::from_ymd_opt(1989, 12, 31).unwrap()
                )]
            ),
        ]
    );
}

#[actix_web::test]
async fn a_database_error_in_one_stream_stops_the_import_with_the_summary_of_what_was_saved() {
    use accolade::results::csv_file::{BATCH, CsvFileError};
    let db = test_db().await;
    crate::helpers::fail_inserts_of(&db, crate::helpers::FAILING_RESULT).await;
    let csv = crate::helpers::csv_with_a_failing_batch();
    let catalog = crate::helpers::catalog(&db).await;
    let mut rejected = Vec::new();
    let outcome = accolade::results::csv_file::import_csv(
        &db,
        &catalog,
        csv.as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        &indicatif::ProgressBar::hidden(),
        |line, errors| rejected.push((line, errors.to_vec())),
    )
    .await;
    let error = outcome.unwrap_err();
    assert!(matches!(error, CsvFileError::Database { .. }), "{error:?}");
    let partial = *error.partial().unwrap();
    // The full batch of the other stream, written at the same time, committed and is counted.
    assert_eq!(partial.saved.imported, BATCH as u64);
    assert_eq!(partial.saved.awarded, BATCH as u64);
    assert_eq!(partial.saved.rejected, 1);
    assert_eq!(partial.saved.received, BATCH as u64 + 1);
    assert_eq!(
        partial.unsaved, 3,
        "the failed batch: two good rows and the failing one"
    );
    assert_eq!(partial.line, 5 + BATCH as u64);
    assert_eq!(
        rejected,
        vec![(3, vec![RowError::ControlCharacter(Field::GivenName)])]
    );
    assert_eq!(count(&db, "results").await, BATCH as i64);
    assert_eq!(count(&db, "outbox").await, BATCH as i64);

    // Importing the same file again, once the database takes it, stores the rest only.
    crate::helpers::stop_failing_inserts(&db).await;
    let (again, _) = import_csv_text(&db, &csv).await;
    assert_eq!(again.already_known, BATCH as u64);
    assert_eq!(
        again.imported, 4,
        "the failed batch and the row after the stop"
    );
    assert_eq!(count(&db, "results").await, BATCH as i64 + 4);
    assert_eq!(count(&db, "outbox").await, BATCH as i64 + 4);
}
