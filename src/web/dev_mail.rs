//! `/dev/mail`: the development mailbox, where mail goes when no SMTP server is configured.
//! It does not exist when mail is sent over SMTP.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};

use super::page::Page;
use super::{AppState, WebError};

#[derive(sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Template)]
#[template(path = "dev_mail/list.html")]
struct List {
    page: Page,
    mails: Vec<Mail>,
}

#[derive(Template)]
#[template(path = "dev_mail/show.html")]
struct Show {
    page: Page,
    mail: Mail,
}

fn ok_html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body)
}

fn ensure_enabled(state: &AppState) -> Result<(), WebError> {
    if state.dev_mailbox {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

pub async fn list(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    ensure_enabled(&state)?;
    let mails = sqlx::query_as(
        "SELECT id, recipient, subject, text_body, created_at
           FROM dev_mailbox ORDER BY id DESC LIMIT 500",
    )
    .fetch_all(&state.db)
    .await?;
    Ok(ok_html(List { page, mails }.render()?))
}

async fn find(state: &AppState, id: &str) -> Result<Mail, WebError> {
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    sqlx::query_as(
        "SELECT id, recipient, subject, text_body, created_at FROM dev_mailbox WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(WebError::NotFound)
}

pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    ensure_enabled(&state)?;
    let mail = find(&state, &id).await?;
    Ok(ok_html(Show { page, mail }.render()?))
}

/// The HTML body as the mail client would show it, framed by `show`: its inline styles are
/// allowed here and nothing else (no script, sandboxed).
pub async fn html(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    ensure_enabled(&state)?;
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    let body: String = sqlx::query_scalar("SELECT html_body FROM dev_mailbox WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; \
             frame-ancestors 'self'; sandbox",
        ))
        .insert_header((header::X_FRAME_OPTIONS, "SAMEORIGIN"))
        .body(body))
}
