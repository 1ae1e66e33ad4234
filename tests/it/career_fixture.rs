//! Career data for the tests, written straight into the foundation tables (the importers of
//! the catalog mapping, the wages and the job postings are other work): a wage release, four
//! areas, three occupations with their wages, the demo catalog's certifications mapped to
//! them, and job postings made to measure.

use sqlx::PgPool;

pub const SOURCE: &str =
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics";
pub const RELEASE: &str = "May 2025";
pub const NATION: &str = "0000000";
pub const TEXAS: &str = "0000048";
pub const CALIFORNIA: &str = "0000006";
pub const AUSTIN: &str = "0012420";

pub const SYSADMIN: &str = "15-1244";
pub const SECURITY: &str = "15-1212";
pub const DEVELOPER: &str = "15-1252";

pub type Wage = (&'static str, &'static str, i32, [Option<i32>; 5], bool);

/// The figures of `(soc, area)`: employment, 10th, 25th, median, 75th, 90th (None: not
/// published), and whether the 90th is a floor.
pub const WAGES: &[Wage] = &[
    (
        SYSADMIN,
        NATION,
        329_740,
        [
            Some(59_870),
            Some(74_410),
            Some(96_800),
            Some(122_060),
            Some(150_870),
        ],
        false,
    ),
    (
        SYSADMIN,
        TEXAS,
        26_510,
        [
            Some(55_120),
            Some(70_050),
            Some(92_300),
            Some(117_480),
            Some(146_910),
        ],
        false,
    ),
    (
        SYSADMIN,
        AUSTIN,
        5_200,
        [
            None,
            Some(76_000),
            Some(101_500),
            Some(128_000),
            Some(160_000),
        ],
        false,
    ),
    (
        SECURITY,
        NATION,
        175_350,
        [
            Some(69_660),
            Some(89_870),
            Some(124_910),
            Some(162_810),
            Some(239_200),
        ],
        true,
    ),
    (
        DEVELOPER,
        NATION,
        1_654_440,
        [
            Some(79_850),
            Some(103_450),
            Some(133_080),
            Some(168_570),
            Some(208_620),
        ],
        false,
    ),
];

pub async fn class_id(db: &PgPool, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM badge_classes WHERE code = $1")
        .bind(code)
        .fetch_one(db)
        .await
        .unwrap()
}

