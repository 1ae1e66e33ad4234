//! The web site: one folder or file per feature, each a handler plus its template.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod badge_art;
pub mod claim;
pub mod client;
pub mod context;
pub mod dev_mail;
pub mod errors;
pub mod forms;
pub mod health;
pub mod landing;
pub mod page;
pub mod session;
pub mod settings;
pub mod wallet;

use actix_web::web;
use sqlx::PgPool;

pub use errors::WebError;

/// What every handler may use.
pub struct AppState {
    pub db: PgPool,
    /// Mail is kept in the development mailbox (no SMTP server configured).
    pub dev_mailbox: bool,
    /// Largest body of `POST /api/v1/results`.
    pub api_max_body: usize,
    /// Failed sign-ins allowed per address and per client.
    pub throttle: crate::auth::ThrottleLimits,
    /// Reverse proxies in front (see `web::client`).
    pub proxy_hops: usize,
    /// Every password is hashed here, a bounded number at once.
    pub hasher: crate::auth::password::Hasher,
    /// The public URL is https: cookies are `Secure` and browsers are told to stay on https.
    pub https: bool,
    /// OpenID Connect providers offered on the sign-in page and in settings.
    pub providers: crate::auth::oidc::Providers,
}

/// Percent-encodes a query parameter's value.
pub fn url_encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The routes without a session: static files, health, the API.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::get))
        .route("/static/{name}", web::get().to(assets::get))
        .route("/images/badges/{file}", web::get().to(badge_art::get))
        .service(web::scope("/api/v1").configure(api::routes));
}

/// `POST /settings?form=NAME`: the section `NAME` of the settings page. Every form posts to
/// the address of the page it is on (see `web::forms`), and this page has a form per section.
fn settings_form(name: &'static str) -> impl actix_web::guard::Guard {
    actix_web::guard::fn_guard(move |ctx| {
        ctx.head().uri.query().is_some_and(|q| {
            q.split('&')
                .any(|pair| pair.strip_prefix("form=") == Some(name))
        })
    })
}

/// The pages, which run inside the session middleware.
pub fn pages(cfg: &mut web::ServiceConfig) {
    use accounts::{confirm, oidc, password, sign_in, sign_up};
    cfg.route("/", web::get().to(landing::get))
        .route("/sign-up", web::get().to(sign_up::get))
        .route("/sign-up", web::post().to(sign_up::post))
        .route("/sign-in", web::get().to(sign_in::get))
        .route("/sign-in", web::post().to(sign_in::post))
        .route("/sign-out", web::post().to(sign_in::sign_out))
        .route("/auth/{provider}", web::get().to(oidc::start))
        .route("/auth/{provider}/callback", web::get().to(oidc::callback))
        .route("/confirm/{token}", web::get().to(confirm::get))
        .route("/confirm/{token}", web::post().to(confirm::post))
        .route("/password/forgot", web::get().to(password::forgot_form))
        .route("/password/forgot", web::post().to(password::forgot))
        .route(
            "/password/reset/{token}",
            web::get().to(password::reset_form),
        )
        .route("/password/reset/{token}", web::post().to(password::reset))
        .route("/claim/{token}", web::get().to(claim::get))
        .route("/claim/{token}", web::post().to(claim::post))
        .route(
            "/reminders/stop/{token}",
            web::get().to(claim::stop_reminders_form),
        )
        .route(
            "/reminders/stop/{token}",
            web::post().to(claim::stop_reminders),
        )
        .route(
            "/reminders/stop/{token}/one-click",
            web::post().to(claim::stop_reminders_one_click),
        )
        .route("/wallet", web::get().to(wallet::index))
        .route("/wallet/accept-all", web::post().to(wallet::accept_all))
        .route("/wallet/{award_id}", web::get().to(wallet::show))
        .route("/wallet/{award_id}/accept", web::post().to(wallet::accept))
        .route(
            "/wallet/{award_id}/decline",
            web::post().to(wallet::decline),
        )
        .route(
            "/wallet/{award_id}/visibility",
            web::post().to(wallet::visibility),
        )
        .route("/settings", web::get().to(settings::get))
        .route(
            "/settings",
            web::post()
                .guard(settings_form("profile"))
                .to(settings::profile::post),
        )
        .route(
            "/settings",
            web::post()
                .guard(settings_form("emails"))
                .to(settings::emails::add),
        )
        .route(
            "/settings",
            web::post()
                .guard(settings_form("password"))
                .to(settings::account::change_password),
        )
        .route(
            "/settings/emails/{id}/primary",
            web::post().to(settings::emails::make_primary),
        )
        .route(
            "/settings/emails/{id}/remove",
            web::get().to(settings::emails::remove_form),
        )
        .route(
            "/settings/emails/{id}/remove",
            web::post().to(settings::emails::remove),
        )
        .route(
            "/settings/providers/{provider}/disconnect",
            web::post().to(oidc::disconnect),
        )
        .route("/settings/export", web::get().to(settings::account::export))
        .route(
            "/settings/delete",
            web::get().to(settings::account::delete_form),
        )
        .route(
            "/settings/delete",
            web::post().to(settings::account::delete),
        )
        .route("/dev/mail", web::get().to(dev_mail::list))
        .route("/dev/mail/{id}", web::get().to(dev_mail::show))
        .route("/dev/mail/{id}/html", web::get().to(dev_mail::html));
}
