//! What the benchmarks share: a private PostgreSQL in a temporary folder, the real
//! application on a free port, and reading the server time of a response. Each benchmark
//! includes this file (`#[path = "common/mod.rs"] mod common;`).
#![allow(dead_code)]

use std::path::PathBuf;

use accolade::config::Settings;
use accolade::db::{self, Cluster, ClusterOptions};
use accolade::startup::Application;
use sqlx::PgPool;

/// A folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// `$TMPDIR/accolade-{name}-bench-{pid}`.
    pub fn new(name: &str) -> TempDir {
        TempDir(std::env::temp_dir().join(format!("accolade-{name}-bench-{}", std::process::id())))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `--name N` from the command line, else `default`.
pub fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// A private PostgreSQL with one migrated database, `bench`.
pub struct BenchDb {
    pub dir: TempDir,
    cluster: Cluster,
    pub pool: PgPool,
}

impl BenchDb {
    pub async fn start(name: &str) -> BenchDb {
        let dir = TempDir::new(name);
        let cluster = Cluster::start(&ClusterOptions {
            dir: dir.0.clone(),
            ephemeral: true,
        })
        .await
        .expect("could not start PostgreSQL");
        cluster.ensure_database("bench").await.unwrap();
        let pool = db::pool(cluster.connect_options("bench"), 8).await.unwrap();
        db::migrate(&pool).await.unwrap();
        BenchDb { dir, cluster, pool }
    }

    /// Settings for the app on this database: a free port, one worker, no background work.
    pub fn settings(&self) -> Settings {
        Settings {
            bind: "127.0.0.1:0".into(),
            workers: 1,
            outbox_interval_ms: 0,
            reminder_interval_secs: 0,
            demo: false,
            session_secret: Some("accolade-benchmark-secret-".repeat(3)),
            data_dir: self.dir.0.clone(),
            ..Settings::default()
        }
    }

    pub async fn stop(self) {
        self.pool.close().await;
        let _ = self.cluster.stop().await;
    }
}

/// The real application, served on a free port, with a client that keeps cookies.
pub struct BenchApp {
    pub address: String,
    pub client: reqwest::Client,
    handle: actix_web::dev::ServerHandle,
    running: actix_web::rt::task::JoinHandle<std::io::Result<()>>,
}

impl BenchApp {
    pub async fn start(settings: &Settings, pool: &PgPool) -> BenchApp {
        let app = Application::build(settings, pool.clone()).await.unwrap();
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        let running = actix_web::rt::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        BenchApp {
            address,
            client,
            handle,
            running,
        }
    }

    /// The CSRF token of this client's forms (from a page that has a form).
    pub async fn csrf(&self) -> String {
        let form = self
            .client
            .get(format!("{}/password/forgot", self.address))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        regex::Regex::new(r#"name="csrf" value="([^"]+)""#)
            .unwrap()
            .captures(&form)
            .unwrap()[1]
            .to_owned()
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
        let _ = self.running.await;
    }
}

/// The server time of a response, from its `Server-Timing` header, in milliseconds.
pub fn server_ms(response: &reqwest::Response) -> f64 {
    response
        .headers()
        .get("server-timing")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split("dur=").nth(1))
        .and_then(|v| v.parse().ok())
        .expect("a Server-Timing header")
}
