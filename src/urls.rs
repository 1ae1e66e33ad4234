//! Every URL of the site, in one place: the route patterns the server registers, the paths
//! pages and redirects link to, and the absolute URLs that emails, identity providers and
//! Open Badges documents carry.
//!
//! The URLs of `PRODUCT.md` are stable: they go into emails, LinkedIn profiles and baked
//! images, so they live for ever. Nothing else in the code spells a path; a unit test checks
//! that every path built here is matched by its own route pattern.
//!
//! It sits beside the areas rather than in `web`, because mail and sign-in build absolute URLs
//! too, and the areas do not call `web`.

use std::borrow::Borrow;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::domain::{AwardId, SecretToken};

/// The route patterns, as actix-web registers them.
pub mod route {
    pub const HOME: &str = "/";
    pub const SIGN_UP: &str = "/sign-up";
    pub const SIGN_IN: &str = "/sign-in";
    pub const SIGN_OUT: &str = "/sign-out";
    pub const SECOND_FACTOR: &str = "/sign-in/second-factor";
    /// The staff session: which consoles the roles open, and when the factor runs out.
    pub const STAFF: &str = "/staff";
    pub const STAFF_END: &str = "/staff/end";
    pub const PROVIDER: &str = "/auth/{provider}";
    pub const PROVIDER_CALLBACK: &str = "/auth/{provider}/callback";
    pub const CONFIRM: &str = "/confirm/{token}";
    pub const FORGOT_PASSWORD: &str = "/password/forgot";
    pub const RESET_PASSWORD: &str = "/password/reset/{token}";
    pub const CLAIM: &str = "/claim/{token}";
    pub const STOP_REMINDERS: &str = "/reminders/stop/{token}";
    pub const STOP_REMINDERS_ONE_CLICK: &str = "/reminders/stop/{token}/one-click";
    pub const WALLET: &str = "/wallet";
    pub const ACCEPT_ALL: &str = "/wallet/accept-all";
    pub const WALLET_BADGE: &str = "/wallet/{award_id}";
    pub const ACCEPT: &str = "/wallet/{award_id}/accept";
    pub const DECLINE: &str = "/wallet/{award_id}/decline";
    pub const VISIBILITY: &str = "/wallet/{award_id}/visibility";
    pub const SETTINGS: &str = "/settings";
    pub const CAREER: &str = "/career";
    pub const EMAIL_RESEND: &str = "/settings/emails/pending/resend";
    pub const EMAIL_CANCEL: &str = "/settings/emails/pending/cancel";
    pub const EMAIL_PRIMARY: &str = "/settings/emails/{id}/primary";
    pub const EMAIL_REMOVE: &str = "/settings/emails/{id}/remove";
    pub const PROVIDER_DISCONNECT: &str = "/settings/providers/{provider}/disconnect";
    pub const SETTINGS_EXPORT: &str = "/settings/export";
    pub const SETTINGS_DELETE: &str = "/settings/delete";
    pub const DEV_MAIL: &str = "/dev/mail";
    pub const DEV_MAIL_MESSAGE: &str = "/dev/mail/{id}";
    pub const DEV_MAIL_HTML: &str = "/dev/mail/{id}/html";
    pub const STATIC_FILE: &str = "/static/{name}";
    pub const BADGE_IMAGE: &str = "/images/badges/{file}";
    pub const WALLET_SHARE: &str = "/wallet/{award_id}/share";
    pub const PUBLIC_BADGE: &str = "/badges/{award_id}";
    pub const BAKED_PNG: &str = "/badges/{award_id}/image.png";
    pub const BAKED_SVG: &str = "/badges/{award_id}/image.svg";
    pub const SHARE_PREVIEW: &str = "/badges/{award_id}/preview.png";
    pub const PUBLIC_PROFILE: &str = "/u/{handle}";
    pub const VERIFY: &str = "/verify";
    pub const OB_ISSUER: &str = "/ob/v2/issuers/{slug}";
    pub const OB_REVOCATIONS: &str = "/ob/v2/issuers/{slug}/revocations";
    pub const OB_BADGE: &str = "/ob/v2/badges/{code}";
    pub const OB_ASSERTION: &str = "/ob/v2/assertions/{award_id}";
    pub const HEALTH: &str = "/healthz";
    pub const ADMIN: &str = "/admin";
    pub const ADMIN_CATALOG: &str = "/admin/catalog";
    pub const ADMIN_CATALOG_ENTRY: &str = "/admin/catalog/{code}";
    pub const ADMIN_RESULTS: &str = "/admin/results";
    pub const ADMIN_AWARDS: &str = "/admin/awards";
    pub const ADMIN_TOKENS: &str = "/admin/tokens";
    pub const ADMIN_OUTBOX: &str = "/admin/outbox";
    pub const ADMIN_AUDIT: &str = "/admin/audit";
    pub const SUPPORT: &str = "/support";
    pub const SUPPORT_CANDIDATE: &str = "/support/candidates/{id}";
    pub const SUPPORT_ATTACH: &str = "/support/candidates/{id}/attach";
    pub const SUPPORT_MERGE: &str = "/support/candidates/{id}/merge";
    pub const SUPPORT_MISSING: &str = "/support/missing";
    pub const SUPPORT_RESEND: &str = "/support/awards/{award_id}/resend";
    pub const SUPPORT_RETRY: &str = "/support/mail/{id}/retry";
    /// The JSON API's scope; its routes are relative to it.
    pub const API: &str = "/api/v1";
    pub const API_RESULTS: &str = "/results";
    pub const API_JOBS: &str = "/jobs";
}

