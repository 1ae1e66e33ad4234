//! `POST /api/v1/jobs`: employers' job postings (schema.org `JobPosting`), a JSON array or
//! one object per line; each item is checked on its own and the answer says what became of
//! each (the accepted shape: `src/insights/jobs/mod.rs`).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use super::ApiError;
use super::auth::ApiClient;
use super::results::read_body;
use crate::i18n::Localized;
use crate::insights::jobs::{self, ImportError, MAX_ITEMS, Outcome, Summary, read};
use crate::web::AppState;
use crate::web::page::Page;

#[derive(Serialize)]
struct ItemReport {
    /// 0-based position in the feed.
    index: u64,
    /// 1-based line, for a JSON-lines body.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_key: Option<String>,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    posting_id: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<Message>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<Message>,
}

#[derive(Serialize)]
struct Message {
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct Response {
    summary: Summary,
    items: Vec<ItemReport>,
}

/// Reads each posting on its own (a refused one is reported with its errors, the others go
/// on), then stores the valid ones in one transaction: a database error answers 500 and
/// stores none of them, so the feed can send the same body again; postings already stored
/// are recognised by their key and change nothing.
pub async fn post(
    client: ApiClient,
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body = read_body(&req, payload, state.api_max_body).await?;
    let items = read::open(body.as_slice()).map_err(|e| ApiError::BadPostings(e.to_string()))?;
    let items: Vec<_> = items
        .collect::<Result<_, _>>()
        .map_err(anyhow::Error::from)?;
    if items.len() > MAX_ITEMS {
        return Err(ApiError::TooManyItems(MAX_ITEMS));
    }
    let page = Page::from_request(&req);
    let codes = jobs::catalog_codes(&state.db).await?;
    let now = chrono::Utc::now();
    let mut reports = Vec::with_capacity(items.len());
    let imported = jobs::import(
        &state.db,
        &codes,
        items.into_iter().map(Ok),
        now,
        None,
        |item| {
            let errors = match &item.outcome {
                Outcome::Rejected(errors) => errors
                    .iter()
                    .map(|e| Message {
                        field: e.field().map(|f| f.name()),
                        code: e.code(),
                        message: e.localize(&page),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            reports.push(ItemReport {
                index: item.index,
                line: match item.position {
                    read::Position::Line(line) => Some(line),
                    read::Position::Index(_) => None,
                },
                source_key: item.source_key.clone(),
                outcome: item.outcome.code(),
                posting_id: item.outcome.posting_id(),
                warnings: item
                    .warnings
                    .iter()
                    .map(|w| Message {
                        field: Some(w.field().name()),
                        code: w.code(),
                        message: w.localize(&page),
                    })
                    .collect(),
                errors,
            });
        },
    )
    .await;
    let summary = match imported {
        Ok(summary) => summary,
        Err(ImportError::Database { source, .. }) => return Err(ApiError::from(source)),
        Err(error @ ImportError::Read { .. }) => return Err(ApiError::Internal(error.into())),
    };
    tracing::info!(
        feed = %client.token_name,
        received = summary.received,
        created = summary.created,
        updated = summary.updated,
        rejected = summary.rejected,
        "job postings received"
    );
    Ok(HttpResponse::Ok().json(Response {
        summary,
        items: reports,
    }))
}
