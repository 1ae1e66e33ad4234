//! Errors of the web pages, and the localized error pages.
//!
//! Handlers return [`WebError`]. What a user can act on has its own variant and status; the
//! rest is `Internal`, logged with its cause chain and shown as a plain 500 page with the
//! request id, never with internals. The API has its own error type (`api::ApiError`), which
//! answers JSON.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use super::page::Page;
use crate::urls;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    /// The page needs an account: sign in, then come back to this path.
    #[error("sign-in required")]
    SignInRequired(String),
    /// The page is not for now: go there first (a console asking staff for their second
    /// factor, or to set one up).
    #[error("see other")]
    Redirect(String),
    /// A form without the right CSRF token (forged, or from a page open too long).
    #[error("CSRF token missing or wrong")]
    Csrf,
    /// A form body that could not be read at all.
    #[error("unreadable form")]
    BadForm,
    /// Too many requests of this kind from this client: try again in so many minutes.
    #[error("throttled")]
    Throttled(i64),
    /// The server is checking as many passwords (see `auth::password::Hasher`) or drawing as
    /// many pictures (`art::Renderer`) as it can.
    #[error("too busy")]
    Busy,
    /// A form field (named) holds NUL or another control character: nothing of the form
    /// is used, since PostgreSQL could not store it.
    #[error("form field {0:?} holds a control character")]
    ControlCharacter(&'static str),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::auth::throttle::CheckError> for WebError {
    fn from(e: crate::auth::throttle::CheckError) -> Self {
        match e {
            crate::auth::throttle::CheckError::Database(e) => e.into(),
            crate::auth::throttle::CheckError::Busy(_) => WebError::Busy,
        }
    }
}

impl From<crate::art::ArtError> for WebError {
    fn from(e: crate::art::ArtError) -> Self {
        match e {
            crate::art::ArtError::Busy => WebError::Busy,
            other => WebError::Internal(other.into()),
        }
    }
}

impl From<crate::auth::password::Busy> for WebError {
    fn from(_: crate::auth::password::Busy) -> Self {
        WebError::Busy
    }
}

/// Seconds a client is asked to wait when the server is busy.
pub const RETRY_AFTER_BUSY: u32 = 5;

impl From<sqlx::Error> for WebError {
    fn from(e: sqlx::Error) -> Self {
        WebError::Internal(e.into())
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::Internal(e.into())
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::SignInRequired(_) | WebError::Redirect(_) => StatusCode::SEE_OTHER,
            WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::BadForm => StatusCode::BAD_REQUEST,
            WebError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::ControlCharacter(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// An empty body: [`error_pages`] renders the page, in the request's language.
    fn error_response(&self) -> HttpResponse<BoxBody> {
        match self {
            WebError::Internal(cause) => tracing::error!(error = ?cause, "request failed"),
            WebError::SignInRequired(next) => {
                let location = urls::sign_in_then(urls::Then {
                    email: None,
                    next: Some(next),
                });
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, location))
                    .finish();
            }
            WebError::Redirect(location) => {
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, location.as_str()))
                    .finish();
            }
            WebError::Csrf => tracing::warn!("form refused: CSRF token missing or wrong"),
            WebError::Throttled(minutes) => {
                tracing::warn!("client throttled");
                let seconds = minutes.saturating_mul(60).to_string();
                return HttpResponse::build(self.status_code())
                    .insert_header((header::RETRY_AFTER, seconds))
                    .finish();
            }
            WebError::Busy => {
                tracing::warn!("busy (password hashers or image renderers): request refused");
                return HttpResponse::build(self.status_code())
                    .insert_header((header::RETRY_AFTER, RETRY_AFTER_BUSY.to_string()))
                    .finish();
            }
            WebError::ControlCharacter(field) => {
                tracing::warn!(field, "form refused: a field holds a control character");
            }
            _ => {}
        }
        HttpResponse::new(self.status_code())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    status: u16,
    heading: String,
    message: String,
}

/// Renders a localized page for every error response that has no body of its own.
pub fn error_pages<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(render_error_page)
}

fn render_error_page<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let has_own_body = res.headers().contains_key(header::CONTENT_TYPE)
        || super::context::RouteKind::of(res.request()) == super::context::RouteKind::Api;
    if has_own_body {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let page = Page::from_request(res.request());
    let (heading, message) = match status {
        StatusCode::NOT_FOUND => (page.msg("error-404-heading"), page.msg("error-404-text")),
        StatusCode::FORBIDDEN => (page.msg("error-403-heading"), page.msg("error-403-text")),
        StatusCode::TOO_MANY_REQUESTS => {
            let minutes = res
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<i64>().ok())
                .map_or(60, |s| (s + 59) / 60);
            (
                page.msg("error-429-heading"),
                page.count("error-429-text", "minutes", minutes),
            )
        }
        StatusCode::SERVICE_UNAVAILABLE => (
            page.msg("error-503-heading"),
            page.msg1("error-503-text", "seconds", RETRY_AFTER_BUSY.to_string()),
        ),
        StatusCode::UNPROCESSABLE_ENTITY => {
            (page.msg("error-422-heading"), page.msg("error-422-text"))
        }
        s if s.is_client_error() => (page.msg("error-400-heading"), page.msg("error-400-text")),
        _ => (page.msg("error-500-heading"), page.msg("error-500-text")),
    };
    let body = ErrorPage {
        status: status.as_u16(),
        heading,
        message,
        page,
    }
    .render()
    .unwrap_or_else(|_| status.to_string());
    let retry_after = res.headers().get(header::RETRY_AFTER).cloned();
    let (req, _) = res.into_parts();
    let mut response = HttpResponse::build(status);
    response.content_type("text/html; charset=utf-8");
    if let Some(retry_after) = retry_after {
        response.insert_header((header::RETRY_AFTER, retry_after));
    }
    let response = response.body(body);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body::<B>(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_their_status() {
        assert_eq!(WebError::NotFound.status_code(), StatusCode::NOT_FOUND);
        assert_eq!(WebError::Csrf.status_code(), StatusCode::FORBIDDEN);
        assert_eq!(WebError::BadForm.status_code(), StatusCode::BAD_REQUEST);
        let busy = WebError::Busy.error_response();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.headers().get(header::RETRY_AFTER).unwrap(), "5");
        assert_eq!(
            WebError::ControlCharacter("display_name").status_code(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let sign_in = WebError::SignInRequired("/claim/a b".into()).error_response();
        assert_eq!(sign_in.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            sign_in.headers().get(header::LOCATION).unwrap(),
            "/sign-in?next=%2Fclaim%2Fa%20b"
        );
        let internal = WebError::Internal(anyhow::anyhow!("db down"));
        assert_eq!(internal.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        // Internals never reach the body.
        let body = internal.error_response().into_body();
        assert_eq!(
            actix_web::body::MessageBody::size(&body),
            actix_web::body::BodySize::Sized(0)
        );
    }
}
