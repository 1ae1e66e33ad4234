//! `/confirm/{token}`: the link that confirms an address, of a new account (sign-up) or one
//! added in settings. Opening it shows a button; the address is confirmed by the POST, so a
//! mail scanner that opens links confirms nothing.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::link_problem;
use crate::accounts::Added;
use crate::accounts::confirm::{self, Confirmed};
use crate::accounts::links::{Purpose, Taken};
use crate::domain::SecretToken;
use crate::urls;
use crate::web::forms::{Checked, ok, remember_locale, see_other_with};
use crate::web::page::Page;
use crate::web::path::InPath;
use crate::web::session::{safe_next, sign_in, signed_in_candidate};
use crate::web::{AppState, WebError};

crate::form!(ConfirmForm {});

#[derive(Template)]
#[template(path = "accounts/confirm.html")]
struct ConfirmPage {
    page: Page,
    email: String,
    adding: bool,
}

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
    let instead = (urls::sign_in(), "sign-in-title");
    link_problem(page, status, heading, text, instead)
}

pub async fn get(
    page: Page,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
) -> Result<HttpResponse, WebError> {
    match confirm::peek(&state.db, &token).await? {
        Taken::Valid(link) => Ok(ok(ConfirmPage {
            page,
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
    token: InPath<SecretToken>,
    Checked(_): Checked<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    match confirm::confirm(&state.db, &token, page.t.locale).await? {
        Confirmed::Refused(taken) => problem(page, &taken),
        Confirmed::Address { owner, added, next } => {
            let flash = match added {
                Added::Added { .. } | Added::AlreadyYours => "flash-address-added",
                Added::TakenByOther => "flash-address-taken",
            };
            let to = if signed_in_candidate(&req) == Some(owner) {
                safe_next(&next).unwrap_or_else(|| urls::settings().to_owned())
            } else {
                urls::sign_in().to_owned()
            };
            Ok(see_other_with(&to, flash, &req))
        }
        Confirmed::Account { id, locale, next } => {
            sign_in(&session, id)?;
            let to = safe_next(&next).unwrap_or_else(|| urls::wallet().to_owned());
            let response = see_other_with(&to, "flash-account-confirmed", &req);
            Ok(remember_locale(response, locale, &req))
        }
        Confirmed::AddressHasAccount => Ok(see_other_with(
            urls::sign_in(),
            "flash-address-has-account",
            &req,
        )),
    }
}
