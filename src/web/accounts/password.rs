//! `/password/forgot` and `/password/reset/{token}`: a single-use link, valid for an hour,
//! to choose a new password. Setting it ends every other session of the account.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::confirm::problem;
use super::{check_email, ensure_mail_allowed};
use crate::accounts::links::Taken;
use crate::accounts::{self, passwords::Reset};
use crate::auth::password::NewPassword;
use crate::domain::{EmailAddress, SecretToken};
use crate::urls;
use crate::web::forms::{Checked, Errors, html, ok, remember_locale, see_other_with};
use crate::web::page::Page;
use crate::web::path::InPath;
use crate::web::session::sign_in;
use crate::web::{AppState, WebError};

crate::form!(ForgotForm { email });
crate::form!(ResetForm { password });

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    page: Page,
    form: ForgotForm,
    errors: Errors,
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    page: Page,
    errors: Errors,
}

pub async fn forgot_form(page: Page) -> Result<HttpResponse, WebError> {
    Ok(ok(ForgotPage {
        page,
        form: ForgotForm::default(),
        errors: Errors::default(),
    }
    .render()?))
}

pub async fn forgot(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    Checked(form): Checked<ForgotForm>,
) -> Result<HttpResponse, WebError> {
    let Ok(email) = EmailAddress::parse(&form.email) else {
        let errors = Errors::one("email", page.msg("form-email-invalid"));
        let body = ForgotPage { page, form, errors }.render()?;
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
    };
    ensure_mail_allowed(&state, &req).await?;
    accounts::passwords::request_reset(&state.db, &email, page.t.locale).await?;
    check_email(page, "forgot-sent-heading", "forgot-sent-text", &email)
}

pub async fn reset_form(
    page: Page,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
) -> Result<HttpResponse, WebError> {
    match accounts::passwords::reset_link(&state.db, &token).await? {
        Taken::Valid(_) => Ok(ok(ResetPage {
            page,
            errors: Errors::default(),
        }
        .render()?)),
        other => problem(page, &other),
    }
}

pub async fn reset(
    page: Page,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
    Checked(form): Checked<ResetForm>,
) -> Result<HttpResponse, WebError> {
    let new_password = match NewPassword::parse(&form.password) {
        Ok(p) => p,
        Err(e) => {
            let errors = Errors::one("password", page.msg(e.message_id()));
            let body = ResetPage { page, errors }.render()?;
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
        }
    };
    let hash = state.hasher.hash(new_password).await??;
    let id = match accounts::passwords::reset(&state.db, &token, &hash).await? {
        Reset::Done(id) => id,
        Reset::Refused(taken) => return problem(page, &taken),
    };
    sign_in(&session, id)?;
    let response = see_other_with(urls::wallet(), "flash-password-reset", &req);
    match accounts::get(&state.db, id).await? {
        Some(account) => Ok(remember_locale(response, account.locale(), &req)),
        None => Ok(response),
    }
}