/// Characters a path segment keeps as they are (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a query parameter's value (all but the unreserved characters).
pub fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

fn segment(value: &str) -> impl fmt::Display + '_ {
    utf8_percent_encode(value, SEGMENT)
}

pub fn home() -> &'static str {
    route::HOME
}

pub fn sign_up() -> &'static str {
    route::SIGN_UP
}

pub fn sign_in() -> &'static str {
    route::SIGN_IN
}

pub fn sign_out() -> &'static str {
    route::SIGN_OUT
}

/// The page that asks staff for their second factor.
pub fn second_factor() -> &'static str {
    route::SECOND_FACTOR
}

/// The second-factor page, coming back to `next` afterwards (empty: the staff session page).
pub fn second_factor_then(next: &str) -> String {
    Then::next(next).query(route::SECOND_FACTOR)
}

pub fn staff() -> &'static str {
    route::STAFF
}

pub fn staff_end() -> &'static str {
    route::STAFF_END
}

/// The id of the settings section where staff set up their second factor.
pub const SECOND_FACTOR_SECTION: &str = "second_factor";

/// Where a form or a link sends a visitor who must sign in or sign up first: the address to
/// pre-fill, and the path to come back to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Then<'a> {
    pub email: Option<&'a str>,
    pub next: Option<&'a str>,
}

impl<'a> Then<'a> {
    /// Only where to come back to; an empty `next` is none.
    pub fn next(next: &'a str) -> Then<'a> {
        Then {
            email: None,
            next: (!next.is_empty()).then_some(next),
        }
    }

    fn query(&self, path: &str) -> String {
        let mut url = path.to_owned();
        let mut sep = '?';
        for (name, value) in [("email", self.email), ("next", self.next)] {
            if let Some(value) = value {
                url.push(sep);
                url.push_str(name);
                url.push('=');
                url.push_str(&encode_query(value));
                sep = '&';
            }
        }
        url
    }
}

/// `/sign-in`, with the address to pre-fill and where to go after.
pub fn sign_in_then(then: Then<'_>) -> String {
    then.query(route::SIGN_IN)
}

/// `/sign-up`, with the address to pre-fill and where to go after.
pub fn sign_up_then(then: Then<'_>) -> String {
    then.query(route::SIGN_UP)
}

pub fn provider(name: &str) -> String {
    format!("/auth/{}", segment(name))
}

/// Signs in with a provider, coming back to `next` (empty: the wallet).
pub fn provider_then(name: &str, next: &str) -> String {
    Then::next(next).query(&provider(name))
}

/// Connects a provider to the signed-in account (from settings).
pub fn provider_connect(name: &str) -> String {
    format!("{}?connect=1", provider(name))
}

pub fn provider_callback(name: &str) -> String {
    format!("/auth/{}/callback", segment(name))
}

pub fn confirm(token: &SecretToken) -> String {
    format!("/confirm/{}", segment(token.expose()))
}

pub fn forgot_password() -> &'static str {
    route::FORGOT_PASSWORD
}

