//! What every test starts from: a private PostgreSQL for the whole run, a fresh database per
//! test (copied from a migrated template that holds the demo catalog), and the real app.

use std::sync::OnceLock;
use std::sync::mpsc;

use accolade::catalog::{self, CatalogFile, DEMO_CATALOG};
use accolade::config::Settings;
use accolade::db::{self, Cluster, ClusterOptions};
use accolade::startup::Application;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

const TEMPLATE: &str = "accolade_template";

/// The run's cluster: connection options (database `postgres`) and a URL maker.
struct TestCluster {
    options: PgConnectOptions,
    /// `DATABASE_URL` of database `{}`.
    url_template: String,
}

fn cluster() -> &'static TestCluster {
    static CLUSTER: OnceLock<TestCluster> = OnceLock::new();
    CLUSTER.get_or_init(|| {
        let (sender, receiver) = mpsc::channel();
        // The postmaster gets SIGINT when the thread that started it ends, so start it from a
        // thread that lives as long as the test process.
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let cluster = runtime.block_on(start_cluster());
            sender
                .send(TestCluster {
                    options: cluster.connect_options("postgres"),
                    url_template: cluster.url("{}"),
                })
                .unwrap();
            let _keep = cluster;
            loop {
                std::thread::park();
            }
        });
        receiver.recv().expect("the test cluster did not start")
    })
}

async fn start_cluster() -> Cluster {
    remove_stale_clusters();
    let dir = std::env::temp_dir().join(format!("accolade-tests-{}", std::process::id()));
    let cluster = Cluster::start(&ClusterOptions {
        dir,
        ephemeral: true,
    })
    .await
    .expect("could not start the test PostgreSQL");
    cluster.ensure_database(TEMPLATE).await.unwrap();
    let pool = db::pool(cluster.connect_options(TEMPLATE), 2)
        .await
        .unwrap();
    db::migrate(&pool).await.unwrap();
    let file = CatalogFile::parse(DEMO_CATALOG).unwrap();
    catalog::load(&pool, &file, accolade::audit::Actor::CommandLine)
        .await
        .unwrap();
    pool.close().await;
    cluster
}

/// Folders of earlier runs whose process is gone.
fn remove_stale_clusters() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix("accolade-tests-")
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A fresh database with the migrations and the demo catalog, for one test.
pub async fn test_db() -> PgPool {
    test_db_with_url().await.0
}

/// A fresh database and its `DATABASE_URL` (for running the binary against it).
pub async fn test_db_with_url() -> (PgPool, String) {
    let options = cluster().options.clone();
    let name = format!("test_{}", hex::encode(rand::random::<[u8; 8]>()));
    let mut conn = PgConnection::connect_with(&options).await.unwrap();
    let sql = format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}");
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let url = cluster().url_template.replace("{}", &name);
    (db::pool(options.database(&name), 5).await.unwrap(), url)
}

pub struct TestApp {
    pub address: String,
    pub db: PgPool,
    /// The `DATABASE_URL` of `db`, for running the binary against it.
    pub database_url: String,
    server: actix_web::dev::ServerHandle,
    /// `None` in a copy made by `clone_with_client` (only the original stops the app).
    running: Option<actix_web::rt::task::JoinHandle<std::io::Result<()>>>,
    pub client: reqwest::Client,
}

/// Settings for a test: port 0, one worker, no outbox worker (tests deliver by hand), no demo.
pub fn test_settings() -> Settings {
    Settings {
        bind: "127.0.0.1:0".into(),
        workers: 1,
        outbox_interval_ms: 0,
        demo: false,
        api_max_body: 64 * 1024,
        session_secret: Some("test-session-secret-".repeat(4)),
        reminder_interval_secs: 0,
        // Tests change the database and look at once (one test sets a period of its own).
        public_recheck_ms: 0,
        ..Settings::default()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(test_settings()).await
}

pub async fn spawn_app_with(settings: Settings) -> TestApp {
    let (db, database_url) = test_db_with_url().await;
    let app = Application::build(&settings, db.clone()).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    let server = app.handle();
    let running = actix_web::rt::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        db,
        database_url,
        server,
        running: Some(running),
        client,
    }
}

impl TestApp {
    /// Stops the app as SIGINT does: the server drains, then the mail worker finishes what
    /// it is doing. A test whose app runs the mail worker calls this before it ends, so the
    /// worker is not dropped in the middle of a query when the test's runtime goes away.
    pub async fn stop(self) {
        self.server.stop(true).await;
        if let Some(running) = self.running {
            running.await.unwrap().unwrap();
        }
    }

