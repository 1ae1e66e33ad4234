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

use std::path::PathBuf;
use std::process::ExitCode;

use accolade::accounts::{self, NewAccount};
use accolade::auth::password::NewPassword;
use accolade::config::Settings;
use accolade::db::{self, Cluster, ClusterOptions};
use accolade::domain::EmailAddress;
use accolade::i18n::Locale;
use accolade::startup::Application;

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rounds_from_args() -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn server_ms(response: &reqwest::Response) -> f64 {
    response
        .headers()
        .get("server-timing")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split("dur=").nth(1))
        .and_then(|v| v.parse().ok())
        .expect("a Server-Timing header")
}

#[actix_web::main]
async fn main() -> ExitCode {
    let rounds = rounds_from_args().max(10);
    let dir =
        TempDir(std::env::temp_dir().join(format!("accolade-forgot-bench-{}", std::process::id())));
    let cluster = Cluster::start(&ClusterOptions {
        dir: dir.0.clone(),
        ephemeral: true,
    })
    .await
    .expect("could not start PostgreSQL");
    cluster.ensure_database("bench").await.unwrap();
    let pool = db::pool(cluster.connect_options("bench"), 8).await.unwrap();
    db::migrate(&pool).await.unwrap();
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
        bind: "127.0.0.1:0".into(),
        workers: 1,
        outbox_interval_ms: 0,
        reminder_interval_secs: 0,
        demo: false,
        proxy_hops: 1,
        dev_mailbox: true,
        session_secret: Some("forgot-benchmark-secret-".repeat(3)),
        data_dir: dir.0.clone(),
        ..Settings::default()
    };
    let app = Application::build(&settings, pool.clone()).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    let running = actix_web::rt::spawn(app.run_until_stopped());

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = client
        .get(format!("{address}/password/forgot"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = regex::Regex::new(r#"name="csrf" value="([^"]+)""#)
        .unwrap()
        .captures(&form)
        .unwrap()[1]
        .to_owned();

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

    handle.stop(true).await;
    let _ = running.await;
    pool.close().await;
    let _ = cluster.stop().await;
    drop(dir);
    if difference < 0.10 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
