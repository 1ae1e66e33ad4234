//! `/images/badges/{code}.svg`: the picture of a badge class, drawn from its code, kind and
//! issuer (the catalog has no images). Badges of exams are blue, of certifications green.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::{AppState, WebError};
use crate::domain::BadgeKind;

#[derive(Template)]
#[template(path = "images/badge.svg", escape = "xml")]
struct BadgeSvg<'a> {
    title: &'a str,
    issuer: &'a str,
    code: &'a str,
    fill: &'static str,
    code_size: u32,
}

pub async fn get(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let code = file.strip_suffix(".svg").ok_or(WebError::NotFound)?;
    let art = crate::catalog::badge_art(&state.db, code)
        .await?
        .ok_or(WebError::NotFound)?;
    // The code fits the inner hexagon (138 px wide where it is written): a bold character
    // is about 0.62 em wide.
    let chars = art.code.chars().count().max(1) as f64;
    let code_size = (138.0 / (0.62 * chars)).clamp(10.0, 30.0) as u32;
    let body = BadgeSvg {
        title: &art.title,
        issuer: &art.issuer,
        code: &art.code,
        fill: match art.kind {
            BadgeKind::Certification => "#1a7f37",
            BadgeKind::Exam => "#0b5cad",
        },
        code_size,
    }
    .render()?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(body))
}
