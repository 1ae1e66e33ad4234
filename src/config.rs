//! Every setting of Accolade, in one place: a command-line flag, an environment variable and
//! a default that works on a developer's machine.

use std::path::{Path, PathBuf};

use clap::Args;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./var";
pub const DEFAULT_MAIL_FROM: &str = "Accolade <badges@accolade.example>";

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// PostgreSQL to use. Unset: Accolade runs its own cluster in the data folder.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Folder for the private PostgreSQL cluster, the session secret and other state.
    #[arg(long, env = "ACCOLADE_DATA_DIR", default_value = DEFAULT_DATA_DIR, global = true)]
    pub data_dir: PathBuf,

    /// Address and port the web server listens on.
    #[arg(long, env = "ACCOLADE_BIND", default_value = DEFAULT_BIND, global = true)]
    pub bind: String,

    /// The site's public address, used in emails and badges. Default: http://BIND.
    #[arg(long, env = "ACCOLADE_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// SMTP server for outgoing mail (smtp://, smtps:// or smtp://...?tls=required).
    /// Unset: mail is kept in the development mailbox shown at /dev/mail.
    #[arg(long, env = "ACCOLADE_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The name Accolade greets the SMTP server with (`EHLO`). Default: the host of
    /// ACCOLADE_PUBLIC_URL.
    #[arg(long, env = "ACCOLADE_SMTP_HELO", global = true)]
    pub smtp_helo: Option<String>,

    /// Sender of outgoing mail.
    #[arg(long, env = "ACCOLADE_MAIL_FROM", default_value = DEFAULT_MAIL_FROM, global = true)]
    pub mail_from: String,

    /// Secret that signs session cookies (at least 64 bytes). Unset: generated once and kept
    /// in DATA_DIR/session.key.
    #[arg(
        long,
        env = "ACCOLADE_SESSION_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub session_secret: Option<String>,

    /// Most database connections this process opens.
    #[arg(
        long,
        env = "ACCOLADE_DB_MAX_CONNECTIONS",
        default_value_t = 16,
        global = true
    )]
    pub db_max_connections: u32,

    /// HTTP worker threads (0: one per core).
    #[arg(long, env = "ACCOLADE_WORKERS", default_value_t = 0, global = true)]
    pub workers: usize,

    /// Largest body POST /api/v1/results accepts, in bytes.
    #[arg(long, env = "ACCOLADE_API_MAX_BODY", default_value_t = 8 * 1024 * 1024, global = true)]
    pub api_max_body: usize,

    /// How often the outbox worker looks for mail to send, in milliseconds (0: no worker).
    #[arg(
        long,
        env = "ACCOLADE_OUTBOX_INTERVAL_MS",
        default_value_t = 1000,
        global = true
    )]
    pub outbox_interval_ms: u64,

    /// Load the demo catalog and demo results into an empty database at start.
    #[arg(long, env = "ACCOLADE_DEMO", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub demo: bool,

    /// Log filter (tracing's EnvFilter syntax).
    #[arg(long, env = "ACCOLADE_LOG", default_value = "info", global = true)]
    pub log: String,

    /// A session ends after this many minutes without a request.
    #[arg(long, env = "ACCOLADE_SESSION_IDLE_MINUTES", default_value_t = 7 * 24 * 60, global = true)]
    pub session_idle_minutes: u64,

    /// A session ends this many hours after sign-in, however busy.
    #[arg(long, env = "ACCOLADE_SESSION_MAX_HOURS", default_value_t = 30 * 24, global = true)]
    pub session_max_hours: u64,

    /// Days after an award is issued when a reminder goes out while it is pending,
    /// comma-separated (empty: no reminders).
    #[arg(
        long,
        env = "ACCOLADE_REMINDER_DAYS",
        default_value = "7,30",
        global = true
    )]
    pub reminder_days: String,

    /// How long the version of a public view (a badge page, its baked image, a badge
    /// picture) is trusted before the database is asked again, in milliseconds: a change
    /// made anywhere shows on public pages at most this long after (0: asked every time).
    #[arg(
        long,
        env = "ACCOLADE_PUBLIC_RECHECK_MS",
        default_value_t = 1000,
        global = true
    )]
    pub public_recheck_ms: u64,

    /// Seconds between two looks for reminders due (0: no reminders).
    #[arg(
        long,
        env = "ACCOLADE_REMINDER_INTERVAL_SECS",
        default_value_t = 300,
        global = true
    )]
    pub reminder_interval_secs: u64,

    /// Reverse proxies in front of Accolade that each append the client's address to
    /// `X-Forwarded-For` (0: none, the connection's address is the client's). Only the entry
    /// the outermost of them added is trusted, for sign-in throttling.
    #[arg(long, env = "ACCOLADE_PROXY_HOPS", default_value_t = 0, global = true)]
    pub proxy_hops: usize,

    /// Threads that hash passwords (0: one per core). At most this many hashes run at once;
    /// a few hundred more wait, and the rest are asked to try again in a moment.
    #[arg(
        long,
        env = "ACCOLADE_PASSWORD_HASHERS",
        default_value_t = 0,
        global = true
    )]
    pub password_hashers: usize,

    /// Keep mail in the development mailbox (/dev/mail, readable by anyone who can reach
    /// the site) even though the server is reachable from other machines. Without an SMTP
    /// server, Accolade refuses to start on such an address unless this is set.
    #[arg(long, env = "ACCOLADE_DEV_MAILBOX", default_value_t = false, action = clap::ArgAction::Set, global = true)]
    pub dev_mailbox: bool,

    /// Sign-in providers (names of ACCOLADE_OIDC_PROVIDERS, comma-separated) whose sign-in
    /// counts as the staff's second factor: the provider checks one of its own.
    #[arg(
        long,
        env = "ACCOLADE_STAFF_OIDC_PROVIDERS",
        default_value = "",
        global = true
    )]
    pub staff_oidc_providers: String,

    /// The consoles ask for the second factor again this many minutes after it was given
    /// (the rest of the site stays signed in).
    #[arg(
        long,
        env = "ACCOLADE_STAFF_SESSION_MINUTES",
        default_value_t = 60,
        global = true
    )]
    pub staff_session_minutes: u64,

    /// OpenID Connect providers, read from `ACCOLADE_OIDC_*` (see `auth::oidc`).
    #[arg(skip)]
    pub oidc_providers: Vec<crate::auth::oidc::ProviderConfig>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from(DEFAULT_DATA_DIR),
            bind: DEFAULT_BIND.to_owned(),
            public_url: None,
            smtp_url: None,
            smtp_helo: None,
            mail_from: DEFAULT_MAIL_FROM.to_owned(),
            session_secret: None,
            db_max_connections: 16,
            workers: 0,
            api_max_body: 8 * 1024 * 1024,
            outbox_interval_ms: 1000,
            demo: true,
            log: "info".to_owned(),
            session_idle_minutes: 7 * 24 * 60,
            session_max_hours: 30 * 24,
            reminder_days: "7,30".to_owned(),
            reminder_interval_secs: 300,
            public_recheck_ms: 1000,
            proxy_hops: 0,
            password_hashers: 0,
            dev_mailbox: false,
            staff_oidc_providers: String::new(),
            staff_session_minutes: 60,
            oidc_providers: Vec::new(),
        }
    }
}

