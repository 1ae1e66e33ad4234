//! `/wallet`: the candidate's badges (pending, earned, declined), a badge's detail, and the
//! forms that accept, decline or hide them.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::forms::{Checked, Flash, ok};
use super::page::Page;
use super::path::InPath;
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

pub async fn show(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
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
    state: &AppState,
    user: SignedIn,
    id: &AwardId,
    back: &str,
    to: AwardState,
) -> Result<Flash, WebError> {
    let outcome = awards::set_state(&state.db, user.id(), id, to).await?;
    let flash = match (outcome, to) {
        (Changed::NotYours, _) => return Err(WebError::NotFound),
        (Changed::Revoked, _) => "flash-badge-revoked",
        (_, AwardState::Accepted) => "flash-badge-accepted",
        _ => "flash-badge-declined",
    };
    Ok(Flash::new(back_to(back, id), flash))
}

pub async fn accept(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
    Checked(form): Checked<ActionForm>,
) -> Result<Flash, WebError> {
    change(&state, user, &id, &form.back, AwardState::Accepted).await
}

pub async fn decline(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
    Checked(form): Checked<ActionForm>,
) -> Result<Flash, WebError> {
    change(&state, user, &id, &form.back, AwardState::Declined).await
}

pub async fn accept_all(
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(_): Checked<ActionForm>,
) -> Result<Flash, WebError> {
    awards::accept_all(&state.db, user.id()).await?;
    Ok(Flash::new(urls::wallet(), "flash-badges-accepted"))
}

pub async fn visibility(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
    Checked(form): Checked<VisibilityForm>,
) -> Result<Flash, WebError> {
    let visibility = Visibility::parse(&form.visibility).ok_or(WebError::BadForm)?;
    if !awards::set_visibility(&state.db, user.id(), &id, visibility).await? {
        return Err(WebError::NotFound);
    }
    let flash = if visibility.is_public() {
        "flash-badge-public"
    } else {
        "flash-badge-private"
    };
    Ok(Flash::new(back_to(&form.back, &id), flash))
}
