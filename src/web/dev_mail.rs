//! `/dev/mail`: the development mailbox, where mail goes when no SMTP server is configured.
//! It does not exist when mail is sent over SMTP. Its links can be followed as in a mail
//! client: the text version's addresses are links, and the framed HTML version's links open
//! in the whole window (the site's pages refuse to be framed).

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use super::forms::ok;
use super::page::Page;
use super::path::InPath;
use super::{AppState, WebError};
use crate::mail::dev_mailbox::{self, Mail};
use crate::urls;

#[derive(Template)]
#[template(path = "dev_mail/list.html")]
struct List {
    page: Page,
    mails: Vec<Mail>,
}

#[derive(Template)]
#[template(path = "dev_mail/show.html")]
struct Show<'a> {
    page: Page,
    mail: &'a Mail,
    /// The text version, its web addresses made links.
    text: Vec<Piece<'a>>,
}

/// A piece of a plain-text email: text, or a web address to link.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Cuts `text` at its `http://` and `https://` addresses (up to the next space; a final
/// `.`, `,`, `)`... is left out, as a sentence ends it).
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some((start, scheme)) = ["https://", "http://"]
        .into_iter()
        .filter_map(|scheme| rest.find(scheme).map(|at| (at, scheme)))
        .min()
    {
        let tail = &rest[start..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '"', '\'']);
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        // The scheme is never trimmed (it ends with `/`), so `url` holds it at least.
        if url.len() > scheme.len() {
            pieces.push(Piece::Link(url));
        } else {
            pieces.push(Piece::Text(url));
        }
        rest = &tail[url.len()..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// The HTML body with its links opening in the whole window rather than in the frame.
/// (The body is our own rendering; this adds a fixed tag and nothing else.)
fn preview(body: &str) -> String {
    const BASE: &str = r#"<base target="_top">"#;
    match body.find("<head>") {
        Some(at) => {
            let at = at + "<head>".len();
            format!("{}{BASE}{}", &body[..at], &body[at..])
        }
        None => format!("{BASE}{body}"),
    }
}

/// The development mailbox, which every page here reads: when mail goes over SMTP there is
/// none, and its pages are not found.
pub struct Mailbox(web::Data<AppState>);

impl Mailbox {
    fn db(&self) -> &PgPool {
        &self.0.db
    }
}

impl FromRequest for Mailbox {
    type Error = WebError;
    type Future = Ready<Result<Mailbox, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>();
        let on = state.filter(|state| state.dev_mailbox).cloned();
        ready(on.map(Mailbox).ok_or(WebError::NotFound))
    }
}

pub async fn list(page: Page, mailbox: Mailbox) -> Result<HttpResponse, WebError> {
    let mails = dev_mailbox::latest(mailbox.db()).await?;
    Ok(ok(List { page, mails }.render()?))
}

pub async fn show(page: Page, mailbox: Mailbox, id: InPath<i64>) -> Result<HttpResponse, WebError> {
    let mail = dev_mailbox::find(mailbox.db(), *id)
        .await?
        .ok_or(WebError::NotFound)?;
    let text = pieces(&mail.text_body);
    let body = Show {
        page,
        mail: &mail,
        text,
    }
    .render()?;
    Ok(ok(body))
}

/// The HTML body as the mail client would show it, framed by `show`: its inline styles are
/// allowed here and nothing else (no script, sandboxed); a followed link may only take the
/// whole window, and only when clicked.
pub async fn html(mailbox: Mailbox, id: InPath<i64>) -> Result<HttpResponse, WebError> {
    let body = dev_mailbox::html_body(mailbox.db(), *id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; \
             frame-ancestors 'self'; sandbox allow-top-navigation-by-user-activation",
        ))
        .insert_header((header::X_FRAME_OPTIONS, "SAMEORIGIN"))
        .body(preview(&body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_a_text_become_links_and_the_rest_stays_text() {
        assert_eq!(
            pieces("Claim your badge:\nhttps://badges.example/claim/abc\n\nBye"),
            [
                Piece::Text("Claim your badge:\n"),
                Piece::Link("https://badges.example/claim/abc"),
                Piece::Text("\n\nBye"),
            ]
        );
        assert_eq!(
            pieces("Sent by Accolade. http://127.0.0.1:8080."),
            [
                Piece::Text("Sent by Accolade. "),
                Piece::Link("http://127.0.0.1:8080"),
                Piece::Text("."),
            ]
        );
        assert_eq!(pieces("no link"), [Piece::Text("no link")]);
        assert_eq!(
            pieces("just https:// here"),
            [
                Piece::Text("just "),
                Piece::Text("https://"),
                Piece::Text(" here")
            ]
        );
        assert_eq!(pieces(""), []);
    }

    #[test]
    fn the_preview_opens_links_in_the_whole_window() {
        assert_eq!(
            preview("<html><head><title>x</title></head></html>"),
            r#"<html><head><base target="_top"><title>x</title></head></html>"#
        );
    }
}
