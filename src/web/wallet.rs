//! `/wallet`: the candidate's badges (pending, earned, declined), a badge's detail, and the
//! forms that accept, decline or hide them.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{Checked, ok, see_other_with};
use super::page::Page;
use super::session::SignedIn;
use super::{AppState, WebError};
use crate::awards::{self, Changed, EarnedBadge};
use crate::domain::{AwardId, AwardState, Visibility};
use crate::urls;

crate::form!(ActionForm { back });
crate::form!(VisibilityForm { visibility, back });

#[derive(Template)]
#[template(path = "wallet/index.html")]
struct WalletPage {
    page: Page,
    pending: Vec<EarnedBadge>,
    earned: Vec<EarnedBadge>,
    declined: Vec<EarnedBadge>,
    revoked: Vec<EarnedBadge>,
}

#[derive(Template)]
#[template(path = "wallet/badge.html")]
struct BadgePage {
    page: Page,
    badge: EarnedBadge,
}

pub async fn index(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (mut pending, mut earned, mut declined, mut revoked) = (vec![], vec![], vec![], vec![]);
    for badge in awards::wallet(&state.db, user.id()).await? {
        match badge.state {
            AwardState::Pending => pending.push(badge),
            AwardState::Accepted => earned.push(badge),
            AwardState::Declined => declined.push(badge),
            AwardState::Revoked => revoked.push(badge),
        }
    }
    Ok(ok(WalletPage {
        page,
        pending,
        earned,
        declined,
        revoked,
    }
    .render()?))
}

fn award_id(raw: &str) -> Result<AwardId, WebError> {
    AwardId::parse(raw).ok_or(WebError::NotFound)
}

pub async fn show(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id = award_id(&id)?;
    let badge = awards::in_wallet(&state.db, user.id(), &id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(ok(BadgePage { page, badge }.render()?))
}

/// Where to go after a form: the wallet, or the badge's page when the form came from there.
fn back_to(back: &str, id: &AwardId) -> String {
    if back == "badge" {
        urls::wallet_badge(&id)
    } else {
        urls::wallet().to_owned()
    }
}

async fn change(
    req: &HttpRequest,
    state: &AppState,
    user: SignedIn,
    raw_id: &str,
    back: &str,
    to: AwardState,
) -> Result<HttpResponse, WebError> {
    let id = award_id(raw_id)?;
    let outcome = awards::set_state(&state.db, user.id(), &id, to).await?;
    let flash = match (outcome, to) {
        (Changed::NotYours, _) => return Err(WebError::NotFound),
        (Changed::Revoked, _) => "flash-badge-revoked",
        (_, AwardState::Accepted) => "flash-badge-accepted",
        _ => "flash-badge-declined",
    };
    Ok(see_other_with(&back_to(back, &id), flash, req))
}

pub async fn accept(
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<String>,
    Checked(form): Checked<ActionForm>,
) -> Result<HttpResponse, WebError> {
    change(&req, &state, user, &id, &form.back, AwardState::Accepted).await
}

pub async fn decline(
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<String>,
    Checked(form): Checked<ActionForm>,
) -> Result<HttpResponse, WebError> {
    change(&req, &state, user, &id, &form.back, AwardState::Declined).await
}

pub async fn accept_all(
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(_): Checked<ActionForm>,
) -> Result<HttpResponse, WebError> {
    awards::accept_all(&state.db, user.id()).await?;
    Ok(see_other_with(
        urls::wallet(),
        "flash-badges-accepted",
        &req,
    ))
}

pub async fn visibility(
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<String>,
    Checked(form): Checked<VisibilityForm>,
) -> Result<HttpResponse, WebError> {
    let id = award_id(&id)?;
    let visibility = Visibility::parse(&form.visibility).ok_or(WebError::BadForm)?;
    if !awards::set_visibility(&state.db, user.id(), &id, visibility).await? {
        return Err(WebError::NotFound);
    }
    let flash = if visibility.is_public() {
        "flash-badge-public"
    } else {
        "flash-badge-private"
    };
    Ok(see_other_with(&back_to(&form.back, &id), flash, &req))
}
