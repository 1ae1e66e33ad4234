//! `/password/forgot` and `/password/reset/{token}`: a single-use link, valid for an hour,
//! to choose a new password. Setting it ends every other session of the account.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::CheckEmail;
use super::confirm::problem;
use crate::accounts::links::{self, Purpose, Taken};
use crate::accounts::{self};
use crate::auth::password::{self, NewPassword};
use crate::domain::{EmailAddress, SecretToken};
use crate::mail::notices::{self, Queued};
use crate::web::forms::{Checked, Errors, html, ok, see_other_with};
use crate::web::page::Page;
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
    token: String,
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
    state: web::Data<AppState>,
    Checked(form): Checked<ForgotForm>,
) -> Result<HttpResponse, WebError> {
    let Ok(email) = EmailAddress::parse(&form.email) else {
        let mut errors = Errors::default();
        errors.add("email", page.msg("form-email-invalid"));
        let body = ForgotPage { page, form, errors }.render()?;
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
    };
    let mut tx = state.db.begin().await?;
    match accounts::find_by_email(&state.db, &email).await? {
        Some((id, _, locale)) => {
            let name: String =
                sqlx::query_scalar("SELECT display_name FROM candidates WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            // A new link replaces the ones sent before.
            links::revoke(&mut tx, id, Purpose::ResetPassword).await?;
            let token = links::create(
                &mut tx,
                Purpose::ResetPassword,
                &email,
                Some(id),
                serde_json::json!({}),
            )
            .await?;
            let queued = Queued::PasswordReset {
                name: &name,
                token: &token,
            };
            notices::queue(&mut tx, &email, notices::locale_of(&locale), queued).await?;
        }
        None => {
            notices::queue(&mut tx, &email, page.t.locale, Queued::PasswordResetUnknown).await?;
        }
    }
    tx.commit().await?;
    let heading = page.msg("forgot-sent-heading");
    let text = page.msg1("forgot-sent-text", "email", email.as_str());
    Ok(ok(CheckEmail {
        page,
        heading,
        text,
    }
    .render()?))
}

pub async fn reset_form(
    page: Page,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    let mut conn = state.db.acquire().await?;
    match links::peek(&mut conn, &token, &[Purpose::ResetPassword]).await? {
        Taken::Valid(_) => Ok(ok(ResetPage {
            page,
            token: token.expose().to_owned(),
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
    token: web::Path<String>,
    Checked(form): Checked<ResetForm>,
) -> Result<HttpResponse, WebError> {
    let token = SecretToken::from_presented(&token);
    let new_password = match NewPassword::parse(&form.password) {
        Ok(p) => p,
        Err(e) => {
            let mut errors = Errors::default();
            errors.add("password", page.msg(e.message_id()));
            let body = ResetPage {
                page,
                token: token.expose().to_owned(),
                errors,
            }
            .render()?;
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
        }
    };
    let hash = password::hash_blocking(new_password).await?;
    let mut tx = state.db.begin().await?;
    let link = match links::take(&mut tx, &token, &[Purpose::ResetPassword]).await? {
        Taken::Valid(link) => link,
        other => return problem(page, &other),
    };
    let Some(id) = link.candidate_id else {
        return problem(page, &Taken::Unknown);
    };
    accounts::set_password(&mut tx, id, &hash).await?;
    tx.commit().await?;
    sign_in(&session, id)?;
    Ok(see_other_with("/wallet", "flash-password-reset", &req))
}
