//! The context every page template shares with the layout (`templates/layout.html`).

use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use super::assets;
use super::context::RequestContext;
use crate::i18n::{Locale, Tr};

/// Layout data: the language (and its messages, through `Deref` to [`Tr`]), the request id
/// and what the language switch needs. Every page struct has one, named `page`.
#[derive(Debug, Clone)]
pub struct Page {
    pub t: Tr,
    pub request_id: String,
    /// The current path, for the language links: always one leading slash, so a link built
    /// from it stays on this site (`//evil.example/x` becomes `/evil.example/x`).
    path: String,
    /// The current query without its `lang` pairs (as sent: still percent-encoded), which the
    /// language links and the forms of the page keep.
    query: String,
    /// The CSRF token every form of the page carries in its `csrf` field.
    pub csrf: String,
    /// A message from the previous step ("Your address is confirmed"), shown once.
    pub flash: Option<String>,
    /// Someone is signed in: the header offers the wallet, settings and sign-out.
    pub signed_in: bool,
    /// The roles of whoever is signed in, as the session last saw them: the header links to
    /// the consoles they open (each console checks the role itself).
    pub staff: crate::auth::roles::Roles,
}

impl Page {
    pub fn from_request(req: &HttpRequest) -> Page {
        let context = req.extensions().get::<RequestContext>().cloned();
        let RequestContext {
            request_id,
            locale,
            csrf,
            flash,
        } = context.unwrap_or_else(|| RequestContext {
            request_id: String::new(),
            locale: Locale::default(),
            csrf: String::new(),
            flash: None,
        });
        let t = Tr::new(locale);
        Page {
            t,
            request_id,
            path: format!("/{}", req.path().trim_start_matches(['/', '\\'])),
            query: kept_query(req.query_string()),
            csrf: super::session::csrf_token(req).unwrap_or(csrf),
            flash: flash.map(|id| t.msg(&id)),
            signed_in: super::session::signed_in_candidate(req).is_some(),
            staff: super::staff::remembered_roles(req),
        }
    }

    /// The header's link to the support console.
    pub fn shows_support(&self) -> bool {
        self.signed_in && self.staff.allow(crate::auth::roles::Role::Support)
    }

    /// The header's link to the admin console.
    pub fn shows_admin(&self) -> bool {
        self.signed_in && self.staff.allow(crate::auth::roles::Role::Admin)
    }

    /// The page is the same for every visitor who asks for it in this language: no one is
    /// signed in (no name in the header, no CSRF token in a form), no message is shown, no
    /// query is kept in its links. Such a page may be rendered once and kept.
    pub fn same_for_everyone(&self) -> bool {
        !self.signed_in && self.flash.is_none() && self.query.is_empty()
    }

    pub fn lang(&self) -> &'static str {
        self.t.locale.code()
    }

    /// The other languages of the site, for the switch in the header.
    pub fn other_locales(&self) -> Vec<Locale> {
        Locale::all()
            .into_iter()
            .filter(|l| *l != self.t.locale)
            .collect()
    }

    /// This page in another language: its path and query, with `lang` set.
    pub fn language_url(&self, locale: &Locale) -> String {
        match self.query.as_str() {
            "" => format!("{}?lang={}", self.path, locale.code()),
            query => format!("{}?{query}&lang={}", self.path, locale.code()),
        }
    }

    /// The address of this page (path and query), which its forms post to: a form shown
    /// again with its errors then stays at the address the reader was at, and its language
    /// link keeps the query (`?next=` after signing in). Handlers read the form's fields,
    /// never this query.
    pub fn here(&self) -> String {
        match self.query.as_str() {
            "" => self.path.clone(),
            query => format!("{}?{query}", self.path),
        }
    }

    /// The name of a language, in that language (`Français`).
    pub fn language_name(&self, locale: &Locale) -> String {
        Tr::new(*locale).msg("language-name")
    }

    /// A versioned URL of a static file, cached for a year.
    pub fn asset(&self, name: &str) -> String {
        assets::url(name)
    }
}

/// The query a page's links and forms keep: without `lang`, and without a `next` that
/// leaves the site (which sign-in would not follow anyway), so the page never shows it.
fn kept_query(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.is_empty() && *pair != "lang" && !pair.starts_with("lang="))
        .filter(|pair| match pair.strip_prefix("next=") {
            Some(next) => percent_encoding::percent_decode_str(&next.replace('+', " "))
                .decode_utf8()
                .ok()
                .and_then(|next| super::session::safe_next(&next))
                .is_some(),
            None => true,
        })
        .collect::<Vec<_>>()
        .join("&")
}

impl Deref for Page {
    type Target = Tr;
    fn deref(&self) -> &Tr {
        &self.t
    }
}

impl FromRequest for Page {
    type Error = actix_web::Error;
    type Future = Ready<Result<Page, actix_web::Error>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Page::from_request(req)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(uri: &str) -> Page {
        Page::from_request(
            &actix_web::test::TestRequest::get()
                .uri(uri)
                .to_http_request(),
        )
    }

    #[test]
    fn the_language_link_keeps_the_path_and_query_and_never_leaves_the_site() {
        let fr = Locale::from_tag("fr").unwrap();
        assert_eq!(page("/sign-in").language_url(&fr), "/sign-in?lang=fr");
        assert_eq!(
            page("/sign-up?email=a%40b.example&next=%2Fclaim%2Fx").language_url(&fr),
            "/sign-up?email=a%40b.example&next=%2Fclaim%2Fx&lang=fr"
        );
        // The language it had is replaced, not repeated.
        assert_eq!(
            page("/wallet?lang=en&x=1&lang").language_url(&fr),
            "/wallet?x=1&lang=fr"
        );
        // A `next` that would leave the site is dropped (see `session::safe_next`).
        for evil in [
            "https%3A%2F%2Fevil.example",
            "%2F%2Fevil.example",
            "//evil.example",
        ] {
            assert_eq!(
                page(&format!("/sign-in?next={evil}&email=a")).language_url(&fr),
                "/sign-in?email=a&lang=fr"
            );
        }
        assert_eq!(
            page("//evil.example/x").language_url(&fr),
            "/evil.example/x?lang=fr"
        );
    }

    #[test]
    fn a_form_posts_to_the_address_of_its_page() {
        assert_eq!(page("/sign-in").here(), "/sign-in");
        assert_eq!(
            page("/sign-in?next=%2Fwallet&lang=fr").here(),
            "/sign-in?next=%2Fwallet"
        );
    }
}
