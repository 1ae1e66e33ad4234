//! `/`: what Accolade is, for candidates and for recruiters.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::page::Page;
use super::{AppState, WebError};
use crate::catalog::{self, IssuerSummary};
use crate::urls;

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    page: Page,
    issuers: Vec<IssuerSummary>,
}

pub async fn get(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let issuers = catalog::issuer_summaries(&state.db).await?;
    let body = Landing { page, issuers }.render()?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}
