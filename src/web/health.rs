//! `/healthz`: 200 when the database answers, 503 when it does not.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::AppState;

pub async fn get(state: web::Data<AppState>) -> HttpResponse {
    match crate::db::ping(&state.db).await {
        Ok(_) => HttpResponse::Ok().json(json!({ "status": "ok", "database": "ok" })),
        Err(error) => {
            tracing::error!(%error, "health check: database unavailable");
            HttpResponse::ServiceUnavailable()
                .json(json!({ "status": "unavailable", "database": "unreachable" }))
        }
    }
}
