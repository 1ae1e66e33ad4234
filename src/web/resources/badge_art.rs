//! `/images/badges/{code}.svg` and `/images/badges/{code}.png`: the picture of a badge
//! class, drawn by [`crate::art`] from what the catalog says about it (kind, level, label,
//! issuer, status). The renderer keeps each picture until the class changes; browsers keep
//! it a day, then revalidate it with its `ETag`.

use actix_web::http::header::{self, ContentEncoding};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::art;
use crate::domain::Status;
use crate::web::{AppState, WebError};

/// How long a browser or proxy keeps a badge's picture before it asks again.
const CACHE_CONTROL: &str = "public, max-age=86400";

pub async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (code, png) = match (file.strip_suffix(".svg"), file.strip_suffix(".png")) {
        (Some(code), _) => (code, false),
        (_, Some(code)) => (code, true),
        _ => return Err(WebError::NotFound),
    };
    let class = state.badge_art(code).await?.ok_or(WebError::NotFound)?;
    let version = class.version();
    let etag = format!(
        "\"{}-{version}-{}\"",
        art::REVISION,
        if png { "png" } else { "svg" }
    );
    if matches_etag(&req, &etag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
            .insert_header((header::ETAG, etag))
            .finish());
    }
    let label = art::short_label(
        class.kind,
        &class.code,
        &class.title,
        class.label.as_deref(),
    );
    let design = art::Design {
        kind: class.kind,
        level: class.level,
        label: &label,
        issuer: &class.issuer,
        title: &class.title,
        retired: class.status == Status::Retired,
    };
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .insert_header((header::ETAG, etag));
    if png {
        let image = state
            .renderer
            .badge_png(&class.code, &version, &design)
            .await?;
        Ok(response
            .content_type("image/png")
            // Already compressed: the compression middleware leaves it alone.
            .insert_header(ContentEncoding::Identity)
            .body(web::Bytes::from_owner(image)))
    } else {
        let svg = state.renderer.badge_svg(&class.code, &version, &design);
        Ok(response.content_type("image/svg+xml").body(svg.to_string()))
    }
}

/// Whether the request's `If-None-Match` names `etag` (or `*`).
fn matches_etag(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}
