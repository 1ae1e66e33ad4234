//! The data of the career insights: the catalog's skills and occupations as rows, and the
//! wage data (`accolade insights load`): idempotent loads, bad lines reported, the shipped
//! file's figures equal to the source's.

use std::collections::BTreeMap;

use accolade::audit::Actor;
use accolade::catalog::{self, CatalogFile, DEMO_CATALOG};
use accolade::insights::wages::{self, Counts, DEMO_WAGES};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::binary::{accolade_in, text};
use crate::helpers::{count, spawn_app, test_db, test_db_with_url};

/// Every row of the tables of `tables` with its row version (`xmin`): equal before and after
/// an operation when it rewrote no row.
async fn row_versions(db: &PgPool, tables: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut versions = BTreeMap::new();
    for table in tables {
        let sql = format!("SELECT t::text || ' ' || t.xmin::text FROM {table} t ORDER BY 1");
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(db)
            .await
            .unwrap();
        versions.insert((*table).to_owned(), rows);
    }
    versions
}

const CATALOG_TABLES: [&str; 6] = [
    "badge_classes",
    "skills",
    "badge_class_skills",
    "occupations",
    "occupation_titles",
    "badge_class_occupations",
];
const WAGE_TABLES: [&str; 4] = ["occupations", "wage_areas", "wage_releases", "wages"];

async fn load_catalog(db: &PgPool, text: &str) -> catalog::LoadReport {
    catalog::load(db, &CatalogFile::parse(text).unwrap(), Actor::CommandLine)
        .await
        .unwrap()
}

/// The skill names of the badge class `code`, in order, as its rows hold them.
async fn own_skills(db: &PgPool, code: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT k.name FROM badge_class_skills bs JOIN skills k ON k.id = bs.skill_id
           JOIN badge_classes b ON b.id = bs.badge_class_id
          WHERE b.code = $1 ORDER BY bs.position",
    )
    .bind(code)
    .fetch_all(db)
    .await
    .unwrap()
}

/// The occupations of the badge class `code`, in order, with their reasons.
async fn occupations_of(db: &PgPool, code: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT o.soc_code, o.reason FROM badge_class_occupations o
           JOIN badge_classes b ON b.id = o.badge_class_id
          WHERE b.code = $1 ORDER BY o.position",
    )
    .bind(code)
    .fetch_all(db)
    .await
    .unwrap()
}

