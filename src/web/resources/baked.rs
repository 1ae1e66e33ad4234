//! The pictures of one award, for anyone its earner shows it to: the badge image with its
//! Open Badges assertion baked in (`/badges/{id}/image.png`, `/badges/{id}/image.svg`) and
//! the 1200 x 630 picture networks show for a shared link (`/badges/{id}/preview.png`).
//!
//! A badge that is not public answers 404, exactly like an unknown id; a revoked one has no
//! baked image any more (410: its assertion is revoked too), but keeps its preview, since
//! its page still says what happened. Each picture is drawn once and kept by the renderer
//! while the award and its assertion stay the same.

use actix_web::http::header::{self, ContentEncoding};
use actix_web::{HttpResponse, web};

use crate::art;
use crate::awards::{self, PublicBadge};
use crate::domain::{AwardId, AwardState};
use crate::i18n::{Locale, format};
use crate::openbadges::hosted;
use crate::web::path::InPath;
use crate::web::{AppState, WebError};

/// Awards can be revoked: a proxy keeps their pictures a few minutes only.
const CACHE_CONTROL: &str = "public, max-age=300";

async fn public(state: &AppState, id: &AwardId) -> Result<PublicBadge, WebError> {
    awards::public_badge(&state.db, id)
        .await?
        .ok_or(WebError::NotFound)
}

/// The art's design of a public badge (its label held by `label`).
fn design<'a>(badge: &'a PublicBadge, label: &'a str) -> art::Design<'a> {
    art::Design {
        kind: badge.kind,
        level: badge.level,
        label,
        issuer: &badge.issuer,
        title: &badge.title,
        retired: badge.retired_on.is_some(),
    }
}

fn label(badge: &PublicBadge) -> String {
    art::short_label(
        badge.kind,
        &badge.code,
        &badge.title,
        badge.label.as_deref(),
    )
}

/// The file name a saved picture gets: the badge's title, readable
/// (`Azure-Administrator-Associate.png`), as its `Content-Disposition`.
fn disposition(badge: &PublicBadge, extension: &str) -> String {
    // RFC 6266: the name may have letters of any script, so it goes percent-encoded.
    format!(
        "inline; filename*=UTF-8''{}",
        crate::urls::encode_query(&crate::sharing::download_name(&badge.title, extension))
    )
}

/// What baking an award's image needs: its public view, its assertion (JSON, and the URL it
/// is served at), its art's label and the version of its art.
struct ToBake {
    badge: PublicBadge,
    assertion: String,
    verify_url: String,
    label: String,
    version: String,
}

/// The award `id` to bake; `None` once revoked (it has no baked image any more).
async fn to_bake(state: &AppState, id: &AwardId) -> Result<Option<ToBake>, WebError> {
    let badge = public(state, id).await?;
    if badge.state == AwardState::Revoked {
        return Ok(None);
    }
    let document = hosted::assertion(&badge, &state.public_url);
    let assertion = serde_json::to_string(&document).map_err(|e| WebError::Internal(e.into()))?;
    Ok(Some(ToBake {
        label: label(&badge),
        version: badge.class_updated_at.timestamp_micros().to_string(),
        verify_url: document.header.id,
        assertion,
        badge,
    }))
}

fn baked_response(content_type: &str, disposition: String) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .insert_header((header::CONTENT_DISPOSITION, disposition));
    response
}

/// `/badges/{id}/image.png`. Asked for again, the PNG costs one lookup by key: it is kept
/// with its file name at the version of the award's public view (`awards::public_version`),
/// which any change of what it carries changes (a revoked award is never kept: its version
/// changed when it was revoked).
pub async fn png(
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
    let (version, _) = state.public_version(&id).await?.ok_or(WebError::NotFound)?;
    let (image, disposition) = match state.baked_pngs.get(id.as_str(), &version) {
        Some(kept) => kept,
        None => {
            let Some(bake) = to_bake(&state, &id).await? else {
                return Ok(HttpResponse::Gone().finish());
            };
            let image = state
                .renderer
                .baked_png(
                    &bake.badge.id,
                    (&bake.badge.code, &bake.version),
                    &design(&bake.badge, &bake.label),
                    &bake.assertion,
                )
                .await?;
            let made = (image, disposition(&bake.badge, "png"));
            state.baked_pngs.keep(id.as_str(), &version, made.clone());
            made
        }
    };
    Ok(baked_response("image/png", disposition)
        // Already compressed: the compression middleware leaves it alone.
        .insert_header(ContentEncoding::Identity)
        .body(web::Bytes::from_owner(image)))
}

pub async fn svg(
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
    let Some(bake) = to_bake(&state, &id).await? else {
        return Ok(HttpResponse::Gone().finish());
    };
    let art = state.renderer.badge_svg(
        &bake.badge.code,
        &bake.version,
        &design(&bake.badge, &bake.label),
    );
    let baked = crate::openbadges::svg::bake(&art, &bake.assertion, &bake.verify_url)
        .map_err(|e| WebError::Internal(e.into()))?;
    Ok(baked_response("image/svg+xml", disposition(&bake.badge, "svg")).body(baked))
}

pub async fn preview(
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
    let badge = public(&state, &id).await?;
    let label = label(&badge);
    // Crawlers send no language: the date is written the program's default way.
    let date = format::date(Locale::default(), badge.issued_on);
    let version = format!(
        "{}-{}-{}",
        badge.class_updated_at.timestamp_micros(),
        badge.earner,
        badge.issued_on
    );
    let image = state
        .renderer
        .preview_png(
            &badge.id,
            &version,
            &art::Preview {
                design: design(&badge, &label),
                title: &badge.title,
                earner: &badge.earner,
                issuer: &badge.issuer,
                date_text: &date,
            },
        )
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .insert_header(ContentEncoding::Identity)
        .body(web::Bytes::from_owner(image)))
}
