//! A private PostgreSQL cluster in the data folder, for `cargo run` and the tests.
//!
//! Found on PATH or in the newest `/usr/lib/postgresql/*/bin`; `initdb` once; it listens only
//! on a Unix socket (no TCP port to collide with); as root it runs as the `postgres` OS user.
//! The postmaster is our child in its own process group: Ctrl-C reaches us, and we stop it
//! after the web server has drained. If we die without stopping it, the kernel sends it
//! SIGINT (parent-death signal), a fast clean shutdown.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::{Gid, Pid, Uid, User};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// The superuser the private cluster is created with.
pub const SUPERUSER: &str = "accolade";
const PORT: u16 = 5432;

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL server binaries (initdb, postgres) were not found on PATH or in \
         /usr/lib/postgresql/*/bin.\nInstall them (Debian/Ubuntu: `apt-get install postgresql`) \
         or set DATABASE_URL to a database Accolade may use."
    )]
    BinariesNotFound,
    #[error(
        "running as root, PostgreSQL runs as the `postgres` OS user, which does not exist. \
         Install the postgresql package (it creates the user) or set DATABASE_URL."
    )]
    NoPostgresUser,
    #[error(
        "the `postgres` OS user cannot reach {dir}: {blocker} is not searchable by others. \
         Choose an ACCOLADE_DATA_DIR outside it (for example /var/lib/accolade) or set DATABASE_URL."
    )]
    Unreachable { dir: PathBuf, blocker: PathBuf },
    #[error("{what} failed: {detail}")]
    Command { what: String, detail: String },
    #[error("PostgreSQL did not accept connections within {0:?}; its log: {1}")]
    NotReady(Duration, PathBuf),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Sys(#[from] nix::Error),
}

/// Options of a private cluster.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Folder that holds the cluster (`pgdata`), its socket folder and its log.
    pub dir: PathBuf,
    /// Trade durability for speed (tests): fsync, full page writes and synchronous commit off.
    pub ephemeral: bool,
}

/// A running private cluster. Stop it with [`Cluster::stop`]; if this process started it,
/// it also stops when this process dies.
#[derive(Debug)]
pub struct Cluster {
    socket_dir: PathBuf,
    child: Option<Child>,
}

struct Binaries {
    initdb: PathBuf,
    postgres: PathBuf,
}

fn find_binaries() -> Result<Binaries, ClusterError> {
    find_binaries_in(std::env::var_os("PATH"), Path::new("/usr/lib/postgresql"))
}

/// initdb and postgres on `path` (a PATH value), else in the newest `<versions>/*/bin`.
fn find_binaries_in(
    path: Option<std::ffi::OsString>,
    versions_dir: &Path,
) -> Result<Binaries, ClusterError> {
    let on_path = |name: &str| {
        path.as_ref().and_then(|paths| {
            std::env::split_paths(paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    };
    if let (Some(initdb), Some(postgres)) = (on_path("initdb"), on_path("postgres")) {
        return Ok(Binaries { initdb, postgres });
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir(versions_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            (bin.join("initdb").is_file() && bin.join("postgres").is_file())
                .then_some((version, bin))
        })
        .collect();
    versions.sort();
    let (_, bin) = versions.pop().ok_or(ClusterError::BinariesNotFound)?;
    Ok(Binaries {
        initdb: bin.join("initdb"),
        postgres: bin.join("postgres"),
    })
}

/// The OS user PostgreSQL runs as: ourselves, or `postgres` when we are root.
fn run_as() -> Result<Option<(Uid, Gid)>, ClusterError> {
    if !Uid::effective().is_root() {
        return Ok(None);
    }
    let user = User::from_name("postgres")?.ok_or(ClusterError::NoPostgresUser)?;
    Ok(Some((user.uid, user.gid)))
}

fn command(program: &Path, user: Option<(Uid, Gid)>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir("/").env_remove("PGDATA");
    if let Some((uid, gid)) = user {
        cmd.uid(uid.as_raw()).gid(gid.as_raw());
    }
    cmd
}

fn make_dir_for(dir: &Path, user: Option<(Uid, Gid)>, mode: u32) -> Result<(), ClusterError> {
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(mode))?;
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(dir, Some(uid.as_raw()), Some(gid.as_raw()))?;
    }
    Ok(())
}

/// As root, every parent folder must let the `postgres` user through.
fn check_reachable(dir: &Path, user: Option<(Uid, Gid)>) -> Result<(), ClusterError> {
    let Some((uid, _)) = user else { return Ok(()) };
    for ancestor in dir.ancestors().skip(1) {
        let meta = fs::metadata(ancestor)?;
        let searchable =
            meta.mode() & 0o001 != 0 || (meta.uid() == uid.as_raw() && meta.mode() & 0o100 != 0);
        if !searchable {
            return Err(ClusterError::Unreachable {
                dir: dir.to_owned(),
                blocker: ancestor.to_owned(),
            });
        }
    }
    Ok(())
}

/// A socket path is limited to about 107 bytes: keep the socket folder short.
fn socket_dir_for(dir: &Path) -> PathBuf {
    let preferred = dir.join("run");
    if preferred.as_os_str().len() + "/.s.PGSQL.5432".len() < 100 {
        return preferred;
    }
    let digest = crate::domain::token::hash_hex(dir.as_os_str().as_encoded_bytes());
    std::env::temp_dir().join(format!("accolade-{}", &digest[..12]))
}

impl Cluster {
    /// Starts the cluster in `options.dir` (creating it on first use), or reuses the one
    /// already running there.
    pub async fn start(options: &ClusterOptions) -> Result<Cluster, ClusterError> {
        let binaries = find_binaries()?;
        let user = run_as()?;
        fs::create_dir_all(&options.dir)?;
        let dir = fs::canonicalize(&options.dir)?;
        check_reachable(&dir, user)?;
        let pgdata = dir.join("pgdata");
        let socket_dir = socket_dir_for(&dir);
        let log_path = dir.join("postgres.log");

        if !pgdata.join("PG_VERSION").is_file() {
            make_dir_for(&pgdata, user, 0o700)?;
            tracing::info!(dir = %pgdata.display(), "creating a private PostgreSQL cluster");
            let output = command(&binaries.initdb, user)
                .args([
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-instructions",
                ])
                .arg(format!("--username={SUPERUSER}"))
                .arg("-D")
                .arg(&pgdata)
                .output()?;
            if !output.status.success() {
                return Err(ClusterError::Command {
                    what: "initdb".into(),
                    detail: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
                });
            }
        }
        make_dir_for(&socket_dir, user, 0o755)?;

        let mut cluster = Cluster {
            socket_dir,
            child: None,
        };
        if cluster.accepts_connections().await {
            tracing::debug!(socket = %cluster.socket_dir.display(), "reusing the running private PostgreSQL");
            return Ok(cluster);
        }

        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)?;
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(&log_path, Some(uid.as_raw()), Some(gid.as_raw()))?;
        }
        let mut cmd = command(&binaries.postgres, user);
        cmd.arg("-D")
            .arg(&pgdata)
            .args(["-c", "listen_addresses="])
            .arg("-c")
            .arg(format!(
                "unix_socket_directories={}",
                cluster.socket_dir.display()
            ))
            .args(["-c", "max_connections=300", "-c", "shared_buffers=128MB"])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0);
        if options.ephemeral {
            for setting in [
                "fsync=off",
                "full_page_writes=off",
                "synchronous_commit=off",
            ] {
                cmd.args(["-c", setting]);
            }
        }
        set_parent_death_signal(&mut cmd);
        let mut child = cmd.spawn()?;

        let limit = Duration::from_secs(60);
        let started = Instant::now();
        loop {
            if cluster.accepts_connections().await {
                break;
            }
            if let Some(status) = child.try_wait()? {
                // Another process may have started it at the same moment: then use that one.
                if cluster.accepts_connections().await {
                    return Ok(cluster);
                }
                return Err(ClusterError::Command {
                    what: format!("postgres ({status})"),
                    detail: format!("see {}", log_path.display()),
                });
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                return Err(ClusterError::NotReady(limit, log_path));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tracing::info!(socket = %cluster.socket_dir.display(), "private PostgreSQL started");
        cluster.child = Some(child);
        Ok(cluster)
    }

    /// Connection options for `database` on this cluster.
    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.socket_dir)
            .port(PORT)
            .username(SUPERUSER)
            .database(database)
            .application_name("accolade")
    }

    /// A `DATABASE_URL` for `database` on this cluster (over its Unix socket).
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{SUPERUSER}@localhost/{database}?host={}",
            self.socket_dir.display()
        )
    }

    async fn accepts_connections(&self) -> bool {
        if !self.socket_dir.join(format!(".s.PGSQL.{PORT}")).exists() {
            return false;
        }
        match self.connect_options("postgres").connect().await {
            Ok(conn) => {
                let _ = conn.close().await;
                true
            }
            Err(_) => false,
        }
    }

    /// Creates `database` unless it exists.
    pub async fn ensure_database(&self, database: &str) -> Result<(), sqlx::Error> {
        let mut conn = self.connect_options("postgres").connect().await?;
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                .bind(database)
                .fetch_one(&mut conn)
                .await?;
        if !exists {
            let sql = format!("CREATE DATABASE \"{}\"", database.replace('"', "\"\""));
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await?;
        }
        conn.close().await
    }

    /// Stops the cluster if this process started it: a fast shutdown (SIGINT), waited for.
    pub async fn stop(mut self) -> Result<(), ClusterError> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        let pid = Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX));
        kill(pid, Signal::SIGINT)?;
        let status = tokio::task::spawn_blocking(move || child.wait())
            .await
            .map_err(std::io::Error::other)??;
        tracing::info!(%status, "private PostgreSQL stopped");
        Ok(())
    }
}

/// Linux: when the thread that spawned the postmaster dies, the postmaster gets SIGINT.
#[allow(unsafe_code)]
fn set_parent_death_signal(cmd: &mut Command) {
    // SAFETY: prctl(PR_SET_PDEATHSIG) is async-signal-safe and touches only the child's own
    // attributes; it runs after the uid change, which would otherwise clear it.
    unsafe {
        cmd.pre_exec(|| {
            nix::sys::prctl::set_pdeathsig(Some(Signal::SIGINT)).map_err(std::io::Error::from)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_server_binaries_the_error_says_how_to_get_them() {
        let missing = find_binaries_in(None, Path::new("/nonexistent/postgresql"));
        let message = missing.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("apt-get install postgresql"), "{message}");
        assert!(message.contains("DATABASE_URL"), "{message}");
    }

    #[test]
    fn the_newest_installed_version_is_chosen() {
        let root = std::env::temp_dir().join(format!("accolade-pgbin-{}", std::process::id()));
        for version in ["9", "15", "13"] {
            let bin = root.join(version).join("bin");
            fs::create_dir_all(&bin).unwrap();
            fs::write(bin.join("initdb"), "").unwrap();
            fs::write(bin.join("postgres"), "").unwrap();
        }
        let found = find_binaries_in(None, &root).unwrap();
        assert_eq!(found.postgres, root.join("15/bin/postgres"));
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_long_data_folder_gets_a_short_socket_folder() {
        let short = socket_dir_for(Path::new("/srv/accolade/postgres"));
        assert_eq!(short, Path::new("/srv/accolade/postgres/run"));
        let long = socket_dir_for(&Path::new("/srv").join("x".repeat(120)));
        assert!(
            long.as_os_str().len() + "/.s.PGSQL.5432".len() < 100,
            "{long:?}"
        );
    }
}
