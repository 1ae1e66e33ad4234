//! API tokens: `Authorization: Bearer <token>`, checked by `auth::api_tokens`.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use super::ApiError;
use crate::auth::api_tokens;
use crate::domain::SecretToken;
use crate::web::AppState;

/// The feed a valid token belongs to.
#[derive(Debug, Clone)]
pub struct ApiClient {
    pub token_name: String,
}

impl FromRequest for ApiClient {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<ApiClient, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let presented = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(SecretToken::from_presented);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let (Some(token), Some(state)) = (presented, state) else {
                return Err(ApiError::Unauthorized);
            };
            let name = api_tokens::authenticate(&state.db, &token).await?;
            name.map(|token_name| ApiClient { token_name })
                .ok_or(ApiError::Unauthorized)
        })
    }
}