pub fn reset_password(token: &SecretToken) -> String {
    format!("/password/reset/{}", segment(token.expose()))
}

pub fn claim(token: &SecretToken) -> String {
    format!("/claim/{}", segment(token.expose()))
}

pub fn stop_reminders(token: &SecretToken) -> String {
    format!("/reminders/stop/{}", segment(token.expose()))
}

pub fn stop_reminders_one_click(token: &SecretToken) -> String {
    format!("/reminders/stop/{}/one-click", segment(token.expose()))
}

pub fn wallet() -> &'static str {
    route::WALLET
}

/// The wallet showing only some badges: `show` is `pending`, `earned` or `private`.
pub fn wallet_showing(show: &str) -> String {
    format!("{}?show={}", route::WALLET, encode_query(show))
}

pub fn accept_all() -> &'static str {
    route::ACCEPT_ALL
}

/// An award of the wallet, by id (an [`AwardId`] or the text of one read from the database).
pub fn wallet_badge(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/wallet/{}", segment(id.as_ref()))
}

pub fn accept(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/wallet/{}/accept", segment(id.as_ref()))
}

pub fn decline(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/wallet/{}/decline", segment(id.as_ref()))
}

pub fn visibility(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/wallet/{}/visibility", segment(id.as_ref()))
}

pub fn settings() -> &'static str {
    route::SETTINGS
}

/// The Career page: occupations, wages and the matching job postings.
pub fn career() -> &'static str {
    route::CAREER
}

/// The Career page's postings narrowed to one badge, by its code.
pub fn career_for_badge(code: &str) -> String {
    format!("{}?badge={}", route::CAREER, encode_query(code))
}

/// A section of the settings page, by its element id.
pub fn settings_section(anchor: &str) -> String {
    format!("{}#{}", route::SETTINGS, segment(anchor))
}

/// What a form of the settings page posts to: the page itself, naming its section
/// (`profile`, `emails`, `password`), so that an error comes back at the page's address.
pub fn settings_form(section: &str) -> String {
    format!("{}?form={}", route::SETTINGS, encode_query(section))
}

/// The section a query of [`settings_form`] names (`form=profile` → `profile`).
pub fn settings_form_of(query: &str) -> Option<&str> {
    query.split('&').find_map(|pair| pair.strip_prefix("form="))
}

/// Sends the link of an address waiting for confirmation again (the address is in the form).
pub fn email_resend() -> &'static str {
    route::EMAIL_RESEND
}

/// Cancels adding an address waiting for confirmation (the address is in the form).
pub fn email_cancel() -> &'static str {
    route::EMAIL_CANCEL
}

pub fn email_primary(id: impl Borrow<i64>) -> String {
    format!("/settings/emails/{}/primary", id.borrow())
}

pub fn email_remove(id: impl Borrow<i64>) -> String {
    format!("/settings/emails/{}/remove", id.borrow())
}

pub fn provider_disconnect(name: &str) -> String {
    format!("/settings/providers/{}/disconnect", segment(name))
}

pub fn settings_export() -> &'static str {
    route::SETTINGS_EXPORT
}

pub fn settings_delete() -> &'static str {
    route::SETTINGS_DELETE
}

pub fn dev_mail() -> &'static str {
    route::DEV_MAIL
}

