//! `/sign-in/second-factor`: staff give their second factor before a console opens — a code
//! of their authenticator app or one of their recovery codes, or a sign-in again through a
//! provider trusted for staff. Anyone without a role gets 404, as for the consoles.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::roles;
use crate::auth::second_factor::{self, Factor, Outcome};
use crate::urls;
use crate::web::forms::{Checked, Errors, html, see_other, see_other_with};
use crate::web::page::Page;
use crate::web::session::{SignedIn, safe_next};
use crate::web::staff::{factor_until, give_factor, remember_roles, trusted_providers_of};
use crate::web::{AppState, WebError};

crate::form!(SecondFactorForm { code, next });

#[derive(Template)]
#[template(path = "staff/second_factor.html")]
struct SecondFactorPage {
    page: Page,
    form: SecondFactorForm,
    errors: Errors,
    /// The account has an authenticator app set up (else only providers are offered).
    enrolled: bool,
    /// Trusted providers connected to the account: (name, label).
    providers: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Next {
    next: String,
}

/// What the page offers the signed-in staff member `user`; 404 without a role, and the
/// settings section when there is nothing to give yet.
async fn offer(
    state: &AppState,
    session: &Session,
    user: SignedIn,
) -> Result<Result<(bool, Vec<(String, String)>), HttpResponse>, WebError> {
    let held = roles::of(&state.db, user.id()).await?;
    remember_roles(session, held);
    if !held.any() {
        return Err(WebError::NotFound);
    }
    let enrolled = second_factor::is_enrolled(&state.db, user.id()).await?;
    let providers: Vec<(String, String)> = trusted_providers_of(state, user.id())
        .await?
        .into_iter()
        .filter_map(|name| {
            let label = state.providers.get(&name)?.label.clone();
            Some((name, label))
        })
        .collect();
    if !enrolled && providers.is_empty() {
        return Ok(Err(see_other(&urls::settings_section(
            urls::SECOND_FACTOR_SECTION,
        ))));
    }
    Ok(Ok((enrolled, providers)))
}

fn render(
    page: Page,
    status: StatusCode,
    form: SecondFactorForm,
    errors: Errors,
    (enrolled, providers): (bool, Vec<(String, String)>),
) -> Result<HttpResponse, WebError> {
    let body = SecondFactorPage {
        page,
        form,
        errors,
        enrolled,
        providers,
    }
    .render()?;
    Ok(html(status, body))
}

pub async fn get(
    page: Page,
    user: SignedIn,
    session: Session,
    state: web::Data<AppState>,
    query: web::Query<Next>,
) -> Result<HttpResponse, WebError> {
    let next = safe_next(&query.next).unwrap_or_default();
    let offer = match offer(&state, &session, user).await? {
        Ok(offer) => offer,
        Err(elsewhere) => return Ok(elsewhere),
    };
    if factor_until(&session, user.id(), &state.staff).is_some() {
        return Ok(see_other(if next.is_empty() {
            urls::staff()
        } else {
            &next
        }));
    }
    let form = SecondFactorForm {
        next,
        ..SecondFactorForm::default()
    };
    render(page, StatusCode::OK, form, Errors::default(), offer)
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    session: Session,
    state: web::Data<AppState>,
    Checked(mut form): Checked<SecondFactorForm>,
) -> Result<HttpResponse, WebError> {
    let offer = match offer(&state, &session, user).await? {
        Ok(offer) => offer,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let code = std::mem::take(&mut form.code);
    let (status, message) = if code.trim().is_empty() {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            page.msg("second-factor-code-missing"),
        )
    } else {
        let outcome = second_factor::verify(
            &state.db,
            &state.throttle,
            user.id(),
            &code,
            second_factor::now(),
        )
        .await?;
        match outcome {
            Outcome::Done(factor) => {
                give_factor(&session, user.id())?;
                let next = safe_next(&form.next).unwrap_or_else(|| urls::staff().to_owned());
                let flash = match factor {
                    Factor::Totp => "flash-second-factor-given",
                    Factor::RecoveryCode { left } if left <= 3 => "flash-recovery-codes-low",
                    Factor::RecoveryCode { .. } => "flash-recovery-code-used",
                };
                return Ok(see_other_with(&next, flash, &req));
            }
            Outcome::NotSetUp => {
                return Ok(see_other(&urls::settings_section(
                    urls::SECOND_FACTOR_SECTION,
                )));
            }
            Outcome::Wrong => (StatusCode::UNAUTHORIZED, page.msg("second-factor-wrong")),
            Outcome::Replayed => (StatusCode::UNAUTHORIZED, page.msg("second-factor-replayed")),
            Outcome::Refused(refused) => (
                StatusCode::TOO_MANY_REQUESTS,
                page.count("second-factor-throttled", "minutes", refused.minutes()),
            ),
        }
    };
    render(page, status, form, Errors::one("code", message), offer)
}
