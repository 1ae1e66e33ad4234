//! Local accounts: `/sign-up`, `/sign-in`, `/sign-out`, `/confirm/{token}`,
//! `/password/forgot`, `/password/reset/{token}`. One file per feature, one template each.
//!
//! Nothing here tells a visitor whether an address has an account: sign-up and the forgotten
//! password answer the same page either way, and the email tells the address's owner what
//! happened. A wrong password and an unknown address take the same time (a decoy hash).

pub mod confirm;
pub mod oidc;
pub mod password;
pub mod sign_in;
pub mod sign_up;

use actix_web::HttpRequest;
use askama::Template;

use super::page::Page;
use super::{AppState, WebError};
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
pub struct CheckEmail {
    pub page: Page,
    pub heading: String,
    pub text: String,
}

/// A link from an email that cannot be used: why, and what to do instead.
#[derive(Template)]
#[template(path = "accounts/link_problem.html")]
pub struct LinkProblem {
    pub page: Page,
    pub heading: String,
    pub text: String,
    /// Where to go instead, and its label.
    pub action: (String, String),
}