pub fn dev_mail_message(id: impl Borrow<i64>) -> String {
    format!("/dev/mail/{}", id.borrow())
}

pub fn dev_mail_html(id: impl Borrow<i64>) -> String {
    format!("/dev/mail/{}/html", id.borrow())
}

/// A file of `static/` (the names are the project's own).
pub fn static_file(name: &str) -> String {
    format!("/static/{}", segment(name))
}

/// The catalog picture of a badge class, by its code, as SVG (for pages).
pub fn badge_image(code: &str) -> String {
    format!("/images/badges/{}.svg", segment(code))
}

/// After accepting: the badge with its ways to share it.
pub fn wallet_share(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/wallet/{}/share", segment(id.as_ref()))
}

/// The public page of an award: what recruiters open and networks preview.
pub fn public_badge(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/badges/{}", segment(id.as_ref()))
}

/// The award's image with its assertion baked in (PNG).
pub fn baked_png(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/badges/{}/image.png", segment(id.as_ref()))
}

/// The award's image with its assertion baked in (SVG).
pub fn baked_svg(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/badges/{}/image.svg", segment(id.as_ref()))
}

/// The 1200x630 picture networks show for a shared badge page.
pub fn share_preview(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/badges/{}/preview.png", segment(id.as_ref()))
}

pub fn public_profile(handle: &str) -> String {
    format!("/u/{}", segment(handle))
}

pub fn verify() -> &'static str {
    route::VERIFY
}

/// The admin console's home.
pub fn admin() -> &'static str {
    route::ADMIN
}

pub fn admin_catalog() -> &'static str {
    route::ADMIN_CATALOG
}

/// An exam or certification in the console (retire it, change its policy).
pub fn admin_catalog_entry(code: &str) -> String {
    format!("/admin/catalog/{}", segment(code))
}

pub fn admin_results() -> &'static str {
    route::ADMIN_RESULTS
}

pub fn admin_awards() -> &'static str {
    route::ADMIN_AWARDS
}

/// An award in the console, to revoke it.
pub fn admin_award(id: &str) -> String {
    format!("{}?id={}", route::ADMIN_AWARDS, encode_query(id))
}

pub fn admin_tokens() -> &'static str {
    route::ADMIN_TOKENS
}

/// A tab of the outbox (`queued`, `failing`, `sent`), from its newest message or from the
/// one before `before`.
pub fn admin_outbox(tab: &str, before: Option<i64>) -> String {
    match before {
        None => format!("{}?tab={}", route::ADMIN_OUTBOX, encode_query(tab)),
        Some(id) => format!(
            "{}?tab={}&before={id}",
            route::ADMIN_OUTBOX,
            encode_query(tab)
        ),
    }
}

/// The audit log with a query (`actor=...&action=...`, already encoded; empty: none).
pub fn admin_audit(query: &str) -> String {
    match query {
        "" => route::ADMIN_AUDIT.to_owned(),
        query => format!("{}?{query}", route::ADMIN_AUDIT),
    }
}

/// Open Badges 2.0: the issuer's profile.
pub fn ob_issuer(slug: &str) -> String {
    format!("/ob/v2/issuers/{}", segment(slug))
}

/// Open Badges 2.0: the issuer's revocation list.
pub fn ob_revocations(slug: &str) -> String {
    format!("/ob/v2/issuers/{}/revocations", segment(slug))
}

/// Open Badges 2.0: a badge class, by its catalog code.
pub fn ob_badge(code: &str) -> String {
    format!("/ob/v2/badges/{}", segment(code))
}

/// Open Badges 2.0: an award's hosted assertion.
pub fn ob_assertion(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/ob/v2/assertions/{}", segment(id.as_ref()))
}

/// The same picture as PNG, 240 pixels square (for emails and wherever SVG is not shown).
pub fn badge_image_png(code: &str) -> String {
    format!("/images/badges/{}.png", segment(code))
}

pub fn health() -> &'static str {
    route::HEALTH
}

