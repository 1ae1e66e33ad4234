//! `POST /api/v1/results`: a JSON array of results, each validated and imported on its own
//! merits; the answer says what became of each item.

use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::Value;

use super::ApiError;
use super::auth::ApiClient;
use crate::domain::{NewResult, RawResult, RowError};
use crate::i18n::Localized;
use crate::results::{AwardedBadge, ItemOutcome, Summary, import_batch};
use crate::web::AppState;
use crate::web::page::Page;

#[derive(Serialize)]
struct ItemReport {
    index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    result_id: Option<String>,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    awards: Vec<AwardedBadge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ErrorReport>,
}

#[derive(Serialize)]
struct ErrorReport {
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

/// Reads the body of a feed up to the limit, answering 413 past it without reading the rest
/// (at once when the declared length is over it).
pub(super) async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<Vec<u8>, ApiError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::TooLarge(limit));
    }
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadBody(e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Validates each item on its own (a refused item, say one with a NUL in a name, is reported
/// with its errors and the others go on), then imports the valid items as one batch, in one
/// transaction: all or nothing. A database error answers 500 and stores none of them, so
/// the feed can send the same batch again; results already stored are recognised by
/// (source, result_id) and change nothing.
pub async fn post(
    client: ApiClient,
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body = read_body(&req, payload, state.api_max_body).await?;
    let items: Vec<Value> =
        serde_json::from_slice(&body).map_err(|e| ApiError::BadBody(e.to_string()))?;
    let page = Page::from_request(&req);
    let catalog = crate::catalog::current(&state.db).await?;
    let today = chrono::Utc::now().date_naive();

    let mut reports: Vec<ItemReport> = Vec::with_capacity(items.len());
    let mut valid: Vec<NewResult> = Vec::new();
    let mut valid_index: Vec<usize> = Vec::new();
    let mut summary = Summary::default();
    for (index, item) in items.into_iter().enumerate() {
        let result_id = item
            .get("result_id")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let raw = if item.is_object() {
            serde_json::from_value::<RawResult>(item).map_err(|_| vec![RowError::NotAnObject])
        } else {
            Err(vec![RowError::NotAnObject])
        };
        let validated = raw.and_then(|raw| raw.validate(&catalog, today));
        reports.push(ItemReport {
            index,
            result_id,
            outcome: "rejected",
            awards: Vec::new(),
            reason: None,
            errors: Vec::new(),
        });
        match validated {
            Ok(result) => {
                valid.push(result);
                valid_index.push(index);
            }
            Err(errors) => {
                reports[index].errors = errors
                    .iter()
                    .map(|e| ErrorReport {
                        field: e.field().map(|f| f.name()),
                        code: e.code(),
                        message: e.localize(&page),
                    })
                    .collect();
                summary.add(&ItemOutcome::Rejected(errors));
            }
        }
    }

    let outcomes = import_batch(&state.db, &catalog, &valid).await?;
    for (index, outcome) in valid_index.into_iter().zip(outcomes) {
        summary.add(&outcome);
        let report = &mut reports[index];
        match outcome {
            ItemOutcome::Awarded(awards) => {
                report.outcome = "awarded";
                report.awards = awards;
            }
            ItemOutcome::NoBadge(reason) => {
                report.outcome = "no_badge";
                report.reason = Some(reason.localize(&page));
            }
            ItemOutcome::AlreadyKnown => report.outcome = "already_known",
            ItemOutcome::Rejected(_) => {}
        }
    }
    tracing::info!(
        feed = %client.token_name,
        received = summary.received,
        imported = summary.imported,
        rejected = summary.rejected,
        "results received"
    );
    Ok(HttpResponse::Ok().json(Response {
        summary,
        items: reports,
    }))
}
