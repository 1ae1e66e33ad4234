//! The database: the private cluster or `DATABASE_URL`, the pool, the migrations, and the
//! one person-lock helper ([`locks`]).
//!
//! Queries live beside the feature that owns them (`catalog/store.rs`, `results/import.rs`,
//! `mail/outbox.rs`, `auth/api_tokens.rs`...); this module only opens and prepares the
//! database.

pub mod cluster;
pub mod locks;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::config::Settings;
pub use cluster::{Cluster, ClusterOptions};

/// The migrations of `migrations/`, compiled in.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The name of the database in the private cluster.
pub const DATABASE_NAME: &str = "accolade";

/// An open database, and the private cluster behind it when Accolade runs its own.
pub struct Database {
    pub pool: PgPool,
    pub cluster: Option<Cluster>,
}

impl Database {
    /// Opens `DATABASE_URL`, or starts (or reuses) the private cluster in the data folder.
    pub async fn open(settings: &Settings) -> anyhow::Result<Database> {
        let (options, cluster) = match &settings.database_url {
            Some(url) => (
                PgConnectOptions::from_str(url).context("DATABASE_URL is not a PostgreSQL URL")?,
                None,
            ),
            None => {
                let cluster = Cluster::start(&ClusterOptions {
                    dir: settings.data_dir.join("postgres"),
                    ephemeral: false,
                })
                .await?;
                cluster
                    .ensure_database(DATABASE_NAME)
                    .await
                    .context("could not create the accolade database")?;
                (cluster.connect_options(DATABASE_NAME), Some(cluster))
            }
        };
        let pool = pool(options, settings.db_max_connections)
            .await
            .context("could not connect to PostgreSQL")?;
        Ok(Database { pool, cluster })
    }

    /// Closes the pool, then stops the private cluster if this process started it.
    pub async fn close(self) -> anyhow::Result<()> {
        self.pool.close().await;
        if let Some(cluster) = self.cluster {
            cluster.stop().await?;
        }
        Ok(())
    }
}

/// A pool on `options`.
pub async fn pool(options: PgConnectOptions, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(max_connections.max(2))
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
}

/// Whether the database answers (for `/healthz`).
pub async fn ping(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i32>("SELECT 1")
        .fetch_one(pool)
        .await
        .map(|_| ())
}

/// Applies pending migrations. sqlx takes a PostgreSQL advisory lock for the run, so several
/// processes starting at once apply each migration once.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .context("could not apply the database migrations")
}
