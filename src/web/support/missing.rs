//! `GET /support/missing?email=ADDRESS&name=NAME`: "where is my badge?" for one address.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::EmailAddress;
use crate::support::missing::{self, Missing};
use crate::urls;
use crate::web::forms::{Errors, html, ok};
use crate::web::page::Page;
use crate::web::staff::Support;
use crate::web::{AppState, WebError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MissingQuery {
    email: String,
    name: String,
}

#[derive(Template)]
#[template(path = "support/missing.html")]
struct MissingPage {
    page: Page,
    email: String,
    name: String,
    errors: Errors,
    m: Option<Missing>,
}

pub async fn get(
    page: Page,
    _staff: Support,
    state: web::Data<AppState>,
    query: web::Query<MissingQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let Ok(email) = EmailAddress::parse(&query.email) else {
        let errors = if query.email.trim().is_empty() {
            Errors::default()
        } else {
            Errors::one("email", page.msg("form-email-invalid"))
        };
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let body = MissingPage {
            page,
            email: query.email,
            name: query.name,
            errors,
            m: None,
        };
        return Ok(html(status, body.render()?));
    };
    let name =
        Some(query.name.trim()).filter(|n| !n.is_empty() && !n.chars().any(char::is_control));
    let m = missing::look(&state.db, &email, name).await?;
    Ok(ok(MissingPage {
        page,
        email: email.as_str().to_owned(),
        name: query.name.trim().to_owned(),
        errors: Errors::default(),
        m: Some(m),
    }
    .render()?))
}
