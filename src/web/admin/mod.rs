//! `/admin`: the admin console. The catalog (retire an entry, change a badge policy, load a
//! catalog file), results imported from an uploaded file (`results::jobs`, the engine and
//! report of `accolade import`), revocation of an award (`awards::revoke`, as
//! `accolade award revoke`), API tokens, the outbox, and the audit log.
//!
//! Every handler takes the [`Admin`] extractor first: anyone else gets the site's 404. Every
//! change is made by the area that owns it, which writes its audit row with the admin as the
//! actor. Lists that grow with the program (outbox, audit log) are paged by key.

pub mod audit;
pub mod awards;
pub mod catalog;
pub mod home;
pub mod outbox;
pub mod results;
pub mod tokens;

use actix_web::web;

use super::staff::Admin;
use crate::urls::{self, route};

/// Rows on a page of the outbox and of the audit log.
pub const PAGE_ROWS: i64 = 50;

/// A section of the console, as its navigation lists it.
pub struct Section {
    pub key: &'static str,
    pub href: &'static str,
    pub label: &'static str,
    /// What it is for (on the console's home).
    pub what: &'static str,
}

/// The console's sections, in the order of its navigation.
pub fn sections() -> [Section; 7] {
    let section = |key, href, label, what| Section {
        key,
        href,
        label,
        what,
    };
    [
        section("home", urls::admin(), "admin-home", ""),
        section(
            "catalog",
            urls::admin_catalog(),
            "admin-catalog",
            "admin-catalog-what",
        ),
        section(
            "results",
            urls::admin_results(),
            "admin-results",
            "admin-results-what",
        ),
        section(
            "awards",
            urls::admin_awards(),
            "admin-awards",
            "admin-awards-what",
        ),
        section(
            "tokens",
            urls::admin_tokens(),
            "admin-tokens",
            "admin-tokens-what",
        ),
        section(
            "outbox",
            route::ADMIN_OUTBOX,
            "admin-outbox",
            "admin-outbox-what",
        ),
        section(
            "audit",
            route::ADMIN_AUDIT,
            "admin-audit",
            "admin-audit-what",
        ),
    ]
}

/// How the audit log names who did something: the admin.
fn actor(admin: Admin) -> crate::audit::Actor {
    admin.0.actor()
}

/// The console's routes (inside the pages' scope: session, CSRF, language).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(route::ADMIN, web::get().to(home::get))
        .route(route::ADMIN_CATALOG, web::get().to(catalog::index))
        .route(route::ADMIN_CATALOG, web::post().to(catalog::load))
        .route(route::ADMIN_CATALOG_ENTRY, web::get().to(catalog::show))
        .route(route::ADMIN_CATALOG_ENTRY, web::post().to(catalog::change))
        .route(route::ADMIN_RESULTS, web::get().to(results::get))
        .route(route::ADMIN_RESULTS, web::post().to(results::post))
        .route(route::ADMIN_AWARDS, web::get().to(awards::get))
        .route(route::ADMIN_AWARDS, web::post().to(awards::post))
        .route(route::ADMIN_TOKENS, web::get().to(tokens::get))
        .route(route::ADMIN_TOKENS, web::post().to(tokens::post))
        .route(route::ADMIN_OUTBOX, web::get().to(outbox::get))
        .route(route::ADMIN_OUTBOX, web::post().to(outbox::post))
        .route(route::ADMIN_AUDIT, web::get().to(audit::get));
}
