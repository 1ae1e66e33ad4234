//! Local accounts: `/sign-up`, `/sign-in`, `/sign-out`, `/confirm/{token}`,
//! `/password/forgot`, `/password/reset/{token}`. One file per feature, one template each.
//!
//! Nothing here tells a visitor whether an address has an account: sign-up and the forgotten
//! password answer the same page either way, and the email tells the address's owner what
//! happened. A wrong password and an unknown address take the same time (a decoy hash).

pub mod confirm;
pub mod oidc;
pub mod password;
pub mod second_factor;
pub mod sign_in;
pub mod sign_up;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::forms::{html, ok};
use super::page::Page;
use super::{AppState, WebError};
use crate::domain::EmailAddress;
use crate::urls;

/// Refuses (429) a client that asked for too many account emails lately, whatever the
/// addresses: a form that mails an address anyone types must not mail hundreds of them.
pub async fn ensure_mail_allowed(state: &AppState, req: &HttpRequest) -> Result<(), WebError> {
    let client = super::client::client_ip(req, state.proxy_hops);
    match crate::auth::throttle::reserve_mail(&state.db, &state.throttle, client).await? {
        Ok(()) => Ok(()),
        Err(refused) => Err(WebError::Throttled(refused.minutes())),
    }
}

pub use crate::accounts::profile::parse_display_name;

/// "Check your email": the same page whether or not the address has an account.
#[derive(Template)]
#[template(path = "accounts/check_email.html")]
struct CheckEmail {
    page: Page,
    heading: String,
    text: String,
}

/// The "check your email" page: `heading` and `text` are message ids, the text naming the
/// address the email went to.
pub fn check_email(
    page: Page,
    heading: &str,
    text: &str,
    email: &EmailAddress,
) -> Result<HttpResponse, WebError> {
    let heading = page.msg(heading);
    let text = page.msg1(text, "email", email.as_str());
    Ok(ok(CheckEmail {
        page,
        heading,
        text,
    }
    .render()?))
}

/// A link from an email that cannot be used: why, and what to do instead.
#[derive(Template)]
#[template(path = "accounts/link_problem.html")]
struct LinkProblem {
    page: Page,
    heading: String,
    text: String,
    /// Where to go instead, and its label.
    action: (String, String),
}

/// Why a link cannot be used (or a sign-in did not work), with its status: `heading` and
/// `text` are message ids, `instead` where to go instead and the message id of its label.
pub fn link_problem(
    page: Page,
    status: StatusCode,
    heading: &str,
    text: &str,
    instead: (&str, &str),
) -> Result<HttpResponse, WebError> {
    let (to, label) = instead;
    let body = LinkProblem {
        heading: page.msg(heading),
        text: page.msg(text),
        action: (to.to_owned(), page.msg(label)),
        page,
    }
    .render()?;
    Ok(html(status, body))
}