/// The wage data and a mapping of the certifications of its own (the demo catalog of the test
/// database maps them too, and its skills are rows already: `catalog::load` writes them).
pub async fn seed(db: &PgPool) {
    sqlx::raw_sql("DELETE FROM badge_class_occupations")
        .execute(db)
        .await
        .unwrap();
    let release: i64 = sqlx::query_scalar(
        "INSERT INTO wage_releases (source, release) VALUES ($1, $2) RETURNING id",
    )
    .bind(SOURCE)
    .bind(RELEASE)
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::raw_sql(
        "INSERT INTO wage_areas (area_code, kind, name, states) VALUES
           ('0000000', 'national', 'U.S.', '{}'),
           ('0000048', 'state', 'Texas', '{TX}'),
           ('0000006', 'state', 'California', '{CA}'),
           ('0012420', 'metro', 'Austin-Round Rock-San Marcos, TX', '{TX}');
         INSERT INTO occupations (soc_code, title) VALUES
           ('15-1244', 'Network and Computer Systems Administrators'),
           ('15-1212', 'Information Security Analysts'),
           ('15-1252', 'Software Developers')
         ON CONFLICT (soc_code) DO UPDATE SET title = EXCLUDED.title;
         INSERT INTO occupation_titles (soc_code, locale, title) VALUES
           ('15-1244', 'fr', 'Administrateurs de réseaux et de systèmes informatiques')
         ON CONFLICT (soc_code, locale) DO UPDATE SET title = EXCLUDED.title;",
    )
    .execute(db)
    .await
    .unwrap();
    for (soc, area, employment, p, p90_floor) in WAGES {
        sqlx::query(
            "INSERT INTO wages (soc_code, area_code, release_id, employment,
                                p10, p25, p50, p75, p90, p90_at_least)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(soc)
        .bind(area)
        .bind(release)
        .bind(employment)
        .bind(p[0])
        .bind(p[1])
        .bind(p[2])
        .bind(p[3])
        .bind(p[4])
        .bind(p90_floor)
        .execute(db)
        .await
        .unwrap();
    }
    for (code, soc, position) in [
        ("azure-administrator", SYSADMIN, 0),
        ("azure-administrator", SECURITY, 1),
        ("azure-fundamentals", SYSADMIN, 0),
        ("azure-developer", DEVELOPER, 0),
        ("azure-security-engineer", SECURITY, 0),
    ] {
        sqlx::query(
            "INSERT INTO badge_class_occupations (badge_class_id, soc_code, position, reason)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(class_id(db, code).await)
        .bind(soc)
        .bind(position as i16)
        .bind(format!("{code} prepares for {soc}"))
        .execute(db)
        .await
        .unwrap();
    }
}

/// A job posting to insert.
#[derive(Clone)]
pub struct Posting {
    pub key: &'static str,
    pub title: &'static str,
    pub organization: &'static str,
    pub state: Option<&'static str>,
    pub remote: bool,
    /// Days ago.
    pub posted: i32,
    /// Days from now it is still open (negative: expired).
    pub open_for: i32,
    /// A yearly salary range in US dollars.
    pub salary: Option<(i32, i32)>,
    pub certifications: &'static [&'static str],
    pub occupations: &'static [&'static str],
    pub skills: &'static [&'static str],
    pub demo: bool,
}

impl Default for Posting {
    fn default() -> Posting {
        Posting {
            key: "",
            title: "",
            organization: "Contoso",
            state: Some("TX"),
            remote: false,
            posted: 1,
            open_for: 30,
            salary: None,
            certifications: &[],
            occupations: &[],
            skills: &[],
            demo: false,
        }
    }
}

pub async fn post(db: &PgPool, p: Posting) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO job_postings (source_key, title, organization, remote, state, country,
                                   date_posted, valid_through, salary_currency, salary_min,
                                   salary_max, salary_unit, annual_salary_min,
                                   annual_salary_max, apply_url, demo)
         VALUES ($1, $2, $3, $4, $5, 'US', current_date - $6, now() + make_interval(days => $7),
                 CASE WHEN $8::integer IS NULL THEN NULL ELSE 'USD' END, $8, $9,
                 CASE WHEN $8::integer IS NULL THEN NULL ELSE 'YEAR' END, $8, $9,
                 'https://jobs.example.com/' || $1, $10)
         RETURNING id",
    )
    .bind(p.key)
    .bind(p.title)
    .bind(p.organization)
    .bind(p.remote)
    .bind(p.state)
    .bind(p.posted)
    .bind(p.open_for)
    .bind(p.salary.map(|s| s.0))
    .bind(p.salary.map(|s| s.1))
    .bind(p.demo)
    .fetch_one(db)
    .await
    .unwrap();
    for code in p.certifications {
        sqlx::query(
            "INSERT INTO job_posting_badge_classes (posting_id, badge_class_id) VALUES ($1, $2)",
        )
        .bind(id)
        .bind(class_id(db, code).await)
        .execute(db)
        .await
        .unwrap();
    }
    for soc in p.occupations {
        sqlx::query("INSERT INTO job_posting_occupations (posting_id, soc_code) VALUES ($1, $2)")
            .bind(id)
            .bind(soc)
            .execute(db)
            .await
            .unwrap();
    }
    for skill in p.skills {
        sqlx::query(
            "INSERT INTO job_posting_skills (posting_id, skill_id)
             SELECT $1, id FROM skills WHERE lower(name) = lower($2)",
        )
        .bind(id)
        .bind(skill)
        .execute(db)
        .await
        .unwrap();
    }
    id
}
