//! `/`: what Accolade is, for candidates and for recruiters.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::page::Page;
use super::{AppState, WebError};

pub struct IssuerSummary {
    pub name: String,
    pub badges: i64,
}

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    page: Page,
    issuers: Vec<IssuerSummary>,
}

pub async fn get(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let issuers = sqlx::query_as::<_, (String, i64)>(
        "SELECT i.name, count(b.id)
           FROM issuers i JOIN badge_classes b ON b.issuer_id = i.id AND b.policy = 'eligible'
          GROUP BY i.id ORDER BY i.name",
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|(name, badges)| IssuerSummary { name, badges })
    .collect();
    let body = Landing { page, issuers }.render()?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}
