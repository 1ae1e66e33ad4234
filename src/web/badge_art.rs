//! `/images/badges/{code}.svg`: the picture of a badge class, drawn from its code, kind and
//! issuer (the catalog has no images). Badges of exams are blue, of certifications green.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::{AppState, WebError};

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
    let class: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT b.code, b.title, b.kind, i.name
           FROM badge_classes b JOIN issuers i ON i.id = b.issuer_id
          WHERE lower(b.code) = lower($1)",
    )
    .bind(code)
    .fetch_optional(&state.db)
    .await?;
    let (code, title, kind, issuer) = class.ok_or(WebError::NotFound)?;
    // The code fits the inner hexagon (138 px wide where it is written): a bold character
    // is about 0.62 em wide.
    let chars = code.chars().count().max(1) as f64;
    let code_size = (138.0 / (0.62 * chars)).clamp(10.0, 30.0) as u32;
    let body = BadgeSvg {
        title: &title,
        issuer: &issuer,
        code: &code,
        fill: if kind == "certification" {
            "#1a7f37"
        } else {
            "#0b5cad"
        },
        code_size,
    }
    .render()?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(body))
}
