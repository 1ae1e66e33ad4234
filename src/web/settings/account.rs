//! The account forms of `/settings`: change the password, download all one's data, delete
//! the account.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, Responder, web};
use askama::Template;

use super::{SettingsPage, back};
use crate::accounts;
use crate::auth::password::NewPassword;
use crate::auth::throttle::{self, Check};
use crate::domain::EmailAddress;
use crate::urls;
use crate::web::client::client_ip;
use crate::web::forms::{Checked, Errors, html, ok, see_other_with};
use crate::web::page::Page;
use crate::web::session::{SignedIn, sign_in};
use crate::web::{AppState, WebError};

crate::form!(PasswordForm {
    current_password,
    new_password
});
crate::form!(DeleteForm { email, password });

/// Checks the current password before a change that needs it (a new password, deleting the
/// account); returns the message to show when it is wrong. Guesses are throttled like
/// signing in. An account without a password (providers only) has nothing to check.
async fn wrong_current_password(
    page: &Page,
    req: &HttpRequest,
    state: &AppState,
    user: SignedIn,
    given: &str,
) -> Result<Option<String>, WebError> {
    let stored = accounts::password_hash(&state.db, user.id()).await?;
    if stored.is_none() {
        return Ok(None);
    }
    let account = user.account(state).await?;
    let slot = state.hasher.slot()?;
    let email = EmailAddress::parse(&account.primary_email).ok();
    // A guess from a signed-in session counts like one at the sign-in form, from this client.
    let guess = throttle::Guess {
        email: email.as_ref(),
        client: client_ip(req, state.proxy_hops),
        known_device: None,
    };
    let check = throttle::check_password(
        &state.db,
        &state.throttle,
        slot,
        guess,
        given.to_owned(),
        stored,
    )
    .await?;
    Ok(match check {
        Check::Right => None,
        Check::Wrong => Some(page.msg("settings-password-wrong")),
        Check::Refused(refused) => {
            Some(page.count("sign-in-throttled", "minutes", refused.minutes()))
        }
    })
}

pub async fn change_password(
    page: Page,
    req: HttpRequest,
    session: Session,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let mut errors = Errors::default();
    if let Some(message) =
        wrong_current_password(&page, &req, &state, user, &form.current_password).await?
    {
        errors.add("current_password", message);
    }
    let new_password = NewPassword::parse(&form.new_password);
    if let Err(e) = &new_password {
        errors.add("new_password", page.msg(e.message_id()));
    }
    let new_password = match new_password {
        Ok(p) if errors.is_empty() => p,
        _ => {
            let mut again = SettingsPage::load(page, &state, user).await?;
            again.password_errors = errors;
            return again.invalid();
        }
    };
    let hash = state.hasher.hash(new_password).await??;
    accounts::passwords::change_password(&state.db, user.id(), &hash).await?;
    // Every other session ended with the change; this one goes on under a new id.
    sign_in(&session, user.id())?;
    Ok(back("flash-password-changed").respond_to(&req))
}

/// All one's data as a JSON file.
pub async fn export(user: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let export = accounts::export(&state.db, user.id()).await?;
    let body = serde_json::to_vec_pretty(&export).map_err(|e| WebError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"accolade-my-data.json\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Template)]
#[template(path = "settings/delete.html")]
struct DeletePage {
    page: Page,
    primary_email: String,
    has_password: bool,
    badges: usize,
    form: DeleteForm,
    errors: Errors,
}

async fn delete_page(
    page: Page,
    state: &AppState,
    user: SignedIn,
    form: DeleteForm,
    errors: Errors,
) -> Result<String, WebError> {
    let account = user.account(state).await?;
    let badges = crate::awards::wallet(&state.db, user.id()).await?.len();
    Ok(DeletePage {
        page,
        has_password: account.has_password,
        primary_email: account.primary_email,
        badges,
        form,
        errors,
    }
    .render()?)
}

pub async fn delete_form(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let body = delete_page(page, &state, user, DeleteForm::default(), Errors::default()).await?;
    Ok(ok(body))
}

/// Deletes the account once the primary address has been typed to confirm.
pub async fn delete(
    page: Page,
    req: HttpRequest,
    session: Session,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<DeleteForm>,
) -> Result<HttpResponse, WebError> {
    let account = user.account(&state).await?;
    let mut errors = Errors::default();
    let typed = EmailAddress::parse(&form.email).ok();
    if typed.as_ref().map(EmailAddress::as_str) != Some(account.primary_email.as_str()) {
        errors.add("email", page.msg("settings-delete-mismatch"));
    }
    if let Some(message) = wrong_current_password(&page, &req, &state, user, &form.password).await?
    {
        errors.add("password", message);
    }
    if !errors.is_empty() {
        let mut form = form;
        form.password.clear();
        let body = delete_page(page, &state, user, form, errors).await?;
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
    }
    accounts::delete(&state.db, user.id()).await?;
    session.purge();
    Ok(see_other_with(urls::home(), "flash-account-deleted", &req))
}