pub fn api_results() -> String {
    format!("{}{}", route::API, route::API_RESULTS)
}

pub fn api_jobs() -> String {
    format!("{}{}", route::API, route::API_JOBS)
}

/// The support console's search page.
pub fn support() -> &'static str {
    route::SUPPORT
}

/// A search of the support console, from its first page or after a hit's key.
pub fn support_search(q: &str, after: Option<(&str, &str)>) -> String {
    let mut url = format!("{}?q={}", route::SUPPORT, encode_query(q));
    if let Some((key, email)) = after {
        url.push_str(&format!(
            "&after_key={}&after={}",
            encode_query(key),
            encode_query(email)
        ));
    }
    url
}

/// A candidate's profile in the support console.
pub fn support_candidate(id: impl Borrow<i64>) -> String {
    format!("/support/candidates/{}", id.borrow())
}

/// Attaching `email` to account `id` (the page asks for the reason).
pub fn support_attach(id: impl Borrow<i64>, email: &str) -> String {
    format!(
        "/support/candidates/{}/attach?email={}",
        id.borrow(),
        encode_query(email)
    )
}

/// Merging account `other` into account `id` (the page asks for the reason).
pub fn support_merge(id: impl Borrow<i64>, other: impl Borrow<i64>) -> String {
    format!(
        "/support/candidates/{}/merge?other={}",
        id.borrow(),
        other.borrow()
    )
}

/// What the missing-badge form is sent to (its field names the address).
pub fn support_missing_form() -> &'static str {
    route::SUPPORT_MISSING
}

/// The missing-badge view of an address.
pub fn support_missing(email: &str) -> String {
    format!("{}?email={}", route::SUPPORT_MISSING, encode_query(email))
}

/// Resending the notification of an award (the page asks for the reason).
pub fn support_resend(id: &(impl AsRef<str> + ?Sized)) -> String {
    format!("/support/awards/{}/resend", segment(id.as_ref()))
}

/// Retrying a failed email (the page asks for the reason).
pub fn support_retry(id: impl Borrow<i64>) -> String {
    format!("/support/mail/{}/retry", id.borrow())
}

