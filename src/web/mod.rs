//! The web site: one folder or file per feature, each a handler plus its template.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod assets;
pub mod career;
pub mod claim;
pub mod client;
pub mod context;
pub mod dev_mail;
pub mod errors;
pub mod forms;
pub mod health;
pub mod landing;
pub mod page;
pub mod path;
pub mod public;
pub mod resources;
pub mod session;
pub mod settings;
pub mod share;
pub mod staff;
pub mod staff_session;
pub mod support;
pub mod verify;
pub mod wallet;

use actix_web::middleware::from_fn;
use actix_web::web;
use sqlx::PgPool;

use crate::urls::route;

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
    /// The site's address as the world reaches it, for absolute URLs.
    pub public_url: crate::urls::PublicUrl,
    /// Badge pictures and share previews, drawn a bounded number at once and kept.
    pub renderer: crate::art::Renderer,
    /// Public badge pages as rendered for visitors who are not signed in (see
    /// `Page::same_for_everyone`), by award and language, each at the version of what it
    /// shows (`awards::public_version` and the day: a badge's standing follows the date).
    pub public_pages: crate::cache::Kept<actix_web::web::Bytes>,
    /// Baked PNGs with their file names, by award, at the version of its public view.
    pub baked_pngs: crate::cache::Kept<(std::sync::Arc<[u8]>, String)>,
    /// The versions of awards' public views with their badge classes (`None`: not public),
    /// each trusted for `ACCOLADE_PUBLIC_RECHECK_MS` (see [`AppState::public_version`]).
    pub public_versions: crate::cache::Recent<Option<(String, i64)>>,
    /// What badge pictures are drawn from, by lower-cased code, trusted alike.
    pub badge_arts: crate::cache::Recent<Option<crate::catalog::BadgeArt>>,
    /// How many open job postings ask for each badge class, kept a minute (the public
    /// badge page's count, part of its kept version).
    pub asked_for: crate::insights::asked::AskedFor,
    /// The open job postings in memory, for matching, at their generation.
    pub postings: crate::insights::index::Postings,
    /// Results files imported from the admin console, in the background.
    pub imports: crate::results::jobs::Imports,
    /// How long the staff's second factor lasts, and the providers trusted for it.
    pub staff: crate::auth::StaffPolicy,
}

impl AppState {
    /// The version of award `id`'s public view and its badge class, `None` when it is not
    /// public (`awards::public_version`), asked of the database at most once per recheck
    /// period: under load, a kept public page or baked image costs no query at all, and a
    /// change shows within the period.
    pub async fn public_version(
        &self,
        id: &crate::domain::AwardId,
    ) -> Result<Option<(String, i64)>, sqlx::Error> {
        self.public_versions
            .get_or_fetch(id.as_str(), crate::awards::public_version(&self.db, id))
            .await
    }

    /// What the picture of badge class `code` (any letter case) is drawn from, asked of the
    /// database at most once per recheck period.
    pub async fn badge_art(
        &self,
        code: &str,
    ) -> Result<Option<crate::catalog::BadgeArt>, sqlx::Error> {
        self.badge_arts
            .get_or_fetch(
                &code.to_lowercase(),
                crate::catalog::badge_art(&self.db, code),
            )
            .await
    }
}

/// The routes outside the session: public resources (static files, pictures) and the routes
/// for programs (health, the JSON API). Each is registered under its [`RouteKind`]'s
/// middleware; the pages come after them (`pages`), since their scope matches every path.
///
/// [`RouteKind`]: context::RouteKind
pub fn routes(cfg: &mut web::ServiceConfig) {
    let resource = || from_fn(context::resource);
    let api = || from_fn(context::api);
    cfg.service(
        web::resource(route::STATIC_FILE)
            .wrap(resource())
            .route(web::get().to(assets::get)),
    )
    .service(
        web::resource(route::BADGE_IMAGE)
            .wrap(resource())
            .route(web::get().to(resources::badge_art::get)),
    )
    .service(
        web::resource(route::BAKED_PNG)
            .wrap(resource())
            .route(web::get().to(resources::baked::png)),
    )
    .service(
        web::resource(route::BAKED_SVG)
            .wrap(resource())
            .route(web::get().to(resources::baked::svg)),
    )
    .service(
        web::resource(route::SHARE_PREVIEW)
            .wrap(resource())
            .route(web::get().to(resources::baked::preview)),
    )
    .service(
        web::resource(route::OB_ISSUER)
            .wrap(resource())
            .route(web::get().to(resources::open_badges::issuer)),
    )
    .service(
        web::resource(route::OB_REVOCATIONS)
            .wrap(resource())
            .route(web::get().to(resources::open_badges::revocations)),
    )
    .service(
        web::resource(route::OB_BADGE)
            .wrap(resource())
            .route(web::get().to(resources::open_badges::badge_class)),
    )
    .service(
        web::resource(route::OB_ASSERTION)
            .wrap(resource())
            .route(web::get().to(resources::open_badges::assertion)),
    )
    .service(
        web::resource(route::HEALTH)
            .wrap(api())
            .route(web::get().to(health::get)),
    )
    .service(web::scope(route::API).wrap(api()).configure(api::routes));
}

