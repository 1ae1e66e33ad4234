//! `/claim/{token}`: the link of a notification email. It shows the badge; the candidate
//! signs in or signs up (the address pre-filled, coming back here afterwards), adds the
//! award's address to their account if it is not there yet, then accepts or declines.
//!
//! `/reminders/stop/{token}`: the link in every reminder, which stops the reminders of that
//! award.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::accounts::LinkProblem;
use super::forms::{Checked, html, ok, see_other_with};
use super::page::Page;
use super::session::{SignedIn, signed_in_candidate};
use super::{AppState, WebError};
use crate::awards::{self, Changed, Claim, EarnedBadge};
use crate::domain::{AwardId, AwardState, SecretToken};
use crate::urls::{self, Then};

crate::form!(DecisionForm { decision });
crate::form!(StopForm {});

/// Who is looking at the claim page.
enum Viewer {
    /// Not signed in: offer sign-in and sign-up.
    Anonymous,
    /// Signed in, and the award is in their wallet.
    Owner,
    /// Signed in, but the award's address is not one of theirs.
    Other,
}

#[derive(Template)]
#[template(path = "claim/claim.html")]
struct ClaimPage {
    page: Page,
    badge: EarnedBadge,
    viewer: Viewer,
    /// This page (`/claim/{token}`): its forms post here, and sign-in comes back here.
    claim: String,
    /// Sign-in and sign-up with the award's address, coming back here.
    sign_in: String,
    sign_up: String,
}

fn link_problem(
    page: Page,
    status: StatusCode,
    heading: &str,
    text: &str,
) -> Result<HttpResponse, WebError> {
    let body = LinkProblem {
        heading: page.msg(heading),
        text: page.msg(text),
        action: (urls::wallet().to_owned(), page.msg("wallet-open")),
        page,
    }
    .render()?;
    Ok(html(status, body))
}

/// The badge of a usable link, or the page that explains why it is not usable.
async fn usable(
    page: Page,
    state: &AppState,
    token: &SecretToken,
) -> Result<Result<(Page, EarnedBadge), HttpResponse>, WebError> {
    match awards::claim(&state.db, token).await? {
        Claim::Unknown => Ok(Err(link_problem(
            page,
            StatusCode::NOT_FOUND,
            "claim-unknown-heading",
            "claim-unknown-text",
        )?)),
        Claim::Found { badge, .. } if badge.state == AwardState::Revoked => Ok(Err(link_problem(
            page,
            StatusCode::GONE,
            "claim-revoked-heading",
            "claim-revoked-text",
        )?)),
        Claim::Found { used: true, .. } => Ok(Err(link_problem(
            page,
            StatusCode::GONE,
            "claim-used-heading",
            "claim-used-text",
        )?)),
        Claim::Found { expired: true, .. } => Ok(Err(link_problem(
            page,
            StatusCode::GONE,
            "claim-expired-heading",
            "claim-expired-text",
        )?)),
        Claim::Found { badge, .. } => Ok(Ok((page, *badge))),
    }
}

pub async fn get(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    let (page, badge) = match usable(page, &state, &token).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let viewer = match signed_in_candidate(&req) {
        None => Viewer::Anonymous,
        Some(id) if badge.candidate_id == Some(id) => Viewer::Owner,
        Some(_) => Viewer::Other,
    };
    let claim = urls::claim(&token);
    let then = Then {
        email: Some(&badge.recipient_email),
        next: Some(&claim),
    };
    let (sign_in, sign_up) = (urls::sign_in_then(then), urls::sign_up_then(then));
    Ok(ok(ClaimPage {
        page,
        claim,
        sign_in,
        sign_up,
        badge,
        viewer,
    }
    .render()?))
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    token: web::Path<String>,
    Checked(form): Checked<DecisionForm>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    let (_, badge) = match usable(page, &state, &token).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let to = match form.decision.as_str() {
        "accept" => AwardState::Accepted,
        "decline" => AwardState::Declined,
        _ => return Err(WebError::BadForm),
    };
    let id = AwardId::parse(&badge.id).ok_or(WebError::NotFound)?;
    match awards::set_state(&state.db, user.id(), &id, to).await? {
        // Someone else's award: the claim page explains how to add the address.
        Changed::NotYours => Ok(see_other_with(
            &urls::claim(&token),
            "flash-claim-not-yours",
            &req,
        )),
        _ => {
            let flash = if to == AwardState::Accepted {
                "flash-badge-accepted"
            } else {
                "flash-badge-declined"
            };
            Ok(see_other_with(&urls::wallet_badge(&id), flash, &req))
        }
    }
}

#[derive(Template)]
#[template(path = "claim/stop_reminders.html")]
struct StopPage {
    page: Page,
    /// The claim page of the award.
    claim: String,
    done: bool,
}

pub async fn stop_reminders_form(
    page: Page,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    if let Claim::Unknown = awards::claim(&state.db, &token).await? {
        return link_problem(
            page,
            StatusCode::NOT_FOUND,
            "claim-unknown-heading",
            "claim-unknown-text",
        );
    }
    Ok(ok(StopPage {
        page,
        claim: urls::claim(&token),
        done: false,
    }
    .render()?))
}

pub async fn stop_reminders(
    page: Page,
    state: web::Data<AppState>,
    token: web::Path<String>,
    Checked(_): Checked<StopForm>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    if !awards::stop_reminders(&state.db, &token).await? {
        return link_problem(
            page,
            StatusCode::NOT_FOUND,
            "claim-unknown-heading",
            "claim-unknown-text",
        );
    }
    Ok(ok(StopPage {
        page,
        claim: urls::claim(&token),
        done: true,
    }
    .render()?))
}

/// The body a mail client posts for a one-click unsubscribe (RFC 8058).
#[derive(serde::Deserialize)]
pub struct OneClick {
    #[serde(rename = "List-Unsubscribe")]
    list_unsubscribe: String,
}

/// `POST /reminders/stop/{token}/one-click`: the `List-Unsubscribe` address of reminders. A
/// mail client posts it without cookies, so it takes no CSRF token: the 256-bit token in the
/// path is the proof, and the action only stops reminders.
pub async fn stop_reminders_one_click(
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: web::Form<OneClick>,
) -> Result<HttpResponse, WebError> {
    if form.list_unsubscribe != "One-Click" {
        return Err(WebError::BadForm);
    }
    let token = SecretToken::from_presented(&token);
    if !awards::stop_reminders(&state.db, &token).await? {
        return Err(WebError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