#[actix_web::test]
async fn the_catalog_writes_skills_and_occupations_as_rows_and_a_second_load_changes_nothing() {
    let db = test_db().await; // the demo catalog, loaded once
    let file = CatalogFile::parse(DEMO_CATALOG).unwrap();
    assert_eq!(
        count(&db, "occupations").await,
        file.occupation.len() as i64
    );
    assert_eq!(
        count(&db, "occupation_titles").await,
        file.occupation.len() as i64,
        "one French title each"
    );
    let links: usize = file
        .exam
        .iter()
        .map(|e| e.occupations.len())
        .chain(file.certification.iter().map(|c| c.occupations.len()))
        .sum();
    assert_eq!(count(&db, "badge_class_occupations").await, links as i64);
    let (title, french): (String, String) = sqlx::query_as(
        "SELECT o.title, t.title FROM occupations o JOIN occupation_titles t USING (soc_code)
          WHERE soc_code = '15-1244' AND t.locale = 'fr'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(title, "Network and Computer Systems Administrators");
    assert_eq!(
        french,
        "Administrateurs de réseaux et de systèmes informatiques"
    );
    let administrator = occupations_of(&db, "azure-administrator").await;
    assert_eq!(
        administrator
            .iter()
            .map(|(soc, _)| soc.as_str())
            .collect::<Vec<_>>(),
        ["15-1244", "15-1231"]
    );
    assert!(administrator[0].1.contains("systems administration"));

    // A skill two badge classes list is one row, which both point at.
    let monitoring: Vec<i64> = sqlx::query_scalar(
        "SELECT bs.skill_id FROM badge_class_skills bs JOIN skills k ON k.id = bs.skill_id
          WHERE k.name = 'Monitoring'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(monitoring.len(), 2, "AZ-104 and AZ-204");
    assert_eq!(monitoring[0], monitoring[1]);
    let names: i64 =
        sqlx::query_scalar("SELECT count(*) FROM skills WHERE lower(name) = 'storage'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(names, 1);

    let before = row_versions(&db, &CATALOG_TABLES).await;
    let report = load_catalog(&db, DEMO_CATALOG).await;
    assert_eq!(report.added + report.updated, 0, "{report:?}");
    assert_eq!(
        report.unchanged,
        1 + file.occupation.len() + file.exam.len() + file.certification.len()
    );
    assert_eq!(row_versions(&db, &CATALOG_TABLES).await, before);
}

#[actix_web::test]
async fn reordering_or_removing_skills_and_occupations_takes_effect() {
    let db = test_db().await;
    let az104 = "skills = [\"Azure identities\", \"Storage\", \"Virtual networking\", \"Compute\", \"Monitoring\"]";
    assert!(DEMO_CATALOG.contains(az104));
    let reordered = DEMO_CATALOG.replacen(
        az104,
        "skills = [\"Monitoring\", \"Azure identities\", \"Virtual networking\", \"Storage\"]",
        1,
    );
    let report = load_catalog(&db, &reordered).await;
    assert_eq!((report.added, report.updated), (0, 1), "{report:?}");
    assert_eq!(
        own_skills(&db, "AZ-104").await,
        [
            "Monitoring",
            "Azure identities",
            "Virtual networking",
            "Storage"
        ]
    );
    // "Compute" is no longer listed by anyone, but stays a skill (postings may ask for it).
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM skills WHERE name = 'Compute'")
            .fetch_one(&db)
            .await
            .unwrap(),
        1
    );

    // The certification's occupations: one removed, the other two swapped, a reason edited.
    let developer = "occupations = [\n    { soc = \"15-1252\", reason = \"building, securing and monitoring cloud applications and services is software development\" },\n    { soc = \"15-1254\", reason = \"many Azure solutions developers build and run are web applications and APIs\" },\n]";
    let certification = format!("exams = [\"AZ-204\"]\n{developer}");
    assert!(DEMO_CATALOG.contains(&certification), "the demo maps it so");
    let edited = reordered.replacen(
        &certification,
        "exams = [\"AZ-204\"]\noccupations = [\n    { soc = \"15-1254\", reason = \"web apps\" },\n    { soc = \"15-1252\", reason = \"software\" },\n]",
        1,
    );
    let edited = edited.replacen(
        "titles = { fr = \"Développeurs web\" }",
        "titles = { fr = \"Développeuses et développeurs web\" }",
        1,
    );
    let report = load_catalog(&db, &edited).await;
    assert_eq!((report.added, report.updated), (0, 2), "{report:?}");
    assert_eq!(
        occupations_of(&db, "azure-developer").await,
        [
            ("15-1254".to_owned(), "web apps".to_owned()),
            ("15-1252".to_owned(), "software".to_owned())
        ]
    );
    let french: String = sqlx::query_scalar(
        "SELECT title FROM occupation_titles WHERE soc_code = '15-1254' AND locale = 'fr'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(french, "Développeuses et développeurs web");
    let removed = edited.replacen(
        "exams = [\"AZ-204\"]\noccupations = [\n    { soc = \"15-1254\", reason = \"web apps\" },\n    { soc = \"15-1252\", reason = \"software\" },\n]",
        "exams = [\"AZ-204\"]",
        1,
    );
    load_catalog(&db, &removed).await;
    assert_eq!(occupations_of(&db, "azure-developer").await, []);
    // And back: loading the demo catalog again restores everything.
    load_catalog(&db, DEMO_CATALOG).await;
    assert_eq!(occupations_of(&db, "azure-developer").await.len(), 2);
    assert_eq!(
        own_skills(&db, "AZ-104").await,
        [
            "Azure identities",
            "Storage",
            "Virtual networking",
            "Compute",
            "Monitoring"
        ]
    );
}

#[actix_web::test]
async fn open_badges_tags_come_from_the_rows_and_a_certification_takes_its_exams_skills() {
    let app = spawn_app().await;
    let tags = |code: &'static str| {
        let app = &app;
        async move {
            let response = app.get(&format!("/ob/v2/badges/{code}")).await;
            assert_eq!(response.status(), 200, "{code}");
            let class: Value = response.json().await.unwrap();
            class["tags"].clone()
        }
    };
    // An exam: its own skills, in the catalog's order.
    assert_eq!(
        tags("AZ-900").await,
        json!([
            "Cloud concepts",
            "Azure architecture",
            "Azure management and governance"
        ])
    );
    // A certification without skills of its own: its exams', each once, by name.
    assert_eq!(
        tags("azure-administrator").await,
        json!([
            "Azure identities",
            "Compute",
            "Monitoring",
            "Storage",
            "Virtual networking"
        ])
    );
    let mcsa = tags("mcsa-windows-server-2016").await;
    let mcsa: Vec<&str> = mcsa
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(mcsa.len(), 13, "the skills of its three exams: {mcsa:?}");
    assert!(mcsa.contains(&"DNS") && mcsa.contains(&"Group Policy") && mcsa.contains(&"Hyper-V"));
    let class = catalog::badge_class(&app.db, "mcsa-windows-server-2016")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(class.skills, mcsa);
    // The view of every class's skills (for the matching of postings) agrees with the names.
    let disagreeing: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM badge_classes b
          WHERE badge_class_skill_names(b.id)
                IS DISTINCT FROM ARRAY(SELECT k.name FROM badge_class_effective_skills e
                                         JOIN skills k ON k.id = e.skill_id
                                        WHERE e.badge_class_id = b.id ORDER BY e.position)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(disagreeing, 0);

    // Skills of its own win over its exams'.
    let own = DEMO_CATALOG.replacen(
        "exams = [\"AZ-104\"]",
        "exams = [\"AZ-104\"]\nskills = [\"Azure governance\", \"Storage\"]",
        1,
    );
    load_catalog(&app.db, &own).await;
    assert_eq!(
        tags("azure-administrator").await,
        json!(["Azure governance", "Storage"])
    );
    app.stop().await;
}

type Figures = (
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    String,
);

/// The figures of `soc` in `area`: employment, the five percentiles, and their release.
async fn figures(db: &PgPool, soc: &str, area: &str) -> (Option<i32>, [Option<i32>; 5], String) {
    let (employment, p10, p25, p50, p75, p90, release): Figures = sqlx::query_as(
        "SELECT w.employment, w.p10, w.p25, w.p50, w.p75, w.p90, r.release
           FROM wages w JOIN wage_releases r ON r.id = w.release_id
          WHERE w.soc_code = $1 AND w.area_code = $2",
    )
    .bind(soc)
    .bind(area)
    .fetch_one(db)
    .await
    .unwrap();
    (employment, [p10, p25, p50, p75, p90], release)
}

#[actix_web::test]
async fn the_shipped_wage_data_loads_once_and_its_figures_are_the_sources() {
    let db = test_db().await;
    let parsed = wages::parse(DEMO_WAGES).unwrap();
    assert!(parsed.errors.is_empty());
    let rows = parsed.file.rows.len();
    let started = std::time::Instant::now();
    let report = wages::load(&db, &parsed.file).await.unwrap();
    let took = started.elapsed();
    assert!(took.as_secs_f64() < 2.0, "{rows} rows took {took:?}");
    // The catalog already defined every occupation, with the source's titles.
    assert_eq!(
        report.occupations,
        Counts {
            added: 0,
            updated: 0,
            unchanged: 17
        }
    );
    assert_eq!(report.areas.added, 583);
    assert_eq!(report.figures.added, rows);
    assert_eq!(count(&db, "wages").await, rows as i64);
    assert_eq!(count(&db, "wage_releases").await, 1);

    // OEWS May 2025, OEUN0000000000000151244: employment 314,340, annual percentiles
    // 62,640 / 78,010 / 99,130 / 126,640 / 155,050.
    assert_eq!(
        figures(&db, "15-1244", "0000000").await,
        (
            Some(314_340),
            [
                Some(62_640),
                Some(78_010),
                Some(99_130),
                Some(126_640),
                Some(155_050)
            ],
            "May 2025".to_owned()
        )
    );
    // OEUS5300000000000151252 (Software Developers, Washington) and a metro area.
    let washington = figures(&db, "15-1252", "5300000").await;
    assert!(washington.0.unwrap() > 50_000, "{washington:?}");
    let (kind, name, states): (String, String, Vec<String>) =
        sqlx::query_as("SELECT kind, name, states FROM wage_areas WHERE area_code = '0042660'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(
        (kind.as_str(), name.as_str(), states),
        (
            "metro",
            "Seattle-Tacoma-Bellevue, WA",
            vec!["WA".to_owned()]
        )
    );
    let (source, url): (String, Option<String>) =
        sqlx::query_as("SELECT source, url FROM wage_releases")
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(source.starts_with("U.S. Bureau of Labor Statistics"));
    assert_eq!(url.as_deref(), Some("https://www.bls.gov/oes/"));

    let before = row_versions(&db, &WAGE_TABLES).await;
    let again = wages::load(&db, &parsed.file).await.unwrap();
    assert_eq!(again.release_id, report.release_id);
    assert_eq!((again.areas.added, again.areas.updated), (0, 0));
    assert_eq!(
        again.figures,
        Counts {
            added: 0,
            updated: 0,
            unchanged: rows
        }
    );
    assert_eq!(row_versions(&db, &WAGE_TABLES).await, before);
}

#[actix_web::test]
async fn insights_load_reports_bad_lines_with_their_numbers_and_loads_the_rest() {
    let (db, url) = test_db_with_url().await;
    let dir = std::env::temp_dir().join(format!("accolade-tests-{}-wages", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("wages.tsv");
    let file = "# test data\n\
        source\tBLS OEWS\n\
        release\tMay 2025\t2025A01\n\
        occupation\t15-1244\tNetwork and Computer Systems Administrators\n\
        area\t0000000\tnational\tNational\t\n\
        area\t5300000\tstate\tWashington\tWA\n\
        area\t0042660\tmetro\tSeattle-Tacoma-Bellevue, WA\tWA\n\
        15-1244\t0000000\t314340\t62640\t78010\t99130\t126640\t155050\n\
        15-1244\t5300000\t12000\t9\t8\t7\t6\t5\n\
        15-1244\t0042660\t8000\t80000\t95000\t120000\t150000\t239200+\n\
        15-1244\t9999999\t1\t1\t2\t3\t4\t5\n";
    std::fs::write(&path, file).unwrap();
    let path = path.to_str().unwrap();

    let first = accolade_in(&url, &["insights", "load", path], "C.UTF-8");
    assert_eq!(first.status.code(), Some(1), "lines were rejected");
    let errors = text(&first.stderr);
    assert!(
        errors.contains("line 9: the percentiles do not go up from the 10th to the 90th"),
        "{errors}"
    );
    assert!(
        errors.contains("line 11: the file defines no area 9999999 (add an “area” line)"),
        "{errors}"
    );
    assert_eq!(
        text(&first.stdout).trim(),
        "wage data “BLS OEWS”, May 2025: occupations 0 added, 0 updated, 1 unchanged; \
         areas 3 added, 0 updated, 0 unchanged; figure rows 2 added, 0 updated, 0 unchanged; \
         2 lines rejected"
    );
    let floor: (Option<i32>, bool) = sqlx::query_as(
        "SELECT p90, p90_at_least FROM wages WHERE soc_code = '15-1244' AND area_code = '0042660'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(floor, (Some(239_200), true));

    let again = accolade_in(&url, &["insights", "load", path], "fr_FR.UTF-8");
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stdout).contains("lignes de chiffres 0 ajoutées, 0 modifiées, 2 inchangées"),
        "{}",
        text(&again.stdout)
    );
    assert!(text(&again.stderr).contains("ligne 9 : les centiles ne croissent pas"));

    // A file that is not wage data at all: nothing loads.
    std::fs::write(dir.join("other.tsv"), "hello\tworld\n").unwrap();
    let other = dir.join("other.tsv");
    let refused = accolade_in(
        &url,
        &["insights", "load", other.to_str().unwrap()],
        "C.UTF-8",
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("is not a wage data file: the file has no “source” line"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(count(&db, "wages").await, 2);

    // The whole shipped file, through the command line: every line loads.
    let shipped = dir.join("oews-2025.tsv");
    std::fs::write(&shipped, DEMO_WAGES).unwrap();
    let loaded = accolade_in(
        &url,
        &["insights", "load", shipped.to_str().unwrap()],
        "C.UTF-8",
    );
    assert_eq!(loaded.status.code(), Some(0), "{}", text(&loaded.stderr));
    assert!(text(&loaded.stdout).contains("0 lines rejected"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[actix_web::test]
async fn the_demo_gives_an_existing_database_its_wage_data_and_occupations_once() {
    let db = test_db().await;
    // A development database made before the catalog mapped occupations.
    sqlx::query("DELETE FROM badge_class_occupations")
        .execute(&db)
        .await
        .unwrap();
    let report = accolade::demo::load_insights_if_missing(&db)
        .await
        .unwrap()
        .expect("the wages table was empty");
    assert_eq!(report.areas.added, 583);
    assert!(count(&db, "badge_class_occupations").await > 30);
    let wages = count(&db, "wages").await;
    assert_eq!(wages, report.figures.added as i64);

    let before = row_versions(&db, &CATALOG_TABLES).await;
    assert_eq!(
        accolade::demo::load_insights_if_missing(&db).await.unwrap(),
        None,
        "nothing to do the second time"
    );
    assert_eq!(row_versions(&db, &CATALOG_TABLES).await, before);
    assert_eq!(count(&db, "wages").await, wages);
}