/// `POST /settings?form=NAME`: the section `NAME` of the settings page. Every form posts to
/// the address of the page it is on (see `web::forms`), and this page has a form per section.
fn settings_form(name: &'static str) -> impl actix_web::guard::Guard {
    actix_web::guard::fn_guard(move |ctx| {
        ctx.head()
            .uri
            .query()
            .and_then(crate::urls::settings_form_of)
            == Some(name)
    })
}

/// The pages, which run inside the session middleware (see `startup`) and
/// [`context::page`].
pub fn pages(cfg: &mut web::ServiceConfig) {
    use accounts::{confirm, oidc, password, second_factor, sign_in, sign_up};
    cfg.route(route::HOME, web::get().to(landing::get))
        .route(route::SIGN_UP, web::get().to(sign_up::get))
        .route(route::SIGN_UP, web::post().to(sign_up::post))
        .route(route::SIGN_IN, web::get().to(sign_in::get))
        .route(route::SIGN_IN, web::post().to(sign_in::post))
        .route(route::SIGN_OUT, web::post().to(sign_in::sign_out))
        .route(route::SECOND_FACTOR, web::get().to(second_factor::get))
        .route(route::SECOND_FACTOR, web::post().to(second_factor::post))
        .route(route::STAFF, web::get().to(staff_session::get))
        .route(route::STAFF_END, web::post().to(staff_session::end))
        .route(route::PROVIDER, web::get().to(oidc::start))
        .route(route::PROVIDER_CALLBACK, web::get().to(oidc::callback))
        .route(route::CONFIRM, web::get().to(confirm::get))
        .route(route::CONFIRM, web::post().to(confirm::post))
        .route(route::FORGOT_PASSWORD, web::get().to(password::forgot_form))
        .route(route::FORGOT_PASSWORD, web::post().to(password::forgot))
        .route(route::RESET_PASSWORD, web::get().to(password::reset_form))
        .route(route::RESET_PASSWORD, web::post().to(password::reset))
        .route(route::CLAIM, web::get().to(claim::get))
        .route(route::CLAIM, web::post().to(claim::post))
        .route(
            route::STOP_REMINDERS,
            web::get().to(claim::stop_reminders_form),
        )
        .route(route::STOP_REMINDERS, web::post().to(claim::stop_reminders))
        .route(
            route::STOP_REMINDERS_ONE_CLICK,
            web::post().to(claim::stop_reminders_one_click),
        )
        .route(route::WALLET, web::get().to(wallet::index))
        .route(route::ACCEPT_ALL, web::post().to(wallet::accept_all))
        .route(route::WALLET_SHARE, web::get().to(wallet::share))
        .route(route::WALLET_BADGE, web::get().to(wallet::show))
        .route(route::ACCEPT, web::post().to(wallet::accept))
        .route(route::DECLINE, web::post().to(wallet::decline))
        .route(route::VISIBILITY, web::post().to(wallet::visibility))
        .route(route::CAREER, web::get().to(career::get))
        .route(route::CAREER, web::post().to(career::set_area))
        .route(route::PUBLIC_BADGE, web::get().to(public::badge::get))
        .route(route::PUBLIC_PROFILE, web::get().to(public::profile::get))
        .route(route::SETTINGS, web::get().to(settings::get))
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("profile"))
                .to(settings::profile::post),
        )
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("emails"))
                .to(settings::emails::add),
        )
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("password"))
                .to(settings::account::change_password),
        )
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("career"))
                .to(settings::career_area),
        )
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("second_factor"))
                .to(settings::second_factor::confirm),
        )
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("second_factor_again"))
                .to(settings::second_factor::again),
        )
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("recovery_codes"))
                .to(settings::second_factor::recovery_codes),
        )
        .route(
            route::SETTINGS,
            web::post()
                .guard(settings_form("second_factor_cancel"))
                .to(settings::second_factor::cancel),
        )
        .route(
            route::EMAIL_RESEND,
            web::post().to(settings::emails::resend),
        )
        .route(
            route::EMAIL_CANCEL,
            web::post().to(settings::emails::cancel),
        )
        .route(
            route::EMAIL_PRIMARY,
            web::post().to(settings::emails::make_primary),
        )
        .route(
            route::EMAIL_REMOVE,
            web::get().to(settings::emails::remove_form),
        )
        .route(
            route::EMAIL_REMOVE,
            web::post().to(settings::emails::remove),
        )
        .route(route::PROVIDER_DISCONNECT, web::post().to(oidc::disconnect))
        .route(
            route::SETTINGS_EXPORT,
            web::get().to(settings::account::export),
        )
        .route(
            route::SETTINGS_DELETE,
            web::get().to(settings::account::delete_form),
        )
        .route(
            route::SETTINGS_DELETE,
            web::post().to(settings::account::delete),
        )
        .route(route::VERIFY, web::get().to(verify::get))
        .route(route::VERIFY, web::post().to(verify::post))
        .route(route::DEV_MAIL, web::get().to(dev_mail::list))
        .route(route::DEV_MAIL_MESSAGE, web::get().to(dev_mail::show))
        .route(route::DEV_MAIL_HTML, web::get().to(dev_mail::html))
        .configure(support::routes);
    admin::routes(cfg);
}
