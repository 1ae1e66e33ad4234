//! `/admin/awards`: find an award by its id and revoke it with a reason, through
//! `awards::revoke`, the function of `accolade award revoke` (the audit row, the email to
//! its earner, the revocation list).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::super::forms::{Checked, Errors, html, ok, see_other_with};
use super::super::page::Page;
use super::super::staff::Admin;
use super::super::{AppState, WebError};
use crate::awards::{self, AwardFacts, MAX_REASON, Revoked};
use crate::domain::{AwardId, AwardState};
use crate::urls;

crate::form!(RevokeForm { award_id, reason });

#[derive(Debug, Default, Deserialize)]
pub struct Query {
    #[serde(default)]
    id: String,
}

#[derive(Template)]
#[template(path = "admin/awards.html")]
struct AwardsPage {
    page: Page,
    section: &'static str,
    /// What was looked up.
    id: String,
    /// `None`: nothing looked up, or nothing found (`not_found`).
    award: Option<AwardFacts>,
    not_found: bool,
    form: RevokeForm,
    errors: Errors,
}

impl AwardsPage {
    fn state(&self, award: &AwardFacts) -> String {
        self.page.msg(match award.state {
            AwardState::Pending => "admin-award-pending",
            AwardState::Accepted => "admin-award-accepted",
            AwardState::Declined => "admin-award-declined",
            AwardState::Revoked => "admin-award-revoked",
        })
    }

    fn pill(&self, award: &AwardFacts) -> &'static str {
        match award.state {
            AwardState::Pending => "pill-pending",
            AwardState::Accepted => "pill-valid",
            AwardState::Declined => "pill-expired",
            AwardState::Revoked => "pill-revoked",
        }
    }

    fn revoked(&self, award: &AwardFacts) -> bool {
        award.state == AwardState::Revoked
    }

    fn max_reason(&self) -> i64 {
        MAX_REASON as i64
    }
}

async fn lookup(state: &AppState, id: &str) -> Result<Option<AwardFacts>, WebError> {
    Ok(match AwardId::parse(id) {
        Some(id) => awards::facts(&state.db, &id).await?,
        None => None,
    })
}

pub async fn get(
    _admin: Admin,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<Query>,
) -> Result<HttpResponse, WebError> {
    let id = query.id.trim().to_owned();
    let award = match id.as_str() {
        "" => None,
        id => lookup(&state, id).await?,
    };
    let not_found = !id.is_empty() && award.is_none();
    let body = AwardsPage {
        page,
        section: "awards",
        form: RevokeForm {
            award_id: id.clone(),
            ..RevokeForm::default()
        },
        id,
        award,
        not_found,
        errors: Errors::default(),
    }
    .render()?;
    Ok(if not_found {
        html(StatusCode::NOT_FOUND, body)
    } else {
        ok(body)
    })
}

/// `POST /admin/awards`: revokes `award_id` for `reason`.
pub async fn post(
    admin: Admin,
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    Checked(form): Checked<RevokeForm>,
) -> Result<HttpResponse, WebError> {
    let id = AwardId::parse(form.award_id.trim()).ok_or(WebError::NotFound)?;
    let revoked = awards::revoke(&state.db, &id, &form.reason, super::actor(admin)).await?;
    let flash = match revoked {
        Revoked::Revoked => "admin-award-revoked-now",
        Revoked::AlreadyRevoked => "admin-award-already-revoked",
        Revoked::NotFound => return Err(WebError::NotFound),
        Revoked::BadReason => {
            let award = lookup(&state, id.as_str()).await?;
            let message = page.msg1("admin-reason-invalid", "max", MAX_REASON.to_string());
            let body = AwardsPage {
                page,
                section: "awards",
                id: id.as_str().to_owned(),
                award,
                not_found: false,
                form,
                errors: Errors::one("reason", message),
            }
            .render()?;
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
        }
    };
    Ok(see_other_with(&urls::admin_award(id.as_str()), flash, &req))
}
