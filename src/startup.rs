//! Builds the whole application: the one `build` that production and the tests share.

use std::net::TcpListener;
use std::time::Duration;

use actix_session::SessionMiddleware;
use actix_session::config::PersistentSession;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::web::{Data, route, scope};
use actix_web::{App, HttpServer};
use anyhow::Context;
use sqlx::PgPool;
use tokio::sync::watch;

use crate::auth::oidc::Providers;
use crate::auth::password::Hasher;
use crate::auth::{PgSessionStore, ThrottleLimits};
use crate::config::Settings;
use crate::mail::{MailContext, Mailer, reminders, run_worker};
use crate::urls::PublicUrl;
use crate::web::{self, AppState};

/// The session cookie's name (not `_session`, which identity providers often use).
pub const SESSION_COOKIE: &str = "accolade_session";

pub struct Application {
    port: u16,
    public_url: PublicUrl,
    server: Server,
    workers: Vec<actix_web::rt::task::JoinHandle<()>>,
    stop_worker: watch::Sender<bool>,
}

impl Application {
    /// Binds the listener (port 0 picks a free port), builds the app on `db` and starts the
    /// outbox worker (unless `settings.outbox_interval_ms` is 0) and the reminders worker
    /// (unless `settings.reminder_interval_secs` is 0). Call inside an actix runtime.
    pub async fn build(settings: &Settings, db: PgPool) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("could not listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let public_url = settings.public_url(Some(port))?;
        let mailer = Mailer::from_settings(settings, &public_url)?;

        let hashers = match settings.password_hashers {
            0 => Hasher::default_threads(),
            n => n,
        };
        let secure_cookies = public_url.is_https();
        let state = Data::new(AppState {
            db: db.clone(),
            dev_mailbox: mailer.is_dev_mailbox(),
            api_max_body: settings.api_max_body,
            throttle: ThrottleLimits::default(),
            proxy_hops: settings.proxy_hops,
            hasher: Hasher::start(hashers).context("could not start the password hashers")?,
            https: secure_cookies,
            providers: Providers::new(settings.oidc_providers.clone(), public_url.clone())?,
            public_url: public_url.clone(),
            renderer: crate::art::Renderer::default(),
            public_pages: crate::cache::Kept::new(web::public::PAGES_KEPT),
            baked_pngs: crate::cache::Kept::new(crate::art::BAKED_KEPT),
            public_versions: crate::cache::Recent::new(
                web::public::VERSIONS_KEPT,
                std::time::Duration::from_millis(settings.public_recheck_ms),
            ),
            badge_arts: crate::cache::Recent::new(
                web::public::VERSIONS_KEPT,
                std::time::Duration::from_millis(settings.public_recheck_ms),
            ),
            asked_for: Default::default(),
            postings: Default::default(),
            imports: Default::default(),
            staff: settings.staff_policy()?,
        });
        let session_key = Key::from(&settings.session_key()?);
        let store = PgSessionStore::new(db.clone(), settings.session_limits());
        let session_max_age = CookieDuration::seconds(
            i64::try_from(settings.session_limits().absolute.as_secs()).unwrap_or(i64::MAX),
        );
        let mut server = HttpServer::new(move || {
            let sessions = SessionMiddleware::builder(store.clone(), session_key.clone())
                .cookie_name(SESSION_COOKIE.to_owned())
                .cookie_secure(secure_cookies)
                .cookie_http_only(true)
                .cookie_same_site(SameSite::Lax)
                .session_lifecycle(PersistentSession::default().session_ttl(session_max_age))
                .build();
            App::new()
                .app_data(state.clone())
                .configure(web::routes)
                // The pages, their error pages rendered inside the session, so that their
                // header shows who is signed in; the outer error pages serve the rest.
                .service(
                    scope("")
                        .configure(web::pages)
                        .wrap(web::errors::error_pages())
                        .wrap(sessions)
                        .wrap(from_fn(web::context::page)),
                )
                .default_service(route().to(not_found))
                .wrap(web::errors::error_pages())
                .wrap(Compress::default())
                .wrap(web::context::security_headers(secure_cookies))
                .wrap(from_fn(web::context::middleware))
        })
        .listen(listener)?
        .shutdown_timeout(10);
        if settings.workers > 0 {
            server = server.workers(settings.workers);
        }
        let server = server.run();

        let (stop_worker, stopped) = watch::channel(false);
        let mut workers = Vec::new();
        if settings.reminder_interval_secs > 0 {
            workers.push(actix_web::rt::spawn(reminders::run_worker(
                db.clone(),
                settings.reminder_schedule()?,
                settings.session_limits(),
                Duration::from_secs(settings.reminder_interval_secs),
                stopped.clone(),
            )));
        }
        if settings.outbox_interval_ms > 0 {
            workers.push(actix_web::rt::spawn(run_worker(
                db,
                mailer,
                MailContext {
                    public_url: public_url.clone(),
                },
                Duration::from_millis(settings.outbox_interval_ms),
                stopped,
            )));
        }
        Ok(Application {
            port,
            public_url,
            server,
            workers,
            stop_worker,
        })
    }

    /// A handle that stops the application gracefully, as SIGINT does.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn public_url(&self) -> &str {
        self.public_url.as_str()
    }

    /// Serves until SIGINT or SIGTERM (actix stops gracefully), then stops the mail worker.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        let _ = self.stop_worker.send(true);
        for worker in self.workers {
            let _ = worker.await;
        }
        served
    }
}

async fn not_found() -> Result<actix_web::HttpResponse, web::WebError> {
    Err(web::WebError::NotFound)
}
