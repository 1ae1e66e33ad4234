//! Wallet benchmark: `cargo bench --bench wallet [-- --requests N]` (default 2,000).
//!
//! Starts a private PostgreSQL in a temporary folder, loads the demo catalog, gives one
//! candidate 200 awards spread over the verified addresses they need (one award per badge
//! class and address), starts the real application
//! (release build) on a free port, signs in over HTTP, then requests `/wallet` N times in a row
//! after a warm-up. It reports the server time of each request (the `Server-Timing` header,
//! measured around the whole app: session, queries, rendering) and the round trip seen by the
//! client. Target: the wallet of a candidate with 200 badges in under 5 ms server time (p99).
//! Exits non-zero when the target is missed or the page does not show 200 badges.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;
use std::time::Instant;

use accolade::accounts::{self, NewAccount};
use accolade::catalog::{self, CatalogFile, DEMO_CATALOG};
use accolade::domain::{AwardId, EmailAddress};
use accolade::i18n::Locale;

#[path = "common/mod.rs"]
mod common;
use common::{BenchApp, BenchDb, server_ms};

const BADGES: usize = 200;
const TARGET_MS: f64 = 5.0;
const PASSWORD: &str = "wallet benchmark password";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// 200 awards over as many addresses as the catalog needs, and an account that has verified
/// them all.
async fn seed(pool: &sqlx::PgPool) {
    let classes: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM badge_classes WHERE policy = 'eligible' ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap();
    let exam: i64 = sqlx::query_scalar("SELECT id FROM badge_classes WHERE kind = 'exam' LIMIT 1")
        .fetch_one(pool)
        .await
        .unwrap();
    // One award per badge class and address: as many addresses as the catalog needs.
    let per_address = classes.len().min(BADGES);
    let addresses: Vec<String> = (0..BADGES.div_ceil(per_address))
        .map(|i| format!("wallet{i}@bench.example"))
        .collect();
    let mut rng = rand::rng();
    for i in 0..BADGES {
        let address = &addresses[i / per_address];
        let class = classes[i % per_address];
        let result: i64 = sqlx::query_scalar(
            "INSERT INTO results (source, result_id, email, email_normalized, given_name,
                                  family_name, exam_code, exam_id, passed_on, outcome)
             VALUES ('bench', $1, $2, $2, 'Wallet', 'Bench', 'X', $3,
                     date '2015-01-01' + $4, 'awarded')
             RETURNING id",
        )
        .bind(format!("R-{i}"))
        .bind(address)
        .bind(exam)
        .bind(i as i32)
        .fetch_one(pool)
        .await
        .unwrap();
        let state = ["accepted", "pending", "declined"][i % 3];
        sqlx::query(
            "INSERT INTO awards (id, badge_class_id, recipient_email, recipient_salt, result_id,
                                 issued_on, state)
             VALUES ($1, $2, $3, 'benchmark-salt-0123', $4, date '2015-01-01' + $5, $6)",
        )
        .bind(AwardId::generate(&mut rng).as_str())
        .bind(class)
        .bind(address)
        .bind(result)
        .bind(i as i32)
        .bind(state)
        .execute(pool)
        .await
        .unwrap();
    }
    let hash = accolade::auth::password::NewPassword::parse(PASSWORD)
        .unwrap()
        .hash()
        .unwrap();
    let mut tx = pool.begin().await.unwrap();
    let first = EmailAddress::parse(&addresses[0]).unwrap();
    let created = accounts::create(
        &mut tx,
        NewAccount {
            email: &first,
            display_name: "Wallet Bench",
            locale: Locale::default(),
            password_hash: Some(&hash),
        },
    )
    .await
    .unwrap();
    let accounts::Created::Account(id) = created else {
        panic!("the account exists already")
    };
    for address in &addresses[1..] {
        let address = EmailAddress::parse(address).unwrap();
        accounts::add_address(&mut tx, id, &address).await.unwrap();
    }
    tx.commit().await.unwrap();
    sqlx::query("VACUUM (ANALYZE)").execute(pool).await.unwrap();
}

#[actix_web::main]
async fn main() -> ExitCode {
    let requests = common::arg("--requests", 2_000);
    let db = BenchDb::start("wallet").await;
    let pool = db.pool.clone();
    catalog::load(
        &pool,
        &CatalogFile::parse(DEMO_CATALOG).unwrap(),
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    seed(&pool).await;

    let app = BenchApp::start(&db.settings(), &pool).await;
    let (address, client) = (app.address.clone(), app.client.clone());
    let csrf = app.csrf().await;
    let signed_in = client
        .post(format!("{address}/sign-in"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "wallet0@bench.example"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303, "sign-in failed");

    let page = client
        .get(format!("{address}/wallet"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let cards = page.matches(r#"class="badge-card""#).count();
    let bytes = page.len();

    for _ in 0..200 {
        client
            .get(format!("{address}/wallet"))
            .send()
            .await
            .unwrap();
    }
    let mut server = Vec::with_capacity(requests);
    let mut round_trip = Vec::with_capacity(requests);
    let started = Instant::now();
    for _ in 0..requests {
        let sent = Instant::now();
        let response = client
            .get(format!("{address}/wallet"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        server.push(server_ms(&response));
        response.bytes().await.unwrap();
        round_trip.push(sent.elapsed().as_secs_f64() * 1000.0);
    }
    let total = started.elapsed();
    server.sort_by(f64::total_cmp);
    round_trip.sort_by(f64::total_cmp);

    println!("wallet of one candidate: {cards} badges, {bytes} bytes of HTML");
    println!(
        "{requests} requests in a row in {:.2} s ({:.0} requests/s, one at a time)",
        total.as_secs_f64(),
        requests as f64 / total.as_secs_f64().max(f64::EPSILON)
    );
    println!(
        "server time (ms): p50 {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}",
        percentile(&server, 0.50),
        percentile(&server, 0.95),
        percentile(&server, 0.99),
        server.last().copied().unwrap_or_default()
    );
    println!(
        "round trip (ms):  p50 {:.2}  p95 {:.2}  p99 {:.2}",
        percentile(&round_trip, 0.50),
        percentile(&round_trip, 0.95),
        percentile(&round_trip, 0.99)
    );
    let p99 = percentile(&server, 0.99);
    let ok = cards == BADGES && p99 < TARGET_MS;
    println!(
        "target: {BADGES} badges under {TARGET_MS} ms server time (p99): {}",
        if ok { "met" } else { "MISSED" }
    );

    app.stop().await;
    db.stop().await;
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
