//! The reference of the public badge page benchmark (`benches/public-page.sh`): the minimal
//! actix-web + sqlx + askama page of PRODUCT.md's target, which reads one row by key and
//! renders about 3 KB of HTML. The public badge page must reach at least 0.8 of its requests
//! per second, measured side by side.
//!
//! `reference_page --serve ADDR` (with `DATABASE_URL`): creates the table `bench_reference`
//! if needed, fills it with 5,000 rows if it is empty, prints
//! `reference page: http://ADDR/r/ID` (one existing row; ADDR may use port 0) and serves
//! `GET /r/{id}` until interrupted. It runs as Accolade does: the same actix runtime, the
//! default number of workers unless `ACCOLADE_WORKERS` says otherwise, and a pool made by
//! Accolade's own [`accolade::db::pool`] of `ACCOLADE_DB_MAX_CONNECTIONS` (16 by default).
//! No middleware, no logging: that is what "minimal" means.
//!
//! Without `--serve` (as `cargo bench` runs every bench target) it prints how to use it and
//! does nothing else.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;
use std::str::FromStr;

use actix_web::{App, HttpResponse, HttpServer, web};
use askama::Template;
use rand::Rng;
use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;

const ROWS: usize = 5_000;

/// About 1 KB of markup around the row's title and body (about 2 KB): about 3 KB rendered.
#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · Reference</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header class="site-header">
  <a class="brand" href="/">Reference</a>
  <nav aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/verify">Verify</a></li></ul></nav>
</header>
<main id="main">
  <article class="badge">
    <h1>{{ title }}</h1>
    <p class="badge-id">Record <code>{{ id }}</code></p>
    <dl class="facts">
      <dt>Issued by</dt><dd>Reference Certification Program</dd>
      <dt>Issued on</dt><dd>12 March 2025</dd>
      <dt>Expires on</dt><dd>12 March 2028</dd>
      <dt>Status</dt><dd class="status-valid">Valid</dd>
    </dl>
    <section aria-labelledby="about"><h2 id="about">About this record</h2>
    <p>{{ body }}</p>
    </section>
  </article>
</main>
<footer class="site-footer"><p>A minimal page: one row read by key, rendered with askama.</p></footer>
</body>
</html>
"#
)]
struct Page<'a> {
    id: &'a str,
    title: &'a str,
    body: &'a str,
}

async fn page(db: web::Data<PgPool>, id: web::Path<String>) -> HttpResponse {
    let row: Result<Option<(String, String)>, sqlx::Error> =
        sqlx::query_as("SELECT title, body FROM bench_reference WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(db.get_ref())
            .await;
    match row {
        Ok(Some((title, body))) => {
            let page = Page {
                id: &id,
                title: &title,
                body: &body,
            };
            match page.render() {
                Ok(html) => HttpResponse::Ok()
                    .content_type("text/html; charset=utf-8")
                    .body(html),
                Err(_) => HttpResponse::InternalServerError().finish(),
            }
        }
        Ok(None) => HttpResponse::NotFound().finish(),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// A URL-safe id of 128 random bits, as award ids are.
fn random_id(rng: &mut impl Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..22)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Creates and fills the table if needed; returns one of its ids.
async fn prepare(pool: &PgPool) -> String {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS bench_reference (
             id text PRIMARY KEY, title text NOT NULL, body text NOT NULL)",
    )
    .execute(pool)
    .await
    .unwrap();
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM bench_reference")
        .fetch_one(pool)
        .await
        .unwrap();
    if count == 0 {
        let mut rng = rand::rng();
        let sentence = "This record certifies that its holder passed the exams of the program \
                        and showed the skills it names: planning, deploying and running the \
                        services of a cloud platform, securing them, and watching their cost. ";
        let (mut ids, mut titles, mut bodies) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..ROWS {
            ids.push(random_id(&mut rng));
            titles.push(format!("Reference Certified: Administrator Associate {i}"));
            bodies.push(sentence.repeat(10));
        }
        sqlx::query(
            "INSERT INTO bench_reference (id, title, body)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[])",
        )
        .bind(&ids)
        .bind(&titles)
        .bind(&bodies)
        .execute(pool)
        .await
        .unwrap();
        sqlx::query("ANALYZE bench_reference")
            .execute(pool)
            .await
            .unwrap();
    }
    // A row from the middle of the key order, not the first one inserted.
    sqlx::query_scalar(
        "SELECT id FROM bench_reference ORDER BY id
          OFFSET (SELECT count(*) / 2 FROM bench_reference) LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

fn env_number<T: FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn serve(bind: &str) -> std::io::Result<()> {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL is not set");
    let options = PgConnectOptions::from_str(&url).expect("DATABASE_URL is not a PostgreSQL URL");
    // Accolade's pool function and defaults (src/db/mod.rs, src/config.rs).
    let pool = accolade::db::pool(options, env_number("ACCOLADE_DB_MAX_CONNECTIONS", 16))
        .await
        .expect("could not connect to PostgreSQL");
    let id = prepare(&pool).await;

    let listener = std::net::TcpListener::bind(bind)?;
    let addr = listener.local_addr()?;
    let data = web::Data::new(pool);
    // As in src/startup.rs: actix's default workers unless ACCOLADE_WORKERS is set.
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/r/{id}", web::get().to(page))
    })
    .listen(listener)?
    .shutdown_timeout(10);
    let workers: usize = env_number("ACCOLADE_WORKERS", 0);
    if workers > 0 {
        server = server.workers(workers);
    }
    println!("reference page: http://{addr}/r/{id}");
    server.run().await
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(bind) = args
        .iter()
        .position(|a| a == "--serve")
        .and_then(|i| args.get(i + 1))
    else {
        println!(
            "reference_page: the reference server of benches/public-page.sh (nothing to do \
             under `cargo bench`).\nUsage: DATABASE_URL=... reference_page --serve 127.0.0.1:PORT"
        );
        return ExitCode::SUCCESS;
    };
    match actix_web::rt::System::new().block_on(serve(bind)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("reference_page: {error}");
            ExitCode::FAILURE
        }
    }
}
