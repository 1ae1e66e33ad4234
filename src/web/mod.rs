//! The web site: one folder or file per feature, each a handler plus its template.

pub mod api;
pub mod assets;
pub mod context;
pub mod dev_mail;
pub mod errors;
pub mod health;
pub mod landing;
pub mod page;

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
}

/// Every route of the site.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(landing::get))
        .route("/healthz", web::get().to(health::get))
        .route("/static/{name}", web::get().to(assets::get))
        .route("/dev/mail", web::get().to(dev_mail::list))
        .route("/dev/mail/{id}", web::get().to(dev_mail::show))
        .route("/dev/mail/{id}/html", web::get().to(dev_mail::html))
        .service(web::scope("/api/v1").configure(api::routes));
}
