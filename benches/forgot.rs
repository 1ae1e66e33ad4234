//! Forgotten-password timing: `cargo bench --bench forgot [-- --rounds N]` (default 300).
//!
//! "Forgot your password" must not tell by its speed whether an address has an account.
//! Starts a private PostgreSQL and the real application (release build), with one account,
//! then posts the form for that account's address and for an address nobody has, interleaved,
//! each time from a new client (behind one "proxy", so the per-client mail limit never
//! applies). Once each address has had its 5 emails of the hour, no link is made and no
//! email is queued: both paths do the same lookups. Reports the median server time
//! (`Server-Timing`) of the first 5 (emails sent) and of the rest (limit reached), and exits
//! non-zero when the limited medians differ by more than 10%.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;

use accolade::accounts::{self, NewAccount};
use accolade::auth::password::NewPassword;
use accolade::config::Settings;
use accolade::domain::EmailAddress;
use accolade::i18n::Locale;

#[path = "common/mod.rs"]
mod common;
use common::{BenchApp, BenchDb, server_ms};

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[actix_web::main]
async fn main() -> ExitCode {
    let rounds = common::arg("--rounds", 300).max(10);
    let db = BenchDb::start("forgot").await;
    let pool = db.pool.clone();
    let known = EmailAddress::parse("known@bench.example").unwrap();
    let hash = NewPassword::parse("forgot benchmark password")
        .unwrap()
        .hash()
        .unwrap();
    let mut tx = pool.begin().await.unwrap();
    accounts::create(
        &mut tx,
        NewAccount {
            email: &known,
            display_name: "Known Candidate",
            locale: Locale::default(),
            password_hash: Some(&hash),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let settings = Settings {
        proxy_hops: 1,
        dev_mailbox: true,
        ..db.settings()
    };
    let app = BenchApp::start(&settings, &pool).await;
    let (address, client) = (app.address.clone(), app.client.clone());
    let csrf = app.csrf().await;

    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..rounds {
        for (i, email) in ["known@bench.example", "nobody@bench.example"]
            .iter()
            .enumerate()
        {
            let response = client
                .post(format!("{address}/password/forgot"))
                .header(
                    "X-Forwarded-For",
                    format!("2001:db8::{:x}", round * 2 + i + 1),
                )
                .form(&[("csrf", csrf.as_str()), ("email", email)])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            times[i].push(server_ms(&response));
        }
    }
    let [known_times, unknown_times] = times;
    let sent = (
        median(known_times[..5].to_vec()),
        median(unknown_times[..5].to_vec()),
    );
    let limited = (
        median(known_times[5..].to_vec()),
        median(unknown_times[5..].to_vec()),
    );
    let difference = (limited.0 - limited.1).abs() / limited.0.max(limited.1);
    println!("POST /password/forgot, median server time, {rounds} rounds of each:");
    println!(
        "  first 5 (emails sent):  known address {:.2} ms, unknown address {:.2} ms",
        sent.0, sent.1
    );
    println!(
        "  limit reached (no mail): known address {:.2} ms, unknown address {:.2} ms",
        limited.0, limited.1
    );
    println!(
        "  difference once limited: {:.1}% (target: under 10%): {}",
        difference * 100.0,
        if difference < 0.10 { "met" } else { "MISSED" }
    );

    app.stop().await;
    db.stop().await;
    if difference < 0.10 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
