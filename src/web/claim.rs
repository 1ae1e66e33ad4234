//! `/claim/{token}`: the link of a notification email. It shows the badge; the candidate
//! signs in or signs up (the address pre-filled, coming back here afterwards), adds the
//! award's address to their account if it is not there yet, then accepts or declines.
//!
//! `/reminders/stop/{token}`: the link in every reminder, which stops the reminders of that
//! award.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::accounts::link_problem;
use super::forms::{Checked, ok, see_other_with};
use super::page::Page;
use super::path::InPath;
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

/// Why a claim or reminder link cannot be used: its status, and the message ids of the
/// heading and text of its page.
type Problem = (StatusCode, &'static str, &'static str);

const UNKNOWN: Problem = (
    StatusCode::NOT_FOUND,
    "claim-unknown-heading",
    "claim-unknown-text",
);

/// The page of a link that cannot be used, offering the wallet instead.
fn problem(page: Page, (status, heading, text): Problem) -> Result<HttpResponse, WebError> {
    link_problem(page, status, heading, text, (urls::wallet(), "wallet-open"))
}

/// The badge of a usable link, or the page that explains why it is not usable.
async fn usable(
    page: Page,
    state: &AppState,
    token: &SecretToken,
) -> Result<Result<(Page, EarnedBadge), HttpResponse>, WebError> {
    let why = match awards::claim(&state.db, token).await? {
        Claim::Unknown => UNKNOWN,
        Claim::Found { badge, .. } if badge.state == AwardState::Revoked => (
            StatusCode::GONE,
            "claim-revoked-heading",
            "claim-revoked-text",
        ),
        Claim::Found { used: true, .. } => {
            (StatusCode::GONE, "claim-used-heading", "claim-used-text")
        }
        Claim::Found { expired: true, .. } => (
            StatusCode::GONE,
            "claim-expired-heading",
            "claim-expired-text",
        ),
        Claim::Found { badge, .. } => return Ok(Ok((page, *badge))),
    };
    Ok(Err(problem(page, why)?))
}

pub async fn get(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
) -> Result<HttpResponse, WebError> {
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
    token: InPath<SecretToken>,
    Checked(form): Checked<DecisionForm>,
) -> Result<HttpResponse, WebError> {
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

/// The stop-reminders page of a link: its button, or (`done`) that the reminders stopped;
/// the unknown-link page when the link names no award.
fn stop_page(
    page: Page,
    token: &SecretToken,
    known: bool,
    done: bool,
) -> Result<HttpResponse, WebError> {
    if !known {
        return problem(page, UNKNOWN);
    }
    let claim = urls::claim(token);
    Ok(ok(StopPage { page, claim, done }.render()?))
}

pub async fn stop_reminders_form(
    page: Page,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
) -> Result<HttpResponse, WebError> {
    let claim = awards::claim(&state.db, &token).await?;
    stop_page(page, &token, !matches!(claim, Claim::Unknown), false)
}

pub async fn stop_reminders(
    page: Page,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
    Checked(_): Checked<StopForm>,
) -> Result<HttpResponse, WebError> {
    let stopped = awards::stop_reminders(&state.db, &token).await?;
    stop_page(page, &token, stopped, true)
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
    token: InPath<SecretToken>,
    form: web::Form<OneClick>,
) -> Result<HttpResponse, WebError> {
    if form.list_unsubscribe != "One-Click" {
        return Err(WebError::BadForm);
    }
    if !awards::stop_reminders(&state.db, &token).await? {
        return Err(WebError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
