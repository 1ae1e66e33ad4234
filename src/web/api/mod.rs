//! The JSON API (bearer tokens): `/api/v1/...`.

pub mod auth;
pub mod jobs;
pub mod results;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use serde_json::json;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        crate::urls::route::API_RESULTS,
        web::post().to(results::post),
    );
    cfg.route(crate::urls::route::API_JOBS, web::post().to(jobs::post));
}

/// Errors of the API: JSON bodies with a stable `error` code and a readable `message`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("a valid API token is required (Authorization: Bearer <token>)")]
    Unauthorized,
    #[error("the body must be a JSON array of results: {0}")]
    BadBody(String),
    #[error("the body is larger than {0} bytes: send the results in smaller batches")]
    TooLarge(usize),
    #[error(
        "the body must be a JSON array of schema.org JobPosting objects, or one such object per line: {0}"
    )]
    BadPostings(String),
    #[error("the body holds more than {0} postings: send them in smaller batches")]
    TooManyItems(usize),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::Internal(e.into())
    }
}

impl ApiError {
    fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized",
            ApiError::BadBody(_) => "bad_request",
            ApiError::TooLarge(_) | ApiError::TooManyItems(_) => "payload_too_large",
            ApiError::BadPostings(_) => "bad_request",
            ApiError::Internal(_) => "internal",
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::BadBody(_) | ApiError::BadPostings(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge(_) | ApiError::TooManyItems(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = ?cause, "API request failed");
        }
        if matches!(self, ApiError::Unauthorized) {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        response.json(json!({ "error": self.code(), "message": self.to_string() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_map_to_their_status() {
        assert_eq!(
            ApiError::Unauthorized.status_code(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            ApiError::BadBody("x".into()).status_code(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            ApiError::TooLarge(1).status_code(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
        let internal = ApiError::Internal(anyhow::anyhow!("secret detail"));
        assert_eq!(internal.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(internal.to_string(), "internal error");
    }
}
