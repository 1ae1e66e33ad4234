//! `/confirm/{token}`: the link that confirms an address, of a new account (sign-up) or one
//! added in settings. Opening it shows a button; the address is confirmed by the POST, so a
//! mail scanner that opens links confirms nothing.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde_json::Value;

use super::LinkProblem;
use crate::accounts::links::{self, Purpose, Taken};
use crate::accounts::{self, Added, Created, NewAccount};
use crate::domain::SecretToken;
use crate::i18n::Locale;
use crate::web::forms::{Checked, html, ok, see_other_with};
use crate::web::page::Page;
use crate::web::session::{safe_next, sign_in, signed_in_candidate};
use crate::web::{AppState, WebError};

crate::form!(ConfirmForm {});

#[derive(Template)]
#[template(path = "accounts/confirm.html")]
struct ConfirmPage {
    page: Page,
    token: String,
    email: String,
    adding: bool,
}

const PURPOSES: [Purpose; 2] = [Purpose::SignUp, Purpose::AddEmail];

/// The page for a link that cannot be used, with its status.
pub fn problem(page: Page, taken: &Taken) -> Result<HttpResponse, WebError> {
    let (status, heading, text) = match taken {
        Taken::Used => (StatusCode::GONE, "link-used-heading", "link-used-text"),
        Taken::Expired => (
            StatusCode::GONE,
            "link-expired-heading",
            "link-expired-text",
        ),
        _ => (
            StatusCode::NOT_FOUND,
            "link-unknown-heading",
            "link-unknown-text",
        ),
    };
    let body = LinkProblem {
        heading: page.msg(heading),
        text: page.msg(text),
        action: ("/sign-in".to_owned(), page.msg("sign-in-title")),
        page,
    }
    .render()?;
    Ok(html(status, body))
}

pub async fn get(
    page: Page,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    let mut conn = state.db.acquire().await?;
    match links::peek(&mut conn, &token, &PURPOSES).await? {
        Taken::Valid(link) => Ok(ok(ConfirmPage {
            page,
            token: token.expose().to_owned(),
            email: link.email.as_str().to_owned(),
            adding: link.purpose == Purpose::AddEmail,
        }
        .render()?)),
        other => problem(page, &other),
    }
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    token: web::Path<String>,
    Checked(_): Checked<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    let mut tx = state.db.begin().await?;
    let link = match links::take(&mut tx, &token, &PURPOSES).await? {
        Taken::Valid(link) => link,
        other => return problem(page, &other),
    };
    let text = |key: &str| {
        link.data
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let next = safe_next(text("next"));
    match (link.purpose, link.candidate_id) {
        (Purpose::AddEmail, Some(owner)) => {
            let added = accounts::add_address(&mut tx, owner, &link.email).await?;
            tx.commit().await?;
            let flash = match added {
                Added::Added { .. } | Added::AlreadyYours => "flash-address-added",
                Added::TakenByOther => "flash-address-taken",
            };
            let to = if signed_in_candidate(&req) == Some(owner) {
                next.unwrap_or_else(|| "/settings".to_owned())
            } else {
                "/sign-in".to_owned()
            };
            Ok(see_other_with(&to, flash, &req))
        }
        _ => {
            let locale = Locale::from_tag(text("locale")).unwrap_or(page.t.locale);
            let hash = text("password_hash");
            let created = accounts::create(
                &mut tx,
                NewAccount {
                    email: &link.email,
                    display_name: text("display_name"),
                    locale,
                    password_hash: (!hash.is_empty()).then_some(hash),
                },
            )
            .await?;
            tx.commit().await?;
            match created {
                Created::Account(id) => {
                    sign_in(&session, id)?;
                    let to = next.unwrap_or_else(|| "/wallet".to_owned());
                    Ok(see_other_with(&to, "flash-account-confirmed", &req))
                }
                Created::AddressTaken(_) => Ok(see_other_with(
                    "/sign-in",
                    "flash-address-has-account",
                    &req,
                )),
            }
        }
    }
}