impl AsRef<str> for AwardId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// The site's address as the world reaches it (`PUBLIC_URL`), without a trailing slash:
/// every absolute URL is this plus a path of this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// `http://` or `https://` followed by a host; a trailing slash is dropped.
    pub fn parse(url: &str) -> Option<PublicUrl> {
        let trimmed = url.trim().trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        (!host.is_empty() && !trimmed.contains(['?', '#', ' ']))
            .then(|| PublicUrl(trimmed.to_owned()))
    }

    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// The host (and port), e.g. for the SMTP greeting or a Message-ID's domain.
    pub fn host(&self) -> &str {
        let rest = self
            .0
            .strip_prefix("https://")
            .or_else(|| self.0.strip_prefix("http://"))
            .unwrap_or(&self.0);
        rest.split('/').next().unwrap_or(rest)
    }

    /// This site's absolute URL of `path` (a path of this module, starting with `/`).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.0, path)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use actix_web::dev::ResourceDef;

    use super::*;

    fn token() -> SecretToken {
        SecretToken::from_presented("abc_DEF-123")
    }

    fn award() -> AwardId {
        AwardId::generate(&mut rand::rng())
    }

    #[test]
    fn every_path_built_here_is_matched_by_its_own_route() {
        let token = token();
        let award = award();
        let cases: Vec<(&str, String)> = vec![
            (route::HOME, home().into()),
            (route::SIGN_UP, sign_up().into()),
            (route::SIGN_IN, sign_in().into()),
            (route::SIGN_OUT, sign_out().into()),
            (route::SECOND_FACTOR, second_factor().into()),
            (route::SECOND_FACTOR, second_factor_then("/support")),
            (route::STAFF, staff().into()),
            (route::STAFF_END, staff_end().into()),
            (route::PROVIDER, provider("microsoft")),
            (route::PROVIDER_CALLBACK, provider_callback("microsoft")),
            (route::CONFIRM, confirm(&token)),
            (route::FORGOT_PASSWORD, forgot_password().into()),
            (route::RESET_PASSWORD, reset_password(&token)),
            (route::CLAIM, claim(&token)),
            (route::STOP_REMINDERS, stop_reminders(&token)),
            (
                route::STOP_REMINDERS_ONE_CLICK,
                stop_reminders_one_click(&token),
            ),
            (route::WALLET, wallet().into()),
            (route::WALLET, wallet_showing("pending")),
            (route::ACCEPT_ALL, accept_all().into()),
            (route::WALLET_BADGE, wallet_badge(&award)),
            (route::ACCEPT, accept(&award)),
            (route::DECLINE, decline(&award)),
            (route::VISIBILITY, visibility(&award)),
            (route::SETTINGS, settings().into()),
            (route::CAREER, career().into()),
            (route::CAREER, career_for_badge("AZ-104")),
            (route::SETTINGS, settings_form("profile")),
            (route::EMAIL_RESEND, email_resend().into()),
            (route::EMAIL_CANCEL, email_cancel().into()),
            (route::EMAIL_PRIMARY, email_primary(7)),
            (route::EMAIL_REMOVE, email_remove(7)),
            (route::PROVIDER_DISCONNECT, provider_disconnect("microsoft")),
            (route::SETTINGS_EXPORT, settings_export().into()),
            (route::SETTINGS_DELETE, settings_delete().into()),
            (route::DEV_MAIL, dev_mail().into()),
            (route::DEV_MAIL_MESSAGE, dev_mail_message(3)),
            (route::DEV_MAIL_HTML, dev_mail_html(3)),
            (route::STATIC_FILE, static_file("app.css")),
            (route::BADGE_IMAGE, badge_image("AZ-900")),
            (route::BADGE_IMAGE, badge_image_png("azure-fundamentals")),
            (route::WALLET_SHARE, wallet_share(&award)),
            (route::PUBLIC_BADGE, public_badge(&award)),
            (route::BAKED_PNG, baked_png(&award)),
            (route::BAKED_SVG, baked_svg(&award)),
            (route::SHARE_PREVIEW, share_preview(&award)),
            (route::PUBLIC_PROFILE, public_profile("ada-lovelace")),
            (route::VERIFY, verify().into()),
            (route::OB_ISSUER, ob_issuer("microsoft")),
            (route::OB_REVOCATIONS, ob_revocations("microsoft")),
            (route::OB_BADGE, ob_badge("AZ-900")),
            (route::OB_ASSERTION, ob_assertion(&award)),
            (route::HEALTH, health().into()),
            (route::ADMIN, admin().into()),
            (route::ADMIN_CATALOG, admin_catalog().into()),
            (route::ADMIN_CATALOG_ENTRY, admin_catalog_entry("AZ-900")),
            (route::ADMIN_RESULTS, admin_results().into()),
            (route::ADMIN_AWARDS, admin_award(award.as_str())),
            (route::ADMIN_TOKENS, admin_tokens().into()),
            (route::ADMIN_OUTBOX, admin_outbox("failing", Some(12))),
            (route::ADMIN_AUDIT, admin_audit("action=award.revoked")),
            (route::SUPPORT, support().into()),
            (
                route::SUPPORT,
                support_search("ada", Some(("ada", "a@b.example"))),
            ),
            (route::SUPPORT_CANDIDATE, support_candidate(7)),
            (route::SUPPORT_ATTACH, support_attach(7, "a+b@example.com")),
            (route::SUPPORT_MERGE, support_merge(7, 8)),
            (route::SUPPORT_MISSING, support_missing("a@example.com")),
            (route::SUPPORT_RESEND, support_resend(&award)),
            (route::SUPPORT_RETRY, support_retry(3)),
        ];
        for (pattern, path) in cases {
            assert!(
                ResourceDef::new(pattern).is_match(path.split('?').next().unwrap_or_default()),
                "{path} is not matched by {pattern}"
            );
        }
    }

    #[test]
    fn the_stable_urls_of_the_product_keep_their_spelling() {
        // PRODUCT.md, "Stable URLs": they are in emails and on profiles, and live for ever.
        for (pattern, stable) in [
            (route::HOME, "/"),
            (route::SIGN_UP, "/sign-up"),
            (route::SIGN_IN, "/sign-in"),
            (route::SIGN_OUT, "/sign-out"),
            (route::CONFIRM, "/confirm/{token}"),
            (route::FORGOT_PASSWORD, "/password/forgot"),
            (route::RESET_PASSWORD, "/password/reset/{token}"),
            (route::PROVIDER, "/auth/{provider}"),
            (route::PROVIDER_CALLBACK, "/auth/{provider}/callback"),
            (route::CLAIM, "/claim/{token}"),
            (route::WALLET, "/wallet"),
            (route::SETTINGS, "/settings"),
            (route::PUBLIC_BADGE, "/badges/{award_id}"),
            (route::BAKED_PNG, "/badges/{award_id}/image.png"),
            (route::BAKED_SVG, "/badges/{award_id}/image.svg"),
            (route::PUBLIC_PROFILE, "/u/{handle}"),
            (route::VERIFY, "/verify"),
            (route::OB_ISSUER, "/ob/v2/issuers/{slug}"),
            (route::OB_BADGE, "/ob/v2/badges/{code}"),
            (route::OB_ASSERTION, "/ob/v2/assertions/{award_id}"),
            (route::OB_REVOCATIONS, "/ob/v2/issuers/{slug}/revocations"),
            (route::HEALTH, "/healthz"),
        ] {
            assert_eq!(pattern, stable);
        }
        assert_eq!(api_results(), "/api/v1/results");
    }

    #[test]
    fn a_settings_form_names_its_section_in_its_query() {
        let url = settings_form("password");
        let query = url.split_once('?').map(|(_, q)| q).unwrap();
        assert_eq!(settings_form_of(query), Some("password"));
        assert_eq!(settings_form_of("lang=fr&form=emails"), Some("emails"));
        assert_eq!(settings_form_of("lang=fr"), None);
    }

    #[test]
    fn a_path_segment_cannot_leave_its_segment() {
        assert_eq!(provider("a/../b?c"), "/auth/a%2F..%2Fb%3Fc");
        assert_eq!(badge_image("AZ 900"), "/images/badges/AZ%20900.svg");
        assert_eq!(badge_image_png("a/b"), "/images/badges/a%2Fb.png");
    }

    #[test]
    fn sign_in_and_sign_up_carry_the_address_and_where_to_come_back() {
        let then = Then {
            email: Some("ada+x@example.com"),
            next: Some("/claim/abc"),
        };
        assert_eq!(
            sign_in_then(then),
            "/sign-in?email=ada%2Bx%40example.com&next=%2Fclaim%2Fabc"
        );
        assert_eq!(sign_up_then(Then::default()), "/sign-up");
        assert_eq!(
            sign_up_then(Then {
                email: None,
                next: Some("/wallet")
            }),
            "/sign-up?next=%2Fwallet"
        );
    }

    #[test]
    fn the_public_url_builds_absolute_urls_and_names_its_host() {
        let url = PublicUrl::parse("https://badges.example.org/").unwrap();
        assert_eq!(
            url.absolute(&claim(&token())),
            "https://badges.example.org/claim/abc_DEF-123"
        );
        assert_eq!(url.host(), "badges.example.org");
        assert!(url.is_https());
        let local = PublicUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(local.host(), "127.0.0.1:8080");
        assert!(!local.is_https());
        assert_eq!(PublicUrl::parse("badges.example.org"), None);
        assert_eq!(PublicUrl::parse("https://"), None);
        assert_eq!(PublicUrl::parse("https://x.org/?a=b"), None);
    }
}