impl Settings {
    pub fn session_limits(&self) -> crate::auth::SessionLimits {
        crate::auth::SessionLimits {
            idle: std::time::Duration::from_secs(self.session_idle_minutes.max(1) * 60),
            absolute: std::time::Duration::from_secs(self.session_max_hours.max(1) * 3600),
        }
    }

    /// The staff's session: how long the second factor lasts, and the providers trusted for
    /// it, each of which must be a configured sign-in provider.
    pub fn staff_policy(&self) -> anyhow::Result<crate::auth::StaffPolicy> {
        let trusted: Vec<String> = self
            .staff_oidc_providers
            .split(',')
            .map(|name| name.trim().to_ascii_lowercase())
            .filter(|name| !name.is_empty())
            .collect();
        for name in &trusted {
            anyhow::ensure!(
                self.oidc_providers.iter().any(|p| &p.name == name),
                "ACCOLADE_STAFF_OIDC_PROVIDERS names {name:?}, which is not a sign-in provider \
                 (ACCOLADE_OIDC_PROVIDERS)"
            );
        }
        Ok(crate::auth::StaffPolicy {
            session: std::time::Duration::from_secs(self.staff_session_minutes.max(1) * 60),
            trusted_providers: trusted,
        })
    }

    /// The reminder schedule in days after issue, ascending; bad entries are an error.
    pub fn reminder_schedule(&self) -> anyhow::Result<Vec<u32>> {
        let mut days = self
            .reminder_days
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| {
                d.parse::<u32>().ok().filter(|d| *d > 0).ok_or_else(|| {
                    anyhow::anyhow!("ACCOLADE_REMINDER_DAYS: {d:?} is not a number of days")
                })
            })
            .collect::<anyhow::Result<Vec<u32>>>()?;
        days.sort_unstable();
        days.dedup();
        Ok(days)
    }

    /// Whether this server can only be reached from this machine: it listens on a loopback
    /// address, its public URL (if set) names this machine, and no proxy forwards to it.
    /// The development mailbox and the demo account are for such a server only.
    pub fn is_local_only(&self) -> bool {
        let host = |authority: &str| -> String {
            let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let host = if let Some(rest) = authority.strip_prefix('[') {
                rest.split(']').next().unwrap_or_default()
            } else {
                authority.rsplit_once(':').map_or(authority, |(h, _)| h)
            };
            host.to_ascii_lowercase()
        };
        let loopback = |host: &str| {
            host == "localhost"
                || host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        };
        let bound_locally = loopback(&host(&self.bind));
        let public_locally = self.public_url.as_deref().is_none_or(|url| {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            loopback(&host(
                rest.split(['/', '?', '#']).next().unwrap_or_default(),
            ))
        });
        bound_locally && public_locally && self.proxy_hops == 0
    }

    /// Whether mail goes to the development mailbox: no SMTP server, and either a server
    /// only this machine reaches or an explicit `ACCOLADE_DEV_MAILBOX`.
    pub fn uses_dev_mailbox(&self) -> bool {
        self.smtp_url.is_none() && (self.dev_mailbox || self.is_local_only())
    }

    /// Refuses settings that would expose a developer's conveniences on a public server.
    pub fn check_exposure(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.smtp_url.is_some() || self.uses_dev_mailbox(),
            "this server can be reached from other machines (it listens on {}{}{}) and no \
             SMTP server is set: every email, password resets included, would be readable by \
             anyone at /dev/mail. Set ACCOLADE_SMTP_URL, or ACCOLADE_DEV_MAILBOX=true if that \
             is really what you want.",
            self.bind,
            self.public_url
                .as_deref()
                .map(|u| format!(", its public URL is {u}"))
                .unwrap_or_default(),
            if self.proxy_hops > 0 {
                ", behind a proxy"
            } else {
                ""
            },
        );
        Ok(())
    }

    /// The public base URL: `PUBLIC_URL`, or the address the server listens on.
    pub fn public_url(&self, bound_port: Option<u16>) -> anyhow::Result<crate::urls::PublicUrl> {
        let url = self.public_url_text(bound_port);
        crate::urls::PublicUrl::parse(&url).ok_or_else(|| {
            anyhow::anyhow!(
                "PUBLIC_URL must be http:// or https:// followed by a host (and no query), \
                 not {url:?}"
            )
        })
    }

    fn public_url_text(&self, bound_port: Option<u16>) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                let host = self
                    .bind
                    .rsplit_once(':')
                    .map_or(self.bind.as_str(), |(h, _)| h);
                let host = if host == "0.0.0.0" { "127.0.0.1" } else { host };
                let port = bound_port.map_or_else(
                    || {
                        self.bind
                            .rsplit_once(':')
                            .map_or("80", |(_, p)| p)
                            .to_owned()
                    },
                    |p| p.to_string(),
                );
                format!("http://{host}:{port}")
            }
        }
    }

    /// The session secret: given, or read from (and first written to) DATA_DIR/session.key.
    pub fn session_key(&self) -> anyhow::Result<Vec<u8>> {
        use anyhow::Context;
        if let Some(secret) = &self.session_secret {
            anyhow::ensure!(
                secret.len() >= 64,
                "ACCOLADE_SESSION_SECRET must be at least 64 bytes long"
            );
            return Ok(secret.as_bytes().to_vec());
        }
        let path = self.data_dir.join("session.key");
        read_or_create_secret(&path)
            .with_context(|| format!("could not read or create {}", path.display()))
    }
}

