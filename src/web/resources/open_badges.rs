//! `/ob/v2/…`: this site's Open Badges 2.0 documents, as `application/ld+json`, for
//! verifiers (the 1EdTech validator, backpacks, the verification tool of other sites).
//!
//! - `GET /ob/v2/issuers/{slug}`: the issuer's profile.
//! - `GET /ob/v2/issuers/{slug}/revocations`: its revocation list.
//! - `GET /ob/v2/badges/{code}`: a badge class that gives badges.
//! - `GET /ob/v2/assertions/{award_id}`: a public award (hosted verification).
//!
//! Every document's `id` is the absolute URL it is served at (the site's public URL and the
//! path of `crate::urls`). A badge class asked for in another letter case is sent to its own
//! address, so that what a verifier fetches is what the document names.
//!
//! A revoked assertion answers 410 Gone with its document (`revoked: true` and the reason),
//! since a verifier may read either. Whatever else has no public view answers [`not_found`]:
//! an unknown or malformed id, and a pending, declined or private award or one of a private
//! profile, all alike, so nobody can tell an award that exists from one that does not.
//!
//! Documents may be cached for a few minutes only ([`CACHE_CONTROL`]): an assertion can be
//! revoked, and a badge made private.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::awards;
use crate::catalog;
use crate::domain::{AwardId, AwardState};
use crate::openbadges::hosted;
use crate::urls;
use crate::web::{AppState, WebError};

/// The media type of every document (the validator also takes `application/json`).
pub const JSON_LD: &str = "application/ld+json";

/// How long a document may be kept.
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// The one answer of everything that has no public view.
pub const NOT_FOUND_BODY: &str = r#"{"error":"not found"}"#;

fn document(status: StatusCode, body: &impl Serialize) -> Result<HttpResponse, WebError> {
    let json = serde_json::to_vec(body).map_err(|e| WebError::Internal(e.into()))?;
    Ok(HttpResponse::build(status)
        .content_type(JSON_LD)
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .body(json))
}

/// 404 for whatever has no public view: the same bytes and headers whatever the reason.
/// Not kept by caches: the award may be accepted or made public in a moment.
pub fn not_found() -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(NOT_FOUND_BODY)
}

pub async fn issuer(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    match catalog::issuer(&state.db, &slug).await? {
        Some(issuer) => document(StatusCode::OK, &hosted::issuer(&issuer, &state.public_url)),
        None => Ok(not_found()),
    }
}

pub async fn revocations(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    match awards::revocations(&state.db, &slug).await? {
        Some(revoked) => document(
            StatusCode::OK,
            &hosted::revocation_list(&slug, &revoked, &state.public_url),
        ),
        None => Ok(not_found()),
    }
}

pub async fn badge_class(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(class) = catalog::badge_class(&state.db, &code).await? else {
        return Ok(not_found());
    };
    if class.code != *code {
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, urls::ob_badge(&class.code)))
            .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
            .finish());
    }
    document(
        StatusCode::OK,
        &hosted::badge_class(&class, &state.public_url),
    )
}

pub async fn assertion(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = AwardId::parse(&id) else {
        return Ok(not_found());
    };
    let Some(badge) = awards::public_badge(&state.db, &id).await? else {
        return Ok(not_found());
    };
    let status = if badge.state == AwardState::Revoked {
        StatusCode::GONE
    } else {
        StatusCode::OK
    };
    document(status, &hosted::assertion(&badge, &state.public_url))
}
