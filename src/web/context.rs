//! What every request carries: an id (in the logs, the `X-Request-Id` header and error pages),
//! its language, and the security headers of every response.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpMessage};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tracing::Instrument;

use crate::i18n::Locale;

pub const LANG_COOKIE: &str = "lang";
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Stored in the request's extensions by [`middleware`].
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: String,
    pub locale: Locale,
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

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let bytes: [u8; 9] = rand::random();
    let request_id = URL_SAFE_NO_PAD.encode(bytes);
    let (locale, remember) = choose_locale(&req);
    let secure = req.connection_info().scheme() == "https";
    req.extensions_mut().insert(RequestContext {
        request_id: request_id.clone(),
        locale,
    });
    let span = tracing::info_span!("request", id = %request_id, method = %req.method());
    let started = Instant::now();
    let mut res = next.call(req).instrument(span.clone()).await?;
    // The route's pattern, not its path: paths can hold tokens and award ids.
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(no route)".to_owned());
    span.in_scope(|| {
        tracing::info!(
            status = res.status().as_u16(),
            route = %route,
            micros = started.elapsed().as_micros() as u64,
            "served"
        );
    });
    let headers = res.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    if remember {
        let cookie = Cookie::build(LANG_COOKIE, locale.code())
            .path("/")
            .max_age(CookieDuration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(secure)
            .finish();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    Ok(res)
}

/// The Content-Security-Policy of every page: no inline script or style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Security headers added to every response that does not set its own.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ))
}
