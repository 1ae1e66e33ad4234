//! What every request carries: an id (in the logs, the `X-Request-Id` header and error pages),
//! its language, and the security headers of every response.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::web::Data;
use actix_web::{Error, HttpMessage, HttpRequest};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tracing::Instrument;

use super::AppState;
use crate::i18n::Locale;

pub const LANG_COOKIE: &str = "lang";
/// The double-submit CSRF cookie: every form carries its value in a hidden field.
pub const CSRF_COOKIE: &str = "csrf";
/// A message id to show once on the next page (set with a redirect).
pub const FLASH_COOKIE: &str = "flash";
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Stored in the request's extensions by [`middleware`].
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: String,
    pub locale: Locale,
    /// The CSRF token forms of this page carry (the cookie's value, or a new one).
    pub csrf: String,
    /// A message id left by the previous response, shown once.
    pub flash: Option<String>,
}

fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(secure)
        .finish()
}

/// Whether the site is served over https, from its public URL (never from what a request
/// claims): cookies are then `Secure`.
pub fn is_https(req: &HttpRequest) -> bool {
    req.app_data::<Data<AppState>>().is_some_and(|s| s.https)
}

/// A cookie of the site: whole site, HttpOnly, SameSite=Lax, Secure under https. Every
/// cookie the site sets is made here, but the session's (actix-session, set up alike in
/// `startup`).
pub fn site_cookie(name: &'static str, value: String, req: &HttpRequest) -> Cookie<'static> {
    cookie(name, value, is_https(req))
}

fn append_cookie(headers: &mut actix_web::http::header::HeaderMap, cookie: &Cookie<'_>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        headers.append(header::SET_COOKIE, value);
    }
}

/// A message id is letters, digits and dashes (it came back from the browser).
fn valid_flash(id: &str) -> bool {
    id.starts_with("flash-")
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `?lang=` (remembered in a cookie), else the cookie, else Accept-Language, else English.
fn choose_locale(req: &ServiceRequest) -> (Locale, bool) {
    let from_query = req
        .query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang=").and_then(Locale::from_tag));
    if let Some(locale) = from_query {
        return (locale, true);
    }
    let from_cookie = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Locale::from_tag(c.value()));
    let from_header = || {
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::negotiate)
    };
    (from_cookie.or_else(from_header).unwrap_or_default(), false)
}

/// What a route is, which says what its responses carry. Every route is registered under
/// one of these (see `web::routes`), and its middleware stores it in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// An HTML page: session, CSRF cookie, the remembered language, `no-store`.
    Page,
    /// A public resource (images, style sheets, later JSON-LD and feeds): no cookies,
    /// cacheable, readable from other origins.
    Resource,
    /// For programs (the JSON API, health): no cookies, `no-store`, errors as their own bodies.
    Api,
}

impl RouteKind {
    /// The kind of the route that served `req`; a request no route matched is a page (it gets
    /// the site's 404 page).
    pub fn of(req: &HttpRequest) -> RouteKind {
        req.extensions()
            .get::<RouteKind>()
            .copied()
            .unwrap_or(RouteKind::Page)
    }
}

/// Every request: its id, its language, its log line and the time the app took.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let bytes: [u8; 9] = rand::random();
    let request_id = URL_SAFE_NO_PAD.encode(bytes);
    let (locale, _) = choose_locale(&req);
    req.extensions_mut().insert(RequestContext {
        request_id: request_id.clone(),
        locale,
        csrf: String::new(),
        flash: None,
    });
    let span = tracing::info_span!("request", id = %request_id, method = %req.method());
    let started = Instant::now();
    let mut res = next.call(req).instrument(span.clone()).await?;
    let elapsed = started.elapsed();
    // The route's pattern, not its path: paths can hold tokens and award ids.
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(no route)".to_owned());
    span.in_scope(|| {
        tracing::info!(
            status = res.status().as_u16(),
            route = %route,
            micros = elapsed.as_micros() as u64,
            "served"
        );
    });
    let headers = res.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    // The time spent in the app (pages are rendered whole before they are sent), for
    // browsers' developer tools and the wallet benchmark.
    if let Ok(value) =
        HeaderValue::from_str(&format!("app;dur={:.3}", elapsed.as_secs_f64() * 1000.0))
    {
        headers.insert(HeaderName::from_static("server-timing"), value);
    }
    Ok(res)
}

/// The routes of [`RouteKind::Page`]: the CSRF token of the page's forms (a cookie until a
/// session holds one), the message left by the previous step, the language chosen with
/// `?lang=` remembered, and no copy kept by any cache (pages carry the signed-in header and
/// CSRF tokens, some of them private data: a shared computer's back button).
pub async fn page(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    req.extensions_mut().insert(RouteKind::Page);
    let (locale, remember) = choose_locale(&req);
    let secure = is_https(req.request());
    let presented_csrf = req
        .cookie(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 43);
    let new_csrf = presented_csrf.is_none().then(|| {
        let bytes: [u8; 32] = rand::random();
        URL_SAFE_NO_PAD.encode(bytes)
    });
    let flash = req
        .cookie(FLASH_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|id| valid_flash(id));
    let had_flash = req.cookie(FLASH_COOKIE).is_some();
    if let Some(context) = req.extensions_mut().get_mut::<RequestContext>() {
        context.csrf = presented_csrf
            .or_else(|| new_csrf.clone())
            .unwrap_or_default();
        context.flash = flash;
    }
    let mut res = next.call(req).await?;
    let redirect = res.status().is_redirection();
    let headers = res.headers_mut();
    if remember {
        let mut lang = cookie(LANG_COOKIE, locale.code().to_owned(), secure);
        lang.set_max_age(CookieDuration::days(365));
        append_cookie(headers, &lang);
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(token) = new_csrf {
        append_cookie(headers, &cookie(CSRF_COOKIE, token, secure));
    }
    let sets_flash = headers
        .get_all(header::SET_COOKIE)
        .any(|v| v.as_bytes().starts_with(b"flash="));
    if had_flash && !sets_flash && !redirect {
        let mut gone = cookie(FLASH_COOKIE, String::new(), secure);
        gone.make_removal();
        append_cookie(headers, &gone);
    }
    Ok(res)
}

/// How long a public resource without its own `Cache-Control` may be kept.
pub const RESOURCE_CACHE_CONTROL: &str = "public, max-age=3600";

/// The routes of [`RouteKind::Resource`]: never a cookie, cacheable unless the handler says
/// otherwise, and JSON readable by verifiers on other origins.
pub async fn resource(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    req.extensions_mut().insert(RouteKind::Resource);
    let mut res = next.call(req).await?;
    let success = res.status().is_success();
    let headers = res.headers_mut();
    headers.remove(header::SET_COOKIE);
    if success && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(RESOURCE_CACHE_CONTROL),
        );
    }
    // `application/json` and the JSON-based types (`application/ld+json` of the Open
    // Badges documents), whatever their status: a verifier reads a 404 or a 410 too.
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            let essence = essence.trim();
            essence == "application/json" || essence.ends_with("+json")
        });
    if json {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    Ok(res)
}

/// The routes of [`RouteKind::Api`]: never a cookie, never cached.
pub async fn api(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    req.extensions_mut().insert(RouteKind::Api);
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    headers.remove(header::SET_COOKIE);
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// The Content-Security-Policy of every page: no inline script or style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Browsers that saw the site over https stay on https for a year.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Security headers added to every response that does not set its own; under https (its
/// public URL), Strict-Transport-Security too.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add((header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ))
}