    /// The same app seen through another HTTP client (another browser, say).
    pub fn clone_with_client(&self, client: reqwest::Client) -> TestApp {
        TestApp {
            address: self.address.clone(),
            db: self.db.clone(),
            database_url: self.database_url.clone(),
            server: self.server.clone(),
            running: None,
            client,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .unwrap()
    }

    /// A GET from a browser that prefers `accept_language`.
    pub async fn get_in(&self, path: &str, accept_language: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("Accept-Language", accept_language)
            .send()
            .await
            .unwrap()
    }

    /// Creates an API token and returns it.
    pub async fn api_token(&self) -> String {
        let token = accolade::domain::SecretToken::generate(&mut rand::rng());
        sqlx::query("INSERT INTO api_tokens (name, token_hash) VALUES ('test-feed', $1)")
            .bind(token.hash())
            .execute(&self.db)
            .await
            .unwrap();
        token.expose().to_owned()
    }

    pub async fn post_results(
        &self,
        token: Option<&str>,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/api/v1/results", self.address))
            .json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }
}

/// Counts rows of a table (test databases only).
pub async fn count(db: &PgPool, table: &str) -> i64 {
    let sql = format!("SELECT count(*) FROM {table}");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_one(db)
        .await
        .unwrap()
}

/// The demo catalog, as the rules see it in a test database.
pub async fn catalog(db: &PgPool) -> accolade::domain::Catalog {
    catalog::current(db).await.unwrap()
}

/// Imports CSV text as `accolade import` does; returns the summary and the refused lines.
pub async fn import_csv_text(
    db: &PgPool,
    text: impl AsRef<[u8]>,
) -> (
    accolade::results::Summary,
    Vec<(u64, Vec<accolade::domain::RowError>)>,
) {
    let catalog = catalog(db).await;
    let mut rejected = Vec::new();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let summary = accolade::results::csv_file::import_csv(
        db,
        &catalog,
        text.as_ref(),
        today,
        &indicatif::ProgressBar::hidden(),
        |line, errors| rejected.push((line, errors.to_vec())),
    )
    .await
    .unwrap();
    (summary, rejected)
}

/// The sample feed of the program (a copy kept with the tests: they must not need ../shared).
pub const SAMPLE_FEED: &str = include_str!("../data/results-sample.csv");

/// Makes every insert of the result `result_id` fail with a database error, as a full disk or
/// a broken constraint would (a trigger on `results`: real PostgreSQL, no mock).
pub async fn fail_inserts_of(db: &PgPool, result_id: &str) {
    assert!(
        result_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    );
    let sql = format!(
        "CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.result_id = '{result_id}' THEN
             RAISE EXCEPTION 'the test refuses result {result_id}';
           END IF;
           RETURN NEW;
         END $$;
         CREATE TRIGGER fail_insert BEFORE INSERT ON results
           FOR EACH ROW EXECUTE FUNCTION fail_insert();"
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(db)
        .await
        .unwrap();
}

/// Undoes [`fail_inserts_of`].
pub async fn stop_failing_inserts(db: &PgPool) {
    sqlx::raw_sql("DROP TRIGGER fail_insert ON results; DROP FUNCTION fail_insert();")
        .execute(db)
        .await
        .unwrap();
}

/// The result id that [`CSV_WITH_A_FAILING_BATCH`] fails on.
pub const FAILING_RESULT: &str = "BOOM";

/// A CSV whose first flush writes, at the same time, a full batch of good rows (one person
/// each) in the first stream and, in the second, two good rows and [`FAILING_RESULT`]; one
/// row is refused before (a NUL in a name) and one more good row comes after the flush.
/// With [`fail_inserts_of`] the import stops at line `5 + BATCH`, the last row of the full
/// batch: that batch is stored, the three rows of the other are not.
pub fn csv_with_a_failing_batch() -> String {
    use accolade::db::locks::partition;
    use accolade::results::csv_file::{BATCH, STREAMS};
    let stream = |email: &String| partition(email) as usize % STREAMS;
    let emails = |wanted: usize| {
        (0..)
            .map(|i| format!("p{i}@example.com"))
            .filter(move |e| stream(e) == wanted)
    };
    let row = |id: &str, email: &str| {
        format!("{id},pearsonvue,{email},Pat,Doe,AZ-900,2026-01-01,en-US\n")
    };
    let mut second = emails(1);
    let mut csv =
        String::from("result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n");
    csv += &row("S-1", &second.next().unwrap());
    csv += "NUL-1,pearsonvue,nul@example.com,Pa\u{0}t,Doe,AZ-900,2026-01-01,en-US\n";
    csv += &row("S-2", &second.next().unwrap());
    csv += &row(FAILING_RESULT, &second.next().unwrap());
    for (i, email) in emails(0).take(BATCH + 1).enumerate() {
        csv += &row(&format!("F-{i}"), &email);
    }
    csv
}