fn read_or_create_secret(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::read(path) {
        Ok(key) if key.len() >= 64 => return Ok(key),
        Ok(_) => {
            return Err(std::io::Error::other(
                "the file is shorter than 64 bytes: delete it to make a new one",
            ));
        }
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let key: [u8; 64] = rand::random();
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(&key)?;
    Ok(key.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(bind: &str, public_url: Option<&str>) -> Settings {
        Settings {
            bind: bind.to_owned(),
            public_url: public_url.map(str::to_owned),
            ..Settings::default()
        }
    }

    #[test]
    fn only_a_server_nobody_else_reaches_is_local() {
        assert!(settings("127.0.0.1:8080", None).is_local_only());
        assert!(settings("[::1]:8080", None).is_local_only());
        assert!(settings("localhost:8080", Some("http://localhost:8080/")).is_local_only());
        assert!(!settings("0.0.0.0:8080", None).is_local_only());
        assert!(!settings("192.0.2.10:8080", None).is_local_only());
        // Loopback behind a proxy that publishes it is public.
        assert!(!settings("127.0.0.1:8080", Some("https://badges.example.org")).is_local_only());
        let proxied = Settings {
            proxy_hops: 1,
            ..settings("127.0.0.1:8080", None)
        };
        assert!(!proxied.is_local_only());
    }

    #[test]
    fn a_public_server_needs_smtp_or_an_explicit_mailbox() {
        let public = settings("0.0.0.0:8080", None);
        assert!(!public.uses_dev_mailbox());
        assert!(public.check_exposure().is_err());
        let told = Settings {
            dev_mailbox: true,
            ..settings("0.0.0.0:8080", None)
        };
        assert!(told.uses_dev_mailbox() && told.check_exposure().is_ok());
        let smtp = Settings {
            smtp_url: Some("smtp://mail.example.org".into()),
            ..settings("0.0.0.0:8080", None)
        };
        assert!(!smtp.uses_dev_mailbox() && smtp.check_exposure().is_ok());
        assert!(settings("127.0.0.1:8080", None).uses_dev_mailbox());
    }
}
